import type { Source } from '../../../src/domain/consolidation/consolidate';
import type { Origin } from '../../../src/domain/consolidation/sources';
import { builtinPlan } from '../../../src/domain/plan/builtin';
import type { Campaign, Indicator, Plan } from '../../../src/domain/plan/schema';
import { buildTemplate } from '../../../src/domain/template/template';
import { cellAddress, columnNumber, parseCell } from '../../../src/domain/grid/address';
import type { CellValue } from '../../../src/domain/grid/cells';
import { specToArray } from '../specToArray';

/**
 * Department template sheets as the workbook port reads them (values only, row 0 = sheet row 1), built with the
 * real generator, and the edits a department makes: typing into input cells, inserting rows and columns, renaming.
 */

export const PLAN: Plan = builtinPlan();

export interface Grid {
  readonly name: string;
  readonly values: CellValue[][];
}

export function campaign(id: string, plan: Plan = PLAN): Campaign {
  const c = plan.campaigns.find((x) => x.id === id);
  if (!c) throw new Error(`no campaign ${id}`);
  return c;
}

export function indicator(code: string, plan: Plan = PLAN): Indicator {
  const i = plan.campaigns.flatMap((c) => c.indicators).find((x) => x.code === code);
  if (!i) throw new Error(`no indicator ${code}`);
  return i;
}

/** A generated template (computed cells read back as blank: only the inputs matter to consolidation). */
export function templateGrid(
  campaignId: string,
  department: string,
  options: { month?: number; year?: number; name?: string; plan?: Plan } = {},
): Grid {
  const plan = options.plan ?? PLAN;
  const spec = buildTemplate({
    plan,
    campaignId,
    department,
    year: options.year ?? 2019,
    month: options.month ?? 6,
    mode: 'kpi',
  });
  const values = specToArray(spec).map((row) =>
    row.map((v): CellValue =>
      typeof v === 'string' && v.startsWith('=') ? null : typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v,
    ),
  );
  return { name: options.name ?? spec.name, values };
}

/** Input cells of a freshly generated template: H actual, I prior, N reason, one row per indicator from row 7. */
export function inputAddress(code: string, field: 'actual' | 'prior' | 'reason' | 'note', plan: Plan = PLAN): string {
  const c = plan.campaigns.find((x) => x.indicators.some((i) => i.code === code));
  const index = c?.indicators.findIndex((i) => i.code === code) ?? -1;
  if (!c || index < 0) throw new Error(`no indicator ${code}`);
  return `${{ actual: 'H', prior: 'I', reason: 'N', note: 'O' }[field]}${7 + index}`;
}

export function put(grid: Grid, cells: Readonly<Record<string, CellValue>>): Grid {
  const values = grid.values.map((r) => [...r]);
  const width = Math.max(0, ...values.map((r) => r.length));
  for (const [address, value] of Object.entries(cells)) {
    const { column, row } = parseCell(address);
    while (values.length < row) values.push(Array.from({ length: width }, (): CellValue => null));
    const r = values[row - 1] ?? [];
    while (r.length < column) r.push(null);
    r[column - 1] = value;
  }
  return { name: grid.name, values };
}

/** Types values into an indicator's input cells. */
export function fill(
  grid: Grid,
  values: Readonly<Record<string, { actual?: CellValue; prior?: CellValue; reason?: CellValue }>>,
  plan: Plan = PLAN,
): Grid {
  const cells: Record<string, CellValue> = {};
  for (const [code, v] of Object.entries(values)) {
    if (v.actual !== undefined) cells[inputAddress(code, 'actual', plan)] = v.actual;
    if (v.prior !== undefined) cells[inputAddress(code, 'prior', plan)] = v.prior;
    if (v.reason !== undefined) cells[inputAddress(code, 'reason', plan)] = v.reason;
  }
  return put(grid, cells);
}

export function insertRow(grid: Grid, before: number): Grid {
  const values = grid.values.map((r) => [...r]);
  const width = Math.max(0, ...values.map((r) => r.length));
  values.splice(
    before - 1,
    0,
    Array.from({ length: width }, (): CellValue => null),
  );
  return { name: grid.name, values };
}

export function insertColumn(grid: Grid, before: number | string): Grid {
  const at = typeof before === 'number' ? before : columnNumber(before);
  return {
    name: grid.name,
    values: grid.values.map((r) => {
      const c = [...r];
      c.splice(at - 1, 0, null);
      return c;
    }),
  };
}

export function rename(grid: Grid, name: string): Grid {
  return { name, values: grid.values };
}

export function get(grid: { values: readonly (readonly CellValue[])[] }, address: string): CellValue {
  const { column, row } = parseCell(address);
  return grid.values[row - 1]?.[column - 1] ?? null;
}

/** Where a generated cell is after inserting a row before `row` and a column before `column`. */
export function moved(address: string, row: number | undefined, column: number | undefined): string {
  const p = parseCell(address);
  return cellAddress(
    column !== undefined && p.column >= column ? p.column + 1 : p.column,
    row !== undefined && p.row >= row ? p.row + 1 : p.row,
  );
}

export const sheetSource = (grid: Grid): Source => ({ origin: { kind: 'sheet', sheet: grid.name }, sheet: grid });
export const fileSource = (file: string, grid: Grid): Source => ({
  origin: { kind: 'file', file, sheet: grid.name },
  sheet: grid,
});

export function originLabel(o: Origin): string {
  return o.kind === 'sheet' ? o.sheet : `${o.file}/${o.sheet}`;
}
