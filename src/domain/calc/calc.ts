import { allowsNegative, higherIsBetter, type Kind } from './kinds';

/**
 * Attainment, stretch tier, expected progress, status light, growth and gap (SPEC §3–§6), as pure functions.
 * A result is a value or a typed problem; callers map problems to `CustomFunctions.Error`, a native formula's
 * error or a message. Inputs use `null` for a blank cell: blank is "not reported" (未填报), never zero.
 */

/** Why a calculation has no value. `blank` = not reported; the rest mirror Excel's error values. */
export type CalcProblem =
  | { readonly code: 'blank' } // #N/A 未填报
  | { readonly code: 'noTarget' } // #N/A: neither 确保 nor 力争 target
  | { readonly code: 'divByZero' } // #DIV/0!
  | { readonly code: 'invalidNumber'; readonly reason: InvalidNumberReason }; // #NUM!

export type InvalidNumberReason =
  'rankBelowOne' | 'growthAtOrBelowMinus100' | 'previousNotPositive' | 'badDate' | 'overflow';

export type CalcResult = { readonly ok: true; readonly value: number } | ({ readonly ok: false } & CalcProblem);

export const TOLERANCE = 1e-9;

const fail = (p: CalcProblem): CalcResult => ({ ok: false, ...p });
/** A result too large for a double (e.g. a tiny target) is #NUM!, as in Excel, never Infinity. */
export const ok = (value: number): CalcResult =>
  Number.isFinite(value) ? { ok: true, value } : fail({ code: 'invalidNumber', reason: 'overflow' });
const BLANK = fail({ code: 'blank' });

/** Light values (SPEC §6): a number so that formulas, sorting and conditional formats can use it. */
export const LIGHT = { none: 0, red: 1, yellow: 2, green: 3 } as const;
export type Light = (typeof LIGHT)[keyof typeof LIGHT];

/** Tier values (SPEC §4). */
export const TIER = { belowTarget: 0, target: 1, stretch: 2 } as const;
export type Tier = (typeof TIER)[keyof typeof TIER];

export interface StatusThresholds {
  /** 黄 if attainment ≥ expected − yellowBand. */
  readonly yellowBand: number;
  /** For `growth`: 黄 if g ≥ g* − growthYellowBand. */
  readonly growthYellowBand: number;
}

export const DEFAULT_STATUS_THRESHOLDS: StatusThresholds = { yellowBand: 0.1, growthYellowBand: 0.02 };

/** A blank milestone target means "done" = 100%. */
function effectiveTarget(kind: Kind, target: number | null): number | null {
  return target === null && kind === 'milestone' ? 1 : target;
}

function checkDomain(kind: Kind, value: number): CalcResult | undefined {
  if (kind === 'rank' && value < 1) return fail({ code: 'invalidNumber', reason: 'rankBelowOne' });
  if (kind === 'growth' && value <= -1) return fail({ code: 'invalidNumber', reason: 'growthAtOrBelowMinus100' });
  return undefined;
}

/** 完成率 (SPEC §3). Never capped. */
export function attainment(kind: Kind, actual: number | null, target: number | null): CalcResult {
  if (actual === null) return BLANK;
  const t = effectiveTarget(kind, target);
  if (t === null) return fail({ code: 'noTarget' });
  const invalid = checkDomain(kind, actual) ?? checkDomain(kind, t);
  if (invalid) return invalid;
  switch (kind) {
    case 'growth':
      return ok((1 + actual) / (1 + t));
    case 'rank':
      return ok(actual <= t + TOLERANCE ? 1 : t / actual);
    default:
      if (t === 0) return fail({ code: 'divByZero' });
      return ok(t > 0 ? actual / t : 1 + (actual - t) / Math.abs(t));
  }
}

/** Does `actual` meet `goal`? ≥ for higher-is-better kinds, ≤ for `rank`, with the 1e-9 tolerance. */
export function meets(kind: Kind, actual: number, goal: number): boolean {
  return higherIsBetter(kind) ? actual >= goal - TOLERANCE : actual <= goal + TOLERANCE;
}

/**
 * Does the tier of this kind follow 序时进度 E? Yes for the ratio kinds, whose light compares attainment with E
 * (SPEC §4, §6). No for `growth`, whose light compares g with g* in every month (E does not apply, as in `status`),
 * nor for `rank`, a place held rather than an amount accumulated over the year: a paced "T·E" would ask for a
 * better place mid-year than at its end. (A rank no plan marks paced: `status` would scale its attainment by E.)
 */
export function tierFollowsPace(kind: Kind): boolean {
  return kind !== 'growth' && kind !== 'rank';
}

/** Is a tier at this E paced (序时达力争 / 序时达确保 / 序时未达)? Only before the year is over: E < 1 (SPEC §4). */
export function isPacedTier(kind: Kind, expected: number): boolean {
  return expected < 1 && tierFollowsPace(kind);
}

/**
 * Does `actual` meet the paced goal goal·E, compared as the light compares it: attainment against the goal ≥ E,
 * with the same arithmetic (A / goal; 1 + (A − goal) / |goal| for a negative goal) and the same 1e-9 tolerance,
 * so that tier ≥ 1 ⇔ 绿 holds exactly. A goal of 0 has no ratio: its paced goal is 0·E = 0, met as it is today.
 * A ratio beyond a double's range is #NUM!, as that attainment (and the native formula's division) is.
 */
function meetsPaced(actual: number, goal: number, expected: number): boolean | CalcResult {
  if (goal === 0) return actual >= -TOLERANCE;
  const ratio = ok(goal > 0 ? actual / goal : 1 + (actual - goal) / Math.abs(goal));
  return ratio.ok ? ratio.value >= expected - TOLERANCE : ratio;
}

/**
 * 力争档 (SPEC §4): 2 = reached 力争, 1 = reached 确保, 0 = below 确保. A stretch-only indicator (no target)
 * has tier 2 or 0. For `growth`, actual and the targets are growth rates.
 *
 * `expected` is 序时进度 E, as for `status` (default 1 = the annual targets). Before the year is over (E < 1) the
 * tier of a ratio kind compares A with the paced targets T·E and S·E (序时确保, 序时力争), so that it never
 * contradicts the light: tier ≥ 1 ⇔ 绿 (`meetsPaced`). E ≥ 1 gives the annual comparison, unchanged; `growth` and
 * `rank` always use it (`tierFollowsPace`).
 */
export function tier(
  kind: Kind,
  actual: number | null,
  target: number | null,
  stretch: number | null,
  expected = 1,
): CalcResult {
  if (actual === null) return BLANK;
  // A stretch-only indicator has no 确保 level, even a milestone (whose blank target otherwise means 100%).
  const t = target === null && stretch !== null ? null : effectiveTarget(kind, target);
  if (t === null && stretch === null) return fail({ code: 'noTarget' });
  const invalid =
    checkDomain(kind, actual) ??
    (t === null ? undefined : checkDomain(kind, t)) ??
    (stretch === null ? undefined : checkDomain(kind, stretch));
  if (invalid) return invalid;
  const paced = isPacedTier(kind, expected);
  const levels: readonly (readonly [number | null, Tier])[] = [
    [stretch, TIER.stretch],
    [t, TIER.target],
  ];
  for (const [goal, level] of levels) {
    if (goal === null) continue;
    const reached = paced ? meetsPaced(actual, goal, expected) : meets(kind, actual, goal);
    if (typeof reached !== 'boolean') return reached;
    if (reached) return ok(level);
  }
  return ok(TIER.belowTarget);
}

/** A calendar date without time or zone. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number; // 1–12
  readonly day: number; // 1–31
}

export type PaceMode = 'month' | 'day';

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number): number =>
  [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;

export function isValidDate(d: CalendarDate): boolean {
  return (
    Number.isInteger(d.year) &&
    Number.isInteger(d.month) &&
    Number.isInteger(d.day) &&
    d.year >= 1900 &&
    d.year <= 9999 &&
    d.month >= 1 &&
    d.month <= 12 &&
    d.day >= 1 &&
    d.day <= daysInMonth(d.year, d.month)
  );
}

export function dayOfYear(d: CalendarDate): number {
  let n = d.day;
  for (let m = 1; m < d.month; m++) n += daysInMonth(d.year, m);
  return n;
}

/** The last day of a month: a report "2019-06" covers 1–6月 up to 30 June. */
export function endOfMonth(year: number, month: number): CalendarDate {
  return { year, month, day: daysInMonth(year, month) };
}

/** 序时进度 (SPEC §5): month mode m/12 (step curve), day mode (day of year)/(days in year). */
export function pace(asOf: CalendarDate, mode: PaceMode = 'month'): CalcResult {
  if (!isValidDate(asOf)) return fail({ code: 'invalidNumber', reason: 'badDate' });
  if (mode === 'month') return ok(asOf.month / 12);
  return ok(dayOfYear(asOf) / (isLeap(asOf.year) ? 366 : 365));
}

/**
 * Excel serial date → calendar date (1900 date system). Serial 60 is Excel's fictitious 29 Feb 1900, kept
 * for Lotus compatibility; it is refused rather than guessed.
 */
export function fromExcelSerial(serial: number): CalendarDate | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return undefined;
  const whole = Math.floor(serial);
  if (whole === 60) return undefined;
  const days = whole < 60 ? whole : whole - 1; // days since 1899-12-31
  const t = new Date(Date.UTC(1899, 11, 31) + days * 86400000);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export function toExcelSerial(d: CalendarDate): number {
  const days = Math.round((Date.UTC(d.year, d.month - 1, d.day) - Date.UTC(1899, 11, 31)) / 86400000);
  return days < 60 ? days : days + 1;
}

/**
 * 亮灯 (SPEC §6) as a number: 3 绿, 2 黄, 1 红, 0 未填报. `expected` is 序时进度 for paced indicators and 1
 * otherwise. For `growth`, actual and target are growth rates and the light compares them directly.
 */
export function status(
  kind: Kind,
  actual: number | null,
  target: number | null,
  expected = 1,
  thresholds: StatusThresholds = DEFAULT_STATUS_THRESHOLDS,
): CalcResult {
  if (actual === null) return ok(LIGHT.none);
  if (kind === 'growth') {
    const t = target;
    if (t === null) return fail({ code: 'noTarget' });
    const invalid = checkDomain(kind, actual) ?? checkDomain(kind, t);
    if (invalid) return invalid;
    if (actual >= t - TOLERANCE) return ok(LIGHT.green);
    return ok(actual >= t - thresholds.growthYellowBand - TOLERANCE ? LIGHT.yellow : LIGHT.red);
  }
  const a = attainment(kind, actual, target);
  if (!a.ok) return a;
  if (a.value >= expected - TOLERANCE) return ok(LIGHT.green);
  return ok(a.value >= expected - thresholds.yellowBand - TOLERANCE ? LIGHT.yellow : LIGHT.red);
}

/** 同比增长 g = current / previous − 1 (previous ≤ 0 → #NUM!). */
export function growth(current: number | null, previous: number | null): CalcResult {
  if (current === null || previous === null) return BLANK;
  if (previous <= 0) return fail({ code: 'invalidNumber', reason: 'previousNotPositive' });
  return ok(current / previous - 1);
}

/**
 * What is still missing to the target, never negative. For `growth` the gap is in percentage points as a
 * fraction (g* − g); for `rank` it is the number of places to climb.
 */
export function gap(kind: Kind, actual: number | null, target: number | null): CalcResult {
  if (actual === null) return BLANK;
  const t = effectiveTarget(kind, target);
  if (t === null) return fail({ code: 'noTarget' });
  const invalid = checkDomain(kind, actual) ?? checkDomain(kind, t);
  if (invalid) return invalid;
  const missing = higherIsBetter(kind) ? t - actual : actual - t;
  return ok(missing > TOLERANCE ? missing : 0);
}

/** Negative values are impossible for most kinds; exported for validation and tests. */
export function negativeAllowed(kind: Kind): boolean {
  return allowsNegative(kind);
}
