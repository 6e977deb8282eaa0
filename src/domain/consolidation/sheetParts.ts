import { BULLETIN_ZH } from '../i18n/bulletin.zh';
import { CALC_ZH } from '../i18n/calc.zh';
import { CONSOLIDATION_ZH } from '../i18n/consolidation.zh';
import { formatMessage, type MessageKey } from '../i18n/messages';
import { PLAN_ZH } from '../i18n/plan.zh';
import { VALIDATION_ZH } from '../i18n/validation.zh';
import { WORDS_ZH } from '../i18n/words.zh';
import type { LiteralValue } from '../grid/cells';
import { columnLetters } from '../grid/address';
import type { BlockSpec, CellSpec, ConditionalFormatSpec, StyleSpec } from '../grid/sheetSpec';
import {
  HEADER_STYLE,
  LIGHT_STYLES,
  PERCENT_FORMAT,
  PERIOD_FORMAT,
  STATUS_FORMAT,
  TEXT_FORMAT,
  THIN_BORDER,
  TIER_FORMAT,
  TIER_STYLES,
} from '../template/formats';
import type { Consolidation } from './consolidate';

/**
 * What the two sheets 一键汇总 writes (汇总 and 明细) have in common: their names, words and styles, the cells
 * they are made of, and a builder that lays their sections out top to bottom.
 *
 * Every text copied from a source (reasons, department, file and sheet names) goes into a cell's `value`, which
 * the adapters always write as text; no formula is ever built from source text. Formulas hold only the add-in's
 * own words and cell references.
 */

export const SUMMARY_SHEET = '汇总';
export const DETAIL_SHEET = '明细';

/** What a summary cell shows for a result beyond what a number can hold (issue 12), as Excel shows it. */
export const OUT_OF_RANGE = '#NUM!';

/** The version of the 汇总 and 明细 sheets' layout, in their markers. */
export const OUTPUT_VERSION = 1;

/** The sheets are written in Chinese: every message they show, in that language. */
export const SHEET_WORDS = {
  ...CALC_ZH,
  ...WORDS_ZH,
  ...PLAN_ZH,
  ...VALIDATION_ZH,
  ...CONSOLIDATION_ZH,
  ...BULLETIN_ZH,
};

export const zh = (key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string =>
  formatMessage(SHEET_WORDS, key, params);

const BORDER = THIN_BORDER;

export const STYLES: Readonly<Record<string, StyleSpec>> = {
  title: { font: { bold: true, size: 16 }, horizontal: 'center', vertical: 'center' },
  subtitle: { font: { size: 10, color: '#404040' }, horizontal: 'center', vertical: 'center', wrap: true },
  section: { font: { bold: true, size: 12, color: '#1F4E79' }, horizontal: 'left', vertical: 'center' },
  header: HEADER_STYLE,
  campaign: { font: { bold: true }, fill: '#F2F2F2', horizontal: 'left', vertical: 'center', border: BORDER },
  campaignNo: { font: { bold: true }, fill: '#F2F2F2', horizontal: 'center', vertical: 'center', border: BORDER },
  center: { horizontal: 'center', vertical: 'center', border: BORDER },
  text: { horizontal: 'left', vertical: 'center', wrap: true, border: BORDER, numberFormat: TEXT_FORMAT },
  number: { horizontal: 'right', vertical: 'center', border: BORDER },
  percent: { horizontal: 'right', vertical: 'center', border: BORDER, numberFormat: PERCENT_FORMAT },
  gap: { horizontal: 'right', vertical: 'center', border: BORDER, numberFormat: '+0.0;[Red]-0.0;0.0' },
  tier: { horizontal: 'center', vertical: 'center', border: BORDER, numberFormat: TIER_FORMAT },
  status: {
    font: { bold: true },
    horizontal: 'center',
    vertical: 'center',
    border: BORDER,
    numberFormat: STATUS_FORMAT,
  },
  state: { font: { bold: true }, horizontal: 'center', vertical: 'center', border: BORDER },
  period: { horizontal: 'center', vertical: 'center', border: BORDER, numberFormat: PERIOD_FORMAT },
  bool: { horizontal: 'center', vertical: 'center', border: BORDER },
  link: {
    font: { color: '#0563C1' },
    horizontal: 'left',
    vertical: 'center',
    wrap: true,
    border: BORDER,
    numberFormat: TEXT_FORMAT,
  },
  check: { font: { bold: true }, horizontal: 'center', vertical: 'center', border: BORDER },
  label: { font: { bold: true }, fill: '#F2F2F2', horizontal: 'center', vertical: 'center', border: BORDER },
  notes: { font: { size: 9, color: '#595959' }, horizontal: 'left', vertical: 'top', wrap: true },
};

// ————— cells —————

/** A cell holding a value (written as text when it is text), in one of STYLES. */
export const valueCell = (value: LiteralValue, style: string, numberFormat?: string): CellSpec =>
  numberFormat ? { value, style, numberFormat } : { value, style };

/** A cell holding one of the add-in's own formulas (never built from source text). */
export const formulaCell = (formula: string, style: string, numberFormat?: string): CellSpec =>
  numberFormat ? { formula, style, numberFormat } : { formula, style };

/** A cell laid across `span` columns of a row (merged when more than one). */
export interface SpanPart {
  readonly span: number;
  readonly cell: CellSpec;
}

/** The small-print notes of either sheet, across `span` columns. */
export const notesPart = (text: string, span: number): SpanPart => ({ span, cell: valueCell(text, 'notes') });

/** A quoted sheet reference for a formula or a hyperlink: 'it''s'!H7. */
export function sheetRef(sheet: string, cell: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${cell}`;
}

// ————— titles —————

/** 1 → 一, 12 → 十二, 25 → 二十五 (campaign numbers in headings). */
export function chineseNumeral(n: number): string {
  const d = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return d[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : (d[tens] ?? '')}十${ones === 0 ? '' : (d[ones] ?? '')}`;
}

/** "1-6月" (a January report: "1月"). */
export function monthRange(month: number): string {
  return month === 1 ? '1月' : `1-${month}月`;
}

/** The campaigns' collective name from the plan title (关于打赢“五大攻坚战”的总体方案 → 五大攻坚战). */
function planName(title: string): string {
  return /“([^”]+)”/u.exec(title)?.[1] ?? title;
}

/** A sheet's title: the plan's name, what the sheet is, and the period (五大攻坚战指标汇总明细（2019年1-6月）). */
export function sheetTitle(result: Pick<Consolidation, 'planTitle' | 'period'>, what: string): string {
  const p = result.period;
  return `${planName(result.planTitle)}${what}（${p ? `${p.year}年${monthRange(p.month)}` : '未选定报告期'}）`;
}

// ————— conditional formats —————

/** The light colours on a range of status cells. */
export function lightConditionalFormats(range: string): ConditionalFormatSpec[] {
  return LIGHT_STYLES.map((l): ConditionalFormatSpec => ({
    range,
    rule: { type: 'cellValue', operator: 'equalTo', formula1: String(l.value) },
    format: { fill: l.fill, fontColor: l.fontColor, numberFormat: l.numberFormat },
    stopIfTrue: true,
  }));
}

/** Tier colours by expression: a blank tier (未填报) would otherwise count as 0 in a cell-value rule. */
export function tierConditionalFormats(column: string, first: number, last: number): ConditionalFormatSpec[] {
  return TIER_STYLES.map((t): ConditionalFormatSpec => ({
    range: `${column}${first}:${column}${last}`,
    rule: { type: 'expression', formula: `=AND(ISNUMBER($${column}${first}),$${column}${first}=${t.value})` },
    format: { fill: t.fill, fontColor: t.fontColor },
    stopIfTrue: true,
  }));
}

// ————— the builder —————

/**
 * Lays a sheet's sections out top to bottom from column A: it knows the next free row, and collects the blocks
 * (one a section), the merges and the conditional formats in the order they are made.
 */
export class SheetBuilder {
  readonly blocks: BlockSpec[] = [];
  readonly merges: string[] = [];
  readonly conditionalFormats: ConditionalFormatSpec[] = [];
  private rows: CellSpec[][] = [];
  private next: number;

  /** `width`: the columns a full-width row spans; `first`: the first row to write. */
  constructor(
    readonly width: number,
    first: number,
  ) {
    this.next = first;
  }

  /** The next row to be written. */
  get row(): number {
    return this.next;
  }

  /** Starts a section (a block) after `gap` empty rows; returns its first row. */
  section(gap = 0): number {
    this.next += gap;
    this.rows = [];
    this.blocks.push({ at: `A${this.next}`, rows: this.rows });
    return this.next;
  }

  /** Leaves `count` rows empty (below a section, for charts). */
  skip(count: number): void {
    this.next += count;
  }

  /** Adds a row of cells to the section, as given; returns its row. */
  add(cells: CellSpec[]): number {
    this.rows.push(cells);
    return this.next++;
  }

  /** Adds a row of `width` cells with `parts` laid out from column A, each merged across its span; returns its row. */
  addSpans(parts: readonly SpanPart[], width = this.width): number {
    const cells: CellSpec[] = [];
    for (const { span, cell } of parts) {
      const first = cells.length + 1;
      cells.push(cell, ...Array.from({ length: span - 1 }, (): CellSpec => (cell.style ? { style: cell.style } : {})));
      if (span > 1)
        this.merges.push(`${columnLetters(first)}${this.next}:${columnLetters(first + span - 1)}${this.next}`);
    }
    while (cells.length < width) cells.push({});
    return this.add(cells);
  }

  /** Adds one cell merged across the sheet's width (a title, a section heading, a note); returns its row. */
  addWide(cell: CellSpec): number {
    return this.addSpans([{ span: this.width, cell }]);
  }

  /** Adds the sheet's small-print notes, merged across its width; returns their row. */
  addNotes(text: string): number {
    return this.addSpans([notesPart(text, this.width)]);
  }

  format(...formats: readonly ConditionalFormatSpec[]): void {
    this.conditionalFormats.push(...formats);
  }
}
