import { cellAddress } from '../../domain/grid/address';
import { Inflate } from 'fflate';

/**
 * Bounds on a zip before anything parses it (issue 12): the central directory is read first and judged by what it
 * declares, then each part that is needed is inflated with a real byte cap (a declared size can lie). Pure: no I/O,
 * runs in the parsing worker or in Node.
 */

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated; anything else cannot be read. */
  readonly method: number;
  readonly compressedSize: number;
  /** As the directory declares it: checked, never trusted. */
  readonly declaredSize: number;
  readonly encrypted: boolean;
  readonly localOffset: number;
}

export type DirectoryResult =
  | { readonly ok: true; readonly entries: readonly ZipEntry[] }
  | { readonly ok: false; readonly reason: 'damaged' | 'tooManyEntries' };

const u16 = (b: Uint8Array, o: number): number => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, o: number): number => (u16(b, o) | (u16(b, o + 2) << 16)) >>> 0;

/** Reads the central directory (end record in the last 64 KB + 22 bytes); ZIP64 is refused as damaged. */
export function readDirectory(bytes: Uint8Array, maxEntries: number): DirectoryResult {
  const end = bytes.length;
  let eocd = -1;
  for (let i = end - 22; i >= Math.max(0, end - 22 - 0xffff); i--)
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) return { ok: false, reason: 'damaged' };
  const count = u16(bytes, eocd + 10);
  const size = u32(bytes, eocd + 12);
  const offset = u32(bytes, eocd + 16);
  if (count === 0xffff || offset === 0xffffffff || offset + size > end) return { ok: false, reason: 'damaged' };
  if (count > maxEntries) return { ok: false, reason: 'tooManyEntries' };
  const entries: ZipEntry[] = [];
  const names = new TextDecoder('utf-8');
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || u32(bytes, p) !== 0x02014b50) return { ok: false, reason: 'damaged' };
    const flags = u16(bytes, p + 8);
    const nameLength = u16(bytes, p + 28);
    const entry: ZipEntry = {
      name: names.decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      method: u16(bytes, p + 10),
      compressedSize: u32(bytes, p + 20),
      declaredSize: u32(bytes, p + 24),
      encrypted: (flags & 1) === 1,
      localOffset: u32(bytes, p + 42),
    };
    if (entry.compressedSize === 0xffffffff || entry.declaredSize === 0xffffffff || entry.localOffset === 0xffffffff)
      return { ok: false, reason: 'damaged' };
    entries.push(entry);
    p += 46 + nameLength + u16(bytes, p + 30) + u16(bytes, p + 32);
  }
  return { ok: true, entries };
}

/** Why inflating a part stopped: it gave more than the cap, more than it declared, or could not be read. */
export type InflateFailure = 'overCap' | 'overDeclared' | 'damaged';

/** Compressed input is fed in pieces this small, so that a part can overshoot its cap by about 1 MB at most. */
const PIECE = 1024;

/**
 * Inflates one entry, giving its output in pieces to `sink`, and stops as soon as it has given more than `cap`
 * bytes or more than it declared. Returns the bytes given, or why it stopped.
 */
export function inflateEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  cap: number,
  sink: (piece: Uint8Array) => void,
):
  | { readonly ok: true; readonly size: number }
  | { readonly ok: false; readonly reason: InflateFailure; readonly size: number } {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== 0x04034b50) return { ok: false, reason: 'damaged', size: 0 };
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length < entry.compressedSize) return { ok: false, reason: 'damaged', size: 0 };
  const limit = Math.min(cap, entry.declaredSize);
  let size = 0;
  const take = (piece: Uint8Array): InflateFailure | undefined => {
    size += piece.length;
    if (size > limit) return size > cap ? 'overCap' : 'overDeclared';
    sink(piece);
    return undefined;
  };
  if (entry.method === 0) {
    // Stored: fed to the sink in pieces too, so that a budget the sink checks stops it early.
    for (let i = 0; i < data.length; i += 64 * PIECE) {
      let failed: InflateFailure | undefined;
      try {
        failed = take(data.subarray(i, i + 64 * PIECE));
      } catch {
        return { ok: false, reason: 'damaged', size };
      }
      if (failed) return { ok: false, reason: failed, size };
    }
    if (data.length === 0 && entry.declaredSize !== 0) return { ok: false, reason: 'damaged', size };
    return { ok: true, size };
  }
  if (entry.method !== 8) return { ok: false, reason: 'damaged', size: 0 };
  let failed: InflateFailure | undefined;
  const inflate = new Inflate((piece) => {
    failed ??= take(piece);
    if (failed) throw new Error('stop');
  });
  try {
    for (let i = 0; i < data.length && !failed; i += PIECE)
      inflate.push(data.subarray(i, i + PIECE), i + PIECE >= data.length);
  } catch {
    return { ok: false, reason: failed ?? 'damaged', size };
  }
  if (failed) return { ok: false, reason: failed, size };
  return { ok: true, size };
}

/** What a scan of a worksheet's XML found, counted as it streamed by. */
export interface SheetScan {
  /** `<c>` elements (cells, empty ones included: SheetJS keeps styled empty cells too). */
  cells: number;
  /** `<row>` elements. */
  rows: number;
  /** The real extent: the last row and column that hold a cell (1-based), never `<dimension>`. */
  lastRow: number;
  lastColumn: number;
  /** A1 addresses of cells with a formula (`<f>`) and no cached value (`<v>` or `<is>`). */
  readonly uncalculated: string[];
}

const TAG =
  /<(\/?)(?:[A-Za-z_][\w.-]*:)?(c|row|f|v|is|si|mergeCell|table-row|table-cell|covered-table-cell)(?=[\s/>])([^>]*)>/g;
const REPEAT = (what: 'rows' | 'columns') => new RegExp(`number-${what}-repeated\\s*=\\s*["'](\\d+)["']`);
const ROWS_REPEATED = REPEAT('rows');
const COLUMNS_REPEATED = REPEAT('columns');
const R_ATTR = /(?:^|\s)r\s*=\s*["']([A-Za-z]*)(\d+)["']/;
/** At most this many uncalculated cells are listed per sheet (the count is what matters beyond that). */
const MAX_LISTED = 1000;

/**
 * A streaming counter for one part's XML (worksheet or shared strings): fed the inflated pieces in order, it counts
 * cells, rows and shared strings as they go by, so a budget is checked before any parser sees the part. A tag cut
 * between two pieces is kept and completed by the next piece.
 */
export class XmlScanner {
  readonly scan: SheetScan = { cells: 0, rows: 0, lastRow: 0, lastColumn: 0, uncalculated: [] };
  /** `<si>` elements (shared strings). */
  strings = 0;
  private readonly decoder = new TextDecoder('utf-8');
  private carry = '';
  private row = 0;
  private column = 0;
  private cell: { row: number; column: number; formula: boolean; value: boolean } | undefined;
  /** The one cell state reused for every cell (no allocation per cell). */
  private readonly cellState = { row: 0, column: 0, formula: false, value: false };
  /** OpenDocument: the current row's repeat count, and whether it holds a cell with content. */
  private odfRow = { repeat: 1, content: false };

  push(piece: Uint8Array): void {
    const text = this.carry + this.decoder.decode(piece, { stream: true });
    const open = text.lastIndexOf('<');
    const cut = open >= 0 && text.indexOf('>', open) < 0 ? open : text.length;
    // A tag longer than this is no tag of ours: dropped rather than carried without end.
    this.carry = text.length - cut > 4096 ? '' : text.slice(cut);
    TAG.lastIndex = 0;
    const body = text.slice(0, cut);
    for (let m = TAG.exec(body); m; m = TAG.exec(body)) this.tag(m[1] === '/', m[2] ?? '', m[3] ?? '');
  }

  private tag(closing: boolean, name: string, attrs: string): void {
    const selfClosing = attrs.endsWith('/');
    const s = this.scan;
    switch (name) {
      case 'row': {
        if (closing) return;
        s.rows++;
        const r = R_ATTR.exec(attrs);
        this.row = r ? Number(r[2]) : this.row + 1;
        this.column = 0;
        return;
      }
      case 'c': {
        if (closing) {
          this.endCell();
          return;
        }
        s.cells++;
        this.place(attrs);
        if (this.row > s.lastRow) s.lastRow = this.row;
        if (this.column > s.lastColumn) s.lastColumn = this.column;
        // The address is spelled only for a formula without a value (rare): counting stays cheap.
        if (selfClosing) this.cell = undefined;
        else {
          this.cell = this.cellState;
          this.cell.row = this.row;
          this.cell.column = this.column;
          this.cell.formula = false;
          this.cell.value = false;
        }
        return;
      }
      case 'f':
        if (!closing && this.cell) this.cell.formula = true;
        return;
      case 'v':
      case 'is':
        if (!closing && this.cell) this.cell.value = true;
        return;
      case 'si':
        if (!closing) this.strings++;
        return;
      case 'mergeCell':
        // A merged area is one more thing the parser keeps: counted with the cells.
        if (!closing) s.cells++;
        return;
      case 'table-row':
      case 'table-cell':
      case 'covered-table-cell':
        this.odf(closing, name, attrs);
        return;
    }
  }

  /**
   * OpenDocument (.ods content.xml): a repeated row or cell stands for that many (a few bytes can claim billions of
   * cells). A cell with content counts its columns × its row's repeats; empty repeated cells and rows (LibreOffice
   * pads every sheet to the last row and column with them) count nothing; a row counts its repeats if it has content.
   */
  private odf(closing: boolean, name: string, attrs: string): void {
    const s = this.scan;
    if (name === 'table-row') {
      if (closing) {
        if (this.odfRow.content) s.rows += this.odfRow.repeat;
        this.odfRow = { repeat: 1, content: false };
      } else this.odfRow = { repeat: Number(ROWS_REPEATED.exec(attrs)?.[1] ?? 1), content: false };
      return;
    }
    if (closing) return;
    const content = !attrs.endsWith('/') || /value-type\s*=/.test(attrs);
    if (!content) return;
    this.odfRow.content = true;
    s.cells += Number(COLUMNS_REPEATED.exec(attrs)?.[1] ?? 1) * this.odfRow.repeat;
  }

  private endCell(): void {
    const c = this.cell;
    this.cell = undefined;
    if (c?.formula && !c.value && this.scan.uncalculated.length < MAX_LISTED)
      this.scan.uncalculated.push(cellAddress(c.column, c.row));
  }

  /** A cell's row and column from its `r` attribute (read by hand: this runs once per cell), else the next column. */
  private place(attrs: string): void {
    let i = attrs.indexOf('r=');
    while (i > 0 && !/\s/.test(attrs[i - 1] ?? '')) i = attrs.indexOf('r=', i + 2);
    if (i < 0) {
      this.column++;
      return;
    }
    i += 3; // past r=" or r='
    let column = 0;
    let code = attrs.charCodeAt(i);
    for (; (code >= 65 && code <= 90) || (code >= 97 && code <= 122); code = attrs.charCodeAt(++i))
      column = column * 26 + ((code & 0xdf) - 64);
    let row = 0;
    for (; code >= 48 && code <= 57; code = attrs.charCodeAt(++i)) row = row * 10 + (code - 48);
    this.column = column > 0 ? column : this.column + 1;
    if (row > 0) this.row = row;
  }
}
