import { encodeMarker } from '../../../src/domain/grid/ownSheets';
import { type CellSpec, type SheetSpec } from '../../../src/domain/grid/sheetSpec';
import { PortError, type ChangeEvent } from '../../../src/workbook/port';
import { createExcelWorkbook, type ExcelWorkbookOptions } from '../../../src/workbook/excel/excelWorkbook';
import { charactersToPoints } from '../../../src/workbook/excel/renderSheet';
import { DEFAULT_BATCH_BUDGET_BYTES } from '../../../src/workbook/excel/payload';
import { mergedAddresses } from '../../../src/workbook/excel/readSheets';
import { FakeExcel, PAYLOAD_LIMIT, type FakeExcelOptions } from './fakeExcel';

/**
 * The Excel adapter through the port, against a recording fake of Office.js (fakeExcel.ts). Round-trip counts are
 * deterministic, so they are asserted exactly: they must not grow with the number of sheets or cells.
 */

function setup(fake: FakeExcelOptions = {}, options: ExcelWorkbookOptions = {}) {
  const excel = new FakeExcel(fake);
  const sleeps: number[] = [];
  const port = createExcelWorkbook(excel.run, {
    isSetSupported: excel.isSetSupported,
    sleep: async (ms) => void sleeps.push(ms),
    ...options,
  });
  return { excel, port, sleeps };
}

/**
 * An adapter whose first Excel.run does all its work and then fails as in cell-edit mode: the retry finds what the
 * first attempt did already in the workbook.
 */
function failingOnceAfterTheWork(excel: FakeExcel) {
  const attempt = { n: 0 };
  const flaky: typeof Excel.run = ((batch: (context: Excel.RequestContext) => Promise<unknown>) =>
    excel.run(async (context) => {
      const result = await batch(context);
      if (attempt.n++ === 0) throw Object.assign(new Error('edit mode'), { code: 'InvalidOperationInCellEditMode' });
      return result;
    })) as typeof Excel.run;
  return createExcelWorkbook(flaky, { isSetSupported: excel.isSetSupported, sleep: async () => undefined });
}

async function portError(promise: Promise<unknown>): Promise<PortError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PortError) return error;
    throw error;
  }
  throw new Error('expected a PortError');
}

const INPUT_STYLES = {
  header: {
    fill: '#DDEBF7',
    font: { bold: true },
    horizontal: 'center',
    wrap: true,
    border: { style: 'thin', color: '#808080' },
  },
  text: { border: { style: 'thin', color: '#808080' } },
  number: { numberFormat: '#,##0.00', border: { style: 'thin', color: '#808080' } },
  input: { fill: '#FFF2CC', locked: false, numberFormat: '#,##0.00', border: { style: 'thin', color: '#808080' } },
  percent: { numberFormat: '0.0%', border: { style: 'thin', color: '#808080' } },
} as const satisfies SheetSpec['styles'];

/** A department template of `n` indicator rows, as the domain would describe it (rows 1–2 hidden, data from row 4). */
function templateSpec(n: number, name = '招大引强-投资促进中心'): SheetSpec {
  const header: CellSpec[] = ['代码', '指标', '单位', '目标', '完成', '完成率', '滞后原因'].map((value) => ({
    value,
    style: 'header',
  }));
  const rows = Array.from({ length: n }, (_, i): CellSpec[] => {
    const r = 4 + i;
    return [
      { value: `C1-${String(i + 1).padStart(4, '0')}`, style: 'text' },
      { value: `合同利用外资${i % 10}`, style: 'text' },
      { value: '亿美元', style: 'text' },
      { value: 7 + i, style: 'number' },
      { value: null, style: 'input' },
      { formula: `=IF(ISBLANK(E${r}),"",E${r}/D${r})`, style: 'percent' },
      { value: null, style: 'input', numberFormat: '@' },
    ];
  });
  const last = 3 + n;
  return {
    name,
    marker: { type: 'template', v: 1, campaign: 'C1', department: '投资促进中心' },
    styles: INPUT_STYLES,
    blocks: [
      { at: 'A2', rows: [[{ value: '2019年“招大引强”攻坚战指标推进表', style: 'header' }]] },
      { at: 'A3', rows: [header] },
      { at: 'A4', rows },
    ],
    columnWidths: [
      { column: 'A', width: 10 },
      { column: 'B', width: 30 },
      { column: 'G', width: 40 },
    ],
    rowHeights: [
      { row: 1, height: 15, hidden: true },
      { row: 2, height: 36 },
    ],
    merges: ['A2:G2'],
    validations: [
      {
        range: `E4:E${last}`,
        rule: { type: 'decimal', operator: 'greaterThanOrEqualTo', formula1: 0 },
        allowBlank: true,
        prompt: { title: '1–N月累计', message: '请填写数字' },
        errorAlert: { style: 'stop', title: '输入值无效', message: '请填写数字，不要带单位' },
      },
      {
        range: `G4:G${last}`,
        rule: { type: 'textLength', operator: 'lessThanOrEqualTo', formula1: 500 },
        allowBlank: true,
      },
    ],
    conditionalFormats: [
      {
        range: `F4:F${last}`,
        rule: { type: 'cellValue', operator: 'lessThan', formula1: '0.9' },
        format: { fill: '#FFC7CE', fontColor: '#9C0006' },
      },
      {
        range: `F4:F${last}`,
        rule: { type: 'expression', formula: 'AND(ISNUMBER(F4),F4>=1)' },
        format: { fill: '#C6EFCE', numberFormat: '"达标 "0.0%' },
        stopIfTrue: true,
      },
    ],
    protect: true,
    freeze: { rows: 3, columns: 2 },
    print: {
      orientation: 'landscape',
      paperSize: 'A4',
      fitToPagesWide: 1,
      printTitleRows: '$3:$3',
      centerHorizontally: true,
    },
    tabColor: '#4472C4',
    charts: [
      {
        name: '完成率',
        type: 'columnClustered',
        source: `B3:B${Math.min(last, 13)}`,
        seriesBy: 'columns',
        title: '完成率',
        from: 'I3',
        to: 'P20',
        seriesColors: ['#00B050'],
      },
    ],
  };
}

describe('listSheets', () => {
  it('finds each sheet’s marker in column A rows 1–20, also after rows were inserted above it, in 2 round trips', async () => {
    const { excel, port } = setup();
    excel.addSheet('说明', [['本工作簿由加载项生成']]);
    excel.addSheet('投资促进中心', [[encodeMarker({ type: 'template', campaign: 'C1' })], ['代码']]);
    excel.addSheet('经信商务局', [[null], [null], [encodeMarker({ type: 'template', campaign: 'C2' })]]);
    excel.addSheet('旧表', [[encodeMarker({ type: 'template', campaign: 'C3' })]]).visibility = 'Hidden';

    const sheets = await port.listSheets();

    expect(sheets).toEqual([
      { name: '说明', position: 0, visible: true },
      { name: '投资促进中心', position: 1, visible: true, marker: { type: 'template', campaign: 'C1' } },
      { name: '经信商务局', position: 2, visible: true, marker: { type: 'template', campaign: 'C2' } },
      { name: '旧表', position: 3, visible: false, marker: { type: 'template', campaign: 'C3' } },
    ]);
    expect(excel.syncs).toBe(2);
  });

  it('names a damaged marker and the type it still claims, in the same 2 round trips', async () => {
    const { excel, port } = setup();
    excel.addSheet('指标库', [['KPI-TRACKER:{"type":"kpi-plan","v":']]);
    excel.addSheet('乱码', [[null], ['KPI-TRACKER:???']]);
    expect(await port.listSheets()).toEqual([
      { name: '指标库', position: 0, visible: true, damagedMarker: 'kpi-plan' },
      { name: '乱码', position: 1, visible: true, damagedMarker: 'unknown' },
    ]);
    expect(excel.syncs).toBe(2);
  });

  it('takes 2 round trips for 200 sheets as for 1', async () => {
    const one = setup();
    one.excel.addSheet('S1');
    await one.port.listSheets();
    const many = setup();
    for (let i = 0; i < 200; i++) many.excel.addSheet(`S${i}`, [[encodeMarker({ i })]]);
    const sheets = await many.port.listSheets();
    expect(sheets).toHaveLength(200);
    expect(many.excel.syncs).toBe(one.excel.syncs);
    expect(many.excel.syncs).toBe(2);
  });
});

describe('readSheets', () => {
  it('reads a sheet from A1, with errors as values and empty cells as null', async () => {
    const { excel, port } = setup();
    excel.addSheet(
      '数据',
      [
        [null, '代码', '完成'],
        [null, 'C1-01', { error: '#N/A' }],
        [null, 'C1-02', { formula: '=1+1', value: 2 }],
      ],
      'B2',
    );

    const [data] = await port.readSheets(['数据'], { formulas: true, numberFormats: true });

    expect(data?.values).toEqual([
      [null, null, null, null],
      [null, null, '代码', '完成'],
      [null, null, 'C1-01', { error: '#N/A' }],
      [null, null, 'C1-02', 2],
    ]);
    expect(data?.formulas?.[3]).toEqual([null, null, null, '=1+1']);
    expect(data?.numberFormats?.[1]).toEqual(['General', 'General', 'General', 'General']);
    expect(excel.syncs).toBe(1);
  });

  it('reads an empty sheet as no rows', async () => {
    const { excel, port } = setup();
    excel.addSheet('空');
    expect(await port.readSheets(['空'])).toEqual([{ name: '空', values: [] }]);
  });

  // Issue 12, observation 4d: merged input cells are a problem, so the read returns merged areas — in its one batch.
  it('returns merged areas with the values, in the same round trip (ExcelApi 1.13)', async () => {
    const { excel, port } = setup();
    excel.addSheet('转型 升级', [['x', 1]]).merges.push('H7:H8', 'A1:D1');
    excel.addSheet('S1', [['y']]);
    const read = await port.readSheets(['转型 升级', 'S1']);
    expect(read.map((d) => d.merges)).toEqual([['H7:H8', 'A1:D1'], undefined]);
    expect(excel.syncs).toBe(1);
    const all = setup();
    all.excel.addSheet('S0', [['x']]).merges.push('B2:C3');
    expect((await all.port.readAllSheets({ numberFormats: true }))[0]?.merges).toEqual(['B2:C3']);
    expect(all.excel.syncs).toBe(2);
  });

  it('without ExcelApi 1.13 reads as before, merges unknown', async () => {
    const { excel, port } = setup({ apiVersion: '1.12' });
    excel.addSheet('S0', [['x', 1]]).merges.push('H7:H8');
    const [data] = await port.readSheets(['S0']);
    expect(data).toEqual({ name: 'S0', values: [['x', 1]] });
    expect(excel.calls(/Merged/)).toEqual([]);
    expect(excel.syncs).toBe(1);
  });

  it('a sheet with more merged areas than Excel returns (512) is read without merges, one round trip more', async () => {
    const { excel, port } = setup();
    const many = excel.addSheet('S0', [['x', 1]]);
    for (let r = 1; r <= 513; r++) many.merges.push(`A${2 * r}:B${2 * r}`);
    const [data] = await port.readSheets(['S0']);
    expect(data).toEqual({ name: 'S0', values: [['x', 1]] });
    expect(excel.syncs).toBe(2);
  });

  test.each([
    ['Sheet1!A1:B2, Sheet1!H7:H8', ['A1:B2', 'H7:H8']],
    ["'转型升级-经信商务局-6月'!H7:H8", ['H7:H8']],
    ["'a, b!'!$C$3:$D$4, 'a, b!'!E5:F6", ['C3:D4', 'E5:F6']],
    ['', []],
  ])('mergedAddresses(%j)', (address, expected) => {
    expect(mergedAddresses(address)).toEqual(expected);
  });

  it('takes 1 round trip for 200 sheets as for 1', async () => {
    const rows = Array.from({ length: 20 }, (_, r) =>
      Array.from({ length: 8 }, (_, c) => (c === 0 ? `C1-${r}` : r * c)),
    );
    const one = setup();
    one.excel.addSheet('S0', rows);
    await one.port.readSheets(['S0']);
    const many = setup();
    const names = Array.from({ length: 200 }, (_, i) => `S${i}`);
    for (const name of names) many.excel.addSheet(name, rows);

    const read = await many.port.readSheets(names);

    expect(read.map((d) => d.name)).toEqual(names);
    expect(read[199]?.values[19]?.[7]).toBe(19 * 7);
    expect(one.excel.syncs).toBe(1);
    expect(many.excel.syncs).toBe(1);
  });

  it('readAllSheets reads a workbook of 1 or 200 sheets in 2 round trips, in tab order', async () => {
    const rows = [['x', 1]];
    const one = setup();
    one.excel.addSheet('S0', rows);
    const oneRead = await one.port.readAllSheets();
    const many = setup();
    for (let i = 0; i < 200; i++) many.excel.addSheet(`S${i}`, rows);
    const manyRead = await many.port.readAllSheets({ numberFormats: true });
    expect(oneRead.map((d) => d.name)).toEqual(['S0']);
    expect(manyRead).toHaveLength(200);
    expect(manyRead[199]?.values[0]).toEqual(['x', 1]);
    expect([one.excel.syncs, many.excel.syncs]).toEqual([2, 2]);
  });

  it('names the missing sheet (a second round trip, only on that error)', async () => {
    const { excel, port } = setup();
    excel.addSheet('有');
    const error = await portError(port.readSheets(['有', '没有']));
    expect(error.code).toBe('sheetMissing');
    expect(error.detail).toBe('没有');
    expect(excel.syncs).toBe(2);
  });

  it('reads in row chunks when the response would exceed 5 MB, one round trip per ~4 MB', async () => {
    const { excel, port } = setup();
    const text = 'x'.repeat(100);
    excel.addSheet(
      '大',
      Array.from({ length: 6000 }, (_, r) => Array.from({ length: 10 }, (_, c) => `${r}:${c}:${text}`)),
    );

    excel.sheet('大').merges.push('H7:H8');

    const [data] = await port.readSheets(['大']);

    expect(data?.values).toHaveLength(6000);
    expect(data?.merges).toEqual(['H7:H8']); // with the sizes, in the same round trip
    expect(data?.values[5999]?.[9]).toBe(`5999:9:${text}`);
    // The one-batch read is refused (7 MB); the retry learns the sizes, then reads two chunks of ~3.6 MB.
    expect(excel.batches.map((b) => b.failed ?? 'ok')).toEqual(['ResponsePayloadSizeLimitExceeded', 'ok', 'ok', 'ok']);
    expect(excel.batches.every((b) => b.responseBytes < PAYLOAD_LIMIT || b.failed)).toBe(true);
  });

  it('halves a chunk whose cells turn out larger than estimated', async () => {
    const { excel, port } = setup();
    const long = 'y'.repeat(300);
    excel.addSheet(
      '不均',
      Array.from({ length: 4000 }, (_, r) =>
        Array.from({ length: 10 }, (_, c) => (r < 2000 ? `${r}` : `${r}:${c}:${long}`)),
      ),
    );

    const [data] = await port.readSheets(['不均']);

    expect(data?.values[3999]?.[9]).toBe(`3999:9:${long}`);
    expect(data?.values[0]?.[0]).toBe('0');
    expect(excel.batches.map((b) => b.failed ?? 'ok')).toEqual([
      'ResponsePayloadSizeLimitExceeded',
      'ok',
      'ok',
      'ResponsePayloadSizeLimitExceeded',
      'ok',
      'ok',
    ]);
  });
});

describe('writeSheet', () => {
  it('renders a spec: values first, then formats, then protection, in 2 round trips', async () => {
    const { excel, port } = setup();
    await port.writeSheet(templateSpec(3), { select: 'E4' });
    const sheet = excel.sheet('招大引强-投资促进中心');

    expect(sheet.cell('A1').value).toBe(
      encodeMarker({ type: 'template', v: 1, campaign: 'C1', department: '投资促进中心' }),
    );
    expect(sheet.cell('B4').value).toBe('合同利用外资0');
    expect(sheet.cell('D6').value).toBe(9);
    expect(sheet.cell('F4').formula).toBe('=IF(ISBLANK(E4),"",E4/D4)');
    expect(sheet.cell('F4').numberFormat).toBe('0.0%');
    expect(sheet.cell('G4').numberFormat).toBe('@');
    expect(sheet.formatAt('E5', 'fill.color')).toBe('#FFF2CC');
    expect(sheet.formatAt('A3', 'borders.InsideVertical.style')).toBe('Continuous');
    expect(sheet.formatAt('A:A', 'columnWidth')).toBe(charactersToPoints(10));
    expect(sheet.formatAt('1:1', 'rowHidden')).toBe(true);
    expect(sheet.merges).toEqual(['A2:G2']);
    expect(sheet.validations.map((v) => v.address)).toEqual(['E4:E6', 'G4:G6']);
    expect(sheet.validations[0]?.rule).toEqual({ decimal: { operator: 'GreaterThanOrEqualTo', formula1: 0 } });
    expect(sheet.conditionalFormats.map((c) => [c.type, c.props])).toEqual([
      [
        'CellValue',
        {
          'cellValue.rule': { operator: 'LessThan', formula1: '0.9' },
          'cellValue.format.fill.color': '#FFC7CE',
          'cellValue.format.font.color': '#9C0006',
        },
      ],
      [
        'Custom',
        {
          'custom.rule.formula': '=AND(ISNUMBER(F4),F4>=1)',
          'custom.format.fill.color': '#C6EFCE',
          'custom.format.numberFormat': '"达标 "0.0%',
          stopIfTrue: true,
        },
      ],
    ]);
    expect(sheet.freeze).toBe('freezeAt(A1:B3)');
    expect(sheet.pageLayout).toEqual({
      orientation: 'Landscape',
      paperSize: 'A4',
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printTitleRows: '$3:$3',
      centerHorizontally: true,
    });
    expect(sheet.tabColor).toBe('#4472C4');
    expect(sheet.charts).toEqual([
      {
        type: 'ColumnClustered',
        source: 'B3:B6',
        seriesBy: 'Columns',
        name: '完成率',
        title: '完成率',
        position: 'I3:P20',
        seriesColors: ['#00B050'],
      },
    ]);
    expect(sheet.isProtected).toBe(true);
    expect(excel.active).toBe(sheet);
    expect(excel.selection).toBe('E4');

    const calls = excel.calls();
    const first = (pattern: RegExp) => calls.findIndex((c) => pattern.test(c));
    const last = (pattern: RegExp) => calls.length - 1 - [...calls].reverse().findIndex((c) => pattern.test(c));
    expect(last(/\.(values|formulas)=/)).toBeLessThan(first(/\.format\./));
    // merged after the values and before any format (office-js#6405: formats of cells merged later can be lost)
    expect(last(/\.(values|formulas)=/)).toBeLessThan(first(/\.merge\b/));
    expect(last(/\.merge\b/)).toBeLessThan(first(/\.format\./));
    expect(excel.syncs).toBe(2);
    expect(port.lastWriteReport()).toMatchObject({ sheet: '招大引强-投资促进中心', skipped: [], syncs: 2 });
  });

  it('unlocks the input cells before protecting the sheet', async () => {
    const { excel, port } = setup();
    await port.writeSheet(templateSpec(5));
    const sheet = excel.sheet('招大引强-投资促进中心');
    const calls = excel.calls();
    const unlock = calls.findIndex((c) => c.includes('format.protection.locked=false'));
    const protect = calls.findIndex((c) => c.includes('protection.protect'));
    expect(unlock).toBeGreaterThanOrEqual(0);
    expect(unlock).toBeLessThan(protect);
    expect(sheet.isLocked(4, 4)).toBe(false); // E5, an input
    expect(sheet.isLocked(4, 3)).toBe(true); // D5, a target
    // The user (or a fix the user accepted) can still write an input cell; a locked cell is refused.
    await port.writeCells([{ sheet: sheet.name, address: 'E5', value: 3.5 }]);
    expect(sheet.cell('E5').value).toBe(3.5);
    const error = await portError(port.writeCells([{ sheet: sheet.name, address: 'D5', value: 1 }]));
    expect(error.code).toBe('sheetProtected');
  });

  it('takes 2 round trips for a 10,000-row spec as for a small one, every batch under the 5 MB limit', async () => {
    const small = setup();
    await small.port.writeSheet(templateSpec(3));
    const large = setup();
    await large.port.writeSheet(templateSpec(10_000));

    expect(small.excel.syncs).toBe(2);
    expect(large.excel.syncs).toBe(2);
    expect(large.excel.sheet('招大引强-投资促进中心').cell('F10003').formula).toBe(
      '=IF(ISBLANK(E10003),"",E10003/D10003)',
    );
    expect(large.excel.batches.every((b) => !b.failed && b.requestBytes < PAYLOAD_LIMIT)).toBe(true);
    expect(large.port.lastWriteReport()?.estimatedBytes).toBeLessThan(4_000_000);
  });

  it('splits a spec over 5 MB into batches under the limit; round trips grow with bytes only', async () => {
    const syncsFor = async (rows: number) => {
      const { excel, port } = setup();
      await port.writeSheet(templateSpec(rows));
      expect(excel.batches.every((b) => !b.failed && b.requestBytes < PAYLOAD_LIMIT)).toBe(true);
      const report = port.lastWriteReport();
      if (!report) throw new Error('no report');
      expect(report.syncs).toBe(excel.syncs);
      // One lookup, then one batch per started 4.5 MB of estimated payload (cuts fall between operations).
      expect(excel.syncs).toBeGreaterThanOrEqual(1 + Math.ceil(report.estimatedBytes / DEFAULT_BATCH_BUDGET_BYTES));
      expect(excel.syncs).toBeLessThanOrEqual(2 + Math.ceil(report.estimatedBytes / DEFAULT_BATCH_BUDGET_BYTES));
      expect(excel.sheet('招大引强-投资促进中心').cell(`A${3 + rows}`).value).toBe(
        `C1-${String(rows).padStart(4, '0')}`,
      );
      expect(excel.sheet('招大引强-投资促进中心').isProtected).toBe(true);
      return excel.syncs;
    };
    // 30,000 rows ≈ 6.5 MB estimated → lookup + 2 batches; 60,000 rows ≈ 13 MB → lookup + 3 batches of ≤ 4.5 MB.
    expect(await syncsFor(30_000)).toBe(3);
    expect(await syncsFor(60_000)).toBe(4);
  });

  it.each(['=1+1', '+86', '-', '@x', '\tx', '007', '2019-06', 'TRUE', '#N/A', '1/2'])(
    'writes %j as text: number format "@" before the value, never a formula',
    async (text) => {
      const { excel, port } = setup();
      await port.writeSheet({
        name: 'T',
        styles: {},
        blocks: [{ at: 'B2', rows: [[{ value: text }, { value: '普通文字' }]] }],
      });
      const sheet = excel.sheet('T');
      expect(sheet.cell('B2')).toEqual({ value: text, numberFormat: '@' });
      expect(sheet.cell('C2')).toEqual({ value: '普通文字', numberFormat: 'General' });
      const calls = excel.calls();
      expect(calls.findIndex((c) => c.startsWith('T!B2:C2.numberFormat=[["@",null]]'))).toBeLessThan(
        calls.findIndex((c) => c.startsWith('T!B2:C2.values=')),
      );

      await port.writeCells([{ sheet: 'T', address: 'D5', value: text }]);
      expect(sheet.cell('D5')).toEqual({ value: text, numberFormat: '@' });
    },
  );

  it('refuses a name clash unless asked to replace', async () => {
    const { excel, port } = setup();
    excel.addSheet('汇总', [['旧']]);
    const error = await portError(port.writeSheet({ name: '汇总', styles: {}, blocks: [] }));
    expect(error.code).toBe('nameClash');
    expect(excel.syncs).toBe(1);
  });

  it('replaces a sheet in place (same tab, tables, charts and protection removed) in 3 round trips', async () => {
    const { excel, port } = setup();
    excel.addSheet('说明');
    await port.writeSheet({ ...templateSpec(4, '汇总'), table: undefined });
    excel.addSheet('明细');
    const before = excel.syncs;

    await port.writeSheet(
      {
        name: '汇总',
        styles: {},
        blocks: [{ at: 'A1', rows: [[{ value: '新' }]] }],
        table: { name: '汇总表', range: 'A1:A1' },
      },
      { replace: true },
    );

    const sheet = excel.sheet('汇总');
    expect(excel.syncs - before).toBe(3);
    expect(sheet.position).toBe(1);
    expect(sheet.cell('A1').value).toBe('新');
    expect(sheet.cell('B4').value).toBeNull();
    expect(sheet.charts).toEqual([]);
    expect(sheet.tables).toEqual([{ name: '汇总表', address: 'A1:A1' }]);
    expect(sheet.isProtected).toBe(false);
    expect(sheet.validations).toEqual([]);
    expect(sheet.merges).toEqual([]);
  });

  it('degrades on an older Excel: skips what it lacks, reports it, and writes the rest', async () => {
    const { excel, port } = setup({ apiVersion: '1.7' });
    await port.writeSheet(templateSpec(3));
    const sheet = excel.sheet('招大引强-投资促进中心');

    expect(port.lastWriteReport()?.skipped).toEqual([
      { feature: 'dataValidation', requirement: 'ExcelApi 1.8' },
      { feature: 'print', requirement: 'ExcelApi 1.9' },
    ]);
    expect(sheet.validations).toEqual([]);
    expect(sheet.conditionalFormats).toHaveLength(2);
    expect(sheet.isProtected).toBe(true);
    // Without RangeAreas (ExcelApi 1.9) a style is applied rectangle by rectangle.
    expect(excel.calls(/getRanges/)).toEqual([]);
    expect(sheet.formatAt('E5', 'fill.color')).toBe('#FFF2CC');
    expect(excel.syncs).toBe(2);
  });

  it('degrades down to ExcelApi 1.1: values, formulas, styles, table and chart only', async () => {
    const { excel, port } = setup({ apiVersion: '1.1' });
    await port.writeSheet(templateSpec(3));
    expect(port.lastWriteReport()?.skipped.map((s) => s.feature)).toEqual([
      'merges',
      'rowColumnSizes',
      'dataValidation',
      'conditionalFormats',
      'freezePanes',
      'print',
      'tabColor',
      'protection',
    ]);
    expect(excel.sheet('招大引强-投资促进中心').cell('F4').formula).toBe('=IF(ISBLANK(E4),"",E4/D4)');
    // Reading falls back to getUsedRange (ExcelApi 1.1/1.2) where getUsedRangeOrNullObject (1.4) is missing.
    const [data] = await port.readSheets(['招大引强-投资促进中心']);
    expect(data?.values[3]?.[0]).toBe('C1-0001');
  });

  it('writes hyperlinks with the cell’s text', async () => {
    const { excel, port } = setup();
    await port.writeSheet({
      name: '明细',
      styles: {},
      blocks: [
        {
          at: 'A1',
          rows: [
            [{ value: '投资促进中心!H6', hyperlink: { documentReference: "'投资促进中心'!H6", tooltip: '打开来源' } }],
          ],
        },
      ],
    });
    expect(excel.sheet('明细').hyperlinks.get('A1')).toEqual({
      documentReference: "'投资促进中心'!H6",
      screenTip: '打开来源',
      textToDisplay: '投资促进中心!H6',
    });
  });
});

describe('insertSheet and deleteSheet', () => {
  it('adds a sheet named from the names there are, and lists the others with their markers, in 2 round trips', async () => {
    const { excel, port } = setup();
    excel.addSheet('说明', [['readme']]);
    excel.addSheet('投促6月', [[encodeMarker({ type: 'template', campaign: 'C1' })]]);
    excel.addSheet('招大引强-投资促进中心');
    excel.moveSheet('投促6月', 0);
    const seen: string[][] = [];
    const r = await port.insertSheet(
      (names) => {
        seen.push([...names]);
        return templateSpec(
          3,
          names.includes('招大引强-投资促进中心') ? '招大引强-投资促进中心 (2)' : '招大引强-投资促进中心',
        );
      },
      { select: 'E4' },
    );
    expect(excel.syncs).toBe(2);
    expect(seen).toEqual([['投促6月', '说明', '招大引强-投资促进中心']]);
    expect(r.name).toBe('招大引强-投资促进中心 (2)');
    expect(r.others).toEqual([
      { name: '投促6月', position: 0, visible: true, marker: { type: 'template', campaign: 'C1' } },
      { name: '说明', position: 1, visible: true },
      { name: '招大引强-投资促进中心', position: 2, visible: true },
    ]);
    expect(excel.sheet('招大引强-投资促进中心 (2)').cell('A4').value).toBe('C1-0001');
    expect(excel.active?.name).toBe('招大引强-投资促进中心 (2)');
    expect(excel.selection).toBe('E4');
    expect(port.lastWriteReport()).toMatchObject({ sheet: '招大引强-投资促进中心 (2)', syncs: 2, skipped: [] });
  });

  it('takes 2 round trips with 200 sheets as with none', async () => {
    const { excel, port } = setup();
    for (let i = 0; i < 200; i++) excel.addSheet(`S${i}`, [[i]]);
    const r = await port.insertSheet(() => templateSpec(10, 'new'));
    expect(r.others).toHaveLength(200);
    expect(excel.syncs).toBe(2);
  });

  it('a retry (cell-edit mode after the write reached Excel) deletes the sheet its first attempt added', async () => {
    const excel = new FakeExcel();
    excel.addSheet('A');
    const retrying = failingOnceAfterTheWork(excel);
    const seen: string[][] = [];
    const r = await retrying.insertSheet((names) => {
      seen.push([...names]);
      return templateSpec(2, names.includes('T') ? 'T (2)' : 'T');
    });
    expect(seen).toEqual([['A'], ['A']]);
    expect(r).toEqual({ name: 'T', others: [{ name: 'A', position: 0, visible: true }] });
    expect(excel.sheets.map((s) => s.name).sort()).toEqual(['A', 'T']);
    expect(excel.sheet('T').cell('A4').value).toBe('C1-0001');
  });

  it('renames a sheet in 1 round trip; a missing sheet is sheetMissing, a taken or invalid name nameClash', async () => {
    const { excel, port } = setup();
    excel.addSheet('A');
    excel.addSheet('B');
    await port.renameSheet('A', '招大引强-7月');
    expect(excel.syncs).toBe(1);
    expect(excel.sheets.map((s) => s.name)).toEqual(['招大引强-7月', 'B']);
    expect((await portError(port.renameSheet('A', 'C'))).code).toBe('sheetMissing');
    expect((await portError(port.renameSheet('B', '招大引强-7月'))).code).toBe('nameClash');
    expect((await portError(port.renameSheet('B', 'a/b'))).code).toBe('nameClash');
    expect(excel.sheets.map((s) => s.name)).toEqual(['招大引强-7月', 'B']);
  });

  it('deletes a sheet in 1 round trip (its neighbour becomes active); a missing one is sheetMissing', async () => {
    const { excel, port } = setup();
    excel.addSheet('A');
    excel.addSheet('B');
    excel.addSheet('C');
    await port.activate('B');
    const before = excel.syncs;
    await port.deleteSheet('B');
    expect(excel.syncs - before).toBe(1);
    expect(excel.sheets.map((s) => [s.name, s.position])).toEqual([
      ['A', 0],
      ['C', 1],
    ]);
    expect(excel.active?.name).toBe('C');
    expect((await portError(port.deleteSheet('B'))).code).toBe('sheetMissing');
  });
});

describe('errors', () => {
  it('retries while Excel is in cell-edit mode, then succeeds', async () => {
    const { excel, port, sleeps } = setup();
    excel.failNextSyncs('InvalidOperationInCellEditMode', 2);
    await port.writeCells([{ sheet: excel.addSheet('T').name, address: 'A1', value: 1 }]);
    expect(excel.sheet('T').cell('A1').value).toBe(1);
    expect(sleeps).toEqual([250, 500]);
    expect(excel.syncs).toBe(3);
  });

  it('gives up after 3 retries with cellEditMode', async () => {
    const { excel, port, sleeps } = setup();
    excel.failNextSyncs('InvalidOperationInCellEditMode', 4);
    const error = await portError(port.listSheets());
    expect(error.code).toBe('cellEditMode');
    expect(sleeps).toEqual([250, 500, 1000]);
  });

  it('a retried writeSheet does not clash with the sheet its first attempt created', async () => {
    const excel = new FakeExcel();
    const retrying = failingOnceAfterTheWork(excel);
    await retrying.writeSheet(templateSpec(2));
    expect(excel.sheet('招大引强-投资促进中心').cell('A4').value).toBe('C1-0001');
  });

  it.each([
    ['AccessDenied', 'sheetProtected'],
    ['RequestPayloadSizeLimitExceeded', 'payloadTooLarge'],
    ['ItemAlreadyExists', 'nameClash'],
    ['ItemNotFound', 'sheetMissing'],
    ['GeneralException', 'unknown'],
  ])('maps %s to %s', async (code, expected) => {
    const { excel, port } = setup();
    excel.addSheet('T');
    excel.failNextSyncs(code, 1);
    const error = await portError(port.activate('T'));
    expect(error.code).toBe(expected);
    expect(error.detail).toContain(code);
  });
});

describe('activate, writeCells and onChange', () => {
  it('activates a sheet and selects a cell in 1 round trip', async () => {
    const { excel, port } = setup();
    excel.addSheet('A');
    const b = excel.addSheet('B');
    await port.activate('B', 'H6');
    expect(excel.active).toBe(b);
    expect(excel.selection).toBe('H6');
    expect(excel.syncs).toBe(1);
  });

  it('writes cells of several sheets in 1 round trip; null empties a cell', async () => {
    const { excel, port } = setup();
    excel.addSheet('A', [['x']]);
    excel.addSheet('B');
    await port.writeCells([
      { sheet: 'A', address: 'A1', value: null },
      { sheet: 'B', address: 'C3', value: true },
      { sheet: 'A', address: 'B2', value: 7 },
    ]);
    expect(excel.sheet('A').cell('A1').value).toBeNull();
    expect(excel.sheet('A').cell('B2').value).toBe(7);
    expect(excel.sheet('B').cell('C3').value).toBe(true);
    expect(excel.syncs).toBe(1);
  });

  it('subscribes to changes of every sheet and unsubscribes', async () => {
    const { excel, port } = setup();
    excel.addSheet('投资促进中心');
    const events: ChangeEvent[] = [];
    const unsubscribe = await port.onChange((e) => events.push(e));
    await excel.fireChanged('投资促进中心', 'H6');
    excel.sheet('投资促进中心').name = '投促中心';
    await excel.fireChanged('投促中心', 'H7:H9');
    expect(events).toEqual([
      { sheet: '投资促进中心', address: 'H6' },
      { sheet: '投促中心', address: 'H7:H9' },
    ]);
    await unsubscribe();
    expect(excel.handlers.size).toBe(0);
    await excel.fireChanged('投促中心', 'H6');
    expect(events).toHaveLength(2);
  });

  it('leaves out this add-in’s own writes; a burst of events on one sheet costs one name lookup', async () => {
    const { excel, port } = setup();
    excel.addSheet('投资促进中心');
    excel.addSheet('汇总');
    const events: ChangeEvent[] = [];
    await port.onChange((e) => events.push(e));
    const before = excel.syncs;
    await excel.fireChanged('汇总', 'A1:N40', 'ThisLocalAddin');
    expect(events).toEqual([]);
    expect(excel.syncs).toBe(before);
    await Promise.all(['H7', 'H8', 'H9', 'N9'].map((a) => excel.fireChanged('投资促进中心', a)));
    expect(events.map((e) => e.address)).toEqual(['H7', 'H8', 'H9', 'N9']);
    expect(events.every((e) => e.sheet === '投资促进中心')).toBe(true);
    expect(excel.syncs - before).toBe(1);
  });

  it('an event for a sheet deleted before its name came back is dropped, not thrown', async () => {
    const { excel, port } = setup();
    excel.addSheet('A');
    const events: ChangeEvent[] = [];
    await port.onChange((e) => events.push(e));
    excel.failNextSyncs('ItemNotFound');
    await excel.fireChanged('A', 'B2');
    expect(events).toEqual([]);
  });

  it('a name lookup refused in cell-edit mode is retried: the event is not lost', async () => {
    const { excel, port, sleeps } = setup();
    excel.addSheet('A');
    const events: ChangeEvent[] = [];
    await port.onChange((e) => events.push(e));
    excel.failNextSyncs('InvalidOperationInCellEditMode', 2);
    await excel.fireChanged('A', 'B2');
    expect(events).toEqual([{ sheet: 'A', address: 'B2' }]);
    expect(sleeps).toEqual([250, 500]);
  });

  it('says change events are unsupported before ExcelApi 1.9', async () => {
    const { port } = setup({ apiVersion: '1.8' });
    expect((await portError(port.onChange(() => undefined))).code).toBe('unsupported');
  });
});

describe('charactersToPoints', () => {
  it.each([
    [8.43, 48],
    [10, 56.25],
    [0, 3.75],
  ])('%d characters → %d pt', (chars, points) => expect(charactersToPoints(chars)).toBe(points));
});

describe('the fake Office.js (what these tests rely on)', () => {
  it('throws PropertyNotLoaded for a property not loaded, or read before its sync', async () => {
    const excel = new FakeExcel();
    excel.addSheet('S', [[1]]);
    await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('S').getRange('A1');
      range.load('values');
      // The misuse the office-addins lint rules flag, made on purpose: the fake must fail as Office.js does.
      // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read
      expect(() => range.values).toThrow(/not available/);
      await context.sync();
      expect(range.values).toEqual([[1]]);
      // eslint-disable-next-line office-addins/load-object-before-read
      expect(() => range.numberFormat).toThrow(/not available/);
    });
  });

  it('reads a string written to values as typed input, unless the cell is formatted as text', async () => {
    const excel = new FakeExcel();
    const sheet = excel.addSheet('S');
    await excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('S');
      ws.getRange('A1:C1').values = [['=1+1', '007', 'abc']];
      const b = ws.getRange('B2');
      b.numberFormat = [['@']];
      b.values = [['007']];
      await context.sync();
    });
    expect([sheet.cell('A1').formula, sheet.cell('B1').value, sheet.cell('C1').value, sheet.cell('B2').value]).toEqual([
      '=1+1',
      7,
      'abc',
      '007',
    ]);
  });

  it.each(['empty', 'refuse'] as const)(
    'getItemOrNullObject: isNullObject after the sync; loads under a null object (%s)',
    async (mode) => {
      const excel = new FakeExcel({ nullObjectChildren: mode });
      excel.addSheet('S');
      const attempt = excel.run(async (context) => {
        const missing = context.workbook.worksheets.getItemOrNullObject('没有');
        const present = context.workbook.worksheets.getItemOrNullObject('s');
        // eslint-disable-next-line office-addins/call-sync-before-read -- on purpose: the fake must refuse it
        expect(() => missing.isNullObject).toThrow(/not available/);
        const tables = missing.tables.load('items/name');
        await context.sync();
        expect([missing.isNullObject, present.isNullObject, tables.items]).toEqual([true, false, []]);
      });
      if (mode === 'empty') await attempt;
      else await expect(attempt).rejects.toMatchObject({ code: 'ItemNotFound' });
    },
  );

  it('looks a table up where its proxy is created: a missing one fails the batch there', async () => {
    const excel = new FakeExcel();
    const sheet = excel.addSheet('S');
    const attempt = excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('S');
      ws.getRange('A1').values = [[1]];
      const table = ws.tables.getItem('没有的表');
      ws.getRange('A2').values = [[2]];
      table.delete();
      await context.sync();
    });
    await expect(attempt).rejects.toMatchObject({ code: 'ItemNotFound' });
    expect([sheet.cell('A1').value, sheet.cell('A2').value]).toEqual([1, null]);
  });

  it('refuses members newer than its ExcelApi version, and format changes on a protected sheet', async () => {
    const excel = new FakeExcel({ apiVersion: '1.7' });
    excel.addSheet('S');
    const attempt = (write: (ws: Excel.Worksheet) => void) =>
      excel.run(async (context) => {
        write(context.workbook.worksheets.getItem('S'));
        await context.sync();
      });
    await expect(attempt((ws) => (ws.getRange('A1').dataValidation.ignoreBlanks = true))).rejects.toMatchObject({
      code: 'ApiNotFound',
    });
    await attempt((ws) => ws.protection.protect());
    await expect(attempt((ws) => (ws.getRange('A1').format.fill.color = '#FF0000'))).rejects.toMatchObject({
      code: 'AccessDenied',
    });
  });
});
