import { isBlankText } from './cells';
/**
 * Reading numbers that staff typed as text ("7亿", "约5", "１２", "1,234", "10%"). The reader never guesses:
 * it returns the number only when the text leaves no doubt, and says why the text was not a plain number.
 */

export type TextNumber =
  | { readonly kind: 'number'; readonly value: number; readonly notes: readonly TextNote[] }
  | { readonly kind: 'approximate'; readonly value: number; readonly notes: readonly TextNote[] }
  | { readonly kind: 'unitMismatch'; readonly value: number; readonly unit: string }
  | { readonly kind: 'ambiguousComma' }
  | { readonly kind: 'errorValue'; readonly error: string }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'date' }
  | { readonly kind: 'blank' }
  | { readonly kind: 'notNumber' }
  /** Longer than MAX_NUMBER_TEXT after trimming: never a number, and not read any further. */
  | { readonly kind: 'tooLong'; readonly length: number };

/**
 * The longest text (after trimming) read as a number. A number typed with every decoration this reader accepts
 * ("约 1,234,567,890.123456 亿美元左右") is under 50 characters, and Excel keeps 15 significant digits; 255 is also the
 * longest string literal Excel accepts in a formula. Beyond it a text is 'tooLong' at once, whatever it holds, so that
 * reading a cell costs at most a bounded amount of work even at Excel's 32,767-character cell limit (issue 12).
 */
export const MAX_NUMBER_TEXT = 255;

/** How a text differed from a plain number, when it could still be read unambiguously. */
export type TextNote = 'fullWidth' | 'thousands' | 'percentSign' | 'points' | 'unit' | 'spaces';

export const EXCEL_ERRORS = [
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
];

const APPROX = /^(约为|大约|约|近|接近|将近|超过|逾|突破|达到|达|≈|~|～)\s*/;
const FULL_WIDTH: Readonly<Record<string, string>> = {
  '．': '.',
  '，': ',',
  '－': '-',
  '＋': '+',
  '％': '%',
  '\u3000': ' ',
  '。': '.',
};

function normaliseWidth(s: string): string {
  return s
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[．，－＋％\u3000。]/g, (c) => FULL_WIDTH[c] ?? c);
}

/** Units a scale word may stand for: "7亿" in an 亿元 cell is 7. */
function unitAgrees(suffix: string, unit: string): boolean {
  if (suffix === unit) return true;
  const u = unit.replace(/\s/g, '');
  // a leading scale word alone ("亿" for 亿元/亿美元, "万" for 万元/亩) or the unit without its denominator
  return u.startsWith(suffix) && (/^[万亿千百]$/.test(suffix) || suffix === u.split('/')[0]);
}

const SCALE = /^(万|亿|千|百|万元|亿元|万美元|亿美元|元|美元)/;

/**
 * Reads a text as a number in the given unit. `rate` says the cell holds a fraction shown as a percentage,
 * where "10%" means 0.1.
 */
export function readNumberText(text: string, unit: string): TextNumber {
  // Blank as a template's formula reads blank (isBlankText): an em space or a byte-order mark alone is text entered.
  if (isBlankText(text)) return { kind: 'blank' };
  const raw = text.trim();
  if (raw.length > MAX_NUMBER_TEXT) return { kind: 'tooLong', length: raw.length };
  const upper = raw.toUpperCase();
  if (EXCEL_ERRORS.includes(upper)) return { kind: 'errorValue', error: upper };
  if (upper === 'TRUE' || upper === 'FALSE' || raw === '是' || raw === '否') return { kind: 'boolean' };

  const notes: TextNote[] = [];
  let s = normaliseWidth(raw);
  if (s !== raw) notes.push('fullWidth');
  if (/^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?$/.test(s) || /^\d{1,2}\s*月\s*\d{1,2}\s*日$/.test(s))
    return { kind: 'date' };

  let approximate = false;
  const approx = APPROX.exec(s);
  if (approx) {
    approximate = true;
    s = s.slice(approx[0].length);
  }
  const m = splitNumber(s);
  if (!m) return { kind: 'notNumber' };
  const sign = m.sign === '-' ? -1 : 1;
  let digits = m.digits;
  const suffix = m.suffix;
  if (m.approximate) approximate = true;

  if (/\s/.test(digits)) {
    // "1 234" (a space as thousands separator) reads unambiguously only in groups of three
    if (!/^\d{1,3}(\s\d{3})+(\.\d+)?$/.test(digits)) return { kind: 'notNumber' };
    digits = digits.replace(/\s/g, '');
    notes.push('spaces');
  }
  if (digits.includes(',')) {
    if (!/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(digits)) return { kind: 'ambiguousComma' };
    digits = digits.replace(/,/g, '');
    notes.push('thousands');
  }
  let value = sign * Number(digits);
  if (!Number.isFinite(value)) return { kind: 'notNumber' };

  // Percentages are stored as fractions (SPEC §3): "10%" is 0.1. Percentage points are a number of points, read as
  // typed ("0.6个百分点" is 0.6, as a share change is stored): a rate's reader divides them where it means a rate.
  if (suffix === '%') {
    value = value / 100;
    notes.push('percentSign');
  } else if (suffix === '个百分点' || suffix === '百分点') {
    notes.push('points');
  } else if (suffix !== '') {
    if (unitAgrees(suffix, unit)) notes.push('unit');
    else if (SCALE.test(suffix) || suffix.length <= 4) return { kind: 'unitMismatch', value, unit: suffix };
    else return { kind: 'notNumber' };
  }
  if (approximate) return { kind: 'approximate', value: roundFloat(value), notes };
  return { kind: 'number', value: roundFloat(value), notes };
}

const APPROX_AFTER = ['左右', '多', '余'];
const DIGIT = /\d/;
const DIGIT_RUN = /[\d,\s]*/y;
const FRACTION = /\.\d+/y;

/**
 * Splits "[+-] digits unit [左右|多|余]" in one pass: the sign, the digits (a digit followed by digits, commas and
 * spaces, then an optional fraction; or a bare fraction), the unit between them and the word of approximation at the
 * end. It reads what `^([+-]?)\s*(\d[\d,\s]*(?:\.\d+)?|\.\d+)\s*(.*?)\s*(左右|多|余)?$` would, without that
 * pattern's backtracking, which is quadratic in the length of a run of spaces ("1x" + spaces + "y", issue 12).
 */
function splitNumber(
  s: string,
): { readonly sign: string; readonly digits: string; readonly suffix: string; readonly approximate: boolean } | null {
  let i = 0;
  const sign = s[0] === '+' || s[0] === '-' ? s[0] : '';
  i += sign.length;
  while (i < s.length && /\s/.test(s[i] ?? '')) i++;
  const start = i;
  if (DIGIT.test(s[i] ?? '')) {
    DIGIT_RUN.lastIndex = i + 1;
    DIGIT_RUN.exec(s);
    i = DIGIT_RUN.lastIndex;
  } else if (s[i] !== '.') return null;
  FRACTION.lastIndex = i;
  if (FRACTION.exec(s)) i = FRACTION.lastIndex;
  else if (i === start) return null; // "." without a digit
  const digits = s.slice(start, i);
  let rest = s.slice(i).trim();
  const word = APPROX_AFTER.find((w) => rest.endsWith(w));
  if (word) rest = rest.slice(0, rest.length - word.length).trim();
  if (/[\n\r\u2028\u2029]/.test(rest)) return null; // a unit is on one line (the pattern's "." stops at a line end)
  return { sign, digits, suffix: rest, approximate: word !== undefined };
}

/** Removes binary noise from a decimal computed here (0.1 * 3 → 0.3), to 12 significant digits. */
export function roundFloat(v: number): number {
  return v === 0 ? 0 : Number(v.toPrecision(12));
}

/** A number format's codes: quoted text, escaped characters and [conditions]/[colours] removed. */
function formatCodes(format: string): string {
  return format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
}

/** A number format that shows a date (y, m/d, 年月日) rather than a number. */
export function isDateFormat(format: string | undefined): boolean {
  return format !== undefined && /[yd]/i.test(formatCodes(format));
}

/** A number format that shows a percentage (a % sign that is a code, not quoted text), as Excel gives "0.6%". */
export function isPercentFormat(format: string | undefined): boolean {
  return format !== undefined && formatCodes(format).includes('%');
}
