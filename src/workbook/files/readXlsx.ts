import { read, utils, type CellObject, type FullProperties, type WorkBook, type WorkSheet } from '@e965/xlsx';
import { zipSync, type Zippable } from 'fflate';
import type { SheetData } from '../../domain/grid/sheet';
import type { CellValue } from '../../domain/grid/cells';
import { LIMITS, tooLargeProblem } from './limits';
import { inflateEntry, readDirectory, XmlScanner, type ZipEntry } from './zipBounds';

/**
 * Reading a department workbook sent in as a file (.xlsx, .xlsm, .xls, .xlsb, .ods, .et): cached values only —
 * formulas are never evaluated here, and never copied (SPEC §8); where a formula cell has no cached value, its
 * address is listed (SheetData.uncalculated). The result has the port's SheetData shape, so the same domain readers
 * handle sheets of the open workbook and sheets of files. Pure: runs in a Web Worker or in Node.
 *
 * A file is bounded before it is parsed (issue 12; docs/architecture.md "Reading files sent in"): a zip's central
 * directory is judged first (parts, declared sizes, compression ratios), each part needed is inflated under a real
 * byte cap, and worksheet XML is counted (cells, rows) as it is inflated, all against per-file budgets. Only what
 * passed is handed to SheetJS, re-packed from the bytes that were counted, so the parser never sees more.
 */

export { LIMITS };

/** Kept for callers that speak of the file size limit. */
export const MAX_FILE_BYTES = LIMITS.fileBytes;

export type FileProblemCode =
  | 'fileTooLarge'
  | 'fileUnreadable'
  | 'fileEmpty'
  | 'fileEncrypted'
  | 'fileNotSpreadsheet'
  | 'fileTextFormat'
  | 'fileExpandsTooMuch'
  | 'fileCompressionRatio'
  | 'tooManyCells'
  | 'tooManyRows'
  | 'fileTimeout'
  | 'sheetMissing'
  | 'sheetTooLarge';

export interface FileProblem {
  readonly code: FileProblemCode;
  readonly sheet?: string;
  readonly detail?: string;
  /** The figures a message names (cells counted and the limit, bytes, ratio, seconds). */
  readonly count?: number;
  readonly limit?: number;
}

/** What reading a file cost, counted (tests assert bounds on these, never on time). */
export interface ReadStats {
  /** Bytes inflated from the zip's parts (0 for a file that is not a zip). */
  readonly bytesInflated: number;
  /** Bytes of worksheet and shared-string XML scanned before parsing. */
  readonly bytesScanned: number;
  /** Cells counted while scanning (or, for formats not scanned, after parsing). */
  readonly cellsCounted: number;
  /** Cells kept in the SheetData returned (values that are not empty). */
  readonly cellsKept: number;
  /** Whether SheetJS was given the file at all. */
  readonly parsed: boolean;
}

export interface ParsedFile {
  readonly file: string;
  readonly sheets: readonly SheetData[];
  readonly problems: readonly FileProblem[];
  /**
   * When the workbook was last saved (ISO 8601): its own document property (docProps/core.xml dcterms:modified),
   * else the file system's date of the picked file (File.lastModified); absent when neither is known. Which of a
   * department's submissions counts depends on it (SPEC §8 Corrections).
   */
  readonly savedAt?: string;
  readonly savedAtSource?: 'document' | 'file';
  readonly stats?: ReadStats;
}

const ERRORS: Readonly<Record<number, string>> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

function cellValue(cell: CellObject | undefined): CellValue {
  if (!cell) return null;
  switch (cell.t) {
    case 'n':
      return typeof cell.v === 'number' ? cell.v : null;
    case 's':
      return typeof cell.v === 'string' ? cell.v : null;
    case 'b':
      return cell.v === true;
    case 'e':
      return { error: typeof cell.v === 'number' ? (ERRORS[cell.v] ?? '#VALUE!') : String(cell.w ?? '#VALUE!') };
    case 'd':
      return cell.v instanceof Date ? cell.v.toISOString() : null;
    default:
      return null; // 'z' stub
  }
}

/**
 * A sheet's cells as a sparse grid: a row that holds nothing is a hole, a row is as long as its last cell, and the
 * extent is that of the cells themselves (never the `<dimension>` a file claims). One cell at A1048576 is one row
 * array at index 1048575, not a million rows.
 */
function toSheetData(name: string, ws: WorkSheet, uncalculated: readonly string[]): SheetData {
  const values: CellValue[][] = [];
  const numberFormats: string[][] = [];
  const own: string[] = [];
  for (const key of Object.keys(ws)) {
    if (key.startsWith('!')) continue;
    const cell = ws[key] as CellObject | undefined;
    if (typeof cell?.f === 'string' && cell.v === undefined) own.push(key);
    const v = cellValue(cell);
    const z = typeof cell?.z === 'string' && cell.z !== 'General' ? cell.z : undefined;
    if (v === null && z === undefined) continue;
    const { r, c } = utils.decode_cell(key);
    (values[r] ??= [])[c] = v;
    if (z !== undefined) (numberFormats[r] ??= [])[c] = z;
  }
  const merges = (ws['!merges'] ?? []).map((m) => utils.encode_range(m));
  const uncalc = [...new Set([...uncalculated, ...own])];
  return {
    name,
    values,
    numberFormats,
    ...(merges.length > 0 ? { merges } : {}),
    ...(uncalc.length > 0 ? { uncalculated: uncalc } : {}),
  };
}

/** The workbook's own last-saved time (dcterms:modified, which SheetJS reads as Props.ModifiedDate), if valid. */
function documentSavedAt(props: FullProperties | undefined): string | undefined {
  const at: unknown = props?.ModifiedDate;
  return at instanceof Date && Number.isFinite(at.getTime()) ? at.toISOString() : undefined;
}

type Refusal = { readonly refused: FileProblem; readonly stats?: ReadStats };

/** What the first bytes say the file is. */
type Sniffed = 'zip' | 'cfb' | 'CSV' | 'XML' | 'HTML' | 'TXT' | 'unknown';

function sniff(bytes: Uint8Array): Sniffed {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05)) return 'zip';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'cfb';
  // UTF-16 text with its byte-order mark: Excel's "Unicode text" export (tab-separated).
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return 'TXT';
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096));
  const control = bytes.subarray(0, 4096).some((b) => b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b));
  // Text in a legacy encoding (GBK) is still text: only control bytes say "binary".
  if (control) return 'unknown';
  const start = head
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (/^<(!doctype html|html|table|head|body|meta)/.test(start)) return 'HTML';
  if (start.startsWith('<')) return 'XML';
  const lines = start.split(/\r?\n/).slice(0, 5);
  if (lines.length > 1 && lines.every((l) => l === '' || /[,\t;]/.test(l))) return 'CSV';
  return 'TXT';
}

/** UTF-16LE spelling of a compound file's stream name, as its directory holds it. */
function utf16(name: string): Uint8Array {
  const out = new Uint8Array(name.length * 2);
  for (let i = 0; i < name.length; i++) out[i * 2] = name.charCodeAt(i);
  return out;
}

function contains(bytes: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0];
  outer: for (
    let i = bytes.indexOf(first ?? 0);
    i >= 0 && i <= bytes.length - needle.length;
    i = bytes.indexOf(first ?? 0, i + 1)
  ) {
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** A compound file (OLE2): an encrypted OOXML workbook, an .xls/.et workbook, or some other document (.doc, .ppt). */
function judgeCompound(bytes: Uint8Array): Refusal | undefined {
  if (contains(bytes, utf16('EncryptedPackage')) || contains(bytes, utf16('EncryptionInfo')))
    return { refused: { code: 'fileEncrypted' } };
  if (contains(bytes, utf16('Workbook')) || contains(bytes, utf16('Book'))) return undefined;
  return { refused: { code: 'fileNotSpreadsheet' } };
}

/** Parts never needed to read values: pictures, embedded objects, printer settings, thumbnails. */
function isNeeded(name: string): boolean {
  const n = name.toLowerCase();
  if (/^(xl\/(media|embeddings|printersettings)|pictures|thumbnails|docprops\/thumbnail)/.test(n)) return false;
  return n === 'mimetype' || /\.(xml|rels|vml)$/.test(n) || (n.startsWith('xl/') && n.endsWith('.bin'));
}

/** Binary worksheets (.xlsb): not scanned, so bounded by bytes (a cell record is 10–20 bytes). */
function isBinarySheet(name: string): boolean {
  return /^xl\/worksheets\/[^/]+\.bin$/i.test(name);
}

/** Parts whose cells are counted as they are inflated. */
function isCounted(name: string): boolean {
  const n = name.toLowerCase();
  return /^xl\/worksheets\/[^/]+\.xml$/.test(n) || n === 'xl/sharedstrings.xml' || n === 'content.xml';
}

interface ZipReading {
  readonly kind: 'ooxml' | 'ods';
  readonly repacked: Uint8Array;
  readonly scans: ReadonlyMap<string, XmlScanner>;
  readonly parts: ReadonlyMap<string, Uint8Array>;
  readonly bytesInflated: number;
  readonly bytesScanned: number;
  readonly cellsCounted: number;
}

const concat = (pieces: readonly Uint8Array[], size: number): Uint8Array => {
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/**
 * Judges a zip by its directory, then inflates the parts needed under the byte budget, counting cells as they come;
 * what passed is re-packed (stored) for SheetJS. A refusal names the limit and the figure that reached it.
 */
function readZip(bytes: Uint8Array): ZipReading | Refusal {
  const judged = judgeDirectory(bytes);
  return 'refused' in judged ? judged : inflateParts(bytes, judged.kind, judged.needed);
}

/** What the directory says: OOXML or ODS, and the parts to inflate; or why the file is refused before inflating. */
function judgeDirectory(bytes: Uint8Array): { kind: ZipReading['kind']; needed: readonly ZipEntry[] } | Refusal {
  const dir = readDirectory(bytes, LIMITS.zipEntries);
  if (!dir.ok)
    return dir.reason === 'tooManyEntries'
      ? { refused: { code: 'fileUnreadable', detail: `more than ${LIMITS.zipEntries} parts` } }
      : { refused: { code: 'fileUnreadable', detail: 'zip directory' } };
  const byName = new Map<string, ZipEntry>();
  for (const e of dir.entries) {
    if (byName.has(e.name)) return { refused: { code: 'fileUnreadable', detail: `part ${e.name} twice` } };
    byName.set(e.name, e);
  }
  if (dir.entries.some((e) => e.encrypted)) return { refused: { code: 'fileEncrypted' } };
  const lower = new Set(dir.entries.map((e) => e.name.toLowerCase()));
  let kind: ZipReading['kind'];
  if (lower.has('xl/workbook.xml') || lower.has('xl/workbook.bin')) kind = 'ooxml';
  else {
    const mime = byName.get('mimetype');
    let type = '';
    if (mime) {
      const pieces: Uint8Array[] = [];
      const r = inflateEntry(bytes, mime, 256, (p) => pieces.push(p));
      if (r.ok) type = new TextDecoder().decode(concat(pieces, r.size)).trim();
    }
    if (type !== 'application/vnd.oasis.opendocument.spreadsheet') return { refused: { code: 'fileNotSpreadsheet' } };
    kind = 'ods';
  }
  const needed = dir.entries.filter((e) => isNeeded(e.name));
  const declared = needed.reduce((s, e) => s + e.declaredSize, 0);
  if (declared > LIMITS.inflatedBytes)
    return { refused: { code: 'fileExpandsTooMuch', count: declared, limit: LIMITS.inflatedBytes } };
  const binary = needed.filter((e) => isBinarySheet(e.name)).reduce((s, e) => s + e.declaredSize, 0);
  if (binary > LIMITS.binarySheetBytes)
    return { refused: { code: 'fileExpandsTooMuch', count: binary, limit: LIMITS.binarySheetBytes } };
  for (const e of needed)
    if (e.declaredSize > LIMITS.ratioFloor && e.declaredSize > LIMITS.ratio * Math.max(1, e.compressedSize))
      return {
        refused: {
          code: 'fileCompressionRatio',
          detail: e.name,
          count: Math.round(e.declaredSize / Math.max(1, e.compressedSize)),
          limit: LIMITS.ratio,
        },
      };
  return { kind, needed };
}

/** Inflates the parts under the byte budget, counting cells, shared strings and rows of the file as they come. */
function inflateParts(bytes: Uint8Array, kind: ZipReading['kind'], needed: readonly ZipEntry[]): ZipReading | Refusal {
  let inflated = 0;
  let binary = 0;
  let scanned = 0;
  const total = { cells: 0, rows: 0 };
  const scans = new Map<string, XmlScanner>();
  const parts = new Map<string, Uint8Array>();
  for (const e of needed) {
    const scanner = isCounted(e.name) ? new XmlScanner() : undefined;
    const before = { cells: 0, rows: 0, strings: 0 };
    let over: FileProblem | undefined;
    const pieces: Uint8Array[] = [];
    const isBinary = isBinarySheet(e.name);
    const cap = Math.min(LIMITS.inflatedBytes - inflated, isBinary ? LIMITS.binarySheetBytes - binary : Infinity);
    const r = inflateEntry(bytes, e, cap, (piece) => {
      pieces.push(piece);
      if (!scanner) return;
      scanned += piece.length;
      scanner.push(piece);
      const cells = scanner.scan.cells + scanner.strings;
      total.cells += cells - before.cells - before.strings;
      total.rows += scanner.scan.rows - before.rows;
      before.cells = scanner.scan.cells;
      before.strings = scanner.strings;
      before.rows = scanner.scan.rows;
      if (total.cells > LIMITS.cells) over = { code: 'tooManyCells', count: total.cells, limit: LIMITS.cells };
      else if (total.rows > LIMITS.rows) over = { code: 'tooManyRows', count: total.rows, limit: LIMITS.rows };
      if (over) throw new Error('over budget');
    });
    inflated += r.size;
    if (isBinary) binary += r.size;
    const spent = {
      bytesInflated: inflated,
      bytesScanned: scanned,
      cellsCounted: total.cells,
      cellsKept: 0,
      parsed: false,
    };
    if (over) return { refused: over, stats: spent };
    if (!r.ok) {
      if (r.reason === 'overCap')
        return {
          refused: isBinary
            ? { code: 'fileExpandsTooMuch', count: binary, limit: LIMITS.binarySheetBytes }
            : { code: 'fileExpandsTooMuch', count: inflated, limit: LIMITS.inflatedBytes },
          stats: spent,
        };
      // A part larger than it declares is crafted (or badly damaged): the file is refused, whatever its size.
      if (r.reason === 'overDeclared')
        return {
          refused: { code: 'fileUnreadable', detail: `part ${e.name} is larger than it declares` },
          stats: spent,
        };
      // A part that will not inflate is left out: a sheet in it is reported missing, by name.
      continue;
    }
    const part = concat(pieces, r.size);
    parts.set(e.name, part);
    if (scanner) scans.set(e.name, scanner);
  }
  const zippable: Zippable = {};
  for (const [name, part] of parts) zippable[name] = part;
  return {
    kind,
    repacked: zipSync(zippable, { level: 0 }),
    scans,
    parts,
    bytesInflated: inflated,
    bytesScanned: scanned,
    cellsCounted: total.cells,
  };
}

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string): string =>
  s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (m, e: string) =>
    e.startsWith('#')
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : (XML_ENTITIES[e.toLowerCase()] ?? m),
  );
const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? unescapeXml(m[1] ?? m[2] ?? '') : undefined;
};

/** Sheet name → its worksheet part, from xl/workbook.xml and its relationships (for the scans of each sheet). */
function sheetParts(parts: ReadonlyMap<string, Uint8Array>): Map<string, string> {
  const text = (name: string): string => {
    const key = [...parts.keys()].find((k) => k.toLowerCase() === name);
    const p = key === undefined ? undefined : parts.get(key);
    return p ? new TextDecoder().decode(p) : '';
  };
  const targets = new Map<string, string>();
  for (const m of text('xl/_rels/workbook.xml.rels').matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const id = attr(m[1] ?? '', 'Id');
    const target = attr(m[1] ?? '', 'Target');
    if (id !== undefined && target !== undefined)
      targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const out = new Map<string, string>();
  for (const m of text('xl/workbook.xml').matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
    const name = attr(m[1] ?? '', 'name');
    const id = attr(m[1] ?? '', 'r:id') ?? /\s[\w]+:id\s*=\s*"([^"]*)"/.exec(m[1] ?? '')?.[1];
    const target = id === undefined ? undefined : targets.get(id);
    if (name !== undefined && target !== undefined) out.set(name, target);
  }
  return out;
}

const refusedFile = (file: string, problem: FileProblem, stats?: ReadStats): ParsedFile => ({
  file,
  sheets: [],
  problems: [problem],
  ...(stats ? { stats } : {}),
});

/** SheetJS on bytes already bounded; formats not counted while scanning stop at the row limit. */
function parse(bytes: Uint8Array, scanned: boolean): WorkBook | Refusal {
  try {
    // cellFormula: true only to know which cells hold a formula without a cached value; formulas are neither kept
    // nor evaluated: only the values Excel cached are read.
    return read(bytes, {
      type: 'array',
      cellFormula: true,
      cellHTML: false,
      cellNF: true,
      cellText: false,
      cellDates: false,
      dense: false,
      ...(scanned ? {} : { sheetRows: LIMITS.rows + 1 }),
    });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(message)) return { refused: { code: 'fileEncrypted' } };
    return { refused: { code: 'fileUnreadable', detail: message } };
  }
}

/**
 * The parsed sheets as SheetData, a sheet listed but not parsed named as missing; formats not scanned before parsing
 * (.xls, .et, .ods) have their cells and rows counted here, per file.
 */
function collectSheets(
  wb: WorkBook,
  zip: ZipReading | undefined,
): { sheets: SheetData[]; problems: FileProblem[]; counted: number; kept: number } | Refusal {
  const partOf = zip?.kind === 'ooxml' ? sheetParts(zip.parts) : new Map<string, string>();
  const countHere = zip?.kind !== 'ooxml';
  const sheets: SheetData[] = [];
  const problems: FileProblem[] = [];
  let counted = 0;
  let kept = 0;
  let rows = 0;
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    if (!ws) {
      problems.push({ code: 'sheetMissing', sheet: name });
      continue;
    }
    counted += Object.keys(ws).length;
    if (countHere && counted > LIMITS.cells)
      return { refused: { code: 'tooManyCells', count: counted, limit: LIMITS.cells } };
    const part = partOf.get(name);
    const scan = part === undefined ? undefined : zip?.scans.get(part);
    const sheet = toSheetData(name, ws, scan?.scan.uncalculated ?? []);
    // Present rows and cells only: a sparse grid is never walked to its length.
    const present = Object.values(sheet.values);
    rows += present.length;
    if (countHere && rows > LIMITS.rows) return { refused: { code: 'tooManyRows', count: rows, limit: LIMITS.rows } };
    for (const row of present) kept += Object.keys(row).length;
    sheets.push(sheet);
  }
  return { sheets, problems, counted, kept };
}

/** Parses one file; a damaged, encrypted, oversized or foreign file gives a problem, never an exception. */
export function readXlsx(file: string, data: ArrayBuffer | Uint8Array): ParsedFile {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.byteLength > LIMITS.fileBytes)
    return refusedFile(file, tooLargeProblem(bytes.byteLength, LIMITS.fileBytes));
  if (bytes.byteLength === 0) return refusedFile(file, { code: 'fileEmpty' });
  const kind = sniff(bytes);
  if (kind === 'unknown') return refusedFile(file, { code: 'fileUnreadable', detail: 'not a workbook' });
  if (kind !== 'zip' && kind !== 'cfb') return refusedFile(file, { code: 'fileTextFormat', detail: kind });
  let zip: ZipReading | undefined;
  if (kind === 'cfb') {
    const judged = judgeCompound(bytes);
    if (judged) return refusedFile(file, judged.refused);
    if (bytes.byteLength > LIMITS.compoundFileBytes)
      return refusedFile(file, tooLargeProblem(bytes.byteLength, LIMITS.compoundFileBytes));
  } else {
    let r: ZipReading | Refusal;
    try {
      r = readZip(bytes);
    } catch (e) {
      r = { refused: { code: 'fileUnreadable', detail: e instanceof Error ? e.message : String(e) } };
    }
    const noStats = { bytesInflated: 0, bytesScanned: 0, cellsCounted: 0, cellsKept: 0, parsed: false };
    if ('refused' in r) return refusedFile(file, r.refused, r.stats ?? noStats);
    zip = r;
  }
  const wb = parse(zip ? zip.repacked : bytes, zip?.kind === 'ooxml');
  if ('refused' in wb) return refusedFile(file, wb.refused);
  const read = collectSheets(wb, zip);
  if ('refused' in read) return refusedFile(file, read.refused);
  const { sheets, problems, counted, kept } = read;
  const savedAt = documentSavedAt(wb.Props);
  return {
    file,
    sheets,
    problems,
    ...(savedAt !== undefined ? { savedAt, savedAtSource: 'document' as const } : {}),
    stats: {
      bytesInflated: zip?.bytesInflated ?? 0,
      bytesScanned: zip?.bytesScanned ?? 0,
      cellsCounted: zip ? zip.cellsCounted : counted,
      cellsKept: kept,
      parsed: true,
    },
  };
}
