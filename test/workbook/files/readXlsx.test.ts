import { builtinPlan } from '../../../src/domain/plan/builtin';
import { decodeMarker } from '../../../src/domain/grid/ownSheets';
import { cellAt } from '../../../src/domain/grid/sheet';
import { buildTemplate } from '../../../src/domain/template/template';
import { MemoryWorkbook } from '../../../src/workbook/memory/memoryWorkbook';
import { MAX_FILE_BYTES, readXlsx } from '../../../src/workbook/files/readXlsx';
import { saveAsXlsx } from './xlsxFixture';

/** Department workbooks sent in as .xlsx: cached values only, text stays text, bad files give problems. */
const plan = builtinPlan();

async function departmentFile() {
  const wb = new MemoryWorkbook();
  const spec = buildTemplate({ plan, campaignId: 'C2', department: '经信商务局', year: 2019, month: 6, mode: 'kpi' });
  await wb.writeSheet(spec);
  await wb.writeCells([
    { sheet: spec.name, address: 'H7', value: 1150 },
    { sheet: spec.name, address: 'N8', value: '=HYPERLINK("http://evil")' },
  ]);
  return { wb, spec, bytes: await saveAsXlsx(wb) };
}

describe('readXlsx', () => {
  it('reads the cached values of a template saved as .xlsx, marker included (a round trip through another program)', async () => {
    const { wb, spec, bytes } = await departmentFile();
    const parsed = readXlsx('经信商务局.xlsx', bytes);
    expect(parsed.problems).toEqual([]);
    const [sheet] = parsed.sheets;
    expect(sheet?.name).toBe(spec.name);
    expect(decodeMarker(sheet?.values[0]?.[0])).toEqual(spec.marker);
    const [original] = await wb.readSheets([spec.name]);
    // every value as Excel cached it; J7 = the computed 完成率 of 1150 / 2000
    expect(sheet?.values[6]?.[9]).toBeCloseTo(1150 / 2000, 12);
    // the grid is sparse (empty cells are holes): every cell reads the same through cellAt
    const rows = original?.values ?? [];
    rows.forEach((row, r) =>
      row.forEach((v, c) => expect([r, c, cellAt(sheet?.values ?? [], r + 1, c + 1)]).toEqual([r, c, v])),
    );
  });

  it('never returns formulas, and text that looks like a formula stays text', async () => {
    const { bytes } = await departmentFile();
    const [sheet] = readXlsx('x.xlsx', bytes).sheets;
    expect(sheet?.values[7]?.[13]).toBe('=HYPERLINK("http://evil")');
    expect(Object.keys(sheet ?? {})).not.toContain('formulas');
  });

  it.each([
    ['an empty file', new Uint8Array(0), 'fileEmpty'],
    ['a damaged zip', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]), 'fileUnreadable'],
    ['text renamed to .xlsx', new TextEncoder().encode('序号,指标\n1,2\n'), 'fileTextFormat'],
    ['an oversized file', new Uint8Array(MAX_FILE_BYTES + 1), 'fileTooLarge'],
  ])('reports %s as a problem instead of throwing', (_, bytes, code) => {
    const r = readXlsx('bad.xlsx', bytes);
    expect(r.sheets).toEqual([]);
    expect(r.problems.map((p) => p.code)).toEqual([code]);
  });
});

describe('readXlsx: the workbook’s own save time (SPEC §8 Corrections)', () => {
  it('reads docProps/core.xml dcterms:modified as the save time, from the document', async () => {
    const { wb } = await departmentFile();
    const savedAt = new Date('2019-07-04T02:30:00Z');
    const parsed = readXlsx('经信商务局(更正).xlsx', await saveAsXlsx(wb, undefined, { savedAt }));
    expect(parsed).toMatchObject({ savedAt: '2019-07-04T02:30:00.000Z', savedAtSource: 'document' });
  });

  it('a workbook without that property has no save time of its own (the file system date is the fallback)', async () => {
    const { bytes } = await departmentFile();
    const parsed = readXlsx('x.xlsx', bytes);
    expect(parsed.savedAt).toBeUndefined();
    expect(parsed.savedAtSource).toBeUndefined();
  });
});
