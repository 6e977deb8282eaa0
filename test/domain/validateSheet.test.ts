import { CATALOGUE } from '../messages';
import { buildPlanSheet } from '../../src/domain/plan/planSheet';
import type { Plan } from '../../src/domain/plan/schema';
import { encodeMarker } from '../../src/domain/grid/ownSheets';
import { describeProblem } from '../../src/domain/i18n/messages';
import {
  isTemplateSheet,
  validateTemplateSheet,
  validateWorkbookSheets,
} from '../../src/domain/validation/validateSheet';
import { type SheetProblem } from '../../src/domain/grid/problems';
import { type SheetData } from '../../src/domain/grid/sheet';
import {
  PLAN,
  deleteRow,
  filledTemplate,
  get,
  inputCell,
  insertColumns,
  insertRows,
  onTrack,
  rowOf,
  set,
  sheetFromSpec,
  template,
  type Sheet,
} from './sheetFixtures';
import { buildTemplate } from '../../src/domain/template/template';
import { NDRC, contributorPlan } from './contributorPlan';

const C1 = PLAN.campaigns.find((c) => c.id === 'C1');

function problemsOf(sheet: SheetData, plan: Plan = PLAN): readonly SheetProblem[] {
  return validateTemplateSheet(sheet, plan).problems;
}

describe('validateTemplateSheet: a clean template', () => {
  test.each(PLAN.campaigns.flatMap((c) => (['kpi', 'native'] as const).map((mode) => [c.id, mode] as const)))(
    '%s (%s formulas) with on-track values has no problem and reads every row',
    (campaignId, mode) => {
      const sheet = filledTemplate(campaignId, { mode });
      const { template: reading, problems } = validateTemplateSheet(sheet, PLAN);
      expect(problems).toEqual([]);
      const campaign = PLAN.campaigns.find((c) => c.id === campaignId);
      expect(reading).toMatchObject({
        campaignId,
        department: campaign?.leadDepartment,
        period: { year: 2019, month: 6 },
      });
      expect(reading?.marker).toMatchObject({ type: 'kpi-template', campaign: campaignId, year: 2019, month: 6, mode });
      expect(reading?.rows.map((r) => r.code)).toEqual(campaign?.indicators.map((i) => i.code));
      for (const [i, row] of (reading?.rows ?? []).entries()) {
        const ind = campaign?.indicators[i];
        if (!ind) throw new Error('row without indicator');
        const v = onTrack(ind);
        expect(row).toEqual({
          code: ind.code,
          row: 7 + i,
          cells: {
            seq: `A${7 + i}`,
            code: `B${7 + i}`,
            name: `C${7 + i}`,
            kind: `D${7 + i}`,
            unit: `E${7 + i}`,
            target: `F${7 + i}`,
            stretch: `G${7 + i}`,
            actual: `H${7 + i}`,
            prior: `I${7 + i}`,
            attainment: `J${7 + i}`,
            tier: `K${7 + i}`,
            pace: `L${7 + i}`,
            status: `M${7 + i}`,
            reason: `N${7 + i}`,
            note: `O${7 + i}`,
          },
          numbers: { actual: v.actual, prior: v.prior ?? null },
          light: 3,
          state: 'valid',
          reason: null,
        });
      }
    },
  );

  it('an empty template is valid: nothing reported, every light 未填报', () => {
    const { template: reading, problems } = validateTemplateSheet(template('C2'), PLAN);
    expect(problems).toEqual([]);
    expect(reading?.rows.every((r) => r.light === 0 && r.numbers.actual === null)).toBe(true);
  });

  it('reads the reason as trimmed text', () => {
    const sheet = set(template('C1'), { H7: 3, N7: '  两个项目签约推迟至7月  ' });
    const { template: reading, problems } = validateTemplateSheet(sheet, PLAN);
    expect(problems).toEqual([]);
    expect(reading?.rows[0]).toMatchObject({ code: 'C1-01', light: 2, reason: '两个项目签约推迟至7月' });
  });
});

describe('validateTemplateSheet: each problem with sheet, cell, indicator, message and fix', () => {
  it('a unit typed with the number', () => {
    const sheet = set(template('C1'), { H7: '7亿' });
    const [p, ...rest] = problemsOf(sheet);
    expect(rest).toEqual([]);
    expect(p).toEqual({
      severity: 'error',
      sheet: '招大引强-投资促进中心-6月',
      cell: 'H7',
      indicator: 'C1-01',
      field: 'actual',
      key: 'value.notANumberFix',
      params: { fieldKey: 'field.actual', text: '7亿', fix: 7 },
      fix: { cell: 'H7', value: 7 },
    });
    if (!p) throw new Error('no problem');
    expect(describeProblem(p, CATALOGUE['zh-CN'])).toBe('累计完成“7亿”不是数字，建议改为 7');
    expect(describeProblem(p, CATALOGUE['en-US'])).toBe('Year-to-date actual "7亿" is not a number; suggested: 7');
  });

  it('the prior-year value of a growth row: its own cell and fix cell', () => {
    const row = rowOf('C2-09');
    const sheet = set(template('C2'), { [`H${row}`]: 110, [`I${row}`]: '100' });
    expect(problemsOf(sheet)).toEqual([
      expect.objectContaining({
        cell: `I${row}`,
        indicator: 'C2-09',
        field: 'prior',
        key: 'value.notANumberFix',
        fix: { cell: `I${row}`, value: 100 },
      }),
    ]);
  });

  it('a missing prior-year value is reported at the prior cell, a missing reason at the reason cell', () => {
    const g = rowOf('C2-09');
    const sheet = set(template('C2'), { [`H${g}`]: 110, H7: 100 });
    expect(problemsOf(sheet).map((p) => [p.cell, p.indicator, p.key])).toEqual([
      ['N7', 'C2-01', 'value.reasonMissing'],
      [`I${g}`, 'C2-09', 'value.growthMissingPrior'],
    ]);
    const [reason] = problemsOf(sheet);
    if (!reason) throw new Error('no problem');
    expect(describeProblem(reason, CATALOGUE['zh-CN'])).toBe('状态为红，请填写滞后原因及措施');
  });

  it('a fix that is not itself valid is combined with the next one, or not offered', () => {
    const sheet = set(template('C3'), {
      [inputCell('C3-02', 'actual')]: '60',
      [inputCell('C3-01', 'actual')]: '-5',
      [inputCell('C3-07', 'actual')]: '15.5个',
      [inputCell('C3-03', 'actual')]: '150%',
    });
    const byCell = new Map(problemsOf(sheet).map((p) => [p.cell, p]));
    const floor = byCell.get(inputCell('C3-02', 'actual'));
    expect(floor).toMatchObject({ key: 'value.notANumberPercentFix', params: { fix: 0.6 }, fix: { value: 0.6 } });
    if (floor)
      expect(describeProblem(floor, CATALOGUE['zh-CN'])).toBe(
        '累计完成“60”不是数字；比率请填 0.6（即 60%），可一键改正',
      );
    expect(byCell.get(inputCell('C3-01', 'actual'))).toMatchObject({ key: 'value.negative', params: { value: -5 } });
    expect(byCell.get(inputCell('C3-01', 'actual'))?.fix).toBeUndefined();
    expect(byCell.get(inputCell('C3-07', 'actual'))).toMatchObject({ key: 'value.notWhole' });
    expect(byCell.get(inputCell('C3-07', 'actual'))?.fix).toBeUndefined();
    // 150% is 1.5 already, not 1.5 typed for 1.5%: no fix (it used to offer 0.015)
    expect(byCell.get(inputCell('C3-03', 'actual'))).toMatchObject({
      key: 'value.milestoneRange', // C3-03 is a 进度 (milestone) indicator
      params: { percent: '150' },
    });
    expect(byCell.get(inputCell('C3-03', 'actual'))?.fix).toBeUndefined();
  });

  it('a period problem is reported at the period cell', () => {
    const [p] = problemsOf(set(template('C1'), { F5: '2019年13月' }));
    expect(p).toMatchObject({ severity: 'error', cell: 'F5', field: 'period', key: 'period.malformed' });
    expect(p?.indicator).toBeUndefined();
    if (p)
      expect(describeProblem(p, CATALOGUE['zh-CN'])).toBe(
        '报告期“2019年13月”格式不正确，请填写如“2019年6月”或“2019-06”',
      );
  });

  it('structure problems name what is missing', () => {
    const sheet = set(template('C1'), { B10: null, [`${'N'}2`]: null });
    const problems = problemsOf(sheet);
    expect(problems.map((p) => [p.severity, p.cell, p.indicator, p.key])).toEqual([
      ['error', 'A2', undefined, 'structure.keyMissing'],
      ['error', 'B6', 'C1-04', 'structure.missingCode'],
    ]);
    expect(problems.map((p) => describeProblem(p, CATALOGUE['zh-CN']))).toEqual([
      '缺少“滞后原因及措施”列（列标识 reason），可能已被删除',
      `本表缺少计划指标 C1-04“${C1?.indicators[3]?.name ?? ''}”，该行可能已被删除`,
    ]);
  });

  it('a duplicated code: reported, both rows validated, neither read', () => {
    const sheet = set(template('C1'), { B8: 'C1-01', H7: '7亿', H8: 5 });
    const { template: reading, problems } = validateTemplateSheet(sheet, PLAN);
    expect(problems.map((p) => [p.cell, p.key])).toEqual([
      ['B8', 'structure.duplicateCode'],
      ['H7', 'value.notANumberFix'],
      ['B6', 'structure.missingCode'],
    ]);
    expect(problems[0]?.params).toEqual({ code: 'C1-01', cells: 'B7、B8' });
    expect(reading?.rows.map((r) => r.code)).not.toContain('C1-01');
  });

  it('the expected progress comes from the report period: 3 of 7 is 黄 in June, 绿 in March', () => {
    expect(problemsOf(set(template('C1'), { H7: 3 })).map((p) => p.key)).toEqual(['value.reasonMissing']);
    const march = set(template('C1', { month: 3 }), { H7: 3 });
    expect(problemsOf(march)).toEqual([]);
    // A June sheet whose period cell says March is read as March (and the disagreement with the marker is flagged).
    expect(problemsOf(set(template('C1'), { H7: 3, F5: '2019年3月' })).map((p) => p.key)).toEqual([
      'structure.periodMismatch',
    ]);
  });

  it('uses the plan thresholds', () => {
    const strict: Plan = { ...PLAN, thresholds: { yellowBand: 0, growthYellowBand: 0 } };
    const { template: reading } = validateTemplateSheet(set(template('C1'), { H7: 3, N7: '推迟' }), strict);
    expect(reading?.rows[0]?.light).toBe(1);
  });

  it('reads the period from text as typed and from a date', () => {
    for (const period of ['2019年6月', '2019-06', '2019年1-6月', '２０１９年６月']) {
      const { template: reading, problems } = validateTemplateSheet(set(template('C1'), { F5: period }), PLAN);
      expect({ period, problems, read: reading?.period }).toEqual({
        period,
        problems: [],
        read: { year: 2019, month: 6 },
      });
    }
  });

  it('without a 报告期 label the marker’s period is used, and said so', () => {
    const { template: reading, problems } = validateTemplateSheet(set(template('C1'), { D5: null }), PLAN);
    expect(problems.map((p) => [p.severity, p.cell, p.key])).toEqual([
      ['warning', 'A1', 'structure.periodLabelMissing'],
    ]);
    expect(reading?.period).toEqual({ year: 2019, month: 6 });
  });

  it('a blank or malformed period leaves the reading without a period', () => {
    expect(validateTemplateSheet(set(template('C1'), { F5: null }), PLAN).template?.period).toBeUndefined();
    expect(validateTemplateSheet(set(template('C1'), { F5: '上半年' }), PLAN).template?.period).toBeUndefined();
  });

  it('a sheet without a marker (nor a keys row), or with an unknown campaign, is not read', () => {
    expect(validateTemplateSheet(set(template('C1'), { A1: null, B2: null }), PLAN).template).toBeUndefined();
    expect(validateTemplateSheet({ name: 'empty', values: [] }, PLAN)).toEqual({
      problems: [
        {
          severity: 'error',
          sheet: 'empty',
          cell: 'A1',
          field: 'structure',
          key: 'structure.markerMissing',
          params: {},
        },
      ],
    });
  });
});

describe('validateTemplateSheet: inserted rows and columns keep cells right', () => {
  const base = set(template('C1'), { H7: '7亿', F5: '2019年13月', H9: 20, N9: '  ' });

  it('rows inserted above, columns inserted before the input columns', () => {
    const moved = insertColumns(insertRows(base, 1, 3), 'H', 2);
    const { template: reading, problems } = validateTemplateSheet(moved, PLAN);
    expect(problems.map((p) => [p.cell, p.key, p.fix?.cell])).toEqual([
      ['F8', 'period.malformed', undefined],
      ['J10', 'value.notANumberFix', 'J10'],
      ['P12', 'value.reasonMissing', undefined],
    ]);
    expect(reading?.rows[0]).toMatchObject({
      code: 'C1-01',
      row: 10,
      cells: { code: 'B10', actual: 'J10', prior: 'K10', reason: 'P10' },
    });
  });

  it('rows inserted between the indicator rows, and rows sorted in another order: matched by code', () => {
    const sheet = filledTemplate('C1');
    const reordered: Sheet = {
      ...sheet,
      values: [...sheet.values.slice(0, 6), ...sheet.values.slice(6, 14).reverse(), ...sheet.values.slice(14)],
    };
    const spaced = insertRows(insertRows(reordered, 10, 2), 8, 1);
    const { template: reading, problems } = validateTemplateSheet(spaced, PLAN);
    expect(problems).toEqual([]);
    const c108 = reading?.rows.find((r) => r.code === 'C1-08');
    expect(c108).toMatchObject({ row: 7, numbers: { actual: 10 } });
    expect(reading?.rows.find((r) => r.code === 'C1-01')).toMatchObject({ row: 17, numbers: { actual: 7 } });
  });

  it('a column inserted before column A: reported (the marker must stay in column A), and the rest still read', () => {
    const { template: reading, problems } = validateTemplateSheet(insertColumns(base, 'A'), PLAN);
    expect(problems.map((p) => [p.cell, p.key])).toEqual([
      ['B1', 'structure.markerMoved'],
      ['G5', 'period.malformed'],
      ['I7', 'value.notANumberFix'],
      ['O9', 'value.reasonMissing'],
    ]);
    expect(reading?.rows).toHaveLength(8);
  });
});

describe('isTemplateSheet', () => {
  it('recognises the marker in column A, rows 1–20, whatever the sheet is called', () => {
    expect(isTemplateSheet(template('C1'))).toBe(true);
    expect(isTemplateSheet({ ...template('C1'), name: 'Sheet1' })).toBe(true);
    expect(isTemplateSheet(insertRows(template('C1'), 1, 19))).toBe(true);
    expect(isTemplateSheet(insertRows(template('C1'), 1, 20))).toBe(false);
    expect(isTemplateSheet(insertColumns(template('C1'), 'A'))).toBe(false);
    expect(isTemplateSheet(sheetFromSpec(buildPlanSheet(PLAN)))).toBe(false);
    expect(isTemplateSheet({ name: 'x', values: [] })).toBe(false);
    expect(isTemplateSheet({ name: 'x', values: [['KPI-TRACKER:{broken']] })).toBe(false);
  });
});

describe('validateWorkbookSheets', () => {
  const c1 = filledTemplate('C1');
  const c2 = filledTemplate('C2');
  const planSheet = sheetFromSpec(buildPlanSheet(PLAN));
  const other: SheetData = {
    name: '草稿',
    values: [
      ['code', 'actual'],
      ['C1-01', '7亿'],
    ],
  };

  it('skips sheets without a template marker', () => {
    expect(validateWorkbookSheets([planSheet, other, { name: 'empty', values: [] }], PLAN)).toEqual({
      templates: 0,
      problems: [],
    });
    expect(validateWorkbookSheets([planSheet, c1, other, c2], PLAN)).toEqual({ templates: 2, problems: [] });
  });

  it('lists the problems of every template sheet', () => {
    const bad = set(c2, { H7: '约2000' });
    const r = validateWorkbookSheets([c1, bad], PLAN);
    expect(r.templates).toBe(2);
    expect(r.problems.map((p) => [p.sheet, p.cell, p.key])).toEqual([[bad.name, 'H7', 'value.approximate']]);
  });

  it('flags the same department, campaign and period submitted twice, on both sheets', () => {
    const copy = { ...c1, name: '招大引强-投资促进中心-6月 (2)' };
    const r = validateWorkbookSheets([c1, c2, copy], PLAN);
    expect(r.templates).toBe(3);
    expect(r.problems).toEqual([
      {
        severity: 'warning',
        sheet: c1.name,
        cell: 'C5',
        field: 'structure',
        key: 'structure.duplicateSubmission',
        params: { department: '投资促进中心', campaign: '招大引强', year: 2019, month: 6, other: copy.name },
      },
      {
        severity: 'warning',
        sheet: copy.name,
        cell: 'C5',
        field: 'structure',
        key: 'structure.duplicateSubmission',
        params: { department: '投资促进中心', campaign: '招大引强', year: 2019, month: 6, other: c1.name },
      },
    ]);
    const [first] = r.problems;
    if (first)
      expect(describeProblem(first, CATALOGUE['zh-CN'])).toBe(
        `投资促进中心的“招大引强”2019 年 6 月报送了不止一份（另见工作表“${copy.name}”），汇总时为“冲突”：请删除多余的一份，或在“汇总”中对要计入的一份点“以此为准”`,
      );
  });

  it('another month or another department is not a duplicate', () => {
    const may = filledTemplate('C1', { month: 5 });
    const support = filledTemplate('C1', { department: '经信商务局' });
    expect(
      validateWorkbookSheets([c1, { ...may, name: 'may' }, { ...support, name: 'support' }], PLAN).problems,
    ).toEqual([]);
  });

  it('a sheet whose period cell was changed to that of another sheet is a duplicate of it', () => {
    const may = set(filledTemplate('C1', { month: 5 }), { F5: '2019年6月' });
    const keys = validateWorkbookSheets([c1, { ...may, name: 'may' }], PLAN).problems.map((p) => [p.sheet, p.key]);
    expect(keys).toEqual([
      ['may', 'structure.periodMismatch'],
      [c1.name, 'structure.duplicateSubmission'],
      ['may', 'structure.duplicateSubmission'],
    ]);
  });

  it('reports a template whose marker was damaged or moved out of column A rather than skipping it', () => {
    // Cut after the type: the text still says it was a template's.
    const damaged = set(c1, { A1: String(get(c1, 'A1')).slice(0, 40) });
    const moved = insertColumns(c2, 'A');
    const r = validateWorkbookSheets([damaged, moved], PLAN);
    expect(r.templates).toBe(2);
    expect(r.problems.map((p) => [p.sheet, p.cell, p.key])).toEqual([
      [c1.name, 'A1', 'structure.markerUnreadable'],
      [c2.name, 'B1', 'structure.markerMoved'],
    ]);
  });

  it('a damaged marker of another kind of sheet is not taken for a template', () => {
    const plan = sheetFromSpec(buildPlanSheet(PLAN));
    const damaged = set(plan, { A1: String(get(plan, 'A1')).slice(0, 25) });
    expect(validateWorkbookSheets([damaged], PLAN)).toEqual({ templates: 0, problems: [] });
  });

  it('a template of another plan is validated against the plan in use, with a warning', () => {
    const sheet = set(c1, {
      A1: encodeMarker({
        ...buildTemplate({
          plan: PLAN,
          campaignId: 'C1',
          department: '投资促进中心',
          year: 2019,
          month: 6,
          mode: 'kpi',
        }).marker,
        plan: 'five-campaigns-2018',
      }),
    });
    expect(validateWorkbookSheets([sheet], PLAN).problems.map((p) => p.key)).toEqual(['structure.planMismatch']);
  });
});

describe('validateTemplateSheet: merged input cells (issue 12, observation 4d)', () => {
  const C2 = filledTemplate('C2');
  const growth = inputCell('C2-09', 'prior');
  test.each<[string, Sheet, readonly string[], [cell: string, code: string, range: string, codes: string][]]>([
    ['no merges known', filledTemplate('C1'), [], []],
    ['the template’s own heading merges', filledTemplate('C1'), ['A2:N2', 'B6:C6'], []],
    [
      'two 累计完成 cells merged',
      filledTemplate('C1'),
      ['H7:H8'],
      [
        ['H7', 'C1-01', 'H7:H8', 'C1-01、C1-02'],
        ['H8', 'C1-02', 'H7:H8', 'C1-01、C1-02'],
      ],
    ],
    [
      '累计完成 merged into a computed cell beside it',
      filledTemplate('C1'),
      ['G7:H7'],
      [['H7', 'C1-01', 'G7:H7', 'C1-01']],
    ],
    ['上年同期 of a row that is not growth: no input there', filledTemplate('C1'), ['I7:I8'], []],
    [
      'a growth row’s 累计完成 and 上年同期 merged',
      C2,
      [`${inputCell('C2-09', 'actual')}:${growth}`],
      [
        [inputCell('C2-09', 'actual'), 'C2-09', `${inputCell('C2-09', 'actual')}:${growth}`, 'C2-09'],
        [growth, 'C2-09', `${inputCell('C2-09', 'actual')}:${growth}`, 'C2-09'],
      ],
    ],
    ['a malformed range is ignored', filledTemplate('C1'), ['H7:'], []],
  ])('%s', (_label, sheet, merges, expected) => {
    const { problems, template: reading } = validateTemplateSheet({ ...sheet, merges }, PLAN);
    const merged = problems.filter((p) => p.key === 'value.mergedInput');
    expect(merged.map((p) => [p.cell, p.indicator, p.params.range, p.params.codes])).toEqual(expected);
    for (const p of merged) expect(p.severity).toBe('error');
    const invalid = new Set(expected.map(([, code]) => code));
    for (const row of reading?.rows ?? [])
      expect([row.code, row.state === 'invalid']).toEqual([row.code, invalid.has(row.code)]);
  });

  it('says which range and indicators, in both languages', () => {
    const [p] = validateTemplateSheet({ ...filledTemplate('C1'), merges: ['H7:H8'] }, PLAN).problems;
    expect(p && describeProblem(p, CATALOGUE['zh-CN'])).toContain('单元格 H7:H8 被合并了，覆盖了指标 C1-01、C1-02');
    expect(p && describeProblem(p, CATALOGUE['en-US'])).toContain('merged range H7:H8');
  });
});

describe('a template whose hidden marker row was deleted (issue 12, observation 4c)', () => {
  const C1 = (): Sheet => deleteRow(filledTemplate('C1'), 1);
  const problemsAt = (sheet: SheetData): [string, string, string][] =>
    problemsOf(sheet).map((p) => [p.cell, p.key, p.severity]);

  test.each<[string, () => Sheet, [string, string, string][], boolean]>([
    ['row 1 deleted: recognised by its headings', C1, [['A2', 'structure.markerDeleted', 'warning']], true],
    [
      'its marker cleared',
      () => set(filledTemplate('C1'), { A1: null }),
      [['A3', 'structure.markerDeleted', 'warning']],
      true,
    ],
    ['填报单位 blank', () => set(C1(), { C4: null }), [['A2', 'structure.markerDeletedAmbiguous', 'error']], false],
    [
      '填报单位 a department the plan does not name for C1',
      () => set(C1(), { C4: '财政局' }),
      [['A2', 'structure.markerDeletedAmbiguous', 'error']],
      false,
    ],
    ['title cleared', () => set(C1(), { A2: null }), [['A5', 'structure.markerDeletedAmbiguous', 'error']], false],
    [
      'title of another campaign',
      () => set(C1(), { A2: '转型升级攻坚战 指标推进情况表' }),
      [['A2', 'structure.markerDeletedAmbiguous', 'error']],
      false,
    ],
    [
      '报告期 of another year',
      () => set(C1(), { F4: '2018年6月' }),
      [['A2', 'structure.markerDeletedAmbiguous', 'error']],
      false,
    ],
    [
      '报告期 unreadable',
      () => set(C1(), { F4: '上半年' }),
      [['A2', 'structure.markerDeletedAmbiguous', 'error']],
      false,
    ],
  ])('%s', (_label, sheet, expected, read) => {
    const s = sheet();
    expect(problemsAt(s)).toEqual(expected);
    const reading = validateTemplateSheet(s, PLAN).template;
    expect(reading !== undefined).toBe(read);
    if (reading) {
      expect([reading.campaignId, reading.department, reading.period]).toEqual([
        'C1',
        '投资促进中心',
        { year: 2019, month: 6 },
      ]);
      expect(reading.rows.filter((r) => r.numbers.actual !== null)).toHaveLength(C1_COUNT);
    }
  });

  it('a 配合部门’s sheet is recognised with its role', () => {
    const plan = contributorPlan();
    const share = deleteRow(
      sheetFromSpec(
        buildTemplate({
          plan,
          campaignId: 'C2',
          department: NDRC,
          year: 2019,
          month: 6,
          mode: 'kpi',
          role: 'contributor',
        }),
      ),
      1,
    );
    const reading = validateTemplateSheet(share, plan).template;
    expect([reading?.department, reading?.role]).toEqual([NDRC, 'contributor']);
    // The built-in plan does not name it a 配合部门 of C2: whose sheet it is cannot be told.
    expect(validateTemplateSheet(share, PLAN).problems.map((p) => p.key)).toEqual(['structure.markerDeletedAmbiguous']);
  });

  it('says what the headings say, and that it is (not) consolidated, in both languages', () => {
    const [ok] = problemsOf(C1());
    expect(ok && describeProblem(ok, CATALOGUE['zh-CN'])).toBe(
      '该表是填报模板，但隐藏的标记行已被删除：按表头识别为“招大引强”投资促进中心 2019 年 6 月的报表，已计入汇总；请重新插入模板并把数据复制过去，以免以后无法识别',
    );
    const [no] = problemsOf(set(C1(), { C4: null }));
    expect(no && describeProblem(no, CATALOGUE['en-US'])).toContain(
      '(campaign: 招大引强; department: ？; period: 2019-06): not consolidated',
    );
  });

  it('validateWorkbookSheets counts it as a template; an ordinary sheet stays skipped', () => {
    const other = {
      name: '备忘',
      values: [
        ['code', 'actual'],
        ['指标编码', '说明'],
      ],
    };
    const r = validateWorkbookSheets([C1(), other], PLAN);
    expect(r.templates).toBe(1);
    expect(r.problems.map((p) => p.key)).toEqual(['structure.markerDeleted']);
  });
});

const C1_COUNT = PLAN.campaigns.find((c) => c.id === 'C1')?.indicators.length ?? 0;
