import { LIMITS, readXlsx } from '../../../src/workbook/files/readXlsx';
import { HOSTILE, otherFormat, sheetXml, workbookZip } from './hostile';

/**
 * Issue 12: every hostile file of the corpus gives its own problem (or is read, sparsely), and the work done to say
 * so is bounded — bytes inflated, bytes scanned, cells kept — counted, never timed.
 */

/** Cells actually present in a sparse grid (holes are not visited). */
const present = (values: readonly (readonly unknown[])[]): number =>
  Object.values(values).reduce((n, row) => n + Object.keys(row).length, 0);

describe.each(HOSTILE.map((h) => [h.name, h] as const))('%s', (_, h) => {
  const bytes = h.build();
  const parsed = readXlsx(h.name, bytes);

  it(`${h.observation}: ${h.expected ?? 'read without a problem'}`, () => {
    if (h.expected === null) expect(parsed.problems).toEqual([]);
    else expect(parsed.problems.map((p) => p.code)).toContain(h.expected);
  });

  it('is judged within the byte budget, and what is kept stays within the cell budget', () => {
    const stats = parsed.stats ?? { bytesInflated: 0, bytesScanned: 0, cellsKept: 0 };
    // a part may overshoot the cap by what one 1 KB piece of deflate inflates to (at most ~1 MB)
    expect(stats.bytesInflated).toBeLessThanOrEqual(LIMITS.inflatedBytes + 1_100_000);
    expect(stats.bytesScanned).toBeLessThanOrEqual(stats.bytesInflated);
    expect(stats.cellsKept).toBeLessThanOrEqual(LIMITS.cells);
    for (const s of parsed.sheets) expect(present(s.values)).toBeLessThanOrEqual(LIMITS.cells);
  });
});

describe('what the bounds say, with the numbers', () => {
  const by = (name: string) => {
    const h = HOSTILE.find((x) => x.name === name);
    if (!h) throw new Error(name);
    return readXlsx(name, h.build());
  };

  it('a zip bomb is refused by its directory, before one byte is inflated', () => {
    const r = by('炸弹40.xlsx');
    expect(r.problems).toEqual([
      { code: 'fileExpandsTooMuch', count: expect.any(Number) as number, limit: LIMITS.inflatedBytes },
    ]);
    expect(r.problems[0]?.count).toBeGreaterThan(40 * 1_000_000 * 40);
    expect(r.stats).toMatchObject({ bytesInflated: 0, parsed: false });
  });

  it('repeats in an .ods count as the cells they stand for; an .xlsb is bounded by the bytes of its sheets', () => {
    expect(by('重复.ods').problems).toEqual([{ code: 'tooManyCells', count: 1_000_000 * 1000, limit: LIMITS.cells }]);
    expect(by('重复.ods').stats?.parsed).toBe(false);
    expect(by('大.xlsb').problems).toEqual([
      { code: 'fileExpandsTooMuch', count: 6 * 1024 * 1024, limit: LIMITS.binarySheetBytes },
    ]);
  });

  it('a part that lies about its size is stopped at the size it declared', () => {
    const r = by('谎报大小.xlsx');
    expect(r.problems[0]?.detail).toMatch(/larger than it declares/);
    expect(r.stats?.bytesInflated).toBeLessThanOrEqual(900_000 + 1_100_000);
  });

  it('cells are counted per file while scanning: the scan stops just past the limit, nothing is parsed', () => {
    for (const name of ['三十万格.xlsx', '三表各八万.xlsx']) {
      const r = by(name);
      expect(r.problems).toEqual([{ code: 'tooManyCells', count: expect.any(Number) as number, limit: LIMITS.cells }]);
      // counted piece by piece: past the limit by at most the cells of one 64 KB piece
      expect(r.problems[0]?.count).toBeGreaterThan(LIMITS.cells);
      expect(r.problems[0]?.count).toBeLessThan(LIMITS.cells + 5_000);
      expect(r.stats?.bytesScanned).toBeLessThan(5_000_000);
      expect(r.stats?.parsed).toBe(false);
      expect(r.stats?.cellsKept).toBe(0);
    }
  });

  it('a sheet whose part is missing or unreadable is named, and the other sheet is read', () => {
    for (const name of ['缺表.xlsx', '坏表.xlsx']) {
      const r = by(name);
      expect(r.problems).toEqual([{ code: 'sheetMissing', sheet: '乙' }]);
      expect(r.sheets.map((s) => s.name)).toEqual(['甲']);
    }
  });

  it('the extent is that of the cells, never <dimension>; a far cell keeps the grid sparse', () => {
    expect(by('虚报范围.xlsx').sheets[0]?.values).toHaveLength(30);
    const lo = by('LibreOffice.xlsx');
    expect(lo.sheets[0]?.values).toHaveLength(11);
    expect(lo.stats?.cellsKept).toBe(31);
    const last = by('末行.xlsx').sheets[0]?.values ?? [];
    expect(last).toHaveLength(1_048_576);
    expect(Object.keys(last)).toEqual(['1048575']);
    const ods = by('LibreOffice.ods');
    expect(ods.sheets[0]?.values).toEqual([[1, 2]]);
    expect(ods.stats?.cellsKept).toBe(2);
    const far = by('三表末行.xlsx');
    expect(far.sheets).toHaveLength(3);
    for (const s of far.sheets) {
      expect(s.values).toHaveLength(1_048_576);
      expect(Object.keys(s.values)).toEqual(['1048575']);
      expect(Object.keys(s.values[1_048_575] ?? [])).toEqual(['16383']);
    }
    expect(far.stats?.cellsKept).toBe(3);
  });

  it('text formats say which format they are', () => {
    expect(by('导出.csv').problems).toEqual([{ code: 'fileTextFormat', detail: 'CSV' }]);
    expect(by('导出.xml').problems).toEqual([{ code: 'fileTextFormat', detail: 'XML' }]);
    expect(by('导出.html').problems).toEqual([{ code: 'fileTextFormat', detail: 'HTML' }]);
    expect(by('说明.txt').problems).toEqual([{ code: 'fileTextFormat', detail: 'TXT' }]);
    // Excel's "Unicode text" (UTF-16 with a byte-order mark) and a GBK-encoded CSV are text too
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...[...'序号\t指标\n'].flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8]),
    ]);
    expect(readXlsx('导出.txt', utf16).problems).toEqual([{ code: 'fileTextFormat', detail: 'TXT' }]);
    const gbk = new Uint8Array([
      0xd0, 0xf2, 0xba, 0xc5, 0x2c, 0xd6, 0xb8, 0xb1, 0xea, 0x0a, 0x31, 0x2c, 0x32, 0x0a, 0x33, 0x2c, 0x34, 0x0a,
    ]);
    expect(readXlsx('导出.csv', gbk).problems).toEqual([{ code: 'fileTextFormat', detail: 'CSV' }]);
  });
});

describe('the formats that are read', () => {
  it.each([
    ['.xls', 'biff8'],
    ['.xlsb', 'xlsb'],
    ['.ods', 'ods'],
  ] as const)('%s', (ext, bookType) => {
    const r = readXlsx(`表${ext}`, otherFormat(bookType));
    expect(r.problems).toEqual([]);
    expect(r.sheets[0]?.values[1]?.[1]).toBe(42);
  });
});

describe('formula cells without a cached value (4b) and merged areas', () => {
  it('lists the formula cells that hold no cached value, and the merged areas', () => {
    const xml = sheetXml(
      '<row r="7"><c r="H7"><f>1+1</f></c><c r="I7"><f>2*3</f><v>6</v></c><c r="J7" t="str"><f>"a"</f></c>' +
        '<c r="K7" t="str"><f>""</f><v></v></c></row>',
      '',
      '<mergeCells count="1"><mergeCell ref="H8:H9"/></mergeCells>',
    );
    const [sheet] = readXlsx('未计算.xlsx', workbookZip([{ name: '甲', part: xml }])).sheets;
    expect(sheet?.uncalculated).toEqual(['H7', 'J7']);
    expect(sheet?.values[6]?.[8]).toBe(6);
    expect(sheet?.merges).toEqual(['H8:H9']);
    expect(Object.keys(sheet ?? {})).not.toContain('formulas');
  });
});
