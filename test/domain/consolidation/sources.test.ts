import { consolidate } from '../../../src/domain/consolidation/consolidate';
import {
  defaultPeriod,
  sourceStates,
  type ClaimState,
  type SourceClaim,
} from '../../../src/domain/consolidation/sources';
import type { Period } from '../../../src/domain/validation/period';
import { PLAN, fill, sheetSource, templateGrid } from './fixtures';

const p = (year: number, month: number): Period => ({ year, month });

describe('defaultPeriod: the latest period, of the plan year when there is one', () => {
  test.each([
    ['none', [], undefined],
    ['the latest', [p(2019, 5), p(2019, 6), p(2019, 4)], p(2019, 6)],
    ['in any order', [p(2019, 6), p(2019, 5)], p(2019, 6)],
    ['a mistyped later year does not win', [p(2091, 1), p(2019, 3)], p(2019, 3)],
    ['without the plan year: the latest of all', [p(2018, 12), p(2020, 1)], p(2020, 1)],
  ] as const)('%s (plan year 2019)', (_label, periods, expected) => {
    expect(defaultPeriod(periods, 2019)).toEqual(expected);
  });

  test('the plan year is a parameter', () => {
    expect(defaultPeriod([p(2019, 6), p(2020, 2)], 2019)).toEqual(p(2019, 6));
    expect(defaultPeriod([p(2019, 6), p(2020, 2)], 2020)).toEqual(p(2020, 2));
  });
});

describe('defaultPeriod with the month being reported now (SPEC §5; issue 11, observation 3)', () => {
  test.each([
    ['early July: a July sheet made early does not move the summary to July', [p(2019, 6), p(2019, 7)], 6, p(2019, 6)],
    ['June not in yet: the latest before it', [p(2019, 5), p(2019, 7)], 6, p(2019, 5)],
    ['only later months: the latest of them', [p(2019, 8), p(2019, 7)], 6, p(2019, 8)],
    ['after the year (12月): the latest', [p(2019, 11), p(2019, 12)], 12, p(2019, 12)],
    ['another year only: the report month does not apply', [p(2020, 1)], 6, p(2020, 1)],
  ] as const)('%s', (_label, periods, reportMonth, expected) => {
    expect(defaultPeriod(periods, 2019, reportMonth)).toEqual(expected);
  });

  test('consolidate takes the report month as its default', () => {
    const june = sheetSource(fill(templateGrid('C2', '经信商务局', { month: 6 }), {}));
    const july = sheetSource(fill(templateGrid('C1', '投资促进中心', { month: 7, name: '七月' }), {}));
    expect(consolidate(PLAN, [june, july], { reportMonth: 6 }).period).toEqual(p(2019, 6));
    expect(consolidate(PLAN, [june, july]).period).toEqual(p(2019, 7));
  });
});

describe('sourceStates: what a source’s marker says gives its state for a period', () => {
  const june = p(2019, 6);
  const claim = (department?: string, campaignId?: string, period?: Period): SourceClaim => ({
    ...(department !== undefined ? { department } : {}),
    ...(campaignId !== undefined ? { campaignId } : {}),
    ...(period ? { period } : {}),
  });

  test.each([
    ['no department', [claim(undefined, 'C1', june)], ['unknown']],
    ['no campaign', [claim('甲', undefined, june)], ['unknown']],
    ['no period', [claim('甲', 'C1')], ['unknown']],
    ['the period', [claim('甲', 'C1', june)], ['included']],
    ['another period', [claim('甲', 'C1', p(2019, 5))], ['otherPeriod']],
    [
      'the same department and campaign twice for the period: both',
      [claim('甲', 'C1', june), claim('甲', 'C1', june)],
      ['conflict', 'conflict'],
    ],
    [
      'twice, but one of another period: no conflict',
      [claim('甲', 'C1', june), claim('甲', 'C1', p(2019, 5))],
      ['included', 'otherPeriod'],
    ],
    [
      'one department, two campaigns; two departments, one campaign',
      [claim('甲', 'C1', june), claim('甲', 'C2', june), claim('乙', 'C1', june)],
      ['included', 'included', 'included'],
    ],
    [
      'a source that does not say its period makes no conflict',
      [claim('甲', 'C1', june), claim('甲', 'C1')],
      ['included', 'unknown'],
    ],
  ] as const)('%s', (_label, claims, expected: readonly ClaimState[]) => {
    expect(sourceStates(claims, june)).toEqual(expected);
  });

  test('no period chosen: every complete source is of another period', () => {
    expect(sourceStates([claim('甲', 'C1', june), claim('甲', 'C1')], undefined)).toEqual(['otherPeriod', 'unknown']);
  });

  test('a run gives readable templates the state their claims give them', () => {
    const grids = [
      fill(templateGrid('C1', '投资促进中心', { name: '甲' }), { 'C1-01': { actual: 3 } }),
      fill(templateGrid('C1', '投资促进中心', { name: '乙' }), { 'C1-01': { actual: 4 } }),
      fill(templateGrid('C1', '经信商务局'), { 'C1-01': { actual: 1 } }),
      fill(templateGrid('C2', '经信商务局', { month: 5 }), { 'C2-01': { actual: 1 } }),
    ];
    const run = consolidate(PLAN, grids.map(sheetSource));
    expect(run.period).toEqual(defaultPeriod([june, p(2019, 5)], PLAN.year));
    expect(run.sources.map((s) => s.state)).toEqual(sourceStates(run.sources, run.period));
    expect(run.sources.map((s) => s.state)).toEqual(['conflict', 'conflict', 'included', 'otherPeriod']);
  });
});
