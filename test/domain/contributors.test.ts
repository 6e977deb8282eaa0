import { builtinPlan } from '../../src/domain/plan/builtin';
import type { FormulaMode } from '../../src/domain/calc/formulas';
import type { CellSpec, SheetSpec } from '../../src/domain/grid/sheetSpec';
import { SHARE_WORDS, STYLES, buildTemplate, reapplyValuesWithReport } from '../../src/domain/template/template';
import { validateTemplateSheet } from '../../src/domain/validation/validateSheet';
import { validateRow } from '../../src/domain/validation/validateRow';
import { FINANCE, LEAD_C2, NDRC, contributorPlan, fillByCode, rowOfCode, templateOf } from './contributorPlan';
import { specCells } from './specToArray';

/**
 * A 配合部门's template and its validation (SPEC §2, §6, §8): only the indicators it contributes to, its role in the
 * header and the marker, its share without a light, a tier, a 完成率 or a 滞后原因 — in both formula modes — and the
 * same value checks as any row.
 */

const plan = contributorPlan();
const MODES: readonly FormulaMode[] = ['kpi', 'native'];

const cells = specCells;
const cellOf = (spec: SheetSpec, address: string): CellSpec | undefined => cells(spec).get(address);
const codes = (spec: SheetSpec): unknown[] =>
  [...cells(spec)].filter(([a, c]) => /^B\d+$/.test(a) && Number(a.slice(1)) >= 7 && c.value).map(([, c]) => c.value);

describe.each(MODES)('a 配合部门’s template (%s formulas)', (mode) => {
  const { spec } = templateOf(plan, 'C2', NDRC, { mode });

  it('lists only the indicators it contributes to, and names its role in 填报单位 and in the marker', () => {
    expect(codes(spec)).toEqual(['C2-03', 'C2-09', 'C2-10']);
    expect(cellOf(spec, 'C5')?.value).toBe('发展改革局（配合部门）');
    expect(spec.marker).toMatchObject({ department: NDRC, role: 'contributor', campaign: 'C2' });
    expect(cellOf(spec, 'M4')?.value).toBe(`${NDRC}、${FINANCE}`);
    expect(codes(templateOf(plan, 'C2', FINANCE, { mode }).spec)).toEqual(['C2-10']);
  });

  it('shows no result judged against the district’s target: words in 完成率 and 力争档, 不亮灯 or a data state in 状态', () => {
    for (const row of [7, 8, 9]) {
      expect(cellOf(spec, `J${row}`)).toEqual({ value: SHARE_WORDS.attainment, style: 'none' });
      expect(cellOf(spec, `K${row}`)).toEqual({ value: SHARE_WORDS.tier, style: 'none' });
      // 不亮灯, or 数据有误 / 待核实 where the share is so (SPEC §6): a native formula, the same in both modes
      expect(cellOf(spec, `M${row}`)?.style).toBe('none');
      expect(cellOf(spec, `M${row}`)?.formula).toMatch(/^=IF\(.*"不亮灯",IF\(.*"数据有误",/);
      expect(cellOf(spec, `M${row}`)?.formula).not.toContain('KPI.');
      // no 滞后原因 to give: the cell is greyed and locked
      expect(cellOf(spec, `N${row}`)).toEqual({ value: null, style: 'unused' });
    }
    expect(STYLES.none?.locked).not.toBe(false);
    expect(STYLES.unused?.locked).not.toBe(false);
    // no light or tier colours: only the data states' (数据有误, 待核实) on 状态
    expect(spec.conditionalFormats?.map((cf) => [cf.range, cf.rule])).toEqual([
      ['M7:M9', { type: 'expression', formula: '=$M7="数据有误"' }],
      ['M7:M9', { type: 'expression', formula: '=$M7="待核实"' }],
    ]);
    const formulas = [...cells(spec).values()].flatMap((c) => (c.formula === undefined ? [] : [c.formula]));
    // 序时进度 of the paced C2-10 (row 9), and each row's 状态
    expect(formulas).toHaveLength(4);
    expect(cellOf(spec, 'L9')?.formula).toBeDefined();
  });

  it('keeps its input cells and their data validation: 累计完成 on every row, 上年同期 on the growth row, 备注', () => {
    for (const row of [7, 8, 9]) {
      expect(cellOf(spec, `H${row}`)?.style).toBe('input');
      expect(cellOf(spec, `O${row}`)?.style).toBe('input');
    }
    expect(cellOf(spec, 'I8')?.style).toBe('input'); // C2-09 growth
    expect(cellOf(spec, 'I7')?.style).toBe('unused');
    const ranges = (spec.validations ?? []).map((v) => v.range);
    // 备注 has its prompt: "已核实" there confirms a doubtful value (SPEC §6 Data states)
    expect(ranges).toEqual(['H7', 'H8', 'I8', 'H9', 'O7:O9']);
    const notes = cellOf(spec, 'A11')?.value;
    expect(notes).toEqual(expect.stringContaining('填表说明（配合部门）'));
    expect(notes).toEqual(expect.stringContaining('不需要填写滞后原因'));
  });

  it('the lead department’s template lists every indicator, with the campaign’s 配合部门 in its header', () => {
    const lead = templateOf(plan, 'C2', LEAD_C2, { mode }).spec;
    expect(codes(lead)).toHaveLength(14);
    expect(cellOf(lead, 'C5')?.value).toBe(LEAD_C2);
    expect(cellOf(lead, 'M4')?.value).toBe(`${NDRC}、${FINANCE}`);
    expect(lead.marker).toMatchObject({ role: 'lead' });
    // the built-in plan names no 配合部门: the cell stays empty
    const builtin = buildTemplate({
      plan: builtinPlan(),
      campaignId: 'C2',
      department: LEAD_C2,
      year: 2019,
      month: 6,
      mode,
    });
    expect(cellOf(builtin, 'M4')?.value).toBeNull();
  });
});

describe('a 配合部门’s template re-applied', () => {
  it('keeps the shares entered; a 滞后原因 or a row it does not contribute to is reported, not dropped', () => {
    const fresh = templateOf(plan, 'C2', NDRC).spec;
    const previous = new Map([
      ['C2-10', { actual: 6, note: '含2家' }],
      ['C2-09', { actual: 55, prior: 50 }],
      ['C2-01', { actual: 300 }],
      ['C2-03', { reason: '原因' }],
    ]);
    const { spec, placed, unplaced } = reapplyValuesWithReport(fresh, previous);
    expect([
      cellOf(spec, 'H9')?.value,
      cellOf(spec, 'O9')?.value,
      cellOf(spec, 'H8')?.value,
      cellOf(spec, 'I8')?.value,
    ]).toEqual([6, '含2家', 55, 50]);
    expect(placed).toBe(4);
    expect(unplaced).toEqual([
      { code: 'C2-03', field: 'reason', value: '原因', why: 'notAnInput' },
      { code: 'C2-01', field: 'actual', value: 300, why: 'unknownCode' },
    ]);
  });

  it('keeps the role it was made for: the marker’s role wins over a plan that no longer names it', () => {
    const spec = buildTemplate({
      plan: builtinPlan(),
      campaignId: 'C2',
      department: NDRC,
      year: 2019,
      month: 7,
      mode: 'kpi',
      role: 'contributor',
    });
    expect(spec.marker).toMatchObject({ role: 'contributor' });
    expect(cellOf(spec, 'C5')?.value).toBe('发展改革局（配合部门）');
    // named by no indicator now: every row, each a share
    expect(codes(spec)).toHaveLength(14);
    expect(cellOf(spec, 'M7')?.formula).toContain(`"${SHARE_WORDS.status}"`);
  });
});

describe('validating a 配合部门’s sheet (SPEC §6, §7)', () => {
  const share = templateOf(plan, 'C2', NDRC).grid;
  const problemsOf = (grid: typeof share, p = plan) =>
    validateTemplateSheet(grid, p).problems.map((q) => [q.cell, q.key, q.severity]);

  it('a share far below the district’s target needs no 滞后原因: no light of its own', () => {
    // alone, 6 of 15 家 in June is 黄 and 55 / 50 − 1 = 10% … against 10% is 绿, 52 → 5.8% 红
    const filled = fillByCode(share, {
      'C2-10': { actual: 6 },
      'C2-09': { actual: 55, prior: 52 },
      'C2-03': { actual: 5 },
    });
    const r = validateTemplateSheet(filled, plan);
    expect(r.problems).toEqual([]);
    expect(r.template?.role).toBe('contributor');
    expect(r.template?.rows.map((x) => [x.code, x.numbers.actual, x.light])).toEqual([
      ['C2-03', 5, undefined],
      ['C2-09', 55, undefined],
      ['C2-10', 6, undefined],
    ]);
  });

  it('checks its values as any: text, a growth row without its prior-year value', () => {
    const filled = fillByCode(share, { 'C2-10': { actual: '6家' }, 'C2-09': { actual: 55 } });
    expect(problemsOf(filled)).toEqual([
      ['I8', 'value.growthMissingPrior', 'error'],
      ['H9', 'value.notANumberFix', 'error'],
    ]);
  });

  it('accepts 填报单位 with its role; another department there is an error (issue 12, 5a)', () => {
    expect(problemsOf(share)).toEqual([]);
    const other = {
      ...share,
      values: share.values.map((r, i) => (i === 4 ? r.map((v, c) => (c === 2 ? FINANCE : v)) : r)),
    };
    expect(problemsOf(other)).toEqual([['C5', 'structure.departmentMismatch', 'error']]);
  });

  it('a missing share row is a warning (nothing breaks), not a broken sheet', () => {
    const row = rowOfCode(share, 'C2-10') ?? 0;
    const without = { ...share, values: share.values.filter((_, i) => i !== row - 1) };
    expect(problemsOf(without)).toEqual([['B6', 'structure.missingShare', 'warning']]);
  });

  it('a sheet made before roles were recorded (all rows, no role in its marker) is a share sheet by the plan', () => {
    // 发展改革局's 转型升级 file of observation 6: made from the built-in plan, which does not name it
    const old = buildTemplate({
      plan: builtinPlan(),
      campaignId: 'C2',
      department: NDRC,
      year: 2019,
      month: 6,
      mode: 'kpi',
    });
    expect(old.marker?.role).toBeUndefined();
    const grid = fillByCode(templateOf(builtinPlan(), 'C2', NDRC).grid, {
      'C2-10': { actual: 6 },
      'C2-01': { actual: 300 },
    });
    const r = validateTemplateSheet(grid, plan);
    expect(r.template?.role).toBe('contributor');
    // no 滞后原因 asked; the figure of C2-01, which it does not contribute to, is said
    expect(r.problems.map((q) => [q.cell, q.key, q.severity])).toEqual([['H7', 'value.notShared', 'warning']]);
    // a lead's sheet still needs its reason
    const lead = fillByCode(templateOf(plan, 'C2', LEAD_C2).grid, { 'C2-10': { actual: 6 } });
    expect(problemsOf(lead)).toContainEqual([`N${rowOfCode(lead, 'C2-10') ?? 0}`, 'value.reasonMissing', 'error']);
  });

  it('a share sheet under a plan that no longer names its department: still shares, no row required', () => {
    const filled = fillByCode(share, { 'C2-10': { actual: 6 } });
    const r = validateTemplateSheet(filled, builtinPlan());
    expect(r.template?.role).toBe('contributor');
    expect(r.problems.filter((q) => q.severity === 'error' || q.key === 'structure.missingShare')).toEqual([]);
  });

  it('validateRow: a share has no light and asks no 滞后原因; its values are checked as any', () => {
    const ind = plan.campaigns[1]?.indicators.find((i) => i.code === 'C2-10');
    if (!ind) throw new Error('no C2-10');
    expect(validateRow(ind, { actual: 1 }, { expected: 0.5 })).toMatchObject({ light: 1 });
    expect(validateRow(ind, { actual: 1 }, { expected: 0.5 }).problems.map((p) => p.key)).toEqual([
      'value.reasonMissing',
    ]);
    expect(validateRow(ind, { actual: 1 }, { expected: 0.5, share: true })).toEqual({
      problems: [],
      numbers: { actual: 1, prior: null },
      light: undefined,
      state: 'valid',
    });
    expect(validateRow(ind, { actual: -1 }, { expected: 0.5, share: true }).problems.map((p) => p.key)).toEqual([
      'value.negative',
    ]);
  });
});
