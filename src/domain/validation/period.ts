import { fromExcelSerial } from '../calc/calc';
import { isBlankText, type CellValue } from '../grid/cells';
import type { Problem } from './validateRow';

/** A monthly report period: 1–N月累计 of a year (SPEC §5, §7). */
export interface Period {
  readonly year: number;
  readonly month: number;
}

const PATTERNS: readonly RegExp[] = [
  /^(\d{4})\s*[-/.]\s*(\d{1,2})$/, // 2019-06, 2019/6, 2019.06
  /^(\d{4})\s*年\s*(?:1\s*[-－~～—至到]\s*)?(\d{1,2})\s*月(?:份)?(?:累计)?$/, // 2019年6月, 2019年1-6月
  /^(\d{4})(\d{2})$/, // 201906
];

/**
 * The report month offered first (SPEC §5): staff report 1–N月累计 after month N ends, so the last completed month
 * — in early July, 6月 — kept within the plan's year: 1月 before the year starts (and in its January), 12月 after it
 * ends. `today` is the local date.
 */
export function defaultReportMonth(planYear: number, today: Date): number {
  const year = today.getFullYear();
  if (year < planYear) return 1;
  if (year > planYear) return 12;
  return Math.max(1, today.getMonth());
}

/** Reads a report period from a cell: a date (serial), or text such as "2019-06", "2019年6月", "2019年1-6月". */
export function readPeriod(value: CellValue): Period | 'blank' | 'malformed' {
  if (value === null || (typeof value === 'string' && isBlankText(value))) return 'blank';
  if (typeof value === 'number') {
    const d = fromExcelSerial(value);
    return d ? { year: d.year, month: d.month } : 'malformed';
  }
  if (typeof value !== 'string') return 'malformed';
  const text = value.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  for (const re of PATTERNS) {
    const m = re.exec(text);
    if (m) {
      const year = Number(m[1]);
      const month = Number(m[2]);
      if (month >= 1 && month <= 12 && year >= 1900 && year <= 9999) return { year, month };
      return 'malformed';
    }
  }
  return 'malformed';
}

/** Validates a report-period cell against the plan year. */
export function validatePeriod(value: CellValue, planYear: number): { period?: Period; problems: Problem[] } {
  const p = readPeriod(value);
  if (p === 'blank') return { problems: [{ severity: 'error', field: 'period', key: 'period.missing', params: {} }] };
  if (p === 'malformed') {
    const text = typeof value === 'object' && value !== null ? value.error : String(value);
    return { problems: [{ severity: 'error', field: 'period', key: 'period.malformed', params: { text } }] };
  }
  if (p.year !== planYear) {
    return {
      period: p,
      problems: [{ severity: 'warning', field: 'period', key: 'period.wrongYear', params: { year: p.year, planYear } }],
    };
  }
  return { period: p, problems: [] };
}

/** 序时进度 for a monthly report (SPEC §5): m / 12. */
export function expectedProgress(period: Period): number {
  return period.month / 12;
}
