import { SUMMARY_SHEET } from '../../../src/domain/consolidation/sheetParts';
import type { CellValue } from '../../../src/domain/grid/cells';
import { builtinPlan } from '../../../src/domain/plan/builtin';
import type { Plan } from '../../../src/domain/plan/schema';
import { createExcelWorkbook } from '../../../src/workbook/excel/excelWorkbook';
import { MemoryWorkbook } from '../../../src/workbook/memory/memoryWorkbook';
import type { WorkbookPort } from '../../../src/workbook/port';
import { consolidateWorkbook } from '../../../src/workbook/usecases/consolidate';
import { asSeeds, filledTemplate, templateInputRows, type Figures } from '../../fixtures/filledTemplates';
import { FakeExcel } from '../excel/fakeExcel';

/**
 * 一键汇总 with a result beyond what a number can hold (issue 12, observation 3), through the public use case on both
 * adapters: 9E+307 from two departments summed on C2-01 stopped the run with "Sheet spec has a non-finite number:
 * Infinity" and named no cell. Now the run completes, 汇总 shows #NUM! in C2-01's result cells, an error names each
 * cell counted, and the other indicators are consolidated.
 */
jest.setTimeout(60_000);

/** A 指标库 may set C2-01's target so that 9E+307 is within 1,000× of it (doubtful, but counted). */
function bigTargetPlan(): Plan {
  const plan = structuredClone(builtinPlan()) as Plan & {
    campaigns: { indicators: { code: string; target?: number }[] }[];
  };
  const c201 = plan.campaigns.flatMap((c) => c.indicators).find((i) => i.code === 'C2-01');
  if (!c201) throw new Error('no C2-01');
  c201.target = 1e306;
  return plan;
}

const plan = bigTargetPlan();
/** What the departments typed: 9E+307 each on C2-01, 3 each on C2-02. */
const TYPED: Readonly<Record<string, number>> = { 'C2-01': 9e307, 'C2-02': 3 };
const figures: Figures = (ind) => {
  const actual = TYPED[ind.code];
  return actual === undefined ? undefined : { actual };
};
const templates = ['经信商务局', '发展改革局'].map((department) =>
  filledTemplate({ plan, campaignId: 'C2', department, year: 2019, month: 6, mode: 'kpi' }, { figures }),
);

async function memory(): Promise<WorkbookPort> {
  const wb = new MemoryWorkbook();
  for (const t of templates) {
    await wb.writeSheet(t.spec);
    const writes = templateInputRows(t.spec).flatMap((r) => {
      const value = TYPED[r.code];
      return value === undefined ? [] : [{ sheet: t.name, address: r.actual, value }];
    });
    await wb.writeCells(writes);
  }
  return wb;
}

async function excel(): Promise<WorkbookPort> {
  const fake = new FakeExcel();
  for (const t of templates) fake.addSheet(t.name, asSeeds(t.cells));
  return createExcelWorkbook(fake.run, { isSetSupported: fake.isSetSupported, sleep: async () => undefined });
}

const ACTUAL = 6; // G
const ATTAINMENT = 7; // H
const TIER = 8; // I
const PACE_GAP = 10; // K
const LIGHT = 11; // L

describe.each([
  ['memory workbook', memory],
  ['Excel adapter (fake Office.js)', excel],
])('9E+307 + 9E+307 on C2-01 (%s)', (_, open) => {
  let port: WorkbookPort;
  let outcome: Awaited<ReturnType<typeof consolidateWorkbook>>;
  let summary: readonly (readonly CellValue[])[];
  beforeAll(async () => {
    port = await open();
    outcome = await consolidateWorkbook(port, { plan });
    summary = (await port.readSheets([SUMMARY_SHEET]))[0]?.values ?? [];
  });
  const row = (code: string): readonly CellValue[] => summary.find((r) => r[1] === code) ?? [];

  it('the run completes: both sheets used, 汇总 written', () => {
    expect(outcome.counts.used).toBe(2);
    expect(summary.length).toBeGreaterThan(0);
  });

  it('C2-01 shows #NUM! in its result cells and 无法计算 as its light', () => {
    const r = row('C2-01');
    expect([r[ACTUAL], r[ATTAINMENT], r[TIER], r[PACE_GAP], r[LIGHT]]).toEqual([
      '#NUM!',
      '#NUM!',
      '#NUM!',
      '#NUM!',
      '无法计算',
    ]);
  });

  it('an error names each cell counted (sheet and cell)', () => {
    const named = outcome.result.problems
      .filter((p) => p.key === 'consolidation.outOfRange')
      .map((p) => [p.severity, p.origin?.kind === 'sheet' ? p.origin.sheet : '', p.cell]);
    expect(named).toEqual([
      ['error', templates[1]?.name, 'H7'],
      ['error', templates[0]?.name, 'H7'],
    ]);
    expect(outcome.counts.errors).toBeGreaterThanOrEqual(2);
  });

  it('the other indicators are consolidated (C2-02: 3 + 3)', () => {
    expect(row('C2-02')[ACTUAL]).toBe(6);
  });
});
