import { BULLETIN_SECTIONS } from '../../../src/domain/bulletin/bulletinSheet';
import { BULLETIN_SHEET_ZH } from '../../../src/domain/i18n/bulletinSheet.zh';
import { builtinPlan } from '../../../src/domain/plan/builtin';
import { MemoryWorkbook } from '../../../src/workbook/memory/memoryWorkbook';
import { consolidateWorkbook, type WorkbookConsolidation } from '../../../src/workbook/usecases/consolidate';
import { writeC1Month } from '../../fixtures/filledTemplates';

/**
 * The pane's links to the 通报's sections and to 汇总's 督办清单 (issue 13): the use case returns where each heading
 * is, taken from the specs it writes — still one writeSheets, no read of its own — and each cell holds its heading.
 */
jest.setTimeout(60_000);

const plan = builtinPlan();

/** The memory workbook, counting its writeSheets calls during the June run. */
function counted(wb: MemoryWorkbook) {
  const calls = { writeSheets: 0 };
  const writeSheets = wb.writeSheets.bind(wb);
  wb.writeSheets = (...args) => {
    calls.writeSheets++;
    return writeSheets(...args);
  };
  return calls;
}

test('the outcome names the 通报 and each section heading cell, and 汇总 督办清单 heading, from the one write', async () => {
  const wb = new MemoryWorkbook();
  await writeC1Month(wb, plan, 5);
  await consolidateWorkbook(wb, { plan, reportMonth: 6 });
  await writeC1Month(wb, plan, 6);
  const calls = counted(wb);
  const june: WorkbookConsolidation = await consolidateWorkbook(wb, { plan, reportMonth: 6 });
  expect(calls.writeSheets).toBe(1);

  const bulletin = june.sections.bulletin;
  expect(bulletin?.sheet).toBe('通报');
  expect(Object.keys(bulletin?.cells ?? {})).toEqual([...BULLETIN_SECTIONS]);
  const [notice] = await wb.readSheets(['通报']);
  const at = (values: readonly (readonly unknown[])[], cell: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(cell);
    if (!m?.[1] || !m[2]) throw new Error(cell);
    return values[Number(m[2]) - 1]?.[m[1].charCodeAt(0) - 65];
  };
  for (const section of BULLETIN_SECTIONS) {
    const cell = bulletin?.cells[section] ?? '';
    expect([section, at(notice?.values ?? [], cell)]).toEqual([
      section,
      BULLETIN_SHEET_ZH[`bulletinSheet.section.${section}`],
    ]);
  }
  // In the order the sheet has them, one row apart at least; 一 right under the title rows.
  const rows = BULLETIN_SECTIONS.map((s) => Number(bulletin?.cells[s].slice(1)));
  expect(rows[0]).toBe(5);
  expect(rows).toEqual([...rows].sort((a, b) => a - b));
  expect(new Set(rows).size).toBe(rows.length);

  // C1-01 黄 → 红 in May and June: 督办, so 汇总 has its 督办清单.
  expect(june.sections.supervision?.sheet).toBe('汇总');
  const [summary] = await wb.readSheets(['汇总']);
  expect(String(at(summary?.values ?? [], june.sections.supervision?.cell ?? 'A1'))).toMatch(
    /^督办清单（效能监察 0 项，督办 1 项）/,
  );
});

test('without a period there is no 通报, and no link to it', async () => {
  const outcome = await consolidateWorkbook(new MemoryWorkbook(), { plan, reportMonth: 6 });
  expect(outcome.result.period).toBeUndefined();
  expect(outcome.sections.bulletin).toBeUndefined();
});
