import { campaignDepartments } from '../plan/departments';
import type { Plan } from '../plan/schema';
import type { Period } from '../validation/period';
import type { Origin, SourceSheet } from './sources';
import { compareText, samePeriod } from './values';

/**
 * The submission matrix (SPEC §8): department × campaign, 已报 / 未报 / 有误 / 冲突 / 期别不符, with 已更正 noted where
 * a submission superseded an earlier one and 待核实 where a submitted value is still to be verified (SPEC §6), from the state of every template sheet. Sheets are grouped by department and campaign once, so that it takes time in proportion
 * to the number of sheets plus the number of cells.
 */

/** The words of the submission matrix (SPEC §8), in the order they are listed and counted. */
export const SUBMISSION_STATES = ['submitted', 'missing', 'invalid', 'conflict', 'otherPeriod', 'notExpected'] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

export interface MatrixCell {
  readonly department: string;
  readonly campaignId: string;
  readonly state: SubmissionState;
  readonly expected: boolean;
  /** The sheets behind the state (for the period, or of other periods when that is all there is). */
  readonly origins: readonly Origin[];
  /** 已更正: an earlier submission for the period was superseded (absent otherwise). */
  readonly corrected?: true;
  /** 待核实: submitted, with a value counted but still to be verified (SPEC §6; absent otherwise). */
  readonly doubtful?: true;
}

export interface SubmissionMatrix {
  /** Expected departments in plan order, then other submitting departments by name. */
  readonly departments: readonly string[];
  readonly campaignIds: readonly string[];
  /** rows[d][c] for departments[d] × campaignIds[c]. */
  readonly rows: readonly (readonly MatrixCell[])[];
}

const cellKey = (department: string, campaignId: string): string => JSON.stringify([department, campaignId]);

/** The sheets of each department and campaign, in the order given. */
function sheetsByCell(sheets: readonly SourceSheet[]): ReadonlyMap<string, readonly SourceSheet[]> {
  const byCell = new Map<string, SourceSheet[]>();
  for (const s of sheets) {
    if (s.department === undefined || s.campaignId === undefined) continue;
    const key = cellKey(s.department, s.campaignId);
    const same = byCell.get(key);
    if (same) same.push(s);
    else byCell.set(key, [s]);
  }
  return byCell;
}

/** A sheet for the period: by what it reports, or by its marker when its period cell cannot be read. */
function isForPeriod(s: SourceSheet, period: Period | undefined): boolean {
  return (
    samePeriod(s.period, period) ||
    (s.reading !== undefined && !s.reading.period && samePeriod(s.reading.marker, period))
  );
}

function matrixCell(
  department: string,
  campaignId: string,
  expected: boolean,
  mine: readonly SourceSheet[],
  period: Period | undefined,
): MatrixCell {
  const now = mine.filter((s) => isForPeriod(s, period));
  // A superseded submission says nothing of the state: the one that counts does (已更正 is noted beside it).
  const counting = now.filter((s) => s.state !== 'superseded');
  let state: SubmissionState;
  let from: readonly SourceSheet[] = now;
  if (counting.some((s) => s.state === 'conflict')) state = 'conflict';
  else if (counting.some((s) => s.state !== 'included' || s.problems.some((q) => q.severity === 'error')))
    state = 'invalid';
  else if (now.length > 0) state = 'submitted';
  else if (mine.length > 0) {
    state = 'otherPeriod';
    from = mine;
  } else state = expected ? 'missing' : 'notExpected';
  // A conflict is what asks for action: it is not noted 已更正 even when an earlier submission was superseded.
  const corrected = counting.length < now.length && state !== 'conflict';
  // 已报, and counted, but with a value to verify (待核实): a submission all the same, noted so.
  const doubtful =
    state === 'submitted' && counting.some((s) => s.reading?.rows.some((r) => r.state === 'doubtful') === true);
  return {
    department,
    campaignId,
    state,
    expected,
    origins: from.map((s) => s.origin),
    ...(corrected ? { corrected: true as const } : {}),
    ...(doubtful ? { doubtful: true as const } : {}),
  };
}

export function submissionMatrix(
  plan: Plan,
  sheets: readonly SourceSheet[],
  period: Period | undefined,
): SubmissionMatrix {
  // Expected: every department of a campaign, its 配合部门 too, by the plan's one list (SPEC §8).
  const expectedOf = new Map(plan.campaigns.map((c) => [c.id, campaignDepartments(c).map((d) => d.name)]));
  const expected = new Map([...expectedOf].map(([id, names]) => [id, new Set(names)]));
  const planned = [...new Set([...expectedOf.values()].flat())];
  const isPlanned = new Set(planned);
  const others = [
    ...new Set(sheets.flatMap((s) => (s.department !== undefined && s.campaignId !== undefined ? [s.department] : []))),
  ]
    .filter((d) => !isPlanned.has(d))
    .sort(compareText);
  const departments = [...planned, ...others];
  const byCell = sheetsByCell(sheets);
  const rows = departments.map((department) =>
    plan.campaigns.map((c) =>
      matrixCell(
        department,
        c.id,
        expected.get(c.id)?.has(department) ?? false,
        byCell.get(cellKey(department, c.id)) ?? [],
        period,
      ),
    ),
  );
  return { departments, campaignIds: plan.campaigns.map((c) => c.id), rows };
}
