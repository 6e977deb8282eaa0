import { allowsNegative, type Kind } from '../calc/kinds';
import { LIGHT, growth as growthRate, status, DEFAULT_STATUS_THRESHOLDS, type StatusThresholds } from '../calc/calc';
import type { MessageKey, MessageParams } from '../i18n/messages';
import type { Indicator } from '../plan/schema';
import { readNumberText, roundFloat, type TextNote } from '../grid/numberText';
import type { CellValue } from '../grid/cells';
import type { Field, Severity } from '../grid/problems';

/**
 * Validation of the values staff enter in one indicator row (SPEC §7). Pure: plain data in, problems out.
 * Nothing is changed: a problem may carry a suggested fix, which the user applies or not.
 */

export interface RowInput {
  /** 1–N月累计完成 (for `growth`: the current value). */
  readonly actual: CellValue;
  /** 上年同期 (only `growth` rows). */
  readonly prior?: CellValue;
  /** 滞后原因及措施 */
  readonly reason?: CellValue;
  /** Number formats of the input cells, to notice dates typed into number cells. */
  readonly formats?: { readonly actual?: string; readonly prior?: string };
}

export interface RowContext {
  /** 序时进度 E for paced indicators (SPEC §5); non-paced indicators use 1 whatever is given. */
  readonly expected: number;
  readonly thresholds?: StatusThresholds;
}

export interface Problem {
  readonly severity: Severity;
  readonly field: Field;
  readonly key: MessageKey;
  readonly params: MessageParams;
  /** A fix applied only on request: the value to write into `field`. */
  readonly fix?: { readonly field: Field; readonly value: number };
}

/**
 * A problem as a rule finds it, before its fix is settled (see `settleFix`). `fromText`: the fix is the cell's own
 * text read as a number, so what is wrong with that number is wrong with the cell. `scaled`: the fix divides what
 * was typed by 100 (a percent sign, or 10 typed for 10%).
 */
interface Finding extends Problem {
  readonly fromText?: true;
  readonly scaled?: true;
}

/** The numbers a row yields, after validation, for attainment and consolidation. */
export interface RowNumbers {
  readonly actual: number | null;
  readonly prior: number | null;
}

export interface RowResult {
  readonly problems: readonly Problem[];
  /** Only the values that are valid numbers; an invalid value is `null` here and listed in `problems`. */
  readonly numbers: RowNumbers;
  /** The status light (0–3) computed from the valid numbers, or undefined when it cannot be computed. */
  readonly light: number | undefined;
}

const FIELD_KEY: Readonly<Record<Field, MessageKey>> = {
  actual: 'field.actual',
  prior: 'field.prior',
  reason: 'field.reason',
  period: 'field.period',
};

/** A number format that shows a date (y, m/d, 年月日) rather than a number. */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  // Quoted text, escaped characters and [conditions]/[colours] are not date codes.
  const codes = format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[yd]/i.test(codes);
}

const WHOLE_UNITS = new Set(['家', '个', '项', '人', '次', '位次']);

/** Not reported: empty, or only spaces (a cell of spaces also gets its own warning from readCell). */
function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

function percentText(v: number): string {
  return String(roundFloat(v));
}

/** Checks one input cell and returns its number when it is a usable number. */
function readCell(
  field: 'actual' | 'prior',
  value: CellValue | undefined,
  format: string | undefined,
  ind: Indicator,
  valueKind: Kind | 'amount',
  out: Finding[],
): number | null {
  const fieldName = FIELD_KEY[field];
  const base = { field, params: { fieldKey: fieldName } };
  // Office.js reads an empty cell as "": blank, not "only spaces".
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'object') {
    out.push({ severity: 'error', field, key: 'value.errorValue', params: { ...base.params, text: value.error } });
    return null;
  }
  if (typeof value === 'boolean') {
    out.push({
      severity: 'error',
      field,
      key: 'value.boolean',
      params: { ...base.params, text: value ? 'TRUE' : 'FALSE' },
    });
    return null;
  }
  if (typeof value === 'string') {
    out.push(textFinding(field, value, ind, valueKind));
    return null;
  }
  if (!Number.isFinite(value)) {
    out.push({ severity: 'error', field, key: 'value.notFinite', params: base.params });
    return null;
  }
  if (isDateFormat(format)) {
    out.push({
      severity: 'warning',
      field,
      key: 'value.looksLikeDate',
      params: { ...base.params, text: format ?? '' },
    });
  }
  return checkNumber(field, value, ind, valueKind, out);
}

/**
 * Text in a number cell is always a problem (it is not used); what kind of problem depends on how it reads: a
 * number that leaves no doubt gets it as a fix ("7亿" in an 亿元 cell → 7), the wrong unit, an approximation, an
 * ambiguous comma, a date or words are said as such.
 */
function textFinding(field: 'actual' | 'prior', text: string, ind: Indicator, valueKind: Kind | 'amount'): Finding {
  const read = readNumberText(text, ind.unit);
  const params = { fieldKey: FIELD_KEY[field] };
  // A unit other than the indicator's, or a percent sign in a cell that holds an amount (a growth row's values
  // included), is the wrong unit: not read as a number, approximate or not ("约10%" in a 总量 cell).
  const percentInAmount =
    (read.kind === 'number' || read.kind === 'approximate') && read.notes.includes('percentSign') && !isRate(valueKind);
  if (percentInAmount || read.kind === 'unitMismatch')
    return { severity: 'error', field, key: 'value.unitMismatch', params: { ...params, text, unit: ind.unit } };
  switch (read.kind) {
    case 'blank':
      return { severity: 'warning', field, key: 'value.whitespace', params };
    case 'errorValue':
      return { severity: 'error', field, key: 'value.errorValue', params: { ...params, text: read.error } };
    case 'boolean':
      return { severity: 'error', field, key: 'value.boolean', params: { ...params, text } };
    case 'approximate':
      return {
        severity: 'error',
        field,
        key: 'value.approximate',
        params: { ...params, text, fix: read.value },
        fix: { field, value: read.value },
        ...readFromText(read.notes),
      };
    case 'ambiguousComma':
      return { severity: 'error', field, key: 'value.ambiguousComma', params: { ...params, text } };
    case 'date':
    case 'notNumber':
      return { severity: 'error', field, key: 'value.notANumber', params: { ...params, text } };
    case 'number':
      return {
        severity: 'error',
        field,
        key: 'value.notANumberFix',
        params: { ...params, text, fix: read.value },
        fix: { field, value: read.value },
        ...readFromText(read.notes),
      };
  }
}

/** The marks of a fix that is the cell's own text read as a number (scaled when it had a percent sign). */
function readFromText(notes: readonly TextNote[]): Pick<Finding, 'fromText' | 'scaled'> {
  return notes.includes('percentSign') ? { fromText: true, scaled: true } : { fromText: true };
}

function isRate(k: Kind | 'amount'): boolean {
  return k === 'share' || k === 'floor' || k === 'milestone';
}

/** A rate outside what a rate can be: 0%–100% (a share may fall: -100%–100%); `percent` is the value in percent. */
function rateOutOfRange(
  field: 'actual' | 'prior',
  kind: Kind | 'amount',
  percent: number,
  params: MessageParams,
): Finding {
  if (kind === 'milestone')
    return {
      severity: 'error',
      field,
      key: 'value.milestoneRange',
      params: { ...params, percent: percentText(percent) },
    };
  return {
    severity: 'error',
    field,
    key: 'value.rateRange',
    params: { ...params, percent: percentText(percent), min: kind === 'share' ? '-100%' : '0%' },
  };
}

function checkNumber(
  field: 'actual' | 'prior',
  v: number,
  ind: Indicator,
  valueKind: Kind | 'amount',
  out: Finding[],
): number | null {
  const params = { fieldKey: FIELD_KEY[field], value: v, kind: ind.kind, unit: ind.unit };
  const negativeOk = valueKind !== 'amount' && allowsNegative(valueKind);
  if (v < 0 && !negativeOk) {
    out.push({ severity: 'error', field, key: 'value.negative', params });
    return null;
  }
  if (valueKind === 'rank') {
    if (!Number.isInteger(v) || v < 1) {
      out.push({ severity: 'error', field, key: 'value.rankInvalid', params });
      return null;
    }
    return v;
  }
  if (valueKind === 'milestone' || valueKind === 'floor' || valueKind === 'share') {
    const limit = valueKind === 'share' ? Math.abs(v) : v;
    if (limit > 1) {
      if (limit <= 100) {
        const fix = roundFloat(v / 100);
        out.push({
          severity: 'error',
          field,
          key: 'value.percentConfusion',
          params: { ...params, fix, percent: percentText(v) },
          fix: { field, value: fix },
          scaled: true,
        });
      } else {
        // Over 100 even as a percentage: no reading of it is a possible rate, so nothing is offered.
        out.push(rateOutOfRange(field, valueKind, v, params));
      }
      return null;
    }
    // A share target is a few points (0.01 = 1个百分点): "1" or "0.5" typed for points is caught by magnitude below.
    if (valueKind !== 'share') return v;
  }
  if ((valueKind === 'count' || WHOLE_UNITS.has(ind.unit)) && !Number.isInteger(v)) {
    out.push({ severity: 'error', field, key: 'value.notWhole', params });
    return null;
  }
  const reference = ind.target ?? ind.stretch;
  if (valueKind !== 'amount' && reference !== undefined && reference > 0 && v > 10 * reference) {
    out.push({
      severity: 'warning',
      field,
      key: 'value.implausibleMagnitude',
      params: { ...params, target: reference },
    });
  }
  return v;
}

/**
 * Validates one row. For `growth` indicators the row holds amounts (current and prior-year value) and the
 * growth rate is computed from them; for every other kind `actual` is the indicator's own value.
 * A suggested fix is always a value this function accepts for its field without an error (see `settleFix`).
 */
export function validateRow(ind: Indicator, row: RowInput, ctx: RowContext): RowResult {
  const found = findProblems(ind, row, ctx);
  return { ...found, problems: found.problems.map((f) => settleFix(ind, row, ctx, f)) };
}

/** At most this many fixes in a chain ("约60" in a 下限 cell: 约60 → 60 → 0.6 is two). */
const MAX_FIX_STEPS = 3;

/**
 * A fix is applied with one click, so it must itself be valid: the suggested number is validated like a typed one,
 * through the same rules. When that yields one further unambiguous fix ("60" in a 下限 cell → 60 → 0.6), the fixes
 * are chained to the final value. A chain never divides by 100 twice: "150%" in a 下限 cell is 1.5 already, and
 * reading that 1.5 as "1.5 typed for 1.5%" (0.015) would be a guess. When the cell's own number is invalid with no
 * fix ("-5" in a 总量 cell, "15.5家" in a 个数 cell), that error is what the cell is told. Otherwise the problem
 * stays, without a fix (and without a message that names one).
 */
function settleFix(ind: Indicator, row: RowInput, ctx: RowContext, found: Finding): Problem {
  const { fromText, scaled, ...problem } = found;
  const first = problem.fix;
  if (first === undefined || (first.field !== 'actual' && first.field !== 'prior')) return problem;
  const field = first.field;
  let value = first.value;
  let divided = scaled === true;
  /** A step of the chain read a whole percentage ("60" in a 下限 cell → 0.6): the message says so. */
  let asPercent = false;
  for (let step = 0; step < MAX_FIX_STEPS; step++) {
    const errors = findProblems(ind, { ...row, [field]: value }, ctx).problems.filter(
      (q) => q.field === field && q.severity === 'error',
    );
    const [next, ...others] = errors;
    if (next === undefined) return value === first.value ? problem : withFix(problem, value, asPercent);
    if (others.length > 0) break;
    // A scaled step is a whole percentage of a rate (percent confusion). "150%" in a 下限 cell is 1.5 already:
    // over 100%, which no second division may explain away.
    if (divided && next.scaled)
      return rateOutOfRange(field, next.params.kind as Kind, value * 100, { fieldKey: FIELD_KEY[field], value });
    if (next.fix?.field === field) {
      value = next.fix.value;
      divided ||= next.scaled === true;
      asPercent ||= next.scaled === true;
      continue;
    }
    if (next.fix === undefined && step === 0 && fromText) {
      const { fromText: _t, scaled: _s, ...own } = next;
      return own;
    }
    break;
  }
  return withoutFix(problem);
}

function withFix(p: Problem, value: number, asPercent = false): Problem {
  const field = p.fix?.field ?? p.field;
  const params = 'fix' in p.params ? { ...p.params, fix: value } : p.params;
  const key =
    asPercent && p.key === 'value.notANumberFix'
      ? 'value.notANumberPercentFix'
      : asPercent && p.key === 'value.approximate'
        ? 'value.approximatePercent'
        : p.key;
  return {
    ...p,
    key,
    params: key === p.key ? params : { ...params, percent: percentText(value * 100) },
    fix: { field, value },
  };
}

/** The problem without its fix; a message that would name the dropped fix becomes the plain "not a number". */
function withoutFix(p: Problem): Problem {
  const { fix: _dropped, ...rest } = p;
  if (p.key !== 'value.notANumberFix' && p.key !== 'value.approximate') return rest;
  const { fieldKey, text } = p.params;
  return {
    ...rest,
    key: 'value.notANumber',
    params: { ...(fieldKey !== undefined ? { fieldKey } : {}), ...(text !== undefined ? { text } : {}) },
  };
}

/** The rules themselves: every problem of the row, each with its fix as a rule suggests it, unchecked. */
function findProblems(
  ind: Indicator,
  row: RowInput,
  ctx: RowContext,
): { problems: Finding[]; numbers: RowNumbers; light: number | undefined } {
  const problems: Finding[] = [];
  const isGrowth = ind.kind === 'growth';
  const valueKind: Kind | 'amount' = isGrowth ? 'amount' : ind.kind;
  const actual = readCell('actual', row.actual, row.formats?.actual, ind, valueKind, problems);
  let prior: number | null = null;

  if (isGrowth) {
    prior = readCell('prior', row.prior ?? null, row.formats?.prior, ind, 'amount', problems);
    const hasActual = !isBlank(row.actual);
    const hasPrior = !isBlank(row.prior ?? null);
    if (hasActual && !hasPrior)
      problems.push({ severity: 'error', field: 'prior', key: 'value.growthMissingPrior', params: {} });
    if (!hasActual && hasPrior)
      problems.push({ severity: 'warning', field: 'actual', key: 'value.growthMissingCurrent', params: {} });
    if (prior !== null && prior <= 0) {
      problems.push({ severity: 'error', field: 'prior', key: 'value.priorNotPositive', params: { value: prior } });
      prior = null;
    }
    if (actual !== null && prior !== null && actual > 0 && (actual / prior > 10 || prior / actual > 10)) {
      problems.push({
        severity: 'warning',
        field: 'actual',
        key: 'value.implausibleGrowth',
        params: { current: actual, prior },
      });
    }
  }

  const light = lightOf(ind, actual, prior, ctx);
  // Only text is a written reason: a number, TRUE/FALSE or an error value such as #N/A is not (SPEC §6).
  const reasonBlank = typeof row.reason !== 'string' || isBlank(row.reason);
  if ((light === LIGHT.red || light === LIGHT.yellow) && reasonBlank) {
    problems.push({
      severity: 'error',
      field: 'reason',
      key: 'value.reasonMissing',
      params: { lightKey: `light.${light}` },
    });
  }
  return { problems, numbers: { actual, prior: isGrowth ? prior : null }, light };
}

/** The status light of a row from its valid numbers (SPEC §6); undefined when it cannot be computed. */
export function lightOf(
  ind: Indicator,
  actual: number | null,
  prior: number | null,
  ctx: RowContext,
): number | undefined {
  const thresholds = ctx.thresholds ?? DEFAULT_STATUS_THRESHOLDS;
  const expected = ind.paced ? ctx.expected : 1;
  if (ind.kind === 'growth') {
    if (actual === null || prior === null) return actual === null && prior === null ? LIGHT.none : undefined;
    const g = growthRate(actual, prior);
    if (!g.ok) return undefined;
    const r = status('growth', g.value, ind.target ?? ind.stretch ?? null, 1, thresholds);
    return r.ok ? r.value : undefined;
  }
  const r = status(ind.kind, actual, ind.target ?? ind.stretch ?? null, expected, thresholds);
  return r.ok ? r.value : undefined;
}
