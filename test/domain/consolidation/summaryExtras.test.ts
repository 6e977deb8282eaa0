import { consolidate } from '../../../src/domain/consolidation/consolidate';
import { summarySheet } from '../../../src/domain/consolidation/outputs';
import type { SummaryExtras } from '../../../src/domain/consolidation/summaryExtras';
import { SUMMARY_COLUMNS, matrixText } from '../../../src/domain/consolidation/summarySections';
import { specToArray } from '../specToArray';
import { PLAN, fileSource, fill, sheetSource, templateGrid } from './fixtures';

/**
 * 汇总 with what the history adds, handed in as plain data (consolidation does not import bulletin): last month and
 * the change in the indicator table and the lagging list, the 督办清单, and 逾期 in the matrix, in words and colour.
 */

const LEAD = '投资促进中心';
const sources = [
  sheetSource(fill(templateGrid('C1', LEAD), { 'C1-01': { actual: 2.6, reason: '仍在洽谈' } })),
  fileSource('经信.xlsx', fill(templateGrid('C2', '经信商务局'), { 'C2-01': { actual: 1000 } })),
];
const result = consolidate(PLAN, sources);
const extras: SummaryExtras = {
  trends: [
    {
      code: 'C1-01',
      previousAttainment: 2.5 / 7,
      previousLight: 2,
      change: 'worse',
      changeKey: 'bulletin.change.worse',
    },
    {
      code: 'C1-02',
      previousAttainment: null,
      previousLight: null,
      change: null,
      changeKey: 'bulletin.trend.noPrevious',
    },
  ],
  supervision: [
    {
      level: 'supervision',
      code: 'C1-01',
      department: LEAD,
      months: [
        { month: 5, light: 2, reason: '签约推迟' },
        { month: 6, light: 1, reason: '' },
      ],
      run: { key: 'bulletin.run', params: { count: 2, lightsKey: 'bulletin.run.yellowOrRed' } },
    },
  ],
  overdue: [{ department: '经信商务局', campaignId: 'C2' }],
};
const spec = summarySheet(result, PLAN, extras);
const grid = specToArray(spec);
const column = (k: (typeof SUMMARY_COLUMNS)[number]): number => SUMMARY_COLUMNS.indexOf(k);
const rowsOf = (code: string) => grid.filter((r) => r[1] === code);

test('last month and the change beside the month, in the table and again in the lagging list', () => {
  const [table, lagging] = rowsOf('C1-01');
  for (const row of [table, lagging])
    expect([row?.[column('lastAttainment')], row?.[column('lastLight')], row?.[column('change')]]).toEqual([
      2.5 / 7,
      2,
      '下滑',
    ]);
  const c102 = rowsOf('C1-02')[0];
  expect([c102?.[column('lastAttainment')], c102?.[column('lastLight')], c102?.[column('change')]]).toEqual([
    null,
    null,
    '上月无记录',
  ]);
  const rules = (spec.conditionalFormats ?? []).flatMap((cf) =>
    cf.rule.type === 'expression' ? [cf.rule.formula] : [],
  );
  expect(rules).toEqual(expect.arrayContaining(['=$O5="好转"', '=$O5="下滑"']));
});

test('督办清单: heading with counts, one line per item with the run, each month’s light and reason', () => {
  const heading = grid.findIndex((r) => r[0] === '督办清单（效能监察 0 项，督办 1 项）');
  expect(heading).toBeGreaterThan(0);
  expect(grid[heading + 1]?.filter((v) => v !== null && v !== '')).toEqual([
    '序号',
    '督办类型',
    '指标编码',
    '指标名称',
    '责任单位',
    '连续亮灯',
    '各月亮灯',
    '各月滞后原因及措施',
  ]);
  expect(grid[heading + 2]?.filter((v) => v !== null && v !== '')).toEqual([
    1,
    '督办',
    'C1-01',
    '合同利用外资',
    LEAD,
    '连续 2 个月黄灯或红灯',
    '5月 黄、6月 红',
    '5月：签约推迟\n6月：（未填写）',
  ]);
  const none = specToArray(summarySheet(result, PLAN, { ...extras, supervision: [] }));
  expect(none.some((r) => r[0] === '无督办、效能监察事项')).toBe(true);
  // No history given (a caller without one): no 督办清单 at all, rather than a claim that there is nothing.
  expect(specToArray(summarySheet(result, PLAN)).some((r) => String(r[0]).startsWith('督办清单'))).toBe(false);
});

test('逾期 in the matrix: 已报（逾期）, coloured as 已报, with the note saying what it means', () => {
  expect(matrixText({ state: 'submitted' }, true)).toBe('已报（逾期）');
  expect(matrixText({ state: 'submitted', corrected: true, doubtful: true }, true)).toBe(
    '已报（已更正、待核实、逾期）',
  );
  const row = grid.find((r) => r[1] === '经信商务局' && r.includes('已报（逾期）'));
  expect(row).toBeDefined();
  const rule = (spec.conditionalFormats ?? []).find(
    (cf) => cf.rule.type === 'expression' && cf.rule.formula.endsWith('="已报（逾期）"'),
  );
  expect(rule?.format.fill).toBe('#C6EFCE');
  expect(grid.some((r) => typeof r[0] === 'string' && r[0].startsWith('注：“（逾期）”'))).toBe(true);
});

test('汇总 states the rules of the plan it ran with: its 分月计划, deadline day, office time and escalation runs', () => {
  const text = (g: readonly (readonly unknown[])[]): string =>
    g
      .flat()
      .map((v) => String(v ?? ''))
      .join('\n');
  // the built-in plan: every setting at its default, no 分月计划
  const builtin = text(grid);
  expect(builtin).toContain('序时进度：50.0%（6/12）');
  expect(builtin).toContain('保存于次月 5 日之后，北京时间');
  expect(builtin).toContain('连续 2 个月黄灯或红灯的指标列为督办，连续 3 个月红灯的列为效能监察');
  expect(builtin).toContain('（次月 5 日，北京时间）');
  // a plan with a 分月计划 on two indicators, a deadline on the 10th in UTC+5:30, and longer runs
  const plan = {
    ...PLAN,
    settings: {
      escalation: { supervisionAfter: 3, inspectionAfter: 4 },
      timeliness: { deadlineDay: 10, utcOffsetMinutes: 330 },
    },
    campaigns: PLAN.campaigns.map((c) => ({
      ...c,
      indicators: c.indicators.map((i) =>
        i.code === 'C1-01' || i.code === 'C1-02'
          ? { ...i, paced: true, monthlyPlan: [1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 6, i.target ?? 7] }
          : i,
      ),
    })),
  };
  const own = text(specToArray(summarySheet(consolidate(plan, sources), plan, extras)));
  expect(own).toContain('序时进度：50.0%（6/12；2 项指标按分月计划，见“序时进度”栏）');
  expect(own).toContain('有分月计划的为 当月计划累计数÷全年目标');
  expect(own).toContain('保存于次月 10 日之后，UTC+5:30');
  expect(own).toContain('（次月 10 日，UTC+5:30）');
  expect(own).toContain('连续 3 个月黄灯或红灯的指标列为督办，连续 4 个月红灯的列为效能监察');
  expect(own).not.toContain('次月 5 日');
});
