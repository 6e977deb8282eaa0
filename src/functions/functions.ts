/*
 * The custom functions users type as `=KPI.ATTAINMENT(…)`. custom-functions-metadata-plugin reads this file's
 * JSDoc to generate functions.json and appends the `CustomFunctions.associate` calls. Each function is a
 * one-line wrapper over `runKpi`; names stay English in every locale (SPEC §9). Pure and synchronous: no
 * Excel API calls, so thousands of cells recalculate fast.
 */
import { resolveLocale, type Locale } from '../domain/i18n/messages';
import { runKpi, type KpiFunctionName, type KpiOutcome } from '../domain/calc/kpi';

/** The Office display language when the shared runtime has it; Chinese first otherwise. */
function locale(): Locale {
  const g = globalThis as { Office?: { context?: { displayLanguage?: string } }; navigator?: { language?: string } };
  return resolveLocale(g.Office?.context?.displayLanguage ?? g.navigator?.language ?? 'zh-CN');
}

const ERROR_CODES: Readonly<Record<Exclude<KpiOutcome, { ok: true }>['error'], CustomFunctions.ErrorCode>> = {
  '#VALUE!': CustomFunctions.ErrorCode.invalidValue,
  '#N/A': CustomFunctions.ErrorCode.notAvailable,
  '#DIV/0!': CustomFunctions.ErrorCode.divisionByZero,
  '#NUM!': CustomFunctions.ErrorCode.invalidNumber,
};

/** The one place a domain problem becomes a `CustomFunctions.Error`. */
function call(name: KpiFunctionName, args: readonly unknown[]): number {
  const r = runKpi(name, args, locale());
  if (r.ok) return r.value;
  throw new CustomFunctions.Error(ERROR_CODES[r.error], r.message);
}

/**
 * Attainment (完成率) of an indicator: actual / target, or (1 + g) / (1 + g*) for growth, 1 if a rank is reached.
 * @customfunction ATTAINMENT ATTAINMENT
 * @param actual Actual value (year to date or current level); for growth, the growth rate.
 * @param target Target (确保) value; for growth, the target growth rate.
 * @param [kind] Indicator kind: total, count, level, growth, share, floor, rank or milestone (default total).
 * @returns Attainment as a fraction (1 = 100%).
 */
export function attainment(actual: unknown, target: unknown, kind?: unknown): number {
  return call('ATTAINMENT', [actual, target, kind]);
}

/**
 * Stretch tier (力争档): 2 = stretch reached, 1 = target reached, 0 = below; paced targets when expected < 1.
 * @customfunction TIER TIER
 * @param actual Actual value; for growth, the growth rate.
 * @param target Target (确保) value; leave empty for a stretch-only indicator.
 * @param stretch Stretch (力争) value; leave empty if there is none.
 * @param [kind] Indicator kind (default total).
 * @param [expected] Expected progress to compare with (default 1 = the full targets); not used for growth and rank.
 * @returns 0, 1 or 2.
 */
export function tier(actual: unknown, target: unknown, stretch: unknown, kind?: unknown, expected?: unknown): number {
  return call('TIER', [actual, target, stretch, kind, expected]);
}

/**
 * Expected progress (序时进度) on a date: month/12 by month, or day of year / days in year.
 * @customfunction PACE PACE
 * @param as_of Report date, or a month as text such as "2019-06".
 * @param [mode] "month" (default) or "day".
 * @returns Expected progress as a fraction.
 */
export function pace(as_of: unknown, mode?: unknown): number {
  return call('PACE', [as_of, mode]);
}

/**
 * Status light (亮灯): 3 = green, 2 = yellow, 1 = red, 0 = not reported.
 * @customfunction STATUS STATUS
 * @param actual Actual value; for growth, the growth rate.
 * @param target Target (确保) value; for growth, the target growth rate.
 * @param [kind] Indicator kind (default total).
 * @param [expected] Expected progress to compare with (default 1 = the full target).
 * @returns 0, 1, 2 or 3.
 */
export function status(actual: unknown, target: unknown, kind?: unknown, expected?: unknown): number {
  return call('STATUS', [actual, target, kind, expected]);
}

/**
 * Year-on-year growth rate (同比增长): current / previous - 1.
 * @customfunction GROWTH GROWTH
 * @param current Value of the current period.
 * @param previous Value of the same period of the previous year (must be above 0).
 * @returns Growth rate as a fraction.
 */
export function growthRate(current: unknown, previous: unknown): number {
  return call('GROWTH', [current, previous]);
}

/**
 * What is still missing to reach the target (差距), never negative; for growth in percentage points as a fraction.
 * @customfunction GAP GAP
 * @param actual Actual value; for growth, the growth rate.
 * @param target Target (确保) value.
 * @param [kind] Indicator kind (default total).
 * @returns The gap, 0 when the target is reached.
 */
export function gapToTarget(actual: unknown, target: unknown, kind?: unknown): number {
  return call('GAP', [actual, target, kind]);
}
