import { resolveLocale, type Messages } from '../domain/i18n/messages';
import { App } from '../taskpane/App';
import type { FilesHost, SelfTestHost } from '../taskpane/host';
import type { MessageKey } from '../taskpane/i18n';
import type { MemoryWorkbook } from '../workbook/memory/memoryWorkbook';
import { SpreadsheetView } from './SpreadsheetView';

/** 导出模板 in the preview: downloads, as in Excel on the web. */
const PREVIEW_FILES: FilesHost = {
  delivery: 'download',
  fileWorkbook: () =>
    import(/* webpackChunkName: "file-workbook" */ '../workbook/files/fileWorkbook').then(
      (m) => () => new m.FileWorkbook(),
    ),
};

/** The sample mail (a correction, a late file), made when first asked for. */
const loadSampleFiles = () =>
  import(/* webpackChunkName: "file-workbook" */ './sampleFiles').then((m) => m.sampleFiles());

/** The preview host: the in-memory workbook beside the real task pane, no Excel needed. */
export function PreviewApp({
  workbook,
  language,
  messages,
  selfTest,
}: {
  readonly workbook: MemoryWorkbook;
  readonly language: string;
  readonly messages: Messages<MessageKey>;
  readonly selfTest?: SelfTestHost;
}) {
  return (
    <div className="preview">
      <header>
        <h1>五大攻坚战指标推进 · 预览</h1>
        <p>无需 Excel：左侧为内存工作簿（公式由真实计算引擎计算），右侧为加载项任务窗格。/ Preview without Excel.</p>
      </header>
      <SpreadsheetView workbook={workbook} />
      <aside className="pane" aria-label="任务窗格 / Task pane">
        <App
          port={workbook}
          host={{ language, files: PREVIEW_FILES, sampleFiles: loadSampleFiles, ...(selfTest ? { selfTest } : {}) }}
          locale={resolveLocale(language)}
          messages={messages}
        />
      </aside>
    </div>
  );
}
