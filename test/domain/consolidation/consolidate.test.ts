import { CATALOGUE } from '../../messages';
import { consolidate, type Consolidation, type Source } from '../../../src/domain/consolidation/consolidate';
import type { IndicatorSummary } from '../../../src/domain/consolidation/aggregate';
import type { WhyNot } from '../../../src/domain/consolidation/rows';
import { originParams, type Origin } from '../../../src/domain/consolidation/sources';
import { formatMessage, placeholders, type MessageKey } from '../../../src/domain/i18n/messages';
import { parsePlan } from '../../../src/domain/plan/schema';
import type { Plan } from '../../../src/domain/plan/schema';
import { encodeMarker } from '../../../src/domain/grid/ownSheets';
import type { CellValue } from '../../../src/domain/grid/cells';
import {
  PLAN,
  fileSource,
  fill,
  inputAddress,
  insertColumn,
  insertRow,
  put,
  rename,
  sheetSource,
  templateGrid,
  type Grid,
} from './fixtures';

const LEAD = { C1: '投资促进中心', C2: '经信商务局', C3: '发展改革局', C4: '建设交通局', C5: '社会发展局' } as const;

function row(r: Consolidation, code: string): IndicatorSummary {
  const s = r.campaigns.flatMap((c) => c.indicators).find((x) => x.code === code);
  if (!s) throw new Error(`no summary row ${code}`);
  return s;
}

function sheet(
  campaignId: keyof typeof LEAD,
  values: Parameters<typeof fill>[1],
  options: { department?: string; month?: number; year?: number; name?: string } = {},
): Grid {
  return fill(templateGrid(campaignId, options.department ?? LEAD[campaignId], options), values);
}

const src = (...grids: Grid[]): Source[] => grids.map(sheetSource);
const why = (r: Consolidation, code: string, department: string, field = 'actual'): (WhyNot | 'used')[] =>
  r.details
    .filter((d) => d.code === code && d.department === department && d.field === field)
    .map((d) => (d.used ? 'used' : (d.why ?? 'used')));
const keys = (r: Consolidation): MessageKey[] => r.problems.map((p) => p.key);
const stateOf = (r: Consolidation, department: string, campaignId: string): string | undefined =>
  r.matrix.rows[r.matrix.departments.indexOf(department)]?.[r.matrix.campaignIds.indexOf(campaignId)]?.state;

describe('aggregation: sum', () => {
  test.each([
    ['one department', [[3.5]], 3.5],
    ['two departments add up', [[3, 1.5]], 4.5],
    ['floating noise stays within the tolerance', [[0.1, 0.2]], 0.30000000000000004],
    ['nothing reported: blank, never 0', [[]], null],
  ] as const)('%s', (_label, [values], expected) => {
    const departments = ['投资促进中心', '经信商务局', '发展改革局'];
    const grids = values.map((actual, i) =>
      sheet('C1', { 'C1-01': { actual, reason: '原因' } }, { department: departments[i] }),
    );
    const r = consolidate(PLAN, src(...grids));
    expect(row(r, 'C1-01').actual).toBe(expected);
    expect(row(r, 'C1-01').counted).toEqual(departments.slice(0, values.length).sort());
  });

  test('an invalid value is left out and listed; a warning is listed but the value is used', () => {
    const r = consolidate(
      PLAN,
      src(
        sheet('C1', { 'C1-01': { actual: 100, reason: '超预期' } }), // > 10 × target: a warning
        sheet('C1', { 'C1-01': { actual: '约5' } }, { department: '经信商务局' }),
        sheet('C1', { 'C1-01': { actual: { error: '#N/A' } } }, { department: '发展改革局' }),
      ),
    );
    expect(row(r, 'C1-01').actual).toBe(100);
    expect(why(r, 'C1-01', '经信商务局')).toEqual(['invalid']);
    expect(why(r, 'C1-01', '发展改革局')).toEqual(['invalid']);
    expect(r.details.find((d) => d.department === '发展改革局')?.value).toBe('#N/A');
    // Per sheet, sheets by department name (code-unit order: the same on every platform).
    expect(r.problems.filter((p) => p.indicator === 'C1-01').map((p) => [p.department, p.severity, p.key])).toEqual([
      ['发展改革局', 'error', 'value.errorValue'],
      ['投资促进中心', 'warning', 'value.implausibleMagnitude'],
      ['经信商务局', 'error', 'value.approximate'],
    ]);
  });

  test('a cell of spaces is a value found, not reported: listed as blank', () => {
    const r = consolidate(PLAN, src(sheet('C1', { 'C1-01': { actual: '   ' } })));
    expect(row(r, 'C1-01').actual).toBeNull();
    expect(why(r, 'C1-01', LEAD.C1)).toEqual(['blank']);
  });

  test('attainment, tier, 序时进度, light and 快慢序时 of a paced total (June: E = 50%)', () => {
    // The tier compares with the paced targets 7 × 50% = 3.5 and 8 × 50% = 4 (SPEC §4): 绿 is always tier ≥ 1.
    const cases: [number, number, number, number, number][] = [
      // actual, attainment, tier, light, gap (points)
      [3.5, 0.5, 1, 3, 0],
      [2.8, 0.4, 0, 2, -10],
      [2.7, 2.7 / 7, 0, 1, (2.7 / 7 - 0.5) * 100],
      [4, 4 / 7, 2, 3, (4 / 7 - 0.5) * 100],
      [7, 1, 2, 3, 50],
      [8, 8 / 7, 2, 3, (8 / 7 - 0.5) * 100],
    ];
    for (const [actual, att, tier, light, gap] of cases) {
      const s = row(consolidate(PLAN, src(sheet('C1', { 'C1-01': { actual, reason: '原因' } }))), 'C1-01');
      expect([s.attainment, s.tier, s.expected, s.light]).toEqual([expect.closeTo(att, 12), tier, 0.5, light]);
      expect(s.paceGap).toBeCloseTo(gap, 9);
    }
  });

  test('a stretch-only count: tier 2 or 0, attainment against the 力争 target', () => {
    const s = row(consolidate(PLAN, src(sheet('C1', { 'C1-05': { actual: 1 } }))), 'C1-05');
    expect([s.target, s.stretch, s.attainment, s.tier, s.light]).toEqual([null, 1, 1, 2, 3]);
  });
});

describe('aggregation: growth (Σ current / Σ prior − 1)', () => {
  test('over the departments reporting both values', () => {
    const r = consolidate(
      PLAN,
      src(
        sheet('C2', { 'C2-09': { actual: 110, prior: 100 } }),
        sheet('C2', { 'C2-09': { actual: 50, prior: 40 } }, { department: '发展改革局' }),
        sheet('C2', { 'C2-09': { actual: 70 } }, { department: '投资促进中心' }), // no prior: not paired
      ),
    );
    const s = row(r, 'C2-09');
    expect([s.current, s.prior]).toEqual([160, 140]);
    expect(s.actual).toBeCloseTo(160 / 140 - 1, 15);
    expect(s.attainment).toBeCloseTo((1 + 160 / 140 - 1) / 1.1, 12);
    expect(s.paceGap).toBeCloseTo((160 / 140 - 1 - 0.1) * 100, 9);
    expect(s.counted).toEqual(['发展改革局', '经信商务局']);
    expect(why(r, 'C2-09', '投资促进中心')).toEqual(['growthUnpaired']);
    expect(r.problems.some((p) => p.department === '投资促进中心' && p.key === 'value.growthMissingPrior')).toBe(true);
  });

  test.each([
    // current, prior, light: 绿 g ≥ 10%; 黄 within 2 points; 红 below
    [110, 100, 3],
    [109, 100, 2],
    [108, 100, 2],
    [107.9, 100, 1],
  ] as const)('light from the aggregate rate: %d / %d', (actual, prior, light) => {
    const s = row(consolidate(PLAN, src(sheet('C2', { 'C2-09': { actual, prior, reason: '原因' } }))), 'C2-09');
    expect(s.light).toBe(light);
    expect(s.expected).toBe(1);
  });

  test('a prior value ≤ 0 is invalid and the current value is left unpaired', () => {
    const r = consolidate(PLAN, src(sheet('C2', { 'C2-09': { actual: 10, prior: 0 } })));
    expect(row(r, 'C2-09').actual).toBeNull();
    expect(why(r, 'C2-09', LEAD.C2, 'prior')).toEqual(['invalid']);
    expect(why(r, 'C2-09', LEAD.C2, 'actual')).toEqual(['growthUnpaired']);
  });
});

describe('aggregation: single (the responsible department only)', () => {
  test.each([
    ['the responsible department alone', { 经信商务局: 30 }, 30, [['经信商务局', 'used']], []],
    [
      'another department with the same value: noted, not counted twice',
      { 经信商务局: 30, 发展改革局: 30 },
      30,
      [
        ['发展改革局', 'sameAsResponsible'],
        ['经信商务局', 'used'],
      ],
      [],
    ],
    [
      'another department with a different value: flagged',
      { 经信商务局: 30, 发展改革局: 31 },
      30,
      [
        ['发展改革局', 'differsFromResponsible'],
        ['经信商务局', 'used'],
      ],
      ['consolidation.singleDiffers'],
    ],
    [
      'only another department: not used, flagged',
      { 发展改革局: 31 },
      null,
      [['发展改革局', 'notResponsible']],
      ['consolidation.singleNotResponsible'],
    ],
  ] as const)('%s', (_label, values, expected, verdicts, problemKeys) => {
    const grids = Object.entries(values).map(([department, actual]) =>
      sheet('C2', { 'C2-03': { actual, reason: '原因' } }, { department }),
    );
    const r = consolidate(PLAN, src(...grids));
    expect(row(r, 'C2-03').actual).toBe(expected);
    expect(
      r.details
        .filter((d) => d.code === 'C2-03' && d.field === 'actual')
        .map((d) => [d.department, d.used ? 'used' : d.why]),
    ).toEqual(verdicts);
    expect(r.problems.filter((p) => p.key.startsWith('consolidation.single')).map((p) => p.key)).toEqual(problemKeys);
    // Only the responsible department's reason is shown in the summary.
    expect(row(r, 'C2-03').reasons.map((x) => x.department)).toEqual('经信商务局' in values ? ['经信商务局'] : []);
  });

  test('a rank: 1 if at or above the target place, T/A below', () => {
    expect(row(consolidate(PLAN, src(sheet('C2', { 'C2-04': { actual: 2 } }))), 'C2-04')).toMatchObject({
      attainment: 1,
      tier: 1,
      light: 3,
      paceGap: 0,
    });
    expect(row(consolidate(PLAN, src(sheet('C2', { 'C2-04': { actual: 4, reason: '原因' } }))), 'C2-04')).toMatchObject(
      { attainment: 0.75, tier: 0, light: 1 },
    );
  });

  test('a milestone without a target is measured against 100%, paced', () => {
    expect(row(consolidate(PLAN, src(sheet('C3', { 'C3-03': { actual: 0.5 } }))), 'C3-03')).toMatchObject({
      attainment: 0.5,
      expected: 0.5,
      light: 3,
    });
  });
});

describe('report period', () => {
  test('the latest period among the templates; other periods are listed and left out, never mixed', () => {
    const may = sheet('C1', { 'C1-01': { actual: 2 } }, { month: 5 });
    const june = sheet('C1', { 'C1-01': { actual: 3.5 } }, { month: 6, department: '经信商务局' });
    const r = consolidate(PLAN, src(may, june));
    expect(r.period).toEqual({ year: 2019, month: 6 });
    expect(r.expected).toBe(0.5);
    expect(row(r, 'C1-01').actual).toBe(3.5);
    expect(why(r, 'C1-01', LEAD.C1)).toEqual(['otherPeriod']);
    expect(r.problems.find((p) => p.key === 'consolidation.otherPeriod')).toMatchObject({
      origin: { kind: 'sheet', sheet: may.name },
      params: { year: 2019, month: 5, periodYear: 2019, periodMonth: 6 },
    });
    expect(stateOf(r, LEAD.C1, 'C1')).toBe('otherPeriod');
    expect(keys(r)).toContain('consolidation.missing');
  });

  test('an explicit period wins', () => {
    const may = sheet('C1', { 'C1-01': { actual: 2, reason: '原因' } }, { month: 5 });
    const june = sheet('C1', { 'C1-01': { actual: 3.5 } }, { month: 6, department: '经信商务局' });
    const r = consolidate(PLAN, src(may, june), { period: { year: 2019, month: 5 } });
    expect(row(r, 'C1-01')).toMatchObject({ actual: 2, expected: 5 / 12 });
    expect(why(r, 'C1-01', '经信商务局')).toEqual(['otherPeriod']);
  });

  test('a mistyped year does not take over: the plan year is preferred', () => {
    const typo = sheet('C1', { 'C1-01': { actual: 2 } }, { year: 2091, department: '经信商务局' });
    const r = consolidate(PLAN, src(typo, sheet('C1', { 'C1-01': { actual: 3.5 } })));
    expect(r.period).toEqual({ year: 2019, month: 6 });
    expect(why(r, 'C1-01', '经信商务局')).toEqual(['otherPeriod']);
  });

  test('a period cell that cannot be read leaves the sheet out (有误), never guessed from the marker', () => {
    const broken = put(sheet('C1', { 'C1-01': { actual: 2 } }), { F5: '六月' });
    const r = consolidate(PLAN, src(broken, sheet('C2', { 'C2-01': { actual: 1 } })));
    expect(why(r, 'C1-01', LEAD.C1)).toEqual(['noPeriod']);
    expect(keys(r)).toEqual(expect.arrayContaining(['period.malformed', 'consolidation.noPeriod']));
    expect(stateOf(r, LEAD.C1, 'C1')).toBe('invalid');
    expect(r.sources.find((s) => s.campaignId === 'C1')?.state).toBe('noPeriod');
  });

  test('no templates at all: no period, everything 未报, one problem saying so', () => {
    const r = consolidate(PLAN, [
      { origin: { kind: 'sheet', sheet: 'Sheet1' }, sheet: { name: 'Sheet1', values: [['hello']] } },
    ]);
    expect(r.period).toBeUndefined();
    expect(keys(r)).toEqual(['consolidation.noSources']);
    expect(
      r.matrix.rows
        .flat()
        .filter((c) => c.expected)
        .every((c) => c.state === 'missing'),
    ).toBe(true);
    expect(r.details).toEqual([]);
  });
});

describe('conflicts: the same department and campaign twice', () => {
  test.each([
    ['two sheets', (a: Grid, b: Grid): Source[] => [sheetSource(a), sheetSource(b)]],
    ['a sheet and a file', (a: Grid, b: Grid): Source[] => [sheetSource(a), fileSource('投资促进中心.xlsx', b)]],
    ['two files', (a: Grid, b: Grid): Source[] => [fileSource('a.xlsx', a), fileSource('b.xlsx', b)]],
  ])('%s: both left out, reported, matrix 冲突', (_label, sources) => {
    const a = sheet('C1', { 'C1-01': { actual: 3 } }, { name: '甲' });
    const b = sheet('C1', { 'C1-01': { actual: 4 } }, { name: '乙' });
    const other = sheet('C1', { 'C1-01': { actual: 1.5 } }, { department: '经信商务局' });
    const r = consolidate(PLAN, [...sources(a, b), sheetSource(other)]);
    expect(row(r, 'C1-01').actual).toBe(1.5); // never 3 + 4 + 1.5, never 3 + 1.5
    expect(why(r, 'C1-01', LEAD.C1)).toEqual(['conflict', 'conflict']);
    expect(r.problems.filter((p) => p.key === 'consolidation.conflict')).toHaveLength(2);
    expect(stateOf(r, LEAD.C1, 'C1')).toBe('conflict');
    expect(r.matrix.rows[0]?.[0]?.origins).toHaveLength(2);
  });

  test('identical copies are still a conflict, with a message saying so', () => {
    const a = sheet('C1', { 'C1-01': { actual: 3 } }, { name: '甲' });
    const r = consolidate(PLAN, [sheetSource(a), fileSource('copy.xlsx', a)]);
    expect(row(r, 'C1-01').actual).toBeNull();
    expect(r.problems.filter((p) => p.key === 'consolidation.conflictIdentical').map((p) => p.params.others)).toEqual([
      'copy.xlsx › “甲”',
      '“甲”',
    ]);
  });

  test('another period of the same department is no conflict', () => {
    const r = consolidate(
      PLAN,
      src(sheet('C1', { 'C1-01': { actual: 3 } }, { month: 5 }), sheet('C1', { 'C1-01': { actual: 3.5 } })),
    );
    expect(row(r, 'C1-01').actual).toBe(3.5);
    expect(keys(r)).not.toContain('consolidation.conflict');
  });
});

describe('template structure', () => {
  test('a template with structure errors is left out as 有误, its values listed with the reason', () => {
    const broken = put(sheet('C1', { 'C1-01': { actual: 3 } }), { B8: 'C9-99' }); // an unknown code instead of C1-02
    const r = consolidate(PLAN, src(broken));
    expect(why(r, 'C1-01', LEAD.C1)).toEqual(['structure']);
    expect(row(r, 'C1-01').actual).toBeNull();
    expect(keys(r)).toEqual(
      expect.arrayContaining(['structure.unknownCode', 'structure.missingCode', 'consolidation.structure']),
    );
    expect(stateOf(r, LEAD.C1, 'C1')).toBe('invalid');
  });

  test('a template that cannot be read at all is attributed through its marker and listed', () => {
    const broken = put(
      sheet('C1', { 'C1-01': { actual: 3 } }),
      Object.fromEntries('ABCDEFGHIJKLMNO'.split('').map((c) => [`${c}2`, null])),
    );
    const r = consolidate(PLAN, src(broken, sheet('C2', { 'C2-01': { actual: 1 } })));
    expect(keys(r)).toEqual(expect.arrayContaining(['structure.keysRowMissing', 'consolidation.structure']));
    expect(stateOf(r, LEAD.C1, 'C1')).toBe('invalid');
    expect(r.details.filter((d) => d.campaignId === 'C1')).toEqual([]);
  });

  test('a displaced marker (a column inserted before A) is reported, not skipped', () => {
    const r = consolidate(PLAN, src(insertColumn(sheet('C1', { 'C1-01': { actual: 3 } }), 1)));
    expect(keys(r)).toEqual(expect.arrayContaining(['structure.markerMoved', 'consolidation.structure']));
    expect(why(r, 'C1-01', LEAD.C1)).toEqual(['structure']);
  });

  test('inserted rows and columns inside the template change the addresses, never the result', () => {
    const plain = sheet('C1', { 'C1-01': { actual: 3, reason: '原因' } });
    const edited = insertRow(insertColumn(plain, 'I'), 8);
    const a = consolidate(PLAN, src(plain));
    const b = consolidate(PLAN, src(edited));
    expect(b.campaigns).toEqual(
      a.campaigns.map((c) => ({
        ...c,
        indicators: c.indicators.map((s) => ({
          ...s,
          reasons: s.reasons.map((x) => ({ ...x, cell: x.cell === 'N7' ? 'O7' : x.cell })),
        })),
      })),
    );
    expect(b.details.map((d) => d.cell)).toEqual(['H7', 'O7']);
  });

  test("sheets without a template marker are ignored, and so are the add-in's own output sheets", () => {
    const other: Source = {
      origin: { kind: 'sheet', sheet: '备忘' },
      sheet: { name: '备忘', values: [['随便写的', 1]] },
    };
    const output: Source = {
      origin: { kind: 'sheet', sheet: '汇总' },
      sheet: {
        name: '汇总',
        values: [[encodeMarker({ type: 'kpi-summary', v: 1 })], ['KPI-TRACKER:{"type":"kpi-template"']],
      },
    };
    const r = consolidate(PLAN, [other, output, sheetSource(sheet('C1', { 'C1-01': { actual: 3.5 } }))]);
    expect(r.sources).toHaveLength(1);
    expect(r.problems.filter((p) => p.origin?.sheet === '备忘' || p.origin?.sheet === '汇总')).toEqual([]);
  });

  test('a value in the 上年同期 cell of a non-growth row is listed, not used', () => {
    const r = consolidate(PLAN, src(put(sheet('C1', { 'C1-01': { actual: 3.5 } }), { I7: 2 })));
    expect(why(r, 'C1-01', LEAD.C1, 'prior')).toEqual(['notApplicable']);
    expect(keys(r)).toContain('consolidation.priorNotApplicable');
  });
});

describe('submission matrix', () => {
  test('expected departments: the lead, every responsible department and the support departments (campaignDepartments)', () => {
    const plan = withPlan((p) => {
      const c = p.campaigns[0];
      if (c) {
        c.supportDepartments = ['经信商务局'];
        const ind = c.indicators[1];
        if (ind) ind.department = '发展改革局';
      }
    });
    const r = consolidate(plan, []);
    const C1 = r.matrix.campaignIds.indexOf('C1');
    const expected = r.matrix.departments.filter((_, d) => r.matrix.rows[d]?.[C1]?.expected);
    expect(expected).toEqual(['投资促进中心', '发展改革局', '经信商务局']);
  });

  test('已报 / 未报 / 有误 / 冲突 / 期别不符 / 无须报送, and departments outside the plan appended by name', () => {
    const r = consolidate(
      PLAN,
      src(
        sheet('C1', { 'C1-01': { actual: 3.5 } }), // 已报
        sheet('C2', { 'C2-01': { actual: '很多' } }), // 有误 (an invalid value)
        sheet('C3', { 'C3-01': { actual: 1 } }, { name: 'a' }),
        sheet('C3', { 'C3-01': { actual: 2 } }, { name: 'b' }), // 冲突
        sheet('C4', { 'C4-01': { actual: 0.5 } }, { month: 5 }), // 期别不符
        sheet('C1', { 'C1-02': { actual: 1, reason: '协助引资' } }, { department: '综合执法局' }), // not expected
      ),
    );
    expect(r.matrix.departments).toEqual([
      '投资促进中心',
      '经信商务局',
      '发展改革局',
      '建设交通局',
      '社会发展局',
      '综合执法局',
    ]);
    expect(r.matrix.rows.map((cells) => cells.map((c) => c.state))).toEqual([
      ['submitted', 'notExpected', 'notExpected', 'notExpected', 'notExpected'],
      ['notExpected', 'invalid', 'notExpected', 'notExpected', 'notExpected'],
      ['notExpected', 'notExpected', 'conflict', 'notExpected', 'notExpected'],
      ['notExpected', 'notExpected', 'notExpected', 'otherPeriod', 'notExpected'],
      ['notExpected', 'notExpected', 'notExpected', 'notExpected', 'missing'],
      ['submitted', 'notExpected', 'notExpected', 'notExpected', 'notExpected'],
    ]);
    expect(
      r.problems.filter((p) => p.key === 'consolidation.missing').map((p) => [p.department, p.campaignId]),
    ).toEqual([
      ['建设交通局', 'C4'],
      ['社会发展局', 'C5'],
    ]);
  });
});

describe('lagging list and counts', () => {
  test('黄/红 indicators, red first, with the reasons of the departments used', () => {
    const r = consolidate(
      PLAN,
      src(
        sheet('C1', {
          'C1-01': { actual: 2.8, reason: '项目推迟签约' },
          'C1-02': { actual: 1, reason: '=外资到位慢' },
          'C1-03': { actual: 35 },
        }),
        sheet('C1', { 'C1-02': { actual: 0.2, reason: '+配合不足' } }, { department: '经信商务局' }),
      ),
    );
    expect(r.lagging.map((s) => [s.code, s.light])).toEqual([
      ['C1-02', 1],
      ['C1-01', 2],
    ]);
    expect(row(r, 'C1-02').reasons.map((x) => [x.department, x.text])).toEqual([
      ['投资促进中心', '=外资到位慢'],
      ['经信商务局', '+配合不足'],
    ]);
    expect(r.campaigns[0]?.counts).toEqual({ green: 1, yellow: 1, red: 1, none: 5, invalid: 0, doubtful: 0 });
    expect(r.counts).toEqual({ green: 1, yellow: 1, red: 1, none: 47, invalid: 0, doubtful: 0 });
  });

  test('a lagging indicator without any reason is a problem of its own', () => {
    const r = consolidate(PLAN, src(sheet('C1', { 'C1-01': { actual: 1 } })));
    expect(r.problems.find((p) => p.key === 'consolidation.lagWithoutReason')).toMatchObject({
      indicator: 'C1-01',
      params: { lightKey: 'light.1' },
    });
  });

  test('campaign averages cap a single attainment at 120%', () => {
    const r = consolidate(PLAN, src(sheet('C1', { 'C1-01': { actual: 70 }, 'C1-02': { actual: 2.5 } })));
    expect(r.campaigns[0]?.averageAttainment).toBeCloseTo((1.2 + 0.5) / 2, 12);
    expect(r.campaigns[0]?.averageExpected).toBe(0.5);
    expect(r.campaigns[3]?.averageAttainment).toBeNull();
  });

  test('a calculation that fails (a target of 0, past the schema) is reported, not shown as 未填报', () => {
    // The plan schema refuses a target of 0 (issue 12, 5c); consolidation still never hides a failed calculation.
    expect(parsePlan(withTarget0(PLAN)).ok).toBe(false);
    const plan = withTarget0(PLAN);
    const r = consolidate(plan, src(fill(templateGrid('C1', LEAD.C1, { plan }), { 'C1-01': { actual: 3 } }, plan)));
    expect(row(r, 'C1-01')).toMatchObject({ actual: 3, attainment: null, light: null });
    expect(r.problems.find((p) => p.key === 'consolidation.calcFailed')?.params).toMatchObject({
      problemKey: 'consolidation.calc.divByZero',
    });
  });
});

describe('determinism', () => {
  test('details in plan order, then department, then origin, then field; problems per sheet in the same order', () => {
    const r = consolidate(PLAN, [
      fileSource(
        'z.xlsx',
        sheet('C2', { 'C2-09': { actual: 110, prior: 100, reason: 'r' } }, { department: '发展改革局' }),
      ),
      sheetSource(sheet('C2', { 'C2-01': { actual: 1 }, 'C2-09': { actual: 120, prior: 100 } })),
      sheetSource(sheet('C1', { 'C1-02': { actual: 1 } }, { department: '经信商务局' })),
      sheetSource(sheet('C1', { 'C1-02': { actual: 1 } })),
    ]);
    expect(r.details.map((d) => `${d.code} ${d.department} ${d.field}`)).toEqual([
      'C1-02 投资促进中心 actual',
      'C1-02 经信商务局 actual',
      'C2-01 经信商务局 actual',
      'C2-09 发展改革局 actual',
      'C2-09 发展改革局 prior',
      'C2-09 发展改革局 reason',
      'C2-09 经信商务局 actual',
      'C2-09 经信商务局 prior',
    ]);
    expect(r.sources.map((s) => `${s.campaignId} ${s.department}`)).toEqual([
      'C1 投资促进中心',
      'C1 经信商务局',
      'C2 发展改革局',
      'C2 经信商务局',
    ]);
  });

  test('renaming a sheet changes only where its values are said to come from', () => {
    const g = sheet('C1', { 'C1-01': { actual: 3.5 } });
    const a = consolidate(PLAN, src(g));
    const b = consolidate(PLAN, src(rename(g, "部门's 表")));
    expect(b.campaigns).toEqual(a.campaigns.map((c) => ({ ...c })));
    expect(b.details.map((d) => d.origin)).toEqual([{ kind: 'sheet', sheet: "部门's 表" }]);
  });
});

describe('messages', () => {
  const consolidationKeys = (Object.keys(CATALOGUE['zh-CN']) as MessageKey[]).filter((k) =>
    k.startsWith('consolidation.'),
  );
  test.each(consolidationKeys)('%s: both languages, the same placeholders', (key) => {
    expect(CATALOGUE['en-US'][key].trim()).not.toBe('');
    expect(placeholders(CATALOGUE['en-US'][key])).toEqual(placeholders(CATALOGUE['zh-CN'][key]));
  });

  test('an origin in a message: a sheet of this workbook, or a sheet of a file', () => {
    const say = (o: Origin): string => {
      const m = originParams(o);
      return formatMessage(CATALOGUE['zh-CN'], m.key, m.params);
    };
    expect(say({ kind: 'sheet', sheet: '表1' })).toBe('工作表“表1”');
    expect(say({ kind: 'file', file: 'a.xlsx', sheet: '表1' })).toBe('文件“a.xlsx”的工作表“表1”');
  });

  test('every key the consolidation can produce exists', () => {
    const whys: WhyNot[] = [
      'otherPeriod',
      'conflict',
      'structure',
      'noPeriod',
      'invalid',
      'blank',
      'notText',
      'growthUnpaired',
      'notApplicable',
      'notResponsible',
      'differsFromResponsible',
      'sameAsResponsible',
    ];
    for (const w of whys) expect(consolidationKeys).toContain(`consolidation.why.${w}`);
  });
});

/** The built-in plan, edited and validated again (plans are data). */
function withPlan(
  edit: (p: {
    campaigns: {
      supportDepartments?: string[];
      indicators: { department: string; target?: number; stretch?: number }[];
    }[];
  }) => void,
): Plan {
  const copy = JSON.parse(JSON.stringify(PLAN)) as Parameters<typeof edit>[0];
  edit(copy);
  const r = parsePlan(copy);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.plan;
}

/** The plan with C1-01's target 0 and no stretch, as no plan source can give it any longer. */
function withTarget0(plan: Plan): Plan {
  const copy = structuredClone(plan);
  const ind = copy.campaigns[0]?.indicators[0];
  if (ind) {
    ind.target = 0;
    delete ind.stretch;
  }
  return copy;
}

// Keep the fixture helpers honest: the generated input cells are where the tests type.
test('fixtures: input cells of a generated template', () => {
  expect(inputAddress('C2-09', 'prior')).toBe('I15');
  const g: CellValue = fill(templateGrid('C2', LEAD.C2), { 'C2-09': { prior: 5 } }).values[14]?.[8] ?? null;
  expect(g).toBe(5);
});

describe('data states beside the light (SPEC §6; issue 11, observations 1 and 5)', () => {
  const C2 = (values: Parameters<typeof fill>[1], department: string = LEAD.C2, note?: string) => {
    const grid = sheet('C2', values, { department });
    return note === undefined ? grid : put(grid, { [inputAddress('C2-07', 'note')]: note });
  };
  const cellsOf = (cells: readonly { origin: Origin; cell: string }[]) =>
    cells.map((c) => `${c.origin.kind === 'sheet' ? c.origin.sheet : ''}!${c.cell}`);

  it('a row whose only value is a 1,000× slip is 数据有误: no figure, no light — not 未填报, never 绿 — its cell named', () => {
    const r = consolidate(PLAN, src(C2({ 'C2-07': { actual: 2_350_000 } })));
    const s = row(r, 'C2-07');
    expect([s.dataState, s.actual, s.attainment, s.tier, s.light]).toEqual(['invalid', null, null, null, null]);
    expect(cellsOf(s.invalid)).toEqual(['转型升级-经信商务局-6月!H13']);
    expect(r.counts).toMatchObject({ invalid: 1, doubtful: 0, green: 0 });
    expect(r.counts.none).toBe(49);
    expect(why(r, 'C2-07', LEAD.C2)).toEqual(['invalid']);
    expect(r.details.find((d) => d.code === 'C2-07')?.state).toBe('invalid');
    expect(r.problems).toContainEqual(
      expect.objectContaining({ key: 'value.magnitudeSlip', severity: 'error', cell: 'H13' }),
    );
  });

  it('a growth row without its prior-year value names the empty cell the error is on', () => {
    const s = row(consolidate(PLAN, src(C2({ 'C2-09': { actual: 55 } }))), 'C2-09');
    expect([s.dataState, s.light]).toEqual(['invalid', null]);
    expect(cellsOf(s.invalid)).toEqual(['转型升级-经信商务局-6月!I15']);
  });

  it('10× to 1,000× the target is counted, with its light, and marked 待核实 with its cell', () => {
    const r = consolidate(PLAN, src(C2({ 'C2-07': { actual: 9600 } })));
    const s = row(r, 'C2-07');
    expect([s.dataState, s.actual, s.light]).toEqual(['reported', 9600, 3]);
    expect(cellsOf(s.doubtful)).toEqual(['转型升级-经信商务局-6月!H13']);
    expect(r.counts).toMatchObject({ green: 1, doubtful: 1, invalid: 0 });
    expect(r.details.find((d) => d.code === 'C2-07')).toMatchObject({ used: true, state: 'doubtful' });
  });

  it('confirmed in the department’s own 备注 ("已核实"): counted, no longer 待核实, 已核实 in 明细', () => {
    const r = consolidate(PLAN, src(C2({ 'C2-07': { actual: 9600 } }, LEAD.C2, '已核实，含新投产企业')));
    expect(row(r, 'C2-07').doubtful).toEqual([]);
    expect(r.counts.doubtful).toBe(0);
    expect(r.details.find((d) => d.code === 'C2-07')).toMatchObject({ used: true, state: 'confirmed' });
    expect(r.problems.filter((p) => p.indicator === 'C2-07')).toEqual([]);
  });

  it('sum: another department’s usable value is counted; the slip beside it is named, left out', () => {
    const r = consolidate(
      PLAN,
      src(C2({ 'C2-07': { actual: 2_350_000 } }), C2({ 'C2-07': { actual: 120.5 } }, LEAD.C3)),
    );
    const s = row(r, 'C2-07');
    expect([s.dataState, s.actual]).toEqual(['reported', 120.5]);
    expect(cellsOf(s.invalid)).toEqual(['转型升级-经信商务局-6月!H13']);
    expect(r.counts.invalid).toBe(0);
  });

  it('single: only the responsible department’s unusable value makes the row 数据有误', () => {
    const other = consolidate(PLAN, src(C2({ 'C2-03': { actual: '约30' } }, LEAD.C3)));
    expect(row(other, 'C2-03').dataState).toBe('blank');
    const own = consolidate(PLAN, src(C2({ 'C2-03': { actual: '约30' } })));
    expect(row(own, 'C2-03').dataState).toBe('invalid');
  });

  it('the matrix: 有误 for a sheet with a 数据有误 value; 已报, noted 待核实, for one with a doubtful value', () => {
    const invalid = consolidate(PLAN, src(C2({ 'C2-07': { actual: 2_350_000 } })));
    expect(stateOf(invalid, LEAD.C2, 'C2')).toBe('invalid');
    const doubtful = consolidate(PLAN, src(C2({ 'C2-07': { actual: 9600 } })));
    const cell = doubtful.matrix.rows[doubtful.matrix.departments.indexOf(LEAD.C2)]?.[1];
    expect(cell).toMatchObject({ state: 'submitted', doubtful: true });
    const confirmed = consolidate(PLAN, src(C2({ 'C2-07': { actual: 9600 } }, LEAD.C2, '已核实')));
    expect(confirmed.matrix.rows[confirmed.matrix.departments.indexOf(LEAD.C2)]?.[1]?.doubtful).toBeUndefined();
  });
});

describe('a template copied by another department, 填报单位 retyped (issue 12, observation 5a)', () => {
  // 投资促进中心's C1 template, copied by 经信商务局, which typed its own name into 填报单位 (C5)
  const copied = (values: Parameters<typeof fill>[1], name = '招商-经信'): Grid =>
    put(sheet('C1', values, { name }), { C5: LEAD.C2 });
  const own = sheet('C1', { 'C1-01': { actual: 3.5 } });

  test.each([
    ['alone', [copied({ 'C1-01': { actual: 9 } })], null, 'invalid'],
    ['beside the marker department’s own sheet', [copied({ 'C1-01': { actual: 9 } }), own], 3.5, 'invalid'],
    ['beside it, in either order', [own, copied({ 'C1-01': { actual: 9 } })], 3.5, 'invalid'],
  ] as const)('%s: counted for neither, an error naming both, the matrix 有误', (_label, grids, actual, state) => {
    const r = consolidate(PLAN, src(...grids));
    expect(row(r, 'C1-01').actual).toBe(actual);
    expect(why(r, 'C1-01', LEAD.C2)).toEqual([]);
    const mismatch = r.problems.filter((p) => p.key === 'structure.departmentMismatch');
    expect(mismatch.map((p) => [p.severity, p.params])).toEqual([['error', { found: LEAD.C2, department: LEAD.C1 }]]);
    expect(r.sources.find((s) => s.origin.sheet === '招商-经信')?.state).toBe('structure');
    expect(stateOf(r, LEAD.C1, 'C1')).toBe(state);
    expect(keys(r)).not.toContain('structure.duplicateSubmission');
  });

  test('spaces or full-width forms in 填报单位 are no dispute', () => {
    const r = consolidate(PLAN, src(put(sheet('C1', { 'C1-01': { actual: 3.5 } }), { C5: ' 投资促进中心 ' })));
    expect(row(r, 'C1-01').actual).toBe(3.5);
    expect(keys(r)).not.toContain('structure.departmentMismatch');
  });
});

describe('a template whose hidden marker row was deleted (issue 12, observation 4c)', () => {
  const withoutMarkerRow = (grid: Grid): Grid => ({ name: grid.name, values: grid.values.slice(1) });
  const C1 = (): Grid => withoutMarkerRow(sheet('C1', { 'C1-01': { actual: 3.5 } }));

  test.each([
    ['a sheet of this workbook', (g: Grid): Source => sheetSource(g)],
    ['a sheet of an imported file', (g: Grid): Source => fileSource('投资促进中心.xlsx', g)],
  ])('%s: unambiguous headings — consolidated, with a warning; the matrix 已报', (_label, source) => {
    const r = consolidate(PLAN, [source(C1())]);
    expect(row(r, 'C1-01').actual).toBe(3.5);
    expect(stateOf(r, LEAD.C1, 'C1')).toBe('submitted');
    expect(r.problems.filter((p) => p.key === 'structure.markerDeleted').map((p) => p.severity)).toEqual(['warning']);
    expect(r.sources.map((s) => [s.state, s.department, s.campaignId])).toEqual([['included', LEAD.C1, 'C1']]);
  });

  test.each([
    ['填报单位 cleared', { C4: null }],
    ['another year', { F4: '2018年6月' }],
    ['title cleared', { A2: null }],
  ])('%s: ambiguous — reported, not consolidated', (_label, cells) => {
    const r = consolidate(PLAN, [fileSource('x.xlsx', put(C1(), cells))]);
    expect(row(r, 'C1-01').actual).toBeNull();
    expect(r.problems.filter((p) => p.key === 'structure.markerDeletedAmbiguous').map((p) => p.severity)).toEqual([
      'error',
    ]);
    expect(r.sources.map((s) => s.state)).toEqual(['structure']);
    expect(stateOf(r, LEAD.C1, 'C1')).toBe('missing');
  });

  test('beside the department’s own intact sheet, the two are the same submission twice: a conflict', () => {
    const r = consolidate(PLAN, src(C1(), rename(sheet('C1', { 'C1-01': { actual: 4 } }), '招大引强-副本')));
    expect(stateOf(r, LEAD.C1, 'C1')).toBe('conflict');
  });
});
