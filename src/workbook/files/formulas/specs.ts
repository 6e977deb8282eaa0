import { cellAddress, parseCell } from '../../../domain/grid/address';
import type { CellValue, LiteralValue } from '../../../domain/grid/cells';
import { MARKER_CELL, encodeMarker } from '../../../domain/grid/ownSheets';
import type { SheetSpec } from '../../../domain/grid/sheetSpec';
import { evaluateBook, type FormulaBook, type FormulaCell, type FormulaSheet } from './evaluate';

/**
 * What a file writer needs of the evaluator: the sheet specs it writes, as the cells an adapter writes them (each
 * block in order, a later block over an earlier one, a `null` entry of a block leaving its cell as it was; then the
 * marker in A1), plus values typed into input cells, evaluated together: each sheet's formula cells' results.
 */

/** Values typed into cells after the specs were written: sheet name → A1 address → value. */
export type TypedValues = ReadonlyMap<string, ReadonlyMap<string, LiteralValue>>;

/** A sheet's cached formula results by A1 address ("H7"); undefined for a cell that holds no formula. */
export type CachedValues = (address: string) => CellValue | undefined;

/** The book of the specs' cells, typed values over them (a typed value replaces a formula, as typing does). */
export function specBook(specs: readonly SheetSpec[], typed: TypedValues = new Map()): FormulaBook {
  return { sheets: specs.map((spec) => specSheet(spec, typed.get(spec.name))) };
}

/** Every formula cell's result, per sheet of the specs, as the writer asks for it. */
export function evaluateSpecs(specs: readonly SheetSpec[], typed?: TypedValues): Map<string, CachedValues> {
  const results = evaluateBook(specBook(specs, typed));
  return new Map(
    specs.map((spec) => {
      const values = results.get(spec.name) ?? new Map<string, CellValue>();
      return [spec.name, (address: string) => values.get(address) ?? values.get(normalised(address))];
    }),
  );
}

function normalised(address: string): string {
  try {
    const { row, column } = parseCell(address);
    return cellAddress(column, row);
  } catch {
    return address; // not a cell address: nothing is cached under it
  }
}

function specSheet(spec: SheetSpec, typed: ReadonlyMap<string, LiteralValue> | undefined): FormulaSheet {
  const cells = new Map<string, FormulaCell>();
  let rows = 0;
  let columns = 0;
  const put = (row: number, column: number, cell: FormulaCell): void => {
    cells.set(`${row},${column}`, cell);
    rows = Math.max(rows, row);
    columns = Math.max(columns, column);
  };
  for (const block of spec.blocks) {
    const at = parseCell(block.at);
    block.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (!cell) return;
        const written: FormulaCell =
          cell.formula !== undefined ? { formula: cell.formula } : { value: cell.value ?? null };
        put(at.row + r, at.column + c, written);
      }),
    );
  }
  if (spec.marker) {
    const at = parseCell(MARKER_CELL);
    put(at.row, at.column, { value: encodeMarker(spec.marker) });
  }
  for (const [address, value] of typed ?? []) {
    const at = parseCell(address);
    put(at.row, at.column, { value });
  }
  return { name: spec.name, rows, columns, cell: (row, column) => cells.get(`${row},${column}`) };
}
