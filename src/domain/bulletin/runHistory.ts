import { HISTORY_MARKER_TYPE, listedMarkerOf, pickListed } from '../grid/ownSheets';
import type { SheetData } from '../grid/sheet';
import { consolidate, type Consolidation, type Source } from '../consolidation/consolidate';
import type { ConsolidationProblem } from '../consolidation/problems';
import type { SourcePick } from '../consolidation/sources';
import type { Plan } from '../plan/schema';
import type { Period } from '../validation/period';
import { mergeHistory, recordsOf, type HistoryRecord } from './history';
import { HISTORY_SHEET, historySheet, readHistorySheet, type HistoryProblem } from './historySheet';
import type { SheetSpec } from '../grid/sheetSpec';

/**
 * 历史 for one 一键汇总 (SPEC §10), from what the run has already read — no read of its own:
 *   - the 历史 sheet, found by its marker (kpi-history) among the workbook's sheets, read back with every problem
 *     and its cell, which join the run's problem list (never trusted silently);
 *   - the run's own period, recorded from its consolidation, replacing that period's records;
 *   - every other period of the plan year that template sheets of this workbook report: consolidated again from
 *     those sheets alone (same plan, same picks), replacing that period's records — so that a May sheet corrected
 *     after May's run is not left stale in 历史. Imported files are not: a file of another month is listed as
 *     期别不符 and left out, never recorded behind the office's back;
 *   - every other month kept as recorded.
 * The 历史 sheet is rewritten whole with the result — unless reading it back left rows or columns out (a hand
 * edit the reader could not take): then it is left as it is, so that the cells the problems name still hold what
 * was typed, and a warning says the month was not recorded. A damaged marker alone does not stop the rewrite
 * (the rewrite repairs it).
 */

export interface RunHistory {
  /** The history after this run, sorted: what trend, escalation and scores read. */
  readonly records: readonly HistoryRecord[];
  /** Periods recorded from sources this run (the run's own first, then the others in month order). */
  readonly recomputed: readonly Period[];
  /** Months kept as the 历史 sheet recorded them. */
  readonly kept: readonly Period[];
  /** The 历史 sheet's problems, as the run lists them. */
  readonly problems: readonly ConsolidationProblem[];
  /** The 历史 sheet to write (under the name the workbook's has), or none when it is to be left as it is. */
  readonly spec?: SheetSpec;
  /** 历史 is `written`, `leftAsTyped` (a hand edit could not be read), or there is `none` (nothing to record yet). */
  readonly state: 'written' | 'leftAsTyped' | 'none';
}

export interface RunHistoryInput {
  readonly plan: Plan;
  /** Every sheet of the workbook, as read for the run. */
  readonly sheets: readonly SheetData[];
  /** The run's sources (the workbook's sheets and the imported files' sheets), as consolidated. */
  readonly sources: readonly Source[];
  /** The run's consolidation. */
  readonly result: Consolidation;
  readonly picks?: readonly SourcePick[];
}

/** Problems that do not leave anything out of what was read: the rewrite repairs them. */
const REPAIRED_BY_REWRITE: ReadonlySet<string> = new Set(['bulletin.history.markerDamaged']);

const periodKey = (p: Period): string => `${p.year}-${p.month}`;

export function runHistory(input: RunHistoryInput): RunHistory {
  const { plan, sheets, sources, result } = input;
  const found = pickListed(sheets, (s) => listedMarkerOf(s.values), HISTORY_MARKER_TYPE);
  const codes = plan.campaigns.flatMap((c) => c.indicators.map((i) => i.code));
  const reading = found ? readHistorySheet(found, { codes, year: plan.year }) : undefined;
  const problems = (reading?.problems ?? []).map(asRunProblem);

  // The other periods of the plan year reported by this workbook's own template sheets.
  const periodOfSheet = new Map<string, Period>();
  for (const s of result.sources)
    if (s.origin.kind === 'sheet' && s.state === 'otherPeriod' && s.period?.year === plan.year)
      periodOfSheet.set(s.origin.sheet, s.period);
  const others = [...new Map([...periodOfSheet.values()].map((p) => [periodKey(p), p])).values()].sort(
    (a, b) => a.month - b.month,
  );

  let records: HistoryRecord[] = [...(reading?.records ?? [])];
  const recomputed: Period[] = [];
  // 历史 is the plan year's (its reader refuses another year): a run of another year's sheets is not recorded.
  if (result.period?.year === plan.year) {
    records = mergeHistory(records, result.period, recordsOf(result));
    recomputed.push(result.period);
  }
  for (const period of others) {
    const own = sources.filter(
      (s) =>
        s.origin.kind === 'sheet' &&
        periodKey(periodOfSheet.get(s.origin.sheet) ?? { year: 0, month: 0 }) === periodKey(period),
    );
    const again = consolidate(plan, own, { period, ...(input.picks ? { picks: input.picks } : {}) });
    records = mergeHistory(records, period, recordsOf(again));
    recomputed.push(period);
  }
  const done = new Set(recomputed.map(periodKey));
  const kept = [
    ...new Map(
      records.filter((r) => !done.has(periodKey(r))).map((r) => [periodKey(r), { year: r.year, month: r.month }]),
    ).values(),
  ];

  const leftOut = (reading?.problems ?? []).filter((p) => !REPAIRED_BY_REWRITE.has(p.key));
  if (found && leftOut.length > 0) {
    const notRewritten: ConsolidationProblem = {
      severity: 'warning',
      key: 'bulletin.history.notRewritten',
      params: { sheet: found.name, count: leftOut.length },
      field: 'structure',
      origin: { kind: 'sheet', sheet: found.name },
    };
    return { records, recomputed, kept, problems: [notRewritten, ...problems], state: 'leftAsTyped' };
  }
  if (!found && records.length === 0) return { records, recomputed, kept, problems, state: 'none' };
  const spec = historySheet(records, { id: plan.id, year: plan.year });
  const named = { ...spec, name: found?.name ?? HISTORY_SHEET };
  return { records, recomputed, kept, problems, spec: named, state: 'written' };
}

function asRunProblem(p: HistoryProblem): ConsolidationProblem {
  return {
    severity: p.severity,
    key: p.key,
    params: p.params,
    field: 'structure',
    origin: { kind: 'sheet', sheet: p.sheet },
    cell: p.cell,
    ...(p.indicator ? { indicator: p.indicator } : {}),
  };
}
