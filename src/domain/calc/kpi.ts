import {
  attainment,
  endOfMonth,
  fromExcelSerial,
  gap,
  growth,
  isValidDate,
  pace,
  status,
  tier,
  type CalcResult,
  type CalendarDate,
  type PaceMode,
} from './calc';
import { parseKind, type Kind } from './kinds';
import { shorten } from '../grid/cells';
import { MAX_NUMBER_TEXT } from '../grid/numberText';
import { CALC_EN } from '../i18n/calc.en';
import { CALC_ZH, type CalcMessageKey } from '../i18n/calc.zh';
import { formatMessage, type Locale, type MessageParams } from '../i18n/messages';

/** The functions' own messages, in both languages (the only catalogue functions.js carries). */
const MESSAGES = { 'zh-CN': CALC_ZH, 'en-US': CALC_EN } as const;

/**
 * The `KPI.*` functions as metadata plus pure bodies, with one generic runner for argument coercion and
 * errors (the HyperFormula plugin pattern). Excel's custom-function wrappers (functions.ts) and the formula
 * engine of the preview and tests (workbook/memory) both call `runKpi`, so they cannot disagree.
 */

/** An Excel error value as a result. Excel shows a message only for #VALUE! and #N/A. */
export type KpiErrorCode = '#VALUE!' | '#N/A' | '#DIV/0!' | '#NUM!';
export type KpiOutcome =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly error: KpiErrorCode; readonly message?: string };

export const KPI_FUNCTION_NAMES = ['ATTAINMENT', 'TIER', 'PACE', 'STATUS', 'GROWTH', 'GAP'] as const;
export type KpiFunctionName = (typeof KPI_FUNCTION_NAMES)[number];

/** The number of required and of all parameters, for engines that check arity themselves. */
export const KPI_ARITY: Readonly<Record<KpiFunctionName, { readonly min: number; readonly max: number }>> = {
  ATTAINMENT: { min: 2, max: 3 },
  TIER: { min: 3, max: 5 },
  PACE: { min: 1, max: 2 },
  STATUS: { min: 2, max: 4 },
  GROWTH: { min: 2, max: 2 },
  GAP: { min: 2, max: 3 },
};

class ArgError {
  constructor(
    readonly key: CalcMessageKey,
    readonly params: MessageParams,
  ) {}
}

function isBlank(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

const NUMERIC_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?%?$/i;

/**
 * A number argument: `null` (an empty cell on the web, an omitted argument) is blank; numeric text is read as Excel
 * reads it in arithmetic ("12" → 12, "10%" → 0.1) and then treated exactly as that number: a text beyond a number's
 * range ("1e999", as Excel's VALUE("1e999")) gives the same #VALUE! as a non-finite number (issue 12).
 */
function num(arg: string, v: unknown): number | null {
  if (isBlank(v)) return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? numericText(v) : undefined;
  if (n !== undefined && Number.isFinite(n)) return n;
  throw new ArgError('calc.notANumber', { arg, text: display(v) });
}

/** A plain number as text, or undefined; a long text is never one (no scan of a 32,767-character cell). */
function numericText(v: string): number | undefined {
  const t = v.trim();
  if (t.length > MAX_NUMBER_TEXT || !NUMERIC_TEXT.test(t)) return undefined;
  return t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
}

function display(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return shorten(v);
  if (typeof v === 'number') return String(v);
  return Array.isArray(v) ? '{…}' : typeof v;
}

function kindArg(arg: string, v: unknown): Kind {
  if (isBlank(v)) return 'total';
  const k = typeof v === 'string' ? parseKind(v) : undefined;
  if (!k) throw new ArgError('calc.unknownKind', { arg, text: display(v) });
  return k;
}

function modeArg(arg: string, v: unknown): PaceMode {
  if (isBlank(v)) return 'month';
  const t = typeof v === 'string' ? v.trim().toLowerCase() : '';
  if (t === 'month' || t === '月') return 'month';
  if (t === 'day' || t === '日') return 'day';
  throw new ArgError('calc.unknownMode', { arg, text: display(v) });
}

/** A date: an Excel serial, or text "2019-06" (the month's last day) or "2019-06-30". */
function dateArg(arg: string, v: unknown): CalendarDate | null {
  if (isBlank(v)) return null;
  if (typeof v === 'number') {
    const d = fromExcelSerial(v);
    if (d) return d;
  } else if (typeof v === 'string') {
    const m = /^(\d{4})\s*[-/年]\s*(\d{1,2})\s*(?:[-/月]\s*(\d{1,2})\s*日?|月)?$/.exec(v.trim());
    if (m) {
      const year = Number(m[1]);
      const month = Number(m[2]);
      const d: CalendarDate =
        m[3] === undefined ? endOfMonth(year, Math.min(Math.max(month, 1), 12)) : { year, month, day: Number(m[3]) };
      if (month >= 1 && month <= 12 && isValidDate(d)) return d;
    }
  }
  throw new ArgError('calc.badDate', { arg, text: display(v) });
}

function fromCalc(r: CalcResult, locale: Locale): KpiOutcome {
  if (r.ok) return { ok: true, value: r.value };
  switch (r.code) {
    case 'blank':
      return { ok: false, error: '#N/A', message: formatMessage(MESSAGES[locale], 'calc.blank') };
    case 'noTarget':
      return { ok: false, error: '#N/A', message: formatMessage(MESSAGES[locale], 'calc.noTarget') };
    case 'divByZero':
      return { ok: false, error: '#DIV/0!' };
    case 'invalidNumber':
      return { ok: false, error: '#NUM!' };
  }
}

type Body = (args: readonly unknown[]) => CalcResult;

const BODIES: Readonly<Record<KpiFunctionName, Body>> = {
  ATTAINMENT: ([a, t, k]) => {
    const kind = kindArg('kind', k);
    return attainment(kind, num('actual', a), num('target', t));
  },
  TIER: ([a, t, s, k, e]) => {
    const kind = kindArg('kind', k);
    const expected = num('expected', e);
    return tier(kind, num('actual', a), num('target', t), num('stretch', s), expected ?? 1);
  },
  PACE: ([d, m]) => {
    const mode = modeArg('mode', m);
    const date = dateArg('as_of', d);
    return date === null ? { ok: false, code: 'blank' } : pace(date, mode);
  },
  STATUS: ([a, t, k, e]) => {
    const kind = kindArg('kind', k);
    const expected = num('expected', e);
    return status(kind, num('actual', a), num('target', t), expected ?? 1);
  },
  GROWTH: ([c, p]) => growth(num('current', c), num('previous', p)),
  GAP: ([a, t, k]) => {
    const kind = kindArg('kind', k);
    return gap(kind, num('actual', a), num('target', t));
  },
};

/** Runs one `KPI.*` function on raw argument values (as Excel or a formula engine hands them over). */
export function runKpi(name: KpiFunctionName, args: readonly unknown[], locale: Locale): KpiOutcome {
  try {
    return fromCalc(BODIES[name](args), locale);
  } catch (e) {
    if (e instanceof ArgError)
      return { ok: false, error: '#VALUE!', message: formatMessage(MESSAGES[locale], e.key, e.params) };
    throw e; // a programming error: never swallowed
  }
}
