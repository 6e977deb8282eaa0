import type { Kind } from '../calc/kinds';

/**
 * 分月计划 (SPEC §2, §5): twelve cumulative 确保 figures for months 1–12, the 时间表 of the plan document's
 * "路线图和时间表". An indicator with one is paced by it instead of linearly: E(m) = plan(m) / goal.
 *
 * Decisions (docs/indicators.zh.md):
 * - Only a paced indicator (序时考核 是) may have one: a non-paced one is compared with its full-year target (E = 1),
 *   so a 分月计划 on it would be silently ignored — an error instead.
 * - Not for `growth` and `rank`, whose light and tier never follow 序时进度.
 * - The goal is the 确保 target, or the 力争 target of a stretch-only indicator (what attainment divides by), or 100%
 *   for a milestone without a target; plan(12) must equal it (tolerance 1e-9 relative): December's E is 1.
 * - Cumulative kinds (`total`, `count`, and a `milestone`'s progress) must not decrease from month to month; a `count`
 *   plan is whole numbers. A paced `level`, `share` or `floor` may plan a dip (a level falls after a closure), so only
 *   the count and the last month are checked for them.
 */

/** Kinds whose figures are cumulative (1–N月累计, or progress): their 分月计划 never decreases. */
export function isCumulativeKind(kind: Kind): boolean {
  return kind === 'total' || kind === 'count' || kind === 'milestone';
}

/** Kinds that may have a 分月计划 at all (those whose light follows 序时进度). */
export function allowsMonthlyPlan(kind: Kind): boolean {
  return kind !== 'growth' && kind !== 'rank';
}

/** What a 分月计划 is divided by: the 确保 target, else the 力争 target, else (a milestone) 100%. */
export function monthlyPlanGoal(ind: {
  readonly kind: Kind;
  readonly target?: number;
  readonly stretch?: number;
}): number | undefined {
  return ind.target ?? ind.stretch ?? (ind.kind === 'milestone' ? 1 : undefined);
}

/** What 序时进度 needs of an indicator. */
export interface PacedIndicator {
  readonly kind: Kind;
  readonly paced: boolean;
  readonly target?: number;
  readonly stretch?: number;
  readonly monthlyPlan?: readonly number[];
}

/**
 * 序时进度 E of an indicator in the report of month m (SPEC §5): 1 when not paced; plan(m) / goal with a 分月计划;
 * otherwise m / 12. The one place templates, validation and consolidation take an indicator's E from.
 */
export function expectedProgress(ind: PacedIndicator, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month ${month} must be 1–12`);
  if (!ind.paced) return 1;
  const planned = ind.monthlyPlan?.[month - 1];
  const goal = monthlyPlanGoal(ind);
  if (planned === undefined || goal === undefined || goal === 0) return month / 12;
  return planned / goal;
}

/** Equal as a person checks it on paper: a relative tolerance of 1e-9 (SPEC §6). */
export function sameFigure(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}
