import { builtinPlan } from '../../src/domain/plan/builtin';
import type { Indicator, Plan } from '../../src/domain/plan/schema';
import type { SheetSpec } from '../../src/domain/grid/sheetSpec';
import { buildTemplate, type TemplateInput } from '../../src/domain/template/template';
import { cellAddress, columnNumber, parseCell } from '../../src/domain/grid/address';
import type { SheetData } from '../../src/domain/grid/sheet';
import type { CellValue } from '../../src/domain/grid/cells';
import { specToArray } from './specToArray';

/**
 * Template sheets as the workbook port returns them (values and number formats, row 0 = sheet row 1), built from
 * the real generator, and the edits staff make to them: typing into cells, inserting rows and columns.
 */

export const PLAN: Plan = builtinPlan();

export interface Sheet {
  readonly name: string;
  readonly values: CellValue[][];
  readonly numberFormats: string[][];
}

export function indicator(code: string): Indicator {
  const found = PLAN.campaigns.flatMap((c) => c.indicators).find((i) => i.code === code);
  if (!found) throw new Error(`no indicator ${code}`);
  return found;
}

export function campaignOf(code: string): string {
  const c = PLAN.campaigns.find((x) => x.indicators.some((i) => i.code === code));
  if (!c) throw new Error(`no campaign for ${code}`);
  return c.id;
}

/** The number format of every cell of a spec, as an adapter would apply it (cell format, else its style's). */
function formatsOf(spec: SheetSpec, height: number, width: number): string[][] {
  const grid = Array.from({ length: height }, () => Array.from({ length: width }, () => 'General'));
  for (const block of spec.blocks) {
    const at = parseCell(block.at);
    block.rows.forEach((cells, r) =>
      cells.forEach((cell, c) => {
        const f = cell?.numberFormat ?? (cell?.style ? spec.styles[cell.style]?.numberFormat : undefined);
        const row = grid[at.row - 1 + r];
        if (f && row) row[at.column - 1 + c] = f;
      }),
    );
  }
  return grid;
}

export function sheetFromSpec(spec: SheetSpec, name = spec.name): Sheet {
  const values: CellValue[][] = specToArray(spec).map((row) => [...row]);
  const width = values[0]?.length ?? 0;
  return { name, values, numberFormats: formatsOf(spec, values.length, width) };
}

/** A generated template sheet (June 2019, the lead department unless told). */
export function template(campaignId: string, extra: Partial<TemplateInput> = {}): Sheet {
  const campaign = PLAN.campaigns.find((c) => c.id === campaignId);
  const spec = buildTemplate({
    plan: PLAN,
    campaignId,
    department: campaign?.leadDepartment ?? '?',
    year: 2019,
    month: 6,
    mode: 'kpi',
    ...extra,
  });
  return sheetFromSpec(spec);
}

function copy(sheet: Sheet): Sheet {
  return {
    name: sheet.name,
    values: sheet.values.map((r) => [...r]),
    numberFormats: sheet.numberFormats.map((r) => [...r]),
  };
}

export function get(sheet: SheetData, address: string): CellValue {
  const { column, row } = parseCell(address);
  return sheet.values[row - 1]?.[column - 1] ?? null;
}

/** Types values into cells (growing the grid when needed), and optionally sets their number formats. */
export function set(
  sheet: Sheet,
  cells: Readonly<Record<string, CellValue>>,
  formats: Readonly<Record<string, string>> = {},
): Sheet {
  const out = copy(sheet);
  const width = Math.max(...out.values.map((r) => r.length));
  const put = (address: string, f: (row: CellValue[], fRow: string[], c: number) => void): void => {
    const { column, row } = parseCell(address);
    while (out.values.length < row) {
      out.values.push(Array.from({ length: width }, (): CellValue => null));
      out.numberFormats.push(Array.from({ length: width }, () => 'General'));
    }
    const vRow = out.values[row - 1] ?? [];
    const fRow = out.numberFormats[row - 1] ?? [];
    while (vRow.length < column) vRow.push(null);
    while (fRow.length < column) fRow.push('General');
    f(vRow, fRow, column - 1);
  };
  for (const [address, value] of Object.entries(cells)) put(address, (r, _f, c) => (r[c] = value));
  for (const [address, format] of Object.entries(formats)) put(address, (_r, f, c) => (f[c] = format));
  return out;
}

/** Inserts `count` empty rows before sheet row `before` (1-based), as Excel does. */
export function insertRows(sheet: Sheet, before: number, count = 1): Sheet {
  const out = copy(sheet);
  const width = Math.max(...out.values.map((r) => r.length));
  out.values.splice(
    before - 1,
    0,
    ...Array.from({ length: count }, () => Array.from({ length: width }, (): CellValue => null)),
  );
  out.numberFormats.splice(
    before - 1,
    0,
    ...Array.from({ length: count }, () => Array.from({ length: width }, () => 'General')),
  );
  return out;
}

/** Inserts `count` empty columns before column `before` ("H" or 8). */
export function insertColumns(sheet: Sheet, before: string | number, count = 1): Sheet {
  const at = typeof before === 'number' ? before : columnNumber(before);
  const out = copy(sheet);
  for (const r of out.values) r.splice(at - 1, 0, ...Array.from({ length: count }, (): CellValue => null));
  for (const r of out.numberFormats) r.splice(at - 1, 0, ...Array.from({ length: count }, () => 'General'));
  return out;
}

/** Deletes sheet row `row` (1-based). */
export function deleteRow(sheet: Sheet, row: number): Sheet {
  const out = copy(sheet);
  out.values.splice(row - 1, 1);
  out.numberFormats.splice(row - 1, 1);
  return out;
}

/** Copies sheet row `from` and inserts the copy before row `before`. */
export function duplicateRow(sheet: Sheet, from: number, before: number): Sheet {
  const out = copy(sheet);
  out.values.splice(before - 1, 0, [...(sheet.values[from - 1] ?? [])]);
  out.numberFormats.splice(before - 1, 0, [...(sheet.numberFormats[from - 1] ?? [])]);
  return out;
}

/** The 1-based sheet row of an indicator in a freshly generated template. */
export function rowOf(code: string): number {
  const campaign = PLAN.campaigns.find((c) => c.indicators.some((i) => i.code === code));
  const index = campaign?.indicators.findIndex((i) => i.code === code) ?? -1;
  if (index < 0) throw new Error(`no indicator ${code}`);
  return 7 + index;
}

/** Generated columns: A seq … H actual, I prior, N reason. */
export const GENERATED = { code: 'B', actual: 'H', prior: 'I', reason: 'N' } as const;

/** The address of an input cell of an indicator in a freshly generated template. */
export function inputCell(code: string, field: keyof typeof GENERATED): string {
  return `${GENERATED[field]}${rowOf(code)}`;
}

/** Where a cell moves when rows are inserted before `rowsBefore` and columns before `columnsBefore`. */
export function shifted(
  address: string,
  rows: { before: number; count: number },
  columns: { before: number; count: number },
): string {
  const { column, row } = parseCell(address);
  return cellAddress(
    column >= columns.before ? column + columns.count : column,
    row >= rows.before ? row + rows.count : row,
  );
}

/** Values that put every indicator of a campaign on track (绿) in June, without any reason needed. */
export function onTrack(ind: Indicator): { actual: number; prior?: number } {
  if (ind.kind === 'growth') return { actual: 200, prior: 100 };
  if (ind.kind === 'milestone') return { actual: 1 };
  return { actual: ind.target ?? ind.stretch ?? 1 };
}

/** A template of the campaign with on-track values in every row. */
export function filledTemplate(campaignId: string, extra: Partial<TemplateInput> = {}): Sheet {
  const campaign = PLAN.campaigns.find((c) => c.id === campaignId);
  const cells: Record<string, CellValue> = {};
  for (const ind of campaign?.indicators ?? []) {
    const v = onTrack(ind);
    cells[inputCell(ind.code, 'actual')] = v.actual;
    if (v.prior !== undefined) cells[inputCell(ind.code, 'prior')] = v.prior;
  }
  return set(template(campaignId, extra), cells);
}
