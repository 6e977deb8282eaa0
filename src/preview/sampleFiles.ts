import { builtinPlan } from '../domain/plan/builtin';
import { buildTemplate } from '../domain/template/template';
import { COLUMN } from '../domain/template/layout';
import { parseCell } from '../domain/grid/address';
import type { SheetSpec } from '../domain/grid/sheetSpec';
import { FileWorkbook } from '../workbook/files/fileWorkbook';
import { SAMPLE_MONTH, SAMPLE_YEAR } from './sample';

/**
 * The preview's sample mail (issue 13): department files as the office receives them after the June sheets are in,
 * imported with one click in 汇总 — 发展改革局's share of 转型升级 sent on 3 July and resent corrected on 4 July (the
 * later one counts: 已被更正), and 经信商务局's share of 项目建设 saved on 9 July, after the 5th (逾期). Each is the
 * template the add-in exports, filled and saved with the department's own save time, written by the file adapter.
 */

interface SampleFile {
  readonly name: string;
  readonly campaignId: string;
  readonly department: string;
  readonly values: Readonly<Record<string, number>>;
  /** The workbook's own last-saved time (Beijing time in words: 3 July 09:00 is 01:00 UTC). */
  readonly savedAt: string;
}

export const SAMPLE_FILES: readonly SampleFile[] = [
  {
    name: '发展改革局-转型升级.xlsx',
    campaignId: 'C2',
    department: '发展改革局',
    values: { 'C2-01': 300, 'C2-10': 4 },
    savedAt: '2019-07-03T01:00:00Z',
  },
  {
    name: '发展改革局-转型升级（更正）.xlsx',
    campaignId: 'C2',
    department: '发展改革局',
    values: { 'C2-01': 350, 'C2-10': 4 },
    savedAt: '2019-07-04T02:30:00Z',
  },
  {
    name: '经信商务局-项目建设.xlsx',
    campaignId: 'C3',
    department: '经信商务局',
    values: { 'C3-07': 2 },
    savedAt: '2019-07-09T02:00:00Z',
  },
];

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The sample files as a file picker gives them (the file system date is the save time too). */
export async function sampleFiles(): Promise<File[]> {
  const plan = builtinPlan();
  return Promise.all(
    SAMPLE_FILES.map(async (f) => {
      const wb = new FileWorkbook();
      const spec = buildTemplate({
        plan,
        campaignId: f.campaignId,
        department: f.department,
        year: SAMPLE_YEAR,
        month: SAMPLE_MONTH,
        mode: 'native',
      });
      await wb.writeSheet(spec);
      await wb.writeCells(
        Object.entries(f.values).map(([code, value]) => ({
          sheet: spec.name,
          address: `${COLUMN.actual}${rowOfCode(spec, code)}`,
          value,
        })),
      );
      const savedAt = new Date(f.savedAt);
      return new File([wb.save({ modified: savedAt }) as BlobPart], f.name, {
        type: XLSX_TYPE,
        lastModified: savedAt.getTime(),
      });
    }),
  );
}

/** The sheet row of an indicator on a template spec: where its code is written. */
function rowOfCode(spec: SheetSpec, code: string): number {
  for (const block of spec.blocks) {
    const at = parseCell(block.at);
    const r = block.rows.findIndex((row) => row.some((cell) => cell?.value === code));
    if (r >= 0) return at.row + r;
  }
  throw new Error(`${code} is not on ${spec.name}`);
}
