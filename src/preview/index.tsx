import { createRoot } from 'react-dom/client';
import { MemoryWorkbook } from '../workbook/memory/memoryWorkbook';
import { PreviewApp } from './PreviewApp';
import { loadSampleWorkbook } from './sample';

/** Entry of the preview host (`npm start`): never part of the production add-in build. */
async function main(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) return;
  const params = new URLSearchParams(location.search);
  const language = params.get('lang') ?? 'zh-CN';
  document.documentElement.lang = language.startsWith('zh') ? 'zh-CN' : 'en-US';
  const workbook = new MemoryWorkbook({ blankAs: params.get('blank') === 'zero' ? 'zero' : 'null' });
  if (params.get('empty') === null) await loadSampleWorkbook(workbook);
  (window as unknown as { __kpiPreview?: MemoryWorkbook }).__kpiPreview = workbook; // for browser tests
  createRoot(root).render(<PreviewApp workbook={workbook} language={language} />);
}

void main();
