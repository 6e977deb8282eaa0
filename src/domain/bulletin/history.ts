import type { Light } from '../calc/calc';
import type { Consolidation } from '../consolidation/consolidate';
import type { IndicatorSummary } from '../consolidation/aggregate';
import { compareText } from '../consolidation/values';
import type { Period } from '../validation/period';

/**
 * 历史 (SPEC §10): what one 一键汇总 found for its period, kept month after month so that trend, escalation and
 * scores can look back. One run gives one `total` record per indicator (the district's figure, its light and its
 * responsible department) and, for a shared (`sum`/`growth`) indicator counted from more than its responsible
 * department, one `department` record per department counted (its share: actual and reason only — a share has no
 * light of its own, SPEC §6/§8). A re-run of a period replaces that period's records only; other months are kept.
 */

/**
 * The data state of a record: `reported` (a value counted), `doubtful` (counted, but 待核实), `invalid` (数据有误:
 * entered, none usable, no light), `blank` (未填报).
 */
export const HISTORY_DATA_STATES = ['reported', 'doubtful', 'invalid', 'blank'] as const;
export type HistoryDataState = (typeof HISTORY_DATA_STATES)[number];

/** `total`: the district's figure of an indicator; `department`: one department's share of a shared indicator. */
export type HistoryScope = 'total' | 'department';

export interface HistoryRecord {
  readonly year: number;
  readonly month: number;
  readonly code: string;
  readonly scope: HistoryScope;
  /** `total`: the responsible department (责任单位); `department`: the department whose share it is. */
  readonly department: string;
  /** The consolidated value (for `growth` the growth rate); a department's own figure (its current value). */
  readonly actual: number | null;
  /** 序时进度 E the light was judged against (1 for non-paced indicators); null on department records. */
  readonly expected: number | null;
  readonly attainment: number | null;
  /** 0 未填报 … 3 绿; null: no light (数据有误, cannot be computed, or a department's share). */
  readonly light: Light | null;
  /** 0–2 (against the paced targets before December, SPEC §4); null when none. */
  readonly tier: number | null;
  readonly dataState: HistoryDataState;
  /** Departments whose values were counted, in code-unit order. */
  readonly reporters: readonly string[];
  /** 滞后原因及措施 as shown (several departments' each prefixed with its name), '' when none. */
  readonly reason: string;
}

/** Which period a record is of. */
export const periodOf = (r: HistoryRecord): Period => ({ year: r.year, month: r.month });

/** What identifies a record: a history holds at most one record per key. */
export function recordKey(r: Pick<HistoryRecord, 'year' | 'month' | 'code' | 'scope' | 'department'>): string {
  return JSON.stringify([r.year, r.month, r.code, r.scope, r.department]);
}

/** Period, then code, the total before its departments, then department: the order of the 历史 sheet. */
export function compareRecords(a: HistoryRecord, b: HistoryRecord): number {
  return (
    a.year - b.year ||
    a.month - b.month ||
    compareText(a.code, b.code) ||
    (a.scope === b.scope ? 0 : a.scope === 'total' ? -1 : 1) ||
    compareText(a.department, b.department)
  );
}

function dataStateOf(s: IndicatorSummary): HistoryDataState {
  if (s.dataState !== 'reported') return s.dataState;
  return s.doubtful.length > 0 ? 'doubtful' : 'reported';
}

function reasonText(reasons: IndicatorSummary['reasons'], department?: string): string {
  const own = department === undefined ? reasons : reasons.filter((r) => r.department === department);
  if (own.length === 1) return own[0]?.text ?? '';
  return own.map((r) => `${r.department}：${r.text}`).join('\n');
}

/**
 * One period's records from one consolidation (none without a period). Department records come from the detail
 * list's counted 累计完成 values, so they add up to the total of a `sum` indicator exactly as 明细 reconciles it.
 */
export function recordsOf(result: Consolidation): HistoryRecord[] {
  const period = result.period;
  if (!period) return [];
  const records: HistoryRecord[] = [];
  for (const s of result.campaigns.flatMap((c) => c.indicators)) {
    records.push({
      year: period.year,
      month: period.month,
      code: s.code,
      scope: 'total',
      department: s.department,
      actual: s.actual,
      expected: s.expected,
      attainment: s.attainment,
      light: s.light,
      tier: s.tier,
      dataState: dataStateOf(s),
      reporters: s.counted,
      reason: reasonText(s.reasons),
    });
    if (s.aggregation === 'single') continue;
    const shares = new Map<string, number>();
    for (const d of result.details)
      if (d.code === s.code && d.field === 'actual' && d.used && d.number !== null)
        shares.set(d.department, (shares.get(d.department) ?? 0) + d.number);
    if (shares.size === 0 || (shares.size === 1 && shares.has(s.department))) continue;
    for (const [department, actual] of [...shares].sort(([a], [b]) => compareText(a, b)))
      records.push({
        year: period.year,
        month: period.month,
        code: s.code,
        scope: 'department',
        department,
        actual,
        expected: null,
        attainment: null,
        light: null,
        tier: null,
        dataState: 'reported',
        reporters: [department],
        reason: reasonText(s.reasons, department),
      });
  }
  return records.sort(compareRecords);
}

/**
 * The history after a run of `period`: every record of that period replaced by `records` (which must all be of that
 * period — programmer misuse throws), every other month kept as it was. Idempotent, and the result is sorted.
 */
export function mergeHistory(
  history: readonly HistoryRecord[],
  period: Period,
  records: readonly HistoryRecord[],
): HistoryRecord[] {
  if (records.some((r) => r.year !== period.year || r.month !== period.month))
    throw new Error(`mergeHistory: every record must be of ${period.year}-${period.month}`);
  const kept = history.filter((r) => r.year !== period.year || r.month !== period.month);
  return [...kept, ...records].sort(compareRecords);
}

/** The records of one period, by key: a run's own results or what the history kept of a month. */
export function recordsIn(history: readonly HistoryRecord[], period: Period): HistoryRecord[] {
  return history.filter((r) => r.year === period.year && r.month === period.month);
}

/** The district (`total`) record of an indicator in a period, if any. */
export function totalRecord(
  history: readonly HistoryRecord[],
  code: string,
  period: Period,
): HistoryRecord | undefined {
  return history.find(
    (r) => r.scope === 'total' && r.code === code && r.year === period.year && r.month === period.month,
  );
}
