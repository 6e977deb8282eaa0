import { builtinPlan } from '../../../src/domain/plan/builtin';
import type { FormulaMode } from '../../../src/domain/calc/formulas';
import { MemoryWorkbook } from '../../../src/workbook/memory/memoryWorkbook';
import { insertTemplate, templateSheets, updateTemplate } from '../../../src/workbook/usecases/templates';
import { validateWorkbookSheets } from '../../../src/domain/validation/validateSheet';
import { NDRC, contributorPlan } from '../../domain/contributorPlan';

/**
 * A 配合部门's template in a workbook (the in-memory one computes formulas with a real engine): inserted, typed into,
 * re-applied and updated to another month — its rows stay its shares, without a light or an Excel error, in both
 * formula modes, whatever the plan says later.
 */

const plan = contributorPlan();
const value = (wb: MemoryWorkbook, sheet: string, address: string) => wb.cellView(sheet, address).value;

function type(wb: MemoryWorkbook, sheet: string, address: string, input: string): void {
  expect([address, wb.userEdit(sheet, address, input)]).toEqual([address, { ok: true }]);
}

describe.each<FormulaMode>(['kpi', 'native'])('a 配合部门’s template in a workbook (%s formulas)', (mode) => {
  it('shows words, never an Excel error, where a lead’s row shows its results; keeps its shares and role on update', async () => {
    const wb = new MemoryWorkbook();
    const r = await insertTemplate(wb, { plan, campaignId: 'C2', department: NDRC, year: 2019, month: 6, mode });
    if (r.outcome !== 'inserted') throw new Error(r.outcome);
    const sheet = r.sheet;
    expect(sheet).toBe('转型升级-发展改革局-6月');
    type(wb, sheet, 'H9', '6'); // C2-10, 6 of the district's 15 家
    type(wb, sheet, 'H8', '55'); // C2-09, growth
    type(wb, sheet, 'I8', '52');
    type(wb, sheet, 'O9', '含2家');
    // the 滞后原因 cell is not an input of a share sheet
    expect(wb.userEdit(sheet, 'N9', '原因')).toMatchObject({ ok: false });
    const shown = (address: string) => value(wb, sheet, address);
    expect(['C5', 'J9', 'K9', 'L9', 'M9', 'J8', 'M8'].map(shown)).toEqual([
      '发展改革局（配合部门）',
      '—',
      '—',
      0.5,
      '不亮灯',
      '—',
      '不亮灯',
    ]);
    expect(validateWorkbookSheets(await wb.readAllSheets(), plan).problems).toEqual([]);

    // July, under a plan that no longer names 发展改革局: still its share sheet, every share kept
    const u = await updateTemplate(wb, { plan: builtinPlan(), sheet, month: 7, mode });
    expect(u).toMatchObject({ outcome: 'updated', sheet: '转型升级-发展改革局-7月', kept: 4 });
    const july = '转型升级-发展改革局-7月';
    expect(templateSheets(await wb.listSheets())).toEqual([
      { name: july, campaignId: 'C2', department: NDRC, year: 2019, month: 7, role: 'contributor' },
    ]);
    expect(value(wb, july, 'C5')).toBe('发展改革局（配合部门）');
    // the built-in plan's C2 has 14 indicators, each a share row now; the values are in the rows of their codes
    const rowOf = (code: string) =>
      Array.from({ length: 30 }, (_, i) => i + 7).find((row) => value(wb, july, `B${row}`) === code) ?? 0;
    expect(value(wb, july, `H${rowOf('C2-10')}`)).toBe(6);
    expect(value(wb, july, `I${rowOf('C2-09')}`)).toBe(52);
    expect(value(wb, july, `M${rowOf('C2-10')}`)).toBe('不亮灯');
  });

  it('a share has no light but its data state (SPEC §6): 数据有误 for a 1,000× slip, 待核实 for 20×, 不亮灯 once confirmed', async () => {
    const wb = new MemoryWorkbook();
    const r = await insertTemplate(wb, { plan, campaignId: 'C2', department: NDRC, year: 2019, month: 6, mode });
    if (r.outcome !== 'inserted') throw new Error(r.outcome);
    const shown = () => ['J9', 'K9', 'M9'].map((a) => value(wb, r.sheet, a));
    type(wb, r.sheet, 'H9', '15000'); // C2-10: 1,000 × the district's 15 家
    expect(shown()).toEqual(['—', '—', '数据有误']);
    type(wb, r.sheet, 'H9', '300'); // 20 ×
    expect(shown()).toEqual(['—', '—', '待核实']);
    type(wb, r.sheet, 'O9', '已核实');
    expect(shown()).toEqual(['—', '—', '不亮灯']);
    await wb.writeCells([{ sheet: r.sheet, address: 'H8', value: '55亿' }]); // C2-09 pasted with a unit
    expect(value(wb, r.sheet, 'M8')).toBe('数据有误');
  });
});
