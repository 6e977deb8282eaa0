import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { resolveLocale } from '../domain/i18n/messages';
import { createExcelWorkbook } from '../workbook/excel/excelWorkbook';
import { App } from './App';
import { applyDocumentLocale } from './i18n';
import { NotInOffice } from './NotInOffice';
import { officeHostInfo } from './officeHost';

/**
 * The composition root, the one task-pane module that touches Office.js: in Excel it builds the Excel port and
 * the host info and mounts App; anywhere else (a plain browser tab; office.js not loaded, e.g. its CDN blocked)
 * it says where the page has to be opened. The preview host mounts the same App with its own port and host.
 */
function mount(language: string, node: ReactNode): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('taskpane.html has no #root element');
  // The display language is fixed for the session (Office reloads add-ins when it changes).
  applyDocumentLocale(document, resolveLocale(language));
  createRoot(root).render(node);
}

function mountNotInOffice(): void {
  const dark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  mount(navigator.language, <NotInOffice language={navigator.language} dark={dark} />);
}

if (typeof Office !== 'undefined' && typeof Office.onReady === 'function') {
  // A failure here rejects this promise and surfaces as an unhandled rejection in the console: not swallowed.
  void Office.onReady().then(({ host }) => {
    if (host !== Office.HostType.Excel) return mountNotInOffice();
    const info = officeHostInfo(Office);
    mount(info.language, <App port={createExcelWorkbook()} host={info} />);
  });
} else {
  mountNotInOffice();
}
