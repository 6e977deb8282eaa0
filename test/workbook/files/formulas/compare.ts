import { cellAddress, parseCell } from '../../../../src/domain/grid/address';
import type { CellValue, LiteralValue } from '../../../../src/domain/grid/cells';
import type { SheetData } from '../../../../src/domain/grid/sheet';
import type { SheetSpec } from '../../../../src/domain/grid/sheetSpec';
import type { FormulaBook } from '../../../../src/workbook/files/formulas/evaluate';
import { MemoryWorkbook } from '../../../../src/workbook/memory/memoryWorkbook';
import type { WriteOptions } from '../../../../src/workbook/port';

/**
 * What the equivalence tests share: HyperFormula's values (through the memory workbook) side by side with the
 * evaluator's, formula cell by formula cell, numbers equal within 1e-9 relative, everything else exactly.
 */

export function sameValue(ours: CellValue | undefined, theirs: CellValue | undefined): boolean {
  if (typeof ours === 'number' && typeof theirs === 'number')
    return ours === theirs || Math.abs(ours - theirs) <= 1e-9 * Math.max(Math.abs(ours), Math.abs(theirs));
  return JSON.stringify(ours) === JSON.stringify(theirs);
}

/** Formula cells compared, and the first mismatches (each with what explains it). */
export class Tally {
  compared = 0;
  readonly mismatches: string[] = [];

  check(where: string, formula: string, ours: CellValue | undefined, theirs: CellValue | undefined, why = ''): void {
    this.compared++;
    if (sameValue(ours, theirs) || this.mismatches.length >= 20) return;
    this.mismatches.push(
      `${where}: ours ${JSON.stringify(ours)}, HyperFormula ${JSON.stringify(theirs)} — ${formula.slice(0, 300)} ${why}`,
    );
  }
}

/** Every formula cell of a spec, by A1 address (a later block over an earlier one, as an adapter writes them). */
export function specFormulas(spec: SheetSpec): Map<string, string> {
  const out = new Map<string, string>();
  for (const block of spec.blocks) {
    const at = parseCell(block.at);
    block.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (!cell) return;
        const address = cellAddress(at.column + c, at.row + r);
        if (cell.formula !== undefined) out.set(address, cell.formula);
        else out.delete(address);
      }),
    );
  }
  return out;
}

/** The cells staff type into: those of an unlocked style (a template's yellow cells), as the spec writes them. */
export function inputCells(spec: SheetSpec): string[] {
  const out: string[] = [];
  for (const block of spec.blocks) {
    const at = parseCell(block.at);
    block.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        const style = cell?.style === undefined ? undefined : spec.styles[cell.style];
        if (cell && cell.formula === undefined && style?.locked === false)
          out.push(cellAddress(at.column + c, at.row + r));
      }),
    );
  }
  return out;
}

/** A cell's value as the memory workbook read it (its sheet data: row 0 is row 1). */
export function valueAt(sheet: SheetData | undefined, address: string): CellValue | undefined {
  const { row, column } = parseCell(address);
  return sheet?.values[row - 1]?.[column - 1];
}

/** The sheets as read back (formulas as the engine writes them back, values as typed or computed), as a book. */
export function bookOf(sheets: readonly SheetData[]): FormulaBook {
  return {
    sheets: sheets.map((s) => ({
      name: s.name,
      rows: s.values.length,
      columns: Math.max(0, ...s.values.map((r) => r.length)),
      cell: (row: number, column: number) => {
        const formula = s.formulas?.[row - 1]?.[column - 1];
        if (formula) return { formula };
        const value = s.values[row - 1]?.[column - 1] ?? null;
        return value === null ? undefined : { value };
      },
    })),
  };
}

/** A memory workbook that keeps every spec written into it (a use case's outputs, as a file writer would get them). */
export class RecordingWorkbook extends MemoryWorkbook {
  readonly written: SheetSpec[] = [];

  override async writeSheet(spec: SheetSpec, options?: WriteOptions): Promise<void> {
    this.written.push(spec);
    return super.writeSheet(spec, options);
  }
}

/** The typed values of one sheet as the evaluator takes them. */
export type Typed = Map<string, Map<string, LiteralValue>>;
