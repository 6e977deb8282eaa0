import { BULLETIN_SHEET } from '../../../src/domain/bulletin/bulletinSheet';
import { SUMMARY_SHEET, DETAIL_SHEET } from '../../../src/domain/consolidation/sheetParts';
import { builtinPlan } from '../../../src/domain/plan/builtin';
import { HISTORY_SHEET, historySheet } from '../../../src/domain/bulletin/historySheet';
import { historyRecords } from '../../fixtures/history';
import { createExcelWorkbook, type ExcelWorkbook } from '../../../src/workbook/excel/excelWorkbook';
import { consolidateWorkbook } from '../../../src/workbook/usecases/consolidate';
import { runConsolidation } from '../../../src/workbook/usecases/runConsolidation';
import { buildPlanSheet } from '../../../src/domain/plan/planSheet';
import { specToArray } from '../../domain/specToArray';
import { asSeeds, filledTemplates } from '../../fixtures/filledTemplates';
import { FakeExcel, PAYLOAD_LIMIT, type Seed } from '../excel/fakeExcel';

/**
 * Round trips of 一键汇总 through the Excel adapter (the recording fake of Office.js, which counts syncs and
 * refuses batches over 5 MB as Excel on the web does). Deterministic, so asserted: one readAllSheets and one
 * writeSheets, ≤ 3 round trips in all, the same for 250 department sheets as for 5, with 12 months of 历史 as without.
 */
jest.setTimeout(120_000);

const plan = builtinPlan();

function setup(): { excel: FakeExcel; port: ExcelWorkbook; calls: string[] } {
  const excel = new FakeExcel();
  const inner = createExcelWorkbook(excel.run, { isSetSupported: excel.isSetSupported, sleep: async () => undefined });
  const calls: string[] = [];
  const port = new Proxy(inner, {
    get(target, prop, receiver) {
      const v: unknown = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        calls.push(String(prop));
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { excel, port, calls };
}

/** `count` department sheets as Excel holds them after the departments filled them in (values; formulas as formulas). */
function seed(excel: FakeExcel, count: number): void {
  for (const sheet of filledTemplates(plan, count)) excel.addSheet(sheet.name, asSeeds(sheet.cells));
}

describe('round trips of consolidateWorkbook (Excel adapter)', () => {
  it.each([5, 250])(
    '%i template sheets: one readAllSheets + one writeSheets, ≤ 3 round trips, no batch over 5 MB',
    async (count) => {
      const { excel, port, calls } = setup();
      seed(excel, count);
      const { counts } = await consolidateWorkbook(port, { plan });
      expect(counts.sources).toBe(count);
      expect(calls).toEqual(['readAllSheets', 'writeSheets']);
      expect(
        excel.batches.every(
          (b) => b.failed === undefined && b.requestBytes <= PAYLOAD_LIMIT && b.responseBytes <= PAYLOAD_LIMIT,
        ),
      ).toBe(true);
      expect(excel.sheets.map((s) => s.name).slice(-4)).toEqual([
        SUMMARY_SHEET,
        DETAIL_SHEET,
        HISTORY_SHEET,
        BULLETIN_SHEET,
      ]);
      expect(excel.active?.name).toBe(SUMMARY_SHEET);
      expect(excel.syncs).toBeLessThanOrEqual(3);
    },
  );

  it('a re-run replaces 汇总 and 明细 in place, within the same budget', async () => {
    const { excel, port } = setup();
    seed(excel, 250);
    await consolidateWorkbook(port, { plan });
    const before = excel.syncs;
    await consolidateWorkbook(port, { plan });
    expect(excel.sheets.filter((s) => s.name === SUMMARY_SHEET || s.name === DETAIL_SHEET)).toHaveLength(2);
    expect(excel.syncs - before).toBeLessThanOrEqual(3);
    // 汇总, 明细 and 通报 are read back for their markers only (ReadOptions.lean): the re-run's read is the templates'
    // ≈ 2.3 MB, where reading the last run's 明细 in full made it 4.6 MB, within reach of the 5 MB limit.
    const read = excel.batches.slice(-3)[1];
    expect(read?.failed).toBeUndefined();
    expect(read?.responseBytes).toBeLessThan(3 * 1024 * 1024);
  });
});

/**
 * A 历史 sheet of twelve months of 2019 as runs would have left it: every indicator of the plan each month, with the
 * shares of `departments` departments (12 × 50 × (1 + departments) rows).
 */
function seedHistory(excel: FakeExcel, departments: number): number {
  const records = historyRecords(plan, 12, departments);
  excel.addSheet(HISTORY_SHEET, specToArray(historySheet(records, plan)) as Seed[][]);
  return records.length;
}

describe('round trips of the 一键汇总 click (runConsolidation, pane and ribbon), with a 指标库 sheet', () => {
  it.each([1, 250])(
    '%i department sheets: the plan is taken from the one read of every sheet — 3 round trips in all',
    async (count) => {
      const { excel, port, calls } = setup();
      excel.addSheet('指标库', specToArray(buildPlanSheet(plan)) as Seed[][]);
      seed(excel, count);
      const run = await runConsolidation(port, 'ribbon');
      expect(run.ok && run.outcome.counts.sources).toBe(count);
      expect(calls).toEqual(['readAllSheets', 'writeSheets']);
      expect(excel.syncs).toBe(3);
      expect(excel.batches.every((b) => b.failed === undefined && b.requestBytes <= PAYLOAD_LIMIT)).toBe(true);
    },
  );

  it.each([5, 20])(
    '250 department sheets and 12 months of 历史 with %i departments’ shares: read in one batch, the write split in two — 4 round trips',
    async (departments) => {
      const { excel, port } = setup();
      seedHistory(excel, departments);
      seed(excel, 250);
      const run = await runConsolidation(port, 'pane', { reportMonth: 6 });
      if (!run.ok) throw new Error(JSON.stringify(run.failure));
      expect(run.outcome.history.kept).toHaveLength(11);
      expect(excel.batches.map((b) => b.failed)).toEqual([undefined, undefined, undefined, undefined]);
      expect(excel.syncs).toBe(4);
    },
  );

  /**
   * The budget holds while what is read and written fits in Excel on the web's 5 MB a batch. 1 sheet: 12 months of
   * 历史 with 20 departments' shares of every indicator (12,600 rows, the bench's stress case). 250 sheets: their
   * 明细 alone is ≈ 3.2 MB to write, so 12 months of the district records (600 rows: what trend and 督办 read) —
   * with department shares as well the write is split in two and the read chunked (the bench prints those figures).
   */
  it.each([
    [1, 20],
    [250, 0],
  ])(
    '%i department sheets and 12 months of 历史 (%i department shares): 历史 read in the same read, written in the same write — 3 round trips',
    async (count, departments) => {
      const { excel, port, calls } = setup();
      excel.addSheet('指标库', specToArray(buildPlanSheet(plan)) as Seed[][]);
      const recorded = seedHistory(excel, departments);
      seed(excel, count);
      const run = await runConsolidation(port, 'pane', { reportMonth: 6 });
      if (!run.ok) throw new Error(JSON.stringify(run.failure));
      expect(run.outcome.counts.sources).toBe(count);
      expect(run.outcome.history).toMatchObject({ recomputed: [{ year: 2019, month: 6 }], state: 'written' });
      expect(run.outcome.history.kept).toHaveLength(11);
      // May read back from 历史: every indicator of June has last month to compare with.
      expect(run.outcome.bulletin?.trends.filter((t) => t.previous !== undefined)).toHaveLength(50);
      expect(run.outcome.result.problems.filter((p) => p.key.startsWith('bulletin.'))).toEqual([]);
      expect(calls).toEqual(['readAllSheets', 'writeSheets']);
      expect(excel.syncs).toBe(3);
      expect(excel.batches.every((b) => b.failed === undefined && b.requestBytes <= PAYLOAD_LIMIT)).toBe(true);
      expect(excel.sheets.filter((s) => s.name === HISTORY_SHEET)).toHaveLength(1);
      expect(recorded).toBe(12 * 50 * (1 + departments)); // 12 months × the plan's 50 indicators × (district + shares)
    },
  );

  it('an edited 指标库 target is used by that same read (no stale plan)', async () => {
    const { excel, port } = setup();
    const rows = specToArray(buildPlanSheet(plan)).map((r) => [...r]) as Seed[][];
    const targetRow = rows[4]; // C1-01, 确保目标 in column J
    if (targetRow) targetRow[9] = 7.5; // 确保 7 → 7.5 (力争 8)
    excel.addSheet('指标库', rows);
    seed(excel, 5);
    const run = await runConsolidation(port, 'pane');
    const c101 = run.ok ? run.outcome.result.campaigns[0]?.indicators[0] : undefined;
    expect(c101).toMatchObject({ code: 'C1-01', target: 7.5 });
    expect(excel.syncs).toBe(3);
  });
});
