import type { MarkerPayload } from './ownSheets';
/**
 * A declarative description of a sheet (ARCHITECTURE.md): what a sheet is — cells, formulas, formats,
 * validation, conditional formats, protection, table, chart, marker — as plain data. The domain produces it;
 * an adapter (Excel or the in-memory workbook) renders it in a constant number of round trips. Addresses are
 * A1 references on the sheet itself (no sheet prefix).
 */

import type { LiteralValue } from './cells';
import { formatMessage, type Messages } from '../i18n/messages';
import { WORDS_ZH, type WordMessageKey } from '../i18n/words.zh';

export interface CellSpec {
  /** Literal value (ignored when `formula` is set). */
  readonly value?: LiteralValue;
  /** A formula starting with "=", in English (en-US) function names and separators. */
  readonly formula?: string;
  /** Name of an entry in `SheetSpec.styles`. */
  readonly style?: string;
  /** Overrides the style's number format for this cell. */
  readonly numberFormat?: string;
  readonly hyperlink?: HyperlinkSpec;
}

export interface HyperlinkSpec {
  /** A place in this workbook ("'部门表'!H6") or an https URL. */
  readonly documentReference?: string;
  readonly address?: string;
  readonly tooltip?: string;
}

/** A rectangle of cells starting at `at`; `null` entries leave a cell untouched (and unstyled). */
export interface BlockSpec {
  readonly at: string;
  readonly rows: readonly (readonly (CellSpec | null)[])[];
}

export interface BorderSpec {
  readonly style: 'thin' | 'medium' | 'thick' | 'dashed' | 'dotted' | 'double';
  readonly color: string;
}

export interface StyleSpec {
  readonly fill?: string; // #RRGGBB
  readonly font?: {
    readonly bold?: boolean;
    readonly italic?: boolean;
    readonly color?: string;
    readonly size?: number;
    readonly name?: string;
  };
  readonly horizontal?: 'left' | 'center' | 'right';
  readonly vertical?: 'top' | 'center' | 'bottom';
  readonly wrap?: boolean;
  readonly numberFormat?: string;
  /** Outer and inner borders of every cell with this style. */
  readonly border?: BorderSpec;
  /** Input cells are unlocked (editable under protection); everything else is locked. Default: locked. */
  readonly locked?: boolean;
}

export type ValidationRule =
  | {
      readonly type: 'decimal' | 'wholeNumber';
      readonly operator:
        | 'between'
        | 'notBetween'
        | 'equalTo'
        | 'notEqualTo'
        | 'greaterThan'
        | 'lessThan'
        | 'greaterThanOrEqualTo'
        | 'lessThanOrEqualTo';
      readonly formula1: number | string;
      readonly formula2?: number | string;
    }
  | { readonly type: 'list'; readonly source: readonly string[] }
  | { readonly type: 'textLength'; readonly operator: 'lessThanOrEqualTo'; readonly formula1: number }
  | { readonly type: 'custom'; readonly formula: string };

export interface ValidationSpec {
  readonly range: string;
  readonly rule: ValidationRule;
  readonly allowBlank: boolean;
  readonly prompt?: { readonly title: string; readonly message: string };
  readonly errorAlert?: {
    readonly style: 'stop' | 'warning' | 'information';
    readonly title: string;
    readonly message: string;
  };
}

export interface ConditionalFormatSpec {
  readonly range: string;
  readonly rule:
    | {
        readonly type: 'cellValue';
        readonly operator:
          'equalTo' | 'between' | 'greaterThan' | 'lessThan' | 'greaterThanOrEqual' | 'lessThanOrEqual' | 'notEqualTo';
        readonly formula1: string;
        readonly formula2?: string;
      }
    | { readonly type: 'expression'; readonly formula: string };
  readonly format: {
    readonly fill?: string;
    readonly fontColor?: string;
    readonly bold?: boolean;
    readonly numberFormat?: string;
  };
  readonly stopIfTrue?: boolean;
}

export interface TableSpec {
  readonly name: string;
  /** Header row included. */
  readonly range: string;
  readonly style?: string;
}

export interface ChartSpec {
  readonly name: string;
  readonly type: 'columnClustered' | 'barClustered' | 'line' | 'columnStacked' | 'pie';
  /** Source data including the header row/column. */
  readonly source: string;
  readonly seriesBy: 'columns' | 'rows';
  readonly title: string;
  /** Top-left and bottom-right cells the chart covers. */
  readonly from: string;
  readonly to: string;
  /** Each series' fill (#RRGGBB), in order, where colour carries meaning (绿/黄/红); else Excel's palette. */
  readonly seriesColors?: readonly string[];
}

export interface PrintSpec {
  readonly orientation: 'landscape' | 'portrait';
  /** Set where a sheet is meant for paper (the 通报: A4); else the workbook's default paper stays. */
  readonly paperSize?: 'A4';
  readonly fitToPagesWide?: number;
  readonly printTitleRows?: string; // e.g. "$1:$6"
  readonly centerHorizontally?: boolean;
}

export interface SheetSpec {
  readonly name: string;
  readonly marker?: MarkerPayload;
  readonly styles: Readonly<Record<string, StyleSpec>>;
  readonly blocks: readonly BlockSpec[];
  /** Widths in characters of the default font (Chinese characters count as two). */
  readonly columnWidths?: readonly { readonly column: string; readonly width: number; readonly hidden?: boolean }[];
  readonly rowHeights?: readonly { readonly row: number; readonly height: number; readonly hidden?: boolean }[];
  readonly merges?: readonly string[];
  readonly validations?: readonly ValidationSpec[];
  readonly conditionalFormats?: readonly ConditionalFormatSpec[];
  /** Protected without a password: a guard against accidents, not a security boundary. */
  readonly protect?: boolean;
  readonly freeze?: { readonly rows: number; readonly columns: number };
  readonly table?: TableSpec;
  readonly charts?: readonly ChartSpec[];
  readonly print?: PrintSpec;
  readonly tabColor?: string;
}

/**
 * A column width of the spec (characters of the default font's widest digit, as in Excel's UI) in whole pixels, by
 * Excel's rule (ECMA-376 §18.3.1.13): characters × 7 px (the widest digit of the default 11-point font; 等线 measures
 * the same) + 5 px of padding, rounded as Excel does. 8.43 characters (Excel's default) → 64 px. Both the Excel
 * adapter (points) and the .xlsx writer (the file's stored width) start from it.
 */
export function columnPixels(characters: number): number {
  return Math.round(characters * 7 + 5);
}

// ————— texts a cell can hold —————

/** Excel refuses a cell text longer than this (its specifications and limits: 32,767 characters). */
export const EXCEL_CELL_TEXT_LIMIT = 32_767;

/**
 * A text as a cell can hold it: whole when it fits, else cut so that, with a note saying so and how long the original
 * was, it is exactly EXCEL_CELL_TEXT_LIMIT long (never cutting a character of two UTF-16 units in half). The sheets
 * are written in Chinese (`words`: the table of the note). Its beginning is kept, so a text that must never become a
 * formula (SPEC §8) still starts as it did and is still written as text.
 */
export function clipCellText(text: string, words: Messages<WordMessageKey> = WORDS_ZH): string {
  if (text.length <= EXCEL_CELL_TEXT_LIMIT) return text;
  const note = formatMessage(words, 'cell.clipped', { length: text.length, max: EXCEL_CELL_TEXT_LIMIT });
  let end = EXCEL_CELL_TEXT_LIMIT - note.length;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1; // a high surrogate: keep the pair together
  return text.slice(0, end) + note;
}

/**
 * A literal value as a cell can hold it: clipCellText for a text; a number beyond a number's range (Infinity, NaN),
 * which Excel refuses to be written, as the text #NUM! — a last guard: a builder says why before it gets here.
 */
export function writableValue(value: LiteralValue, words?: Messages<WordMessageKey>): LiteralValue {
  if (typeof value === 'number') return Number.isFinite(value) ? value : '#NUM!';
  return typeof value === 'string' ? clipCellText(value, words) : value;
}

/**
 * The one place a sheet spec's cell values are made writable: every builder (templates, 指标库, 汇总, 明细) returns
 * its spec through this, so that no text over Excel's cell limit (issue 12: a 40,000-character 滞后原因 was written
 * whole into 明细, and Excel refuses the write) and no non-finite number (Excel refuses it too, and the Excel adapter
 * stops the write) reaches an adapter. A spec with nothing to change is returned as is.
 */
export function writableSpec(spec: SheetSpec, words?: Messages<WordMessageKey>): SheetSpec {
  const unwritable = (c: CellSpec | null): boolean =>
    typeof c?.value === 'string'
      ? c.value.length > EXCEL_CELL_TEXT_LIMIT
      : typeof c?.value === 'number' && !Number.isFinite(c.value);
  if (!spec.blocks.some((b) => b.rows.some((r) => r.some(unwritable)))) return spec;
  const blocks = spec.blocks.map((b) => ({
    ...b,
    rows: b.rows.map((r) =>
      r.map((c) => (c && unwritable(c) ? { ...c, value: writableValue(c.value ?? null, words) } : c)),
    ),
  }));
  return { ...spec, blocks };
}

/** Sheet names: ≤ 31 characters, none of []:*?/\ , not blank, no leading/trailing apostrophe; unique. */
export function sanitizeSheetName(wanted: string, taken: readonly string[] = []): string {
  let base = wanted
    .replace(/[[\]:*?/\\]/g, '_')
    .replace(/^'+|'+$/g, '')
    .trim();
  if (base === '') base = 'Sheet';
  if (base.toLowerCase() === 'history') base = 'History_'; // reserved by Excel
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  let name = base.slice(0, 31);
  for (let i = 2; lower.has(name.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    name = base.slice(0, 31 - suffix.length) + suffix;
  }
  return name;
}
