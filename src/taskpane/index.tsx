import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { resolveLocale, type Locale, type Messages } from '../domain/i18n/messages';
import { lazyPort } from '../workbook/lazyPort';
import { App } from './App';
import {
  applyDocumentLocale,
  loadMessages,
  loadMoreMessages,
  loadShellMessages,
  translator,
  type MessageKey,
} from './i18n';
import packageJson from '../../package.json';
import type { HostInfo } from './host';
import { officeHostInfo } from './officeHost';
import { officeEnvironment, selfTestFlags } from './selfTestHost';

/**
 * The composition root, the one task-pane module that touches Office.js: in Excel it builds the Excel port and
 * the host info and mounts App; anywhere else (a plain browser tab; office.js not loaded, e.g. its CDN blocked)
 * it says where the page has to be opened. The preview host mounts the same App with its own port and host.
 *
 * Before first paint the page waits only for this entry and the messages of its language. The Excel adapter starts
 * loading beside Office.onReady without being waited for: the first workbook call waits for it (lazyPort). The
 * feature panels and the not-in-Office message load when they are shown.
 */
function rootElement(): HTMLElement {
  const root = document.getElementById('root');
  if (!root) throw new Error('taskpane.html has no #root element');
  return root;
}

function mount(locale: Locale, messages: Messages<MessageKey>, node: ReactNode): void {
  // The display language is fixed for the session (Office reloads add-ins when it changes).
  applyDocumentLocale(document, locale, translator(messages));
  createRoot(rootElement()).render(node);
}

/**
 * When the pane cannot start (its messages or code could not be loaded: a network or intranet server hiccup), it
 * says so in both languages instead of staying blank; the developer gets the error in the console.
 */
function startFailed(error: unknown): void {
  console.error(error);
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.style.padding = '12px';
  p.textContent = '任务窗格未能加载，请关闭后重新打开。/ The task pane could not load: close it and open it again.';
  rootElement().replaceChildren(p);
}

async function mountNotInOffice(): Promise<void> {
  const dark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  const locale = resolveLocale(navigator.language);
  const [{ NotInOffice }, messages] = await Promise.all([
    import(/* webpackChunkName: "not-in-office" */ './NotInOffice'),
    loadMessages(locale),
  ]);
  mount(locale, messages, <NotInOffice locale={locale} messages={messages} dark={dark} />);
}

const excelAdapter = () => import(/* webpackChunkName: "excel-port" */ '../workbook/excel/excelWorkbook');

/** 设置 → 自检 in Excel: the port contract against a fresh Excel adapter, its code loaded when first run. */
function excelSelfTest(): NonNullable<HostInfo['selfTest']> {
  const flags = selfTestFlags(location.search);
  return {
    ...flags,
    environment: () => officeEnvironment(Office, packageJson.version),
    target: () =>
      import(/* webpackChunkName: "selftest" */ '../workbook/excel/excelContract').then((m) => m.excelContractTarget()),
  };
}

/**
 * 导出模板 in Excel: Excel desktop (Windows, Mac) with ExcelApi 1.8 opens each file as a new workbook
 * (Excel.createWorkbook), since a task pane's download is not something its web view is known to allow; Excel on the
 * web, and an older desktop, offer a download.
 */
function excelFiles(): NonNullable<HostInfo['files']> {
  const platform = Office.context.platform;
  const desktop = platform === Office.PlatformType.PC || platform === Office.PlatformType.Mac;
  const canCreate = Office.context.requirements.isSetSupported('ExcelApi', '1.8');
  const fileWorkbook = () =>
    import(/* webpackChunkName: "file-workbook" */ '../workbook/files/fileWorkbook').then(
      (m) => () => new m.FileWorkbook(),
    );
  if (!desktop || !canCreate) return { delivery: 'download', fileWorkbook };
  return {
    delivery: 'newWorkbook',
    fileWorkbook,
    openWorkbook: (bytes) =>
      import(/* webpackChunkName: "excel-port" */ '../workbook/excel/createWorkbook').then((m) =>
        m.openAsNewWorkbook(bytes),
      ),
  };
}

if (typeof Office !== 'undefined' && typeof Office.onReady === 'function') {
  // Fetched beside Office.onReady, not waited for; a failed fetch is tried again by the first call that needs it.
  excelAdapter().catch(() => undefined);
  const port = lazyPort(() => excelAdapter().then((m) => m.createExcelWorkbook()));
  Office.onReady()
    .then(async ({ host }) => {
      if (host !== Office.HostType.Excel) return mountNotInOffice();
      const info: HostInfo = { ...officeHostInfo(Office), selfTest: excelSelfTest(), files: excelFiles() };
      const locale = resolveLocale(info.language);
      // The shell's messages before the first paint; the rest right after (each feature panel waits for them).
      const messages = await loadShellMessages(locale);
      mount(locale, messages, <App port={port} host={info} locale={locale} messages={messages} />);
      loadMoreMessages().catch(() => undefined); // a failed fetch is tried again by the panel that needs it
    })
    .catch(startFailed);
} else {
  mountNotInOffice().catch(startFailed);
}
