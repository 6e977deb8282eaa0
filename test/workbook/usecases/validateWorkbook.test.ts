import { builtinPlan } from '../../../src/domain/plan/builtin';
import type { SheetProblem } from '../../../src/domain/grid/problems';
import { MemoryWorkbook } from '../../../src/workbook/memory/memoryWorkbook';
import { PortError } from '../../../src/workbook/port';
import { insertPlanSheet, insertTemplate } from '../../../src/workbook/usecases/templates';
import { consolidateWorkbook } from '../../../src/workbook/usecases/consolidate';
import {
  applyFix,
  mergeReports,
  validateAll,
  validateWorkbook,
  type ValidationReport,
} from '../../../src/workbook/usecases/validateWorkbook';

/** 校验 against the in-memory workbook: a pasted "7亿" is found at its cell with its fix, fixed on request, gone. */

const plan = builtinPlan();

async function template(
  wb: MemoryWorkbook,
  campaignId = 'C1',
  department = '投资促进中心',
  month = 6,
): Promise<string> {
  const r = await insertTemplate(wb, { plan, campaignId, department, year: 2019, month, mode: 'kpi' });
  return r.sheet;
}

const at = (report: ValidationReport) =>
  report.sheets.flatMap((s) => s.problems.map((p) => `${p.sheet}!${p.cell} ${p.key}`));

describe('validateWorkbook and applyFix', () => {
  it('finds a value pasted past data validation at its cell, fixes it only on request, then finds nothing', async () => {
    const wb = new MemoryWorkbook();
    const sheet = await template(wb);
    // Typing "7亿" is refused by data validation; a paste is not validated (SPEC §7).
    expect(wb.userEdit(sheet, 'H7', '7亿')).toMatchObject({ ok: false, reason: 'validation' });
    expect(wb.userEdit(sheet, 'H7', '-5')).toMatchObject({ ok: false, reason: 'validation' });
    await wb.writeCells([{ sheet, address: 'H7', value: '7亿' }]);

    const report = await validateWorkbook(wb, plan);

    expect(report).toMatchObject({ scope: 'all', checked: [sheet], errors: 1, warnings: 0 });
    const [problem] = report.sheets[0]?.problems ?? [];
    expect(problem).toEqual<SheetProblem>({
      severity: 'error',
      sheet,
      cell: 'H7',
      indicator: 'C1-01',
      field: 'actual',
      key: 'value.notANumberFix',
      params: { fieldKey: 'field.actual', text: '7亿', fix: 7 },
      fix: { cell: 'H7', value: 7 },
    });
    expect(wb.cellView(sheet, 'H7').value).toBe('7亿'); // validating changed nothing

    await applyFix(wb, problem as SheetProblem);
    expect(wb.cellView(sheet, 'H7').value).toBe(7);
    const again = await validateWorkbook(wb, plan, { sheet });
    expect(again).toEqual({ read: [sheet], scope: 'some', checked: [sheet], sheets: [], errors: 0, warnings: 0 });
    expect(mergeReports(report, again)).toEqual({
      read: [sheet],
      scope: 'all',
      checked: [sheet],
      sheets: [],
      errors: 0,
      warnings: 0,
    });
  });

  it('groups problems by sheet in tab order with counts by severity; other sheets are not templates', async () => {
    const wb = new MemoryWorkbook();
    await insertPlanSheet(wb, plan);
    const c1 = await template(wb);
    const c2 = await template(wb, 'C2', '经信商务局');
    await wb.writeCells([
      { sheet: c2, address: 'H15', value: 55 }, // C2-09 growth: the current value without the prior-year value
      // C2-12 share: "0.6%" typed, as Excel keeps it (0.006 in a percent format) — meant as 0.6 个百分点
      { sheet: c2, address: 'H18', value: 0.006, numberFormat: '0.0%' },
      { sheet: c1, address: 'H8', value: '约5亿' },
    ]);
    const report = await validateWorkbook(wb, plan);
    expect(report.read).toEqual(['指标库', c1, c2]);
    expect(report.checked).toEqual([c1, c2]);
    expect(report.sheets.map((s) => [s.sheet, s.errors, s.warnings])).toEqual([
      [c1, 1, 0],
      [
        c2,
        report.sheets[1]?.problems.filter((p) => p.severity === 'error').length,
        report.sheets[1]?.problems.filter((p) => p.severity === 'warning').length,
      ],
    ]);
    expect(at(report)).toEqual(
      expect.arrayContaining([
        `${c1}!H8 value.approximate`,
        `${c2}!I15 value.growthMissingPrior`,
        `${c2}!H18 value.sharePercent`,
      ]),
    );
    expect(report.errors + report.warnings).toBe(report.sheets.reduce((n, s) => n + s.problems.length, 0));
  });

  it('fixes "0.6%" typed into a 个百分点 cell as 0.6 points in the points format, which reads back clean', async () => {
    const wb = new MemoryWorkbook();
    const c2 = await template(wb, 'C2', '经信商务局');
    await wb.writeCells([{ sheet: c2, address: 'H18', value: 0.006, numberFormat: '0.0%' }]);
    const problem = (await validateWorkbook(wb, plan)).sheets[0]?.problems.find((p) => p.cell === 'H18');
    expect(problem).toMatchObject({
      key: 'value.sharePercent',
      fix: { cell: 'H18', value: 0.6, numberFormat: '0.0"个百分点"' },
    });
    await applyFix(wb, problem as SheetProblem);
    const [sheet] = await wb.readSheets([c2], { numberFormats: true });
    expect([sheet?.values[17]?.[7], sheet?.numberFormats?.[17]?.[7]]).toEqual([0.6, '0.0"个百分点"']);
    const again = (await validateWorkbook(wb, plan)).sheets[0]?.problems.filter((p) => p.cell === 'H18') ?? [];
    expect(again).toEqual([]);
  });

  it('typed into the 个百分点 cell: 0.6 is 0.6 points; "0.6%" (kept in the points format) is doubted with the fix', async () => {
    const wb = new MemoryWorkbook();
    const c2 = await template(wb, 'C2', '经信商务局');
    const atH18 = async () =>
      ((await validateWorkbook(wb, plan)).sheets[0]?.problems ?? [])
        .filter((p) => p.cell === 'H18')
        .map((p) => [p.severity, p.key, p.fix?.value]);
    expect(wb.userEdit(c2, 'H18', '0.6')).toEqual({ ok: true });
    expect(await atH18()).toEqual([]);
    expect(wb.userEdit(c2, 'H18', '0.6%')).toEqual({ ok: true });
    expect(await atH18()).toEqual([['warning', 'value.shareHundredth', 0.6]]);
    // a General cell takes the percent format, as in Excel: then the % sign is certain
    await wb.writeCells([{ sheet: c2, address: 'H18', value: null, numberFormat: 'General' }]);
    expect(wb.userEdit(c2, 'H18', '0.6%')).toEqual({ ok: true });
    expect(await atH18()).toEqual([['error', 'value.sharePercent', 0.6]]);
  });

  it('checks only the sheets asked for, and a partial report replaces only those sheets', async () => {
    const wb = new MemoryWorkbook();
    const c1 = await template(wb);
    const c2 = await template(wb, 'C2', '经信商务局');
    await wb.writeCells([
      { sheet: c1, address: 'H7', value: '7亿' },
      { sheet: c2, address: 'H7', value: '2000亩' },
    ]);
    const all = await validateWorkbook(wb, plan);
    expect(all.sheets.map((s) => s.sheet)).toEqual([c1, c2]);
    await wb.writeCells([{ sheet: c2, address: 'H7', value: 2000 }]);
    const some = await validateWorkbook(wb, plan, { sheets: [c2, c2] });
    expect(some).toMatchObject({ read: [c2], scope: 'some', checked: [c2], sheets: [] });
    const merged = mergeReports(all, some);
    expect(merged.sheets.map((s) => s.sheet)).toEqual([c1]);
    expect(merged.checked).toEqual([c1, c2]);
    expect([merged.errors, merged.warnings]).toEqual([all.sheets[0]?.errors, all.sheets[0]?.warnings]);
    await expect(validateWorkbook(wb, plan, { sheet: '无此表' })).rejects.toEqual(
      new PortError('sheetMissing', '无此表'),
    );
  });

  it('finds no templates in a workbook without any', async () => {
    const wb = new MemoryWorkbook();
    await insertPlanSheet(wb, plan);
    expect(await validateWorkbook(wb, plan)).toEqual({
      read: ['指标库'],
      scope: 'all',
      checked: [],
      sheets: [],
      errors: 0,
      warnings: 0,
    });
  });

  it('applyFix refuses a problem without a fix (a programming error), writing nothing', async () => {
    const wb = new MemoryWorkbook();
    const sheet = await template(wb);
    const problem: SheetProblem = {
      severity: 'error',
      sheet,
      cell: 'H7',
      field: 'actual',
      key: 'value.notANumber',
      params: {},
    };
    await expect(applyFix(wb, problem)).rejects.toThrow(TypeError);
  });

  it('validateAll reads the plan in use from the same batch: an edited 指标库 target changes what is implausible', async () => {
    const wb = new MemoryWorkbook();
    await insertPlanSheet(wb, plan);
    const sheet = await template(wb);
    await wb.writeCells([{ sheet, address: 'H7', value: 75 }]); // C1-01: more than 10× the built-in target 7
    const before = await validateAll(wb);
    expect(before.active).toMatchObject({ source: 'sheet', sheet: '指标库', problems: [] });
    expect(at(before.report)).toEqual([`${sheet}!H7 value.implausibleMagnitude`]);
    await wb.writeCells([
      { sheet: '指标库', address: 'J5', value: 70 }, // the office raises the target (and the stretch target above it)
      { sheet: '指标库', address: 'K5', value: 80 },
    ]);
    const after = await validateAll(wb);
    expect(after.active.plan.campaigns[0]?.indicators[0]?.target).toBe(70);
    expect(after.report.sheets).toEqual([]);
    // A broken 指标库 sheet: the built-in plan, flagged, with the sheet's problems.
    await wb.writeCells([{ sheet: '指标库', address: 'J5', value: '七十' }]);
    const broken = await validateAll(wb);
    expect(broken.active).toMatchObject({ source: 'builtin', sheet: '指标库' });
    expect(broken.active.problems.map((p) => p.cell)).toContain('J5');
    expect(broken.report.checked).toEqual([sheet]);
  });
});

describe('merged input cells (issue 12, observation 4d)', () => {
  it('a user merge over two 累计完成 cells: an error at each, naming the range and both indicators; not counted', async () => {
    const wb = new MemoryWorkbook();
    const sheet = await template(wb);
    expect(wb.userEdit(sheet, 'H7', '5')).toEqual({ ok: true });
    expect(wb.userEdit(sheet, 'H8', '3')).toEqual({ ok: true });
    // Excel refuses to merge cells of a protected sheet: staff unprotect it first.
    expect(wb.userMerge(sheet, 'H7:H8')).toMatchObject({ ok: false, reason: 'protected' });
    wb.userUnprotect(sheet);
    expect(wb.userMerge(sheet, 'H7:H8')).toEqual({ ok: true });
    expect((await wb.readSheets([sheet]))[0]?.merges).toContain('H7:H8');

    const report = await validateWorkbook(wb, plan);

    const merged = report.sheets.flatMap((s) => s.problems).filter((p) => p.key === 'value.mergedInput');
    expect(merged.map((p) => [p.cell, p.severity, p.indicator, p.params.range, p.params.codes])).toEqual([
      ['H7', 'error', 'C1-01', 'H7:H8', 'C1-01、C1-02'],
      ['H8', 'error', 'C1-02', 'H7:H8', 'C1-01、C1-02'],
    ]);
    const { result } = await consolidateWorkbook(wb, { plan });
    const rows = result.campaigns.flatMap((c) => c.indicators).filter((i) => ['C1-01', 'C1-02'].includes(i.code));
    expect(rows.map((r) => [r.code, r.actual, r.dataState])).toEqual([
      ['C1-01', null, 'invalid'],
      ['C1-02', null, 'invalid'],
    ]);
  });

  it('the template’s own merges (title, headings) are no problem, and inserted rows move a merge', async () => {
    const wb = new MemoryWorkbook();
    const sheet = await template(wb);
    expect(wb.sheetMeta(sheet).merges.length).toBeGreaterThan(0);
    expect((await validateWorkbook(wb, plan)).errors).toBe(0);
    wb.userUnprotect(sheet);
    wb.userMerge(sheet, 'H9:H10');
    wb.insertRows(sheet, 8);
    expect(wb.sheetMeta(sheet).merges).toContain('H10:H11');
    const cells = (await validateWorkbook(wb, plan)).sheets
      .flatMap((s) => s.problems)
      .filter((p) => p.key === 'value.mergedInput')
      .map((p) => p.cell);
    expect(cells).toEqual(['H10', 'H11']);
  });
});

describe('a template whose hidden marker row was deleted (issue 12, observation 4c)', () => {
  it('校验 reports it (no longer 0 templates, 0 problems) and 一键汇总 counts it with a warning, not as 未报', async () => {
    const wb = new MemoryWorkbook();
    const sheet = await template(wb);
    expect(wb.userEdit(sheet, 'H7', '3.5')).toEqual({ ok: true });
    wb.deleteRows(sheet, 1);
    expect((await wb.listSheets()).find((s) => s.name === sheet)?.marker).toBeUndefined();

    const report = await validateWorkbook(wb, plan);

    expect(report.checked).toEqual([sheet]);
    expect(report.sheets.flatMap((s) => s.problems).map((p) => [p.cell, p.key, p.severity])).toEqual([
      ['A2', 'structure.markerDeleted', 'warning'],
    ]);
    const { result } = await consolidateWorkbook(wb, { plan });
    expect(result.campaigns[0]?.indicators[0]).toMatchObject({ code: 'C1-01', actual: 3.5 });
    const C1 = result.matrix.campaignIds.indexOf('C1');
    expect(result.matrix.rows[result.matrix.departments.indexOf('投资促进中心')]?.[C1]?.state).toBe('submitted');
  });

  it('填报单位 changed to a department the plan does not name: an error, not consolidated', async () => {
    const wb = new MemoryWorkbook();
    const sheet = await template(wb);
    wb.deleteRows(sheet, 1);
    wb.userUnprotect(sheet);
    expect(wb.userEdit(sheet, 'C4', '某某局')).toEqual({ ok: true });
    const report = await validateWorkbook(wb, plan);
    expect(report.sheets.flatMap((s) => s.problems).map((p) => [p.key, p.severity])).toEqual([
      ['structure.markerDeletedAmbiguous', 'error'],
    ]);
    const { result } = await consolidateWorkbook(wb, { plan });
    expect(result.sources.map((s) => s.state)).toEqual(['structure']);
  });
});
