import type { CellValue } from '../../../src/domain/grid/cells';
import { builtinPlan } from '../../../src/domain/plan/builtin';
import type { FormulaMode } from '../../../src/domain/calc/formulas';
import { buildTemplate } from '../../../src/domain/template/template';
import { loadSampleWorkbook } from '../../../src/preview/sample';
import { MemoryWorkbook } from '../../../src/workbook/memory/memoryWorkbook';
import { insertTemplate } from '../../../src/workbook/usecases/templates';

/**
 * Data states beside the light (SPEC §6, §7; issue 11, observations 1, 5 and 8), end to end on the in-memory workbook:
 * the preview's June sample and its planted mistakes, and values pasted where data validation does not look, read
 * back from the sheets as a person reads them (the template's 完成率, 力争档 and 状态).
 */
jest.setTimeout(60_000);

const plan = builtinPlan();
const C1 = '招大引强-投资促进中心-6月';
const C2 = '转型升级-经信商务局-6月';
const C3 = '项目建设-发展改革局-6月';

async function sample(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await loadSampleWorkbook(wb);
  return wb;
}

/** The template's 完成率, 力争档 and 状态 of a row (J, K, M). */
function shown(wb: MemoryWorkbook, sheet: string, r: number): CellValue[] {
  return ['J', 'K', 'M'].map((c) => wb.cellView(sheet, `${c}${r}`).value);
}

const isError = (v: CellValue): boolean => v !== null && typeof v === 'object';

describe('observations 1 and 5 in the template: 状态 says 数据有误 where a value was entered but is unusable', () => {
  let wb: MemoryWorkbook;
  beforeAll(async () => {
    wb = await sample();
  });

  it('the sample’s 2,350,000 in C2-07 (万元 typed into an 亿元 cell, target 480): 数据有误, never 绿; no 完成率, no tier', () => {
    expect(shown(wb, C2, 13)).toEqual(['', '', '数据有误']);
  });

  it('"2.6亿" in C1-02’s 亿美元 cell, 45 in C3-02’s 下限 cell, C2-09 without its prior-year value: 数据有误', () => {
    expect(shown(wb, C1, 8)).toEqual(['', '', '数据有误']);
    expect(shown(wb, C3, 8)).toEqual(['', '', '数据有误']);
    expect(shown(wb, C2, 15)).toEqual(['', '', '数据有误']);
    // nothing entered is still 未填报 (C5-05)
    expect(shown(wb, '民生改善-社会发展局-6月', 11)).toEqual(['', '', 0]);
  });

  it('10× to 1,000× the target: 待核实, its 完成率 and tier shown; confirmed in 备注, the light; kept on re-apply', async () => {
    await wb.writeCells([{ sheet: C2, address: 'H13', value: 9600 }]); // 20 × 480
    expect(shown(wb, C2, 13)).toEqual([20, 2, '待核实']);
    await wb.writeCells([{ sheet: C2, address: 'O13', value: '已核实：含两家新投产企业' }]);
    expect(shown(wb, C2, 13)).toEqual([20, 2, 3]);
    const again = await insertTemplate(wb, {
      plan,
      campaignId: 'C2',
      department: '经信商务局',
      year: 2019,
      month: 6,
      mode: 'kpi',
    });
    expect(again.outcome).toBe('reapplied');
    expect(wb.cellView(C2, 'O13').value).toBe('已核实：含两家新投产企业');
    expect(shown(wb, C2, 13)).toEqual([20, 2, 3]);
  });
});

describe('observation 8: what arrives by paste never shows #VALUE! or #NUM! in 完成率, 力争档 or 状态', () => {
  it.each<FormulaMode>(['kpi', 'native'])('%s formulas: a readable state in every formula cell', async (mode) => {
    const wb = new MemoryWorkbook();
    const spec = buildTemplate({ plan, campaignId: 'C2', department: '经信商务局', year: 2019, month: 6, mode });
    await wb.writeSheet(spec);
    const at = (address: string, value: CellValue & (string | number | boolean | null)) => ({
      sheet: spec.name,
      address,
      value,
    });
    await wb.writeCells([
      at('H10', 0), // C2-04 排名: 第 0 位
      at('H13', '250亿'), // C2-07: a unit in the cell
      at('H15', 55), // C2-09: prior-year value below 0
      at('I15', -5),
      at('H18', '约5'), // C2-12
      at('H19', 'abc'), // C2-13: text for the current value
      at('I19', 7.6),
      at('H20', true), // C2-14: a logical value
    ]);
    const cells = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20].flatMap((r) => shown(wb, spec.name, r));
    expect(cells.filter(isError)).toEqual([]);
    for (const r of [10, 13, 15, 18, 19, 20]) expect([r, shown(wb, spec.name, r)]).toEqual([r, ['', '', '数据有误']]);
  });
});
