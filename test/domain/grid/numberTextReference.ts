/**
 * The reader as it was before issue 12 (a backtracking pattern, quadratic in a run of spaces): the reference the
 * bounded reader must agree with on short texts. Only what it needs is kept.
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
  | { readonly kind: 'notNumber' };

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
export function referenceReadNumberText(text: string, unit: string): TextNumber {
  const raw = text.trim();
  if (raw === '') return { kind: 'blank' };
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
  const m = /^([+-]?)\s*([\d][\d,\s]*(?:\.\d+)?|\.\d+)\s*(.*?)\s*(左右|多|余)?$/.exec(s);
  if (!m) return { kind: 'notNumber' };
  const sign = m[1] === '-' ? -1 : 1;
  let digits = m[2] ?? '';
  const suffix = (m[3] ?? '').trim();
  if (m[4]) approximate = true;

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

function roundFloat(v: number): number {
  return v === 0 ? 0 : Number(v.toPrecision(12));
}
