import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { HyperFormula } from 'hyperformula';
import { runKpi } from '../../src/domain/calc/kpi';
import { attainmentFormula, statusFormula, tierFormula, type FormulaMode } from '../../src/domain/calc/formulas';
import { registerKpiFunctions } from '../../src/workbook/memory/kpiPlugin';
import { consolidate, type Source } from '../../src/domain/consolidation/consolidate';
import { detailSheet, summarySheet } from '../../src/domain/consolidation/outputs';
import { builtinPlan } from '../../src/domain/plan/builtin';
import { buildTemplate } from '../../src/domain/template/template';
import { createExcelWorkbook } from '../../src/workbook/excel/excelWorkbook';
import { readXlsx, type ParsedFile } from '../../src/workbook/files/readXlsx';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';
import type { WorkbookConsolidation } from '../../src/workbook/usecases/consolidate';
import { openConsolidation } from '../../src/workbook/usecases/consolidationSources';
import { runConsolidation } from '../../src/workbook/usecases/runConsolidation';
import {
  insertPlanSheetInUse,
  insertTemplateInUse,
  openTemplates,
  updateTemplateInUse,
} from '../../src/workbook/usecases/templates';
import { validationSession } from '../../src/workbook/usecases/validationSession';
import { benchConsolidationScale } from './scale';
import { historyBench } from './historyBench';
import { filesBench } from './filesBench';
import { asReadValues, filledTemplates, templateInputRows, type Figures } from '../fixtures/filledTemplates';
import { FakeExcel, PAYLOAD_LIMIT } from '../workbook/excel/fakeExcel';
import { saveAsXlsx } from '../workbook/files/xlsxFixture';

/**
 * Figures for the README: custom-function throughput, formula-engine recalculation of 10,000 template rows, and
 * 一键汇总 (domain time by number of department sheets, parsing imported .xlsx files, the size of the write batches).
 */

function rate(label: string, n: number, fn: (i: number) => unknown): string {
  for (let i = 0; i < 10_000; i++) fn(i); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const ms = performance.now() - t0;
  return `${label.padEnd(44)} ${(n / (ms / 1000) / 1e6).toFixed(2)} M evaluations/s (${n.toLocaleString('en')} in ${ms.toFixed(0)} ms)`;
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

console.log(`Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'})\n`);
console.log('Custom functions (runKpi, the code Excel calls):');
const N = 1_000_000;
console.log(rate('KPI.ATTAINMENT(actual, 7, "total")', N, (i) => runKpi('ATTAINMENT', [i % 10, 7, 'total'], 'zh-CN')));
console.log(
  rate('KPI.ATTAINMENT(actual, 0.1, "增速")', N, (i) => runKpi('ATTAINMENT', [(i % 10) / 100, 0.1, '增速'], 'zh-CN')),
);
console.log(
  rate('KPI.STATUS(actual, 7, "total", 0.5)', N, (i) => runKpi('STATUS', [i % 10, 7, 'total', 0.5], 'zh-CN')),
);
console.log(rate('KPI.STATUS(blank, 7) (not reported)', N, () => runKpi('STATUS', [null, 7], 'zh-CN')));

registerKpiFunctions();
const ROWS = 10_000;
console.log(`\nFormula engine (HyperFormula), ${ROWS.toLocaleString('en')} template rows, 3 formulas each:`);
for (const mode of ['kpi', 'native'] as FormulaMode[]) {
  // Row 1 holds the expected progress (序时进度), shared by every row as in a template.
  const sheet: (number | string | null)[][] = [[0.5]];
  for (let r = 2; r <= ROWS + 1; r++) {
    const ops = { actual: `A${r}`, target: `B${r}` };
    sheet.push([
      (r % 9) + 0.5,
      7,
      8,
      attainmentFormula(mode, 'total', ops),
      tierFormula(mode, 'total', { ...ops, stretch: `C${r}` }),
      statusFormula(mode, 'total', { ...ops, expected: '$A$1' }),
    ]);
  }
  let hf: HyperFormula | undefined;
  const build = time(() => {
    hf = HyperFormula.buildFromArray(sheet, { licenseKey: 'gpl-v3' });
  });
  if (!hf) throw new Error('no engine');
  const engine = hf;
  const one = time(() => engine.setCellContents({ sheet: 0, row: 5000, col: 0 }, 3.2));
  const shared = time(() => engine.setCellContents({ sheet: 0, row: 0, col: 0 }, 7 / 12));
  const v = engine.getCellValue({ sheet: 0, row: 5000, col: 5 });
  console.log(
    `  ${mode.padEnd(6)} build + first calculation ${build.toFixed(0).padStart(5)} ms; one input changed → recalculated in ${one.toFixed(1)} ms; ` +
      `序时进度 cell changed (all ${ROWS.toLocaleString('en')} STATUS cells) → ${shared.toFixed(0)} ms (sample status ${String(v)})`,
  );
  engine.destroy();
}

// ————— 一键汇总 —————

/** A seeded generator, so that every run consolidates the same figures. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * `count` department sheets as a port reads them (row 0 = sheet row 1; formula cells read back as blank), each a
 * generated template with random figures typed into its input cells: 累计完成 and, for growth rows, 上年同期.
 */
function departmentSheets(count: number, seed = 1): Source[] {
  const rnd = random(seed);
  const figures: Figures = (indicator) => ({
    actual: Math.round(rnd() * 1000) / 10,
    ...(indicator.kind === 'growth' ? { prior: Math.round(rnd() * 1000) / 10 + 1 } : {}),
  });
  return filledTemplates(benchPlan, count, { figures }).map(({ name, cells }) => ({
    origin: { kind: 'sheet', sheet: name },
    sheet: { name, values: asReadValues(cells) },
  }));
}

const benchPlan = builtinPlan();
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

console.log('\n一键汇总, domain only (consolidate + the 汇总 and 明细 specs), random figures:');
for (const count of [10, 100, 1_000]) {
  const sources = departmentSheets(count);
  consolidate(benchPlan, sources.slice(0, 5)); // warm-up
  let result: ReturnType<typeof consolidate> | undefined;
  const compute = time(() => {
    result = consolidate(benchPlan, sources);
  });
  if (!result) throw new Error('no result');
  const done = result;
  let cells = 0;
  const specs = time(() => {
    for (const spec of [summarySheet(done, benchPlan), detailSheet(done)])
      cells += spec.blocks.reduce((n, b) => n + b.rows.reduce((m, r) => m + r.length, 0), 0);
  });
  console.log(
    `  ${String(count).padStart(5)} sheets: consolidate ${compute.toFixed(0).padStart(5)} ms (${(compute / count).toFixed(2)} ms/sheet); ` +
      `specs ${specs.toFixed(0).padStart(4)} ms (${(specs / count).toFixed(2)} ms/sheet); ${done.details.length.toLocaleString('en')} detail rows, ${cells.toLocaleString('en')} cells`,
  );
}

async function fileBench(): Promise<void> {
  const FILES = 50;
  console.log(`\nImported department workbooks: ${FILES} generated .xlsx files through readXlsx (cached values only):`);
  const made: Uint8Array[] = [];
  for (let i = 0; i < FILES; i++) {
    const campaign = benchPlan.campaigns[i % benchPlan.campaigns.length];
    if (!campaign) throw new Error('no campaign');
    const wb = new MemoryWorkbook();
    const spec = buildTemplate({
      plan: benchPlan,
      campaignId: campaign.id,
      department: `部门${i}`,
      year: 2019,
      month: 6,
      mode: 'kpi',
    });
    await wb.writeSheet(spec);
    await wb.writeCells(
      templateInputRows(spec).map(({ actual }, k) => ({ sheet: spec.name, address: actual, value: (i * 7 + k) % 50 })),
    );
    made.push(await saveAsXlsx(wb));
    wb.engine.destroy();
  }
  const bytes = made.reduce((n, b) => n + b.byteLength, 0);
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const parsed: ParsedFile[] = [];
  const slowest = { ms: 0 };
  const total = time(() => {
    made.forEach((data, i) => {
      const t0 = performance.now();
      parsed.push(readXlsx(`部门${i}.xlsx`, data));
      slowest.ms = Math.max(slowest.ms, performance.now() - t0);
      const m = process.memoryUsage(); // sampled after each file: the pane keeps every parsed file until it consolidates
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    });
  });
  const problems = parsed.reduce((n, p) => n + p.problems.length, 0);
  console.log(
    `  ${FILES} files, ${mb(bytes)} in all (${(bytes / FILES / 1024).toFixed(0)} KB each): parsed in ${total.toFixed(0)} ms ` +
      `(${(total / FILES).toFixed(1)} ms/file, slowest ${slowest.ms.toFixed(1)} ms), ${problems} problems`,
  );
  console.log(
    `  memory: rss ${mb(base.rss)} → peak ${mb(peakRss)} (+${mb(peakRss - base.rss)}); heapUsed ${mb(base.heapUsed)} → peak ${mb(peakHeap)} (+${mb(peakHeap - base.heapUsed)})`,
  );
}

async function writeBench(): Promise<void> {
  const SHEETS = 1_000;
  console.log(
    `\n一键汇总 (the click) over ${SHEETS.toLocaleString('en')} department sheets through the Excel adapter (recording fake of Office.js):`,
  );
  const excel = new FakeExcel();
  for (const s of departmentSheets(SHEETS)) excel.addSheet(s.sheet.name, s.sheet.values);
  const port = createExcelWorkbook(excel.run, { isSetSupported: excel.isSetSupported, sleep: async () => undefined });
  let outcome: WorkbookConsolidation | undefined;
  const ms = await timeAsync(async () => {
    const run = await runConsolidation(port, 'ribbon');
    if (!run.ok) throw new Error(`一键汇总 failed: ${JSON.stringify(run.failure)}`);
    outcome = run.outcome;
  });
  const report = port.lastWriteReport();
  // Refused batches (over 5 MB, as Excel on the web refuses them) are what make the adapter split: counted apart.
  const done = excel.batches.filter((b) => b.failed === undefined);
  const refused = excel.batches.filter((b) => b.failed !== undefined).map((b) => b.failed);
  const largestRequest = Math.max(...done.map((b) => b.requestBytes));
  const largestResponse = Math.max(...done.map((b) => b.responseBytes));
  console.log(
    `  ${outcome?.counts.details.toLocaleString('en') ?? '?'} detail rows; ${excel.syncs} round trips in all (write: ${report?.syncs ?? '?'}; ` +
      `refused and split: ${refused.length ? refused.join(', ') : 'none'}), ${ms.toFixed(0)} ms in Node`,
  );
  console.log(
    `  largest request batch ${mb(largestRequest)} (measured by the fake), largest response ${mb(largestResponse)}; ` +
      `the adapter's estimate of the write ${mb(report?.estimatedBytes ?? 0)} — limit ${mb(PAYLOAD_LIMIT)} per batch: ${largestRequest <= PAYLOAD_LIMIT && largestResponse <= PAYLOAD_LIMIT ? 'within' : 'OVER'}`,
  );
}

async function timeAsync(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/**
 * Round trips of what the user clicks, through the Excel adapter (the recording fake counts context.sync()), in a
 * workbook of 50 filled department templates: the use case each button runs, as the task pane and the ribbon run it.
 */
async function roundTripBench(): Promise<void> {
  const WEB_MS = 40; // a round trip to Excel on the web, at the slow end of ARCHITECTURE.md's 15–40 ms
  console.log(
    `\nRound trips per click through the Excel adapter (recording fake), workbook of 50 templates (≈ ${WEB_MS} ms each on the web):`,
  );
  const excel = new FakeExcel();
  const port = createExcelWorkbook(excel.run, { isSetSupported: excel.isSetSupported, sleep: async () => undefined });
  for (const s of departmentSheets(50)) excel.addSheet(s.sheet.name, s.sheet.values);
  const measure = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
    const before = excel.syncs;
    const out = await fn();
    const n = excel.syncs - before;
    console.log(`  ${label.padEnd(66)} ${String(n).padStart(2)} round trips (≈ ${n * WEB_MS} ms on the web)`);
    return out;
  };
  const choice = { campaignId: 'C1', department: '投资促进中心', month: 6, mode: 'kpi' } as const;
  const opened = await measure('open 模板 (the plan in use, the template sheets), no 指标库', () =>
    openTemplates(port),
  );
  await measure('插入模板, no 指标库 (a new sheet)', () => insertTemplateInUse(port, choice, opened.active));
  await measure('插入模板 again, no 指标库 (the same template re-applied)', () =>
    insertTemplateInUse(port, choice, opened.active),
  );
  const session = validationSession(port);
  await measure('open 校验', () => session.open());
  await measure('校验全部 (the plan read in the same batch)', () => session.checkAll());
  await port.writeCells([{ sheet: '招大引强-投资促进中心-6月', address: 'H7', value: '7亿' }]); // pasted
  const view = await measure('校验本表', () => session.checkSheets(['招大引强-投资促进中心-6月']));
  const fixable = view.report?.sheets
    .flatMap((s) => s.problems)
    .find((p) => p.sheet === '招大引强-投资促进中心-6月' && p.fix);
  if (fixable) await measure('修正 (the fix written, its sheet re-checked)', () => session.fix(fixable));
  await measure('open 汇总, no 指标库', () => openConsolidation(port));
  await measure('一键汇总, no 指标库 (the click: runConsolidation)', () => runConsolidation(port, 'pane'));
  await measure('插入指标库', () => insertPlanSheetInUse(port, benchPlan));
  const withPlan = await measure('open 模板, with a 指标库', () => openTemplates(port));
  await measure('插入模板, with a 指标库 (another department)', () =>
    insertTemplateInUse(port, { ...choice, campaignId: 'C2', department: '经信商务局' }, withPlan.active),
  );
  await measure('插入模板 again, with a 指标库 (re-applied)', () =>
    insertTemplateInUse(port, { ...choice, campaignId: 'C2', department: '经信商务局' }, withPlan.active),
  );
  await measure('更新已有模板: that sheet moved to July (renamed), with a 指标库', () =>
    updateTemplateInUse(port, { sheet: '转型升级-经信商务局-6月', month: 7, mode: 'kpi' }),
  );
  await measure('open 校验, with a 指标库', () => validationSession(port).open());
  await measure('open 汇总 (the plan in use, the sheets by marker), with a 指标库', () => openConsolidation(port));
  await measure('一键汇总, with a 指标库 (the click: runConsolidation)', () => runConsolidation(port, 'ribbon'));
}

void (async () => {
  await roundTripBench();
  console.log(`\n${benchConsolidationScale().join('\n')}`);
  await fileBench();
  await writeBench();
  console.log(`\n${(await historyBench(benchPlan)).join('\n')}`);
  console.log(`\n${(await filesBench()).join('\n')}`);
})().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
