import { builtinPlan } from '../../../src/domain/plan/builtin';
import { encodeMarker } from '../../../src/domain/grid/ownSheets';
import { createExcelWorkbook, type ExcelWorkbook } from '../../../src/workbook/excel/excelWorkbook';
import type { WorkbookPort } from '../../../src/workbook/port';
import { activePlan } from '../../../src/workbook/usecases/activePlan';
import {
  insertPlanSheet,
  insertTemplate,
  insertTemplateInUse,
  updateTemplate,
} from '../../../src/workbook/usecases/templates';
import { applyFix, validateAll, validateWorkbook } from '../../../src/workbook/usecases/validateWorkbook';
import { asSeeds, filledTemplate, filledTemplates, NOT_FILLED } from '../../fixtures/filledTemplates';
import { FakeExcel, type Seed } from '../excel/fakeExcel';

/**
 * Round trips of the use cases through the Excel adapter (the recording fake of Office.js): deterministic, so
 * asserted exactly, and shown not to grow with the number of sheets.
 */

const plan = builtinPlan();

function setup(): { excel: FakeExcel; port: ExcelWorkbook; writes: string[] } {
  const excel = new FakeExcel();
  const inner = createExcelWorkbook(excel.run, { isSetSupported: excel.isSetSupported, sleep: async () => undefined });
  const writes: string[] = [];
  // Records which port methods a use case calls, so that "one writeSheet" is asserted, not assumed.
  const port = new Proxy(inner, {
    get(target, prop, receiver) {
      const v: unknown = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        writes.push(String(prop));
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { excel, port, writes };
}

/** A template sheet as Excel would hold it after the add-in wrote it (values only; formulas as formulas). */
function seedTemplate(excel: FakeExcel, campaignId: string, department: string, month: number, name?: string): string {
  const request = { plan, campaignId, department, year: 2019, month, mode: 'kpi' } as const;
  const sheet = filledTemplate(request, { name, figures: NOT_FILLED });
  excel.addSheet(sheet.name, asSeeds(sheet.cells));
  return sheet.name;
}

/** `templates` sheets 模板0, 模板1, … as the add-in wrote them (nothing typed yet). */
function seedWorkbook(excel: FakeExcel, templates: number): string[] {
  const sheets = filledTemplates(plan, templates, { figures: NOT_FILLED });
  for (const sheet of sheets) excel.addSheet(sheet.name, asSeeds(sheet.cells));
  return sheets.map((s) => s.name);
}

const request = { plan, campaignId: 'C1', department: '投资促进中心', year: 2019, month: 6, mode: 'kpi' } as const;
/** What the 插入模板 button sends (the plan and year are the workbook's). */
const button = () => ({ choice: { campaignId: 'C1', department: '投资促进中心', month: 6, mode: 'kpi' } as const });

/** A fake sheet's cells as a grid of seeds (values; formulas as formulas), to copy it into another workbook. */
function gridOf(sheet: ReturnType<FakeExcel['sheet']>): Seed[][] {
  const grid: Seed[][] = [];
  for (const [key, cell] of sheet.cells) {
    const [r, c] = key.split(',').map(Number) as [number, number];
    while (grid.length <= r) grid.push([]);
    const row = grid[r] ?? [];
    while (row.length <= c) row.push(null);
    row[c] = cell.formula ? { formula: cell.formula, value: cell.value ?? null } : (cell.value ?? null);
  }
  return grid;
}

describe('round trips of the use cases (Excel adapter)', () => {
  it.each([0, 50])(
    'insertTemplate with %i other template sheets: 2 round trips (names; markers + the whole write + selection)',
    async (others) => {
      const { excel, port, writes } = setup();
      seedWorkbook(excel, others);
      const r = await insertTemplate(port, request);
      expect(r).toEqual({ outcome: 'inserted', sheet: '招大引强-投资促进中心-6月', selected: 'H7' });
      expect(writes).toEqual(['insertSheet']); // no listing, no separate activate: all ride on the write
      expect(port.lastWriteReport()?.syncs).toBe(2);
      expect(excel.syncs).toBe(2);
      expect(excel.active?.name).toBe('招大引强-投资促进中心-6月');
      expect(excel.selection).toBe('H7');
      expect(excel.sheet('招大引强-投资促进中心-6月').cell('B7').value).toBe('C1-01');
      expect(excel.sheets).toHaveLength(others + 1);
    },
  );

  it('a name already taken (another template renamed to the default name) is made unique within the 2', async () => {
    const { excel, port } = setup();
    seedTemplate(excel, 'C2', '发展改革局', 6, '招大引强-投资促进中心-6月');
    const r = await insertTemplate(port, request);
    expect(r).toMatchObject({ outcome: 'inserted', sheet: '招大引强-投资促进中心-6月 (2)' });
    expect(excel.syncs).toBe(2);
  });

  it('the 插入模板 button with a 指标库 sheet: 1 (read it again by name) + 2 (insert), not 5', async () => {
    const { excel, port, writes } = setup();
    await insertPlanSheet(port, plan);
    seedWorkbook(excel, 50);
    const known = await activePlan(port); // what the pane found on opening
    const before = excel.syncs;
    writes.length = 0;
    const { choice } = button();
    const { active, result } = await insertTemplateInUse(port, choice, known);
    expect(result).toMatchObject({ outcome: 'inserted', sheet: '招大引强-投资促进中心-6月' });
    expect(active).toMatchObject({ source: 'sheet', sheet: '指标库' });
    expect(writes).toEqual(['readSheets', 'insertSheet']);
    expect(excel.syncs - before).toBe(3);
  });

  it('the 插入模板 button without a 指标库 sheet: 2 (insert; its own listing confirms the built-in plan)', async () => {
    const { excel, port, writes } = setup();
    seedWorkbook(excel, 50);
    const known = await activePlan(port);
    const before = excel.syncs;
    writes.length = 0;
    const { active, result } = await insertTemplateInUse(port, button().choice, known);
    expect(result.outcome).toBe('inserted');
    expect(active).toEqual({ plan, source: 'builtin', problems: [] });
    expect(writes).toEqual(['insertSheet']);
    expect(excel.syncs - before).toBe(2);
  });

  it('the 插入模板 button after a 指标库 sheet was copied in: the new sheet is rebuilt from that plan', async () => {
    const { excel, port } = setup();
    const known = await activePlan(port); // none yet
    const other = setup(); // another workbook's 指标库, with C1-01's target edited, copied into this one
    await insertPlanSheet(other.port, plan);
    const planSheet = other.excel.sheet('指标库');
    const target = [...planSheet.cells.entries()].find(([, c]) => c.value === 'C1-01');
    if (!target) throw new Error('C1-01 not on the plan sheet');
    const [row] = target[0].split(',').map(Number);
    planSheet.cells.set(`${row},9`, { value: 7.5, numberFormat: 'General' }); // 确保目标 (J) of C1-01: 7 → 7.5
    excel.addSheet('指标库', gridOf(planSheet));
    const { active, result } = await insertTemplateInUse(port, button().choice, known);
    expect(active.problems).toEqual([]);
    expect(active).toMatchObject({ source: 'sheet', sheet: '指标库' });
    expect(result).toMatchObject({ outcome: 'inserted', sheet: '招大引强-投资促进中心-6月' });
    expect(excel.sheet('招大引强-投资促进中心-6月').cell('F7').value).toBe(7.5);
    expect(excel.sheets).toHaveLength(2);
  });

  it('the 插入模板 button when the 指标库 sheet found on opening is gone: the full reading, then the insert', async () => {
    const { excel, port } = setup();
    await insertPlanSheet(port, plan);
    const known = await activePlan(port);
    excel.deleteSheet('指标库');
    const { active, result } = await insertTemplateInUse(port, button().choice, known);
    expect(active).toEqual({ plan, source: 'builtin', problems: [] });
    expect(result.outcome).toBe('inserted');
  });

  it('re-applying with a fresh list: 1 (read the old sheet) + 3 (replacing writeSheet), values kept', async () => {
    const { excel, port, writes } = setup();
    const name = seedTemplate(excel, 'C1', '投资促进中心', 6, '投促6月');
    seedWorkbook(excel, 10);
    excel.sheet(name).cells.set('6,7', { value: 3.8, numberFormat: 'General' }); // H7
    const sheets = await port.listSheets();
    writes.length = 0;
    const before = excel.syncs;
    const r = await insertTemplate(port, request, sheets);
    expect(r).toEqual({ outcome: 'reapplied', sheet: '投促6月', selected: 'H7', kept: 1, unplaced: [] });
    expect(writes).toEqual(['readSheets', 'writeSheet']);
    expect(port.lastWriteReport()?.syncs).toBe(3);
    expect(excel.syncs - before).toBe(4);
    expect(excel.sheet('投促6月').cell('H7').value).toBe(3.8);
    expect(excel.selection).toBe('H7');
  });

  it('re-applying without a list: the optimistic new sheet is deleted again — 2 + 1 + 1 + 3, no duplicate left', async () => {
    const { excel, port, writes } = setup();
    const name = seedTemplate(excel, 'C1', '投资促进中心', 6, '投促6月');
    seedWorkbook(excel, 10);
    excel.sheet(name).cells.set('6,7', { value: 3.8, numberFormat: 'General' }); // H7
    const r = await insertTemplate(port, request);
    expect(r).toEqual({ outcome: 'reapplied', sheet: '投促6月', selected: 'H7', kept: 1, unplaced: [] });
    expect(writes).toEqual(['insertSheet', 'deleteSheet', 'readSheets', 'writeSheet']);
    expect(excel.syncs).toBe(7);
    expect(excel.sheets.map((s) => s.name)).not.toContain('招大引强-投资促进中心-6月');
    expect(excel.sheets).toHaveLength(11);
    expect(excel.active?.name).toBe('投促6月');
    expect(excel.sheet('投促6月').cell('H7').value).toBe(3.8);
  });

  it('a stale list naming a template deleted since: falls back to inserting (1 refused read + 2)', async () => {
    const { excel, port } = setup();
    seedTemplate(excel, 'C1', '投资促进中心', 6, '投促6月');
    const sheets = await port.listSheets();
    excel.deleteSheet('投促6月');
    const before = excel.syncs;
    const r = await insertTemplate(port, request, sheets);
    expect(r).toMatchObject({ outcome: 'inserted', sheet: '招大引强-投资促进中心-6月' });
    expect(excel.sheets.map((s) => s.name)).toEqual(['招大引强-投资促进中心-6月']);
    expect(excel.syncs - before).toBeLessThanOrEqual(4);
  });

  it('updateTemplate to another month: 2 (list) + 1 (read) + 3 (rewrite in place) + 1 (rename), values kept', async () => {
    const { excel, port, writes } = setup();
    seedWorkbook(excel, 10);
    const june = seedTemplate(excel, 'C1', '投资促进中心', 6);
    excel.sheet(june).cells.set('6,7', { value: 3.8, numberFormat: 'General' }); // H7
    const r = await updateTemplate(port, { plan, sheet: june, month: 7, mode: 'kpi' });
    expect(r).toMatchObject({ outcome: 'updated', sheet: '招大引强-投资促进中心-7月', renamedFrom: june, kept: 1 });
    expect(writes).toEqual(['listSheets', 'readSheets', 'writeSheet', 'renameSheet']);
    expect(excel.syncs).toBe(7);
    expect(excel.sheet('招大引强-投资促进中心-7月').cell('H7').value).toBe(3.8);
    expect(excel.sheet('招大引强-投资促进中心-7月').cell('H6').value).toBe('1–7月累计完成');
    expect(excel.sheets).toHaveLength(11);
  });

  it('validateWorkbook over 50 template sheets: one readAllSheets, 2 round trips (as over 1)', async () => {
    const one = setup();
    seedWorkbook(one.excel, 1);
    const many = setup();
    const names = seedWorkbook(many.excel, 50);
    many.excel.sheet(names[45] ?? '').cells.set('6,7', { value: '7亿', numberFormat: 'General' }); // H7 of 模板45 (C1): C1-01
    const [r1, r50] = [await validateWorkbook(one.port, plan), await validateWorkbook(many.port, plan)];
    expect([one.excel.syncs, many.excel.syncs]).toEqual([2, 2]);
    expect(many.writes).toEqual(['readAllSheets']);
    expect(r1.checked).toHaveLength(1);
    expect(r50.checked).toHaveLength(50);
    const problem = r50.sheets.flatMap((s) => s.problems).find((p) => p.key === 'value.notANumberFix');
    expect(problem).toMatchObject({ sheet: '模板45', cell: 'H7', fix: { cell: 'H7', value: 7 } });
  });

  it('validateAll (校验全部 with the plan as it is now) over 50 templates and a 指标库: still 2 round trips', async () => {
    const { excel, port, writes } = setup();
    await insertPlanSheet(port, plan);
    seedWorkbook(excel, 50);
    const before = excel.syncs;
    writes.length = 0;
    const { active, report } = await validateAll(port);
    expect(excel.syncs - before).toBe(2);
    expect(writes).toEqual(['readAllSheets']);
    expect(active).toMatchObject({ source: 'sheet', sheet: '指标库', problems: [] });
    expect(report.checked).toHaveLength(50);
  });

  it('validating one sheet: 1 round trip; applying a fix: 1 round trip', async () => {
    const { excel, port } = setup();
    const names = seedWorkbook(excel, 50);
    const sheet = names[0] ?? '';
    excel.sheet(sheet).cells.set('6,7', { value: '7亿', numberFormat: 'General' });
    const report = await validateWorkbook(port, plan, { sheet });
    expect(excel.syncs).toBe(1);
    const problem = report.sheets[0]?.problems[0];
    if (!problem) throw new Error('no problem found');
    await applyFix(port, problem);
    expect(excel.syncs).toBe(2);
    expect(excel.sheet(sheet).cell('H7').value).toBe(7);
  });

  it('activePlan: 2 (list with markers) + 1 (read the 指标库 sheet); none without one', async () => {
    const withPlan = setup();
    await insertPlanSheet(withPlan.port, plan);
    seedWorkbook(withPlan.excel, 20);
    const before = withPlan.excel.syncs;
    const active = await activePlan(withPlan.port);
    expect(active).toMatchObject({ source: 'sheet', sheet: '指标库', problems: [] });
    expect(withPlan.excel.syncs - before).toBe(3);

    const without: { excel: FakeExcel; port: WorkbookPort } = setup();
    without.excel.addSheet('Sheet1', [[encodeMarker({ type: 'other' })]]);
    expect((await activePlan(without.port)).source).toBe('builtin');
    expect(without.excel.syncs).toBe(2);
  });
});
