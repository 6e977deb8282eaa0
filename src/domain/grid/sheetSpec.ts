import type { MarkerPayload } from './ownSheets';
/**
 * A declarative description of a sheet (ARCHITECTURE.md): what a sheet is — cells, formulas, formats,
 * validation, conditional formats, protection, table, chart, marker — as plain data. The domain produces it;
 * an adapter (Excel or the in-memory workbook) renders it in a constant number of round trips. Addresses are
 * A1 references on the sheet itself (no sheet prefix).
 */

import type { LiteralValue } from './cells';

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
}

export interface PrintSpec {
  readonly orientation: 'landscape' | 'portrait';
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
