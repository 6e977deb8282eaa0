import fc from 'fast-check';
import type { Light } from '../../../src/domain/calc/calc';
import { consolidate } from '../../../src/domain/consolidation/consolidate';
import {
  HISTORY_DATA_STATES,
  mergeHistory,
  recordKey,
  recordsIn,
  recordsOf,
  totalRecord,
  type HistoryRecord,
} from '../../../src/domain/bulletin/history';
import { HISTORY_SHEET, historySheet, readHistorySheet } from '../../../src/domain/bulletin/historySheet';
import type { CellValue } from '../../../src/domain/grid/cells';
import { HISTORY_MARKER_TYPE, markerOf } from '../../../src/domain/grid/ownSheets';
import { MemoryWorkbook } from '../../../src/workbook/memory/memoryWorkbook';
import { FINANCE, LEAD_C2, NDRC, contributorPlan, fillByCode, templateOf } from '../contributorPlan';
import { fileSource, put, sheetSource } from '../consolidation/fixtures';
import { specToArray } from '../specToArray';
import { rec } from './records';

/** 历史 (SPEC §10): one run's records, the merge of a re-run, the sheet and reading it back. */

const plan = contributorPlan();
const CODES = plan.campaigns.flatMap((c) => c.indicators.map((i) => i.code));

function juneRun() {
  const lead = fillByCode(templateOf(plan, 'C2', LEAD_C2).grid, {
    'C2-10': { actual: 9, reason: '申报批次集中在下半年' },
    'C2-09': { actual: 110, prior: 100 },
    'C2-03': { actual: 30, reason: '亩均税收下降，正在清理低效企业' },
  });
  const ndrc = fillByCode(templateOf(plan, 'C2', NDRC).grid, {
    'C2-10': { actual: 6 },
    'C2-09': { actual: 55, prior: 50 },
  });
  const finance = fillByCode(templateOf(plan, 'C2', FINANCE).grid, { 'C2-10': { actual: 2 } });
  return consolidate(plan, [sheetSource(lead), sheetSource(ndrc), fileSource('财政局.xlsx', finance)]);
}

describe('one run’s records', () => {
  const result = juneRun();
  const records = recordsOf(result);
  const june = { year: 2019, month: 6 };

  it('one district record per indicator of the plan, with the run’s figures', () => {
    expect(records.filter((r) => r.scope === 'total').length).toBe(CODES.length);
    const summary = result.campaigns.flatMap((c) => c.indicators).find((s) => s.code === 'C2-03');
    expect(totalRecord(records, 'C2-03', june)).toEqual({
      year: 2019,
      month: 6,
      code: 'C2-03',
      scope: 'total',
      department: LEAD_C2,
      actual: 30,
      expected: 1,
      attainment: summary?.attainment,
      light: 1,
      tier: 0,
      dataState: 'reported',
      reporters: [LEAD_C2],
      reason: '亩均税收下降，正在清理低效企业',
    });
    expect(totalRecord(records, 'C1-01', june)).toMatchObject({ dataState: 'blank', light: 0, reporters: [] });
  });

  it('a shared indicator: one record per department counted, adding up to the district figure; single: none', () => {
    const shares = records.filter((r) => r.code === 'C2-10' && r.scope === 'department');
    expect(shares.map((r) => [r.department, r.actual, r.light, r.reason])).toEqual(
      [
        [NDRC, 6, null, ''],
        [FINANCE, 2, null, ''],
        [LEAD_C2, 9, null, '申报批次集中在下半年'],
      ].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
    );
    expect(totalRecord(records, 'C2-10', june)).toMatchObject({ actual: 17, reason: '申报批次集中在下半年' });
    // growth: each department's current value
    expect(records.filter((r) => r.code === 'C2-09' && r.scope === 'department').map((r) => r.actual)).toEqual(
      expect.arrayContaining([110, 55]),
    );
    expect(records.filter((r) => r.code === 'C2-03' && r.scope === 'department')).toEqual([]);
  });

  it('no period, no records', () => {
    expect(recordsOf(consolidate(plan, []))).toEqual([]);
  });
});

describe('merge: a re-run of a period replaces that period only', () => {
  const may = [rec('C1-01', 5, 2), rec('C1-02', 5, 3)];
  const june = [rec('C1-01', 6, 1), rec('C1-02', 6, 3)];
  const juneAgain = [rec('C1-01', 6, 3)];

  it.each<[string, HistoryRecord[], number, HistoryRecord[], HistoryRecord[]]>([
    ['first run', [], 5, may, may],
    ['next month: kept and added', may, 6, june, [...may, ...june]],
    ['re-run of June: June replaced, May kept', [...may, ...june], 6, juneAgain, [...may, ...juneAgain]],
    ['a re-run with nothing: that month emptied only', [...may, ...june], 6, [], may],
    ['an earlier month re-run', [...june], 5, may, [...may, ...june]],
  ])('%s', (_case, history, month, records, expected) => {
    expect(mergeHistory(history, { year: 2019, month }, records)).toEqual(expected);
  });

  it('records of another period are programmer misuse', () => {
    expect(() => mergeHistory([], { year: 2019, month: 5 }, june)).toThrow(/2019-5/);
  });

  const light = fc.constantFrom<Light | null>(0, 1, 2, 3, null);
  const anyRecord = fc
    .record({ code: fc.constantFrom('C1-01', 'C1-02', 'C2-10'), month: fc.integer({ min: 1, max: 12 }), light })
    .map((r) => rec(r.code, r.month, r.light));
  const unique = (rs: HistoryRecord[]) => [...new Map(rs.map((r) => [recordKey(r), r])).values()];

  it('is idempotent, keeps every other month, and holds exactly the run’s records for its month (property)', () => {
    fc.assert(
      fc.property(fc.array(anyRecord), fc.integer({ min: 1, max: 12 }), fc.array(anyRecord), (h, month, run) => {
        const history = unique(h);
        const period = { year: 2019, month };
        const records = unique(run.map((r) => ({ ...r, month })));
        const once = mergeHistory(history, period, records);
        expect(mergeHistory(once, period, records)).toEqual(once);
        expect(once.filter((r) => r.month !== month)).toEqual(
          mergeHistory(
            history.filter((r) => r.month !== month),
            period,
            [],
          ),
        );
        expect(new Set(recordsIn(once, period))).toEqual(new Set(records));
      }),
    );
  });
});

describe('the 历史 sheet, written and read back', () => {
  const records = recordsOf(juneRun());
  const may = records
    .filter((r) => r.scope === 'total')
    .map((r) => ({ ...r, month: 5, expected: 5 / 12, reason: r.reason === '' ? '' : `5月：${r.reason}` }));
  const history = mergeHistory(may, { year: 2019, month: 6 }, records);
  const options = { codes: CODES, year: 2019 };

  it('is an own sheet with its marker', () => {
    const spec = historySheet(history, plan);
    expect(spec.name).toBe(HISTORY_SHEET);
    expect(markerOf(specToArray(spec))).toMatchObject({ type: HISTORY_MARKER_TYPE, plan: plan.id, year: 2019 });
  });

  it('round trip through the memory workbook: records → spec → grid → the same records, no problem', async () => {
    const wb = new MemoryWorkbook();
    await wb.writeSheet(historySheet(history, plan));
    const [sheet] = await wb.readSheets([HISTORY_SHEET]);
    if (!sheet) throw new Error('not written');
    const reading = readHistorySheet(sheet, options);
    expect(reading.problems).toEqual([]);
    expect(reading.records).toEqual(history);
  });

  const state = fc.constantFrom(...HISTORY_DATA_STATES);
  const text = fc.string({ maxLength: 12 }).filter((s) => s.trim() === s);
  const generated = fc
    .record({
      code: fc.constantFrom(...CODES),
      month: fc.integer({ min: 1, max: 12 }),
      scope: fc.constantFrom('total' as const, 'department' as const),
      department: fc.constantFrom('经信商务局', '发展改革局', '=A1', '+配合'),
      actual: fc.option(fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true })),
      attainment: fc.option(fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true })),
      light: fc.constantFrom<Light | null>(0, 1, 2, 3, null),
      tier: fc.option(fc.integer({ min: 0, max: 2 })),
      dataState: state,
      reporters: fc.uniqueArray(fc.constantFrom('经信商务局', '发展改革局', '财政局')),
      reason: fc.oneof(
        fc.constant(''),
        text.filter((s) => s !== ''),
        fc.constant('=SUM(A1)'),
      ),
    })
    .map((r) => rec(r.code, r.month, r.light, r));

  it('round trip for any records (property): the grid as the adapter renders the spec', () => {
    fc.assert(
      fc.property(fc.array(generated, { maxLength: 20 }), (rs) => {
        const unique = [...new Map(rs.map((r) => [recordKey(r), r])).values()];
        // As the workbook reads the sheet back: each text its own, even one that begins with a quote ("'=").
        const values = specToArray(historySheet(unique, plan), { textAsRead: true });
        const reading = readHistorySheet({ name: HISTORY_SHEET, values }, options);
        expect(reading.problems).toEqual([]);
        expect(reading.records).toEqual([...unique].sort(cmp));
      }),
    );
  });
});

const cmp = (a: HistoryRecord, b: HistoryRecord): number =>
  a.year - b.year ||
  a.month - b.month ||
  (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
  (a.scope === b.scope ? 0 : a.scope === 'total' ? -1 : 1) ||
  (a.department < b.department ? -1 : a.department > b.department ? 1 : 0);

describe('a 历史 edited by hand: every problem with its cell, the row left out', () => {
  const base = specToArray(historySheet([rec('C1-01', 5, 2), rec('C1-02', 5, 3), rec('C1-03', 5, 1)], plan)).map(
    (row) => row.map((v): CellValue => (typeof v === 'string' && v.startsWith("'=") ? v.slice(1) : v)),
  );
  const grid = { name: HISTORY_SHEET, values: base };
  const read = (cells: Readonly<Record<string, CellValue>>) =>
    readHistorySheet(put(grid, cells), { codes: CODES, year: 2019 });
  const keysOf = (cells: Readonly<Record<string, CellValue>>) =>
    read(cells).problems.map((p) => [p.cell, p.key, p.severity]);

  it.each<[string, Record<string, CellValue>, [string, string][]]>([
    ['a bad period', { A5: '2019年13月' }, [['A5', 'bulletin.history.badPeriod']]],
    ['a period of another year', { A5: '2018-05' }, [['A5', 'bulletin.history.wrongYear']]],
    ['an unknown code', { B6: 'C9-99' }, [['B6', 'bulletin.history.unknownCode']]],
    ['a bad scope', { C5: '合计' }, [['C5', 'bulletin.history.badScope']]],
    ['no department', { D5: '  ' }, [['D5', 'bulletin.history.noDepartment']]],
    ['text in a number', { E5: '约5' }, [['E5', 'bulletin.history.notANumber']]],
    ['an error value in a number', { G6: { error: '#DIV/0!' } }, [['G6', 'bulletin.history.notANumber']]],
    ['a bad light', { H5: '橙' }, [['H5', 'bulletin.history.badLight']]],
    ['a bad tier', { I5: 3 }, [['I5', 'bulletin.history.badTier']]],
    ['a bad data state', { J5: '正常' }, [['J5', 'bulletin.history.badDataState']]],
    [
      'two problems in one row: both named',
      { E6: 'x', H6: '紫' },
      [
        ['E6', 'bulletin.history.notANumber'],
        ['H6', 'bulletin.history.badLight'],
      ],
    ],
    ['a duplicate row', { B6: 'C1-01' }, [['B6', 'bulletin.history.duplicate']]],
  ])('%s', (_case, cells, expected) => {
    expect(keysOf(cells)).toEqual(expected.map(([c, k]) => [c, k, 'error']));
    // the row with the problem is left out, the others are read
    expect(read(cells).records.length).toBe(2);
  });

  it('what a person types that is unambiguous is read: a period as a date, a light as its number, a code in lower case', () => {
    const r = read({ A5: 43600, H5: 2, B5: ' c1-01 ' });
    expect(r.problems).toEqual([]);
    expect(r.records.map((x) => [x.code, x.month, x.light])).toEqual([
      ['C1-01', 5, 2],
      ['C1-02', 5, 3],
      ['C1-03', 5, 1],
    ]);
  });

  it('a broken structure reads no row: keys row missing, a key missing or duplicated; a missing marker is said', () => {
    expect(keysOf({ A2: null, B2: null })).toEqual([['A1', 'bulletin.history.keysMissing', 'error']]);
    const noReason = read({ L2: null });
    expect(noReason.records).toEqual([]);
    expect(noReason.problems.map((p) => [p.cell, p.key])).toEqual([['A2', 'bulletin.history.keyMissing']]);
    const twice = read({ M2: 'light' });
    expect(twice.problems.map((p) => [p.cell, p.key, p.params.cells])).toEqual([
      ['H2', 'bulletin.history.keyDuplicated', 'H2、M2'],
    ]);
    expect(twice.records).toEqual([]);
    expect(read({ A1: null }).problems.map((p) => p.key)).toEqual(['bulletin.history.markerMissing']);
    expect(read({ A1: 'KPI-TRACKER:{"type":"kpi-history"' }).problems.map((p) => p.key)).toEqual([
      'bulletin.history.markerDamaged',
    ]);
  });

  it('inserted rows and columns do not matter', () => {
    const values = base.map((row) => [null, ...row]);
    values.splice(4, 0, values[0]?.map(() => null) ?? []);
    const r = readHistorySheet({ name: HISTORY_SHEET, values }, { codes: CODES, year: 2019 });
    expect(r.records.length).toBe(3);
    expect(r.problems.map((p) => p.key)).toEqual([]);
  });
});
