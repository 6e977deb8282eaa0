import { allowsNegative, type Kind } from './kinds';

/**
 * Data states beside the light (SPEC §6): what a leader reads must tell "nothing entered" from "entered, but not a
 * usable value" and from "usable, but doubtful". The rules that decide a value's state live here, below both their
 * readers: validation (validateRow, for the pane and 一键汇总) and the template's formulas (calc/formulas), which
 * show the same state in the sheet's 状态 cell — one rule, two spellings, proven equal by test.
 */

/**
 * A row's data state: `blank` 未填报 (nothing entered); `invalid` 数据有误 (something entered in 累计完成 or 上年同期 is
 * not a usable value: left out); `doubtful` 待核实 (usable but doubtful: counted, marked, until corrected or
 * confirmed); `confirmed` 已核实 (doubtful, and the department confirmed it in its own sheet); `valid`.
 */
export const DATA_STATES = ['blank', 'invalid', 'doubtful', 'confirmed', 'valid'] as const;
export type DataState = (typeof DATA_STATES)[number];

/** A value more than this many times its target is doubtful (待核实, SPEC §7). */
export const DOUBT_RATIO = 10;
/** A value this many times its target or more is a slip (数据有误, left out): a 万元/亿元 slip is 10,000×. */
export const SLIP_RATIO = 1000;
/** A growth row whose current and prior-year values differ by more than this factor is doubtful (units?). */
export const GROWTH_RATIO = 10;
/**
 * A share change that looks like a hundredth of a plausible one ("0.6%" typed as 0.006 for 0.6 个百分点): at most
 * the target ÷ `atMost`, and at least the target ÷ `atLeast` once multiplied by 100 (divisions, as the formulas do).
 */
export const SHARE_HUNDREDTH = { atMost: 50, atLeast: 10 } as const;

/** Units counted in whole items: a fraction of one is not a usable value. */
export const WHOLE_UNITS: ReadonlySet<string> = new Set(['家', '个', '项', '人', '次', '位次']);

/**
 * The word by which a department confirms a doubtful value in its own sheet: "已核实" anywhere in the row's 备注 (an
 * input cell, printed beside the value, carried over when the template is re-applied). Only text confirms.
 */
export const CONFIRM_WORD = '已核实';

export function isConfirmed(note: unknown): boolean {
  return typeof note === 'string' && note.includes(CONFIRM_WORD);
}

/** How a value compares with its target (`reference`: the 确保 target, or 力争 for a stretch-only indicator). */
export type Magnitude = 'plausible' | 'doubtful' | 'slip';

/**
 * 10× to 1,000× the target is doubtful, 1,000× or more a slip (SPEC §7); only against a positive target. For a share
 * change (points, may be negative) both sides are compared by size.
 */
export function magnitudeOf(value: number, reference: number | undefined, bySize = false): Magnitude {
  const ref = reference === undefined ? 0 : bySize ? Math.abs(reference) : reference;
  const v = bySize ? Math.abs(value) : value;
  if (!(ref > 0)) return 'plausible';
  if (v >= SLIP_RATIO * ref) return 'slip';
  return v > DOUBT_RATIO * ref ? 'doubtful' : 'plausible';
}

/** A non-zero share change that looks like a hundredth of a plausible one (see SHARE_HUNDREDTH). */
export function isShareHundredth(value: number, reference: number | undefined): boolean {
  const ref = Math.abs(reference ?? 0);
  const v = Math.abs(value);
  return ref > 0 && value !== 0 && v <= ref / SHARE_HUNDREDTH.atMost && v * 100 >= ref / SHARE_HUNDREDTH.atLeast;
}

/** Current and prior-year values a factor of more than GROWTH_RATIO apart (both positive). */
export function isImplausibleGrowth(current: number, prior: number): boolean {
  return current > 0 && prior > 0 && (current / prior > GROWTH_RATIO || prior / current > GROWTH_RATIO);
}

/** Does a value of this kind and unit have to be a whole number (a rank has its own rule: 1, 2, 3 …)? */
export function isWhole(kind: Kind | 'amount', unit: string): boolean {
  return kind === 'count' || WHOLE_UNITS.has(unit);
}

/** May a value of this kind be negative (a growth row's amounts may not)? */
export function negativeOk(kind: Kind | 'amount'): boolean {
  return kind !== 'amount' && allowsNegative(kind);
}
