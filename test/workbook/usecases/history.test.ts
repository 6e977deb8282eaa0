import { HISTORY_SHEET } from '../../../src/domain/bulletin/historySheet';
import { builtinPlan } from '../../../src/domain/plan/builtin';
import type { CellValue } from '../../../src/domain/grid/cells';
import { buildTemplate } from '../../../src/domain/template/template';
import { MemoryWorkbook } from '../../../src/workbook/memory/memoryWorkbook';
import type { WorkbookConsolidation } from '../../../src/workbook/usecases/consolidate';
import { runConsolidation } from '../../../src/workbook/usecases/runConsolidation';
import { SUMMARY_COLUMNS } from '../../../src/domain/consolidation/summarySections';
import { SUMMARY_SHEET } from '../../../src/domain/consolidation/sheetParts';
import { readXlsx } from '../../../src/workbook/files/readXlsx';
import { saveAsXlsx } from '../files/xlsxFixture';
import { templateInputRows, writeFilledTemplate, type TypedFigures } from '../../fixtures/filledTemplates';

/**
 * 历史 through the 一键汇总 click on the in-memory workbook (SPEC §10), May then June of 招大引强 from its lead
 * department: each run records its month in 历史 in the same write as 汇总 and 明细; June reads May back for the
 * trend and the 督办清单; a month whose sheets are gone is kept as recorded, a month whose sheets are still there is
 * recomputed from them; a re-run replaces its own month only; a hand-edited 历史 is reported cell by cell and left
 * as typed. Lights are computed here by hand: 序时进度 5/12 in May, 6/12 in June; 绿 ≥ E, 黄 ≥ E − 10 points.
 */
jest.setTimeout(60_000);

const plan = builtinPlan();
const DEPARTMENT = '投资促进中心';
const MAY = { year: 2019, month: 5 } as const;
const JUNE = { year: 2019, month: 6 } as const;

type Typed = TypedFigures;

/**
 * May: C1-01 2.5 / 7 = 35.7% (E 41.7%: 黄), C1-02 1.5 / 5 = 30% (红), C1-03 30 / 60 = 50% (绿).
 * June: C1-01 2.6 / 7 = 37.1% (E 50%: 红 — 下滑, 黄 then 红: 督办), C1-02 2.9 / 5 = 58% (绿 — 好转),
 * C1-03 35 / 60 = 58.3% (绿, 8.3 points ahead as in May — 持平).
 */
const MAY_FIGURES: Typed = {
  'C1-01': { actual: 2.5, reason: '五月：项目签约推迟' },
  'C1-02': { actual: 1.5, reason: '五月：外资到位慢' },
  'C1-03': { actual: 30 },
};
const JUNE_FIGURES: Typed = {
  'C1-01': { actual: 2.6, reason: '六月：重点项目仍在洽谈' },
  'C1-02': { actual: 2.9 },
  'C1-03': { actual: 35 },
};

/** The lead department's 招大引强 template of a month, written and filled in as staff would. */
function addMonth(wb: MemoryWorkbook, month: number, typed: Typed): Promise<string> {
  return writeFilledTemplate(
    wb,
    { plan, campaignId: 'C1', department: DEPARTMENT, year: 2019, month, mode: 'kpi' },
    typed,
  );
}

async function run(wb: MemoryWorkbook): Promise<WorkbookConsolidation> {
  const done = await runConsolidation(wb, 'pane', { reportMonth: 6 });
  if (!done.ok) throw new Error(JSON.stringify(done.failure));
  return done.outcome;
}

/** 历史 as its cells show (values), row by row. */
async function historyRows(wb: MemoryWorkbook): Promise<CellValue[][]> {
  const [sheet] = await wb.readSheets([HISTORY_SHEET]);
  return (sheet?.values ?? []).map((r) => [...r]);
}

/** 汇总 as its cells show (values), row by row. */
async function summaryRows(wb: MemoryWorkbook): Promise<CellValue[][]> {
  const [sheet] = await wb.readSheets([SUMMARY_SHEET]);
  return (sheet?.values ?? []).map((r) => [...r]);
}

/** An indicator's row of 汇总's table (the first with its code), by column key. */
function summaryRow(rows: readonly CellValue[][], code: string): Record<(typeof SUMMARY_COLUMNS)[number], CellValue> {
  const row = rows.find((r) => r[1] === code) ?? [];
  return Object.fromEntries(SUMMARY_COLUMNS.map((k, i) => [k, row[i] ?? null])) as Record<
    (typeof SUMMARY_COLUMNS)[number],
    CellValue
  >;
}

/** The 历史 rows of one period (its first cell is 2019-05 …). */
const rowsOf = (rows: readonly CellValue[][], period: string): CellValue[][] => rows.filter((r) => r[0] === period);

describe('历史 over two consecutive months (May, then June)', () => {
  let wb: MemoryWorkbook;
  let may: WorkbookConsolidation;
  let june: WorkbookConsolidation;
  let maySheet: string;

  beforeAll(async () => {
    wb = new MemoryWorkbook();
    maySheet = await addMonth(wb, 5, MAY_FIGURES);
    may = await run(wb);
    await addMonth(wb, 6, JUNE_FIGURES);
    june = await run(wb);
  });

  it('May: 历史 is written with 汇总 and 明细, May recorded, no trend yet', async () => {
    expect(may.result.period).toEqual(MAY);
    expect(may.history).toEqual({ recomputed: [MAY], kept: [], state: 'written', sheet: HISTORY_SHEET });
    const c101 = may.bulletin?.trends.find((t) => t.code === 'C1-01');
    expect(c101).toMatchObject({ light: 2, change: null, noChange: 'noPrevious' });
    expect(may.bulletin?.supervision).toEqual([]);
  });

  it('June: June recorded, May recomputed from its sheet still in the workbook; both months in 历史', async () => {
    expect(june.result.period).toEqual(JUNE);
    expect(june.history).toEqual({ recomputed: [JUNE, MAY], kept: [], state: 'written', sheet: HISTORY_SHEET });
    expect(june.overdue).toEqual([]); // a sheet of this workbook has no save time of its own: never 逾期
    const rows = await historyRows(wb);
    const mayC101 = rowsOf(rows, '2019-05').find((r) => r[1] === 'C1-01');
    const juneC101 = rowsOf(rows, '2019-06').find((r) => r[1] === 'C1-01');
    // 报告期, 编码, 口径, 单位, 累计完成, 序时进度, 完成率, 亮灯 …
    expect(mayC101?.slice(0, 8)).toEqual(['2019-05', 'C1-01', '全区', DEPARTMENT, 2.5, 5 / 12, 2.5 / 7, '黄']);
    expect(juneC101?.slice(0, 8)).toEqual(['2019-06', 'C1-01', '全区', DEPARTMENT, 2.6, 0.5, 2.6 / 7, '红']);
  });

  it('June: the trend against May — 下滑, 好转, 持平 — with last month’s attainment and light', () => {
    const byCode = new Map((june.bulletin?.trends ?? []).map((t) => [t.code, t]));
    expect(byCode.get('C1-01')).toMatchObject({
      light: 1,
      previous: { attainment: 2.5 / 7, light: 2 },
      change: 'worse',
    });
    expect(byCode.get('C1-02')).toMatchObject({ light: 3, previous: { attainment: 0.3, light: 1 }, change: 'better' });
    expect(byCode.get('C1-03')).toMatchObject({ light: 3, previous: { attainment: 0.5, light: 3 }, change: 'same' });
  });

  it('汇总 shows them: 上月完成率, 上月状态 and 较上月 beside this month, and the 督办清单 with each month', async () => {
    const rows = await summaryRows(wb);
    const pick = (code: string) => {
      const r = summaryRow(rows, code);
      return [r.attainment, r.light, r.lastAttainment, r.lastLight, r.change];
    };
    expect(pick('C1-01')).toEqual([2.6 / 7, 1, 2.5 / 7, 2, '下滑']);
    expect(pick('C1-02')).toEqual([2.9 / 5, 3, 0.3, 1, '好转']);
    expect(pick('C1-03')).toEqual([35 / 60, 3, 0.5, 3, '持平']);
    // An indicator of another campaign, reported in neither month: no light either month, and why.
    expect(pick('C2-01').slice(2)).toEqual([null, 0, '本月未填报']);
    const heading = rows.findIndex((r) => typeof r[0] === 'string' && r[0].startsWith('督办清单'));
    expect(rows[heading]?.[0]).toBe('督办清单（效能监察 0 项，督办 1 项）');
    const line = (rows[heading + 2] ?? []).filter((v) => v !== null && v !== '');
    expect(line).toEqual([
      1,
      '督办',
      'C1-01',
      plan.campaigns[0]?.indicators[0]?.name,
      DEPARTMENT,
      '连续 2 个月黄灯或红灯',
      '5月 黄、6月 红',
      '5月：五月：项目签约推迟\n6月：六月：重点项目仍在洽谈',
    ]);
  });

  it('June: 督办 for C1-01 after two months 黄 then 红, with each month’s light and reason; C1-02 (绿 now) is not', () => {
    expect(june.bulletin?.supervision).toEqual([
      {
        code: 'C1-01',
        department: DEPARTMENT,
        level: 'supervision',
        yellowOrRed: 2,
        red: 1,
        months: [
          { month: 5, light: 2, attainment: 2.5 / 7, reason: '五月：项目签约推迟' },
          { month: 6, light: 1, attainment: 2.6 / 7, reason: '六月：重点项目仍在洽谈' },
        ],
      },
    ]);
  });

  it('a re-run of June replaces June only: May’s rows stay as they were', async () => {
    const before = await historyRows(wb);
    const juneSheet = `招大引强-${DEPARTMENT}-6月`;
    const rows = new Map(
      templateInputRows(
        buildTemplate({ plan, campaignId: 'C1', department: DEPARTMENT, year: 2019, month: 6, mode: 'kpi' }),
      ).map((r) => [r.code, r]),
    );
    const c102At = rows.get('C1-02')?.actual ?? 'H8';
    await wb.writeCells([{ sheet: juneSheet, address: c102At, value: 2.1 }]); // 42%: 黄
    const again = await run(wb);
    const after = await historyRows(wb);
    await wb.writeCells([{ sheet: juneSheet, address: c102At, value: 2.9 }]); // as it was, for the next cases
    expect(rowsOf(after, '2019-05')).toEqual(rowsOf(before, '2019-05'));
    const c102 = (rs: CellValue[][]) => rowsOf(rs, '2019-06').find((r) => r[1] === 'C1-02');
    expect(c102(before)?.[4]).toBe(2.9);
    expect(c102(after)?.[4]).toBe(2.1);
    expect(again.bulletin?.trends.find((t) => t.code === 'C1-02')?.change).toBe('better'); // 红 → 黄
  });

  it('May’s sheet gone: 历史 keeps May as recorded, and June still reads it (trend, 督办)', async () => {
    const before = await historyRows(wb);
    await wb.deleteSheet(maySheet);
    const again = await run(wb);
    expect(again.history).toEqual({ recomputed: [JUNE], kept: [MAY], state: 'written', sheet: HISTORY_SHEET });
    expect(rowsOf(await historyRows(wb), '2019-05')).toEqual(rowsOf(before, '2019-05'));
    expect(again.bulletin?.trends.find((t) => t.code === 'C1-01')?.change).toBe('worse');
    expect(again.bulletin?.supervision.map((s) => s.code)).toEqual(['C1-01']);
  });

  it('a hand-edited 历史: the bad value is reported with its cell, the sheet left as typed, May left out', async () => {
    const rows = await historyRows(wb);
    const at = rows.findIndex((r) => r[0] === '2019-05' && r[1] === 'C1-01');
    expect(at).toBeGreaterThan(0);
    const cell = `G${at + 1}`; // 完成率
    await wb.writeCells([{ sheet: HISTORY_SHEET, address: cell, value: '约三成' }]);
    const edited = await run(wb);
    const problems = edited.result.problems.filter(
      (p) => p.origin?.kind === 'sheet' && p.origin.sheet === HISTORY_SHEET,
    );
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        key: 'bulletin.history.notRewritten',
        params: { sheet: HISTORY_SHEET, count: 1 },
      }),
      expect.objectContaining({ severity: 'error', key: 'bulletin.history.notANumber', cell, indicator: 'C1-01' }),
    ]);
    expect(edited.history.state).toBe('leftAsTyped');
    expect(wb.cellView(HISTORY_SHEET, cell).value).toBe('约三成');
    // May's C1-01 row is not trusted: June has no previous month for it, and no 督办 (one month 红 only).
    expect(edited.bulletin?.trends.find((t) => t.code === 'C1-01')).toMatchObject({ noChange: 'noPrevious' });
    expect(edited.bulletin?.supervision).toEqual([]);
  });

  it('a sheet of the office’s own named 历史 is never overwritten', async () => {
    const other = new MemoryWorkbook();
    await addMonth(other, 6, JUNE_FIGURES);
    await other.writeSheet({
      name: HISTORY_SHEET,
      styles: {},
      blocks: [{ at: 'A1', rows: [[{ value: '我们自己的历史记录' }]] }],
    });
    const done = await runConsolidation(other, 'pane', { reportMonth: 6 });
    expect(done.ok ? undefined : done.failure).toEqual({ kind: 'port', code: 'nameClash', detail: HISTORY_SHEET });
    expect(other.cellView(HISTORY_SHEET, 'A1').value).toBe('我们自己的历史记录');
  });

  it('a file saved after the 5th of the next month is 已报（逾期） in the matrix', async () => {
    const source = new MemoryWorkbook();
    await addMonth(source, 6, JUNE_FIGURES);
    const parsed = await readXlsx('招大引强.xlsx', await saveAsXlsx(source));
    const late = { ...parsed, savedAt: '2019-07-06T09:00:00+08:00' };
    const other = new MemoryWorkbook();
    const done = await runConsolidation(other, 'pane', { reportMonth: 6, files: [late] });
    if (!done.ok) throw new Error(JSON.stringify(done.failure));
    expect(done.outcome.overdue).toEqual([{ department: DEPARTMENT, campaignId: 'C1' }]);
    const rows = await summaryRows(other);
    const matrix = rows.find((r) => r[1] === DEPARTMENT && typeof r[3] === 'string' && r[3].startsWith('已报'));
    expect(matrix?.[3]).toBe('已报（逾期）');
    expect(rows.some((r) => typeof r[0] === 'string' && r[0].startsWith('注：“（逾期）”'))).toBe(true);
  });
});
