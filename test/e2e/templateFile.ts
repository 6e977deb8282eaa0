import { read } from '@e965/xlsx';
import { toExcelSerial } from '../../src/domain/calc/calc';
import { listedMarkerOf, templateMarkerOf } from '../../src/domain/grid/ownSheets';
import type { SheetData } from '../../src/domain/grid/sheet';
import type { CellValue } from '../../src/domain/grid/cells';
import { parseCell } from '../../src/domain/grid/address';
import { builtinPlan } from '../../src/domain/plan/builtin';
import { campaignDepartments } from '../../src/domain/plan/departments';
import { actualHeader, CELLS, COLUMN, ROWS } from '../../src/domain/template/layout';
import { buildTemplate } from '../../src/domain/template/template';
import { templateFileName } from '../../src/workbook/usecases/exportTemplates';
import { readXlsx } from '../../src/workbook/files/readXlsx';
import { templateInputRows } from '../fixtures/filledTemplates';

/**
 * What the browser tests of 导出模板 (issue 14: the files page and the 模板 tab) expect of the month's template files,
 * read back from the downloaded bytes with the add-in's own reader (readXlsx: cached values, as a department file
 * is read) and, for the formulas themselves, with SheetJS.
 */

/** Every template of the built-in plan for a month, in plan order: one per department of each campaign. */
export function expectedTemplates(
  year: number,
  month: number,
): { fileName: string; campaignId: string; department: string }[] {
  return builtinPlan().campaigns.flatMap((c) =>
    campaignDepartments(c).map((d) => ({
      fileName: templateFileName(c.name, d.name, year, month),
      campaignId: c.id,
      department: d.name,
    })),
  );
}

/** A cell of a grid read back (row 0 = sheet row 1). */
export function cellOf(sheet: SheetData, address: string): CellValue {
  const { row, column } = parseCell(address);
  return sheet.values[row - 1]?.[column - 1] ?? null;
}

/**
 * Checks one downloaded template file: a single sheet, named as 插入模板 names it, with the add-in's marker for this
 * campaign, department and month (native formulas); the report period (the month's last day, a real date) and the
 * month's 累计完成 header; every indicator row's code in its row and its input cells (累计完成, 上年同期, 滞后原因)
 * empty; every formula native (no KPI. function) and saved with its cached result — the status of a row nobody has
 * filled reads 0 (未填报), not blank — so that WPS, LibreOffice or Excel without the add-in show it as it is.
 */
export function expectTemplateFile(
  bytes: Uint8Array,
  wanted: { readonly campaignId: string; readonly department: string; readonly year: number; readonly month: number },
): void {
  const { campaignId, department, year, month } = wanted;
  const spec = buildTemplate({ plan: builtinPlan(), campaignId, department, year, month, mode: 'native' });
  const parsed = readXlsx('template.xlsx', bytes);
  expect(parsed.problems).toEqual([]);
  expect(parsed.sheets.map((s) => s.name)).toEqual([spec.name]);
  const sheet = parsed.sheets[0] as SheetData;
  expect(templateMarkerOf(listedMarkerOf(sheet.values).marker)).toEqual({
    type: 'kpi-template',
    plan: builtinPlan().id,
    campaign: campaignId,
    department,
    year,
    month,
    mode: 'native',
    role: expect.any(String),
  });
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  expect(cellOf(sheet, CELLS.period)).toBe(toExcelSerial({ year, month, day: lastDay }));
  expect(cellOf(sheet, CELLS.department)).toBe(department);
  expect(cellOf(sheet, `${COLUMN.actual}${ROWS.header}`)).toBe(actualHeader(month));

  const rows = templateInputRows(spec);
  const indicators = builtinPlan().campaigns.find((c) => c.id === campaignId)?.indicators ?? [];
  expect(rows.map((r) => r.code)).toEqual(indicators.map((i) => i.code));
  for (const r of rows) {
    expect(cellOf(sheet, `${COLUMN.code}${r.row}`)).toBe(r.code);
    expect([cellOf(sheet, r.actual), cellOf(sheet, r.prior), cellOf(sheet, r.reason)]).toEqual([null, null, null]);
    expect(cellOf(sheet, `${COLUMN.status}${r.row}`)).toBe(0); // a cached result, not blank
  }
  // No formula cell without its cached result (readXlsx lists those).
  expect(sheet.uncalculated ?? []).toEqual([]);

  // The formulas themselves: native functions only, each with a cached value.
  const book = read(bytes, { type: 'buffer', cellFormula: true });
  const ws = book.Sheets[spec.name] ?? {};
  const formulas = Object.entries(ws)
    .filter(([address]) => !address.startsWith('!'))
    .flatMap(([address, cell]) => {
      const c = cell as { f?: string; v?: unknown };
      return c.f === undefined ? [] : [{ address, formula: c.f, cached: c.v }];
    });
  const statusCells = rows.map((r) => `${COLUMN.status}${r.row}`);
  expect(formulas.map((f) => f.address)).toEqual(expect.arrayContaining(statusCells));
  expect(formulas.filter((f) => /\bKPI\./i.test(f.formula))).toEqual([]);
  expect(formulas.filter((f) => f.cached === undefined)).toEqual([]);
}
