import { builtinPlan } from '../../../src/domain/plan/builtin';
import { consolidate } from '../../../src/domain/consolidation/consolidate';
import { detailSheet, summarySheet } from '../../../src/domain/consolidation/outputs';
import { DETAIL_SHEET, SUMMARY_SHEET } from '../../../src/domain/consolidation/sheetParts';
import { encodeMarker } from '../../../src/domain/grid/ownSheets';
import { type CellSpec, type SheetSpec } from '../../../src/domain/grid/sheetSpec';
import { buildTemplate } from '../../../src/domain/template/template';
import { createExcelWorkbook, type ExcelWorkbookOptions } from '../../../src/workbook/excel/excelWorkbook';
import { PortError } from '../../../src/workbook/port';
import { specToArray } from '../../domain/specToArray';
import { FakeExcel, PAYLOAD_LIMIT, type FakeExcelOptions, type Seed } from './fakeExcel';

/**
 * writeSheets of the Excel adapter (the consolidation issue: "consolidating 250 template sheets costs a constant
 * number of round trips (≤ 3: read, write, activate)"). Round trips are counted by the fake, so asserted exactly.
 * How it works and what a stale snapshot costs: src/workbook/excel/writeSheets.ts.
 */

function setup(fake: FakeExcelOptions = {}, options: ExcelWorkbookOptions = {}) {
  const excel = new FakeExcel(fake);
  const clock = { ms: 1_000_000 };
  const sleeps: number[] = [];
  const port = createExcelWorkbook(excel.run, {
    isSetSupported: excel.isSetSupported,
    sleep: async (ms) => void sleeps.push(ms),
    now: () => clock.ms,
    ...options,
  });
  /** Round trips from now on. */
  const counter = () => {
    const start = excel.syncs;
    return () => excel.syncs - start;
  };
  return { excel, port, clock, sleeps, counter };
}

/** `n` template-like sheets: the marker in A1, a title, a header row and 12 indicator rows of 10 columns. */
function seedTemplates(excel: FakeExcel, n: number): void {
  for (let i = 0; i < n; i++) {
    const rows: Seed[][] = [
      [encodeMarker({ type: 'template', v: 1, campaign: `C${(i % 5) + 1}`, department: `部门${i}` })],
      [`2019年指标推进表（部门${i}）`],
      ['代码', '指标', '单位', '目标', '完成', '完成率', '滞后原因', '上年同期', '同比', '备注'],
      ...Array.from({ length: 12 }, (_, r): Seed[] => [
        `C1-${String(r + 1).padStart(2, '0')}`,
        `指标${r}`,
        '亿元',
        10 + r,
        r % 3 === 0 ? null : 5 + r,
        { formula: `=IF(ISBLANK(E${r + 4}),"",E${r + 4}/D${r + 4})`, value: null },
        r % 4 === 0 ? '项目推进慢' : null,
        8 + r,
        null,
        null,
      ]),
    ];
    excel.addSheet(`模板${i}`, rows);
  }
}

/** 汇总 of one run: a title, a small table with a chart over it, protected, frozen, with a tab colour. */
function summary(run: number, rows = 6): SheetSpec {
  const body = Array.from({ length: rows }, (_, r): CellSpec[] => [
    { value: `指标${r}` },
    { value: run * 100 + r, style: 'number' },
    { formula: `=B${r + 4}/100` },
  ]);
  return {
    name: SUMMARY_SHEET,
    marker: { type: 'kpi-summary', v: 1, run },
    styles: { head: { font: { bold: true }, fill: '#DDEBF7' }, number: { numberFormat: '#,##0' } },
    blocks: [
      { at: 'A2', rows: [[{ value: `汇总（第${run}次）`, style: 'head' }]] },
      {
        at: 'A3',
        rows: [
          [
            { value: '指标', style: 'head' },
            { value: '完成', style: 'head' },
            { value: '比例', style: 'head' },
          ],
          ...body,
        ],
      },
    ],
    table: { name: `汇总表${run}`, range: `A3:C${3 + rows}` },
    charts: [
      {
        name: `完成情况${run}`,
        type: 'columnClustered',
        source: `A3:B${3 + rows}`,
        seriesBy: 'columns',
        title: '完成情况',
        from: 'E3',
        to: 'L18',
      },
    ],
    protect: true,
    freeze: { rows: 3, columns: 1 },
    tabColor: '#1F4E79',
  };
}

/** 明细 of one run: rows that refer to 汇总 (written first), `rows` long. */
function detail(run: number, rows = 10): SheetSpec {
  return {
    name: DETAIL_SHEET,
    marker: { type: 'kpi-detail', v: 1, run },
    styles: {},
    blocks: [
      { at: 'A2', rows: [[{ value: `明细（第${run}次）` }]] },
      {
        at: 'A3',
        rows: Array.from({ length: rows }, (_, r): CellSpec[] => [
          { value: `模板${r}` },
          { value: `C1-${String((r % 12) + 1).padStart(2, '0')}` },
          { value: run + r },
          { formula: `='${SUMMARY_SHEET}'!B${(r % 6) + 4}` },
        ]),
      },
    ],
  };
}

const CONSOLIDATE = { replace: true, activate: true } as const;

describe('writeSheets after readAllSheets (consolidation)', () => {
  it.each([1, 250])(
    'with %i template sheets: read + write + activate in 3 round trips, outputs absent, then present',
    async (templates) => {
      const { excel, port, counter } = setup();
      seedTemplates(excel, templates);

      // First run: 汇总 and 明细 do not exist yet.
      let syncs = counter();
      expect(await port.readAllSheets()).toHaveLength(templates);
      await port.writeSheets([summary(1), detail(1)], CONSOLIDATE);
      expect(syncs()).toBe(3);
      expect(port.lastWriteReport()).toMatchObject({
        sheets: [SUMMARY_SHEET, DETAIL_SHEET],
        syncs: 1,
        lookup: 'snapshot',
      });
      expect(port.lastWriteReport()?.staleSnapshot).toBeUndefined();
      expect(excel.tabs().slice(-2)).toEqual([SUMMARY_SHEET, DETAIL_SHEET]);
      expect(excel.active?.name).toBe(SUMMARY_SHEET);
      expect(excel.sheet(DETAIL_SHEET).cell('D3').formula).toBe(`='${SUMMARY_SHEET}'!B4`);
      expect(excel.sheet(SUMMARY_SHEET).isProtected).toBe(true);

      // Second run: both exist, 汇总 with a table, a chart and protection; the user has moved them to the front.
      // They are replaced in place: same sheets, same tabs.
      excel.moveSheet(DETAIL_SHEET, 0);
      excel.moveSheet(SUMMARY_SHEET, 0);
      const before = { summary: excel.sheet(SUMMARY_SHEET), detail: excel.sheet(DETAIL_SHEET) };
      const positions = [before.summary.position, before.detail.position];
      expect(positions).toEqual([0, 1]);
      excel.active = excel.sheet('模板0');
      syncs = counter();
      expect(await port.readAllSheets()).toHaveLength(templates + 2);
      await port.writeSheets([summary(2, 4), detail(2, 3)], CONSOLIDATE);
      expect(syncs()).toBe(3);
      expect(port.lastWriteReport()).toMatchObject({ syncs: 1, lookup: 'snapshot' });

      const [s, d] = [excel.sheet(SUMMARY_SHEET), excel.sheet(DETAIL_SHEET)];
      expect(s).toBe(before.summary); // the same sheet: other sheets' references to it survive
      expect(d).toBe(before.detail);
      expect([s.position, d.position]).toEqual(positions);
      expect(excel.sheets).toHaveLength(templates + 2);
      expect(s.tables).toEqual([{ name: '汇总表2', address: 'A3:C7' }]);
      expect(s.charts.map((c) => c.name)).toEqual(['完成情况2']);
      expect(s.cell('A2').value).toBe('汇总（第2次）');
      expect(s.cell('A9').value).toBeNull(); // row 9 was written by the first run only
      expect(s.cell('B4').value).toBe(200);
      expect(s.isProtected).toBe(true);
      expect(d.cell('A5').value).toBe('模板2');
      expect(d.cell('A6').value).toBeNull();
      expect(excel.active).toBe(s);
      expect(excel.batches.every((b) => !b.failed)).toBe(true);
    },
  );

  // The domain's own outputs. With every actual filled in, 明细 lists ~2,500 source values, each with one hyperlink
  // (its cell address): ≈ 4.2 MB estimated, within the 4.5 MB batch budget, so still one write batch. Larger
  // workbooks take one more round trip per further ≈ 4.5 MB (see the 5 MB splitting tests).
  it.each([
    ['blank', 3, false],
    ['filled-in', 3, true],
  ] as const)(
    'consolidates 250 %s real templates with the domain’s 汇总 and 明细 in %i round trips',
    async (_, total, filled) => {
      const plan = builtinPlan();
      const { excel, port, counter } = setup();
      for (let i = 0; i < 250; i++) {
        const campaign = plan.campaigns[i % plan.campaigns.length];
        if (!campaign) throw new Error('no campaign');
        const spec = buildTemplate({
          plan,
          campaignId: campaign.id,
          department: `部门${i}`,
          year: 2019,
          month: 6,
          mode: 'kpi',
        });
        const rows = specToArray(spec).map((row, r) =>
          row.map((v, c): Seed => {
            if (typeof v === 'string' && v.startsWith('=')) return { formula: v, value: null };
            // H (the actual) of the indicator rows
            if (filled && c === 7 && r >= 6 && r < 6 + campaign.indicators.length) return ((i + r) % 9) + 1;
            return v;
          }),
        );
        excel.addSheet(`模板${i}`, rows);
      }
      const syncs = counter();

      const data = await port.readAllSheets({ numberFormats: true });
      const result = consolidate(
        plan,
        data.map((sheet) => ({ origin: { kind: 'sheet', sheet: sheet.name }, sheet })),
      );
      await port.writeSheets([summarySheet(result, plan), detailSheet(result)], CONSOLIDATE);

      expect(syncs()).toBe(total);
      expect(port.lastWriteReport()).toMatchObject({ syncs: total - 2, lookup: 'snapshot' });
      expect(excel.tabs().slice(-2)).toEqual([SUMMARY_SHEET, DETAIL_SHEET]);
      expect(excel.sheet(SUMMARY_SHEET).charts.length).toBeGreaterThan(0);
      expect(excel.active?.name).toBe(SUMMARY_SHEET);
      expect(
        excel.batches.every((b) => !b.failed && b.requestBytes < PAYLOAD_LIMIT && b.responseBytes < PAYLOAD_LIMIT),
      ).toBe(true);
    },
  );

  it('selects a cell of the first sheet with the same batch', async () => {
    const { excel, port, counter } = setup();
    seedTemplates(excel, 3);
    const syncs = counter();
    await port.readAllSheets();
    await port.writeSheets([summary(1), detail(1)], { select: 'B4' });
    expect(syncs()).toBe(3);
    expect(excel.active?.name).toBe(SUMMARY_SHEET);
    expect(excel.selection).toBe('B4');
  });

  it('still splits a write over 5 MB into batches under the limit, one per ~4 MB', async () => {
    const { excel, port, counter } = setup();
    seedTemplates(excel, 250);
    const syncs = counter();
    await port.readAllSheets();
    await port.writeSheets([summary(1), detail(1, 80_000)], CONSOLIDATE);

    const report = port.lastWriteReport();
    if (!report) throw new Error('no report');
    expect(report.lookup).toBe('snapshot');
    expect(report.estimatedBytes).toBeGreaterThan(PAYLOAD_LIMIT);
    expect(report.syncs).toBeGreaterThanOrEqual(Math.ceil(report.estimatedBytes / 4_000_000));
    expect(report.syncs).toBeLessThanOrEqual(1 + Math.ceil(report.estimatedBytes / 4_000_000));
    // ≈ 6.3 MB estimated: 2 write batches, so read (2) + write (2) = 4.
    expect(report.syncs).toBe(2);
    expect(syncs()).toBe(4);
    expect(excel.batches.every((b) => !b.failed && b.requestBytes < PAYLOAD_LIMIT)).toBe(true);
    expect(excel.sheet(DETAIL_SHEET).cell('A80002').value).toBe('模板79999');
    expect(excel.active?.name).toBe(SUMMARY_SHEET);
  });

  it('takes the snapshot also when readAllSheets had to read in chunks (over 5 MB)', async () => {
    const { excel, port, counter } = setup();
    const text = 'x'.repeat(100);
    excel.addSheet(
      '大',
      Array.from({ length: 6000 }, (_, r) => Array.from({ length: 10 }, (_, c) => `${r}:${c}:${text}`)),
    );
    seedTemplates(excel, 5);
    await port.readAllSheets();
    expect(excel.batches.some((b) => b.failed === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
    const syncs = counter();
    await port.writeSheets([summary(1), detail(1)], CONSOLIDATE);
    expect(syncs()).toBe(1);
    expect(port.lastWriteReport()?.lookup).toBe('snapshot');
  });
});

describe('writeSheets with a stale snapshot: redone after a lookup, same result, 2 more round trips', () => {
  /** A workbook where a first consolidation already wrote 汇总 (table, chart, protection) and 明细. */
  async function consolidated(templates = 20) {
    const t = setup();
    seedTemplates(t.excel, templates);
    await t.port.writeSheets([summary(1), detail(1)], CONSOLIDATE);
    return t;
  }

  it('an output sheet deleted since the read: the batch fails before changing anything', async () => {
    const { excel, port, counter } = await consolidated();
    const syncs = counter();
    await port.readAllSheets();
    excel.deleteSheet(SUMMARY_SHEET);
    const refused = excel.syncs + 1;
    await port.writeSheets([summary(2), detail(2)], CONSOLIDATE);

    // 2 (read) + 1 (refused: ItemNotFound) + 1 (lookup) + 1 (write).
    expect(syncs()).toBe(5);
    expect(excel.batches[refused - 1]?.failed).toBe('ItemNotFound');
    expect(excel.log.filter((c) => c.batch === refused)).toEqual([]);
    expect(port.lastWriteReport()).toMatchObject({ syncs: 3, lookup: 'loaded', staleSnapshot: 'ItemNotFound' });
    const s = excel.sheet(SUMMARY_SHEET);
    expect(s.cell('A2').value).toBe('汇总（第2次）');
    expect(s.tables.map((x) => x.name)).toEqual(['汇总表2']);
    expect(excel.sheet(DETAIL_SHEET).cell('A2').value).toBe('明细（第2次）');
    expect(excel.active).toBe(s);
  });

  it('a sheet of an output’s name added since the read: replaced, not a clash', async () => {
    const { excel, port, counter } = setup();
    seedTemplates(excel, 10);
    const syncs = counter();
    await port.readAllSheets();
    excel.addSheet(DETAIL_SHEET, [['用户自己的明细']]);
    await port.writeSheets([summary(1), detail(1)], CONSOLIDATE);

    expect(syncs()).toBe(5);
    expect(port.lastWriteReport()).toMatchObject({ lookup: 'loaded', staleSnapshot: 'ItemAlreadyExists' });
    expect(excel.sheets.filter((s) => s.name === DETAIL_SHEET)).toHaveLength(1);
    expect(excel.sheet(DETAIL_SHEET).cell('A1').value).toBe(encodeMarker({ type: 'kpi-detail', v: 1, run: 1 }));
    expect(excel.sheet(SUMMARY_SHEET).tables.map((x) => x.name)).toEqual(['汇总表1']);
  });

  it('a chart added to an output since the read (the batch succeeds): noticed by counting, redone', async () => {
    const { excel, port, counter } = await consolidated();
    const syncs = counter();
    await port.readAllSheets();
    excel.sheet(SUMMARY_SHEET).charts.push({ name: '用户的图', type: 'Pie', source: 'A3:B5', seriesBy: 'Columns' });
    await port.writeSheets([summary(2), detail(2)], CONSOLIDATE);

    expect(syncs()).toBe(5);
    expect(port.lastWriteReport()).toMatchObject({ lookup: 'loaded', staleSnapshot: 'unexpectedItems' });
    expect(excel.sheet(SUMMARY_SHEET).charts.map((c) => c.name)).toEqual(['完成情况2']);
    expect(excel.sheet(SUMMARY_SHEET).tables.map((x) => x.name)).toEqual(['汇总表2']);
  });

  it('an output protected since the read: AccessDenied, redone with the protection lifted first', async () => {
    const { excel, port, counter } = await consolidated();
    const syncs = counter();
    await port.readAllSheets();
    excel.sheet(DETAIL_SHEET).isProtected = true;
    await port.writeSheets([summary(2), detail(2)], CONSOLIDATE);

    expect(syncs()).toBe(5);
    expect(port.lastWriteReport()).toMatchObject({ lookup: 'loaded', staleSnapshot: 'AccessDenied' });
    expect(excel.sheet(DETAIL_SHEET).cell('A2').value).toBe('明细（第2次）');
    expect(excel.sheet(DETAIL_SHEET).isProtected).toBe(false); // 明细's spec does not protect it
    expect(excel.sheet(SUMMARY_SHEET).tables.map((x) => x.name)).toEqual(['汇总表2']);
  });

  it('a snapshot older than snapshotMaxAgeMs is not used: lookup + write', async () => {
    const { port, clock, counter } = await consolidated();
    const syncs = counter();
    await port.readAllSheets();
    clock.ms += 60_001;
    await port.writeSheets([summary(2), detail(2)], CONSOLIDATE);
    expect(syncs()).toBe(4);
    expect(port.lastWriteReport()).toMatchObject({ syncs: 2, lookup: 'loaded' });
    expect(port.lastWriteReport()?.staleSnapshot).toBeUndefined();
  });

  it('the adapter’s own writeSheet drops the snapshot', async () => {
    const { excel, port, counter } = setup();
    seedTemplates(excel, 5);
    await port.readAllSheets();
    await port.writeSheet(summary(1));
    const syncs = counter();
    await port.writeSheets([summary(2), detail(2)], CONSOLIDATE);
    expect(port.lastWriteReport()).toMatchObject({ lookup: 'loaded' });
    expect(syncs()).toBe(2);
    expect(excel.sheet(SUMMARY_SHEET).tables.map((x) => x.name)).toEqual(['汇总表2']);
  });

  it('retries a batch refused in cell-edit mode, still from the snapshot', async () => {
    const { excel, port, counter, sleeps } = await consolidated();
    const syncs = counter();
    await port.readAllSheets();
    excel.failNextSyncs('InvalidOperationInCellEditMode', 1);
    await port.writeSheets([summary(2), detail(2)], CONSOLIDATE);
    expect(syncs()).toBe(4);
    expect(sleeps).toEqual([250]);
    expect(port.lastWriteReport()).toMatchObject({ syncs: 1, lookup: 'snapshot' });
    expect(excel.sheet(SUMMARY_SHEET).tables.map((x) => x.name)).toEqual(['汇总表2']);
  });
});

describe('writeSheets without a snapshot', () => {
  it('takes 2 round trips (lookup, write), whether the sheets are new or replaced', async () => {
    const { excel, port, counter } = setup();
    seedTemplates(excel, 250);
    let syncs = counter();
    await port.writeSheets([summary(1), detail(1)], CONSOLIDATE);
    expect(syncs()).toBe(2);
    expect(port.lastWriteReport()).toMatchObject({ syncs: 2, lookup: 'loaded' });

    syncs = counter();
    await port.writeSheets([summary(2), detail(2)], CONSOLIDATE);
    expect(syncs()).toBe(2);
    const s = excel.sheet(SUMMARY_SHEET);
    expect(s.tables.map((x) => x.name)).toEqual(['汇总表2']);
    expect(s.charts.map((c) => c.name)).toEqual(['完成情况2']);
    expect(s.isProtected).toBe(true);
    expect(excel.tabs().slice(-2)).toEqual([SUMMARY_SHEET, DETAIL_SHEET]);
  });

  it('readSheets (some sheets only) leaves no snapshot: a name it did not read may still exist', async () => {
    const { excel, port, counter } = setup();
    seedTemplates(excel, 3);
    await port.writeSheets([summary(1), detail(1)], CONSOLIDATE);
    await port.readSheets(['模板0']);
    const syncs = counter();
    await port.writeSheets([summary(2), detail(2)], CONSOLIDATE);
    expect(syncs()).toBe(2);
    expect(port.lastWriteReport()?.lookup).toBe('loaded');
    expect(excel.sheet(SUMMARY_SHEET).tables.map((x) => x.name)).toEqual(['汇总表2']);
  });

  it('replace: false refuses an existing sheet after the lookup (a snapshot is not trusted for that)', async () => {
    const { excel, port, counter } = setup();
    excel.addSheet(SUMMARY_SHEET, [['旧']]);
    await port.readAllSheets();
    const syncs = counter();
    const error = await port.writeSheets([summary(1), detail(1)], { replace: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortError);
    expect((error as PortError).code).toBe('nameClash');
    expect(syncs()).toBe(1);
    expect(excel.sheet(SUMMARY_SHEET).cell('A1').value).toBe('旧');
    expect(excel.find(DETAIL_SHEET)).toBeUndefined();
  });

  it('writes the last spec given for a name once, at the place the name first appears', async () => {
    const { excel, port, counter } = setup();
    const syncs = counter();
    await port.writeSheets([summary(1), detail(1), summary(2)], CONSOLIDATE);
    expect(syncs()).toBe(2);
    expect(excel.tabs()).toEqual([SUMMARY_SHEET, DETAIL_SHEET]);
    expect(excel.sheet(SUMMARY_SHEET).tables.map((x) => x.name)).toEqual(['汇总表2']);
  });

  it('where Excel refuses loads under a null object: by names (1 refused + names + write), remembered', async () => {
    const { excel, port, counter } = setup({ nullObjectChildren: 'refuse' });
    seedTemplates(excel, 3);
    let syncs = counter();
    await port.writeSheets([summary(1), detail(1)], CONSOLIDATE);
    expect(syncs()).toBe(3);
    expect(excel.batches.map((b) => b.failed ?? 'ok')).toEqual(['ItemNotFound', 'ok', 'ok']);
    const tried = excel.calls(/getItemOrNullObject/).length;

    syncs = counter();
    await port.writeSheets([summary(2), detail(2)], CONSOLIDATE);
    // Names, then the existing sheets' tables, charts and protection, then the write; no null objects tried.
    expect(syncs()).toBe(3);
    expect(excel.calls(/getItemOrNullObject/)).toHaveLength(tried);
    expect(excel.sheet(SUMMARY_SHEET).tables.map((x) => x.name)).toEqual(['汇总表2']);

    // The snapshot path does not use null objects: read + write + activate is still 3.
    syncs = counter();
    await port.readAllSheets();
    await port.writeSheets([summary(3), detail(3)], CONSOLIDATE);
    expect(syncs()).toBe(3);
  });

  it('before ExcelApi 1.4 (no getItemOrNullObject): 2 for new sheets, 3 to replace; 3 with a snapshot', async () => {
    const { excel, port, counter } = setup({ apiVersion: '1.3' });
    seedTemplates(excel, 3);
    let syncs = counter();
    await port.writeSheets([summary(1), detail(1)], CONSOLIDATE);
    expect(syncs()).toBe(2);
    syncs = counter();
    await port.writeSheets([summary(2), detail(2)], CONSOLIDATE);
    expect(syncs()).toBe(3);
    syncs = counter();
    await port.readAllSheets();
    await port.writeSheets([summary(3), detail(3)], CONSOLIDATE);
    expect(syncs()).toBe(3);
    expect(excel.sheet(SUMMARY_SHEET).tables.map((x) => x.name)).toEqual(['汇总表3']);
    expect(excel.calls(/getItemOrNullObject/)).toEqual([]);
  });
});
