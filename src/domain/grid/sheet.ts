import { decodeMarker, MARKER_TAG, type MarkerPayload } from './sheetSpec';
import { cellAddress } from './address';
import { isBlankValue, labelText, type CellValue } from './cells';

/**
 * Reading the add-in's own sheets back from a grid of values (row 0 = sheet row 1, as the workbook port returns
 * them). Shared by the template validator and the 指标库 reader: things are found by marker, key and label,
 * never by a fixed position, because staff insert rows and columns.
 */

export type Grid = readonly (readonly CellValue[])[];

/**
 * A sheet as read through the workbook port: its used range from A1, so that row r, column c of `values` is the
 * cell in sheet row r + 1, column c + 1. Formulas and number formats only when the reader asked for them.
 */
export interface SheetData {
  readonly name: string;
  readonly values: Grid;
  /** Formulas ("=…") where a cell has one, else null. */
  readonly formulas?: readonly (readonly (string | null)[])[];
  readonly numberFormats?: readonly (readonly string[])[];
}

/** The value of a cell by 1-based row and column; `null` outside the grid. */
export function cellAt(values: Grid, row: number, column: number): CellValue {
  return values[row - 1]?.[column - 1] ?? null;
}

/** The number format of a cell by 1-based row and column, when the formats were read. */
export function formatAt(
  formats: readonly (readonly string[])[] | undefined,
  row: number,
  column: number,
): string | undefined {
  return formats?.[row - 1]?.[column - 1];
}

export interface FoundMarker {
  readonly row: number;
  readonly column: number;
  readonly cell: string;
  /** The cell's text, which starts with the marker tag. */
  readonly raw: string;
  /** Undefined when the text after the tag is not a JSON record (a damaged marker). */
  readonly payload?: MarkerPayload;
}

/** Every cell of rows 1…`maxRow` (all columns, or only `column`) whose text starts with the marker tag. */
export function findMarkers(values: Grid, maxRow: number, column?: number): FoundMarker[] {
  const found: FoundMarker[] = [];
  for (let row = 1; row <= Math.min(maxRow, values.length); row++) {
    const cells = values[row - 1] ?? [];
    for (let c = 1; c <= cells.length; c++) {
      if (column !== undefined && c !== column) continue;
      const v = cells[c - 1];
      if (typeof v !== 'string' || !v.startsWith(MARKER_TAG)) continue;
      const payload = decodeMarker(v);
      found.push({ row, column: c, cell: cellAddress(c, row), raw: v, ...(payload ? { payload } : {}) });
    }
  }
  return found;
}

export interface KeysRow<K extends string> {
  /** 1-based row of the keys. */
  readonly row: number;
  /** 1-based column of each key found exactly once. */
  readonly columns: Readonly<Partial<Record<K, number>>>;
  /** Every column each key was found in (more than one: duplicated). */
  readonly positions: ReadonlyMap<K, readonly number[]>;
  readonly missing: readonly K[];
  readonly duplicated: readonly K[];
}

/**
 * The first row within rows 1…`maxRow` holding every `required` key, and where each of `keys` is in it. Keys are
 * matched after trimming; inserted columns only move them.
 */
export function findKeysRow<K extends string>(
  values: Grid,
  keys: readonly K[],
  required: readonly K[],
  maxRow: number,
): KeysRow<K> | undefined {
  const known = new Set<string>(keys);
  for (let row = 1; row <= Math.min(maxRow, values.length); row++) {
    const positions = new Map<K, number[]>();
    (values[row - 1] ?? []).forEach((v, i) => {
      if (typeof v !== 'string') return;
      const key = v.trim();
      if (!known.has(key)) return;
      const list = positions.get(key as K) ?? [];
      list.push(i + 1);
      positions.set(key as K, list);
    });
    if (!required.every((k) => positions.has(k))) continue;
    const columns: Partial<Record<K, number>> = {};
    const missing: K[] = [];
    const duplicated: K[] = [];
    for (const key of keys) {
      const list = positions.get(key);
      if (!list) missing.push(key);
      else if (list.length > 1) duplicated.push(key);
      else columns[key] = list[0];
    }
    return { row, columns, positions, missing, duplicated };
  }
  return undefined;
}

/** The first cell in rows `fromRow`…`toRow` whose label is `label`. */
export function findLabel(
  values: Grid,
  label: string,
  fromRow: number,
  toRow: number,
): { row: number; column: number } | undefined {
  for (let row = Math.max(1, fromRow); row <= Math.min(toRow, values.length); row++) {
    const cells = values[row - 1] ?? [];
    for (let c = 1; c <= cells.length; c++) if (labelText(cells[c - 1] ?? null) === label) return { row, column: c };
  }
  return undefined;
}

/**
 * The value that belongs to a label: the first non-blank cell to its right in the same row, unless that cell is
 * itself one of `otherLabels` (the value was cleared and the next label was reached).
 */
export function valueRightOf(
  values: Grid,
  at: { row: number; column: number },
  otherLabels: ReadonlySet<string>,
): { column: number; value: CellValue } | undefined {
  const cells = values[at.row - 1] ?? [];
  for (let c = at.column + 1; c <= cells.length; c++) {
    const v = cells[c - 1] ?? null;
    if (isBlankValue(v)) continue;
    const l = labelText(v);
    if (l !== undefined && (otherLabels.has(l) || l.startsWith('注'))) return undefined;
    return { column: c, value: v };
  }
  return undefined;
}
