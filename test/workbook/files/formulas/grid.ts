import type { CellValue } from '../../../../src/domain/grid/cells';
import { evaluateBook, type FormulaBook, type FormulaCell } from '../../../../src/workbook/files/formulas/evaluate';

/** A cell of a test grid: a text starting with "=" is a formula, anything else a value; undefined is blank. */
export type GridCell = CellValue | undefined;

/** A book from grids (row 0 is sheet row 1), formulas written as "=…" texts. */
export function gridBook(sheets: Readonly<Record<string, readonly (readonly GridCell[])[]>>): FormulaBook {
  return {
    sheets: Object.entries(sheets).map(([name, grid]) => ({
      name,
      rows: grid.length,
      columns: Math.max(0, ...grid.map((r) => r.length)),
      cell: (row: number, column: number): FormulaCell | undefined => {
        const v = grid[row - 1]?.[column - 1];
        if (v === undefined) return undefined;
        return typeof v === 'string' && v.startsWith('=') ? { formula: v } : { value: v };
      },
    })),
  };
}

/** The value of `formula` in B1 of a sheet "S" whose A column holds `cells` (A1, A2, …), other sheets beside it. */
export function evaluateOne(
  formula: string,
  cells: readonly GridCell[] = [],
  others: Readonly<Record<string, readonly (readonly GridCell[])[]>> = {},
): CellValue | undefined {
  const grid = cells.length === 0 ? [[undefined, formula]] : cells.map((c, i) => (i === 0 ? [c, formula] : [c]));
  return evaluateBook(gridBook({ S: grid, ...others }))
    .get('S')
    ?.get('B1');
}
