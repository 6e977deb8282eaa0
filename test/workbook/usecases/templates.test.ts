import { builtinPlan } from '../../../src/domain/plan/builtin';
import type { Plan } from '../../../src/domain/plan/schema';
import type { TemplateRequest } from '../../../src/domain/template/template';
import { MemoryWorkbook } from '../../../src/workbook/memory/memoryWorkbook';
import { activePlan, activePlanOf } from '../../../src/workbook/usecases/activePlan';
import { runConsolidation } from '../../../src/workbook/usecases/runConsolidation';
import {
  FIRST_INPUT_CELL,
  PLAN_FIRST_TARGET_CELL,
  insertPlanSheet,
  insertTemplate,
  insertPlanSheetInUse,
  insertTemplateInUse,
  openTemplates,
  readEnteredValues,
  templateSheets,
  updateTemplate,
  updateTemplateInUse,
} from '../../../src/workbook/usecases/templates';

/** The 模板 use cases against the in-memory workbook: insert, re-apply in place keeping values, the plan sheet. */

const plan = builtinPlan();
const request = (over: Partial<TemplateRequest> = {}): TemplateRequest => ({
  plan,
  campaignId: 'C1',
  department: '投资促进中心',
  year: 2019,
  month: 6,
  mode: 'kpi',
  ...over,
});
const value = (wb: MemoryWorkbook, sheet: string, address: string) => wb.cellView(sheet, address).value;

/** Types like a person, failing the test when the workbook refuses the input. */
function type(wb: MemoryWorkbook, sheet: string, address: string, input: string): void {
  expect([address, wb.userEdit(sheet, address, input)]).toEqual([address, { ok: true }]);
}

async function inserted(wb: MemoryWorkbook, over: Partial<TemplateRequest> = {}): Promise<string> {
  const r = await insertTemplate(wb, request(over));
  if (r.outcome === 'unreadable') throw new Error(`unreadable ${r.sheet}`);
  return r.sheet;
}

describe('insertTemplate', () => {
  it('inserts the sheet, activates it and selects the first input cell (H7)', async () => {
    const wb = new MemoryWorkbook();
    const r = await insertTemplate(wb, request());
    expect(r).toEqual({ outcome: 'inserted', sheet: '招大引强-投资促进中心-6月', selected: 'H7' });
    expect(FIRST_INPUT_CELL).toBe('H7');
    expect(wb.active).toEqual({ sheet: '招大引强-投资促进中心-6月', cell: 'H7' });
    expect(value(wb, r.sheet, 'B7')).toBe('C1-01');
    expect(value(wb, r.sheet, 'F7')).toBe(7);
    expect(wb.cellView(r.sheet, 'H7').locked).toBe(false);
  });

  it('gives two months two sheets, and avoids names already taken by other sheets', async () => {
    const wb = new MemoryWorkbook();
    await wb.writeSheet({
      name: '招大引强-投资促进中心-7月',
      styles: {},
      blocks: [{ at: 'A1', rows: [[{ value: '别人的表' }]] }],
    });
    const june = await inserted(wb, { month: 6 });
    const july = await inserted(wb, { month: 7 });
    expect([june, july]).toEqual(['招大引强-投资促进中心-6月', '招大引强-投资促进中心-7月 (2)']);
    expect(wb.sheetNames()).toEqual(['招大引强-投资促进中心-7月', june, july]);
    expect(value(wb, '招大引强-投资促进中心-7月', 'A1')).toBe('别人的表'); // untouched
    expect(value(wb, july, 'H6')).toBe('1–7月累计完成');
  });

  it('another department or year of the same campaign and month is another sheet', async () => {
    const wb = new MemoryWorkbook();
    await inserted(wb);
    await inserted(wb, { department: '经信商务局' });
    await inserted(wb, { year: 2020 });
    expect(wb.sheetNames()).toEqual([
      '招大引强-投资促进中心-6月',
      '招大引强-经信商务局-6月',
      '招大引强-投资促进中心-6月 (2)',
    ]);
  });

  it('re-applies the same campaign, department and month in place, keeping every value entered', async () => {
    const wb = new MemoryWorkbook();
    const sheet = await inserted(wb);
    await inserted(wb, { campaignId: 'C2', department: '经信商务局' });
    type(wb, sheet, 'H7', '3.8');
    type(wb, sheet, 'H9', '24');
    type(wb, sheet, 'N9', '两个项目处于洽谈阶段');
    type(wb, sheet, 'O7', '含增资');
    type(wb, sheet, 'I5', '王芳');
    type(wb, sheet, 'L5', '0573-82211001');
    await wb.renameSheet(sheet, '投促中心6月'); // found by its marker, not by its name

    const r = await insertTemplate(wb, request({ mode: 'native' }));

    expect(r).toEqual({ outcome: 'reapplied', sheet: '投促中心6月', selected: 'H7', kept: 4, unplaced: [] });
    expect(wb.sheetNames()).toEqual(['投促中心6月', '转型升级-经信商务局-6月']);
    expect(wb.active).toEqual({ sheet: '投促中心6月', cell: 'H7' });
    expect(['H7', 'H9', 'N9', 'O7', 'I5', 'L5'].map((a) => value(wb, '投促中心6月', a))).toEqual([
      3.8,
      24,
      '两个项目处于洽谈阶段',
      '含增资',
      '王芳',
      '0573-82211001',
    ]);
    // rebuilt in the mode asked for, computing from the kept values: 3.8 / 7
    expect(wb.cellView('投促中心6月', 'J7').formula).not.toContain('KPI.');
    expect(value(wb, '投促中心6月', 'J7')).toBeCloseTo(3.8 / 7, 12);
  });

  it('re-applies after rows were inserted above the table and puts values back by indicator code', async () => {
    const wb = new MemoryWorkbook();
    const sheet = await inserted(wb);
    type(wb, sheet, 'H8', '2.5');
    wb.insertRows(sheet, 1, 2); // the marker is now in A3, H8 is H10
    expect(value(wb, sheet, 'H10')).toBe(2.5);
    const r = await insertTemplate(wb, request());
    expect(r).toMatchObject({ outcome: 'reapplied', kept: 1 });
    expect(value(wb, sheet, 'H8')).toBe(2.5);
    expect(value(wb, sheet, 'B8')).toBe('C1-02');
  });

  it('takes the new targets of an edited plan and reports values that no longer have a place', async () => {
    const wb = new MemoryWorkbook();
    const sheet = await inserted(wb);
    type(wb, sheet, 'H7', '3.8');
    type(wb, sheet, 'H14', '4'); // C1-08
    const c1 = plan.campaigns[0];
    if (!c1) throw new Error('no C1');
    const edited: Plan = {
      ...plan,
      campaigns: [
        {
          ...c1,
          indicators: c1.indicators
            .filter((i) => i.code !== 'C1-08')
            .map((i) => (i.code === 'C1-01' ? { ...i, target: 7.5 } : i)),
        },
        ...plan.campaigns.slice(1),
      ],
    };
    const r = await insertTemplate(wb, request({ plan: edited }));
    expect(r).toEqual({
      outcome: 'reapplied',
      sheet,
      selected: 'H7',
      kept: 1,
      unplaced: [{ code: 'C1-08', field: 'actual', value: 4, why: 'unknownCode' }],
    });
    expect(value(wb, sheet, 'F7')).toBe(7.5);
    expect(value(wb, sheet, 'H7')).toBe(3.8);
    expect(value(wb, sheet, 'B14')).toBeNull(); // one row fewer
  });

  it('leaves a template whose structure is broken untouched rather than lose its values', async () => {
    const wb = new MemoryWorkbook();
    const sheet = await inserted(wb);
    type(wb, sheet, 'H7', '3.8');
    const id = wb.engine.getSheetId(sheet) ?? -1;
    wb.engine.setCellContents({ sheet: id, row: 1, col: 1 }, [[null]]); // the hidden key "code" (B2) deleted
    await wb.writeSheet({ name: '其他', styles: {}, blocks: [] }, { activate: true });
    expect(await insertTemplate(wb, request())).toEqual({ outcome: 'unreadable', sheet });
    expect(value(wb, sheet, 'H7')).toBe(3.8);
    // No second template is left behind, and the sheet to look at is shown.
    expect(wb.sheetNames()).toEqual([sheet, '其他']);
    expect(wb.active?.sheet).toBe(sheet);
  });
});

describe('updateTemplate (another month, another formula mode, the plan’s current targets)', () => {
  it('moves June’s sheet to July: renamed, new headers, pace and marker, every value kept', async () => {
    const wb = new MemoryWorkbook();
    const sheet = await inserted(wb);
    type(wb, sheet, 'H7', '3.8');
    type(wb, sheet, 'N9', '两个项目处于洽谈阶段');
    type(wb, sheet, 'I5', '王芳');
    const r = await updateTemplate(wb, { plan, sheet, month: 7, mode: 'kpi' });
    expect(r).toEqual({
      outcome: 'updated',
      sheet: '招大引强-投资促进中心-7月',
      renamedFrom: '招大引强-投资促进中心-6月',
      selected: 'H7',
      kept: 2,
      unplaced: [],
    });
    const july = '招大引强-投资促进中心-7月';
    expect(wb.sheetNames()).toEqual([july]);
    expect(wb.active).toEqual({ sheet: july, cell: 'H7' });
    expect(value(wb, july, 'H6')).toBe('1–7月累计完成');
    expect(value(wb, july, 'L7')).toBeCloseTo(7 / 12, 12); // 序时进度 of July
    expect([value(wb, july, 'H7'), value(wb, july, 'N9'), value(wb, july, 'I5')]).toEqual([
      3.8,
      '两个项目处于洽谈阶段',
      '王芳',
    ]);
    expect(templateSheets(await wb.listSheets())).toEqual([
      { name: july, campaignId: 'C1', department: '投资促进中心', year: 2019, month: 7, role: 'lead' },
    ]);
  });

  it('keeps a name the office chose; changes the formula mode, with or without another month', async () => {
    const wb = new MemoryWorkbook();
    const sheet = await inserted(wb);
    type(wb, sheet, 'H7', '3.8');
    await wb.renameSheet(sheet, '投促月报');
    const r = await updateTemplate(wb, { plan, sheet: '投促月报', month: 8, mode: 'native' });
    expect(r).toMatchObject({ outcome: 'updated', sheet: '投促月报', kept: 1 });
    expect(r).not.toHaveProperty('renamedFrom');
    expect(wb.cellView('投促月报', 'J7').formula).not.toContain('KPI.');
    expect(value(wb, '投促月报', 'J7')).toBeCloseTo(3.8 / 7, 12);
    expect(templateSheets(await wb.listSheets())[0]).toMatchObject({ name: '投促月报', month: 8 });
    // the same month again, back to KPI.* formulas: only the formulas change
    expect(await updateTemplate(wb, { plan, sheet: '投促月报', month: 8, mode: 'kpi' })).toMatchObject({ kept: 1 });
    expect(wb.cellView('投促月报', 'J7').formula).toContain('KPI.ATTAINMENT');
    expect(value(wb, '投促月报', 'H7')).toBe(3.8);
  });

  it('renames a name the add-in made unique ("… (2)") after the new month as well', async () => {
    const wb = new MemoryWorkbook();
    await wb.writeSheet({ name: '招大引强-投资促进中心-6月', styles: {}, blocks: [] }); // not a template
    const sheet = await inserted(wb);
    expect(sheet).toBe('招大引强-投资促进中心-6月 (2)');
    const r = await updateTemplate(wb, { plan, sheet, month: 7, mode: 'kpi' });
    expect(r).toMatchObject({ outcome: 'updated', sheet: '招大引强-投资促进中心-7月', renamedFrom: sheet });
  });

  it('a rename refused (the name taken meanwhile) leaves the template updated under its old name', async () => {
    const wb = new MemoryWorkbook();
    const sheet = await inserted(wb);
    type(wb, sheet, 'H7', '3.8');
    const listed = await wb.listSheets();
    await wb.writeSheet({ name: '招大引强-投资促进中心-7月', styles: {}, blocks: [] }); // after the listing
    const r = await updateTemplate(wb, { plan, sheet, month: 7, mode: 'kpi' }, listed);
    expect(r).toMatchObject({ outcome: 'updated', sheet, kept: 1 });
    expect(r).not.toHaveProperty('renamedFrom');
    expect(value(wb, sheet, 'H6')).toBe('1–7月累计完成');
  });

  it('refuses, changing nothing, when another sheet already is that month’s template', async () => {
    const wb = new MemoryWorkbook();
    const june = await inserted(wb);
    const july = await inserted(wb, { month: 7 });
    type(wb, june, 'H7', '3.8');
    expect(await updateTemplate(wb, { plan, sheet: june, month: 7, mode: 'kpi' })).toEqual({
      outcome: 'periodTaken',
      sheet: june,
      other: july,
    });
    expect(wb.sheetNames()).toEqual([june, july]);
    expect(value(wb, june, 'H6')).toBe('1–6月累计完成');
    expect(value(wb, june, 'H7')).toBe(3.8);
  });

  it('says so for a sheet that is not a template, or a campaign the plan no longer has', async () => {
    const wb = new MemoryWorkbook();
    await wb.writeSheet({ name: '说明', styles: {}, blocks: [{ at: 'A1', rows: [[{ value: '说明' }]] }] });
    expect(await updateTemplate(wb, { plan, sheet: '说明', month: 7, mode: 'kpi' })).toEqual({
      outcome: 'notATemplate',
      sheet: '说明',
    });
    const sheet = await inserted(wb);
    const without: Plan = { ...plan, campaigns: plan.campaigns.filter((c) => c.id !== 'C1') };
    expect(await updateTemplate(wb, { plan: without, sheet, month: 7, mode: 'kpi' })).toEqual({
      outcome: 'campaignMissing',
      sheet,
      campaignId: 'C1',
    });
  });

  it('takes the year of the plan in use (a 指标库 edited for 2020)', async () => {
    const wb = new MemoryWorkbook();
    const sheet = await inserted(wb);
    type(wb, sheet, 'H7', '3.8');
    const next: Plan = { ...plan, year: 2020 };
    const r = await updateTemplate(wb, { plan: next, sheet, month: 1, mode: 'kpi' });
    expect(r).toMatchObject({ outcome: 'updated', sheet: '招大引强-投资促进中心-1月', kept: 1 });
    expect(templateSheets(await wb.listSheets())[0]).toMatchObject({ year: 2020, month: 1 });
  });
});

describe('the 模板 section’s flows (the hook only holds their results)', () => {
  it('openTemplates: the plan in use and the template sheets', async () => {
    const wb = new MemoryWorkbook();
    await insertPlanSheet(wb, plan);
    const sheet = await inserted(wb);
    const opened = await openTemplates(wb);
    expect(opened.active).toMatchObject({ source: 'sheet', sheet: '指标库' });
    expect(opened.templates).toEqual([
      { name: sheet, campaignId: 'C1', department: '投资促进中心', year: 2019, month: 6, role: 'lead' },
    ]);
  });

  it('updateTemplateInUse: the plan as the 指标库 is now, the update, and the template list after it', async () => {
    const wb = new MemoryWorkbook();
    await insertPlanSheet(wb, plan);
    const june = await inserted(wb);
    const other = await inserted(wb, { campaignId: 'C2', department: '经信商务局' });
    await wb.writeCells([{ sheet: '指标库', address: 'J5', value: 7.5 }]); // C1-01 确保 7 → 7.5
    const r = await updateTemplateInUse(wb, { sheet: june, month: 7, mode: 'kpi' });
    const july = '招大引强-投资促进中心-7月';
    expect(r.result).toMatchObject({ outcome: 'updated', sheet: july, renamedFrom: june });
    expect(r.active.plan.campaigns[0]?.indicators[0]?.target).toBe(7.5);
    expect(value(wb, july, 'F7')).toBe(7.5);
    expect(r.templates.map((t) => [t.name, t.month])).toEqual([
      [july, 7],
      [other, 6],
    ]);
    // A sheet that is no longer a template leaves the list.
    const gone = await updateTemplateInUse(wb, { sheet: '指标库', month: 7, mode: 'kpi' });
    expect(gone.result.outcome).toBe('notATemplate');
    expect(gone.templates.map((t) => t.name)).toEqual([july, other]);
  });

  it('insertPlanSheetInUse: the 指标库 inserted, then read as the plan in use', async () => {
    const wb = new MemoryWorkbook();
    const r = await insertPlanSheetInUse(wb, plan);
    expect(r.result).toEqual({ outcome: 'inserted', sheet: '指标库' });
    expect(r.active).toMatchObject({ source: 'sheet', sheet: '指标库', problems: [] });
  });
});

describe('insertTemplateInUse (the 插入模板 button: the plan as the workbook has it now)', () => {
  const choice = { campaignId: 'C1', department: '投资促进中心', month: 6, mode: 'kpi' } as const;
  const builtin = { plan, source: 'builtin', problems: [] } as const;

  it('a 指标库 added since the pane looked, without that campaign: the new sheet is removed again', async () => {
    const wb = new MemoryWorkbook();
    await insertPlanSheet(wb, { ...plan, campaigns: plan.campaigns.filter((c) => c.id !== 'C1') });
    const { active, result } = await insertTemplateInUse(wb, choice, builtin);
    expect(result).toEqual({ outcome: 'campaignMissing' });
    expect(active).toMatchObject({ source: 'sheet', sheet: '指标库' });
    expect(wb.sheetNames()).toEqual(['指标库']);
  });

  it('a 指标库 for 2020 added since: the template of 2020 that exists is re-applied, no duplicate', async () => {
    const wb = new MemoryWorkbook();
    const next: Plan = { ...plan, year: 2020 };
    await insertPlanSheet(wb, next);
    const existing = await inserted(wb, { plan: next, year: 2020 });
    type(wb, existing, 'H7', '2.5');
    await wb.renameSheet(existing, '投促2020年6月');
    const { active, result } = await insertTemplateInUse(wb, choice, builtin);
    expect(active.plan.year).toBe(2020);
    expect(result).toMatchObject({ outcome: 'reapplied', sheet: '投促2020年6月', kept: 1 });
    expect(wb.sheetNames()).toEqual(['指标库', '投促2020年6月']);
  });

  it('the template exists and a 指标库 was added since: re-applied with that plan’s targets, not the built-in', async () => {
    const wb = new MemoryWorkbook();
    const sheet = await inserted(wb);
    type(wb, sheet, 'H7', '3.8');
    const edited: Plan = {
      ...plan,
      campaigns: plan.campaigns.map((c) => ({
        ...c,
        indicators: c.indicators.map((i) => (i.code === 'C1-01' ? { ...i, target: 7.5 } : i)),
      })),
    };
    await insertPlanSheet(wb, edited);
    const { active, result } = await insertTemplateInUse(wb, choice, builtin);
    expect(active).toMatchObject({ source: 'sheet', sheet: '指标库' });
    expect(result).toMatchObject({ outcome: 'reapplied', sheet, kept: 1 });
    expect(value(wb, sheet, 'F7')).toBe(7.5);
    expect(value(wb, sheet, 'H7')).toBe(3.8);
    expect(wb.sheetNames()).toEqual([sheet, '指标库']);
  });

  it('the same plan in a 指标库 added since: the inserted sheet stands as it is', async () => {
    const wb = new MemoryWorkbook();
    await insertPlanSheet(wb, plan);
    const { active, result } = await insertTemplateInUse(wb, choice, builtin);
    expect(active).toMatchObject({ source: 'sheet', sheet: '指标库' });
    expect(result).toEqual({ outcome: 'inserted', sheet: '招大引强-投资促进中心-6月', selected: 'H7' });
  });
});

describe('readEnteredValues', () => {
  it('reads inputs by key and code, wherever columns went; an error value keeps its text', () => {
    const keys = [
      null,
      'seq',
      'code',
      'name',
      'kind',
      'unit',
      'target',
      'stretch',
      'actual',
      'prior',
      'attainment',
      'tier',
      'pace',
      'status',
      'reason',
      'note',
    ];
    const values = [
      ['KPI-TRACKER:{}'],
      keys, // a column inserted before A: everything one to the right
      [],
      [],
      [null, '填报单位', null, 'x', '报告期', null, null, null, '填报人', '李强', null, '联系电话', '0573', null],
      [],
      [null, 1, 'C2-09', '数字经济', '增速', '%', 0.1, null, 55, 50, null, null, null, null, '原因', null],
      [null, 2, 'C2-10', '高企', '个数', '家', 15, null, { error: '#N/A' }, null, null, null, null, null, null, ''],
      [null, 3, '说明', null],
    ];
    const read = readEnteredValues({ values });
    expect(read).toEqual({
      byCode: new Map([
        ['C2-09', { actual: 55, prior: 50, reason: '原因' }],
        ['C2-10', { actual: '#N/A' }],
      ]),
      reporter: '李强',
      phone: '0573',
    });
    expect(readEnteredValues({ values: [['no keys']] })).toBeUndefined();
  });
});

describe('insertPlanSheet and activePlan', () => {
  it('inserts the 指标库 once; a second time activates the existing sheet and keeps its edits', async () => {
    const wb = new MemoryWorkbook();
    expect(await insertPlanSheet(wb, plan)).toEqual({ outcome: 'inserted', sheet: '指标库' });
    expect(wb.active).toEqual({ sheet: '指标库', cell: PLAN_FIRST_TARGET_CELL });
    expect(value(wb, '指标库', 'J4')).toBe('确保目标');
    await wb.writeCells([{ sheet: '指标库', address: 'J5', value: 9 }]);
    await wb.renameSheet('指标库', '2019指标');
    await inserted(wb);
    expect(await insertPlanSheet(wb, plan)).toEqual({ outcome: 'exists', sheet: '2019指标' });
    // shown on its first target, never on A1: the hidden marker row (issue 11, observation 10)
    expect(wb.active).toEqual({ sheet: '2019指标', cell: PLAN_FIRST_TARGET_CELL });
    expect(value(wb, '2019指标', 'J5')).toBe(9);
  });

  it('uses the built-in plan without a 指标库 sheet', async () => {
    expect(await activePlan(new MemoryWorkbook())).toEqual({ plan, source: 'builtin', problems: [] });
  });

  it('uses an edited 指标库 sheet: a template inserted after the edit has the new target', async () => {
    const wb = new MemoryWorkbook();
    await insertPlanSheet(wb, plan);
    await wb.writeCells([{ sheet: '指标库', address: 'J5', value: 7.5 }]); // C1-01 确保目标 7 → 7.5
    const active = await activePlan(wb);
    expect(active).toMatchObject({ source: 'sheet', sheet: '指标库', problems: [] });
    expect(active.plan.campaigns[0]?.indicators[0]).toMatchObject({ code: 'C1-01', target: 7.5, stretch: 8 });
    const sheet = await inserted(wb, { plan: active.plan });
    expect(value(wb, sheet, 'F7')).toBe(7.5);
  });

  it('English names of a 指标库 without them (an earlier version, or left blank) come from the built-in plan where the Chinese name is the same (issue 11, observation 11)', async () => {
    const wb = new MemoryWorkbook();
    await insertPlanSheet(wb, plan);
    const rows = plan.campaigns.reduce((n, c) => n + c.indicators.length, 0);
    // columns R and S (攻坚战（英文）, 指标名称（英文）) emptied, and campaign C2 renamed on its rows
    const blanks = Array.from({ length: rows }, (_, i) => [
      { sheet: '指标库', address: `R${5 + i}`, value: null },
      { sheet: '指标库', address: `S${5 + i}`, value: null },
    ]).flat();
    const c2Rows = plan.campaigns[1]?.indicators.length ?? 0;
    const c2First = 5 + (plan.campaigns[0]?.indicators.length ?? 0);
    const renamed = Array.from({ length: c2Rows }, (_, i) => ({
      sheet: '指标库',
      address: `B${c2First + i}`,
      value: '产业升级',
    }));
    await wb.writeCells([...blanks, ...renamed]);
    const active = await activePlan(wb);
    expect(active).toMatchObject({ source: 'sheet', problems: [] });
    expect(active.plan.campaigns.map((c) => c.nameEn)).toEqual([
      plan.campaigns[0]?.nameEn,
      undefined, // renamed: no translation is guessed
      ...plan.campaigns.slice(2).map((c) => c.nameEn),
    ]);
    expect(active.plan.campaigns[0]?.indicators[0]?.nameEn).toBe(plan.campaigns[0]?.indicators[0]?.nameEn);
  });

  it('re-inserting after the 指标库 was edited: the same sheet, the new target, the values entered kept', async () => {
    const wb = new MemoryWorkbook();
    await insertPlanSheet(wb, plan);
    const sheet = await inserted(wb, { plan: (await activePlan(wb)).plan });
    type(wb, sheet, 'H7', '3.8');
    await wb.writeCells([{ sheet: '指标库', address: 'J5', value: 7.5 }]);
    const r = await insertTemplate(wb, request({ plan: (await activePlan(wb)).plan }));
    expect(r).toEqual({ outcome: 'reapplied', sheet, selected: 'H7', kept: 1, unplaced: [] });
    expect([value(wb, sheet, 'F7'), value(wb, sheet, 'H7')]).toEqual([7.5, 3.8]);
    expect(value(wb, sheet, 'J7')).toBeCloseTo(3.8 / 7.5, 12);
    expect(wb.sheetNames()).toEqual(['指标库', sheet]);
  });

  it('falls back to the built-in plan when the 指标库 sheet is invalid, with each problem at its cell', async () => {
    const wb = new MemoryWorkbook();
    await insertPlanSheet(wb, plan);
    await wb.writeCells([{ sheet: '指标库', address: 'J5', value: '七亿' }]);
    const active = await activePlan(wb);
    expect(active.source).toBe('builtin');
    expect(active.plan).toBe(plan);
    expect(active.sheet).toBe('指标库');
    expect(active.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ severity: 'error', sheet: '指标库', cell: 'J5' })]),
    );
  });

  it('a 指标库 whose marker was damaged is reported, not silently replaced by the built-in plan', async () => {
    const wb = new MemoryWorkbook();
    await insertPlanSheet(wb, plan);
    await wb.writeCells([{ sheet: '指标库', address: 'A1', value: 'KPI-TRACKER:{"type":"kpi-plan","v":1,' }]);
    expect((await wb.listSheets())[0]).toMatchObject({ name: '指标库', damagedMarker: 'kpi-plan' });
    const active = await activePlan(wb);
    expect(active).toMatchObject({ source: 'builtin', sheet: '指标库' });
    expect(active.problems.map((p) => [p.cell, p.key])).toEqual([['A1', 'plan.markerUnreadable']]);
  });

  it('the pane and 一键汇总 choose the same 指标库: a readable marker in column A first, a damaged copy after it', async () => {
    const wb = new MemoryWorkbook();
    await wb.writeSheet({
      name: '指标库 (旧)',
      styles: {},
      blocks: [{ at: 'A1', rows: [[{ value: 'KPI-TRACKER:{"type":"kpi-plan","v":' }]] }],
    });
    await insertPlanSheet(wb, plan);
    await wb.writeCells([{ sheet: '指标库', address: 'J5', value: 7.5 }]);
    const listed = await activePlan(wb);
    const read = await activePlanOf(await wb.readAllSheets());
    expect([listed.sheet, read.sheet]).toEqual(['指标库', '指标库']);
    expect(read.plan.campaigns[0]?.indicators[0]?.target).toBe(7.5);
    const run = await runConsolidation(wb, 'pane');
    expect(run.ok && run.outcome.result.campaigns[0]?.indicators[0]?.target).toBe(7.5);
  });

  it('a column inserted before A of the 指标库: neither the pane nor 一键汇总 sees it as the plan (both say built-in)', async () => {
    const wb = new MemoryWorkbook();
    await insertPlanSheet(wb, plan);
    wb.insertColumns('指标库', 1);
    expect(await activePlan(wb)).toMatchObject({ source: 'builtin', problems: [] });
    expect(await activePlanOf(await wb.readAllSheets())).toMatchObject({ source: 'builtin', problems: [] });
    expect((await runConsolidation(wb, 'pane')).ok).toBe(true);
  });
});
