import type { CellErrorValue } from '../../../domain/grid/cells';

/**
 * The values a formula computes with, and Excel's conversions between them: the one place that says how a blank, a
 * text, a boolean or an error behaves as a number, a text or a logical value, and how two values compare.
 *
 * A scalar is what a cell holds: a number, a text, a boolean, an error, or `null` — blank, which only a reference to
 * an empty cell (or an argument left out) gives; a formula's own result is never blank.
 */
export type Scalar = number | string | boolean | null | CellErrorValue;

/** The error values the evaluator produces (each one object, so that a result can be compared by its `error`). */
export const ERROR = {
  null: { error: '#NULL!' },
  div0: { error: '#DIV/0!' },
  value: { error: '#VALUE!' },
  ref: { error: '#REF!' },
  name: { error: '#NAME?' },
  num: { error: '#NUM!' },
  na: { error: '#N/A' },
} as const satisfies Record<string, CellErrorValue>;

/** The error literals a formula may spell (`=IF(A1<=0,#NUM!,…)`), longest first so that a scanner takes the whole one. */
export const ERROR_LITERALS: readonly string[] = [
  '#GETTING_DATA',
  '#DIV/0!',
  '#VALUE!',
  '#NAME?',
  '#NULL!',
  '#REF!',
  '#NUM!',
  '#N/A',
];

/** Is this an error value (and not a number, text, boolean, blank — or, for callers' results, a range or a list)? */
export function isError(v: unknown): v is CellErrorValue {
  return typeof v === 'object' && v !== null && 'error' in v;
}

/** Excel's longest text (32,767 characters): a longer result is #VALUE!, which also bounds the work of `&`. */
export const MAX_TEXT = 32_767;

/** A computed number as a cell holds it: beyond a number's range (±Infinity, NaN) is #NUM!, and −0 is 0. */
export function finite(n: number): number | CellErrorValue {
  if (!Number.isFinite(n)) return ERROR.num;
  return n === 0 ? 0 : n;
}

// ————— conversions —————

/** A value used as a number: blank is 0, TRUE 1, a text only when it reads as a number (else #VALUE!). */
export function toNumber(v: Scalar): number | CellErrorValue {
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return textToNumber(v) ?? ERROR.value;
  return v;
}

/** A value used as a text: blank is "", booleans TRUE/FALSE, numbers as Excel writes them (numberToText). */
export function toText(v: Scalar): string | CellErrorValue {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return numberToText(v);
  return v;
}

/** A value used as a condition: blank is FALSE, a number is TRUE unless 0, only the texts TRUE and FALSE read. */
export function toLogical(v: Scalar): boolean | CellErrorValue {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') {
    const upper = v.toUpperCase();
    return upper === 'TRUE' ? true : upper === 'FALSE' ? false : ERROR.value;
  }
  return v;
}

const PLAIN_NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d*)?(?:e[+-]?\d+)?$/i;
const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * A text read as a number the way Excel (en-US) reads it in arithmetic: "12", " 1,234.5 ", "1e3", "10%", "$5",
 * "(5)" for −5, and a date ("2019-06-30", "6/30/2019") as its serial. Anything else — "abc", "", "１２" — is no number.
 */
export function textToNumber(text: string): number | undefined {
  let t = text.trim();
  if (t === '' || t.length > 255) return undefined;
  const date = ISO_DATE.exec(t) ?? US_DATE.exec(t);
  if (date) {
    const [y, m, d] = ISO_DATE.test(t) ? [date[1], date[2], date[3]] : [date[3], date[1], date[2]];
    return dateSerial(Number(y), Number(m), Number(d));
  }
  let scale = 1;
  if (t.endsWith('%')) {
    scale = 0.01;
    t = t.slice(0, -1).trimEnd();
  }
  let sign = 1;
  const parens = /^\((.*)\)$/.exec(t);
  if (parens) {
    sign = -1;
    t = parens[1] ?? '';
  }
  t = t.replace(/^([+-]?)\$/, '$1');
  if (!PLAIN_NUMBER.test(t) || !/\d/.test(t.replace(/e.*$/i, ''))) return undefined;
  const n = Number(t.replace(/,/g, '')) * scale * sign;
  return Number.isFinite(n) ? n : undefined;
}

/**
 * A number as Excel turns it into text (`&`, LEN, FIND …): at most 15 significant digits, no trailing zeros, and
 * scientific notation ("1E+15", "1.5E-10") for very large or very small magnitudes.
 */
export function numberToText(n: number): string {
  if (n === 0) return '0';
  const rounded = Number(n.toPrecision(15));
  const [mantissa = '0', power = '0'] = rounded.toExponential(14).split('e');
  const exponent = Number(power);
  if (exponent >= 15 || exponent < -9) {
    const digits = mantissa.replace(/0+$/, '').replace(/\.$/, '');
    return `${digits}E${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  // The shortest text that reads back as `rounded` has at most its 15 digits; below 1e-6 JavaScript writes "1e-7".
  const text = String(rounded);
  return /e/i.test(text)
    ? rounded
        .toFixed(14 - exponent)
        .replace(/0+$/, '')
        .replace(/\.$/, '')
    : text;
}

// ————— comparison —————

/** Excel's order of types in a comparison: numbers < texts < booleans. */
const rank = (v: number | string | boolean): number => (typeof v === 'number' ? 1 : typeof v === 'string' ? 2 : 3);

/** Texts compare without regard to case ("a" = "A"), by code unit otherwise. */
export function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y ? 0 : x < y ? -1 : 1;
}

/**
 * a compared with b as the operators = <> < > <= >= compare: −1, 0 or 1, or the error of either side (the left one
 * first). A blank side counts as the other side's type's empty value (0, "" or FALSE); a text is never converted to
 * a number ("12" = 12 is FALSE), numbers are compared exactly.
 */
export function compare(a: Scalar, b: Scalar): number | CellErrorValue {
  if (isError(a)) return a;
  if (isError(b)) return b;
  if (a === null && b === null) return 0;
  const left = a ?? emptyLike(b);
  const right = b ?? emptyLike(a);
  if (left === null || right === null) return 0; // unreachable: one side is not blank
  const byType = rank(left) - rank(right);
  if (byType !== 0) return Math.sign(byType);
  if (typeof left === 'string' && typeof right === 'string') return compareText(left, right);
  const x = Number(left);
  const y = Number(right);
  return x === y ? 0 : x < y ? -1 : 1;
}

function emptyLike(v: number | string | boolean | null): number | string | boolean | null {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return '';
  if (typeof v === 'boolean') return false;
  return null;
}

// ————— dates (Excel's 1900 date system, with its 29 February 1900) —————

const DAY_MS = 86_400_000;
/** Serial 0 is "1900-01-00", the day before 1900-01-01. */
const EPOCH_MS = Date.UTC(1899, 11, 31);
/** 9999-12-31, the last day Excel has. */
export const MAX_SERIAL = 2_958_465;

/**
 * The serial of year-month-day, month and day overflowing into the next ones as DATE does (month 13 is January of
 * the next year, day 0 the last day of the month before). Excel counts a 29 February 1900 that never was: serials
 * from 1900-03-01 on are one more than the days since 1899-12-31.
 */
export function dateSerial(year: number, month: number, day: number): number {
  const days = Math.round((Date.UTC(year, month - 1, 1) - EPOCH_MS) / DAY_MS);
  return (days >= 60 ? days + 1 : days) + day - 1;
}

/** The calendar date of a serial (its whole days), or undefined outside 0 … 9999-12-31. */
export function serialDate(serial: number): { year: number; month: number; day: number } | undefined {
  const whole = Math.floor(serial);
  if (!(whole >= 0 && whole <= MAX_SERIAL)) return undefined;
  if (whole === 0) return { year: 1900, month: 1, day: 0 };
  if (whole === 60) return { year: 1900, month: 2, day: 29 };
  const t = new Date(EPOCH_MS + (whole < 60 ? whole : whole - 1) * DAY_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** A comparison operator of formulas and criteria. */
export type Comparison = '=' | '<>' | '<' | '>' | '<=' | '>=';

/** Whether a comparison holds for the sign of a comparison result `c` (compare(): below 0, 0, above 0). */
export function holds(op: Comparison, c: number): boolean {
  switch (op) {
    case '=':
      return c === 0;
    case '<>':
      return c !== 0;
    case '<':
      return c < 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    case '>=':
      return c >= 0;
  }
}
