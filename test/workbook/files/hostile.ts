import { CFB, utils, write } from '@e965/xlsx';
import { Deflate, deflateSync, strToU8 } from 'fflate';
import type { FileProblemCode } from '../../../src/workbook/files/readXlsx';

/**
 * The hostile-input corpus of issue 12, built at test time (no large binaries committed): each file is written as a
 * zip by hand — a tiny valid workbook skeleton around crafted worksheet XML — so that declared sizes, compression and
 * cell extents are exactly what the observation describes. Used by the unit tests, the e2e test and `npm run bench`.
 */

// --- a zip writer that takes pre-deflated parts and may declare a size other than the real one -------------------

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(data: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = (CRC_TABLE[(c ^ (data[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  return ~c >>> 0;
}

/** A part as it is stored: deflated bytes, the real size and CRC, and what the directory declares. */
export interface Part {
  readonly name: string;
  readonly deflated: Uint8Array;
  readonly size: number;
  readonly crc: number;
  readonly declaredSize?: number;
  readonly method?: 0 | 8;
  readonly encryptedFlag?: boolean;
}

export function part(name: string, content: string | Uint8Array): Part {
  const data = typeof content === 'string' ? strToU8(content) : content;
  return { name, deflated: deflateSync(data), size: data.length, crc: crc32(data) };
}

/** A part whose content is `head`, then `body` repeated `times` times, then `tail`, deflated as a stream. */
export function repeatedPart(name: string, head: string, body: string, times: number, tail: string): Part {
  const chunks: Uint8Array[] = [];
  const deflate = new Deflate({ level: 6 }, (c) => chunks.push(c));
  let size = 0;
  let crc = 0;
  const feed = (d: Uint8Array, final = false) => {
    size += d.length;
    crc = crc32(d, crc);
    deflate.push(d, final);
  };
  feed(strToU8(head));
  // Pieces of about 64 KB of the repeated body.
  const per = Math.max(1, Math.floor(65536 / body.length));
  const piece = strToU8(body.repeat(per));
  let left = times;
  for (; left >= per; left -= per) feed(piece);
  if (left > 0) feed(strToU8(body.repeat(left)));
  feed(strToU8(tail), true);
  const total = chunks.reduce((s, c) => s + c.length, 0);
  const deflated = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    deflated.set(c, at);
    at += c.length;
  }
  return { name, deflated, size, crc };
}

/** A part stored without compression (ratio 1: only the cell and byte budgets can stop it). */
export function storedPart(name: string, content: string): Part {
  const data = strToU8(content);
  return { name, deflated: data, size: data.length, crc: crc32(data), method: 0 };
}

export function zip(parts: readonly Part[]): Uint8Array {
  const enc = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = enc.encode(p.name);
    const method = p.method ?? 8;
    const data = p.deflated;
    const flags = 0x0800 | (p.encryptedFlag ? 1 : 0);
    const declared = p.declaredSize ?? p.size;
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, method, true);
    lv.setUint32(14, p.crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, declared, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, method, true);
    cv.setUint32(16, p.crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, declared, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, data);
    centrals.push(central);
    offset += local.length + data.length;
  }
  const dirSize = centrals.reduce((s, c) => s + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, parts.length, true);
  ev.setUint16(10, parts.length, true);
  ev.setUint32(12, dirSize, true);
  ev.setUint32(16, offset, true);
  const all = [...locals, ...centrals, end];
  const out = new Uint8Array(all.reduce((s, c) => s + c.length, 0));
  let at = 0;
  for (const c of all) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

// --- the workbook skeleton ----------------------------------------------------------------------------------------

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export const sheetHead = (dimension = ''): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${NS}">` +
  (dimension ? `<dimension ref="${dimension}"/>` : '') +
  '<sheetData>';
export const sheetTail = '</sheetData></worksheet>';

/** A worksheet part from its rows' XML. */
export const sheetXml = (rows: string, dimension = '', after = ''): string =>
  `${sheetHead(dimension)}${rows}</sheetData>${after}</worksheet>`;

/** A sheet of the skeleton: its name, and its part (absent: the workbook lists it, the zip does not hold it). */
export interface SkeletonSheet {
  readonly name: string;
  readonly part?: Part | string;
}

/** A minimal valid .xlsx around the given sheets (worksheet parts at xl/worksheets/sheetN.xml). */
export function workbookZip(sheets: readonly SkeletonSheet[], extra: readonly Part[] = []): Uint8Array {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const parts: Part[] = [
    part(
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        sheets
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        '</Types>',
    ),
    part(
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    part(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets>` +
        sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        '</sheets></workbook>',
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        sheets
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('') +
        '</Relationships>',
    ),
  ];
  sheets.forEach((s, i) => {
    if (s.part === undefined) return;
    const name = `xl/worksheets/sheet${i + 1}.xml`;
    parts.push(typeof s.part === 'string' ? part(name, s.part) : { ...s.part, name });
  });
  return zip([...parts, ...extra]);
}

/** A row of two numbers without `r` attributes (valid: rows and cells then follow one another). */
const TWO_CELLS = '<row><c><v>1</v></c><c><v>2</v></c></row>';

/** The same deflated sheet of `rows` rows × 2 cells, reused for every sheet of a bomb (built once per size). */
const bombSheets = new Map<number, Part>();
function bombSheet(rows: number): Part {
  let p = bombSheets.get(rows);
  if (!p) {
    p = repeatedPart('sheet', sheetHead(), TWO_CELLS, rows, sheetTail);
    bombSheets.set(rows, p);
  }
  return p;
}

/** A compound file (OLE2) with the given streams, as Office writes an encrypted workbook or an .xls. */
function compound(streams: Readonly<Record<string, Uint8Array>>): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  for (const [name, data] of Object.entries(streams)) CFB.utils.cfb_add(cfb, name, data);
  return new Uint8Array(CFB.write(cfb, { type: 'array' }) as ArrayLike<number>);
}

/** A workbook written by SheetJS in another format (.xls, .xlsb, .ods): one sheet, one value at B2. */
export function otherFormat(bookType: 'biff8' | 'xlsb' | 'ods'): Uint8Array {
  const book = utils.book_new();
  utils.book_append_sheet(book, utils.aoa_to_sheet([[], [null, 42]]), '甲');
  return new Uint8Array(write(book, { type: 'array', bookType }) as ArrayBuffer);
}

/** A minimal .ods: mimetype (stored, first), manifest, and the given table rows in content.xml. */
export function odsZip(rows: string): Uint8Array {
  const mime = 'application/vnd.oasis.opendocument.spreadsheet';
  return zip([
    { ...part('mimetype', mime), method: 0, deflated: strToU8(mime) },
    part(
      'META-INF/manifest.xml',
      '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">' +
        `<manifest:file-entry manifest:full-path="/" manifest:media-type="${mime}"/>` +
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
    ),
    part(
      'styles.xml',
      '<?xml version="1.0" encoding="UTF-8"?><office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2"/>',
    ),
    part(
      'content.xml',
      '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">' +
        `<office:body><office:spreadsheet><table:table table:name="甲">${rows}</table:table></office:spreadsheet></office:body></office:document-content>`,
    ),
  ]);
}

const odsCell = (v: number, repeat = 1): string =>
  `<table:table-cell${repeat > 1 ? ` table:number-columns-repeated="${repeat}"` : ''} office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`;

export interface HostileFile {
  /** What the issue observed (its number and words). */
  readonly observation: string;
  readonly name: string;
  readonly build: () => Uint8Array;
  /** The problem the file must give; `null`: it must be read (sparsely), without a problem. */
  readonly expected: FileProblemCode | null;
}

const cellsRow = (r: number, n: number): string =>
  `<row r="${r}">${Array.from({ length: n }, (_, c) => `<c r="${String.fromCharCode(65 + c)}${r}"><v>${r}</v></c>`).join('')}</row>`;

/** The corpus: every observation of issue 12 about reading files, each with the problem it must give. */
export const HOSTILE: readonly HostileFile[] = [
  {
    observation: '1: zip bomb, 40 sheets × 1,000,000 rows × 2 cells (Chromium reached 6.9 GB)',
    name: '炸弹40.xlsx',
    build: () =>
      workbookZip(Array.from({ length: 40 }, (_, i) => ({ name: `表${i + 1}`, part: bombSheet(1_000_000) }))),
    expected: 'fileExpandsTooMuch',
  },
  {
    observation: '1: 12 such sheets (110 s, and only "没有填报模板")',
    name: '炸弹12.xlsx',
    build: () =>
      workbookZip(Array.from({ length: 12 }, (_, i) => ({ name: `表${i + 1}`, part: bombSheet(1_000_000) }))),
    expected: 'fileExpandsTooMuch',
  },
  {
    observation: '1: a 3.1 M-cell sheet (refused after 11 s and 1 GB)',
    name: '三百万格.xlsx',
    build: () => workbookZip([{ name: '表1', part: bombSheet(1_550_000) }]),
    expected: 'fileExpandsTooMuch',
  },
  {
    observation: '1: the same sheet declaring a small size (declared sizes can lie)',
    name: '谎报大小.xlsx',
    build: () => workbookZip([{ name: '表1', part: { ...bombSheet(1_550_000), declaredSize: 900_000 } }]),
    expected: 'fileUnreadable',
  },
  {
    observation: '1: a sheet declaring its size honestly but expanding 1000-fold',
    name: '压缩比.xlsx',
    build: () => workbookZip([{ name: '表1', part: bombSheet(100_000) }]),
    expected: 'fileCompressionRatio',
  },
  {
    observation: '1: 300,000 cells under every byte limit (the cell budget stops the scan)',
    name: '三十万格.xlsx',
    build: () =>
      workbookZip([
        {
          name: '表1',
          part: storedPart('s', sheetXml('<row><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row>'.repeat(100_000))),
        },
      ]),
    expected: 'tooManyCells',
  },
  {
    observation: '1: three sheets of 80,000 cells: each below the limit, the file above it (per file, not per sheet)',
    name: '三表各八万.xlsx',
    build: () =>
      workbookZip(
        ['甲', '乙', '丙'].map((name) => ({
          name,
          part: storedPart('s', sheetXml('<row><c><v>1</v></c><c><v>2</v></c></row>'.repeat(40_000))),
        })),
      ),
    expected: 'tooManyCells',
  },
  {
    observation: '4a: a sheet listed in the workbook whose part is missing',
    name: '缺表.xlsx',
    build: () => workbookZip([{ name: '甲', part: sheetXml(cellsRow(1, 2)) }, { name: '乙' }]),
    expected: 'sheetMissing',
  },
  {
    observation: '4a: a sheet part that cannot be inflated',
    name: '坏表.xlsx',
    build: () =>
      workbookZip([
        { name: '甲', part: sheetXml(cellsRow(1, 2)) },
        {
          name: '乙',
          part: { ...part('x', sheetXml(cellsRow(1, 2))), deflated: new Uint8Array([0xff, 0xff, 0xff, 0xff]) },
        },
      ]),
    expected: 'sheetMissing',
  },
  {
    observation: '6: <dimension> claims A1:XFD1048576, 30 rows held',
    name: '虚报范围.xlsx',
    build: () =>
      workbookZip([
        {
          name: '甲',
          part: sheetXml(Array.from({ length: 30 }, (_, r) => cellsRow(r + 1, 5)).join(''), 'A1:XFD1048576'),
        },
      ]),
    expected: null,
  },
  {
    observation: '9: LibreOffice export declaring A1:K1048576 with 31 cells',
    name: 'LibreOffice.xlsx',
    build: () =>
      workbookZip([
        {
          name: 'Sheet1',
          part: sheetXml(
            Array.from({ length: 10 }, (_, r) => cellsRow(r + 1, 3)).join('') +
              '<row r="11"><c r="K11"><v>1</v></c></row>',
            'A1:K1048576',
          ),
        },
      ]),
    expected: null,
  },
  {
    observation: '9: one cell at A1048576 (built a 1,048,576-row grid, 765 MB)',
    name: '末行.xlsx',
    build: () => workbookZip([{ name: '甲', part: sheetXml('<row r="1048576"><c r="A1048576"><v>1</v></c></row>') }]),
    expected: null,
  },
  {
    observation: '9: three sheets each with one cell at A1048576 (a few KB exhausted a 1 GB heap)',
    name: '三表末行.xlsx',
    build: () =>
      workbookZip(
        ['甲', '乙', '丙'].map((name) => ({
          name,
          part: sheetXml('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'),
        })),
      ),
    expected: null,
  },
  {
    observation: '9: 20 M cells in 582 KB (here: 10 sheets × 1,000,000 rows × 2 cells)',
    name: '两千万格.xlsx',
    build: () =>
      workbookZip(Array.from({ length: 10 }, (_, i) => ({ name: `表${i + 1}`, part: bombSheet(1_000_000) }))),
    expected: 'fileExpandsTooMuch',
  },
  {
    observation: '9: an .ods whose few bytes repeat one cell 1,000,000 rows × 1,000 columns',
    name: '重复.ods',
    build: () => odsZip(`<table:table-row table:number-rows-repeated="1000000">${odsCell(1, 1000)}</table:table-row>`),
    expected: 'tooManyCells',
  },
  {
    observation: '9: an .ods as LibreOffice writes it, padded to the last row and column with empty repeats',
    name: 'LibreOffice.ods',
    build: () =>
      odsZip(
        `<table:table-row>${odsCell(1)}${odsCell(2)}<table:table-cell table:number-columns-repeated="1022"/></table:table-row>` +
          '<table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>',
      ),
    expected: null,
  },
  {
    observation: '9: an .xlsb whose binary sheet is larger than an .xlsb sheet of the cell limit',
    name: '大.xlsb',
    build: () =>
      zip([
        part('[Content_Types].xml', '<Types/>'),
        part('xl/workbook.bin', new Uint8Array(64)),
        { ...part('xl/worksheets/sheet1.bin', new Uint8Array(6 * 1024 * 1024).fill(1)) },
      ]),
    expected: 'fileExpandsTooMuch',
  },
  {
    observation: '9: an .xls (a compound file, not compressed) above the size that bounds its cells',
    name: '大.xls',
    build: () => compound({ Workbook: new Uint8Array(5 * 1024 * 1024).fill(1) }),
    expected: 'fileTooLarge',
  },
  {
    observation: '6, 9: a password-protected workbook (OOXML encryption: a compound file)',
    name: '加密.xlsx',
    build: () =>
      compound({
        EncryptionInfo: new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]),
        EncryptedPackage: new Uint8Array(4096).fill(7),
      }),
    expected: 'fileEncrypted',
  },
  {
    observation: '6, 9: a zip whose parts are encrypted (WPS / zip password)',
    name: '加密zip.xlsx',
    build: () => zip([{ ...part('xl/workbook.xml', '<workbook/>'), encryptedFlag: true }]),
    expected: 'fileEncrypted',
  },
  {
    observation: '9: an .odt text document',
    name: '通知.odt',
    build: () =>
      zip([
        {
          ...part('mimetype', 'application/vnd.oasis.opendocument.text'),
          method: 0,
          deflated: strToU8('application/vnd.oasis.opendocument.text'),
        },
        part('content.xml', '<office:document-content/>'),
      ]),
    expected: 'fileNotSpreadsheet',
  },
  {
    observation: '9: an .odp presentation',
    name: '汇报.odp',
    build: () =>
      zip([
        {
          ...part('mimetype', 'application/vnd.oasis.opendocument.presentation'),
          method: 0,
          deflated: strToU8('application/vnd.oasis.opendocument.presentation'),
        },
        part('content.xml', '<office:document-content/>'),
      ]),
    expected: 'fileNotSpreadsheet',
  },
  {
    observation: '9: a .docx document',
    name: '通知.docx',
    build: () => zip([part('[Content_Types].xml', '<Types/>'), part('word/document.xml', '<w:document/>')]),
    expected: 'fileNotSpreadsheet',
  },
  {
    observation: 'formats that cannot be read: csv',
    name: '导出.csv',
    build: () => strToU8('序号,指标,完成\n1,GDP,12\n'),
    expected: 'fileTextFormat',
  },
  {
    observation: 'formats that cannot be read: xml',
    name: '导出.xml',
    build: () => strToU8('<?xml version="1.0"?><Workbook/>'),
    expected: 'fileTextFormat',
  },
  {
    observation: 'formats that cannot be read: html',
    name: '导出.html',
    build: () => strToU8('<!DOCTYPE html><html><body><table><tr><td>1</td></tr></table></body></html>'),
    expected: 'fileTextFormat',
  },
  {
    observation: 'formats that cannot be read: text',
    name: '说明.txt',
    build: () => strToU8('请查收本月报表。'),
    expected: 'fileTextFormat',
  },
];
