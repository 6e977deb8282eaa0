import { builtinPlan } from '../../../src/domain/plan/builtin';
import { MemoryWorkbook } from '../../../src/workbook/memory/memoryWorkbook';
import { openConsolidation } from '../../../src/workbook/usecases/consolidationSources';
import { insertPlanSheet, insertTemplate, openTemplates } from '../../../src/workbook/usecases/templates';
import type { ValidationReport } from '../../../src/workbook/usecases/validateWorkbook';
import { validationSession, type ValidationView } from '../../../src/workbook/usecases/validationSession';

/** The 校验 section's flows over the port (the hook only holds their view): checks, fixes, live re-validation. */

const plan = builtinPlan();

async function template(wb: MemoryWorkbook, campaignId = 'C1', department = '投资促进中心'): Promise<string> {
  return (await insertTemplate(wb, { plan, campaignId, department, year: 2019, month: 6, mode: 'kpi' })).sheet;
}

const cells = (report: ValidationReport | undefined) =>
  (report?.sheets ?? []).flatMap((s) => s.problems.map((p) => `${p.sheet}!${p.cell} ${p.key}`));

/** Resolves with the next live re-validation the session reports. */
function nextCheck(
  session: ReturnType<typeof validationSession>,
): Promise<{ view: ValidationView; sheets: readonly string[]; stop: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    let stop: () => Promise<void> = async () => undefined;
    void session
      .watch((view, sheets) => resolve({ view, sheets, stop }), reject, { debounceMs: 5, maxWaitMs: 20 })
      .then((s) => (stop = s), reject);
  });
}

describe('validationSession', () => {
  it('opens with the plan in use and the template sheets, a damaged template marker among them', async () => {
    const wb = new MemoryWorkbook();
    const a = await template(wb);
    const b = '坏表';
    await wb.writeSheet({
      name: b,
      styles: {},
      blocks: [{ at: 'A1', rows: [[{ value: 'KPI-TRACKER:{"type":"kpi-template",' }]] }],
    });
    const view = await validationSession(wb).open();
    expect(view.templateSheets).toEqual([a, b]);
    expect(view.active).toMatchObject({ source: 'builtin', problems: [] });
    expect(view.report).toBeUndefined();
  });

  it('a check of one sheet replaces only that sheet’s problems in the view; a fix re-checks its sheet', async () => {
    const wb = new MemoryWorkbook();
    const a = await template(wb);
    const b = await template(wb, 'C2', '经信商务局');
    await wb.writeCells([
      { sheet: a, address: 'H7', value: '7亿' },
      { sheet: b, address: 'H7', value: '约5' },
    ]);
    const session = validationSession(wb);
    const all = await session.checkAll();
    expect(cells(all.report)).toEqual([`${a}!H7 value.notANumberFix`, `${b}!H7 value.approximate`]);
    await wb.writeCells([{ sheet: b, address: 'H7', value: null }]); // cleared: not reported, no problem
    expect(cells((await session.checkSheets([b])).report)).toEqual([`${a}!H7 value.notANumberFix`]);
    const problem = all.report?.sheets[0]?.problems[0];
    if (!problem) throw new Error('no problem');
    const fixed = await session.fix(problem);
    expect(cells(fixed.report)).toEqual([]);
    expect(wb.cellView(a, 'H7').value).toBe(7);
  });

  it('live: an edit re-checks the sheet it was made on, once a first check has been shown', async () => {
    const wb = new MemoryWorkbook();
    const a = await template(wb);
    const session = validationSession(wb);
    await session.checkAll();
    const next = nextCheck(session);
    await wb.writeCells([{ sheet: a, address: 'H7', value: '-' }]); // pasted: data validation does not see it
    const { view, sheets, stop } = await next;
    await stop();
    expect(sheets).toEqual([a]);
    expect(cells(view.report)).toEqual([`${a}!H7 value.notANumber`]);
  });

  it('live: an edit of the 指标库 sheet re-reads the plan and checks every template against it', async () => {
    const wb = new MemoryWorkbook();
    await insertPlanSheet(wb, plan);
    const a = await template(wb);
    const session = validationSession(wb);
    expect((await session.open()).active).toMatchObject({ source: 'sheet', sheet: '指标库' });
    wb.userEdit(a, 'H7', '30'); // 30 against 确保 7: under 10× the target, no warning
    expect(cells((await session.checkAll()).report)).toEqual([]);
    const next = nextCheck(session);
    await wb.writeCells([{ sheet: '指标库', address: 'J5', value: 2 }]); // now 30 is over 10× the target
    const { view, stop } = await next;
    await stop();
    expect(view.active?.plan.campaigns[0]?.indicators[0]?.target).toBe(2);
    expect(cells(view.report)).toEqual([`${a}!H7 value.implausibleMagnitude`]);
  });

  it('a sheet that changed and was renamed meanwhile: everything is checked rather than guessed', async () => {
    const wb = new MemoryWorkbook();
    const a = await template(wb);
    const session = validationSession(wb);
    await session.checkAll();
    await wb.renameSheet(a, '投促6月');
    const view = await session.checkSheets([a]);
    expect(view.report?.scope).toBe('all');
    expect(view.templateSheets).toEqual(['投促6月']);
  });

  it('a plan that cannot be read leaves the sheet list (the 模板 and 汇总 openings too)', async () => {
    const wb = new MemoryWorkbook();
    await insertPlanSheet(wb, plan);
    const a = await template(wb);
    const refusing = {
      ...wb,
      listSheets: () => wb.listSheets(),
      readSheets: async () => Promise.reject(new Error('refused')),
    };
    const session = validationSession(refusing as unknown as MemoryWorkbook);
    await expect(session.open()).rejects.toThrow('refused');
    expect(session.current().templateSheets).toEqual([a]);
    const opened = await openTemplates(refusing as unknown as MemoryWorkbook);
    expect(opened.templates.map((t) => t.name)).toEqual([a]);
    expect(opened.error).toBeInstanceOf(Error);
    const sources = await openConsolidation(refusing as unknown as MemoryWorkbook);
    expect(sources.sheets.map((s) => s.name)).toEqual(['指标库', a]);
    expect(sources.error).toBeInstanceOf(Error);
  });
});
