import { registerKpiFunctions, type BlankAs } from '../../src/workbook/memory/kpiPlugin';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';
import type { FormulaMode } from '../../src/domain/calc/formulas';
import { LIGHT } from '../../src/domain/calc/calc';
import { builtinPlan } from '../../src/domain/plan/builtin';
import { expectedProgress } from '../../src/domain/plan/monthlyPlan';
import { parsePlan, type Indicator, type Plan } from '../../src/domain/plan/schema';
import { buildTemplate } from '../../src/domain/template/template';
import { consolidate } from '../../src/domain/consolidation/consolidate';
import { validateTemplateSheet } from '../../src/domain/validation/validateSheet';
import { fill, sheetSource, templateGrid } from '../domain/consolidation/fixtures';

/**
 * An indicator's own 序时进度 from its 分月计划 (SPEC §5; issue 13, Plan): the template's 序时进度 cell shows E(m) =
 * plan(m) / goal in both formula modes (KPI on both platforms' blanks, native), its light follows that E, and
 * validation and 一键汇总 judge the same figure with the same E — where the linear m/12 would say otherwise.
 */
registerKpiFunctions();

const BUILTIN = builtinPlan();
/** C1-01 合同利用外资 7 亿美元: 10% planned by March, 45% by June (linear: 25%, 50%). */
const C1_01 = [0.2, 0.4, 0.7, 1.2, 2.2, 3.15, 3.6, 4.2, 4.9, 5.6, 6.3, 7];
/** C1-04 (2 个, count): nothing before June. */
const C1_04 = [0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2];

function planWith(changes: Readonly<Record<string, Partial<Indicator>>>): Plan {
  const plan: Plan = {
    ...BUILTIN,
    campaigns: BUILTIN.campaigns.map((c) => ({
      ...c,
      indicators: c.indicators.map((i) => ({ ...i, ...changes[i.code] })),
    })),
  };
  const r = parsePlan(plan);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.plan;
}

const PLANNED = planWith({ 'C1-01': { monthlyPlan: C1_01 }, 'C1-04': { monthlyPlan: C1_04 } });
const C1 = PLANNED.campaigns[0];
const LEAD = '投资促进中心';
/** C1's rows: C1-01 row 7, C1-04 row 10; columns H 累计完成, L 序时进度, M 状态. */
const ROW = { 'C1-01': 7, 'C1-02': 8, 'C1-04': 10 } as const;
/** March: C1-01 at 1.0 is 14.3% of 7 — ahead of the planned 10% (绿), far behind the linear 25% (红). */
const INPUT = { 'C1-01': 1, 'C1-02': 1, 'C1-04': 0 } as const;

const configs: readonly [FormulaMode, BlankAs][] = [
  ['kpi', 'null'],
  ['kpi', 'zero'],
  ['native', 'null'],
];

async function evaluated(plan: Plan, mode: FormulaMode, blankAs: BlankAs, month: number) {
  const wb = new MemoryWorkbook({ blankAs });
  const spec = buildTemplate({ plan, campaignId: 'C1', department: LEAD, year: 2019, month, mode });
  await wb.writeSheet(spec);
  await wb.writeCells(
    Object.entries(INPUT).map(([code, v]) => ({
      sheet: spec.name,
      address: `H${ROW[code as keyof typeof ROW]}`,
      value: v,
    })),
  );
  const [sheet] = await wb.readSheets([spec.name]);
  const at = (code: keyof typeof ROW, column: number) => sheet?.values[ROW[code] - 1]?.[column];
  return {
    spec,
    sheet,
    pace: (code: keyof typeof ROW) => at(code, 11),
    status: (code: keyof typeof ROW) => at(code, 12),
  };
}

describe('the template’s 序时进度 cell: the indicator’s own E in both formula modes', () => {
  it.each(configs.flatMap(([mode, blankAs]) => [3, 6, 12].map((month) => [mode, blankAs, month] as const)))(
    '%s/%s, month %i: E(m) = plan(m) / target for C1-01 and C1-04, m/12 for the others',
    async (mode, blankAs, month) => {
      const t = await evaluated(PLANNED, mode, blankAs, month);
      const ind = (code: string) => C1?.indicators.find((i) => i.code === code) as Indicator;
      expect(t.pace('C1-01')).toBe(expectedProgress(ind('C1-01'), month));
      expect(t.pace('C1-04')).toBe(expectedProgress(ind('C1-04'), month));
      expect(t.pace('C1-02')).toBe(month / 12);
      expect(expectedProgress(ind('C1-01'), 3)).toBe(0.7 / 7);
    },
  );

  it.each(configs)(
    '%s/%s: the light follows the planned E (绿 in March), where m/12 gives 红',
    async (mode, blankAs) => {
      const planned = await evaluated(PLANNED, mode, blankAs, 3);
      const linear = await evaluated(BUILTIN, mode, blankAs, 3);
      expect([planned.status('C1-01'), linear.status('C1-01')]).toEqual([LIGHT.green, LIGHT.red]);
      // Nothing planned before June: 0 in March is on plan, not behind.
      expect([planned.pace('C1-04'), planned.status('C1-04')]).toEqual([0, LIGHT.green]);
      expect(planned.status('C1-02')).toBe(linear.status('C1-02'));
    },
  );

  it('writes the plan’s figures and the division in the formula, the same in both modes', () => {
    const formulaOf = (mode: FormulaMode) => {
      const spec = buildTemplate({ plan: PLANNED, campaignId: 'C1', department: LEAD, year: 2019, month: 3, mode });
      const rows = spec.blocks.find((b) => b.at === 'A7')?.rows ?? [];
      return rows[0]?.[11]?.formula;
    };
    expect(formulaOf('kpi')).toBe(
      '=IF(ISBLANK($F$5),"",CHOOSE(MONTH($F$5),0.2,0.4,0.7,1.2,2.2,3.15,3.6,4.2,4.9,5.6,6.3,7)/7)',
    );
    expect(formulaOf('native')).toBe(formulaOf('kpi'));
  });
});

describe('validation and 一键汇总 use the same E', () => {
  it('a template row 绿 by its 分月计划 needs no 滞后原因, and 汇总 shows E = 0.7 / 7 (10%) and 绿', () => {
    const grid = fill(
      templateGrid('C1', LEAD, { month: 3, plan: PLANNED }),
      { 'C1-01': { actual: 1 }, 'C1-04': { actual: 0 } },
      PLANNED,
    );
    const problems = validateTemplateSheet({ name: grid.name, values: grid.values }, PLANNED).problems;
    expect(problems.filter((p) => p.indicator === 'C1-01' || p.indicator === 'C1-04')).toEqual([]);
    const withoutPlan = validateTemplateSheet(
      { name: grid.name, values: fill(templateGrid('C1', LEAD, { month: 3 }), { 'C1-01': { actual: 1 } }).values },
      BUILTIN,
    ).problems;
    expect(withoutPlan.filter((p) => p.indicator === 'C1-01').map((p) => p.key)).toContain('value.reasonMissing');

    const row = (plan: Plan, code: string) =>
      consolidate(plan, [sheetSource(grid)])
        .campaigns.flatMap((c) => c.indicators)
        .find((s) => s.code === code);
    expect(row(PLANNED, 'C1-01')).toMatchObject({ expected: 0.7 / 7, light: LIGHT.green });
    expect(row(PLANNED, 'C1-04')).toMatchObject({ expected: 0, light: LIGHT.green });
    expect(row(PLANNED, 'C1-02')).toMatchObject({ expected: 0.25 });
    expect(row(BUILTIN, 'C1-01')).toMatchObject({ expected: 0.25, light: LIGHT.red });
  });

  it('the light in 汇总 equals the template’s own 状态 for the same figures, in both modes', async () => {
    const grid = fill(templateGrid('C1', LEAD, { month: 3, plan: PLANNED }), { 'C1-01': { actual: 1 } }, PLANNED);
    const light = consolidate(PLANNED, [sheetSource(grid)])
      .campaigns.flatMap((c) => c.indicators)
      .find((s) => s.code === 'C1-01')?.light;
    for (const [mode, blankAs] of configs)
      expect((await evaluated(PLANNED, mode, blankAs, 3)).status('C1-01')).toBe(light);
  });
});
