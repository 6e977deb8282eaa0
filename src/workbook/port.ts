import type { SheetData } from '../domain/grid/sheet';
import type { ListedMarker, MarkerPayload, MarkerType } from '../domain/grid/ownSheets';
import type { SheetSpec } from '../domain/grid/sheetSpec';

/**
 * The workbook port (ARCHITECTURE.md): the narrow set of things the use cases need from a spreadsheet. Two
 * adapters implement it: `excel/` (Office.js) and `memory/` (preview host and tests). Every method is one
 * batch: its cost in round trips does not grow with the number of sheets or cells.
 */

export interface SheetInfo {
  readonly name: string;
  /** 0-based tab position. */
  readonly position: number;
  readonly visible: boolean;
  /** The add-in's marker, when the sheet is one of its own (found wherever rows were inserted above it). */
  readonly marker?: MarkerPayload;
  /** Set when column A holds marker text that cannot be read: the type it still names ('unknown' when none). */
  readonly damagedMarker?: MarkerType | 'unknown';
}

/** A listed sheet's marker as grid/ownSheets' rules take it (claims, pickListed). */
export function listedOf(info: SheetInfo): ListedMarker {
  return {
    ...(info.marker ? { marker: info.marker } : {}),
    ...(info.damagedMarker ? { damaged: info.damagedMarker } : {}),
  };
}

export interface ReadOptions {
  readonly formulas?: boolean;
  readonly numberFormats?: boolean;
  /**
   * Sheets read leaner than the rest, when their marker says they are what their name suggests: the add-in's own
   * outputs, which a run needs only for their markers (汇总, 明细, 通报) or their values (历史). Their formulas,
   * number formats and merged areas are never read (Excel refuses the merged areas of a sheet past 512 of them,
   * which would cost the whole read a second round trip). A sheet of such a name whose marker does not claim the
   * type (a template renamed 汇总) is read in full, at one more round trip.
   */
  readonly lean?: readonly LeanRead[];
}

/** A sheet a read takes only so deep (ReadOptions.lean). */
export interface LeanRead {
  /** Compared ignoring case, as Excel compares sheet names. */
  readonly name: string;
  /**
   * 'marker': column A of rows 1–20 only (MARKER_RANGE, where markers are looked for), as a grid of one column;
   * 'values': the used range's values, without formulas or number formats.
   */
  readonly depth: 'marker' | 'values';
  /** The marker type the sheet must claim (a readable or a damaged marker of it) to be read lean. */
  readonly type: MarkerType | (string & {});
}

/** The lean read of a sheet, when `options` asks for one (by name, ignoring case). */
export function leanReadOf(options: ReadOptions, name: string): LeanRead | undefined {
  const lower = name.toLowerCase();
  return options.lean?.find((l) => l.name.toLowerCase() === lower);
}

/** The options a lean read of a sheet loads with: values only. */
export function leanOptions(options: ReadOptions): ReadOptions {
  const { formulas: _f, numberFormats: _n, lean: _l, ...rest } = options;
  return rest;
}

export interface CellWrite {
  readonly sheet: string;
  readonly address: string;
  /** A string is written as text, never as a formula. */
  readonly value: number | string | boolean | null;
  /** A number format to give the cell with its value (a fix that must not be misread by the cell's own format). */
  readonly numberFormat?: string;
}

export interface WriteOptions {
  /** Replace an existing sheet of the same name in place (keeping its tab position). Default: fail on a clash. */
  readonly replace?: boolean;
  readonly activate?: boolean;
  /** Cell to select after writing (implies activate). */
  readonly select?: string;
}

/** What insertSheet added, and what else the workbook held when it did. */
export interface InsertedSheet {
  /** The new sheet's name (the one `build` gave it). */
  readonly name: string;
  /** Every other sheet as it was when the new one was added, with its marker, in tab order (as listSheets). */
  readonly others: readonly SheetInfo[];
}

export interface ChangeEvent {
  readonly sheet: string;
  /** The changed range, e.g. "H6" or "H6:H9". */
  readonly address: string;
}

export type Unsubscribe = () => Promise<void>;

/**
 * How an adapter's onChange treats this add-in's own writes, a declared difference between adapters (the port
 * contract asserts each adapter's declaration, rather than pretending they agree): 'omitted' where Excel tells
 * them apart (ExcelApi 1.14, triggerSource), 'reported' elsewhere (memory: a code write stands in for a paste).
 */
export type OwnWritesInChangeEvents = 'reported' | 'omitted';

/** Why the workbook refused; mapped to a localized message by the task pane (PORT_ERROR_KEYS). */
export type PortErrorCode =
  'cellEditMode' | 'sheetProtected' | 'payloadTooLarge' | 'nameClash' | 'unsupported' | 'sheetMissing' | 'unknown';

export class PortError extends Error {
  constructor(
    readonly code: PortErrorCode,
    readonly detail?: string,
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`);
    this.name = 'PortError';
  }
}

export interface WorkbookPort {
  listSheets(): Promise<readonly SheetInfo[]>;
  /** Reads the named sheets in one batch; a missing name is a PortError('sheetMissing'). */
  readSheets(names: readonly string[], options?: ReadOptions): Promise<readonly SheetData[]>;
  /** Reads every sheet of the workbook, in tab order, in one batch (2 round trips in Excel: names, then data). */
  readAllSheets(options?: ReadOptions): Promise<readonly SheetData[]>;
  /** Renders a sheet spec in one batch (values first, then formats). */
  writeSheet(spec: SheetSpec, options?: WriteOptions): Promise<void>;
  /**
   * Renders several sheet specs in one batch, in order (a later sheet may refer to an earlier one), replacing
   * sheets of the same names in place; then activates/selects as asked. Used for generated outputs (汇总, 明细).
   */
  writeSheets(specs: readonly SheetSpec[], options?: WriteOptions): Promise<void>;
  /**
   * Adds a new sheet built from the names the workbook has (so that `build` can make its name unique) and, in the
   * same batch, lists the other sheets with their markers: 2 round trips in Excel where listSheets then writeSheet
   * take 4. The caller may learn from `others` that the sheet should not have been added, and delete it.
   */
  insertSheet(
    build: (existingNames: readonly string[]) => SheetSpec,
    options?: Omit<WriteOptions, 'replace'>,
  ): Promise<InsertedSheet>;
  /**
   * Renames a sheet (1 round trip); a missing name is a PortError('sheetMissing'), a name taken (compared as Excel
   * does, ignoring case) or one Excel refuses a PortError('nameClash').
   */
  renameSheet(from: string, to: string): Promise<void>;
  /** Deletes a sheet (1 round trip); a missing name is a PortError('sheetMissing'). */
  deleteSheet(name: string): Promise<void>;
  /** Writes individual cells (e.g. a fix the user accepted) in one batch. */
  writeCells(cells: readonly CellWrite[]): Promise<void>;
  activate(sheet: string, select?: string): Promise<void>;
  /**
   * Calls `listener` after cells change: by the user, another add-in or code. The Excel adapter leaves out this
   * add-in's own writes where Excel tells them apart (ExcelApi 1.14); the memory adapter reports code writes too
   * (the preview's stand-in for a paste).
   */
  onChange(listener: (e: ChangeEvent) => void): Promise<Unsubscribe>;
}
