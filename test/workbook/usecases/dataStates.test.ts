import { SUMMARY_SHEET } from '../../../src/domain/consolidation/sheetParts';
import type { CellValue } from '../../../src/domain/grid/cells';
import { builtinPlan } from '../../../src/domain/plan/builtin';
import type { FormulaMode } from '../../../src/domain/calc/formulas';
import { buildTemplate } from '../../../src/domain/template/template';
import { loadSampleWorkbook } from '../../../src/preview/sample';
import { MemoryWorkbook } from '../../../src/workbook/memory/memoryWorkbook';
import { consolidateWorkbook } from '../../../src/workbook/usecases/consolidate';
import { insertTemplate } from '../../../src/workbook/usecases/templates';

/**
 * Data states beside the light (SPEC §6, §7; issue 11, observations 1, 5 and 8), end to end on the in-memory workbook:
 * the preview's June sample and its planted mistakes, and values pasted where data validation does not look, read
 * back from the sheets as a person reads them (the template's 完成率, 力争档 and 状态; 汇总's rows, header counts and
 * matrix after 一键汇总, as the pane and the ribbon run it).
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

async function summary(wb: MemoryWorkbook): Promise<readonly (readonly CellValue[])[]> {
  const [sheet] = await wb.readSheets([SUMMARY_SHEET]);
  return sheet?.values ?? [];
}

/** 汇总's row of an indicator (its code in column B, as a person looks it up): A … P. */
function row(values: readonly (readonly CellValue[])[], code: string): readonly CellValue[] {
  const found = values.find((r) => r[1] === code);
  if (!found) throw new Error(`${code} not in ${SUMMARY_SHEET}`);
  return found;
}
const ACTUAL = 6; // G
const ATTAINMENT = 7; // H
const TIER = 8; // I
const LIGHT = 11; // L 状态
const STATE = 15; // P 数据状态 (after 上月完成率, 上月状态, 较上月)

describe('observation 1 in 汇总: the sample’s 2,350,000 never reaches the leaders as 绿', () => {
  it('C2-07 is 数据有误 — no figure, no 完成率, no tier, no light — and its cell is named', async () => {
    const wb = await sample();
    await consolidateWorkbook(wb, { plan });
    const c207 = row(await summary(wb), 'C2-07');
    expect(c207[LIGHT]).toBe('数据有误');
    expect([c207[ACTUAL], c207[ATTAINMENT], c207[TIER]]).toEqual([null, null, null]);
    expect(c207[STATE]).toBe(`数据有误：${C2}!H13`);
  });

  it('10× to 1,000× the target is counted with its light, marked 待核实 naming its cell, until confirmed in 备注', async () => {
    const wb = await sample();
    await wb.writeCells([{ sheet: C2, address: 'H13', value: 9600 }]); // 20 × 480
    const first = await consolidateWorkbook(wb, { plan });
    let values = await summary(wb);
    expect([row(values, 'C2-07')[ACTUAL], row(values, 'C2-07')[LIGHT]]).toEqual([9600, 3]);
    expect(row(values, 'C2-07')[STATE]).toBe(`待核实：${C2}!H13`);
    expect(String(values[2]?.[0])).toMatch(/待核实 1$/);
    expect(first.counts.lights).toMatchObject({ doubtful: 1 });

    await wb.writeCells([{ sheet: C2, address: 'O13', value: '已核实：含两家新投产企业' }]);
    const second = await consolidateWorkbook(wb, { plan });
    values = await summary(wb);
    expect(row(values, 'C2-07')[STATE]).toBeNull();
    expect(String(values[2]?.[0])).toMatch(/待核实 0$/);
    expect(second.counts.lights).toMatchObject({ doubtful: 0 });
  });
});

describe('observation 5 in 汇总: a value entered but unusable is 数据有误, never 未填报', () => {
  let wb: MemoryWorkbook;
  let outcome: Awaited<ReturnType<typeof consolidateWorkbook>>;
  beforeAll(async () => {
    wb = await sample();
    outcome = await consolidateWorkbook(wb, { plan });
  });

  it('C1-02 ("2.6亿"), C3-02 (45 for 45%) and C2-09 (no prior-year value) say 数据有误; the counts tell them from 未填报', async () => {
    const values = await summary(wb);
    for (const code of ['C1-02', 'C3-02', 'C2-09'])
      expect([code, row(values, code)[LIGHT]]).toEqual([code, '数据有误']);
    expect(row(values, 'C5-05')[LIGHT]).toBe(0); // nothing entered: 未填报
    expect(String(values[2]?.[0])).toMatch(/未填报 1，数据有误 4，待核实 0$/);
    const campaign = values.find((r) => r[1] === '转型升级攻坚战');
    expect(String(campaign?.[LIGHT])).toContain('未填报 0\u3000数据有误 2');
    expect(outcome.counts.lights).toMatchObject({ none: 1, invalid: 4, doubtful: 0 });
  });

  it('the submission matrix says 有误 for the departments that submitted them, not 未报', async () => {
    const values = await summary(wb);
    const matrixRow = (department: string) => values.find((r) => r[1] === department) ?? [];
    expect(matrixRow('投资促进中心')[3]).toBe('有误');
    expect(matrixRow('经信商务局')[4]).toBe('有误');
    expect(matrixRow('发展改革局')[5]).toBe('有误');
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
