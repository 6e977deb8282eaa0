import fc from 'fast-check';
import type { Light } from '../../../src/domain/calc/calc';
import { attainment, status, tier } from '../../../src/domain/calc/calc';
import type { Kind } from '../../../src/domain/calc/kinds';
import { lightRun, levelsByCode } from '../../../src/domain/bulletin/escalation';
import type { HistoryRecord } from '../../../src/domain/bulletin/history';
import {
  DEFAULT_SCORES,
  departmentScores,
  indicatorPoints,
  roundTo,
  type ScoredIndicator,
} from '../../../src/domain/bulletin/scores';
import { rec } from './records';

/** A June record computed by the real calc functions, as consolidation would: paced kinds against E = 6/12. */
function june(
  code: string,
  kind: Kind,
  actual: number,
  target: number,
  stretch: number | null,
  paced: boolean,
  department = '示例局',
): HistoryRecord {
  const e = paced ? 0.5 : 1;
  const value = (r: ReturnType<typeof attainment>): number | null => (r.ok ? r.value : null);
  return rec(code, 6, value(status(kind, actual, target, kind === 'growth' ? 1 : e)) as Light, {
    department,
    actual,
    expected: e,
    attainment: value(attainment(kind, actual, target)),
    tier: value(tier(kind, actual, target, stretch, e)),
  });
}

describe('indicator points (SPEC §10 default scheme)', () => {
  it.each<[string, HistoryRecord, Kind, number | null, string]>([
    ['total on pace: 50% at E 50%', june('X-01', 'total', 50, 100, null, true), 'total', 100, 'attainment'],
    ['total behind: 42% at E 50% → 84', june('X-01', 'total', 42, 100, null, true), 'total', 84, 'attainment'],
    ['total ahead is capped at 100', june('X-01', 'total', 70, 100, null, true), 'total', 100, 'attainment'],
    ['达力争 (paced) adds 10', june('X-01', 'total', 60, 100, 110, true), 'total', 110, 'attainment'],
    [
      'growth: 100 × (1.05 / 1.10)',
      june('X-01', 'growth', 0.05, 0.1, null, false),
      'growth',
      95.45454545,
      'attainment',
    ],
    ['rank met: 100', june('X-01', 'rank', 3, 5, null, false), 'rank', 100, 'attainment'],
    ['rank 8 for ≤ 5: 100 × 5 / 8', june('X-01', 'rank', 8, 5, null, false), 'rank', 62.5, 'attainment'],
    ['level (not paced): A / T', june('X-01', 'level', 45, 50, null, false), 'level', 90, 'attainment'],
    ['share fall: never below 0', june('X-01', 'share', -0.5, 1, null, false), 'share', 0, 'attainment'],
    [
      'milestone paced: 40% progress at E 50%',
      june('X-01', 'milestone', 0.4, 1, null, true),
      'milestone',
      80,
      'attainment',
    ],
    [
      '分月计划 with nothing planned yet (E = 0): on plan, full points',
      rec('X-01', 3, 3, { expected: 0, attainment: 0 }),
      'count',
      100,
      'attainment',
    ],
    ['未填报: 0', rec('X-01', 6, 0, { attainment: null }), 'total', 0, 'notReported'],
    ['数据有误: 0', rec('X-01', 6, null, { dataState: 'invalid', attainment: null }), 'total', 0, 'invalid'],
    ['cannot be computed: unscored', rec('X-01', 6, null, { attainment: null }), 'total', null, 'unscored'],
  ])('%s', (_case, record, kind, points, basis) => {
    const p = indicatorPoints(record, { code: 'X-01', kind });
    expect(p.basis).toBe(basis);
    if (points === null) expect(p.points).toBeNull();
    else expect(p.points).toBeCloseTo(points, 6);
  });

  it('every constant comes from the settings', () => {
    const r = june('X-01', 'total', 60, 100, 110, true);
    const p = indicatorPoints(r, { code: 'X-01', kind: 'total' }, { ...DEFAULT_SCORES, full: 50, stretchBonus: 5 });
    expect(p.points).toBe(55);
  });
});

/**
 * The worked example of docs/indicators.zh.md (考核得分示例): 示例局 in June 2019, four indicators, every figure
 * computed by hand there and asserted here.
 */
describe('考核得分示例 (docs/indicators.zh.md)', () => {
  const indicators: ScoredIndicator[] = [
    { code: 'X-01', kind: 'total', weight: 2 },
    { code: 'X-02', kind: 'growth' },
    { code: 'X-03', kind: 'count' },
    { code: 'X-04', kind: 'rank' },
  ];
  const juneRecords = [
    june('X-01', 'total', 42, 100, 110, true),
    june('X-02', 'growth', 0.09, 0.1, null, false),
    june('X-03', 'count', 13, 20, 24, true),
    june('X-04', 'rank', 8, 5, null, false),
  ];
  // X-01 was 黄 in May too (督办); X-04 红 in April and May too (效能监察)
  const history = [
    ...juneRecords,
    rec('X-01', 5, 2, { department: '示例局' }),
    rec('X-02', 5, 3, { department: '示例局' }),
    rec('X-04', 4, 1, { department: '示例局' }),
    rec('X-04', 5, 1, { department: '示例局' }),
  ];
  const runs = ['X-01', 'X-02', 'X-03', 'X-04'].flatMap((c) => lightRun(history, c, { year: 2019, month: 6 }) ?? []);

  it.each<[string, number, number, number, number, string]>([
    // code, attainment, light, tier, points, level
    ['X-01', 0.42, 2, 0, 84, 'supervision'],
    ['X-02', 1.09 / 1.1, 2, 0, 99.09090909, 'none'],
    ['X-03', 0.65, 3, 2, 110, 'none'],
    ['X-04', 0.625, 1, 0, 62.5, 'inspection'],
  ])('%s', (code, att, light, t, points, level) => {
    const r = juneRecords.find((x) => x.code === code);
    const ind = indicators.find((i) => i.code === code);
    if (!r || !ind) throw new Error(code);
    expect([r.attainment, r.light, r.tier]).toEqual([att, light, t]);
    expect(indicatorPoints(r, ind).points).toBeCloseTo(points, 6);
    expect(runs.find((x) => x.code === code)?.level).toBe(level);
  });

  it('score = (2 × 84 + 99.09 + 110 + 62.5) ÷ 5 − 5 − 10 = 72.92', () => {
    const [s] = departmentScores(juneRecords, indicators, levelsByCode(runs));
    expect(s?.mean).toBeCloseTo(87.91818182, 6);
    expect([s?.supervised, s?.inspected, s?.penalty]).toEqual([1, 1, 15]);
    expect(roundTo(s?.score ?? 0, 2)).toBe(72.92);
    expect(s?.rank).toBe(1);
  });
});

describe('department scores and ranks', () => {
  const ind = (code: string): ScoredIndicator => ({ code, kind: 'total' });
  const at = (code: string, department: string, attainment: number, light: Light = 3): HistoryRecord =>
    rec(code, 6, light, { department, attainment, expected: 0.5, tier: 1 });

  it('ties share a rank (as shown, 2 decimals) and the next skips; unscored last, without rank', () => {
    const records = [
      at('A-01', '甲局', 0.5),
      at('B-01', '乙局', 0.45),
      at('C-01', '丙局', 0.45 + 1e-12),
      at('D-01', '丁局', 0.4),
      rec('E-01', 6, null, { department: '戊局', attainment: null }),
    ];
    const scores = departmentScores(records, ['A-01', 'B-01', 'C-01', 'D-01', 'E-01'].map(ind));
    expect(scores.map((s) => [s.department, s.rank, s.score === null ? null : roundTo(s.score, 2)])).toEqual([
      ['甲局', 1, 100],
      ['丙局', 2, 90],
      ['乙局', 2, 90],
      ['丁局', 4, 80],
      ['戊局', undefined, null],
    ]);
  });

  it('never below 0; 效能监察 counts once (10), not also as 督办', () => {
    const records = [at('A-01', '甲局', 0.02, 1)];
    const [s] = departmentScores(records, [ind('A-01')], new Map([['A-01', 'inspection' as const]]));
    expect(s?.penalty).toBe(10);
    expect(s?.score).toBe(0);
  });

  it('department records and codes not in the plan list are ignored; 未填报 counts as 0 in the mean', () => {
    const records = [
      at('A-01', '甲局', 0.5),
      rec('A-02', 6, 0, { department: '甲局', attainment: null }),
      rec('A-01', 6, null, { scope: 'department', department: '乙局' }),
      at('Z-99', '甲局', 0.1),
    ];
    const scores = departmentScores(records, [ind('A-01'), ind('A-02')]);
    expect(scores.map((s) => [s.department, s.mean])).toEqual([['甲局', 50]]);
  });

  const record = fc
    .record({
      code: fc.constantFrom('A-01', 'A-02', 'A-03', 'A-04'),
      department: fc.constantFrom('甲局', '乙局'),
      attainment: fc.option(fc.double({ min: -5, max: 5, noNaN: true })),
      expected: fc.integer({ min: 1, max: 12 }).map((m) => m / 12),
      tier: fc.option(fc.integer({ min: 0, max: 2 })),
      state: fc.constantFrom('reported', 'doubtful', 'invalid', 'blank' as const),
    })
    .map((r) => rec(r.code, 6, 2, { ...r, dataState: r.state }));

  it('points are within [0, full + bonus]; scores within [0, full + bonus] (property)', () => {
    const kinds = fc.constantFrom<Kind>('total', 'count', 'level', 'growth', 'share', 'floor', 'rank', 'milestone');
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 12 }),
        fc.array(kinds, { minLength: 4, maxLength: 4 }),
        fc.array(fc.constantFrom('none', 'supervision', 'inspection' as const), { minLength: 4, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
        (records, ks, ls, ws) => {
          const codes = ['A-01', 'A-02', 'A-03', 'A-04'];
          const inds = codes.map((code, i) => ({ code, kind: ks[i] ?? 'total', weight: ws[i] ?? 1 }));
          const levels = new Map(codes.map((c, i) => [c, ls[i] ?? 'none']));
          const max = DEFAULT_SCORES.full + DEFAULT_SCORES.stretchBonus;
          for (const s of departmentScores(records, inds, levels)) {
            for (const p of s.indicators) if (p.points !== null) expect(p.points).toBeGreaterThanOrEqual(0);
            for (const p of s.indicators) if (p.points !== null) expect(p.points).toBeLessThanOrEqual(max);
            if (s.score !== null) {
              expect(s.score).toBeGreaterThanOrEqual(0);
              expect(s.score).toBeLessThanOrEqual(max);
            }
          }
        },
      ),
    );
  });
});
