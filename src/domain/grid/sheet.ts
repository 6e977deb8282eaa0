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
  /** Merged areas as A1 ranges ("H7:H8"), where the reader knows them (issue 12: merged input cells are a problem). */
  readonly merges?: readonly string[];
  /**
   * A1 addresses of formula cells that hold no cached result (a file saved by a tool that does not calculate): their
   * value reads as blank, but they were not left empty (issue 12: never a silent 未填报).
   */
  readonly uncalculated?: readonly string[];
}

/** Below this many rows a range is walked row by row; above it, only the rows present are visited. */
const WALK_ROWS = 4096;

/**
 * The 1-based rows in `fromRow`…`toRow` that hold a row array, in order. A grid read from a file is sparse (a row
 * that holds nothing is a hole, issue 12): one cell at A1048576 makes `values.length` 1,048,576 but only that row
 * is visited, so no lookup costs a million steps.
 */
export function presentRows(values: Grid, fromRow: number, toRow: number = values.length): number[] {
  const first = Math.max(1, fromRow);
  const last = Math.min(toRow, values.length);
  const rows: number[] = [];
  if (last - first < WALK_ROWS) {
    for (let row = first; row <= last; row++) if (values[row - 1] !== undefined) rows.push(row);
    return rows;
  }
  // Index keys come in ascending order, holes left out.
  for (const key of Object.keys(values)) {
    const row = Number(key) + 1;
    if (Number.isInteger(row) && row >= first && row <= last) rows.push(row);
  }
  return rows;
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

/** The first cell in rows `fromRow`…`toRow` whose label is `label`. */
export function findLabel(
  values: Grid,
  label: string,
  fromRow: number,
  toRow: number,
): { row: number; column: number } | undefined {
  for (const row of presentRows(values, fromRow, toRow)) {
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
