import { read, utils, type CellObject, type FullProperties, type WorkSheet } from '@e965/xlsx';
import type { SheetData } from '../../domain/grid/sheet';
import type { CellValue } from '../../domain/grid/cells';

/**
 * Reading a department workbook sent in as an .xlsx file: cached values only — formulas are never evaluated
 * here, and never copied (SPEC §8). The result has the port's SheetData shape, so the same domain readers handle
 * sheets of the open workbook and sheets of files. Pure: runs in a Web Worker or in Node.
 */

/** Files above this size are refused before parsing (a department sheet is a few hundred KB). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Sheets above this many cells are refused (a zip bomb must not freeze the pane). */
export const MAX_SHEET_CELLS = 2_000_000;

export type FileProblemCode = 'fileTooLarge' | 'fileUnreadable' | 'fileEmpty' | 'sheetTooLarge';

export interface ParsedFile {
  readonly file: string;
  readonly sheets: readonly SheetData[];
  readonly problems: readonly { readonly code: FileProblemCode; readonly sheet?: string; readonly detail?: string }[];
  /**
   * When the workbook was last saved (ISO 8601): its own document property (docProps/core.xml dcterms:modified),
   * else the file system's date of the picked file (File.lastModified); absent when neither is known. Which of a
   * department's submissions counts depends on it (SPEC §8 Corrections).
   */
  readonly savedAt?: string;
  readonly savedAtSource?: 'document' | 'file';
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

function toSheetData(name: string, ws: WorkSheet): SheetData | 'tooLarge' {
  const ref = ws['!ref'];
  if (!ref) return { name, values: [], numberFormats: [] };
  const range = utils.decode_range(ref);
  const rows = range.e.r + 1;
  const cols = range.e.c + 1;
  if (rows * cols > MAX_SHEET_CELLS) return 'tooLarge';
  const values: CellValue[][] = [];
  const numberFormats: string[][] = [];
  for (let r = 0; r < rows; r++) {
    const vRow: CellValue[] = [];
    const fRow: string[] = [];
    for (let c = 0; c < cols; c++) {
      const cell = ws[utils.encode_cell({ r, c })] as CellObject | undefined;
      vRow.push(cellValue(cell));
      fRow.push(typeof cell?.z === 'string' ? cell.z : 'General');
    }
    values.push(vRow);
    numberFormats.push(fRow);
  }
  return { name, values, numberFormats };
}

/** The workbook's own last-saved time (dcterms:modified, which SheetJS reads as Props.ModifiedDate), if valid. */
function documentSavedAt(props: FullProperties | undefined): string | undefined {
  const at: unknown = props?.ModifiedDate;
  return at instanceof Date && Number.isFinite(at.getTime()) ? at.toISOString() : undefined;
}

/** Parses one file; a damaged or oversized file gives a problem, never an exception. */
export function readXlsx(file: string, data: ArrayBuffer | Uint8Array): ParsedFile {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.byteLength > MAX_FILE_BYTES)
    return { file, sheets: [], problems: [{ code: 'fileTooLarge', detail: String(bytes.byteLength) }] };
  if (bytes.byteLength === 0) return { file, sheets: [], problems: [{ code: 'fileEmpty' }] };
  // An .xlsx is a zip (PK\x03\x04); an old .xls a compound file (D0 CF 11 E0). Anything else would be read as text.
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const cfb = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (!zip && !cfb)
    return { file, sheets: [], problems: [{ code: 'fileUnreadable', detail: 'not an Excel workbook' }] };
  let wb;
  try {
    // cellFormula: false — formulas are neither kept nor evaluated; only the values Excel cached are read.
    wb = read(bytes, {
      type: 'array',
      cellFormula: false,
      cellHTML: false,
      cellNF: true,
      cellText: false,
      cellDates: false,
      dense: false,
    });
  } catch (e) {
    return {
      file,
      sheets: [],
      problems: [{ code: 'fileUnreadable', detail: e instanceof Error ? e.message : String(e) }],
    };
  }
  const sheets: SheetData[] = [];
  const problems: ParsedFile['problems'][number][] = [];
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    if (!ws) continue;
    const data = toSheetData(name, ws);
    if (data === 'tooLarge') problems.push({ code: 'sheetTooLarge', sheet: name });
    else sheets.push(data);
  }
  const savedAt = documentSavedAt(wb.Props);
  return { file, sheets, problems, ...(savedAt !== undefined ? { savedAt, savedAtSource: 'document' as const } : {}) };
}
