import { performance } from 'node:perf_hooks';
import { HISTORY_SHEET, historySheet, readHistorySheet } from '../../src/domain/bulletin/historySheet';
import { monthBulletin } from '../../src/domain/bulletin/monthBulletin';
import type { Plan } from '../../src/domain/plan/schema';
import { createExcelWorkbook } from '../../src/workbook/excel/excelWorkbook';
import { specToArray } from '../domain/specToArray';
import { FakeExcel, type Seed } from '../workbook/excel/fakeExcel';
import { runConsolidation } from '../../src/workbook/usecases/runConsolidation';
import { asSeeds, filledTemplates } from '../fixtures/filledTemplates';
import { historyRecords } from '../fixtures/history';

/**
 * 历史 at scale (issue 13): `months` × the plan's indicators × `departments` shares (fixtures/history). What one 一键汇总 does with it beyond consolidating: read the 历史 sheet back
 * (readHistorySheet), the month's bulletin (trend, runs, 督办清单, scores), the 历史 spec, and its write through the
 * Excel adapter (the recording fake: the largest request batch). Figures by number of months, to show it is linear.
 */
const ms = (t0: number): string => `${(performance.now() - t0).toFixed(0).padStart(4)} ms`;

export async function historyBench(plan: Plan, departments = 20): Promise<string[]> {
  const lines = [
    `历史: months × ${plan.campaigns.flatMap((c) => c.indicators).length} indicators × ${departments} departments (read back, bulletin, spec, write through the Excel adapter):`,
  ];
  const codes = plan.campaigns.flatMap((c) => c.indicators.map((i) => ({ code: i.code, kind: i.kind })));
  for (const months of [3, 6, 12]) {
    const records = historyRecords(plan, months, departments);
    const values = specToArray(historySheet(records, plan));
    let t0 = performance.now();
    const read = readHistorySheet(
      { name: HISTORY_SHEET, values },
      { codes: codes.map((c) => c.code), year: plan.year },
    );
    const readMs = ms(t0);
    t0 = performance.now();
    monthBulletin(read.records, { year: plan.year, month: months }, codes);
    const bulletinMs = ms(t0);
    t0 = performance.now();
    const spec = historySheet(read.records, plan);
    const specMs = ms(t0);
    const excel = new FakeExcel();
    const port = createExcelWorkbook(excel.run, { isSetSupported: excel.isSetSupported, sleep: async () => undefined });
    await port.writeSheets([spec], { replace: true });
    const largest = Math.max(...excel.batches.map((b) => b.requestBytes));
    lines.push(
      `  ${String(months).padStart(2)} months: ${read.records.length.toLocaleString('en').padStart(6)} records (${read.problems.length} problems); ` +
        `read back ${readMs}, bulletin ${bulletinMs}, spec ${specMs}; write ${excel.syncs} round trips, largest batch ${(largest / 1024 / 1024).toFixed(2)} MB`,
    );
  }
  for (const [sheets, shares] of [
    [250, 0],
    [250, 5],
    [250, departments],
  ] as const) {
    const excel = new FakeExcel();
    const port = createExcelWorkbook(excel.run, { isSetSupported: excel.isSetSupported, sleep: async () => undefined });
    excel.addSheet(HISTORY_SHEET, specToArray(historySheet(historyRecords(plan, 12, shares), plan)) as Seed[][]);
    for (const s of filledTemplates(plan, sheets)) excel.addSheet(s.name, asSeeds(s.cells));
    const run = await runConsolidation(port, 'pane', { reportMonth: 6 });
    if (!run.ok) throw new Error(JSON.stringify(run.failure));
    const done = excel.batches.filter((b) => b.failed === undefined);
    const largest = Math.max(...done.map((b) => Math.max(b.requestBytes, b.responseBytes)));
    lines.push(
      `  the click over ${sheets} sheets with 12 months of 历史 and ${String(shares).padStart(2)} department shares: ` +
        `${excel.syncs} round trips, largest batch ${(largest / 1024 / 1024).toFixed(2)} MB (5 MB a batch: over it, reads are chunked and writes split)`,
    );
  }
  return lines;
}
