import {
  BULLETIN_MARKER_TYPE,
  DETAIL_MARKER_TYPE,
  HISTORY_MARKER_TYPE,
  SUMMARY_MARKER_TYPE,
} from '../../../src/domain/grid/ownSheets';
import { BULLETIN_SHEET } from '../../../src/domain/bulletin/bulletinSheet';
import { DETAIL_SHEET, SUMMARY_SHEET } from '../../../src/domain/consolidation/sheetParts';
import { HISTORY_SHEET } from '../../../src/domain/bulletin/historySheet';
import { builtinPlan } from '../../../src/domain/plan/builtin';
import { decodeMarker } from '../../../src/domain/grid/ownSheets';
import { buildTemplate } from '../../../src/domain/template/template';
import type { CellValue } from '../../../src/domain/grid/cells';
import { loadSampleWorkbook } from '../../../src/preview/sample';
import { readXlsx, type ParsedFile } from '../../../src/workbook/files/readXlsx';
import { MemoryWorkbook } from '../../../src/workbook/memory/memoryWorkbook';
import { PortError } from '../../../src/workbook/port';
import { type SheetData } from '../../../src/domain/grid/sheet';
import {
  CONSOLIDATION_STAGES,
  FILE_PROBLEM_KEYS,
  consolidateWorkbook,
  type ConsolidationStage,
} from '../../../src/workbook/usecases/consolidate';
import { runConsolidation } from '../../../src/workbook/usecases/runConsolidation';
import { lastRun } from '../../../src/workbook/usecases/lastRun';
import { PLAN_FIRST_TARGET_CELL, insertTemplate } from '../../../src/workbook/usecases/templates';
import { saveAsXlsx } from '../files/xlsxFixture';

/**
 * 一键汇总 end to end on the in-memory workbook: the preview's sample workbook (指标库 + the five lead departments'
 * June sheets, with their planted mistakes) plus department workbooks sent in as .xlsx files, saved from another
 * workbook and parsed as the task pane parses them. Summary values are checked against figures computed here from
 * the inputs, not from the consolidation.
 */
jest.setTimeout(60_000);

const plan = builtinPlan();
const C1 = '招大引强-投资促进中心-6月';
const C2 = '转型升级-经信商务局-6月';
const C5 = '民生改善-社会发展局-6月';

/** The input row of an indicator on a freshly generated template (H actual, I prior, N reason; from row 7). */
function input(code: string, field: 'actual' | 'prior' | 'reason'): string {
  const campaign = plan.campaigns.find((c) => c.indicators.some((i) => i.code === code));
  const index = campaign?.indicators.findIndex((i) => i.code === code) ?? -1;
  if (!campaign || index < 0) throw new Error(code);
  return `${{ actual: 'H', prior: 'I', reason: 'N' }[field]}${7 + index}`;
}

type Entry = { actual?: number | string; prior?: number; reason?: string };

/** A department's workbook with one template, filled in, saved as .xlsx and read back as the pane reads it. */
async function departmentFile(
  file: string,
  campaignId: string,
  department: string,
  values: Readonly<Record<string, Entry>>,
  month = 6,
): Promise<ParsedFile> {
  const wb = new MemoryWorkbook();
  const spec = buildTemplate({ plan, campaignId, department, year: 2019, month, mode: 'kpi' });
  await wb.writeSheet(spec);
  await wb.writeCells(
    Object.entries(values).flatMap(([code, e]) =>
      (['actual', 'prior', 'reason'] as const).flatMap((f) =>
        e[f] === undefined ? [] : [{ sheet: spec.name, address: input(code, f), value: e[f] ?? null }],
      ),
    ),
  );
  return readXlsx(file, await saveAsXlsx(wb));
}

/** 发展改革局 also reports on 转型升级 (a sum, a growth pair and, for a `single` indicator, a differing value). */
const DRC_C2: Readonly<Record<string, Entry>> = {
  'C2-01': { actual: 300 },
  'C2-07': { actual: 120.5 },
  'C2-13': { actual: 2.1, prior: 1.9 },
  'C2-03': { actual: 40 },
};
/** 社会发展局 sends 民生改善 again as a file, with other values: a conflict with the sheet in the workbook. */
const SDB_C5: Readonly<Record<string, Entry>> = { 'C5-01': { actual: 0.7 }, 'C5-02': { actual: 0.6 } };

async function sample(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await loadSampleWorkbook(wb);
  return wb;
}

async function files(): Promise<ParsedFile[]> {
  return [
    await departmentFile('发展改革局-转型升级.xlsx', 'C2', '发展改革局', DRC_C2),
    await departmentFile('社会发展局.xlsx', 'C5', '社会发展局', SDB_C5),
  ];
}

async function snapshot(wb: MemoryWorkbook, names: readonly string[]): Promise<readonly SheetData[]> {
  return wb.readSheets(names, { formulas: true, numberFormats: true });
}

/** The 汇总 row of an indicator: found by its code in column B, as a person would look it up. */
function summaryRow(values: readonly (readonly CellValue[])[], code: string): readonly CellValue[] {
  const row = values.find((r) => r[1] === code);
  if (!row) throw new Error(`${code} not in ${SUMMARY_SHEET}`);
  return row;
}
const ACTUAL = 6; // column G
const REPORTERS = 17; // column R (after 上月完成率, 上月状态, 较上月)

describe('consolidateWorkbook on the sample workbook and two department files', () => {
  let wb: MemoryWorkbook;
  let before: readonly SheetData[];
  let sourceNames: string[];
  let outcome: Awaited<ReturnType<typeof consolidateWorkbook>>;
  const stages: [ConsolidationStage, number][] = [];

  beforeAll(async () => {
    wb = await sample();
    sourceNames = wb.sheetNames();
    before = await snapshot(wb, sourceNames);
    outcome = await consolidateWorkbook(wb, { plan, files: await files(), onStage: (s, i) => stages.push([s, i]) });
  });

  it('goes through the four stages in order', () => {
    expect(stages).toEqual(CONSOLIDATION_STAGES.map((s, i) => [s, i]));
  });

  it('writes 汇总, 明细, 历史 then 通报 after the other sheets, activates 汇总, and marks them as outputs', () => {
    expect(wb.sheetNames()).toEqual([...sourceNames, SUMMARY_SHEET, DETAIL_SHEET, HISTORY_SHEET, BULLETIN_SHEET]);
    // on the title, never A1: the hidden marker row whose text the formula bar would show (issue 11, observation 10)
    expect(wb.active).toEqual({ sheet: SUMMARY_SHEET, cell: 'A2' });
    expect(decodeMarker(wb.cellView(SUMMARY_SHEET, 'A1').value)?.type).toBe(SUMMARY_MARKER_TYPE);
    expect(decodeMarker(wb.cellView(DETAIL_SHEET, 'A1').value)?.type).toBe(DETAIL_MARKER_TYPE);
    expect(decodeMarker(wb.cellView(HISTORY_SHEET, 'A1').value)?.type).toBe(HISTORY_MARKER_TYPE);
    expect(decodeMarker(wb.cellView(BULLETIN_SHEET, 'A1').value)?.type).toBe(BULLETIN_MARKER_TYPE);
    expect(outcome).toMatchObject({ summarySheet: SUMMARY_SHEET, detailSheet: DETAIL_SHEET });
  });

  it('writes the month’s 通报 in the same click, its light counts reconciling with 汇总 (the check cell says 一致)', async () => {
    const [notice] = await wb.readSheets([BULLETIN_SHEET]);
    const rows = notice?.values ?? [];
    expect(rows.flat()).toContain('2019年6月“五大攻坚战”推进情况通报');
    const checkRow = rows.findIndex((r) => r.includes('与“汇总”表核对')) + 1;
    expect(checkRow).toBeGreaterThan(0);
    expect(wb.cellView(BULLETIN_SHEET, `D${checkRow}`).value).toBe('一致');
  });

  it('writes the 通报 in the UI’s language (English for en-US), and a later Chinese run keeps that sheet, never adds one', async () => {
    const english = await sample();
    await consolidateWorkbook(english, { plan, language: 'en-US' });
    expect(english.sheetNames()).toContain('Bulletin');
    expect(english.sheetNames()).not.toContain(BULLETIN_SHEET);
    const [notice] = await english.readSheets(['Bulletin']);
    const title = (notice?.values ?? []).flat().find((v) => typeof v === 'string' && v.startsWith('Progress of'));
    expect(title).toMatch(/: bulletin for 6\/2019$/);
    await consolidateWorkbook(english, { plan, language: 'zh-CN' });
    expect(english.sheetNames().filter((n) => n === 'Bulletin' || n === BULLETIN_SHEET)).toEqual(['Bulletin']);
  });

  it('modifies no other sheet: every source sheet has the same values, formulas and formats', async () => {
    expect(await snapshot(wb, sourceNames)).toEqual(before);
  });

  it('sums over departments, and aggregates growth as Σ current / Σ prior − 1 (computed here from the inputs)', async () => {
    const [summary] = await wb.readSheets([SUMMARY_SHEET]);
    const values = summary?.values ?? [];
    expect(summaryRow(values, 'C2-01')[ACTUAL]).toBeCloseTo(1150 + 300, 9); // sample 经信商务局 + file 发展改革局
    expect(summaryRow(values, 'C2-01')[REPORTERS]).toBe(2);
    // the sample's 万元 slip (2,350,000 against 480: 1,000× or more) is 数据有误, left out; the file's 120.5 counts
    expect(summaryRow(values, 'C2-07')[ACTUAL]).toBe(120.5);
    expect(summaryRow(values, 'C2-13')[ACTUAL]).toBeCloseTo((8.9 + 2.1) / (7.6 + 1.9) - 1, 12);
    // `single`: only the responsible department's value; the other one is flagged, not added
    expect(summaryRow(values, 'C2-03')[ACTUAL]).toBe(33.5);
    // 招大引强 has no conflict: C1-01 is the sample's 3.8
    expect(summaryRow(values, 'C1-01')[ACTUAL]).toBe(3.8);
    // 民生改善 is in conflict (sheet and file): none of its values is used
    expect(summaryRow(values, 'C5-01')[ACTUAL]).toBeNull();
  });

  it('lists the planted problems: the conflict, "2.6亿" in 招大引强 H8, C2-09 without its prior-year value, the differing single value', () => {
    const problems = outcome.result.problems;
    const conflict = problems.filter((p) => p.key === 'consolidation.conflict');
    expect(conflict.map((p) => p.origin)).toEqual(
      expect.arrayContaining([
        { kind: 'sheet', sheet: C5 },
        { kind: 'file', file: '社会发展局.xlsx', sheet: C5 },
      ]),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        origin: { kind: 'sheet', sheet: C1 },
        cell: 'H8',
        indicator: 'C1-02',
        severity: 'error',
      }),
    );
    expect(
      problems
        .filter((p) => p.indicator === 'C2-09' && p.origin?.kind === 'sheet' && p.origin.sheet === C2)
        .map((p) => p.key),
    ).toContain('value.growthMissingPrior');
    expect(problems).toContainEqual(
      expect.objectContaining({
        key: 'consolidation.singleDiffers',
        indicator: 'C2-03',
        origin: { kind: 'file', file: '发展改革局-转型升级.xlsx', sheet: '转型升级-发展改革局-6月' },
      }),
    );
  });

  it('counts what it used and left out, the lights and the submission matrix', () => {
    const { counts, result } = outcome;
    // both files read; 社会发展局's is in conflict with its sheet (an error about that file): 1 file with problems,
    // as the pane's list marks it (issue 11, observation 9: the count said 0 beside the errors)
    const inFiles = (file: string) =>
      result.problems.some((p) => p.severity === 'error' && p.origin?.kind === 'file' && p.origin.file === file);
    expect([inFiles('社会发展局.xlsx'), inFiles('发展改革局-转型升级.xlsx')]).toEqual([true, false]);
    // the sample holds January–June: June's 5 sheets are used, the 25 of January–May are another period
    expect(counts).toMatchObject({ workbookSheets: 31, files: 2, filesWithProblems: 1, sources: 32, used: 5 });
    expect(counts.leftOut).toEqual({ otherPeriod: 25, conflict: 2, structure: 0, noPeriod: 0, superseded: 0 });
    expect(counts.lights).toEqual(result.counts);
    expect(counts.expected).toBe(5);
    expect(counts.matrix).toMatchObject({ conflict: 1, missing: 0 });
    expect(counts.matrix.submitted + counts.matrix.invalid).toBe(4);
    expect(counts.errors).toBe(result.problems.filter((p) => p.severity === 'error').length);
    expect(counts.detailsUsed).toBeLessThanOrEqual(counts.details);
  });

  it('puts native charts in the summary, and 明细 reconciles live with 汇总', () => {
    expect(wb.sheetMeta(SUMMARY_SHEET).charts.length).toBeGreaterThanOrEqual(2);
    expect(wb.cellView(DETAIL_SHEET, 'C3').value).toMatch(/^全部一致/);
  });

  it('gives the same sheets on a re-run of the same sources (read twice)', async () => {
    const first = await wb.readSheets([SUMMARY_SHEET, DETAIL_SHEET, HISTORY_SHEET, BULLETIN_SHEET], { formulas: true });
    await consolidateWorkbook(wb, { plan, files: await files() });
    const second = await wb.readSheets([SUMMARY_SHEET, DETAIL_SHEET, HISTORY_SHEET, BULLETIN_SHEET], {
      formulas: true,
    });
    expect(second).toEqual(first);
    // replaced in place, not added
    expect(wb.sheetNames()).toEqual([...sourceNames, SUMMARY_SHEET, DETAIL_SHEET, HISTORY_SHEET, BULLETIN_SHEET]);
    expect(await snapshot(wb, sourceNames)).toEqual(before);
  });
});

describe('file problems never stop the rest', () => {
  const noise = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7919 + 13) % 256);

  it('a damaged .xlsx (a zip header, then garbage) is listed (pane and 明细); the workbook and the good file are consolidated', async () => {
    const wb = await sample();
    const garbage = readXlsx('坏文件.xlsx', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...noise(4096)]));
    expect(garbage.problems.map((p) => p.code)).toEqual(['fileUnreadable']);
    const good = await departmentFile('发展改革局-转型升级.xlsx', 'C2', '发展改革局', DRC_C2);
    const { result, counts } = await consolidateWorkbook(wb, { plan, files: [garbage, good] });
    expect(result.problems[0]).toMatchObject({
      severity: 'error',
      key: FILE_PROBLEM_KEYS.fileUnreadable,
      origin: { kind: 'file', file: '坏文件.xlsx', sheet: '' },
    });
    expect(counts).toMatchObject({ files: 2, filesWithProblems: 1, used: 6 });
    const [summary, detail] = await wb.readSheets([SUMMARY_SHEET, DETAIL_SHEET]);
    expect(summaryRow(summary?.values ?? [], 'C2-01')[ACTUAL]).toBe(1450);
    const detailText = (detail?.values ?? []).flat().filter((v): v is string => typeof v === 'string');
    expect(detailText.some((v) => v.includes('坏文件.xlsx') && v.includes('无法读取'))).toBe(true);
  });

  it('bytes that are no workbook at all are listed too (the reader takes them for text: a file without templates)', async () => {
    const garbage = readXlsx('乱码.xlsx', noise(4096));
    const good = await departmentFile('发展改革局-转型升级.xlsx', 'C2', '发展改革局', DRC_C2);
    const { result, counts } = await consolidateWorkbook(await sample(), { plan, files: [garbage, good] });
    expect(result.problems.filter((p) => p.origin?.kind === 'file' && p.origin.file === '乱码.xlsx')).toEqual([
      expect.objectContaining({ key: expect.stringMatching(/^consolidation\.file\./) }),
    ]);
    expect(counts.used).toBe(6);
  });

  it('a file without any template is listed as a warning (the wrong file sent?)', async () => {
    const other = new MemoryWorkbook();
    await other.writeSheet({ name: '说明', styles: {}, blocks: [{ at: 'A1', rows: [[{ value: '本单位情况说明' }]] }] });
    const notes = readXlsx('情况说明.xlsx', await saveAsXlsx(other));
    const { result } = await consolidateWorkbook(await sample(), { plan, files: [notes] });
    expect(result.problems[0]).toMatchObject({
      severity: 'warning',
      key: FILE_PROBLEM_KEYS.noTemplates,
      params: { file: '情况说明.xlsx', sheets: 1 },
    });
  });

  it('two files of the same name stay apart (the second is renamed), so that both are listed as a conflict', async () => {
    const a = await departmentFile('部门.xlsx', 'C2', '发展改革局', DRC_C2);
    const b = await departmentFile('部门.xlsx', 'C2', '发展改革局', { 'C2-01': { actual: 1 } });
    const { result } = await consolidateWorkbook(await sample(), { plan, files: [a, b] });
    const files = result.sources.flatMap((s) => (s.origin.kind === 'file' ? [s.origin.file] : []));
    expect(files.sort()).toEqual(['部门.xlsx', '部门.xlsx (2)']);
    expect(result.sources.filter((s) => s.origin.kind === 'file').map((s) => s.state)).toEqual([
      'conflict',
      'conflict',
    ]);
  });
});

describe('the period', () => {
  it('defaults to the latest; a source of another period is listed and left out, never mixed in', async () => {
    const wb = await sample();
    const may = await departmentFile('发展改革局-5月.xlsx', 'C2', '发展改革局', DRC_C2, 5);
    const { result, counts } = await consolidateWorkbook(wb, { plan, files: [may] });
    expect(result.period).toEqual({ year: 2019, month: 6 });
    // the May file, and the sample's 25 sheets of January–May
    expect(counts.leftOut.otherPeriod).toBe(1 + 25);
    const file = result.sources.find((s) => s.origin.kind === 'file');
    expect(file?.state).toBe('otherPeriod');
    const [summary] = await wb.readSheets([SUMMARY_SHEET]);
    expect(summaryRow(summary?.values ?? [], 'C2-01')[ACTUAL]).toBe(1150);
  });

  it('an explicit period is consolidated even when it is not the latest', async () => {
    const may = await departmentFile('发展改革局-5月.xlsx', 'C2', '发展改革局', DRC_C2, 5);
    const { result, counts } = await consolidateWorkbook(await sample(), {
      plan,
      files: [may],
      period: { year: 2019, month: 5 },
    });
    expect(result.period).toEqual({ year: 2019, month: 5 });
    // the file and the sample's five May sheets; June's and January–April's are another period
    expect(counts.used).toBe(1 + 5);
    expect(counts.leftOut.otherPeriod).toBe(25);
    expect(result.sources.find((s) => s.origin.kind === 'file')?.state).toBe('included');
  });
});

describe('what it refuses', () => {
  it('a sheet named 汇总 that the office made itself is never overwritten: nameClash, nothing written', async () => {
    const wb = await sample();
    await wb.writeSheet({
      name: SUMMARY_SHEET,
      styles: {},
      blocks: [{ at: 'A1', rows: [[{ value: '办公室自己的汇总' }]] }],
    });
    const names = wb.sheetNames();
    await expect(consolidateWorkbook(wb, { plan })).rejects.toEqual(new PortError('nameClash', SUMMARY_SHEET));
    expect(wb.sheetNames()).toEqual(names);
    expect(wb.cellView(SUMMARY_SHEET, 'A1').value).toBe('办公室自己的汇总');
  });

  it('runConsolidation: a 指标库 sheet with errors stops the run (recorded for the panel); nothing is written', async () => {
    const wb = await sample();
    await wb.writeCells([{ sheet: '指标库', address: PLAN_FIRST_TARGET_CELL, value: '七亿' }]);
    const names = wb.sheetNames();
    const run = await runConsolidation(wb, 'pane');
    expect(run).toMatchObject({ ok: false, source: 'pane', failure: { kind: 'planInvalid', sheet: '指标库' } });
    expect(lastRun()).toBe(run);
    expect(wb.sheetNames()).toEqual(names);
  });

  it('runConsolidation: a workbook refusal is recorded as plain data, never thrown', async () => {
    const wb = await sample();
    const refusing = Object.assign(Object.create(wb) as MemoryWorkbook, {
      writeSheets: () => Promise.reject(new PortError('sheetProtected', '汇总')),
    });
    const run = await runConsolidation(refusing, 'ribbon');
    expect(run).toMatchObject({
      ok: false,
      source: 'ribbon',
      failure: { kind: 'port', code: 'sheetProtected', detail: '汇总' },
    });
  });

  describe('runConsolidation: the period, when none is chosen, is the month being reported now (SPEC §5)', () => {
    // Only the clock is faked: the use case's own tasks still run.
    const at = (date: Date) =>
      jest.useFakeTimers({
        now: date,
        doNotFake: [
          'nextTick',
          'setImmediate',
          'clearImmediate',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'clearInterval',
          'queueMicrotask',
          'hrtime',
          'performance',
        ],
      });
    afterEach(() => jest.useRealTimers());

    it('early July 2019: the June sheets, though a July sheet was made early', async () => {
      const wb = await sample();
      await insertTemplate(wb, { plan, campaignId: 'C3', department: '发展改革局', year: 2019, month: 7, mode: 'kpi' });
      at(new Date(2019, 6, 3, 9));
      const july3 = await runConsolidation(wb, 'ribbon');
      expect(july3.ok && july3.outcome.result.period).toEqual({ year: 2019, month: 6 });
      at(new Date(2019, 7, 2, 9));
      const august2 = await runConsolidation(wb, 'ribbon');
      expect(august2.ok && august2.outcome.result.period).toEqual({ year: 2019, month: 7 });
    });
  });

  it('runConsolidation: the outcome of a good run is recorded', async () => {
    const run = await runConsolidation(await sample(), 'ribbon', { files: await files() });
    expect(run.ok).toBe(true);
    expect(lastRun()).toBe(run);
    if (run.ok) expect(run.outcome.counts.sources).toBe(32); // the sample's 30 sheets and the two files
  });
});
