import { builtinPlan } from '../../src/domain/plan/builtin';
import { buildTemplate } from '../../src/domain/template/template';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';
import { templateInputRows } from '../fixtures/filledTemplates';
import { saveAsXlsx } from '../workbook/files/xlsxFixture';

/** The MIME type of the .xlsx files the browser tests pick. */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A department's workbook of 2019's `month` (default June) made here — its template of the built-in plan with
 * `values` by indicator code, and its own save time when given — as the pane's file picker receives it.
 */
export async function departmentFile(
  campaignId: string,
  department: string,
  values: Readonly<Record<string, number>>,
  savedAt?: Date,
  month = 6,
): Promise<Buffer> {
  const wb = new MemoryWorkbook();
  const spec = buildTemplate({ plan: builtinPlan(), campaignId, department, year: 2019, month, mode: 'kpi' });
  await wb.writeSheet(spec);
  const actual = new Map(templateInputRows(spec).map((row) => [row.code, row.actual]));
  await wb.writeCells(
    Object.entries(values).map(([code, value]) => {
      const address = actual.get(code);
      if (!address) throw new Error(`${code} is not on ${spec.name}`);
      return { sheet: spec.name, address, value };
    }),
  );
  return Buffer.from(await saveAsXlsx(wb, undefined, savedAt ? { savedAt } : {}));
}
