import type { Light } from '../calc/calc';
import type { MessageKey, MessageParams } from '../i18n/messages';
import type { MatrixCell } from './matrix';

/**
 * What 汇总 shows beyond one month's consolidation (SPEC §10): last month and the change per indicator, the
 * 督办清单, and which submissions came in late. They come from the history (the bulletin layer, above this one), so
 * they are handed in as plain data declared here: consolidation never imports bulletin. The use case maps the
 * month's bulletin onto these (workbook/usecases/consolidate). Without them (a caller with no history) the trend
 * columns are blank and the 督办清单 says there is nothing to supervise.
 */

/** One indicator's trend: last month's attainment and light, and the change in words (好转 / 持平 / 下滑 / why none). */
export interface SummaryTrend {
  readonly code: string;
  readonly previousAttainment: number | null;
  /** Last month's light; null when there was no record or no light. */
  readonly previousLight: Light | null;
  readonly change: 'better' | 'same' | 'worse' | null;
  /** The change's words (or why there is none): a message key of the sheets' words. */
  readonly changeKey: MessageKey;
}

/** One line of the 督办清单: an indicator escalated to 督办 or 效能监察, its run of lights month by month. */
export interface SummarySupervision {
  readonly level: 'supervision' | 'inspection';
  readonly code: string;
  readonly department: string;
  readonly months: readonly { readonly month: number; readonly light: Light; readonly reason: string }[];
  /** The run in words (连续 2 个月黄灯或红灯): a message of the sheets' words (`…Key` parameters translated). */
  readonly run: { readonly key: MessageKey; readonly params: MessageParams };
}

export interface SummaryExtras {
  readonly trends?: readonly SummaryTrend[];
  readonly supervision?: readonly SummarySupervision[];
  /** Counted submissions saved after the deadline (逾期), by department and campaign. */
  readonly overdue?: readonly Pick<MatrixCell, 'department' | 'campaignId'>[];
}
