import { PORT_CHECKS } from '../../src/workbook/contract/portContract';
import type { ContractTarget } from '../../src/workbook/contract/target';
import { excelContractTarget } from '../../src/workbook/excel/excelContract';
import { memoryContractTarget } from '../../src/workbook/memory/memoryContract';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';
import { runSelfTest, UNCHANGED_CHECK_ID, type SelfTestRun } from '../../src/workbook/usecases/selfTest';
import { FakeExcel } from './excel/fakeExcel';
import { fileContractTarget } from '../../src/workbook/files/fileContract';
import { FileWorkbook } from '../../src/workbook/files/fileWorkbook';

/**
 * The port contract (src/workbook/contract/portContract.ts) against both adapters: the memory workbook, and the
 * Excel adapter over the recording fake of Office.js. Every check passes, except those the fake cannot answer,
 * which are skipped with their reason; that list is asserted exactly, so that it cannot grow silently.
 */

const ENV = { addinVersion: 'test', host: 'jest', platform: 'node', excelVersion: '—' };

/** What the recording fake does not model, so these inspections need a real Excel (设置 → 自检). */
const FAKE_CANNOT = {
  calculation: 'needs real Excel: the recording fake does not calculate formulas',
  mergedAreas: 'needs real Excel: the recording fake does not model Range.getMergedAreasOrNullObject',
  columnWidth: 'needs real Excel: the recording fake records format writes but does not answer format loads',
} as const;

const SKIPPED: Record<'memory' | 'excel over the fake' | 'file', Record<string, string>> = {
  memory: {},
  // A file has no person inserting rows above a marker (the file adapter declares it cannot).
  file: { 'listSheets.markerAfterInsertedRows': 'a file workbook has no person inserting rows above a marker' },
  'excel over the fake': {
    'formulas.calculated': FAKE_CANNOT.calculation,
    'writeSheet.merges': FAKE_CANNOT.mergedAreas,
    'writeSheet.columnWidths': FAKE_CANNOT.columnWidth,
  },
};

function memoryTarget(): { target: ContractTarget; workbook: MemoryWorkbook } {
  const workbook = new MemoryWorkbook();
  return { target: memoryContractTarget(workbook), workbook };
}

function fakeTarget(apiVersion = '1.17'): { target: ContractTarget; excel: FakeExcel } {
  const excel = new FakeExcel({ apiVersion, raiseChangedOnWrites: true });
  const target = excelContractTarget(excel.run, {
    isSetSupported: excel.isSetSupported,
    sleep: async () => undefined,
    settleMs: 5,
    without: FAKE_CANNOT,
  });
  return { target, excel };
}

/** A few sheets of someone's own, to see that 自检 leaves them alone. */
async function seed(port: ContractTarget['port']): Promise<void> {
  await port.writeSheet({
    name: '我的表',
    styles: {},
    blocks: [{ at: 'B2', rows: [[{ value: 1 }, { formula: '=B2*3' }]] }],
  });
  await port.writeSheet({ name: 'Sheet2', styles: {}, blocks: [{ at: 'A1', rows: [[{ value: '保留' }]] }] });
}

function summary(run: SelfTestRun) {
  return {
    failed: run.results.filter((r) => r.status === 'failed').map((r) => `${r.id}: ${r.message ?? ''}`),
    skipped: Object.fromEntries(run.results.filter((r) => r.status === 'skipped').map((r) => [r.id, r.message])),
  };
}

const clock = () => 0;
const now = () => new Date(2026, 11, 7, 0, 15, 0);

describe('the port contract', () => {
  test('has unique ids, both titles, and covers every port method', () => {
    const ids = PORT_CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of PORT_CHECKS) expect(c.title.zh && c.title.en).toBeTruthy();
    const methods = [
      'listSheets',
      'readSheets',
      'readAllSheets',
      'writeSheet',
      'writeSheets',
      'insertSheet',
      'renameSheet',
      'deleteSheet',
      'writeCells',
      'activate',
      'onChange',
    ];
    for (const m of methods)
      expect(PORT_CHECKS.some((c) => c.id.split(/[.\s/]/).includes(m) || c.title.en.includes(m))).toBe(true);
  });

  test.each([
    ['memory', () => memoryTarget().target],
    ['excel over the fake', () => fakeTarget().target],
    ['file', () => fileContractTarget(new FileWorkbook())],
  ] as const)('every check passes on %s, and only the listed ones are skipped', async (name, make) => {
    const target = make();
    await seed(target.port);
    const run = await runSelfTest(target, ENV, { now, clock });
    expect(summary(run)).toEqual({ failed: [], skipped: SKIPPED[name] });
    expect(run.results.map((r) => r.id)).toEqual([...PORT_CHECKS.map((c) => c.id), UNCHANGED_CHECK_ID]);
  });

  test('the memory workbook: sheets and every other sheet unchanged after 自检', async () => {
    const { target, workbook } = memoryTarget();
    await seed(target.port);
    await workbook.activate('Sheet2', 'A1');
    const sheets = await workbook.listSheets();
    const data = await workbook.readAllSheets({ formulas: true, numberFormats: true });
    await runSelfTest(target, ENV, { now, clock });
    expect(await workbook.listSheets()).toEqual(sheets);
    expect(await workbook.readAllSheets({ formulas: true, numberFormats: true })).toEqual(data);
    expect(workbook.active).toEqual({ sheet: 'Sheet2', cell: 'A1' });
  });

  test('the Excel adapter over the fake: sheets and every other sheet unchanged after 自检', async () => {
    const { target, excel } = fakeTarget();
    await seed(target.port);
    const tabs = excel.tabs();
    const cells = excel.sheets.map((s) => [s.name, [...s.cells]]);
    await runSelfTest(target, ENV, { now, clock });
    expect(excel.tabs()).toEqual(tabs);
    expect(excel.sheets.map((s) => [s.name, [...s.cells]])).toEqual(cells);
  });

  test('scratch sheets are removed after a failing check too, and the failure is reported', async () => {
    const { target, workbook } = memoryTarget();
    await seed(target.port);
    const before = workbook.sheetNames();
    const run = await runSelfTest(target, ENV, {
      now,
      clock,
      checks: [
        {
          id: 'boom',
          title: { zh: '失败', en: 'fails' },
          async run({ port, scratch }) {
            await port.writeSheet({ name: scratch(), styles: {}, blocks: [] });
            throw new Error('on purpose');
          },
        },
      ],
    });
    expect(run.results.map((r) => [r.id, r.status, r.message])).toEqual([
      ['boom', 'failed', 'on purpose'],
      [UNCHANGED_CHECK_ID, 'passed', undefined],
    ]);
    expect(workbook.sheetNames()).toEqual(before);
  });

  test('on an Excel before ExcelApi 1.14 the adapter declares that it reports its own writes, and does', async () => {
    const { target } = fakeTarget('1.13');
    expect(target.ownWrites).toBe('reported');
    const run = await runSelfTest(target, ENV, { now, clock, checks: PORT_CHECKS.filter((c) => c.id === 'onChange') });
    expect(summary(run).failed).toEqual([]);
  });

  test('on an Excel without worksheets.onChanged (before ExcelApi 1.9) the onChange check is skipped, saying why', async () => {
    const { target } = fakeTarget('1.8');
    const run = await runSelfTest(target, ENV, { now, clock, checks: PORT_CHECKS.filter((c) => c.id === 'onChange') });
    expect(summary(run)).toEqual({
      failed: [],
      skipped: { onChange: 'unsupported: worksheets.onChanged needs ExcelApi 1.9' },
    });
  });

  test('on an older Excel (ExcelApi 1.7) the checks needing newer APIs are skipped, naming the requirement set', async () => {
    const { target } = fakeTarget('1.7');
    const run = await runSelfTest(target, ENV, { now, clock });
    expect(summary(run)).toEqual({
      failed: [],
      skipped: {
        ...SKIPPED['excel over the fake'],
        'writeSheet.validation': 'Range.dataValidation needs ExcelApi 1.8',
        onChange: 'unsupported: worksheets.onChanged needs ExcelApi 1.9',
      },
    });
  });
});
