import fc from 'fast-check';
import {
  DEFAULT_STATUS_THRESHOLDS,
  LIGHT,
  TIER,
  TOLERANCE,
  attainment,
  dayOfYear,
  endOfMonth,
  fromExcelSerial,
  gap,
  growth,
  isPacedTier,
  meets,
  pace,
  status,
  tier,
  tierFollowsPace,
  toExcelSerial,
  type CalcResult,
  type CalendarDate,
} from '../../../src/domain/calc/calc';
import { KINDS, higherIsBetter, type Kind } from '../../../src/domain/calc/kinds';

/** The value of a result, failing the test with the problem when there is none. */
function valueOf(r: CalcResult): number {
  if (!r.ok) throw new Error(`expected a value, got ${JSON.stringify(r)}`);
  return r.value;
}

const BLANK = { ok: false, code: 'blank' };
const NO_TARGET = { ok: false, code: 'noTarget' };
const DIV0 = { ok: false, code: 'divByZero' };
const RANK_BELOW_ONE = { ok: false, code: 'invalidNumber', reason: 'rankBelowOne' };
const GROWTH_BELOW = { ok: false, code: 'invalidNumber', reason: 'growthAtOrBelowMinus100' };
const BAD_DATE = { ok: false, code: 'invalidNumber', reason: 'badDate' };
const PREVIOUS = { ok: false, code: 'invalidNumber', reason: 'previousNotPositive' };

const HIGHER_IS_BETTER: readonly Kind[] = KINDS.filter((k) => k !== 'rank');
const RATIO_KINDS: readonly Kind[] = ['total', 'count', 'level', 'share', 'floor', 'milestone'];

/** The SPEC §4/§6 notion of "meets", written independently of the code under test. */
function specMeets(kind: Kind, actual: number, goal: number): boolean {
  return kind === 'rank' ? actual <= goal + 1e-9 : actual >= goal - 1e-9;
}

describe('attainment (SPEC §3)', () => {
  test.each<[string, Kind, number, number | null, number]>([
    // A / T for the ratio kinds
    ['total at target', 'total', 7, 7, 1],
    ['total half way (合同利用外资 3.5 of 7 亿美元)', 'total', 3.5, 7, 0.5],
    ['total zero actual is 0, not blank', 'total', 0, 7, 0],
    ['total twice the target is not capped', 'total', 14, 7, 2],
    ['total far above the target is not capped', 'total', 1000, 7, 1000 / 7],
    ['count', 'count', 6, 15, 0.4],
    ['count above target', 'count', 18, 15, 1.2],
    ['level', 'level', 42, 35, 1.2],
    ['level below', 'level', 28, 35, 0.8],
    ['floor (开工率 40% of 50%)', 'floor', 0.4, 0.5, 0.8],
    ['floor at target', 'floor', 0.5, 0.5, 1],
    ['share ΔA/ΔT (0.5 of 1 个百分点)', 'share', 0.005, 0.01, 0.5],
    ['share with a fall in share', 'share', -0.005, 0.01, -0.5],
    ['milestone with a blank target is progress / 100%', 'milestone', 0.5, null, 0.5],
    ['milestone done', 'milestone', 1, null, 1],
    ['milestone with an explicit target', 'milestone', 0.3, 0.6, 0.5],
    // growth: (1 + g) / (1 + g*)
    ['growth at target', 'growth', 0.1, 0.1, 1],
    ['growth half the rate is (1.05 / 1.1), not 0.5', 'growth', 0.05, 0.1, 1.05 / 1.1],
    ['growth above target', 'growth', 0.2, 0.1, 1.2 / 1.1],
    ['growth with a zero target is not a division by zero', 'growth', -0.05, 0, 0.95],
    ['growth with a negative target', 'growth', -0.1, -0.2, 0.9 / 0.8],
    ['growth with a fall', 'growth', -0.5, 0.1, 0.5 / 1.1],
    // rank: 1 if A ≤ T else T / A
    ['rank at target', 'rank', 3, 3, 1],
    ['rank better than target', 'rank', 1, 3, 1],
    ['rank one place behind', 'rank', 4, 3, 0.75],
    ['rank far behind', 'rank', 6, 3, 0.5],
    ['rank within tolerance of the target', 'rank', 3 + 1e-12, 3, 1],
    // T < 0 (higher is better): 1 + (A − T) / |T|
    ['negative target met', 'total', -10, -10, 1],
    ['negative target beaten', 'total', -5, -10, 1.5],
    ['negative target missed', 'total', -20, -10, 0],
    ['negative target, positive actual', 'level', 10, -10, 3],
    ['share with a negative target', 'share', -0.005, -0.01, 1.5],
  ])('%s: %s A=%p T=%p → %p', (_name, kind, actual, target, expected) => {
    expect(valueOf(attainment(kind, actual, target))).toBeCloseTo(expected, 12);
  });

  it('never computes g / g* for growth', () => {
    expect(valueOf(attainment('growth', 0.05, 0.1))).not.toBeCloseTo(0.5, 3);
    expect(valueOf(attainment('growth', 0.2, 0.1))).not.toBeCloseTo(2, 3);
  });

  test.each(KINDS.map((k) => [k]))('blank actual is not reported for %s, never 0', (kind) => {
    expect(attainment(kind, null, 7)).toEqual(BLANK);
    expect(attainment(kind, null, null)).toEqual(BLANK);
    expect(gap(kind, null, 7)).toEqual(BLANK);
    expect(tier(kind, null, 7, 8)).toEqual(BLANK);
  });

  test.each(RATIO_KINDS.map((k) => [k]))('T = 0 is a division by zero for %s', (kind) => {
    expect(attainment(kind, 5, 0)).toEqual(DIV0);
    expect(attainment(kind, 0, 0)).toEqual(DIV0);
  });

  test.each(['total', 'count', 'level', 'share', 'floor', 'growth', 'rank'] as Kind[])(
    'a missing target for %s is noTarget',
    (kind) => {
      expect(attainment(kind, 5, null)).toEqual(NO_TARGET);
    },
  );

  test.each<[string, Kind, number, number, object]>([
    ['rank A = 0', 'rank', 0, 3, RANK_BELOW_ONE],
    ['rank A = 0.5', 'rank', 0.5, 3, RANK_BELOW_ONE],
    ['rank A < 0', 'rank', -1, 3, RANK_BELOW_ONE],
    ['rank T < 1', 'rank', 2, 0, RANK_BELOW_ONE],
    ['growth g = −1', 'growth', -1, 0.1, GROWTH_BELOW],
    ['growth g < −1', 'growth', -1.5, 0.1, GROWTH_BELOW],
    ['growth g* = −1', 'growth', 0.1, -1, GROWTH_BELOW],
    ['growth g* < −1', 'growth', 0.1, -2, GROWTH_BELOW],
  ])('%s is an invalid number (#NUM!)', (_name, kind, actual, target, expected) => {
    expect(attainment(kind, actual, target)).toEqual(expected);
  });

  it('accepts growth just above −100% and rank 1', () => {
    expect(valueOf(attainment('growth', -0.99, 0.1))).toBeCloseTo(0.01 / 1.1, 12);
    expect(valueOf(attainment('rank', 1, 1))).toBe(1);
  });
});

describe('stretch tier (SPEC §4)', () => {
  test.each<[string, Kind, number, number | null, number | null, number]>([
    ['total below 确保', 'total', 6.99, 7, 8, TIER.belowTarget],
    ['total at 确保', 'total', 7, 7, 8, TIER.target],
    ['total between', 'total', 7.5, 7, 8, TIER.target],
    ['total at 力争', 'total', 8, 7, 8, TIER.stretch],
    ['total above 力争', 'total', 9, 7, 8, TIER.stretch],
    ['total without stretch at target', 'total', 7, 7, null, TIER.target],
    ['total without stretch far above', 'total', 70, 7, null, TIER.target],
    ['count 15 家', 'count', 15, 15, null, TIER.target],
    ['count 14 家', 'count', 14, 15, null, TIER.belowTarget],
    ['level 规上工业企业数量 205', 'level', 205, 200, 210, TIER.target],
    ['level 规上工业企业数量 210', 'level', 210, 200, 210, TIER.stretch],
    ['floor 0.5', 'floor', 0.5, 0.5, null, TIER.target],
    ['share 0.012', 'share', 0.012, 0.01, 0.015, TIER.target],
    ['share 0.015', 'share', 0.015, 0.01, 0.015, TIER.stretch],
    // rank: ≤
    ['rank at 确保', 'rank', 3, 3, 1, TIER.target],
    ['rank at 力争', 'rank', 1, 3, 1, TIER.stretch],
    ['rank behind', 'rank', 4, 3, 1, TIER.belowTarget],
    // growth compares rates, not (1+g)/(1+g*)
    ['growth below', 'growth', 0.09, 0.1, 0.12, TIER.belowTarget],
    ['growth at 确保', 'growth', 0.1, 0.1, 0.12, TIER.target],
    ['growth at 力争', 'growth', 0.12, 0.1, 0.12, TIER.stretch],
    ['growth with a negative target met', 'growth', -0.05, -0.1, null, TIER.target],
    // stretch-only: 2 or 0
    ['stretch-only count met (力争…1个)', 'count', 1, null, 1, TIER.stretch],
    ['stretch-only count exceeded', 'count', 5, null, 1, TIER.stretch],
    ['stretch-only count not met', 'count', 0, null, 1, TIER.belowTarget],
    ['stretch-only rank met', 'rank', 2, null, 3, TIER.stretch],
    ['stretch-only rank not met', 'rank', 4, null, 3, TIER.belowTarget],
    ['stretch-only milestone met', 'milestone', 0.8, null, 0.8, TIER.stretch],
    ['stretch-only milestone not met', 'milestone', 0.7, null, 0.8, TIER.belowTarget],
    // milestone with no target: done = 100%
    ['milestone without targets done', 'milestone', 1, null, null, TIER.target],
    ['milestone without targets in progress', 'milestone', 0.5, null, null, TIER.belowTarget],
    // boundary equality within 1e-9
    ['total 0.3 vs 0.1 + 0.2', 'total', 0.3, 0.1 + 0.2, null, TIER.target],
    ['total 0.1 + 0.2 vs stretch 0.3', 'total', 0.1 + 0.2, 0.2, 0.3, TIER.stretch],
    ['growth 0.3 vs 0.1 + 0.2', 'growth', 0.3, 0.1 + 0.2, null, TIER.target],
    ['total just within tolerance', 'total', 7 - 1e-10, 7, 8, TIER.target],
    ['total just outside tolerance', 'total', 7 - 1e-6, 7, 8, TIER.belowTarget],
    ['rank just within tolerance', 'rank', 3 + 1e-10, 3, 1, TIER.target],
    ['rank just outside tolerance', 'rank', 3 + 1e-6, 3, 1, TIER.belowTarget],
  ])('%s: %s A=%p T=%p S=%p → %p', (_name, kind, actual, target, stretch, expected) => {
    expect(tier(kind, actual, target, stretch)).toEqual({ ok: true, value: expected });
  });

  test.each<[string, Kind, number | null, number | null, number | null, object]>([
    ['blank', 'total', null, 7, 8, BLANK],
    ['no target and no stretch', 'total', 5, null, null, NO_TARGET],
    ['rank A < 1', 'rank', 0, 3, 1, RANK_BELOW_ONE],
    ['rank stretch < 1', 'rank', 2, 3, 0, RANK_BELOW_ONE],
    ['growth g ≤ −1', 'growth', -1, 0.1, 0.12, GROWTH_BELOW],
    ['growth g* ≤ −1', 'growth', 0.1, -1, null, GROWTH_BELOW],
    ['growth stretch ≤ −1', 'growth', 0.1, null, -1.5, GROWTH_BELOW],
  ])('%s → problem', (_name, kind, actual, target, stretch, expected) => {
    expect(tier(kind, actual, target, stretch)).toEqual(expected);
  });
});

describe('paced tier (SPEC §4): 序时达力争 / 序时达确保 / 序时未达 while E < 1', () => {
  const JUNE = 6 / 12;
  test.each<[string, Kind, number, number | null, number | null, number, number]>([
    // The observation: C2-01 腾退回收低效用地, 1,150 of 2,000 亩 (57.5%) in June is 绿 and 序时达确保.
    ['C2-01 at 57.5% in June', 'total', 1150, 2000, null, JUNE, TIER.target],
    ['C2-01 at 50% in June (序时确保 exactly)', 'total', 1000, 2000, null, JUNE, TIER.target],
    ['C2-01 at 49.9% in June', 'total', 998, 2000, null, JUNE, TIER.belowTarget],
    ['C2-01 at 57.5% in March', 'total', 1150, 2000, null, 3 / 12, TIER.target],
    ['C2-01 at 57.5% in August', 'total', 1150, 2000, null, 8 / 12, TIER.belowTarget],
    // with a 力争 target: 序时力争 = S·E
    ['C1-01 3.5 of 7 / 8 in June', 'total', 3.5, 7, 8, JUNE, TIER.target],
    ['C1-01 4 of 7 / 8 in June (序时力争 exactly)', 'total', 4, 7, 8, JUNE, TIER.stretch],
    ['C1-01 3.49 of 7 / 8 in June', 'total', 3.49, 7, 8, JUNE, TIER.belowTarget],
    ['C1-01 3.5 of 7 / 8 in July', 'total', 3.5, 7, 8, 7 / 12, TIER.belowTarget],
    ['count 8 of 15 家 in June', 'count', 8, 15, null, JUNE, TIER.target],
    ['count 7 of 15 家 in June', 'count', 7, 15, null, JUNE, TIER.belowTarget],
    ['paced level (a plan may pace any kind)', 'level', 105, 200, 210, JUNE, TIER.stretch],
    ['paced floor', 'floor', 0.25, 0.5, null, JUNE, TIER.target],
    ['paced share', 'share', 0.5, 1, 1.2, JUNE, TIER.target],
    // milestones: progress against E (a blank target means done = 100%)
    ['milestone 50% in June', 'milestone', 0.5, null, null, JUNE, TIER.target],
    ['milestone 40% in June', 'milestone', 0.4, null, null, JUNE, TIER.belowTarget],
    ['milestone 0.8 × 7/12 in July', 'milestone', (0.8 * 7) / 12, 0.8, null, 7 / 12, TIER.target],
    // stretch-only: 2 or 0 against S·E
    ['stretch-only 力争 10 个, 5 in June', 'count', 5, null, 10, JUNE, TIER.stretch],
    ['stretch-only 力争 10 个, 4 in June', 'count', 4, null, 10, JUNE, TIER.belowTarget],
    ['stretch-only 力争 1 个, 0 in June', 'count', 0, null, 1, JUNE, TIER.belowTarget],
    // paper-equal figures count as equal (the 1e-9 tolerance, as for the light)
    ['0.35 of 0.7 in June', 'total', 0.35, 0.7, null, JUNE, TIER.target],
    ['7 × 7/12 typed to 9 decimals in July', 'total', 4.083333333, 7, null, 7 / 12, TIER.target],
    ['just outside tolerance', 'total', 3.5 - 1e-6, 7, 8, JUNE, TIER.belowTarget],
    // a negative target counts the distance from it, as attainment does: met when 1 + (A − T)/|T| ≥ E
    ['negative target −10, A = −15 in June', 'total', -15, -10, null, JUNE, TIER.target],
    ['negative target −10, A = −15.1 in June', 'total', -15.1, -10, null, JUNE, TIER.belowTarget],
    // a target of 0 has no ratio: its paced target is 0 × E = 0, met as in December
    ['target 0, A = 0 in June', 'total', 0, 0, null, JUNE, TIER.target],
    ['target 0, A = −1 in June', 'total', -1, 0, null, JUNE, TIER.belowTarget],
    // E does not apply to growth (rates compared in every month) nor to rank (a place, not an amount)
    ['growth 5% of 10% in June', 'growth', 0.05, 0.1, null, JUNE, TIER.belowTarget],
    ['growth 10% of 10% in June', 'growth', 0.1, 0.1, 0.12, JUNE, TIER.target],
    ['rank 5th of 3rd in June', 'rank', 5, 3, 1, JUNE, TIER.belowTarget],
    ['rank 3rd of 3rd in June', 'rank', 3, 3, 1, JUNE, TIER.target],
    // E = 1 (December, or a non-paced indicator) and beyond: the annual targets, as without `expected`
    ['C2-01 at 57.5% in December', 'total', 1150, 2000, null, 1, TIER.belowTarget],
    ['C1-01 7 of 7 / 8 in December', 'total', 7, 7, 8, 1, TIER.target],
    ['E above 1 is the annual comparison', 'total', 7, 7, 8, 1.2, TIER.target],
  ])('%s: %s A=%p T=%p S=%p E=%p → %p', (_name, kind, actual, target, stretch, expected, want) => {
    expect(tier(kind, actual, target, stretch, expected)).toEqual({ ok: true, value: want });
  });

  test.each<[string, Kind, number | null, number | null, number | null, object]>([
    ['blank', 'total', null, 7, 8, BLANK],
    ['no target and no stretch', 'total', 5, null, null, NO_TARGET],
    ['rank A < 1', 'rank', 0, 3, 1, RANK_BELOW_ONE],
    ['growth g ≤ −1', 'growth', -1, 0.1, 0.12, GROWTH_BELOW],
  ])('problems are the same at any E: %s', (_name, kind, actual, target, stretch, problem) => {
    for (const e of [1 / 12, 0.5, 1]) expect(tier(kind, actual, target, stretch, e)).toEqual(problem);
  });

  it('a paced ratio beyond a double’s range is #NUM!, as the light’s attainment is (the annual tier has no ratio)', () => {
    const overflow = { ok: false, code: 'invalidNumber', reason: 'overflow' };
    expect(tier('total', 1, 1e-320, null, 0.5)).toEqual(overflow);
    expect(status('total', 1, 1e-320, 0.5)).toEqual(overflow);
    expect(tier('total', 1, 7, 1e-320, 0.5)).toEqual(overflow); // 力争 first, as the formula's IF does
    expect(tier('total', 1, 1e-320, null)).toEqual({ ok: true, value: TIER.target });
  });

  it('says which tiers follow 序时进度: the ratio kinds, before the year is over', () => {
    expect(KINDS.filter(tierFollowsPace)).toEqual(RATIO_KINDS);
    expect(isPacedTier('total', 0.5)).toBe(true);
    expect(isPacedTier('total', 11 / 12)).toBe(true);
    expect(isPacedTier('total', 1)).toBe(false);
    expect(isPacedTier('growth', 0.5)).toBe(false);
    expect(isPacedTier('rank', 0.5)).toBe(false);
  });
});

describe('expected progress 序时进度 (SPEC §5)', () => {
  test.each<[CalendarDate, number]>([
    [{ year: 2019, month: 6, day: 30 }, 0.5],
    [{ year: 2019, month: 6, day: 1 }, 0.5],
    [{ year: 2019, month: 1, day: 31 }, 1 / 12],
    [{ year: 2019, month: 7, day: 15 }, 7 / 12],
    [{ year: 2019, month: 12, day: 31 }, 1],
    [{ year: 2020, month: 2, day: 29 }, 2 / 12],
  ])('month mode: %o → %p', (date, expected) => {
    expect(valueOf(pace(date))).toBeCloseTo(expected, 12);
    expect(valueOf(pace(date, 'month'))).toBeCloseTo(expected, 12);
  });

  test.each<[CalendarDate, number]>([
    [{ year: 2019, month: 6, day: 30 }, 181 / 365],
    [{ year: 2020, month: 6, day: 30 }, 182 / 366],
    [{ year: 2019, month: 1, day: 1 }, 1 / 365],
    [{ year: 2019, month: 12, day: 31 }, 1],
    [{ year: 2020, month: 12, day: 31 }, 1],
    [{ year: 2020, month: 2, day: 29 }, 60 / 366],
    [{ year: 2020, month: 3, day: 1 }, 61 / 366],
    [{ year: 2019, month: 3, day: 1 }, 60 / 365],
    [{ year: 2000, month: 12, day: 31 }, 1], // 2000 is a leap year
    [{ year: 1900, month: 12, day: 31 }, 1], // 1900 is not
  ])('day mode: %o → %p', (date, expected) => {
    expect(valueOf(pace(date, 'day'))).toBeCloseTo(expected, 12);
  });

  test.each<[CalendarDate]>([
    [{ year: 2019, month: 2, day: 29 }],
    [{ year: 1900, month: 2, day: 29 }],
    [{ year: 2019, month: 13, day: 1 }],
    [{ year: 2019, month: 0, day: 10 }],
    [{ year: 2019, month: 6, day: 31 }],
    [{ year: 2019, month: 6, day: 0 }],
    [{ year: 2019, month: 6, day: 1.5 }],
    [{ year: 1899, month: 12, day: 31 }],
    [{ year: 10000, month: 1, day: 1 }],
    [{ year: Number.NaN, month: 6, day: 30 }],
  ])('invalid date %o → #NUM!', (date) => {
    expect(pace(date, 'month')).toEqual(BAD_DATE);
    expect(pace(date, 'day')).toEqual(BAD_DATE);
  });

  it('endOfMonth and dayOfYear agree with the calendar', () => {
    expect(endOfMonth(2019, 6)).toEqual({ year: 2019, month: 6, day: 30 });
    expect(endOfMonth(2019, 2)).toEqual({ year: 2019, month: 2, day: 28 });
    expect(endOfMonth(2020, 2)).toEqual({ year: 2020, month: 2, day: 29 });
    expect(dayOfYear({ year: 2019, month: 6, day: 30 })).toBe(181);
    expect(dayOfYear({ year: 2020, month: 6, day: 30 })).toBe(182);
  });
});

describe('status light 亮灯 (SPEC §6)', () => {
  const { green, yellow, red, none } = LIGHT;

  test.each<[string, Kind, number | null, number | null, number, number]>([
    // paced total, June: E = 0.5
    ['attainment exactly E', 'total', 3.5, 7, 0.5, green],
    ['attainment above E', 'total', 5, 7, 0.5, green],
    ['attainment not capped', 'total', 14, 7, 0.5, green],
    ['attainment just below E', 'total', 3.5 - 1e-6, 7, 0.5, yellow],
    ['attainment exactly E − 0.10 (2.8 / 7 = 0.39999999999999997)', 'total', 2.8, 7, 0.5, yellow],
    ['attainment just below E − 0.10', 'total', 2.8 - 1e-6, 7, 0.5, red],
    ['attainment 0', 'total', 0, 7, 0.5, red],
    ['E = 7/12 and attainment 7/12', 'count', 7, 12, 7 / 12, green],
    ['E = 0.1 + 0.2 and attainment 0.3', 'total', 0.3, 1, 0.1 + 0.2, green],
    // non-paced (E = 1, the default)
    ['level at target', 'level', 35, 35, 1, green],
    ['level 0.9 (31.5 / 35)', 'level', 31.5, 35, 1, yellow],
    ['level 6.3 / 7 = 0.8999999999999999', 'level', 6.3, 7, 1, yellow],
    ['level just below 0.9', 'level', 31.4, 35, 1, red],
    ['floor 0.45 of 0.5', 'floor', 0.45, 0.5, 1, yellow],
    ['share 0.008 of 0.01', 'share', 0.008, 0.01, 1, red],
    ['rank at target', 'rank', 3, 3, 1, green],
    ['rank 10 for 9 (0.9)', 'rank', 10, 9, 1, yellow],
    ['rank 4 for 3 (0.75)', 'rank', 4, 3, 1, red],
    // milestone: as paced, on progress
    ['milestone on pace', 'milestone', 0.5, null, 0.5, green],
    ['milestone E − 0.10', 'milestone', 0.4, null, 0.5, yellow],
    ['milestone below', 'milestone', 0.39, null, 0.5, red],
    // growth compares g with g*, and ignores E
    ['growth g = g*', 'growth', 0.1, 0.1, 1, green],
    ['growth g > g*', 'growth', 0.2, 0.1, 1, green],
    ['growth g = g* − 0.02 (0.08 vs 0.1)', 'growth', 0.08, 0.1, 1, yellow],
    ['growth g = g* − 0.02 (0.13 vs 0.15)', 'growth', 0.13, 0.15, 1, yellow],
    ['growth g = g* − 0.02 (0.28 vs 0.3)', 'growth', 0.28, 0.3, 1, yellow],
    ['growth just below g* − 0.02', 'growth', 0.0799, 0.1, 1, red],
    ['growth 0.3 vs 0.1 + 0.2', 'growth', 0.3, 0.1 + 0.2, 1, green],
    ['growth just below g*', 'growth', 0.1 - 1e-6, 0.1, 1, yellow],
    ['growth ignores E (green)', 'growth', 0.1, 0.1, 0.5, green],
    ['growth ignores E (red)', 'growth', 0.05, 0.1, 0.5, red],
    ['growth negative', 'growth', -0.05, 0.1, 1, red],
  ])('%s: %s A=%p T=%p E=%p → %p', (_name, kind, actual, target, expected, light) => {
    expect(status(kind, actual, target, expected)).toEqual({ ok: true, value: light });
  });

  test.each(KINDS.map((k) => [k]))('blank actual → 0 (未填报) for %s', (kind) => {
    expect(status(kind, null, 7, 0.5)).toEqual({ ok: true, value: none });
    expect(status(kind, null, null)).toEqual({ ok: true, value: none });
  });

  it('uses 1 as the default expected progress and the default thresholds', () => {
    expect(status('total', 6.3, 7)).toEqual({ ok: true, value: yellow });
    expect(status('total', 3.5, 7)).toEqual({ ok: true, value: red });
    expect(DEFAULT_STATUS_THRESHOLDS).toEqual({ yellowBand: 0.1, growthYellowBand: 0.02 });
  });

  it('honours configured thresholds, inclusively', () => {
    const wide = { yellowBand: 0.2, growthYellowBand: 0.05 };
    expect(status('total', 2.1, 7, 0.5, wide)).toEqual({ ok: true, value: yellow }); // 0.3 = 0.5 − 0.2
    expect(status('total', 2.0, 7, 0.5, wide)).toEqual({ ok: true, value: red });
    expect(status('growth', 0.05, 0.1, 1, wide)).toEqual({ ok: true, value: yellow });
    expect(status('growth', 0.049, 0.1, 1, wide)).toEqual({ ok: true, value: red });
    const none0 = { yellowBand: 0, growthYellowBand: 0 };
    expect(status('total', 3.4, 7, 0.5, none0)).toEqual({ ok: true, value: red });
  });

  test.each<[string, Kind, number, number | null, object]>([
    ['T = 0', 'total', 5, 0, DIV0],
    ['no target', 'total', 5, null, NO_TARGET],
    ['growth without target', 'growth', 0.1, null, NO_TARGET],
    ['rank A < 1', 'rank', 0, 3, RANK_BELOW_ONE],
    ['growth g ≤ −1', 'growth', -1, 0.1, GROWTH_BELOW],
    ['growth g* ≤ −1', 'growth', 0.1, -1, GROWTH_BELOW],
  ])('%s → problem', (_name, kind, actual, target, expected) => {
    expect(status(kind, actual, target)).toEqual(expected);
  });
});

describe('growth rate 同比增长 (SPEC §3, §9)', () => {
  test.each<[number, number, number]>([
    [110, 100, 0.1],
    [100, 100, 0],
    [50, 100, -0.5],
    [0, 100, -1],
    [3, 2, 0.5],
  ])('C=%p P=%p → %p', (current, previous, expected) => {
    expect(valueOf(growth(current, previous))).toBeCloseTo(expected, 12);
  });

  test.each<[number | null, number | null, object]>([
    [100, 0, PREVIOUS],
    [100, -5, PREVIOUS],
    [null, 100, BLANK],
    [100, null, BLANK],
    [null, null, BLANK],
  ])('C=%p P=%p → problem', (current, previous, expected) => {
    expect(growth(current, previous)).toEqual(expected);
  });
});

describe('gap (SPEC §9)', () => {
  test.each<[string, Kind, number, number | null, number]>([
    ['total short', 'total', 5, 7, 2],
    ['total met', 'total', 7, 7, 0],
    ['total exceeded is 0, never negative', 'total', 9, 7, 0],
    ['count', 'count', 10, 15, 5],
    ['level', 'level', 30, 35, 5],
    ['floor', 'floor', 0.4, 0.5, 0.1],
    ['share with a fall', 'share', -0.005, 0.01, 0.015],
    ['milestone without target: to 100%', 'milestone', 0.4, null, 0.6],
    ['growth in fraction points', 'growth', 0.08, 0.1, 0.02],
    ['growth exceeded', 'growth', 0.12, 0.1, 0],
    ['growth negative actual', 'growth', -0.05, 0.1, 0.15],
    ['rank places to climb', 'rank', 5, 3, 2],
    ['rank ahead', 'rank', 2, 3, 0],
    ['negative target', 'total', -15, -10, 5],
    ['negative target beaten', 'total', -5, -10, 0],
    ['zero target', 'total', 0, 0, 0],
    ['within tolerance: 0.3 vs 0.1 + 0.2', 'total', 0.3, 0.1 + 0.2, 0],
  ])('%s: %s A=%p T=%p → %p', (_name, kind, actual, target, expected) => {
    expect(valueOf(gap(kind, actual, target))).toBeCloseTo(expected, 12);
  });

  test.each<[string, Kind, number | null, number | null, object]>([
    ['blank', 'total', null, 7, BLANK],
    ['no target', 'total', 5, null, NO_TARGET],
    ['rank A < 1', 'rank', 0, 3, RANK_BELOW_ONE],
    ['growth g ≤ −1', 'growth', -1, 0.1, GROWTH_BELOW],
  ])('%s → problem', (_name, kind, actual, target, expected) => {
    expect(gap(kind, actual, target)).toEqual(expected);
  });
});

describe('Excel serial dates (1900 date system)', () => {
  test.each<[number, CalendarDate]>([
    [1, { year: 1900, month: 1, day: 1 }],
    [59, { year: 1900, month: 2, day: 28 }],
    [61, { year: 1900, month: 3, day: 1 }],
    [366, { year: 1900, month: 12, day: 31 }],
    [43466, { year: 2019, month: 1, day: 1 }],
    [43646, { year: 2019, month: 6, day: 30 }],
    [43830, { year: 2019, month: 12, day: 31 }],
    [43890, { year: 2020, month: 2, day: 29 }],
    [2958465, { year: 9999, month: 12, day: 31 }],
  ])('serial %p ↔ %o', (serial, date) => {
    expect(fromExcelSerial(serial)).toEqual(date);
    expect(toExcelSerial(date)).toBe(serial);
  });

  it('ignores the time of day in a serial', () => {
    expect(fromExcelSerial(43646.75)).toEqual({ year: 2019, month: 6, day: 30 });
  });

  test.each([[60], [60.5], [0], [0.5], [-1], [2958466], [Number.NaN], [Number.POSITIVE_INFINITY]])(
    'refuses serial %p',
    (serial) => {
      expect(fromExcelSerial(serial)).toBeUndefined();
    },
  );

  it('round-trips every valid serial', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2958465 }).filter((s) => s !== 60),
        (serial) => {
          const date = fromExcelSerial(serial);
          expect(date).toBeDefined();
          expect(toExcelSerial(date as CalendarDate)).toBe(serial);
        },
      ),
    );
  });

  it('round-trips every date from 1900-01-01 to 9999-12-31', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }),
        (d) => {
          const date = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
          expect(fromExcelSerial(toExcelSerial(date))).toEqual(date);
        },
      ),
    );
  });
});

describe('properties', () => {
  const positiveTarget = fc.double({ min: 0.01, max: 1e6, noNaN: true });
  const amount = fc.double({ min: -1e7, max: 1e7, noNaN: true });

  /** Actual values that are in the domain of a kind. */
  function actualFor(kind: Kind): fc.Arbitrary<number> {
    if (kind === 'growth') return fc.double({ min: -0.999, max: 10, noNaN: true });
    if (kind === 'rank') return fc.double({ min: 1, max: 1000, noNaN: true });
    return amount;
  }

  /** Targets that are in the domain of a kind (positive for the monotonicity properties). */
  function targetFor(kind: Kind): fc.Arbitrary<number> {
    if (kind === 'growth') return fc.double({ min: -0.99, max: 2, noNaN: true });
    if (kind === 'rank') return fc.integer({ min: 1, max: 100 });
    if (kind === 'milestone' || kind === 'floor') return fc.double({ min: 0.01, max: 1, noNaN: true });
    return positiveTarget;
  }

  test.each(HIGHER_IS_BETTER.map((k) => [k]))('attainment does not decrease as the actual grows (%s)', (kind) => {
    fc.assert(
      fc.property(actualFor(kind), actualFor(kind), targetFor(kind), (a, b, t) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(valueOf(attainment(kind, lo, t))).toBeLessThanOrEqual(valueOf(attainment(kind, hi, t)));
      }),
    );
  });

  it('attainment does not increase as the rank grows (rank)', () => {
    fc.assert(
      fc.property(actualFor('rank'), actualFor('rank'), targetFor('rank'), (a, b, t) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const better = valueOf(attainment('rank', lo, t));
        const worse = valueOf(attainment('rank', hi, t));
        expect(worse).toBeLessThanOrEqual(better);
        expect(better).toBeLessThanOrEqual(1);
      }),
    );
  });

  test.each(KINDS.map((k) => [k]))('tier agrees with the targets (%s)', (kind) => {
    // Integers and a few tolerance-sized offsets exercise the boundary where A equals a target.
    const offset = fc.constantFrom(0, 1e-10, -1e-10, 1e-6, -1e-6);
    fc.assert(
      fc.property(
        targetFor(kind),
        fc.double({ min: 0, max: 5, noNaN: true }),
        actualFor(kind),
        offset,
        fc.boolean(),
        fc.boolean(),
        (t, spread, a0, off, atTarget, hasTarget) => {
          const s = kind === 'rank' ? Math.max(1, Math.floor(t - spread)) : t + spread;
          const a = atTarget ? t + off : a0;
          fc.pre(kind !== 'rank' || a >= 1);
          fc.pre(kind !== 'growth' || a > -1);
          const target = hasTarget ? t : null;
          const r = valueOf(tier(kind, a, target, s));
          expect(r === TIER.stretch).toBe(specMeets(kind, a, s));
          if (hasTarget) expect(r >= TIER.target).toBe(specMeets(kind, a, t) || specMeets(kind, a, s));
          else expect([TIER.belowTarget, TIER.stretch]).toContain(r);
          expect(meets(kind, a, t)).toBe(specMeets(kind, a, t));
        },
      ),
    );
  });

  /** 序时进度 before December: month steps and day-mode values, from 1 January to just before 31 December. */
  const paceBeforeDecember = fc.oneof(
    fc.integer({ min: 1, max: 11 }).map((m) => m / 12),
    fc.double({ min: 1 / 366, max: 1, maxExcluded: true, noNaN: true }),
  );
  /** Actual values on and around the paced targets goal·E, and anywhere else. */
  function pacedActual(kind: Kind, goals: readonly number[], e: number): fc.Arbitrary<number> {
    const offset = fc.constantFrom(0, 1e-10, -1e-10, 1e-9, -1e-9, 1e-6, -1e-6);
    const near = fc.tuple(fc.constantFrom(...goals), offset).map(([g, off]) => g * e + off);
    return fc.oneof(actualFor(kind), near);
  }
  const lightOf = (kind: Kind, a: number, goal: number, e: number): number => valueOf(status(kind, a, goal, e));

  test.each(RATIO_KINDS.map((k) => [k]))('paced tier ≥ 1 ⇔ 绿 at every E < 1, with the 1e-9 tolerance (%s)', (kind) => {
    const target = fc.oneof(
      { weight: 4, arbitrary: targetFor(kind) },
      { weight: 1, arbitrary: positiveTarget.map((t) => -t) },
    );
    const cases = fc
      .tuple(target, fc.option(fc.double({ min: 0, max: 5, noNaN: true })), paceBeforeDecember, fc.boolean())
      .filter(([, spread, , hasTarget]) => hasTarget || spread !== null)
      .chain(([t, spread, e, hasTarget]) => {
        const s = spread === null ? null : t + spread;
        return pacedActual(kind, s === null ? [t] : [t, s], e).map((a) => ({ t, s, e, hasTarget, a }));
      });
    fc.assert(
      fc.property(cases, ({ t, s, e, hasTarget, a }) => {
        const r = valueOf(tier(kind, a, hasTarget ? t : null, s, e));
        // The light of the indicator is against its 确保 target (its 力争 target when stretch-only).
        if (hasTarget) expect(r >= TIER.target).toBe(lightOf(kind, a, t, e) === LIGHT.green);
        if (s !== null) expect(r === TIER.stretch).toBe(lightOf(kind, a, s, e) === LIGHT.green);
        if (!hasTarget) expect([TIER.belowTarget, TIER.stretch]).toContain(r);
      }),
      { numRuns: 1000 },
    );
  });

  test.each(RATIO_KINDS.map((k) => [k]))('a paced tier never falls as E falls (%s)', (kind) => {
    fc.assert(
      fc.property(targetFor(kind), actualFor(kind), paceBeforeDecember, paceBeforeDecember, (t, a, e1, e2) => {
        const [early, late] = e1 <= e2 ? [e1, e2] : [e2, e1];
        expect(valueOf(tier(kind, a, t, t * 1.2, early))).toBeGreaterThanOrEqual(
          valueOf(tier(kind, a, t, t * 1.2, late)),
        );
      }),
    );
  });

  test.each(KINDS.map((k) => [k]))('E = 1 and E > 1 give the annual tier, unchanged (%s)', (kind) => {
    fc.assert(
      fc.property(
        targetFor(kind),
        fc.double({ min: 0, max: 5, noNaN: true }),
        actualFor(kind),
        fc.constantFrom(1, 1.5),
        (t, spread, a, e) => {
          const s = kind === 'rank' ? Math.max(1, Math.floor(t - spread)) : t + spread;
          const annual = tier(kind, a, t, s);
          expect(tier(kind, a, t, s, e)).toEqual(annual);
          // and as the SPEC says "meets" (the independent reading used above)
          const r = valueOf(annual);
          expect(r === TIER.stretch).toBe(specMeets(kind, a, s));
          // Outside the 1e-9 band around the target the annual tier and the light agree as well.
          if (RATIO_KINDS.includes(kind) && Math.abs(a - t) > 1e-6 * Math.max(1, Math.abs(t)))
            expect(r >= TIER.target).toBe(lightOf(kind, a, t, 1) === LIGHT.green);
        },
      ),
    );
  });

  test.each(['growth', 'rank'] as Kind[])('E does not apply to the tier of %s', (kind) => {
    fc.assert(
      fc.property(targetFor(kind), actualFor(kind), paceBeforeDecember, fc.boolean(), (t, a, e, withStretch) => {
        const s = withStretch ? (kind === 'rank' ? 1 : t + 0.02) : null;
        expect(tier(kind, a, t, s, e)).toEqual(tier(kind, a, t, s));
      }),
    );
  });

  it('status never throws and returns 0–3 or a typed problem, for any number including NaN and ±Infinity', () => {
    const anyNumber = fc.oneof(
      fc.double(),
      fc.constant(null),
      fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, -1, 1),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...KINDS),
        anyNumber,
        anyNumber,
        fc.double(),
        fc.record({ yellowBand: fc.double(), growthYellowBand: fc.double() }),
        (kind, actual, target, expected, thresholds) => {
          const r = status(kind, actual, target, expected, thresholds);
          if (r.ok) expect([0, 1, 2, 3]).toContain(r.value);
          else expect(['blank', 'noTarget', 'divByZero', 'invalidNumber']).toContain(r.code);
          if (actual === null) expect(r).toEqual({ ok: true, value: LIGHT.none });
        },
      ),
    );
  });

  // calc has no "not a number" problem: callers (KPI functions, validateRow) refuse non-finite numbers first.
  // A non-finite attainment is #NUM! (overflow); the growth light compares rates directly, so NaN falls to 红.
  it('documents how status treats non-finite numbers', () => {
    const overflow = { ok: false, code: 'invalidNumber', reason: 'overflow' };
    expect(status('total', Number.NaN, 7)).toEqual(overflow);
    expect(status('total', Infinity, 7)).toEqual(overflow);
    expect(status('total', 5, Number.NaN)).toEqual(overflow);
    expect(status('total', 1, 1e-320)).toEqual(overflow);
    expect(status('total', 5, Infinity)).toEqual({ ok: true, value: LIGHT.red });
    expect(status('growth', Number.NaN, 0.1)).toEqual({ ok: true, value: LIGHT.red });
    expect(status('growth', 0.1, Number.NaN)).toEqual({ ok: true, value: LIGHT.red });
    expect(status('growth', Infinity, 0.1)).toEqual({ ok: true, value: LIGHT.green });
  });

  test.each(HIGHER_IS_BETTER.map((k) => [k]))('gap ≥ 0, and gap = 0 iff attainment ≥ 1 (%s)', (kind) => {
    const target =
      kind === 'growth' || kind === 'milestone' || kind === 'floor'
        ? targetFor(kind)
        : fc.oneof(
            positiveTarget,
            positiveTarget.map((t) => -t),
          );
    const offset = fc.constantFrom(0, 1e-10, -1e-10, 1e-3, -1e-3);
    fc.assert(
      fc.property(actualFor(kind), target, offset, fc.boolean(), (a0, t, off, atTarget) => {
        const a = atTarget ? t + off : a0;
        fc.pre(kind !== 'growth' || a > -1);
        const g = valueOf(gap(kind, a, t));
        const att = valueOf(attainment(kind, a, t));
        expect(g).toBeGreaterThanOrEqual(0);
        expect(g === 0).toBe(specMeets(kind, a, t));
        // Outside the 1e-9 band around the target, the two agree exactly; inside it, both count as met.
        if (Math.abs(a - t) > 1e-8) expect(g === 0).toBe(att >= 1);
        else expect(att).toBeGreaterThan(1 - 1e-6);
      }),
    );
  });

  it('gap ≥ 0 for rank, in places', () => {
    fc.assert(
      fc.property(actualFor('rank'), targetFor('rank'), (a, t) => {
        const g = valueOf(gap('rank', a, t));
        expect(g).toBeGreaterThanOrEqual(0);
        expect(g === 0).toBe(a <= t + TOLERANCE);
        expect(g === 0).toBe(valueOf(attainment('rank', a, t)) === 1);
      }),
    );
  });

  it('higherIsBetter is false only for rank', () => {
    expect(KINDS.filter((k) => !higherIsBetter(k))).toEqual(['rank']);
  });
});
