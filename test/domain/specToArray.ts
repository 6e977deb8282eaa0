import { encodeMarker, MARKER_CELL } from '../../src/domain/grid/ownSheets';
import { type CellSpec, type SheetSpec } from '../../src/domain/grid/sheetSpec';
import { cellAddress, parseCell } from '../../src/domain/grid/address';
import { type LiteralValue } from '../../src/domain/grid/cells';

/** A cell as a formula engine's `buildFromArray` takes it: a literal, or a formula string starting with "=". */
export type EngineCell = number | boolean | string | null;

function parse(address: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(address);
  if (!m || m[1] === undefined || m[2] === undefined) throw new Error(`bad address ${address}`);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** A text literal stays text: a leading apostrophe stops the engine from reading "=…" as a formula. */
function literal(v: LiteralValue | undefined): EngineCell {
  if (v === undefined) return null;
  return typeof v === 'string' && v.startsWith('=') ? `'${v}` : v;
}

/**
 * Renders a SheetSpec's cells into a 2D array (row 0 = sheet row 1), as an adapter would: the marker in A1,
 * then every block's formulas and values at their addresses. Formats, validation etc. are not cells. With
 * `textAsRead`, texts are given as a workbook reads them back rather than as an engine's input.
 */
export function specToArray(spec: SheetSpec, options: { readonly textAsRead?: boolean } = {}): EngineCell[][] {
  const grid: EngineCell[][] = [];
  const put = (row: number, col: number, v: EngineCell): void => {
    while (grid.length <= row) grid.push([]);
    const r = grid[row] ?? [];
    while (r.length <= col) r.push(null);
    r[col] = v;
  };
  if (spec.marker) {
    const m = parse(MARKER_CELL);
    put(m.row, m.col, encodeMarker(spec.marker));
  }
  for (const block of spec.blocks) {
    const at = parse(block.at);
    block.rows.forEach((cells, r) =>
      cells.forEach((cell, c) => {
        if (cell === null) return;
        // textAsRead: a text as the adapter reads it back (its own text, never the engine's quote prefix).
        put(at.row + r, at.col + c, cell.formula ?? (options.textAsRead ? (cell.value ?? null) : literal(cell.value)));
      }),
    );
  }
  const width = Math.max(...grid.map((r) => r.length));
  return grid.map((r) => [...r, ...Array.from({ length: width - r.length }, (): EngineCell => null)]);
}

/** Every written cell of a spec by address (the last block wins, as when an adapter writes them in order). */
export function specCells(spec: SheetSpec): Map<string, CellSpec> {
  const out = new Map<string, CellSpec>();
  for (const block of spec.blocks) {
    const at = parseCell(block.at);
    block.rows.forEach((row, r) =>
      row.forEach((cell, c) => cell && out.set(cellAddress(at.column + c, at.row + r), cell)),
    );
  }
  return out;
}
