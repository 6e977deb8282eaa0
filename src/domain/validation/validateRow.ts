import { allowsNegative, type Kind } from '../kinds';
import { LIGHT, growth as growthRate, status, DEFAULT_STATUS_THRESHOLDS, type StatusThresholds } from '../calc';
import type { MessageKey, MessageParams } from '../i18n/messages';
import type { Indicator } from '../plan/schema';
import { readNumberText, roundFloat } from './numberText';

/**
 * Validation of the values staff enter in one indicator row (SPEC §7). Pure: plain data in, problems out.
 * Nothing is changed: a problem may carry a suggested fix, which the user applies or not.
 */

/** An Excel error value as read from a cell (valueType "Error"). */
export interface CellErrorValue {
  readonly error: string;
}
export type CellValue = number | string | boolean | null | CellErrorValue;

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

export type Field = 'actual' | 'prior' | 'reason' | 'period';
export type Severity = 'error' | 'warning';

export interface Problem {
  readonly severity: Severity;
  readonly field: Field;
  readonly key: MessageKey;
  readonly params: MessageParams;
  /** A fix applied only on request: the value to write into `field`. */
  readonly fix?: { readonly field: Field; readonly value: number };
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
  out: Problem[],
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
    const read = readNumberText(value, ind.unit);
    const text = value;
    switch (read.kind) {
      case 'blank':
        out.push({ severity: 'warning', field, key: 'value.whitespace', params: base.params });
        return null;
      case 'errorValue':
        out.push({ severity: 'error', field, key: 'value.errorValue', params: { ...base.params, text: read.error } });
        return null;
      case 'boolean':
        out.push({ severity: 'error', field, key: 'value.boolean', params: { ...base.params, text } });
        return null;
      case 'approximate':
        out.push({
          severity: 'error',
          field,
          key: 'value.approximate',
          params: { ...base.params, text, fix: read.value },
          fix: { field, value: read.value },
        });
        return null;
      case 'unitMismatch':
        out.push({
          severity: 'error',
          field,
          key: 'value.unitMismatch',
          params: { ...base.params, text, unit: ind.unit },
        });
        return null;
      case 'ambiguousComma':
        out.push({ severity: 'error', field, key: 'value.ambiguousComma', params: { ...base.params, text } });
        return null;
      case 'date':
      case 'notNumber':
        out.push({ severity: 'error', field, key: 'value.notANumber', params: { ...base.params, text } });
        return null;
      case 'number': {
        // A percent sign in a cell that holds an amount (a growth row's values included) is not a unit we can trust.
        if (read.notes.includes('percentSign') && !isRate(valueKind)) {
          out.push({
            severity: 'error',
            field,
            key: 'value.unitMismatch',
            params: { ...base.params, text, unit: ind.unit },
          });
          return null;
        }
        out.push({
          severity: 'error',
          field,
          key: 'value.notANumberFix',
          params: { ...base.params, text, fix: read.value },
          fix: { field, value: read.value },
        });
        return null;
      }
    }
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

function isRate(k: Kind | 'amount'): boolean {
  return k === 'share' || k === 'floor' || k === 'milestone';
}

function checkNumber(
  field: 'actual' | 'prior',
  v: number,
  ind: Indicator,
  valueKind: Kind | 'amount',
  out: Problem[],
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
        });
      } else {
        out.push({
          severity: 'error',
          field,
          key: valueKind === 'milestone' ? 'value.milestoneRange' : 'value.percentConfusion',
          params: { ...params, fix: roundFloat(v / 100), percent: percentText(v) },
        });
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
 */
export function validateRow(ind: Indicator, row: RowInput, ctx: RowContext): RowResult {
  const problems: Problem[] = [];
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
