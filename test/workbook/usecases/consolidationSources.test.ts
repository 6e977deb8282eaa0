import { builtinPlan } from '../../../src/domain/plan/builtin';
import { MemoryWorkbook } from '../../../src/workbook/memory/memoryWorkbook';
import {
  detectSources,
  estimate,
  openConsolidation,
  previewPeriod,
  readImportedFiles,
} from '../../../src/workbook/usecases/consolidationSources';
import { insertPlanSheet, insertTemplate } from '../../../src/workbook/usecases/templates';
import { saveAsXlsx } from '../files/xlsxFixture';

/** What the 汇总 section shows before a run: sources by marker, by the domain's rules; imported files read. */

const plan = builtinPlan();

async function workbook(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await insertPlanSheet(wb, plan);
  for (const [campaignId, department, month] of [
    ['C1', '投资促进中心', 6],
    ['C2', '经信商务局', 6],
    ['C2', '经信商务局', 5],
  ] as const)
    await insertTemplate(wb, { plan, campaignId, department, year: 2019, month, mode: 'kpi' });
  await wb.writeSheet({
    name: '坏表',
    styles: {},
    blocks: [{ at: 'A1', rows: [[{ value: 'KPI-TRACKER:{"type":"kpi-template",' }]] }],
  });
  return wb;
}

it('opens with the plan in use and the sheets; a damaged template marker is listed, its state unknown', async () => {
  const wb = await workbook();
  const { plan: inUse, sheets } = await openConsolidation(wb);
  expect(inUse?.id).toBe(plan.id);
  const sources = detectSources(sheets, []);
  expect(sources.map((s) => s.origin.kind === 'sheet' && s.origin.sheet)).toEqual([
    '招大引强-投资促进中心-6月',
    '转型升级-经信商务局-6月',
    '转型升级-经信商务局-5月',
    '坏表',
  ]);
  const june = previewPeriod(sources, 2019);
  expect(june).toEqual({ year: 2019, month: 6 });
  expect([...estimate(sources, june).values()]).toEqual(['included', 'included', 'otherPeriod', 'unknown']);
});

it('a department file sent in counts like a sheet: the same department twice for June is a conflict', async () => {
  const wb = await workbook();
  const bytes = await saveAsXlsx(wb, ['转型升级-经信商务局-6月']);
  const picked = [
    { name: '经信商务局.xlsx', arrayBuffer: async () => bytes.slice().buffer },
    { name: '坏.xlsx', arrayBuffer: async () => new TextEncoder().encode('not a workbook').buffer },
    {
      name: '读不出.xlsx',
      arrayBuffer: async (): Promise<ArrayBuffer> => {
        throw new Error('disk error');
      },
    },
  ];
  const { files, error } = await readImportedFiles(picked);
  expect(error).toBeUndefined();
  expect(files.map((f) => [f.file, f.problems.map((p) => p.code)])).toEqual([
    ['经信商务局.xlsx', []],
    ['坏.xlsx', ['fileUnreadable']], // no workbook at all
    ['读不出.xlsx', ['fileUnreadable']],
  ]);
  expect(files[2]?.problems[0]?.detail).toBe('disk error');
  const sources = detectSources((await openConsolidation(wb)).sheets, [{ name: '经信商务局.xlsx', parsed: files[0] }]);
  expect([...estimate(sources, { year: 2019, month: 6 }).values()]).toEqual([
    'included',
    'conflict',
    'otherPeriod',
    'unknown',
    'conflict',
  ]);
});
