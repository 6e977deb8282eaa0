import { trends, trendKey, compareMonths, previousPeriod } from '../../../src/domain/bulletin/trend';
import type { HistoryRecord } from '../../../src/domain/bulletin/history';
import { rec } from './records';

const JUNE = { year: 2019, month: 6 };

describe('trend (SPEC §10): light first, then the margin over 序时进度', () => {
  it.each<[string, HistoryRecord, HistoryRecord, string]>([
    ['红 → 黄', rec('C1-01', 5, 1), rec('C1-01', 6, 2), 'better'],
    ['黄 → 绿', rec('C1-01', 5, 2), rec('C1-01', 6, 3), 'better'],
    ['绿 → 红', rec('C1-01', 5, 3), rec('C1-01', 6, 1), 'worse'],
    // same light: attainment − E; 40%/E 5/12 (−1.7 pts) → 45%/E 6/12 (−5 pts): further behind
    ['黄, further behind', rec('C1-01', 5, 2, { attainment: 0.4 }), rec('C1-01', 6, 2, { attainment: 0.45 }), 'worse'],
    ['黄, catching up', rec('C1-01', 5, 2, { attainment: 0.35 }), rec('C1-01', 6, 2, { attainment: 0.48 }), 'better'],
    // cumulative attainment rose from 5/12 to 6/12, exactly on pace both months: 持平, not 好转
    ['绿, on pace both months', rec('C1-01', 5, 3), rec('C1-01', 6, 3), 'same'],
    [
      'growth, E = 1 both months',
      rec('C1-01', 5, 2, { expected: 1, attainment: 0.99 }),
      rec('C1-01', 6, 2, { expected: 1, attainment: 0.99 + 1e-12 }),
      'same',
    ],
  ])('%s', (_case, before, now, change) => {
    expect(compareMonths(before, now)).toBe(change);
    const [t] = trends([before, now], JUNE);
    expect(t?.change).toBe(change);
    expect(t?.previous).toEqual({ attainment: before.attainment, light: before.light });
  });

  it.each<[string, HistoryRecord[], string]>([
    ['no record last month', [rec('C1-01', 6, 2)], 'noPrevious'],
    ['a gap month does not count as last month', [rec('C1-01', 4, 1), rec('C1-01', 6, 2)], 'noPrevious'],
    ['未填报 last month', [rec('C1-01', 5, 0), rec('C1-01', 6, 2)], 'previousBlank'],
    [
      '数据有误 last month',
      [rec('C1-01', 5, null, { dataState: 'invalid', attainment: null }), rec('C1-01', 6, 2)],
      'previousInvalid',
    ],
    [
      'no light last month (无法计算)',
      [rec('C1-01', 5, null, { attainment: null }), rec('C1-01', 6, 2)],
      'previousUnknown',
    ],
    ['未填报 this month', [rec('C1-01', 5, 2), rec('C1-01', 6, 0)], 'currentBlank'],
    ['未填报 this month and no record before', [rec('C1-01', 6, 0)], 'currentBlank'],
    [
      '数据有误 this month',
      [rec('C1-01', 5, 2), rec('C1-01', 6, null, { dataState: 'invalid', attainment: null })],
      'currentInvalid',
    ],
  ])('no change: %s', (_case, history, why) => {
    const [t] = trends(history, JUNE);
    expect(t?.change).toBeNull();
    expect(t?.noChange).toBe(why);
    expect(t && trendKey(t)).toBe(`bulletin.trend.${why}`);
  });

  it('January has no month before it; department records and other codes are ignored', () => {
    expect(previousPeriod({ year: 2019, month: 1 })).toBeUndefined();
    const history = [
      rec('C1-01', 5, 1),
      rec('C1-01', 6, 3),
      rec('C1-01', 6, null, { scope: 'department', department: '发展改革局' }),
      rec('C1-02', 5, 3),
    ];
    expect(trends(history, JUNE).map((t) => [t.code, t.change])).toEqual([['C1-01', 'better']]);
  });
});
