/**
 * A1 addresses: the one place that does column-letter arithmetic. Positions are numbered as Excel shows them —
 * row 1 is the first row, column 1 is A — in the domain and in the adapters alike; an adapter that indexes an
 * array or a 0-based engine subtracts 1 where it does so, never here.
 */

/** A cell by its 1-based row and column ("H7" is row 7, column 8). */
export interface CellRef {
  readonly row: number;
  readonly column: number;
}

/** A rectangle of cells, both corners included, `start` top-left. */
export interface RangeRef {
  readonly start: CellRef;
  readonly end: CellRef;
}

/** Excel's grid: 1,048,576 rows, 16,384 columns (XFD). */
export const MAX_ROW = 1_048_576;
export const MAX_COLUMN = 16_384;

/** 1 → "A", 27 → "AA". Throws a RangeError unless `column` is a positive integer. */
export function columnLetters(column: number): string {
  if (!Number.isInteger(column) || column < 1) throw new RangeError(`column ${column} is not a positive integer`);
  let n = column;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "A" → 1, "aa" → 27. Throws a RangeError unless `letters` is only letters. */
export function columnNumber(letters: string): number {
  if (!/^[A-Z]+$/i.test(letters)) throw new RangeError(`"${letters}" is not a column`);
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "H7" (or "$H$7") → { row: 7, column: 8 }. Throws a RangeError for anything else. */
export function parseCell(address: string): CellRef {
  const m = /^\$?([A-Za-z]+)\$?(\d+)$/.exec(address);
  if (!m || m[1] === undefined || m[2] === undefined || Number(m[2]) < 1)
    throw new RangeError(`"${address}" is not a cell address`);
  return { row: Number(m[2]), column: columnNumber(m[1]) };
}

/** (8, 7) → "H7": column first, as the address reads. */
export function cellAddress(column: number, row: number): string {
  if (!Number.isInteger(row) || row < 1) throw new RangeError(`row ${row} is not a positive integer`);
  return `${columnLetters(column)}${row}`;
}

/** "F5" → "$F$5", for formulas that must not move when copied. */
export function absoluteRef(address: string): string {
  const { row, column } = parseCell(address);
  return `$${columnLetters(column)}$${row}`;
}

/** "A1", "A1:C3", whole columns "H:H" and whole rows "2:2" (bounded by Excel's grid). */
export function parseRange(address: string): RangeRef {
  const [a, b, extra] = address.replace(/\$/g, '').split(':');
  if (a === undefined || extra !== undefined) throw new RangeError(`"${address}" is not a range`);
  if (/^[A-Za-z]+$/.test(a)) {
    return corners({ row: 1, column: columnNumber(a) }, { row: MAX_ROW, column: columnNumber(b ?? a) });
  }
  if (/^\d+$/.test(a)) {
    return corners({ row: Number(a), column: 1 }, { row: Number(b ?? a), column: MAX_COLUMN });
  }
  const start = parseCell(a);
  return corners(start, b === undefined ? start : parseCell(b));
}

function corners(a: CellRef, b: CellRef): RangeRef {
  return {
    start: { row: Math.min(a.row, b.row), column: Math.min(a.column, b.column) },
    end: { row: Math.max(a.row, b.row), column: Math.max(a.column, b.column) },
  };
}

/** "A1:C3", or "A1" for a single cell. */
export function rangeAddress(r: RangeRef): string {
  const a = cellAddress(r.start.column, r.start.row);
  const b = cellAddress(r.end.column, r.end.row);
  return a === b ? a : `${a}:${b}`;
}

export function contains(r: RangeRef, c: CellRef): boolean {
  return c.row >= r.start.row && c.row <= r.end.row && c.column >= r.start.column && c.column <= r.end.column;
}

/** Addresses may be lists ("A1:A3,C5"). */
export function parseRanges(address: string): RangeRef[] {
  return address.split(',').map((a) => parseRange(a.trim()));
}
