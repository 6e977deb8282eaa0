import { PICKS_FIELD, picksOfMarker } from '../../../src/domain/consolidation/picks';
import { DETAIL_SHEET, SUMMARY_SHEET } from '../../../src/domain/consolidation/sheetParts';
import type { SourcePick } from '../../../src/domain/consolidation/sources';
import type { CellValue } from '../../../src/domain/grid/cells';
import { decodeMarker } from '../../../src/domain/grid/ownSheets';
import { builtinPlan } from '../../../src/domain/plan/builtin';
import { buildTemplate } from '../../../src/domain/template/template';
import type { ParsedFile } from '../../../src/workbook/files/readXlsx';
import { MemoryWorkbook } from '../../../src/workbook/memory/memoryWorkbook';
import { readImportedFiles } from '../../../src/workbook/usecases/consolidationSources';
import type { LastRun } from '../../../src/workbook/usecases/lastRun';
import { runConsolidation } from '../../../src/workbook/usecases/runConsolidation';
import { saveAsXlsx } from '../files/xlsxFixture';

/**
 * SPEC §8 Corrections, end to end: department workbooks saved as .xlsx with their own save time (docProps/core.xml),
 * read as the pane reads them, consolidated by runConsolidation as the pane and the ribbon run it; the figures are
 * read back from 汇总 and 明细 as a person would look them up.
 */
jest.setTimeout(60_000);

const plan = builtinPlan();
const C5 = '民生改善-社会发展局-6月';
const FIRST = new Date('2019-07-03T01:00:00Z');
const LATER = new Date('2019-07-04T02:30:00Z');

/** 社会发展局's 民生改善 for June with C5-01 filled in, saved as an .xlsx at `savedAt`, read as the pane reads it. */
async function departmentFile(name: string, c501: number, savedAt: Date): Promise<ParsedFile> {
  const wb = new MemoryWorkbook();
  const spec = buildTemplate({ plan, campaignId: 'C5', department: '社会发展局', year: 2019, month: 6, mode: 'kpi' });
  await wb.writeSheet(spec);
  await wb.writeCells([
    { sheet: spec.name, address: 'H7', value: c501 },
    { sheet: spec.name, address: 'H8', value: 0.6 },
  ]);
  const bytes = await saveAsXlsx(wb, undefined, { savedAt });
  // The file system says otherwise (copied today): the workbook's own save time wins.
  const { files } = await readImportedFiles([
    { name, lastModified: Date.UTC(2019, 6, 9), arrayBuffer: async () => bytes.slice().buffer },
  ]);
  const [file] = files;
  if (!file) throw new Error(name);
  return file;
}

async function values(wb: MemoryWorkbook, sheet: string): Promise<readonly (readonly CellValue[])[]> {
  return (await wb.readSheets([sheet]))[0]?.values ?? [];
}

/** The 汇总 row of an indicator (by its code in column B), or the first row that has `text` in a cell. */
const rowOf = (rows: readonly (readonly CellValue[])[], find: CellValue): readonly CellValue[] =>
  rows.find((r) => r.includes(find)) ?? [];
const ACTUAL = 6; // 汇总 column G

/** The 报送情况 cell of a department × campaign (the campaign's column among D…). */
function matrixCell(rows: readonly (readonly CellValue[])[], department: string, campaign: string): CellValue {
  const header = rows.findIndex((r) => r[1] === '填报单位');
  const column = rows[header]?.indexOf(campaign) ?? -1;
  return rows.slice(header).find((r) => r[1] === department)?.[column] ?? null;
}

const summaryPicks = async (wb: MemoryWorkbook): Promise<readonly SourcePick[]> =>
  picksOfMarker(decodeMarker((await values(wb, SUMMARY_SHEET))[0]?.[0])).picks;

const ok = (run: LastRun) => {
  if (!run.ok) throw new Error(JSON.stringify(run.failure));
  return run.outcome;
};

describe('社会发展局 resends 民生改善 as a correction saved later', () => {
  let wb: MemoryWorkbook;
  let outcome: ReturnType<typeof ok>;

  beforeAll(async () => {
    wb = new MemoryWorkbook();
    const files = [
      await departmentFile('民生改善.xlsx', 0.5, FIRST),
      await departmentFile('民生改善(更正).xlsx', 0.55, LATER),
    ];
    outcome = ok(await runConsolidation(wb, 'pane', { files }));
  });

  it('the correction counts in 汇总, and the campaign is not 未填报', async () => {
    const rows = await values(wb, SUMMARY_SHEET);
    expect(rowOf(rows, 'C5-01')[ACTUAL]).toBe(0.55);
    expect(rowOf(rows, 'C5-02')[ACTUAL]).toBe(0.6);
    const c5 = outcome.result.campaigns.find((c) => c.id === 'C5');
    expect(c5?.counts.none).toBe((c5?.indicators.length ?? 0) - 2);
    expect(matrixCell(rows, '社会发展局', '民生改善')).toBe('已报（已更正）');
  });

  it('the first file stays in 明细 as 已被更正, not counted', async () => {
    const rows = await values(wb, DETAIL_SHEET);
    // The detail list's rows: 计入汇总 (column H) is TRUE or FALSE; the problem list below has none.
    const first = rows.filter((r) => r.includes('民生改善.xlsx') && r.includes(C5) && typeof r[7] === 'boolean');
    expect(first.map((r) => [r[6], r[7]])).toEqual([
      [0.5, false],
      [0.6, false],
    ]);
    for (const r of first) expect(String(r[8])).toMatch(/^已被更正/);
    expect(outcome.counts.leftOut.superseded).toBe(1);
    expect(outcome.counts.corrected).toBe(1);
    expect(outcome.result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});

describe('two files saved at the same time: a conflict until the office picks one, a pick every run keeps', () => {
  let wb: MemoryWorkbook;
  let files: ParsedFile[];
  const pick: SourcePick = {
    department: '社会发展局',
    campaignId: 'C5',
    period: { year: 2019, month: 6 },
    origin: { kind: 'file', file: '民生改善(更正).xlsx', sheet: C5 },
  };

  beforeAll(async () => {
    wb = new MemoryWorkbook();
    files = [
      await departmentFile('民生改善.xlsx', 0.5, FIRST),
      await departmentFile('民生改善(更正).xlsx', 0.55, FIRST),
    ];
  });

  it('equal save times: reported as 冲突, those values not used', async () => {
    const outcome = ok(await runConsolidation(wb, 'pane', { files }));
    const rows = await values(wb, SUMMARY_SHEET);
    expect(rowOf(rows, 'C5-01')[ACTUAL]).toBeNull();
    expect(matrixCell(rows, '社会发展局', '民生改善')).toBe('冲突');
    expect(outcome.counts.leftOut.conflict).toBe(2);
  });

  it('以此为准: the pick counts and is written into 汇总’s marker', async () => {
    ok(await runConsolidation(wb, 'pane', { files, picks: [pick] }));
    const rows = await values(wb, SUMMARY_SHEET);
    expect(rowOf(rows, 'C5-01')[ACTUAL]).toBe(0.55);
    expect(decodeMarker(rows[0]?.[0])?.[PICKS_FIELD]).toBeDefined();
    expect(await summaryPicks(wb)).toEqual([pick]);
  });

  it('a second run keeps it; a ribbon run (no files) keeps it too, and the next run with the files applies it', async () => {
    ok(await runConsolidation(wb, 'pane', { files }));
    expect(rowOf(await values(wb, SUMMARY_SHEET), 'C5-01')[ACTUAL]).toBe(0.55);
    const ribbon = ok(await runConsolidation(wb, 'ribbon'));
    expect(ribbon.result.picks).toEqual([pick]);
    expect(await summaryPicks(wb)).toEqual([pick]);
    ok(await runConsolidation(wb, 'pane', { files }));
    const rows = await values(wb, SUMMARY_SHEET);
    expect(rowOf(rows, 'C5-01')[ACTUAL]).toBe(0.55);
    expect(matrixCell(rows, '社会发展局', '民生改善')).toBe('已报（已更正）');
  });
});

describe('a copied sheet in the workbook (no save times): the pick kept by the ribbon, dropped when the sheet goes', () => {
  const copy = '民生改善（副本）';
  let wb: MemoryWorkbook;

  beforeAll(async () => {
    wb = new MemoryWorkbook();
    const spec = buildTemplate({ plan, campaignId: 'C5', department: '社会发展局', year: 2019, month: 6, mode: 'kpi' });
    await wb.writeSheet(spec);
    await wb.writeSheet({ ...spec, name: copy });
    await wb.writeCells([
      { sheet: spec.name, address: 'H7', value: 0.5 },
      { sheet: copy, address: 'H7', value: 0.58 },
    ]);
  });

  it('a conflict, then the copy picked in the pane; the ribbon’s run keeps the pick', async () => {
    const first = ok(await runConsolidation(wb, 'ribbon'));
    expect(first.result.sources.map((s) => s.state)).toEqual(['conflict', 'conflict']);
    const picked: SourcePick = {
      department: '社会发展局',
      campaignId: 'C5',
      period: { year: 2019, month: 6 },
      origin: { kind: 'sheet', sheet: copy },
    };
    ok(await runConsolidation(wb, 'pane', { picks: [picked] }));
    const ribbon = ok(await runConsolidation(wb, 'ribbon'));
    expect(ribbon.result.sources.map((s) => [s.origin.sheet, s.state])).toEqual([
      [C5, 'superseded'],
      [copy, 'included'],
    ]);
    expect(rowOf(await values(wb, SUMMARY_SHEET), 'C5-01')[ACTUAL]).toBe(0.58);
  });

  it('the picked sheet deleted: the pick is dropped with a notice, the other sheet counts', async () => {
    await wb.deleteSheet(copy);
    const run = ok(await runConsolidation(wb, 'ribbon'));
    expect(run.result.problems[0]).toMatchObject({ severity: 'warning', key: 'consolidation.pickGone' });
    expect(run.result.picks).toBeUndefined();
    expect(await summaryPicks(wb)).toEqual([]);
    expect(rowOf(await values(wb, SUMMARY_SHEET), 'C5-01')[ACTUAL]).toBe(0.5);
  });
});
