import type { ReadOptions } from '../port';
import type { SheetData } from '../../domain/grid/sheet';
import type { CellValue } from '../../domain/grid/cells';

/**
 * Turning what Excel returns for a sheet's used range into SheetData: cell (r, c) of the result is cell (r+1, c+1)
 * of the sheet, whatever rows and columns are empty above and to the left of the used range.
 */

export interface LoadedGrid {
  /** 0-based position of the grid's top-left cell on the sheet. */
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly values: readonly (readonly unknown[])[];
  readonly valueTypes: readonly (readonly string[])[];
  readonly formulas?: readonly (readonly unknown[])[];
  readonly numberFormat?: readonly (readonly unknown[])[];
}

/** The properties to load on a range for `options`. */
export function rangeProperties(options: ReadOptions): string[] {
  return [
    'values',
    'valueTypes',
    ...(options.formulas ? ['formulas'] : []),
    ...(options.numberFormats ? ['numberFormat'] : []),
  ];
}

export function toCellValue(value: unknown, type: string | undefined): CellValue {
  switch (type) {
    case 'Empty':
      return null;
    case 'Error':
      return { error: String(value) };
    case 'String':
      return String(value);
    case 'Boolean':
      return Boolean(value);
    case 'Double':
    case 'Integer':
      return Number(value);
    default:
      // Unknown or rich values (ExcelApi 1.16 data types): keep what is plain, drop the rest.
      return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? value : null;
  }
}

/** Assembles a sheet from grids (one, or row chunks of the used range), padding the area above and to the left. */
export function toSheetData(name: string, grids: readonly LoadedGrid[], options: ReadOptions): SheetData {
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  const formats: string[][] = [];
  let width = 0;
  for (const g of grids) width = Math.max(width, g.columnIndex + (g.values[0]?.length ?? 0));
  const ensureRow = (r: number): void => {
    while (values.length <= r) {
      values.push(new Array<CellValue>(width).fill(null));
      formulas.push(new Array<string | null>(width).fill(null));
      formats.push(new Array<string>(width).fill('General'));
    }
  };
  for (const g of grids) {
    g.values.forEach((row, i) => {
      const r = g.rowIndex + i;
      ensureRow(r);
      const vRow = values[r];
      const fRow = formulas[r];
      const nRow = formats[r];
      row.forEach((v, j) => {
        const c = g.columnIndex + j;
        if (vRow) vRow[c] = toCellValue(v, g.valueTypes[i]?.[j]);
        const f = g.formulas?.[i]?.[j];
        if (fRow && typeof f === 'string' && f.startsWith('=')) fRow[c] = f;
        const n = g.numberFormat?.[i]?.[j];
        if (nRow && typeof n === 'string') nRow[c] = n;
      });
    });
  }
  return {
    name,
    values,
    ...(options.formulas ? { formulas } : {}),
    ...(options.numberFormats ? { numberFormats: formats } : {}),
  };
}

/** Estimated response bytes of one cell for the loaded properties (values + valueTypes ≈ 40, the others ≈ 40). */
export function bytesPerCell(options: ReadOptions): number {
  return 40 + (options.formulas ? 40 : 0) + (options.numberFormats ? 40 : 0);
}
