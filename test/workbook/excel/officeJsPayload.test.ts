import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { consolidate, type Source } from '../../../src/domain/consolidation/consolidate';
import { detailSheet, summarySheet } from '../../../src/domain/consolidation/outputs';
import { builtinPlan } from '../../../src/domain/plan/builtin';
import type { CellSpec, SheetSpec } from '../../../src/domain/grid/sheetSpec';
import { buildTemplate } from '../../../src/domain/template/template';
import type { CellValue } from '../../../src/domain/grid/cells';
import { createExcelWorkbook } from '../../../src/workbook/excel/excelWorkbook';
import { DEFAULT_BATCH_BUDGET_BYTES, OperationQueue, type Operation } from '../../../src/workbook/excel/payload';
import { queueSheet } from '../../../src/workbook/excel/renderSheet';
import { specToArray } from '../../domain/specToArray';
import { FakeExcel, PAYLOAD_LIMIT } from './fakeExcel';

/**
 * The adapter's request-size estimate (payload.ts) against the request body the real Office.js runtime builds
 * (@microsoft/office-js, excel-web-16.00.debug.js, loaded here in a sandbox with an executor that only records
 * what would be sent). Excel on the web refuses a request over 5 MB; the adapter cuts its writes at 4 MB
 * estimated, so an estimate that stays within 10% of the real size keeps every batch under the limit. Also checks
 * that the fake's request sizes (COMMAND_BYTES) are close to the real ones, so that what the fake refuses is about
 * what Excel on the web would refuse. What Excel on the web counts (UTF-8 bytes, presumably) is not documented.
 */

jest.setTimeout(120_000);

type ExcelNamespace = typeof Excel;

let officeJs: ExcelNamespace | undefined;

function loadOfficeJs(): ExcelNamespace {
  if (officeJs) return officeJs;
  const file = path.join(__dirname, '../../../node_modules/@microsoft/office-js/dist/excel-web-16.00.debug.js');
  const sandbox: Record<string, unknown> = {
    console,
    setTimeout,
    clearTimeout,
    navigator: { userAgent: 'node' },
    location: { href: 'https://localhost/', protocol: 'https:', search: '', hash: '' },
    addEventListener: () => undefined,
    document: {
      readyState: 'complete',
      cookie: '',
      addEventListener: () => undefined,
      getElementsByTagName: () => [],
      createElement: () => ({ setAttribute: () => undefined, style: {} }),
    },
  };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  vm.createContext(sandbox);
  vm.runInContext(fs.readFileSync(file, 'utf8'), sandbox);
  officeJs = (sandbox as { Excel?: ExcelNamespace }).Excel;
  if (!officeJs) throw new Error('Office.js did not load');
  return officeJs;
}

/** The UTF-8 size of the request Office.js builds for the operations `pick` selects (all by default). */
async function realRequestBytes(
  specs: readonly SheetSpec[],
  pick: (queue: OperationQueue) => readonly Operation[] = (q) => q.batches(Infinity).flat(),
): Promise<{ real: number; estimate: number }> {
  const X = loadOfficeJs();
  const bodies: string[] = [];
  const session = {
    _resolveRequestUrlAndHeaderInfo: () => Promise.resolve({ url: 'https://localhost/', headers: {} }),
    _createRequestExecutorOrNull: () => ({
      executeAsync: (_data: unknown, _flags: unknown, message: { Body: unknown }) => {
        bodies.push(JSON.stringify(message.Body));
        // Nothing is executed: the request is only recorded.
        return Promise.resolve({
          ErrorCode: 'GeneralException',
          ErrorMessage: 'recorded',
          HttpStatusCode: 500,
          Headers: {},
          Body: null,
        });
      },
    }),
  };
  const context = new X.RequestContext(session as unknown as string);
  const queue = new OperationQueue();
  const caps = { supports: () => true, skip: () => undefined };
  for (const spec of specs) queueSheet(spec, context.workbook.worksheets.getItem(spec.name), caps, queue);
  const ops = pick(queue);
  for (const op of ops) op.run();
  await context.sync().catch(() => undefined);
  const estimate = ops.reduce((n, op) => n + op.bytes, 0);
  return { real: Buffer.byteLength(bodies[0] ?? ''), estimate };
}

const N = 2000;
const column = (cell: (i: number) => CellSpec): CellSpec[][] => Array.from({ length: N }, (_, i) => [cell(i)]);
const border = { style: 'thin', color: '#808080' } as const;

/** Operation-heavy and data-heavy sheets, in ASCII and in Chinese. */
const WORKLOADS: Readonly<Record<string, SheetSpec>> = {
  'hyperlinks (ASCII)': {
    name: 'S',
    styles: {},
    blocks: [
      { at: 'A1', rows: column((i) => ({ value: `S${i}!H7`, hyperlink: { documentReference: `'S${i}'!H7` } })) },
    ],
  },
  'hyperlinks (Chinese)': {
    name: 'S',
    styles: {},
    blocks: [
      {
        at: 'A1',
        rows: column((i) => ({
          value: `模板${i}!H7`,
          hyperlink: { documentReference: `'模板${i}'!H7`, tooltip: '打开来源' },
        })),
      },
    ],
  },
  merges: { name: 'S', styles: {}, blocks: [], merges: Array.from({ length: N }, (_, i) => `A${i + 1}:C${i + 1}`) },
  'bordered styles': {
    name: 'S',
    styles: { a: { border, fill: '#FFFFFF' }, b: { border, fill: '#EEEEEE' } },
    blocks: [{ at: 'A1', rows: column((i) => ({ value: i, style: i % 2 ? 'a' : 'b' })) }],
  },
  'values and formulas (ASCII)': {
    name: 'S',
    styles: {},
    blocks: [
      {
        at: 'A1',
        rows: Array.from({ length: 20_000 }, (_, i) => [
          { value: `C1-${i}` },
          { value: 'abc' },
          { value: i },
          { formula: `=C${i + 1}*2` },
        ]),
      },
    ],
  },
  'values and formulas (Chinese)': {
    name: 'S',
    styles: {},
    blocks: [
      {
        at: 'A1',
        rows: Array.from({ length: 20_000 }, (_, i) => [
          { value: `合同利用外资${i}` },
          { value: '亿美元' },
          { value: i },
          { formula: `=C${i + 1}*2` },
        ]),
      },
    ],
  },
};

/** 汇总 and 明细 of 250 department templates with their actuals filled in (about 4,900 detail rows). */
function consolidationOutputs(): SheetSpec[] {
  const plan = builtinPlan();
  const sources = Array.from({ length: 250 }, (_, i): Source => {
    const campaign = plan.campaigns[i % plan.campaigns.length];
    if (!campaign) throw new Error('no campaign');
    const spec = buildTemplate({
      plan,
      campaignId: campaign.id,
      department: `部门${i}`,
      year: 2019,
      month: 6,
      mode: 'kpi',
    });
    const values = specToArray(spec).map((row, r) =>
      row.map((v, c): CellValue => {
        if (typeof v === 'string' && v.startsWith('=')) return null;
        if (c === 7 && r >= 6 && r < 6 + campaign.indicators.length) return ((i + r) % 9) + 1;
        return v;
      }),
    );
    return { origin: { kind: 'sheet', sheet: `模板${i}` }, sheet: { name: `模板${i}`, values } };
  });
  const result = consolidate(plan, sources);
  return [summarySheet(result, plan), detailSheet(result)];
}

describe('request size: the estimate against the real Office.js request', () => {
  it.each(Object.keys(WORKLOADS))('%s: real ≤ 110% of the estimate', async (name) => {
    const spec = WORKLOADS[name];
    if (!spec) throw new Error(name);
    const { real, estimate } = await realRequestBytes([spec]);
    expect(real).toBeLessThanOrEqual(1.1 * estimate);
  });

  it('250 filled department templates: every batch the adapter cuts is under 5 MB as Office.js sends it', async () => {
    const outputs = consolidationOutputs();
    const whole = await realRequestBytes(outputs);
    expect(whole.real).toBeLessThanOrEqual(1.1 * whole.estimate);
    const count = new OperationQueue();
    for (const spec of outputs)
      queueSheet(spec, {} as Excel.Worksheet, { supports: () => true, skip: () => undefined }, count);
    const batches = count.batches(DEFAULT_BATCH_BUDGET_BYTES).length;
    expect(batches).toBeGreaterThanOrEqual(1);
    for (let b = 0; b < batches; b++) {
      const { real } = await realRequestBytes(outputs, (q) => q.batches(DEFAULT_BATCH_BUDGET_BYTES)[b] ?? []);
      expect(real).toBeLessThan(PAYLOAD_LIMIT);
    }
  });

  it('the fake counts a request within 25% of what Office.js sends', async () => {
    const outputs = consolidationOutputs();
    const { real } = await realRequestBytes(outputs);
    const excel = new FakeExcel({ payloadLimit: null });
    const port = createExcelWorkbook(excel.run, { isSetSupported: excel.isSetSupported, batchBudgetBytes: Infinity });
    await port.writeSheets(outputs);
    const write = excel.batches[excel.batches.length - 1];
    expect(write?.requestBytes).toBeGreaterThan(0.75 * real);
    expect(write?.requestBytes).toBeLessThan(1.25 * real);
  });
});
