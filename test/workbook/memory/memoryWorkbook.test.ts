import { builtinPlan } from '../../../src/domain/plan/builtin';
import { decodeMarker } from '../../../src/domain/grid/ownSheets';
import { type SheetSpec } from '../../../src/domain/grid/sheetSpec';
import { buildTemplate } from '../../../src/domain/template/template';
import { COLUMN, ROWS } from '../../../src/domain/template/layout';
import { MemoryWorkbook, parseTyped, shiftFormula } from '../../../src/workbook/memory/memoryWorkbook';
import { PortError } from '../../../src/workbook/port';

/** The in-memory workbook honours the port, computes KPI.* formulas, and refuses edits as Excel does. */

const plan = builtinPlan();
const june = (campaignId = 'C1', mode: 'kpi' | 'native' = 'kpi') =>
  buildTemplate({
    plan,
    campaignId,
    department: plan.campaigns.find((c) => c.id === campaignId)?.leadDepartment ?? '',
    year: 2019,
    month: 6,
    mode,
  });

const small: SheetSpec = {
  name: '测试',
  styles: { input: { locked: false, fill: '#FFF2CC' } },
  blocks: [
    { at: 'B2', rows: [[{ value: '=1+1' }, { value: '007' }, { formula: '=1+1' }, { value: 5, style: 'input' }]] },
  ],
  validations: [
    {
      range: 'E2',
      rule: { type: 'wholeNumber', operator: 'between', formula1: 0, formula2: 10 },
      allowBlank: true,
      errorAlert: { style: 'stop', title: '错误', message: '0–10 的整数' },
    },
  ],
  protect: true,
};

describe('MemoryWorkbook as a WorkbookPort', () => {
  it('writes a spec: literal strings stay text, formulas compute, the marker is found by listSheets', async () => {
    const wb = new MemoryWorkbook();
    await wb.writeSheet({ ...small, marker: { type: 'x', v: 1 } });
    const [data] = await wb.readSheets(['测试'], { formulas: true });
    expect(data?.values[1]?.slice(1, 5)).toEqual(['=1+1', '007', 2, 5]);
    expect(data?.formulas?.[1]?.slice(1, 5)).toEqual([null, null, '=1+1', null]);
    expect(await wb.listSheets()).toEqual([{ name: '测试', position: 0, visible: true, marker: { type: 'x', v: 1 } }]);
  });

  it('refuses a name clash unless asked to replace, and replaces in place', async () => {
    const wb = new MemoryWorkbook();
    await wb.writeSheet(small);
    await wb.writeSheet({ ...small, name: '其他' });
    await expect(wb.writeSheet(small)).rejects.toEqual(new PortError('nameClash', '测试'));
    await wb.writeSheet({ ...small, blocks: [{ at: 'A1', rows: [[{ value: 1 }]] }] }, { replace: true });
    expect((await wb.listSheets()).map((s) => s.name)).toEqual(['测试', '其他']);
    const [data] = await wb.readSheets(['测试']);
    expect(data?.values).toEqual([[1]]);
  });

  it('insertSheet builds from the names there are and returns the others with markers; deleteSheet removes it', async () => {
    const wb = new MemoryWorkbook();
    await wb.writeSheet({ ...small, marker: { type: 'x', v: 1 } });
    await wb.writeSheet({ ...small, name: '第二' });
    const r = await wb.insertSheet((names) => ({ ...small, name: names.includes('测试') ? '测试 (2)' : '测试' }), {
      select: 'E2',
    });
    expect(r).toEqual({
      name: '测试 (2)',
      others: [
        { name: '测试', position: 0, visible: true, marker: { type: 'x', v: 1 } },
        { name: '第二', position: 1, visible: true },
      ],
    });
    expect(wb.active).toEqual({ sheet: '测试 (2)', cell: 'E2' });
    await wb.deleteSheet('测试 (2)');
    expect(wb.sheetNames()).toEqual(['测试', '第二']);
    expect(wb.active).toEqual({ sheet: '第二', cell: 'A1' });
    await wb.activate('测试');
    await wb.deleteSheet('第二');
    expect(wb.active).toEqual({ sheet: '测试', cell: 'A1' });
    await expect(wb.deleteSheet('第二')).rejects.toMatchObject({ code: 'sheetMissing' });
    await wb.writeSheet({ ...small, name: '第三' });
    await expect(wb.renameSheet('测试', '第三')).rejects.toMatchObject({ code: 'nameClash' });
    await expect(wb.renameSheet('测试', 'a/b')).rejects.toMatchObject({ code: 'nameClash' });
    await expect(wb.renameSheet('无此表', 'x')).rejects.toMatchObject({ code: 'sheetMissing' });
    await wb.renameSheet('测试', '测试七月');
    expect(wb.sheetNames()).toEqual(['测试七月', '第三']);
    expect(wb.active).toEqual({ sheet: '测试七月', cell: 'A1' });
  });

  it('reports a missing sheet as sheetMissing', async () => {
    await expect(new MemoryWorkbook().readSheets(['无'])).rejects.toEqual(new PortError('sheetMissing', '无'));
  });

  it('notifies change listeners and stops after unsubscribe', async () => {
    const wb = new MemoryWorkbook();
    await wb.writeSheet(small);
    const seen: string[] = [];
    const off = await wb.onChange((e) => seen.push(`${e.sheet}!${e.address}`));
    expect(wb.userEdit('测试', 'E2', '7')).toEqual({ ok: true });
    await off();
    wb.userEdit('测试', 'E2', '8');
    expect(seen).toEqual(['测试!E2']);
  });

  it('refuses code writes to locked cells of a protected sheet (as Office.js does)', async () => {
    const wb = new MemoryWorkbook();
    await wb.writeSheet(small);
    await expect(wb.writeCells([{ sheet: '测试', address: 'B2', value: 1 }])).rejects.toBeInstanceOf(PortError);
    await wb.writeCells([{ sheet: '测试', address: 'E2', value: '=SUM(1)' }]);
    expect((await wb.readSheets(['测试']))[0]?.values[1]?.[4]).toBe('=SUM(1)');
  });
});

describe('a person typing (userEdit)', () => {
  it('is refused in locked cells and by a stop alert, accepted otherwise', async () => {
    const wb = new MemoryWorkbook();
    await wb.writeSheet(small);
    expect(wb.userEdit('测试', 'B2', '1')).toMatchObject({ ok: false, reason: 'protected' });
    expect(wb.userEdit('测试', 'E2', '11')).toEqual({
      ok: false,
      reason: 'validation',
      title: '错误',
      message: '0–10 的整数',
    });
    expect(wb.userEdit('测试', 'E2', '2.5')).toMatchObject({ ok: false, reason: 'validation' });
    expect(wb.userEdit('测试', 'E2', 'abc')).toMatchObject({ ok: false, reason: 'validation' });
    expect(wb.userEdit('测试', 'E2', '')).toEqual({ ok: true });
    expect(wb.userEdit('测试', 'E2', '10')).toEqual({ ok: true });
  });

  it('judges a formula typed in by its result, as Excel does (LibreOffice too: test/interop/templatesRoundTrip)', async () => {
    const wb = new MemoryWorkbook();
    await wb.writeSheet(small);
    expect(wb.userEdit('测试', 'E2', '=3+4')).toEqual({ ok: true });
    expect((await wb.readSheets(['测试']))[0]?.values[1]?.[4]).toBe(7);
    expect(wb.userEdit('测试', 'E2', '=E2+4')).toMatchObject({ ok: false, reason: 'validation' }); // 11
    expect(wb.userEdit('测试', 'E2', '=10/4')).toMatchObject({ ok: false, reason: 'validation' }); // not whole
    expect(wb.userEdit('测试', 'E2', '=1/0')).toMatchObject({ ok: false, reason: 'validation' }); // #DIV/0!
    expect(wb.userEdit('测试', 'E2', '=Z99')).toEqual({ ok: true }); // an empty cell: 0
  });

  it.each([
    ['3.8', 3.8],
    ['10%', 0.1],
    ['-2', -2],
    ['1,234', 1234],
    ['TRUE', true],
    ['7亿', '7亿'],
    ['7,0', '7,0'],
    ['', null],
  ])('reads %j as Excel does', (typed, value) => {
    expect(parseTyped(typed).value).toEqual(value);
  });

  it('shifts relative references of conditional-format expressions', () => {
    expect(shiftFormula('=AND($M7<3,N7="")', 2, 0)).toBe('=AND($M9<3,N9="")');
    expect(shiftFormula('=A1&"B2"', 1, 1)).toBe('=B2&"B2"');
  });
});

describe('templates in the memory workbook', () => {
  it.each(['kpi', 'native'] as const)(
    'computes a June template (%s mode) and enforces its validation',
    async (mode) => {
      const wb = new MemoryWorkbook();
      const spec = june('C1', mode);
      await wb.writeSheet(spec);
      const row = ROWS.firstIndicator; // C1-01 合同利用外资 7 / 8 亿美元
      const at = (key: keyof typeof COLUMN) => `${COLUMN[key]}${row}`;
      expect(wb.userEdit(spec.name, at('actual'), '3.2')).toEqual({ ok: true });
      const view = (key: keyof typeof COLUMN) => wb.cellView(spec.name, at(key));
      expect(view('attainment').value).toBeCloseTo(3.2 / 7, 12);
      expect(view('status').value).toBe(2);
      expect(view('status').numberFormat).toBe('"黄"'); // shown as text by the conditional format
      expect(view('tier').value).toBe(0);
      expect(wb.userEdit(spec.name, at('actual'), '-1')).toMatchObject({ ok: false, reason: 'validation' });
      expect(wb.userEdit(spec.name, at('attainment'), '1')).toMatchObject({ ok: false, reason: 'protected' });
      expect(wb.userEdit(spec.name, at('actual'), '')).toEqual({ ok: true });
      expect(view('attainment').value).toBe('');
      expect(view('status').value).toBe(0);
    },
  );

  it('finds the marker after rows are inserted above it, renames and moves change nothing', async () => {
    const wb = new MemoryWorkbook();
    const spec = june('C2');
    await wb.writeSheet(june('C1'));
    await wb.writeSheet(spec);
    wb.insertRows(spec.name, 1, 2);
    await wb.renameSheet(spec.name, '改名后');
    wb.moveSheet('改名后', 0);
    const sheets = await wb.listSheets();
    expect(sheets[0]).toMatchObject({ name: '改名后', position: 0, marker: spec.marker });
    const [data] = await wb.readSheets(['改名后']);
    expect(decodeMarker(data?.values[2]?.[0])).toEqual(spec.marker);
  });

  it('shows the same results when blank cells reach KPI.* as 0 (Windows desktop) thanks to the guards', async () => {
    const results = [];
    for (const blankAs of ['null', 'zero'] as const) {
      const wb = new MemoryWorkbook({ blankAs });
      const spec = june('C3');
      await wb.writeSheet(spec);
      results.push((await wb.readSheets([spec.name]))[0]?.values);
    }
    expect(results[1]).toEqual(results[0]);
  });
});
