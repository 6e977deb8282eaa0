import { DetailedCellError, HyperFormula, type RawCellContent } from 'hyperformula';
import type { CellValue } from '../../../../src/domain/grid/cells';
import { registerKpiFunctions } from '../../../../src/workbook/memory/kpiPlugin';
import type { GridCell } from './grid';

/**
 * The same grids in HyperFormula (as the memory workbook configures it: exact arithmetic, KPI.* registered), to
 * check a unit test's expectation against the engine the evaluator is proven equal to. Dev-only, as HyperFormula is.
 */
registerKpiFunctions();

function content(v: GridCell): RawCellContent {
  if (v === undefined || v === null) return null;
  if (typeof v === 'object') return `=${v.error}`;
  if (typeof v === 'string') return v.startsWith('=') ? v : `'${v}`;
  return v;
}

function value(v: unknown): CellValue {
  if (v instanceof DetailedCellError) return { error: v.value };
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return null;
}

/** The value of `formula` in B1 of sheet "S" (A column: `cells`), as HyperFormula computes it; a parse failure throws. */
export function hyperFormulaOne(
  formula: string,
  cells: readonly GridCell[] = [],
  others: Readonly<Record<string, readonly (readonly GridCell[])[]>> = {},
): CellValue {
  const grid = cells.length === 0 ? [[null, formula]] : cells.map((c, i) => (i === 0 ? [c, formula] : [c]));
  const sheets: Record<string, RawCellContent[][]> = { S: grid.map((r) => r.map(content)) };
  for (const [name, g] of Object.entries(others)) sheets[name] = g.map((r) => r.map(content));
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3', smartRounding: false });
  try {
    return value(hf.getCellValue({ sheet: hf.getSheetId('S') ?? 0, row: 0, col: 1 }));
  } finally {
    hf.destroy();
  }
}
