import fc from 'fast-check';
import type { Light } from '../../../src/domain/calc/calc';
import { monthBulletin } from '../../../src/domain/bulletin/monthBulletin';
import { bulletinSettings } from '../../../src/domain/bulletin/settings';
import { compareMonths } from '../../../src/domain/bulletin/trend';
import { rec } from './records';

/** January to June of three indicators of two departments, read as the month's 通报 reads them. */
const LIGHTS: Record<string, readonly Light[]> = {
  'C1-01': [3, 3, 2, 2, 1, 1], // 经信商务局: slipping
  'C1-02': [1, 1, 1, 1, 1, 1], // 经信商务局: red all year
  'C2-01': [2, 1, 2, 3, 3, 3], // 建设交通局: recovered
};
const DEPARTMENT: Record<string, string> = { 'C1-01': '经信商务局', 'C1-02': '经信商务局', 'C2-01': '建设交通局' };
/** Attainment − 序时进度 by light: the same light, the same margin (持平). */
const MARGIN: Record<Light, number> = { 0: 0, 1: -0.2, 2: -0.05, 3: 0.1 };
const history = Object.entries(LIGHTS).flatMap(([code, lights]) =>
  lights.map((light, i) =>
    rec(code, i + 1, light, {
      department: DEPARTMENT[code] ?? '',
      attainment: (i + 1) / 12 + MARGIN[light],
      reason: light < 3 ? `${i + 1}月：滞后原因` : '',
    }),
  ),
);
const indicators = Object.keys(LIGHTS).map((code) => ({ code, kind: 'total' as const }));

describe('the month’s bulletin, January to June', () => {
  const june = monthBulletin(history, { year: 2019, month: 6 }, indicators);

  it('trend, runs, 督办清单 and scores agree', () => {
    expect(june.trends.map((t) => [t.code, t.change])).toEqual([
      ['C1-01', 'same'],
      ['C1-02', 'same'],
      ['C2-01', 'same'],
    ]);
    expect(june.supervision.map((s) => [s.code, s.level, s.months.map((m) => m.month)])).toEqual([
      ['C1-02', 'inspection', [1, 2, 3, 4, 5, 6]],
      ['C1-01', 'supervision', [3, 4, 5, 6]],
    ]);
    // 经信商务局: (60 + 60) / 2 − 5 − 10 = 45; 建设交通局: 100
    expect(june.scores.map((s) => [s.department, s.rank, s.score])).toEqual([
      ['建设交通局', 1, 100],
      ['经信商务局', 2, 45],
    ]);
  });

  it('May: C1-01 worsened from 黄 to 红; settings change the levels', () => {
    const may = monthBulletin(history, { year: 2019, month: 5 }, indicators);
    expect(may.trends.find((t) => t.code === 'C1-01')?.change).toBe('worse');
    const strict = monthBulletin(
      history,
      { year: 2019, month: 5 },
      indicators,
      bulletinSettings({ escalation: { inspectionAfter: 1 } }),
    );
    expect(strict.supervision.map((s) => [s.code, s.level])).toEqual([
      ['C1-02', 'inspection'],
      ['C1-01', 'inspection'],
    ]);
  });

  it('trend is antisymmetric: better one way is worse the other, same both ways (property)', () => {
    const record = fc
      .record({ light: fc.constantFrom<Light>(1, 2, 3), attainment: fc.double({ min: 0, max: 2, noNaN: true }) })
      .map((r) => rec('C1-01', 6, r.light, { attainment: r.attainment, expected: 0.5 }));
    fc.assert(
      fc.property(record, record, (a, b) => {
        const opposite = { better: 'worse', worse: 'better', same: 'same' } as const;
        expect(compareMonths(b, a)).toBe(opposite[compareMonths(a, b)]);
      }),
    );
  });
});
