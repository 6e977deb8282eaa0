import { createRoot } from 'react-dom/client';
import { resolveLocale } from '../domain/i18n/messages';
import { loadMessages } from '../taskpane/i18n';
import { MemoryWorkbook } from '../workbook/memory/memoryWorkbook';
import { memoryContractTarget } from '../workbook/memory/memoryContract';
import packageJson from '../../package.json';
import type { SelfTestHost } from '../taskpane/host';
import { selfTestFlags } from '../taskpane/selfTestHost';
import { PreviewApp } from './PreviewApp';
import { loadSampleWorkbook } from './sample';

/** Entry of the preview host (`npm start`): never part of the production add-in build. */
async function main(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) return;
  const params = new URLSearchParams(location.search);
  const language = params.get('lang') ?? 'zh-CN';
  const locale = resolveLocale(language);
  document.documentElement.lang = locale;
  const messages = await loadMessages(locale);
  const workbook = new MemoryWorkbook({ blankAs: params.get('blank') === 'zero' ? 'zero' : 'null' });
  if (params.get('empty') === null) {
    // measured for the browser tests (performance.getEntriesByName('kpi-sample-load')): the sample is 31 sheets
    const start = performance.now();
    await loadSampleWorkbook(workbook);
    performance.measure('kpi-sample-load', { start, end: performance.now() });
  }
  (window as unknown as { __kpiPreview?: MemoryWorkbook }).__kpiPreview = workbook; // for browser tests
  // 设置 → 自检 runs the port contract against the memory workbook shown beside the pane.
  const selfTest: SelfTestHost = {
    ...selfTestFlags(location.search),
    environment: () => ({
      addinVersion: packageJson.version,
      host: '预览 / preview',
      platform: 'browser',
      excelVersion: '— (内存工作簿 / memory workbook)',
    }),
    target: async () => memoryContractTarget(workbook),
  };
  createRoot(root).render(
    <PreviewApp workbook={workbook} language={language} messages={messages} selfTest={selfTest} />,
  );
}

void main();
