import { CATALOGUE, missingParams } from '../messages';
import fc from 'fast-check';
import { buildPlanSheet } from '../../src/domain/plan/planSheet';
import { readPlanSheet } from '../../src/domain/plan/readPlanSheet';
import { planSchema, type Plan } from '../../src/domain/plan/schema';
import { describeProblem } from '../../src/domain/i18n/messages';
import type { CellValue } from '../../src/domain/grid/cells';
import { validateTemplateSheet } from '../../src/domain/validation/validateSheet';
import { buildTemplate } from '../../src/domain/template/template';
import { PLAN, deleteRow, get, insertColumns, insertRows, set, sheetFromSpec, type Sheet } from './sheetFixtures';

/**
 * The 指标库 sheet as written by buildPlanSheet: row 1 marker, row 2 keys, row 3 title, row 4 header, rows 5…
 * one per indicator. Columns A campaignId, B campaignName, C commander, D deputyCommander, E leadDepartment,
 * F code, G name, H kind, I unit, J target, K stretch, L paced, M aggregation, N department, O wording, P note.
 * C1-01…C1-08 are rows 5–12, C2-01 is row 13 (C2-04 row 16, C2-09 row 21, C2-12 row 24), C3-01 row 27.
 */
const sheet = (): Sheet => sheetFromSpec(buildPlanSheet(PLAN));

/** What a 指标库 sheet cannot hold: the organisation, a campaign's own 配合部门 (none in the 2019 plan). */
function withoutSheetlessFields(plan: Plan): Plan {
  const { organisation: _o, ...rest } = plan;
  return { ...rest, campaigns: plan.campaigns.map(({ supportDepartments: _s, ...c }) => c) };
}

function read(s: Sheet) {
  return readPlanSheet(s);
}

function shape(s: Sheet): [string, string, string | undefined][] {
  return read(s).problems.map((p) => [p.cell, p.key, p.indicator]);
}

describe('readPlanSheet: round trip', () => {
  it('buildPlanSheet(builtinPlan()) reads back as the built-in plan, less what the sheet does not hold', () => {
    const r = read(sheet());
    expect(r.problems).toEqual([]);
    expect(r.plan).toEqual(withoutSheetlessFields(PLAN));
    expect(PLAN.campaigns.some((c) => c.supportDepartments !== undefined)).toBe(false);
  });

  it('the plan read back makes the same templates, which validate clean', () => {
    const plan = read(sheet()).plan;
    if (!plan) throw new Error('no plan');
    for (const c of plan.campaigns) {
      const input = { campaignId: c.id, department: c.leadDepartment, year: 2019, month: 6, mode: 'kpi' as const };
      const fromSheet = buildTemplate({ plan, ...input });
      expect(fromSheet.blocks).toEqual(buildTemplate({ plan: PLAN, ...input }).blocks);
      expect(validateTemplateSheet(sheetFromSpec(fromSheet), plan).problems).toEqual([]);
    }
  });

  it('survives inserted rows and columns, and rows sorted by department', () => {
    const moved = insertRows(insertColumns(insertRows(sheet(), 20, 2), 'H', 1), 1, 3);
    expect(read(moved)).toEqual({ plan: withoutSheetlessFields(PLAN), problems: [] });
    const s = sheet();
    const byDepartment: Sheet = { ...s, values: [...s.values.slice(0, 4), ...s.values.slice(4).reverse()] };
    const r = read(byDepartment);
    expect(r.problems).toEqual([]);
    expect(r.plan?.campaigns.map((c) => [c.id, c.number])).toEqual([
      ['C5', 1],
      ['C4', 2],
      ['C3', 3],
      ['C2', 4],
      ['C1', 5],
    ]);
    expect(r.plan?.campaigns[4]?.indicators.map((i) => i.code)).toEqual([
      'C1-08',
      'C1-07',
      'C1-06',
      'C1-05',
      'C1-04',
      'C1-03',
      'C1-02',
      'C1-01',
    ]);
  });

  it('accepts English kinds and aggregations, yes/no and logical values, blanks in repeated campaign cells (merged)', () => {
    const s = set(sheet(), {
      H5: 'total',
      M5: 'sum',
      L5: 'yes',
      L6: false,
      H21: ' Growth ',
      M21: 'growth',
      L7: 'TRUE',
      B6: null,
      C7: null,
      D8: null,
      E9: null,
    });
    const r = read(s);
    expect(r.problems).toEqual([]);
    const c1 = r.plan?.campaigns[0];
    expect(c1?.commander).toBe('张善根');
    expect(c1?.indicators[1]?.paced).toBe(false);
    expect(r.plan?.campaigns[1]?.indicators[8]).toMatchObject({ code: 'C2-09', kind: 'growth', aggregation: 'growth' });
  });

  it('reads rates typed as percentages (0.1 shown as 10%)', () => {
    expect(read(set(sheet(), { J21: 0.12 })).plan?.campaigns[1]?.indicators[8]?.target).toBe(0.12);
  });

  it('takes the year from the title when an office edited it for another year', () => {
    const r = read(set(sheet(), { A3: '关于打赢“五大攻坚战”的总体方案（2020年）指标库' }));
    expect(r.plan).toMatchObject({ year: 2020, title: '关于打赢“五大攻坚战”的总体方案', id: 'five-campaigns-2019' });
    expect(r.problems.map((p) => [p.severity, p.cell, p.key])).toEqual([['warning', 'A3', 'plan.titleYear']]);
  });

  it('a blank title: named after the plan id, with a warning', () => {
    const r = read(set(sheet(), { A3: null }));
    expect(r.plan?.title).toBe('five-campaigns-2019');
    expect(r.problems.map((p) => [p.severity, p.key])).toEqual([['warning', 'plan.titleMissing']]);
  });

  it('a title without the suffix is taken as it is', () => {
    expect(read(set(sheet(), { A3: '2020年重点工作' })).plan?.title).toBe('2020年重点工作');
  });
});

describe('readPlanSheet: every problem at its cell', () => {
  test.each<[string, Record<string, CellValue>, [string, string, string | undefined][]]>([
    ['blank indicator name', { G6: null }, [['G6', 'plan.blank', 'C1-02']]],
    ['blank code', { F6: null }, [['F6', 'plan.blank', undefined]]],
    ['blank campaign id', { A6: null }, [['A6', 'plan.blank', 'C1-02']]],
    [
      'campaign name blank on every row of C1',
      Object.fromEntries([5, 6, 7, 8, 9, 10, 11, 12].map((r) => [`B${r}`, null])),
      [['B5', 'plan.blank', undefined]],
    ],
    ['unknown kind', { H7: '数量' }, [['H7', 'plan.unknownKind', 'C1-03']]],
    ['text target', { J5: '七亿' }, [['J5', 'plan.notANumber', 'C1-01']]],
    ['target with its unit', { J5: '7亿美元' }, [['J5', 'plan.notANumberFix', 'C1-01']]],
    ['error value in a target', { J5: { error: '#REF!' } }, [['J5', 'plan.errorValue', 'C1-01']]],
    ['logical value in a target', { J5: true }, [['J5', 'plan.notANumber', 'C1-01']]],
    ['error value in a wording', { O5: { error: '#N/A' } }, [['O5', 'plan.errorValue', 'C1-01']]],
    ['growth target typed as 10 for 10%', { J21: 10 }, [['J21', 'plan.percentConfusion', 'C2-09']]],
    ['floor target 50 for 50%', { J28: 50 }, [['J28', 'plan.percentConfusion', 'C3-02']]],
    ['paced neither 是 nor 否', { L5: '也许' }, [['L5', 'plan.badPaced', 'C1-01']]],
    ['unknown aggregation', { M5: '平均' }, [['M5', 'plan.badAggregation', 'C1-01']]],
    ['two commanders for C1', { C7: '某某' }, [['C7', 'plan.inconsistentCampaign', 'C1-03']]],
    ['two names for C2', { B20: '转型' }, [['B20', 'plan.inconsistentCampaign', 'C2-08']]],
    ['duplicated code', { F6: 'C1-01' }, [['F6', 'plan.duplicateCode', 'C1-01']]],
    ['duplicated code in another campaign', { F13: 'C1-01' }, [['F13', 'plan.duplicateCode', 'C1-01']]],
    ['malformed code', { F5: 'C1_01' }, [['F5', 'plan.badCode', 'C1_01']]],
    [
      'malformed campaign id on every C1 row',
      Object.fromEntries([5, 6, 7, 8, 9, 10, 11, 12].map((r) => [`A${r}`, 'c1'])),
      [['A5', 'plan.badCampaignId', undefined]],
    ],
    ['stretch less ambitious than the target', { K5: 6 }, [['K5', 'plan.stretchOrder', 'C1-01']]],
    ['fractional count target', { J8: 2.5 }, [['J8', 'plan.countWhole', 'C1-04']]],
    ['rank target 0', { J16: 0 }, [['J16', 'plan.rankTarget', 'C2-04']]],
    ['growth summed', { M21: '求和' }, [['M21', 'plan.aggregationKind', 'C2-09']]],
    ['rank summed', { M16: '求和' }, [['M16', 'plan.aggregationKind', 'C2-04']]],
    ['milestone summed', { M29: '求和' }, [['M29', 'plan.aggregationKind', 'C3-03']]],
    ['level summed', { M15: 'sum' }, [['M15', 'plan.aggregationKind', 'C2-03']]],
    ['total by growth', { M5: '增速' }, [['M5', 'plan.aggregationKind', 'C1-01']]],
    ['total target 0', { J5: 0 }, [['J5', 'plan.targetZero', 'C1-01']]],
    ['count target 0', { J14: 0 }, [['J14', 'plan.targetZero', 'C2-02']]],
    ['stretch 0 of a stretch-only count', { K9: 0 }, [['K9', 'plan.targetZero', 'C1-05']]],
    ['negative count target', { J14: -30 }, [['J14', 'plan.targetNegative', 'C2-02']]],
    ['negative level target', { J15: -35 }, [['J15', 'plan.targetNegative', 'C2-03']]],
    ['no target at all', { J6: null, K6: null }, [['J6', 'plan.targetMissing', 'C1-02']]],
    ['milestone target above 100%', { J37: 1.5 }, [['J37', 'plan.percentConfusion', 'C4-01']]],
    ['growth target at -100%', { J21: -1 }, [['J21', 'plan.growthTarget', 'C2-09']]],
    ['blank unit', { I5: '  ' }, [['I5', 'plan.blank', 'C1-01']]],
    [
      'several problems at once, each at its cell',
      { G6: null, H7: 'xyz', C8: '某某', K5: 6, F9: 'C1-01' },
      [
        ['G6', 'plan.blank', 'C1-02'],
        ['H7', 'plan.unknownKind', 'C1-03'],
        ['C8', 'plan.inconsistentCampaign', 'C1-04'],
        ['F9', 'plan.duplicateCode', 'C1-01'],
        ['K5', 'plan.stretchOrder', 'C1-01'],
      ],
    ],
  ])('%s', (_name, cells, expected) => {
    const r = read(set(sheet(), cells));
    expect(r.plan).toBeUndefined();
    expect(r.problems.map((p) => [p.cell, p.key, p.indicator])).toEqual(expected);
    for (const p of r.problems) {
      expect(p).toMatchObject({ severity: 'error', sheet: '指标库', field: 'structure' });
      expect(missingParams(p)).toEqual([]);
    }
  });

  it('says which aggregations a kind allows, and why a zero target is refused (issue 12, 5b/5c)', () => {
    const [rank] = read(set(sheet(), { M16: '求和' })).problems;
    if (rank)
      expect(describeProblem(rank, CATALOGUE['zh-CN'])).toBe(
        '排名类指标的汇总方式不能为“求和”（各单位的数相加没有意义），可填：“单一”',
      );
    const [growth] = read(set(sheet(), { M21: '求和' })).problems;
    if (growth) expect(describeProblem(growth, CATALOGUE['en-US'])).toContain('allowed: “增速”、“单一”');
    const [zero] = read(set(sheet(), { J14: 0 })).problems;
    if (zero)
      expect(describeProblem(zero, CATALOGUE['zh-CN'])).toBe(
        '指标 C2-02 的“确保目标”为 0，完成率无法计算（除以 0）；请填写目标数，没有该档目标的请留空',
      );
    expect([rank, growth, zero].every((p) => p !== undefined)).toBe(true);
  });

  it('says what to type instead, with a fix where it is unambiguous', () => {
    const [unit] = read(set(sheet(), { J5: '7亿美元' })).problems;
    expect(unit?.fix).toEqual({ cell: 'J5', value: 7 });
    const [rate] = read(set(sheet(), { J21: 10 })).problems;
    expect(rate?.fix).toEqual({ cell: 'J21', value: 0.1 });
    if (rate)
      expect(describeProblem(rate, CATALOGUE['zh-CN'])).toBe(
        '“确保目标”为 10，单位“%”的目标应填比率；建议改为 0.1（即 10%），也可直接输入“10%”',
      );
    const [commander] = read(set(sheet(), { C7: '某某' })).problems;
    if (commander)
      expect(describeProblem(commander, CATALOGUE['zh-CN'])).toBe(
        '攻坚战 C1 的“指挥长”前后不一致：“张善根”（C5）与“某某”',
      );
    const [dup] = read(set(sheet(), { F6: 'C1-01' })).problems;
    if (dup)
      expect(describeProblem(dup, CATALOGUE['en-US'])).toBe(
        'The indicator code C1-01 appears more than once (see also F5)',
      );
    const [text] = read(set(sheet(), { J5: '七亿' })).problems;
    expect(text?.fix).toBeUndefined();
  });

  it('structure: marker, keys row, key columns, header', () => {
    expect(shape(set(sheet(), { A1: null }))).toEqual([['A1', 'plan.markerMissing', undefined]]);
    expect(shape(deleteRow(sheet(), 2))).toEqual([['A2', 'plan.keysRowMissing', undefined]]);
    expect(shape(set(sheet(), { I2: null }))).toEqual([['A2', 'plan.keyMissing', undefined]]);
    expect(shape(set(insertColumns(sheet(), 'Q'), { Q2: 'target' }))).toEqual([
      ['Q2', 'plan.keyDuplicated', undefined],
    ]);
    expect(read(set(sheet(), { I2: null })).plan).toBeUndefined();
  });

  it('a damaged or displaced marker is reported as such, as for a template (grid/ownSheets)', () => {
    const damaged = set(sheet(), { A1: 'KPI-TRACKER:{"type":"kpi-plan","v":1,"plan":"five' });
    expect(shape(damaged)).toEqual([['A1', 'plan.markerUnreadable', undefined]]);
    expect(read(damaged).plan).toBeUndefined();
    const moved = insertColumns(sheet(), 'A');
    expect(shape(moved)).toEqual([['B1', 'plan.markerMoved', undefined]]);
    expect(read(moved).plan).toBeUndefined();
  });

  it('a missing 说明 column or a changed header only warns', () => {
    const noNotes = read(set(sheet(), { P2: null }));
    expect(noNotes.problems.map((p) => [p.severity, p.key])).toEqual([['warning', 'plan.keyMissing']]);
    expect(noNotes.plan?.campaigns[1]?.indicators[3]?.note).toBeUndefined();
    const header = read(set(sheet(), { J4: '目标' }));
    expect(header.problems.map((p) => [p.severity, p.cell, p.key])).toEqual([['warning', 'J4', 'plan.headerChanged']]);
    expect(header.plan).toBeDefined();
  });

  it('no indicator rows', () => {
    const s = sheet();
    expect(shape({ ...s, values: s.values.slice(0, 4) })).toEqual([['F4', 'plan.noIndicators', undefined]]);
  });

  it('a kpi-template sheet is not a plan sheet', () => {
    const t = sheetFromSpec(
      buildTemplate({ plan: PLAN, campaignId: 'C1', department: '投资促进中心', year: 2019, month: 6, mode: 'kpi' }),
    );
    expect(shape(t)).toEqual([['A1', 'plan.markerMissing', undefined]]);
  });

  it('every problem is at a cell of the sheet, and a plan is returned exactly when there is no error (random edits)', () => {
    const s = sheet();
    const height = s.values.length;
    const value = fc.oneof(
      fc.constant<CellValue>(null),
      fc.string({ maxLength: 6 }),
      fc.double({ noNaN: false }),
      fc.integer({ min: -5, max: 3000 }),
      fc.boolean(),
      fc.constantFrom<CellValue>(
        '总量',
        'growth',
        '是',
        '否',
        '求和',
        '单一',
        'C1-01',
        'C2',
        '%',
        '个百分点',
        { error: '#N/A' },
        'code',
        'target',
        '  ',
      ),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: height + 2 }), fc.integer({ min: 1, max: 17 }), value), {
          maxLength: 6,
        }),
        (edits) => {
          const cells: Record<string, CellValue> = {};
          for (const [row, column, v] of edits) cells[`${String.fromCharCode(64 + column)}${row}`] = v;
          const edited = set(s, cells);
          const r = readPlanSheet(edited);
          const errors = r.problems.filter((p) => p.severity === 'error');
          expect(r.plan === undefined).toBe(errors.length > 0);
          if (r.plan) expect(planSchema.safeParse(r.plan).success).toBe(true);
          for (const p of r.problems) {
            const m = /^([A-Z]+)(\d+)$/.exec(p.cell);
            expect(m).not.toBeNull();
            expect(Number(m?.[2])).toBeLessThanOrEqual(Math.max(edited.values.length, 2));
            expect(missingParams(p)).toEqual([]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('readPlanSheet: a share change in 个百分点 (SPEC §3; issue 11, observation 2)', () => {
  const share = (plan: Plan | undefined) =>
    plan?.campaigns.flatMap((c) => c.indicators).find((i) => i.code === 'C2-12')?.target;

  it('writes the C2-12 target as 1 point, shown "1.0个百分点", and reads it back as 1', () => {
    const s = sheet();
    expect([s.values[23]?.[9], s.numberFormats[23]?.[9]]).toEqual([1, '0.0"个百分点"']);
    expect(share(read(s).plan)).toBe(1);
  });

  it('reads a 指标库 of the previous version (0.01 shown as 1.0%) as the 1 point it shows, and says so', () => {
    const old = set(sheet(), { J24: 0.01 }, { J24: '0.0%' });
    const r = read(old);
    expect(share(r.plan)).toBe(1);
    expect(shape(old)).toEqual([['J24', 'plan.sharePercentRead', 'C2-12']]);
    expect(r.problems[0]?.severity).toBe('warning');
    expect(describeProblem(r.problems[0]!, CATALOGUE['zh-CN'])).toBe(
      '“确保目标”按旧版百分数格式存为 0.01，比重提高按个百分点计，已读作 1 个百分点；请改填 1 并设为常规格式',
    );
  });

  it('never takes a fraction without its percent format as points: an error at the cell, with the fix', () => {
    const lost = set(sheet(), { J24: 0.01 }, { J24: 'General' });
    const r = read(lost);
    expect(r.plan).toBeUndefined();
    expect(shape(lost)).toEqual([['J24', 'plan.sharePoints', 'C2-12']]);
    expect(r.problems[0]?.fix).toEqual({ cell: 'J24', value: 1 });
  });

  it('reads a share target typed as text as points, and a change beyond 100 points as an error', () => {
    expect(read(set(sheet(), { J24: '1个百分点' })).problems[0]).toMatchObject({
      key: 'plan.notANumberFix',
      fix: { value: 1 },
    });
    expect(read(set(sheet(), { J24: '1%' })).problems[0]).toMatchObject({
      key: 'plan.notANumberFix',
      fix: { value: 1 },
    });
    expect(shape(set(sheet(), { J24: 150 }))).toEqual([['J24', 'plan.shareRange', 'C2-12']]);
    expect(read(set(sheet(), { J24: 0.5 })).plan).toBeDefined();
  });
});

describe('readPlanSheet: 配合部门 and English names (issue 11, observations 6 and 11)', () => {
  // C2-09 is row 21, C2-10 row 22; 责任单位 is column N, 配合部门 Q, 攻坚战（英文） R, 指标名称（英文） S
  const indicatorOf = (plan: Plan | undefined, code: string) =>
    plan?.campaigns.flatMap((c) => c.indicators).find((i) => i.code === code);

  it('writes and reads the English names: the plan read from the sheet speaks English where the built-in one does', () => {
    const s = sheet();
    expect(s.values[3]?.slice(16, 19)).toEqual(['配合部门', '攻坚战（英文）', '指标名称（英文）']);
    const plan = read(s).plan;
    expect(plan?.campaigns.map((c) => c.nameEn)).toEqual(PLAN.campaigns.map((c) => c.nameEn));
    expect(plan?.campaigns.map((c) => c.nameEn)).not.toContain(undefined);
    expect(indicatorOf(plan, 'C1-01')?.nameEn).toBe(indicatorOf(PLAN, 'C1-01')?.nameEn);
  });

  it('reads 配合部门 per indicator, split on 、 , ; and kept in order', () => {
    const r = read(set(sheet(), { Q22: '发展改革局、 财政局', Q21: '发展改革局' }));
    expect(r.problems).toEqual([]);
    expect(indicatorOf(r.plan, 'C2-10')?.contributors).toEqual(['发展改革局', '财政局']);
    expect(indicatorOf(r.plan, 'C2-09')?.contributors).toEqual(['发展改革局']);
    // written back as it was read
    const again = read(sheetFromSpec(buildPlanSheet(r.plan as Plan)));
    expect(again.plan).toEqual(r.plan);
  });

  it('reports a 配合部门 that is the responsible department, or named twice, at its cell', () => {
    const responsible = String(get(sheet(), 'N22'));
    expect(shape(set(sheet(), { Q22: `${responsible}、财政局` }))).toEqual([
      ['Q22', 'plan.contributorResponsible', 'C2-10'],
    ]);
    expect(shape(set(sheet(), { Q22: '财政局，财政局' }))).toEqual([]); // the same name twice in one cell is one name
  });

  it('warns that a 单一 indicator does not count a 配合部门’s figure, and reads the plan', () => {
    const single = PLAN.campaigns
      .flatMap((c) => c.indicators)
      .findIndex((i) => i.aggregation === 'single' && i.kind !== 'milestone');
    const row = 5 + single;
    const r = read(set(sheet(), { [`Q${row}`]: '财政局' }));
    expect(r.plan).toBeDefined();
    expect(r.problems.map((p) => [p.cell, p.key, p.severity])).toEqual([
      [`Q${row}`, 'plan.contributorsSingle', 'warning'],
    ]);
  });

  it('reads a sheet of the previous version: without the new columns, its share target 0.01 as 1 point', () => {
    const s = sheet();
    const v1: Sheet = {
      ...s,
      values: s.values.map((r, i) =>
        i === 0 ? [String(r[0]).replace('"v":3', '"v":1'), ...r.slice(1, 16)] : r.slice(0, 16),
      ),
      numberFormats: s.numberFormats.map((r) => r.slice(0, 16)),
    };
    expect(String(v1.values[0]?.[0])).toContain('"v":1');
    const old = set(v1, { J24: 0.01 }, { J24: 'General' }); // its percent format lost by another program
    const r = read(old);
    expect(r.problems.map((p) => [p.cell, p.key])).toEqual([['J24', 'plan.sharePercentRead']]);
    expect(indicatorOf(r.plan, 'C2-12')?.target).toBe(1);
    expect(indicatorOf(r.plan, 'C1-01')?.nameEn).toBeUndefined();
  });
});
