import { LIGHT, TOLERANCE, type Light } from '../calc/calc';
import type { BulletinMessageKey } from '../i18n/bulletin.zh';
import type { Period } from '../validation/period';
import { compareText } from '../consolidation/values';
import { totalRecord, type HistoryRecord } from './history';

/**
 * Trend (SPEC §10): per indicator, last month's attainment and light beside this month's, and the change.
 *
 * The change compares the district (`total`) records of the period and of the month just before it (same year):
 *   1. by light, 绿 > 黄 > 红: a better light is 好转, a worse one 下滑;
 *   2. with the same light, by the margin over 序时进度, attainment − E (E = 1 when not paced): more is 好转, less
 *      下滑, equal within 1e-9 持平. Not the raw attainment: a cumulative (1–N月累计) attainment rises every month by
 *      construction, so comparing it raw would call almost everything 好转.
 * No change is given (null, with the reason) when either month has no light: no record last month (January, or a
 * month never consolidated), 未填报, 数据有误, or a light that could not be computed — in either month. A light that
 * appears after a month without one is not an improvement of the work, and one that disappears is a reporting
 * problem (报送情况), not a 下滑; the 通报 names both as such.
 */

export type Change = 'better' | 'same' | 'worse';

/** Why no change is given. */
export type NoChange =
  | 'noPrevious'
  | 'previousBlank'
  | 'previousInvalid'
  | 'previousUnknown'
  | 'currentBlank'
  | 'currentInvalid'
  | 'currentUnknown';

export interface Trend {
  readonly code: string;
  readonly department: string;
  readonly attainment: number | null;
  readonly light: Light | null;
  /** Last month's record, when there is one. */
  readonly previous?: { readonly attainment: number | null; readonly light: Light | null };
  readonly change: Change | null;
  /** Set exactly when `change` is null. */
  readonly noChange?: NoChange;
}

/** The month before, within the plan year (none before January). */
export function previousPeriod(period: Period): Period | undefined {
  return period.month > 1 ? { year: period.year, month: period.month - 1 } : undefined;
}

const lit = (l: Light | null): l is Light => l !== null && l !== LIGHT.none;

function missing(r: HistoryRecord, side: 'previous' | 'current'): NoChange | undefined {
  if (lit(r.light)) return undefined;
  const why = r.dataState === 'blank' ? 'Blank' : r.dataState === 'invalid' ? 'Invalid' : 'Unknown';
  return `${side}${why}` as NoChange;
}

/** The change from `before` to `now`, both records with a light. */
export function compareMonths(before: HistoryRecord, now: HistoryRecord): Change {
  const a = before.light ?? 0;
  const b = now.light ?? 0;
  if (b !== a) return b > a ? 'better' : 'worse';
  const margin = (r: HistoryRecord): number => (r.attainment ?? 0) - (r.expected ?? 1);
  const d = margin(now) - margin(before);
  return Math.abs(d) <= TOLERANCE ? 'same' : d > 0 ? 'better' : 'worse';
}

/** The trend of every indicator with a district record in `period`, in code order. */
export function trends(history: readonly HistoryRecord[], period: Period): Trend[] {
  const prev = previousPeriod(period);
  const current = history
    .filter((r) => r.scope === 'total' && r.year === period.year && r.month === period.month)
    .sort((a, b) => compareText(a.code, b.code));
  return current.map((now): Trend => {
    const before = prev ? totalRecord(history, now.code, prev) : undefined;
    const base = {
      code: now.code,
      department: now.department,
      attainment: now.attainment,
      light: now.light,
      ...(before ? { previous: { attainment: before.attainment, light: before.light } } : {}),
    };
    const why = missing(now, 'current') ?? (before ? missing(before, 'previous') : 'noPrevious');
    if (why !== undefined || !before) return { ...base, change: null, noChange: why ?? 'noPrevious' };
    return { ...base, change: compareMonths(before, now) };
  });
}

/** The words of a trend (好转 / 持平 / 下滑, or why there is none). */
export function trendKey(t: Trend): BulletinMessageKey {
  return t.change ? `bulletin.change.${t.change}` : `bulletin.trend.${t.noChange ?? 'noPrevious'}`;
}
