import { C1_01_PLAN, withIndicator } from './contributorPlan';
import { CATALOGUE, missingParams } from '../messages';
import { describeProblem } from '../../src/domain/i18n/messages';
import { PLAN_SHEET_VERSION, buildPlanSheet } from '../../src/domain/plan/planSheet';
import { readPlanSheet } from '../../src/domain/plan/readPlanSheet';
import { expectedProgress } from '../../src/domain/plan/monthlyPlan';
import { DEFAULT_PLAN_SETTINGS } from '../../src/domain/plan/settings';
import { parsePlan, type Indicator, type Plan } from '../../src/domain/plan/schema';
import { bulletinSettings, DEFAULT_BULLETIN_SETTINGS } from '../../src/domain/bulletin/settings';
import type { CellValue } from '../../src/domain/grid/cells';
import { PLAN, get, set, sheetFromSpec, type Sheet } from './sheetFixtures';

/**
 * 分月计划, 权重 and the settings block (issue 13, Plan; SPEC §2, §5): the schema, the 指标库 sheet (version 3) both
 * ways, every problem at its cell, and earlier sheets read with the defaults.
 *
 * The sheet's columns (planSheet.ts): … S nameEn, T 权重, U…AF 1月计划…12月计划; AG blank; AH 设置编码, AI 设置项, AJ 取值,
 * AK 说明. Indicator rows from 5 (C1-01 row 5, C1-04 row 8, C2-03 row 15, C2-04 row 16, C3-03 row 29); settings rows
 * from 5: lights.yellowBand, lights.growthYellowBand, escalation.supervisionAfter (7), escalation.inspectionAfter,
 * scores.full (9), scores.stretchBonus, scores.supervisionPenalty, scores.inspectionPenalty, scores.rankDecimals (13),
 * timeliness.deadlineDay (14), timeliness.utcOffsetMinutes (15).
 */

const MONTHS = ['U', 'V', 'W', 'X', 'Y', 'Z', 'AA', 'AB', 'AC', 'AD', 'AE', 'AF'];

const indicatorOf = (plan: Plan | undefined, code: string): Indicator | undefined =>
  plan?.campaigns.flatMap((c) => c.indicators).find((i) => i.code === code);

/** A plan with what version 3 adds: a 分月计划, weights, settings away from their defaults. */
const RICH: Plan = {
  ...withIndicator(
    withIndicator(withIndicator(PLAN, 'C1-01', { monthlyPlan: C1_01_PLAN, weight: 2 }), 'C1-04', {
      monthlyPlan: [0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2],
      weight: 0,
    }),
    'C3-03',
    { monthlyPlan: [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1], weight: 1.5 },
  ),
  thresholds: { yellowBand: 0.05, growthYellowBand: 0.01 },
  settings: {
    escalation: { supervisionAfter: 3, inspectionAfter: 4 },
    scores: { full: 100, stretchBonus: 5, supervisionPenalty: 3, inspectionPenalty: 8, rankDecimals: 1 },
    timeliness: { deadlineDay: 10, utcOffsetMinutes: 480 },
  },
};

const sheetOf = (plan: Plan): Sheet => sheetFromSpec(buildPlanSheet(plan));
const { organisation: _o, ...RICH_IN_SHEET } = RICH;

describe('plan schema: 分月计划, weight, settings', () => {
  it('the built-in plan has the SPEC default settings, weight 1 everywhere and no 分月计划', () => {
    expect(PLAN.settings).toEqual(DEFAULT_PLAN_SETTINGS);
    expect(PLAN.thresholds).toEqual({ yellowBand: 0.1, growthYellowBand: 0.02 });
    const all = PLAN.campaigns.flatMap((c) => c.indicators);
    expect(all.every((i) => i.weight === 1 && i.monthlyPlan === undefined)).toBe(true);
    expect(bulletinSettings(PLAN.settings)).toEqual(DEFAULT_BULLETIN_SETTINGS);
    expect(parsePlan(RICH).ok).toBe(true);
  });

  const rising = (to: number): number[] => Array.from({ length: 12 }, (_, i) => (to * (i + 1)) / 12);
  test.each<[string, string, Partial<Indicator>, (string | number)[] | undefined]>([
    ['a cumulative plan ending at the target', 'C1-01', { monthlyPlan: C1_01_PLAN }, undefined],
    ['flat months are fine', 'C1-04', { monthlyPlan: [0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2] }, undefined],
    ['eleven figures', 'C1-01', { monthlyPlan: C1_01_PLAN.slice(1) }, ['monthlyPlan']],
    ['thirteen figures', 'C1-01', { monthlyPlan: [...C1_01_PLAN, 7] }, ['monthlyPlan']],
    ['decreasing in May', 'C1-01', { monthlyPlan: C1_01_PLAN.map((v, i) => (i === 4 ? 1 : v)) }, ['monthlyPlan', 4]],
    ['December below the target', 'C1-01', { monthlyPlan: rising(6.5) }, ['monthlyPlan', 11]],
    ['December equal within binary noise', 'C1-01', { monthlyPlan: [...rising(7).slice(0, 11), 0.1 * 70] }, undefined],
    [
      'a stretch-only indicator ends at its 力争',
      'C1-05',
      { monthlyPlan: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1] },
      undefined,
    ],
    ['a count plan of halves', 'C1-04', { monthlyPlan: [0.5, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2] }, ['monthlyPlan', 0]],
    ['a negative month', 'C1-01', { monthlyPlan: [-1, ...C1_01_PLAN.slice(1)] }, ['monthlyPlan', 0]],
    ['a milestone ends at 100%', 'C3-03', { monthlyPlan: rising(1) }, undefined],
    ['a non-paced level', 'C2-03', { monthlyPlan: rising(35) }, ['monthlyPlan']],
    ['a paced level may dip', 'C2-03', { paced: true, monthlyPlan: [40, 30, ...rising(35).slice(2)] }, undefined],
    ['a rank', 'C2-04', { monthlyPlan: Array<number>(12).fill(3) }, ['monthlyPlan']],
    ['weight 0', 'C1-01', { weight: 0 }, undefined],
    ['weight 2.5', 'C1-01', { weight: 2.5 }, undefined],
    ['negative weight', 'C1-01', { weight: -1 }, ['weight']],
  ])('%s', (_name, code, change, path) => {
    const r = parsePlan(withIndicator(PLAN, code, change));
    if (path === undefined) expect(r).toMatchObject({ ok: true });
    else if (r.ok) throw new Error('expected issues');
    else expect(r.issues.map((i) => i.path.slice(4))).toEqual([path]);
  });

  test.each<[string, Partial<Plan>, boolean]>([
    [
      'every setting at its bound',
      { settings: { escalation: { supervisionAfter: 1 }, scores: { rankDecimals: 0 } } },
      true,
    ],
    ['a partial block', { settings: { timeliness: { deadlineDay: 31 } } }, true],
    ['supervision after 0 months', { settings: { escalation: { supervisionAfter: 0 } } }, false],
    ['a fractional deadline day', { settings: { timeliness: { deadlineDay: 5.5 } } }, false],
    ['a negative bonus', { settings: { scores: { stretchBonus: -1 } } }, false],
    ['an unknown setting', { settings: { scores: { bonus: 1 } } } as unknown as Partial<Plan>, false],
    ['a light band above 100%', { thresholds: { yellowBand: 1.5, growthYellowBand: 0.02 } }, false],
  ])('settings: %s', (_name, change, ok) => {
    expect(parsePlan({ ...PLAN, ...change }).ok).toBe(ok);
  });
});

describe('expectedProgress(indicator, month): 序时进度 E (SPEC §5)', () => {
  const c101 = indicatorOf(PLAN, 'C1-01') as Indicator;
  test.each<[string, Indicator, number, number]>([
    ['linear: June', c101, 6, 0.5],
    ['linear: March', c101, 3, 0.25],
    ['分月计划: March 0.7 of 7', { ...c101, monthlyPlan: C1_01_PLAN }, 3, 0.1],
    ['分月计划: June 3.15 of 7', { ...c101, monthlyPlan: C1_01_PLAN }, 6, 0.45],
    ['分月计划: December', { ...c101, monthlyPlan: C1_01_PLAN }, 12, 1],
    ['not paced: 1', indicatorOf(PLAN, 'C2-03') as Indicator, 6, 1],
    [
      'stretch-only: over the 力争',
      {
        ...(indicatorOf(PLAN, 'C1-05') as Indicator),
        monthlyPlan: [...Array<number>(6).fill(0), ...Array<number>(6).fill(1)],
      },
      6,
      0,
    ],
  ])('%s', (_name, ind, month, e) => {
    expect(expectedProgress(ind, month)).toBeCloseTo(e, 12);
  });
  it('a month outside 1–12 is misuse', () => {
    expect(() => expectedProgress(c101, 0)).toThrow(RangeError);
  });
});

describe('指标库 version 3: round trip', () => {
  it('a plan with 分月计划, weights and settings → sheet → plan, equal', () => {
    const r = readPlanSheet(sheetOf(RICH));
    expect(r.problems).toEqual([]);
    expect(r.plan).toEqual(RICH_IN_SHEET);
  });

  it('writes version 3 with 权重, 1–12月计划 and the settings block where the reader looks for them', () => {
    const s = sheetOf(RICH);
    expect(String(s.values[0]?.[0])).toContain(`"v":${PLAN_SHEET_VERSION}`);
    const at = (a: string): CellValue => get(s, a);
    expect([at('T4'), at('U4'), at('AF4'), at('AH4'), at('AJ4')]).toEqual([
      '权重',
      '1月计划',
      '12月计划',
      '设置编码',
      '取值',
    ]);
    expect([at('T5'), at('W5'), at('Z5'), at('AF5')]).toEqual([2, 0.7, 3.15, 7]);
    expect([at('AH7'), at('AJ7'), at('AH14'), at('AJ14')]).toEqual([
      'escalation.supervisionAfter',
      3,
      'timeliness.deadlineDay',
      10,
    ]);
  });

  it('a plan without settings or weights is written with blanks and read back without them (the defaults)', () => {
    const { settings: _s, thresholds: _t, organisation: _org, ...bare } = PLAN;
    const plain: Plan = {
      ...bare,
      campaigns: bare.campaigns.map((c) => ({ ...c, indicators: c.indicators.map(({ weight: _w, ...i }) => i) })),
    };
    expect(readPlanSheet(sheetOf(plain))).toEqual({ plan: plain, problems: [] });
  });

  it('reads a version-2 sheet (no 权重, 分月计划 or settings block) with the defaults, silently', () => {
    const s = sheetOf(RICH);
    const v2: Sheet = {
      ...s,
      values: s.values.map((r, i) =>
        i === 0 ? [String(r[0]).replace('"v":3', '"v":2'), ...r.slice(1, 19)] : r.slice(0, 19),
      ),
      numberFormats: s.numberFormats.map((r) => r.slice(0, 19)),
    };
    const r = readPlanSheet(v2);
    expect(r.problems).toEqual([]);
    expect(r.plan?.settings).toBeUndefined();
    expect(r.plan?.thresholds).toBeUndefined();
    expect(indicatorOf(r.plan, 'C1-01')).not.toHaveProperty('monthlyPlan');
    expect(indicatorOf(r.plan, 'C1-01')).not.toHaveProperty('weight');
  });

  it('a version-3 sheet without its settings block or 分月计划 columns is read, with a warning each', () => {
    const s = sheetOf(RICH);
    const cut: Sheet = {
      ...s,
      values: s.values.map((r) => r.slice(0, 20)),
      numberFormats: s.numberFormats.map((r) => r.slice(0, 20)),
    };
    const r = readPlanSheet(cut);
    expect(r.plan).toBeDefined();
    expect(r.problems.map((p) => [p.cell, p.key, p.severity])).toEqual([
      ['A2', 'plan.keyMissing', 'warning'],
      ['A2', 'plan.settingsMissing', 'warning'],
    ]);
  });
});

describe('指标库 version 3: every problem at its cell, in Chinese and English', () => {
  test.each<[string, Record<string, CellValue>, [string, string, string | undefined][]]>([
    ['分月计划 with a blank month (wrong count)', { Z5: null }, [['Z5', 'plan.monthlyPlanCount', 'C1-01']]],
    [
      '分月计划 with only January',
      Object.fromEntries(MONTHS.slice(1).map((m) => [`${m}5`, null])),
      [['V5', 'plan.monthlyPlanCount', 'C1-01']],
    ],
    ['a month that is text', { Y5: '两亿' }, [['Y5', 'plan.notANumber', 'C1-01']]],
    ['a month with its unit', { Y5: '2.2亿美元' }, [['Y5', 'plan.notANumberFix', 'C1-01']]],
    ['a month that is an error value', { Y5: { error: '#REF!' } }, [['Y5', 'plan.errorValue', 'C1-01']]],
    ['decreasing in May', { Y5: 1 }, [['Y5', 'plan.monthlyPlanDecreasing', 'C1-01']]],
    ['December is not the 确保 target', { AF5: 8 }, [['AF5', 'plan.monthlyPlanLast', 'C1-01']]],
    ['a count plan of halves', { Z8: 0.5, AA8: 1 }, [['Z8', 'plan.monthlyPlanWhole', 'C1-04']]],
    ['a milestone plan typed as whole percentages', { Z29: 50 }, [['Z29', 'plan.percentConfusion', 'C3-03']]],
    ['分月计划 on a non-paced indicator', { L5: '否' }, [['U5', 'plan.monthlyPlanPaced', 'C1-01']]],
    [
      '分月计划 on a rank',
      Object.fromEntries(MONTHS.map((m) => [`${m}16`, 3])),
      [['U16', 'plan.monthlyPlanKind', 'C2-04']],
    ],
    ['negative weight', { T5: -1 }, [['T5', 'plan.weightNegative', 'C1-01']]],
    ['text weight', { T6: '高' }, [['T6', 'plan.notANumber', 'C1-02']]],
    ['supervision after 0 months', { AJ7: 0 }, [['AJ7', 'plan.settingRangeWhole', undefined]]],
    ['a deadline day of 5.5', { AJ14: 5.5 }, [['AJ14', 'plan.settingRangeWhole', undefined]]],
    ['a negative penalty', { AJ11: -5 }, [['AJ11', 'plan.settingRange', undefined]]],
    ['a light band of 10 (for 10%)', { AJ5: 10 }, [['AJ5', 'plan.percentConfusion', undefined]]],
    ['a setting that is text', { AJ9: '一百' }, [['AJ9', 'plan.notANumber', undefined]]],
    ['an unknown setting key', { AH10: 'scores.bonus' }, [['AH10', 'plan.settingUnknown', undefined]]],
    ['a setting twice', { AH10: 'scores.full' }, [['AH10', 'plan.settingTwice', undefined]]],
  ])('%s', (_name, cells, expected) => {
    const r = readPlanSheet(set(sheetOf(RICH), cells));
    expect(r.plan).toBeUndefined();
    expect(r.problems.map((p) => [p.cell, p.key, p.indicator])).toEqual(expected);
    for (const p of r.problems) {
      expect(p).toMatchObject({ severity: 'error', sheet: '指标库', field: 'structure' });
      expect(missingParams(p)).toEqual([]);
    }
  });

  it('says what is wrong in words a person checks', () => {
    const [last] = readPlanSheet(set(sheetOf(RICH), { AF5: 8 })).problems;
    if (!last) throw new Error('no problem');
    expect(describeProblem(last, CATALOGUE['zh-CN'])).toBe(
      '指标 C1-01 的 12 月计划 8 应等于确保目标 7（全年累计即全年目标）',
    );
    const [range] = readPlanSheet(set(sheetOf(RICH), { AJ7: 0 })).problems;
    if (!range) throw new Error('no problem');
    expect(describeProblem(range, CATALOGUE['zh-CN'])).toBe(
      '设置“督办：连续黄灯或红灯的月数”（escalation.supervisionAfter）为 0，应为 1～12 的整数（默认 2，留空即按默认）',
    );
    expect(describeProblem(range, CATALOGUE['en-US'])).toContain('must be a whole number from 1 to 12 (default 2');
  });

  it('a blank setting is its default, not an error', () => {
    const r = readPlanSheet(set(sheetOf(RICH), { AJ7: null, AJ5: null }));
    expect(r.problems).toEqual([]);
    expect(r.plan?.settings?.escalation).toEqual({ inspectionAfter: 4 });
    expect(r.plan?.thresholds).toEqual({ yellowBand: 0.1, growthYellowBand: 0.01 });
    expect(bulletinSettings(r.plan?.settings).escalation).toEqual({ supervisionAfter: 2, inspectionAfter: 4 });
  });
});
