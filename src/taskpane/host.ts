import type { ContractTarget } from '../workbook/contract/target';
import type { SelfTestEnvironment } from '../workbook/usecases/selfTest';
import type { SavableWorkbook } from '../workbook/usecases/exportTemplates';

/**
 * What the task pane needs to know about the application hosting it, as plain data. Excel (index.tsx, via
 * officeHost.ts) and the preview host both build one, so that both mount the same App.
 */

/** The host's UI theme, as far as the host reports it. */
export interface HostTheme {
  /** Body background colour, e.g. "#FFFFFF" (Office.context.officeTheme.bodyBackgroundColor). */
  readonly bodyBackgroundColor?: string;
  /** Whether the host says its theme is dark (Office.context.officeTheme.isDarkTheme, where supported). */
  readonly isDark?: boolean;
}

export interface HostInfo {
  /** BCP 47 tag of the host's UI language (Office.context.displayLanguage), e.g. "zh-CN". */
  readonly language: string;
  /** The theme when the task pane started; undefined when the host reports none. */
  readonly theme?: HostTheme;
  /**
   * Calls `listener` when the host's theme changes; returns the unsubscribe function. Absent when the host
   * cannot report changes (Excel, today: see officeHost.ts).
   */
  onThemeChange?(listener: (theme: HostTheme) => void): () => void;
  /** 设置 → 自检: absent where the host offers none. */
  readonly selfTest?: SelfTestHost;
  /** 模板 → 导出模板: how this host hands files to the user; absent where it cannot (the section is not shown). */
  readonly files?: FilesHost;
  /**
   * The preview's sample mail: department files to import with one click in 汇总 (a correction resent a day later, a
   * file saved after the deadline), so that the sample's June bulletin shows 已被更正 and 逾期. Absent in Excel.
   */
  readonly sampleFiles?: () => Promise<File[]>;
}

/**
 * What 导出模板 needs from the host: the file adapter (its code loaded on first use) and how a file reaches the user —
 * a download (Excel on the web, the preview) or, in Excel desktop, a new workbook opened with the file
 * (Excel.createWorkbook, ExcelApi 1.8), which the user saves under the name shown.
 */
export interface FilesHost {
  readonly delivery: 'download' | 'newWorkbook';
  /** A factory of new, empty file workbooks. */
  fileWorkbook(): Promise<() => SavableWorkbook>;
  /** 'newWorkbook': opens a new workbook holding the file. */
  openWorkbook?(bytes: Uint8Array): Promise<void>;
}

/** What 设置 → 自检 needs from the host: where it runs, and a fresh contract target over its workbook. */
export interface SelfTestHost {
  environment(): SelfTestEnvironment;
  /** A new adapter over the workbook the pane is in, with its round trips counted (loaded on first use). */
  target(): Promise<ContractTarget>;
  /** Where 发送到测试服务器 posts: https://localhost:<port> (office-addin-test-server; 4201 by default). */
  readonly testServerPort: number;
  /** The page was opened with ?selftest=post: run 自检 at once and send the results (unattended runs). */
  readonly autoRun: boolean;
}
