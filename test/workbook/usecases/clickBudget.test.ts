import { builtinPlan } from '../../../src/domain/plan/builtin';
import { createExcelWorkbook } from '../../../src/workbook/excel/excelWorkbook';
import { openConsolidation } from '../../../src/workbook/usecases/consolidationSources';
import { runConsolidation } from '../../../src/workbook/usecases/runConsolidation';
import {
  insertPlanSheetInUse,
  insertTemplateInUse,
  openTemplates,
  updateTemplateInUse,
} from '../../../src/workbook/usecases/templates';
import { validationSession } from '../../../src/workbook/usecases/validationSession';
import { asSeeds, filledTemplates, plausibleFigures } from '../../fixtures/filledTemplates';
import { FakeExcel } from '../excel/fakeExcel';

/**
 * Round trips per click: the use case each button runs, as the task pane and the ribbon run it, through the Excel
 * adapter (the recording fake counts context.sync()) in a workbook of 50 filled department templates — the same
 * sequence `npm run bench` prints, so that every figure the README and docs/architecture.md give is asserted here.
 */

const plan = builtinPlan();

it('each click costs what the docs say, with and without a 指标库 sheet', async () => {
  const excel = new FakeExcel();
  const port = createExcelWorkbook(excel.run, { isSetSupported: excel.isSetSupported, sleep: async () => undefined });
  for (const s of filledTemplates(plan, 50, { figures: plausibleFigures })) excel.addSheet(s.name, asSeeds(s.cells));
  const costs: [string, number][] = [];
  const click = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
    const before = excel.syncs;
    const out = await fn();
    costs.push([label, excel.syncs - before]);
    return out;
  };
  const choice = { campaignId: 'C1', department: '投资促进中心', month: 6, mode: 'kpi' } as const;
  const other = { ...choice, campaignId: 'C2', department: '经信商务局' };

  const opened = await click('open 模板', () => openTemplates(port));
  await click('插入模板', () => insertTemplateInUse(port, choice, opened.active));
  await click('插入模板 again (re-applied)', () => insertTemplateInUse(port, choice, opened.active));
  const session = validationSession(port);
  await click('open 校验', () => session.open());
  await click('校验全部', () => session.checkAll());
  await port.writeCells([{ sheet: '招大引强-投资促进中心-6月', address: 'H7', value: '7亿' }]); // pasted
  const view = await click('校验本表', () => session.checkSheets(['招大引强-投资促进中心-6月']));
  const fixable = view.report?.sheets
    .flatMap((s) => s.problems)
    .find((p) => p.sheet === '招大引强-投资促进中心-6月' && p.fix);
  if (!fixable) throw new Error('no fixable problem');
  await click('修正', () => session.fix(fixable));
  await click('open 汇总', () => openConsolidation(port));
  const run = await click('一键汇总', () => runConsolidation(port, 'pane'));
  expect(run.ok).toBe(true);
  await click('插入指标库', () => insertPlanSheetInUse(port, plan));
  const withPlan = await click('open 模板, 指标库', () => openTemplates(port));
  expect(withPlan.active?.source).toBe('sheet');
  await click('插入模板, 指标库', () => insertTemplateInUse(port, other, withPlan.active));
  await click('插入模板 again, 指标库', () => insertTemplateInUse(port, other, withPlan.active));
  await click('更新已有模板, 指标库', () =>
    updateTemplateInUse(port, { sheet: '转型升级-经信商务局-6月', month: 7, mode: 'kpi' }),
  );
  await click('open 校验, 指标库', () => validationSession(port).open());
  await click('open 汇总, 指标库', () => openConsolidation(port));
  const ribbon = await click('一键汇总, 指标库', () => runConsolidation(port, 'ribbon'));
  expect(ribbon.ok).toBe(true);

  expect(costs).toEqual([
    ['open 模板', 2],
    ['插入模板', 2],
    ['插入模板 again (re-applied)', 7],
    ['open 校验', 2],
    ['校验全部', 2],
    ['校验本表', 1],
    ['修正', 2],
    ['open 汇总', 2],
    ['一键汇总', 3],
    ['插入指标库', 5],
    ['open 模板, 指标库', 3],
    ['插入模板, 指标库', 3],
    ['插入模板 again, 指标库', 8],
    ['更新已有模板, 指标库', 8],
    ['open 校验, 指标库', 3],
    ['open 汇总, 指标库', 3],
    ['一键汇总, 指标库', 3],
  ]);
});
