import { builtinPlan } from '../../src/domain/plan/builtin';
import { buildPlanSheet } from '../../src/domain/plan/planSheet';
import { readPlanSheet } from '../../src/domain/plan/readPlanSheet';
import type { Indicator, Plan } from '../../src/domain/plan/schema';
import { buildTemplate, type TemplateInput } from '../../src/domain/template/template';
import { normaliseCode } from '../../src/domain/grid/ownSheets';
import type { CellValue } from '../../src/domain/grid/cells';
import { cellAt } from '../../src/domain/grid/sheet';
import { specToArray } from './specToArray';

/**
 * A plan with 配合部门, as an office puts them into its 指标库 sheet (the built-in 2019 plan names none per
 * indicator): the sheet written from the built-in plan, 配合部门 typed into column Q, read back. 转型升级 (C2, lead
 * 经信商务局) gets 发展改革局 on C2-03 (规上工业亩均税收, `single`), C2-09 (数字经济增加值增速, `growth`) and C2-10
 * (新增国家高新技术企业, `sum`, paced), and 财政局 on C2-10.
 */

/** Rows of the 指标库 sheet as written from the built-in plan: indicators from row 5, C2-03 the 11th. */
const PLAN_ROW = { 'C2-03': 15, 'C2-09': 21, 'C2-10': 22 } as const;
const CONTRIBUTORS_COLUMN = 16; // Q, 0-based

export const LEAD_C2 = '经信商务局';
export const NDRC = '发展改革局';
export const FINANCE = '财政局';

export function contributorPlan(): Plan {
  const spec = buildPlanSheet(builtinPlan());
  const values = specToArray(spec).map((r) => [...r]) as CellValue[][];
  const type = (row: number, text: string): void => {
    const cells = values[row - 1] ?? [];
    while (cells.length <= CONTRIBUTORS_COLUMN) cells.push(null);
    cells[CONTRIBUTORS_COLUMN] = text;
    values[row - 1] = cells;
  };
  type(PLAN_ROW['C2-03'], NDRC);
  type(PLAN_ROW['C2-09'], NDRC);
  type(PLAN_ROW['C2-10'], `${NDRC}、${FINANCE}`);
  const read = readPlanSheet({ name: spec.name, values, numberFormats: [] });
  if (!read.plan) throw new Error(`the 指标库 with 配合部门 does not read: ${JSON.stringify(read.problems)}`);
  const named = read.plan.campaigns.flatMap((c) => c.indicators).filter((i) => i.contributors !== undefined);
  if (named.map((i) => i.code).join() !== 'C2-03,C2-09,C2-10') throw new Error('the 配合部门 were not read');
  return read.plan;
}

export interface Grid {
  readonly name: string;
  readonly values: CellValue[][];
}

/** A generated template as the port reads it back (formulas as blank: only inputs matter to consolidation). */
export function templateOf(plan: Plan, campaignId: string, department: string, extra: Partial<TemplateInput> = {}) {
  const spec = buildTemplate({ plan, campaignId, department, year: 2019, month: 6, mode: 'kpi', ...extra });
  const values = specToArray(spec).map((row) =>
    row.map((v): CellValue => (typeof v === 'string' && v.startsWith('=') ? null : v)),
  );
  return { spec, grid: { name: spec.name, values } as Grid };
}

const INPUT_COLUMN = { actual: 8, prior: 9, reason: 14 } as const; // H, I, N (1-based), as generated

/** The sheet row of an indicator, found by its code in column B (a 配合部门's sheet lists only its indicators). */
export function rowOfCode(grid: Grid, code: string): number | undefined {
  for (let row = 1; row <= grid.values.length; row++)
    if (normaliseCode(cellAt(grid.values, row, 2)) === code) return row;
  return undefined;
}

/** Types values into the input cells of indicators, rows found by code. */
export function fillByCode(
  grid: Grid,
  values: Readonly<Record<string, { actual?: CellValue; prior?: CellValue; reason?: CellValue }>>,
): Grid {
  const out = grid.values.map((r) => [...r]);
  for (const [code, v] of Object.entries(values)) {
    const row = rowOfCode(grid, code);
    if (row === undefined) throw new Error(`no row of ${code} on “${grid.name}”`);
    for (const field of ['actual', 'prior', 'reason'] as const) {
      const value = v[field];
      if (value === undefined) continue;
      const cells = out[row - 1] ?? [];
      while (cells.length < INPUT_COLUMN[field]) cells.push(null);
      cells[INPUT_COLUMN[field] - 1] = value;
      out[row - 1] = cells;
    }
  }
  return { name: grid.name, values: out };
}

/** A plan with one indicator changed (its 分月计划, weight, target…), the rest as they were. */
export function withIndicator(plan: Plan, code: string, change: Partial<Indicator>): Plan {
  return {
    ...plan,
    campaigns: plan.campaigns.map((c) => ({
      ...c,
      indicators: c.indicators.map((i) => (i.code === code ? { ...i, ...change } : i)),
    })),
  };
}

/** C1-01 合同利用外资 7 亿美元, planned unevenly: 10% by March, 45% by June. */
export const C1_01_PLAN: number[] = [0.2, 0.4, 0.7, 1.2, 2.2, 3.15, 3.6, 4.2, 4.9, 5.6, 6.3, 7];
