import type { Consolidation } from '../consolidation/consolidate';
import type { SummaryExtras } from '../consolidation/summaryExtras';
import { runMessage } from './escalation';
import type { MonthBulletin } from './monthBulletin';
import { DEFAULT_BULLETIN_SETTINGS, type BulletinSettings } from './settings';
import { timeliness } from './timeliness';
import { trendKey } from './trend';

/**
 * What 汇总 shows of the month's bulletin, as the plain inputs the summary builder declares (consolidation cannot
 * import bulletin): per indicator last month and the change, the 督办清单, and the counted submissions that came in
 * late (逾期: only where the save time is known — an imported file's; a sheet of this workbook has none).
 */
export function summaryInputs(
  result: Pick<Consolidation, 'period' | 'sources'>,
  bulletin: MonthBulletin | undefined,
  settings: BulletinSettings = DEFAULT_BULLETIN_SETTINGS,
): SummaryExtras {
  const period = result.period;
  if (!period || !bulletin) return {};
  return {
    trends: bulletin.trends.map((t) => ({
      code: t.code,
      previousAttainment: t.previous?.attainment ?? null,
      previousLight: t.previous?.light ?? null,
      change: t.change,
      changeKey: trendKey(t),
    })),
    supervision: bulletin.supervision.map((s) => ({
      level: s.level,
      code: s.code,
      department: s.department,
      months: s.months.map((m) => ({ month: m.month, light: m.light, reason: m.reason })),
      run: runMessage(s),
    })),
    overdue: overdueSubmissions(result, settings),
  };
}

/** The counted submissions saved after the deadline, by department and campaign. */
export function overdueSubmissions(
  result: Pick<Consolidation, 'period' | 'sources'>,
  settings: BulletinSettings = DEFAULT_BULLETIN_SETTINGS,
): { readonly department: string; readonly campaignId: string }[] {
  const period = result.period;
  if (!period) return [];
  return result.sources.flatMap((s) =>
    s.state === 'included' &&
    s.department !== undefined &&
    s.campaignId !== undefined &&
    timeliness(period, s.savedAt, settings.timeliness) === 'overdue'
      ? [{ department: s.department, campaignId: s.campaignId }]
      : [],
  );
}
