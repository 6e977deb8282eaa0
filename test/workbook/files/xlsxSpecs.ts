import { cellAddress, parseCell } from '../../../src/domain/grid/address';
import type { CellValue } from '../../../src/domain/grid/cells';
import type { SheetData } from '../../../src/domain/grid/sheet';
import type { SheetSpec } from '../../../src/domain/grid/sheetSpec';
import { builtinPlan } from '../../../src/domain/plan/builtin';
import type { Plan } from '../../../src/domain/plan/schema';
import { campaignDepartments } from '../../../src/domain/plan/departments';
import { buildPlanSheet } from '../../../src/domain/plan/planSheet';
import type { FormulaMode } from '../../../src/domain/calc/formulas';
import { buildTemplate, reapplyValues, type PreviousValues } from '../../../src/domain/template/template';
import type { XlsxSheet } from '../../../src/workbook/files/writeXlsx';
import { MemoryWorkbook } from '../../../src/workbook/memory/memoryWorkbook';
import { consolidateWorkbook } from '../../../src/workbook/usecases/consolidate';
import { contributorPlan } from '../../domain/contributorPlan';
import { plausibleFigures, templateInputRows } from '../../fixtures/filledTemplates';

/**
 * The add-in's real sheet specs for the .xlsx writer's tests: every template of the built-in plan (each campaign's
 * departments in their roles), filled in with plausible figures where `filled`; the 指标库; and a 一键汇总's 汇总, 明细,
 * 历史 and 通报 over April–June, as consolidateWorkbook writes them (captured from its writeSheets).
 */

export const plan = builtinPlan();

/** A template with figures placed in its spec (reapplyValues: the input cells get values, as when re-applied). */
export function filledTemplate(
  campaignId: string,
  department: string,
  month: number,
  mode: FormulaMode,
  seed = 0,
  of: Plan = plan,
): SheetSpec {
  const spec = buildTemplate({ plan: of, campaignId, department, year: of.year, month, mode });
  const campaign = of.campaigns.find((c) => c.id === campaignId);
  const byCode = new Map<string, PreviousValues>();
  const rows = new Set(templateInputRows(spec).map((r) => r.code));
  campaign?.indicators.forEach((ind, i) => {
    if (!rows.has(ind.code) || (i + seed) % 5 === 4) return; // every fifth row left blank (未填报)
    const typed = plausibleFigures(ind, i, seed);
    if (!typed) return;
    byCode.set(ind.code, {
      actual: typed.actual,
      ...(typed.prior !== undefined ? { prior: typed.prior } : {}),
      ...(i % 3 === 0 ? { reason: `第${i}行：进度滞后 & <原因> "待补"` } : {}),
    });
  });
  return reapplyValues(spec, byCode);
}

/**
 * Every template of the built-in plan — each campaign's departments (the 2019 plan names only its lead departments)
 * for March, June and December — and, from the plan with 配合部门 (test/domain/contributorPlan.ts), the 配合部门's
 * share templates of June.
 */
export function everyTemplate(mode: FormulaMode, filled = true): SheetSpec[] {
  const make = (of: Plan, campaignId: string, department: string, month: number, seed: number): SheetSpec =>
    filled
      ? filledTemplate(campaignId, department, month, mode, seed, of)
      : buildTemplate({ plan: of, campaignId, department, year: of.year, month, mode });
  const own = [3, 6, 12].flatMap((month) =>
    plan.campaigns.flatMap((c, ci) =>
      campaignDepartments(c).map((d, di) => make(plan, c.id, d.name, month, ci + di + month)),
    ),
  );
  const withContributors = contributorPlan();
  const shares = withContributors.campaigns.flatMap((c) =>
    campaignDepartments(c)
      .filter((d) => d.role === 'contributor')
      .map((d, i) => make(withContributors, c.id, d.name, 6, i)),
  );
  if (shares.length === 0) throw new Error('no 配合部门 template');
  return [...own, ...shares];
}

export const planSheet = (): SheetSpec => buildPlanSheet(plan);

/** A workbook of sheet specs in the memory workbook (HyperFormula), and each sheet as it reads them back. */
export async function inMemory(specs: readonly SheetSpec[]): Promise<{ wb: MemoryWorkbook; read: SheetData[] }> {
  const wb = new MemoryWorkbook();
  for (const spec of specs) await wb.writeSheet(spec);
  const read = await wb.readSheets(
    specs.map((s) => s.name),
    { formulas: true },
  );
  return { wb, read: [...read] };
}

/** The sheets of a consolidation over April–June of every campaign's lead template (native formulas). */
export async function consolidationWorkbook(): Promise<{
  templates: SheetSpec[];
  outputs: SheetSpec[];
  wb: MemoryWorkbook;
}> {
  const wb = new MemoryWorkbook();
  const templates: SheetSpec[] = [];
  for (const month of [4, 5, 6])
    for (const [i, c] of plan.campaigns.entries()) {
      const spec = filledTemplate(c.id, c.leadDepartment, month, 'native', i + 2 * month);
      templates.push(spec);
      await wb.writeSheet(spec);
    }
  const outputs: SheetSpec[] = [];
  const writeSheets = wb.writeSheets.bind(wb);
  wb.writeSheets = async (specs, options) => {
    outputs.push(...specs);
    return writeSheets(specs, options);
  };
  await consolidateWorkbook(wb, { plan, reportMonth: 6 });
  return { templates, outputs, wb };
}

/** The cached result of each formula cell, as the memory workbook computed it. */
export function cachedFrom(sheet: SheetData): (address: string) => CellValue | undefined {
  return (address) => {
    const { row, column } = parseCell(address);
    return sheet.values[row - 1]?.[column - 1] ?? null;
  };
}

/** XlsxSheets of specs with the memory workbook's results as the formula cells' cached values. */
export function withCache(specs: readonly SheetSpec[], read: readonly SheetData[]): XlsxSheet[] {
  return specs.map((spec) => {
    const sheet = read.find((s) => s.name === spec.name);
    if (!sheet) throw new Error(`no ${spec.name} in the memory workbook`);
    return { spec, cached: cachedFrom(sheet) };
  });
}

/** Every cell of a grid by address (1-based rows and columns), skipping holes. */
export function* gridCells<T>(grid: readonly (readonly (T | undefined)[] | undefined)[]): Generator<[string, T]> {
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v !== undefined) yield [cellAddress(c + 1, r + 1), v];
    }
  }
}
