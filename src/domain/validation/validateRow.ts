import { POINTS_FORMAT, allowsNegative, type Kind } from '../calc/kinds';
import {
  isConfirmed,
  isImplausibleGrowth,
  isShareHundredth,
  isWhole,
  magnitudeOf,
  type DataState,
} from '../calc/dataState';
import { LIGHT, growth as growthRate, status, DEFAULT_STATUS_THRESHOLDS, type StatusThresholds } from '../calc/calc';
import type { MessageKey, MessageParams } from '../i18n/messages';
import type { Indicator } from '../plan/schema';
import {
  MAX_NUMBER_TEXT,
  isDateFormat,
  isPercentFormat,
  readNumberText,
  roundFloat,
  type TextNote,
  type TextNumber,
} from '../grid/numberText';
import { isBlankValue, shorten, type CellValue } from '../grid/cells';
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
  /** 备注: "已核实" there confirms a doubtful value (SPEC §6 Data states). */
  readonly note?: CellValue;
  /** Number formats of the input cells, to notice dates typed into number cells. */
  readonly formats?: { readonly actual?: string; readonly prior?: string };
  /**
   * Input cells that hold a formula without a cached result (a file saved by a tool that does not calculate): not
   * 未填报 — something was entered, and it is not a usable value (数据有误, issue 12).
   */
  readonly uncalculated?: readonly ('actual' | 'prior')[];
}

export interface RowContext {
  /** 序时进度 E for paced indicators (SPEC §5); non-paced indicators use 1 whatever is given. */
  readonly expected: number;
  readonly thresholds?: StatusThresholds;
  /**
   * A 配合部门's share of the indicator (SPEC §6, §8): judged by the district total only, so it has no light of its
   * own and needs no 滞后原因; its values are checked as any.
   */
  readonly share?: boolean;
}

export interface Problem {
  readonly severity: Severity;
  readonly field: Field;
  readonly key: MessageKey;
  readonly params: MessageParams;
  /** A fix applied only on request: the value to write into `field` (and the number format to give it, if any). */
  readonly fix?: { readonly field: Field; readonly value: number; readonly numberFormat?: string };
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
  /** 未填报, 数据有误, 待核实, 已核实 or valid (SPEC §6 Data states): see dataStateOf. */
  readonly state: DataState;
}

const FIELD_KEY: Readonly<Record<Field, MessageKey>> = {
  actual: 'field.actual',
  prior: 'field.prior',
  reason: 'field.reason',
  period: 'field.period',
};

/** Not reported: empty, or only spaces (a cell of spaces also gets its own warning from readCell). */
function isBlank(v: CellValue | undefined): boolean {
  return isBlankValue(v);
}

function percentText(v: number): string {
  return String(roundFloat(v));
}

/** An input cell holding a formula without a cached result: an error (its value is unknown), said as such. */
function uncalculated(row: RowInput, field: 'actual' | 'prior', out: Finding[]): boolean {
  if (!row.uncalculated?.includes(field)) return false;
  out.push({ severity: 'error', field, key: 'value.uncalculated', params: { fieldKey: FIELD_KEY[field] } });
  return true;
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
  return checkNumber(field, value, ind, valueKind, format, out);
}

/**
 * Text in a number cell is always a problem (it is not used); what kind of problem depends on how it reads: a
 * number that leaves no doubt gets it as a fix ("7亿" in an 亿元 cell → 7), the wrong unit, an approximation, an
 * ambiguous comma, a date or words are said as such.
 */
function textFinding(field: 'actual' | 'prior', text: string, ind: Indicator, valueKind: Kind | 'amount'): Finding {
  const params = { fieldKey: FIELD_KEY[field] };
  const read = inKind(readNumberText(text, ind.unit), valueKind);
  // "0.6%" in a share cell: a share change is typed in points (SPEC §3), so the number before the % sign is meant.
  if (
    (read.kind === 'number' || read.kind === 'approximate') &&
    valueKind === 'share' &&
    read.notes.includes('percentSign')
  ) {
    const fix = roundFloat(read.value * 100);
    return {
      severity: 'error',
      field,
      key: 'value.sharePercent',
      params: { ...params, text, fix },
      fix: { field, value: fix },
      fromText: true,
    };
  }
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
    case 'tooLong':
      return {
        severity: 'error',
        field,
        key: 'value.textTooLong',
        params: { ...params, text: shorten(text.trim(), 20), length: read.length, max: MAX_NUMBER_TEXT },
      };
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

/** Kinds whose cell holds a fraction shown as a percentage (a share change is points, a growth row amounts). */
function isRate(k: Kind | 'amount'): boolean {
  return k === 'floor' || k === 'milestone';
}

/**
 * A reading in percentage points ("50个百分点") in the cell's own terms: a share change is points as typed; a rate's
 * points are hundredths, as with a % sign; in an amount they are the wrong unit.
 */
function inKind(read: TextNumber, valueKind: Kind | 'amount'): TextNumber {
  if ((read.kind !== 'number' && read.kind !== 'approximate') || !read.notes.includes('points')) return read;
  if (valueKind === 'share') return read;
  if (isRate(valueKind)) return { ...read, value: roundFloat(read.value / 100), notes: [...read.notes, 'percentSign'] };
  return { kind: 'unitMismatch', value: read.value, unit: '个百分点' };
}

/** A rate outside what a rate can be: 0%–100%; `percent` is the value in percent. */
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
    params: { ...params, percent: percentText(percent), min: '0%' },
  };
}

function checkNumber(
  field: 'actual' | 'prior',
  v: number,
  ind: Indicator,
  valueKind: Kind | 'amount',
  format: string | undefined,
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
  if (valueKind === 'share') return checkShare(field, v, ind, format, params, out);
  if (valueKind === 'milestone' || valueKind === 'floor') {
    const limit = v;
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
    return v;
  }
  if (isWhole(valueKind, ind.unit) && !Number.isInteger(v)) {
    out.push({ severity: 'error', field, key: 'value.notWhole', params });
    return null;
  }
  if (valueKind === 'amount') return v;
  // 10×–1,000× the target is doubtful (待核实, counted); 1,000× or more is a slip (数据有误, left out): SPEC §7.
  const reference = ind.target ?? ind.stretch;
  const magnitude = magnitudeOf(v, reference);
  if (magnitude === 'slip') {
    out.push({ severity: 'error', field, key: 'value.magnitudeSlip', params: { ...params, target: reference ?? '' } });
    return null;
  }
  if (magnitude === 'doubtful')
    out.push({
      severity: 'warning',
      field,
      key: 'value.implausibleMagnitude',
      params: { ...params, target: reference ?? '' },
    });
  return v;
}

/**
 * A share change, in percentage points (SPEC §3): -100 to 100. "0.6%" typed into the cell reaches it as 0.006 (Excel
 * reads a % sign as hundredths): by the cell's percent format it is certain (an error, not counted); by being a
 * hundredth of a plausible change (at most a fiftieth of the target, and at least a tenth of it once multiplied by
 * 100) it is doubtful (a warning, counted). Either way the fix ×100 is offered.
 */
function checkShare(
  field: 'actual' | 'prior',
  v: number,
  ind: Indicator,
  format: string | undefined,
  params: MessageParams,
  out: Finding[],
): number | null {
  if (Math.abs(v) > 100) {
    out.push({ severity: 'error', field, key: 'value.shareRange', params });
    return null;
  }
  const reference = Math.abs(ind.target ?? ind.stretch ?? 0);
  const percent = isPercentFormat(format);
  if (v !== 0 && (percent || isShareHundredth(v, reference))) {
    const fix = roundFloat(v * 100);
    out.push({
      severity: percent ? 'error' : 'warning',
      field,
      key: percent ? 'value.sharePercent' : 'value.shareHundredth',
      params: { ...params, text: `${percentText(v * 100)}%`, fix },
      // In a percent format the fixed 0.6 would show as 60% and read as 0.006 again: the cell gets the points format.
      fix: percent ? { field, value: fix, numberFormat: POINTS_FORMAT } : { field, value: fix },
    });
    return percent ? null : v;
  }
  const magnitude = magnitudeOf(v, reference, true);
  if (magnitude === 'slip') {
    out.push({ severity: 'error', field, key: 'value.shareMagnitudeSlip', params: { ...params, target: reference } });
    return null;
  }
  if (magnitude === 'doubtful')
    out.push({ severity: 'warning', field, key: 'value.shareMagnitude', params: { ...params, target: reference } });
  return v;
}

/**
 * Validates one row. For `growth` indicators the row holds amounts (current and prior-year value) and the
 * growth rate is computed from them; for every other kind `actual` is the indicator's own value.
 * A suggested fix is always a value this function accepts for its field without an error (see `settleFix`).
 */
export function validateRow(ind: Indicator, row: RowInput, ctx: RowContext): RowResult {
  const found = findProblems(ind, row, ctx);
  const problems = found.problems.map((f) => settleFix(ind, row, ctx, f));
  const state = dataStateOf(ind, row, problems);
  // A confirmed value is no longer doubtful: its doubts are settled, not listed again (明细 says 已核实).
  const listed = state === 'confirmed' ? problems.filter((p) => !isDoubt(p)) : problems;
  return { ...found, problems: listed, state };
}

/** The warnings that make a usable value doubtful (待核实) until it is corrected or confirmed. */
const DOUBTS: ReadonlySet<MessageKey> = new Set<MessageKey>([
  'value.implausibleMagnitude',
  'value.shareMagnitude',
  'value.shareHundredth',
  'value.implausibleGrowth',
]);

function isDoubt(p: Problem): boolean {
  return p.severity === 'warning' && (p.field === 'actual' || p.field === 'prior') && DOUBTS.has(p.key);
}

/**
 * The row's data state (SPEC §6): nothing in 累计完成 (and, for growth, 上年同期) but spaces → 未填报; an error on
 * either → 数据有误 (left out); else a doubt → 待核实, or 已核实 where the row's 备注 says "已核实"; else valid. Errors
 * are never confirmed away. The template's 状态 formula (calc/formulas stateTests) spells the same rule.
 */
function dataStateOf(ind: Indicator, row: RowInput, problems: readonly Problem[]): DataState {
  const entered =
    !isBlank(row.actual) ||
    (ind.kind === 'growth' && !isBlank(row.prior ?? null)) ||
    (row.uncalculated ?? []).length > 0;
  if (!entered) return 'blank';
  const onValues = problems.filter((p) => p.field === 'actual' || p.field === 'prior');
  if (onValues.some((p) => p.severity === 'error')) return 'invalid';
  if (!onValues.some(isDoubt)) return 'valid';
  return isConfirmed(row.note) ? 'confirmed' : 'doubtful';
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
  let numberFormat = first.numberFormat;
  let divided = scaled === true;
  /** A step of the chain read a whole percentage ("60" in a 下限 cell → 0.6): the message says so. */
  let asPercent = false;
  for (let step = 0; step < MAX_FIX_STEPS; step++) {
    // The fix is checked as the cell will be once it is applied: its value, in the format the fix gives it.
    const formats = numberFormat === undefined ? row.formats : { ...row.formats, [field]: numberFormat };
    const errors = findProblems(ind, { ...row, [field]: value, formats }, ctx).problems.filter(
      (q) => q.field === field && q.severity === 'error',
    );
    const [next, ...others] = errors;
    if (next === undefined)
      return value === first.value && numberFormat === first.numberFormat
        ? problem
        : withFix(problem, { value, numberFormat }, asPercent);
    if (others.length > 0) break;
    // A number read from text is meant as typed: in a share cell only a percent format would misread it (1 shown as
    // 100%), so the fix keeps the number and gives the cell the points format.
    if (next.key === 'value.sharePercent' && fromText && numberFormat === undefined && next.fix?.numberFormat) {
      numberFormat = next.fix.numberFormat;
      continue;
    }
    // A scaled step is a whole percentage of a rate (percent confusion). "150%" in a 下限 cell is 1.5 already:
    // over 100%, which no second division may explain away.
    if (divided && next.scaled)
      return rateOutOfRange(field, next.params.kind as Kind, value * 100, { fieldKey: FIELD_KEY[field], value });
    if (next.fix?.field === field) {
      value = next.fix.value;
      numberFormat = next.fix.numberFormat ?? numberFormat;
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

function withFix(
  p: Problem,
  { value, numberFormat }: { value: number; numberFormat: string | undefined },
  asPercent = false,
): Problem {
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
    fix: numberFormat === undefined ? { field, value } : { field, value, numberFormat },
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
  const actual = uncalculated(row, 'actual', problems)
    ? null
    : readCell('actual', row.actual, row.formats?.actual, ind, valueKind, problems);
  let prior: number | null = null;

  if (isGrowth) {
    prior = uncalculated(row, 'prior', problems)
      ? null
      : readCell('prior', row.prior ?? null, row.formats?.prior, ind, 'amount', problems);
    const hasActual = !isBlank(row.actual) || row.uncalculated?.includes('actual') === true;
    const hasPrior = !isBlank(row.prior ?? null) || row.uncalculated?.includes('prior') === true;
    if (hasActual && !hasPrior)
      problems.push({ severity: 'error', field: 'prior', key: 'value.growthMissingPrior', params: {} });
    // Either half alone is no usable value: 数据有误, not 未填报 (SPEC §6), whichever half is missing.
    if (!hasActual && hasPrior)
      problems.push({ severity: 'error', field: 'actual', key: 'value.growthMissingCurrent', params: {} });
    if (prior !== null && prior <= 0) {
      problems.push({ severity: 'error', field: 'prior', key: 'value.priorNotPositive', params: { value: prior } });
      prior = null;
    }
    if (actual !== null && prior !== null && isImplausibleGrowth(actual, prior)) {
      problems.push({
        severity: 'warning',
        field: 'actual',
        key: 'value.implausibleGrowth',
        params: { current: actual, prior },
      });
    }
  }

  const light = ctx.share === true ? undefined : lightOf(ind, actual, prior, ctx);
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
