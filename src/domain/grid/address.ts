/**
 * A1 addresses ↔ 0-based row/column indexes: the one place that does column-letter arithmetic, shared by the
 * domain (template layout and plan sheet, through 1-based wrappers in template/layout.ts) and the adapters.
 */

export interface CellRef {
  readonly row: number; // 0-based
  readonly col: number; // 0-based
}

export interface RangeRef {
  readonly start: CellRef;
  readonly end: CellRef; // inclusive
}

export function columnName(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(name: string): number {
  let n = 0;
  for (const ch of name.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function parseCell(address: string): CellRef {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) throw new Error(`not a cell address: ${address}`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1] ?? 'A') };
}

export function cellAddress(ref: CellRef): string {
  return `${columnName(ref.col)}${ref.row + 1}`;
}

/** "A1", "A1:C3", whole columns "H:H" (bounded by `maxRow`) and whole rows "2:2". */
export function parseRange(address: string, maxRow = 1_048_575, maxCol = 16_383): RangeRef {
  const [a, b] = address.replace(/\$/g, '').split(':');
  if (a === undefined) throw new Error(`not a range: ${address}`);
  if (/^[A-Za-z]+$/.test(a)) {
    return { start: { row: 0, col: columnIndex(a) }, end: { row: maxRow, col: columnIndex(b ?? a) } };
  }
  if (/^\d+$/.test(a)) {
    return { start: { row: Number(a) - 1, col: 0 }, end: { row: Number(b ?? a) - 1, col: maxCol } };
  }
  const start = parseCell(a);
  const end = b === undefined ? start : parseCell(b);
  return {
    start: { row: Math.min(start.row, end.row), col: Math.min(start.col, end.col) },
    end: { row: Math.max(start.row, end.row), col: Math.max(start.col, end.col) },
  };
}

export function rangeAddress(r: RangeRef): string {
  const a = cellAddress(r.start);
  const b = cellAddress(r.end);
  return a === b ? a : `${a}:${b}`;
}

export function contains(r: RangeRef, c: CellRef): boolean {
  return c.row >= r.start.row && c.row <= r.end.row && c.col >= r.start.col && c.col <= r.end.col;
}

/** Addresses may be lists ("A1:A3,C5"). */
export function parseRanges(address: string): RangeRef[] {
  return address.split(',').map((a) => parseRange(a.trim()));
}
