import { cellAddress, parseCell } from '../../domain/grid/address';
import type { CellValue, LiteralValue } from '../../domain/grid/cells';
import { MARKER_CELL, MARKER_ROWS, encodeMarker, listedMarkerOf } from '../../domain/grid/ownSheets';
import type { SheetData } from '../../domain/grid/sheet';
import { sanitizeSheetName, writableValue, type CellSpec, type SheetSpec } from '../../domain/grid/sheetSpec';
import { leanClaimed } from '../leanRead';
import {
  PortError,
  leanOptions,
  leanReadOf,
  type CellWrite,
  type ChangeEvent,
  type InsertedSheet,
  type OwnWritesInChangeEvents,
  type ReadOptions,
  type SheetInfo,
  type Unsubscribe,
  type WorkbookPort,
  type WriteOptions,
} from '../port';
import { evaluateBook, type FormulaBook } from './formulas/evaluate';
import { writeXlsx, type XlsxOptions } from './writeXlsx';

/**
 * The file adapter of the workbook port (ARCHITECTURE.md: entries choose excel, memory or file): a workbook held in
 * memory, loaded from the sheets of .xlsx files and saved as one .xlsx, with no spreadsheet engine. The command line,
 * the files page and the pane's 导出模板 run the same use cases over it.
 *
 * - A sheet written from a spec is saved from that spec — styles, validation, conditional formats, protection,
 *   print setup, the marker — with the values typed into it since (writeCells) laid over it; its formulas are
 *   computed by the add-in's own evaluator (formulas/), proven equal to HyperFormula on every formula the builders
 *   write, and saved with those results cached (Excel, LibreOffice and WPS recalculate on opening anyway).
 * - A sheet loaded from a file keeps the values the file cached for its formulas, as the task pane's import does:
 *   what a department's spreadsheet program computed is what is read, never recomputed here. It is saved as its cells
 *   (values, formulas, number formats).
 * - Every method costs no round trip. onChange reports the code's own writes (there is no one else to write).
 */

interface FileCell {
  readonly value: CellValue;
  readonly formula?: string;
  readonly numberFormat?: string;
  /** A formula written from a spec, computed here; a loaded formula keeps the value its file cached. */
  readonly computed?: true;
}

interface FileSheet {
  name: string;
  /** The spec the sheet was written from (absent for a sheet loaded from a file). */
  spec?: SheetSpec;
  /** Cells by "row,column", 1-based. */
  readonly cells: Map<string, FileCell>;
  /** Values written into a spec sheet since, by A1 address: saved over the spec's cells. */
  readonly typed: Map<string, CellWrite>;
}

const key = (row: number, column: number): string => `${row},${column}`;

export class FileWorkbook implements WorkbookPort {
  private sheets: FileSheet[] = [];
  private results: Map<string, Map<string, CellValue>> | undefined;
  private readonly listeners = new Set<(e: ChangeEvent) => void>();
  /** The active sheet and selection, saved as the workbook's active tab. */
  active: { sheet: string; cell: string } | undefined;

  /** A workbook of sheets read from files (readXlsx), in order; their names must be unique ignoring case. */
  static of(sheets: readonly SheetData[]): FileWorkbook {
    const wb = new FileWorkbook();
    for (const s of sheets) wb.addSheetData(s);
    return wb;
  }

  /** Adds a sheet as a file held it: values (formulas' cached results), formulas, number formats. */
  addSheetData(data: SheetData): void {
    if (this.find(data.name)) throw new PortError('nameClash', data.name);
    const cells = new Map<string, FileCell>();
    data.values.forEach((row, r) =>
      row.forEach((value, c) => {
        const formula = data.formulas?.[r]?.[c] ?? undefined;
        const numberFormat = data.numberFormats?.[r]?.[c];
        if (value === null && !formula) return;
        cells.set(key(r + 1, c + 1), {
          value,
          ...(formula ? { formula } : {}),
          ...(numberFormat && numberFormat !== 'General' ? { numberFormat } : {}),
        });
      }),
    );
    this.sheets.push({ name: data.name, cells, typed: new Map() });
    this.results = undefined;
  }

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  /**
   * Puts the named sheets first, in that order (names compared ignoring case; missing ones skipped), the others after
   * them as they were: a summary workbook reads 指标库, 汇总, 明细, 历史, 通报 whichever was there before the run.
   */
  arrange(names: readonly string[]): void {
    const first = names.flatMap((n) => {
      const s = this.find(n);
      return s ? [s] : [];
    });
    this.sheets = [...new Set([...first, ...this.sheets])];
  }

  /** The spec a sheet was written from (undefined for a sheet loaded from a file): what a file of it will hold. */
  sheetSpec(name: string): SheetSpec | undefined {
    return this.find(name)?.spec;
  }

  // ---- the port ----

  async listSheets(): Promise<readonly SheetInfo[]> {
    return this.sheets.map((s, position) => {
      const { marker, damaged } = listedMarkerOf(this.grid(s, {}).values);
      return {
        name: s.name,
        position,
        visible: true,
        ...(marker ? { marker } : {}),
        ...(damaged ? { damagedMarker: damaged } : {}),
      };
    });
  }

  async readSheets(names: readonly string[], options: ReadOptions = {}): Promise<readonly SheetData[]> {
    const missing = names.filter((n) => !this.find(n));
    if (missing.length > 0) throw new PortError('sheetMissing', missing.join(', '));
    return names.map((name) => {
      const sheet = this.sheetOf(name);
      const lean = leanReadOf(options, name);
      if (!lean) return this.grid(sheet, options);
      const read =
        lean.depth === 'marker'
          ? {
              name: sheet.name,
              values: this.grid(sheet, {})
                .values.slice(0, MARKER_ROWS)
                .map((row) => [row[0] ?? null]),
            }
          : this.grid(sheet, leanOptions(options));
      // As the other adapters: a sheet whose marker does not claim the type its name suggested is read in full.
      return leanClaimed(read.values, lean) ? read : this.grid(sheet, options);
    });
  }

  async readAllSheets(options: ReadOptions = {}): Promise<readonly SheetData[]> {
    return this.readSheets(this.sheetNames(), options);
  }

  async writeSheet(spec: SheetSpec, options: WriteOptions = {}): Promise<void> {
    const existing = this.find(spec.name);
    if (existing && !options.replace) throw new PortError('nameClash', spec.name);
    const sheet: FileSheet = { name: spec.name, spec, cells: specCells(spec), typed: new Map() };
    if (existing) this.sheets[this.sheets.indexOf(existing)] = sheet;
    else this.sheets.push(sheet);
    this.results = undefined;
    this.emit({ sheet: spec.name, address: 'A1' });
    if (options.activate || options.select) await this.activate(spec.name, options.select);
  }

  async writeSheets(specs: readonly SheetSpec[], options: WriteOptions = {}): Promise<void> {
    for (const spec of specs) await this.writeSheet(spec, { replace: options.replace ?? true });
    const target = options.select || options.activate ? specs[0]?.name : undefined;
    if (target) await this.activate(target, options.select);
  }

  async insertSheet(
    build: (existingNames: readonly string[]) => SheetSpec,
    options: Omit<WriteOptions, 'replace'> = {},
  ): Promise<InsertedSheet> {
    const others = await this.listSheets();
    const spec = build(others.map((s) => s.name));
    await this.writeSheet(spec, { ...options, replace: false });
    return { name: spec.name, others };
  }

  async renameSheet(from: string, to: string): Promise<void> {
    const sheet = this.sheetOf(from);
    const taken = this.find(to);
    if ((taken && taken !== sheet) || sanitizeSheetName(to) !== to) throw new PortError('nameClash', to);
    if (this.active?.sheet === sheet.name) this.active = { ...this.active, sheet: to };
    sheet.name = to;
    if (sheet.spec) sheet.spec = { ...sheet.spec, name: to };
    this.results = undefined;
  }

  async deleteSheet(name: string): Promise<void> {
    const sheet = this.sheetOf(name);
    const at = this.sheets.indexOf(sheet);
    this.sheets = this.sheets.filter((s) => s !== sheet);
    if (this.active?.sheet === sheet.name) {
      const next = this.sheets[Math.min(at, this.sheets.length - 1)];
      this.active = next ? { sheet: next.name, cell: 'A1' } : undefined;
    }
    this.results = undefined;
  }

  async writeCells(cells: readonly CellWrite[]): Promise<void> {
    for (const c of cells) {
      const sheet = this.sheetOf(c.sheet);
      if (this.isLocked(sheet, c.address)) throw new PortError('sheetProtected', `${c.sheet}!${c.address}`);
    }
    for (const c of cells) {
      const sheet = this.sheetOf(c.sheet);
      const { row, column } = parseCell(c.address);
      const before = sheet.cells.get(key(row, column));
      const numberFormat = c.numberFormat ?? before?.numberFormat;
      // A string is written as text, never as a formula (the port's rule): it replaces a formula, as typing does.
      sheet.cells.set(key(row, column), { value: c.value, ...(numberFormat ? { numberFormat } : {}) });
      if (sheet.spec) sheet.typed.set(cellAddress(column, row), c);
    }
    this.results = undefined;
    for (const c of cells) this.emit({ sheet: c.sheet, address: c.address });
  }

  async activate(sheet: string, select?: string): Promise<void> {
    this.active = { sheet: this.sheetOf(sheet).name, cell: select ?? 'A1' };
  }

  async onChange(listener: (e: ChangeEvent) => void): Promise<Unsubscribe> {
    this.listeners.add(listener);
    return async () => {
      this.listeners.delete(listener);
    };
  }

  /** The code's own writes are reported: a file has no other writer. */
  ownWritesInChangeEvents(): OwnWritesInChangeEvents {
    return 'reported';
  }

  // ---- saving ----

  /**
   * The workbook as an .xlsx file: every sheet in order (spec sheets from their specs with what was typed since,
   * loaded sheets as their cells), formula results cached, the active sheet selected.
   */
  save(options: XlsxOptions = {}): Uint8Array {
    const results = this.computed();
    const activeIndex = this.active ? this.sheets.findIndex((s) => s.name === this.active?.sheet) : -1;
    return writeXlsx(
      this.sheets.map((s) => {
        const cached = results.get(s.name);
        return {
          spec: s.spec ? withTyped(s.spec, s.typed) : plainSpec(s),
          cached: (address: string) => {
            if (cached?.has(address)) return cached.get(address);
            // A loaded formula cell: the value its file cached.
            const { row, column } = parseCell(address);
            const cell = s.cells.get(key(row, column));
            return cell?.formula && !cell.computed ? cell.value : undefined;
          },
        };
      }),
      { ...(activeIndex >= 0 ? { activeSheet: activeIndex } : {}), ...options },
    );
  }

  // ---- internals ----

  private find(name: string): FileSheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  private sheetOf(name: string): FileSheet {
    const sheet = this.find(name);
    if (!sheet) throw new PortError('sheetMissing', name);
    return sheet;
  }

  private emit(e: ChangeEvent): void {
    for (const l of this.listeners) l(e);
  }

  /** Locked as Excel locks: a protected sheet's cells unless their style unlocks them. */
  private isLocked(sheet: FileSheet, address: string): boolean {
    const spec = sheet.spec;
    if (!spec?.protect) return false;
    const cell = specCellAt(spec, address);
    const style = cell?.style ? spec.styles[cell.style] : undefined;
    return style?.locked !== false;
  }

  /** Every computed formula's result: sheet → A1 address → value (recomputed after any write). */
  private computed(): Map<string, Map<string, CellValue>> {
    if (this.results) return this.results;
    const book: FormulaBook = {
      sheets: this.sheets.map((s) => {
        const { rows, columns } = extent(s.cells);
        return {
          name: s.name,
          rows,
          columns,
          cell: (row: number, column: number) => {
            const c = s.cells.get(key(row, column));
            if (!c) return undefined;
            return c.computed && c.formula ? { formula: c.formula } : { value: c.value };
          },
        };
      }),
    };
    this.results = evaluateBook(book);
    return this.results;
  }

  /** A sheet as a read returns it: a rectangle from A1, formula cells with their values. */
  private grid(sheet: FileSheet, options: ReadOptions): SheetData {
    const results = sheet.spec ? this.computed().get(sheet.name) : undefined;
    const { rows, columns } = extent(sheet.cells);
    const values: CellValue[][] = [];
    const formulas: (string | null)[][] = [];
    const formats: string[][] = [];
    for (let r = 1; r <= rows; r++) {
      const vRow: CellValue[] = [];
      const fRow: (string | null)[] = [];
      const nRow: string[] = [];
      for (let c = 1; c <= columns; c++) {
        const cell = sheet.cells.get(key(r, c));
        const computed = cell?.computed ? results?.get(cellAddress(c, r)) : undefined;
        vRow.push(computed ?? cell?.value ?? null);
        fRow.push(cell?.formula ?? null);
        nRow.push(cell?.numberFormat ?? 'General');
      }
      values.push(vRow);
      formulas.push(fRow);
      formats.push(nRow);
    }
    return {
      name: sheet.name,
      values,
      ...(options.formulas ? { formulas } : {}),
      ...(options.numberFormats ? { numberFormats: formats } : {}),
      ...(sheet.spec?.merges?.length && !leanReadOf(options, sheet.name) ? { merges: [...sheet.spec.merges] } : {}),
    };
  }
}

function extent(cells: ReadonlyMap<string, FileCell>): { rows: number; columns: number } {
  let rows = 0;
  let columns = 0;
  for (const k of cells.keys()) {
    const [r, c] = k.split(',').map(Number);
    rows = Math.max(rows, r ?? 0);
    columns = Math.max(columns, c ?? 0);
  }
  return { rows, columns };
}

/** The cells a spec writes, as an adapter writes them: blocks in order (null entries leave a cell), then the marker. */
function specCells(spec: SheetSpec): Map<string, FileCell> {
  const cells = new Map<string, FileCell>();
  for (const block of spec.blocks) {
    const at = parseCell(block.at);
    block.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (!cell) return;
        const style = cell.style ? spec.styles[cell.style] : undefined;
        const numberFormat = cell.numberFormat ?? style?.numberFormat;
        cells.set(key(at.row + r, at.column + c), {
          ...(cell.formula !== undefined
            ? { value: null, formula: cell.formula, computed: true as const }
            : { value: writableValue(cell.value ?? null) }),
          ...(numberFormat ? { numberFormat } : {}),
        });
      }),
    );
  }
  if (spec.marker) {
    const { row, column } = parseCell(MARKER_CELL);
    cells.set(key(row, column), { value: encodeMarker(spec.marker) });
  }
  return cells;
}

/** The spec's cell at an address (the last block that writes it), if any. */
function specCellAt(spec: SheetSpec, address: string): CellSpec | undefined {
  const { row, column } = parseCell(address);
  let found: CellSpec | undefined;
  for (const block of spec.blocks) {
    const at = parseCell(block.at);
    const cell = block.rows[row - at.row]?.[column - at.column];
    if (cell) found = cell;
  }
  return found;
}

/** A spec sheet with the values typed into it since laid over its cells, each keeping its cell's style. */
function withTyped(spec: SheetSpec, typed: ReadonlyMap<string, CellWrite>): SheetSpec {
  if (typed.size === 0) return spec;
  const blocks = [...typed].map(([address, write]) => {
    const before = specCellAt(spec, address);
    const numberFormat = write.numberFormat ?? before?.numberFormat;
    const cell: CellSpec = {
      value: write.value,
      ...(before?.style ? { style: before.style } : {}),
      ...(numberFormat ? { numberFormat } : {}),
      ...(before?.hyperlink ? { hyperlink: before.hyperlink } : {}),
    };
    return { at: address, rows: [[cell]] };
  });
  return { ...spec, blocks: [...spec.blocks, ...blocks] };
}

/** A loaded sheet as a spec of its cells: values, formulas and number formats, no styles. */
function plainSpec(sheet: FileSheet): SheetSpec {
  const { rows, columns } = extent(sheet.cells);
  const grid: (CellSpec | null)[][] = [];
  for (let r = 1; r <= rows; r++) {
    const row: (CellSpec | null)[] = [];
    for (let c = 1; c <= columns; c++) {
      const cell = sheet.cells.get(key(r, c));
      if (!cell) {
        row.push(null);
        continue;
      }
      const value: LiteralValue = cell.value !== null && typeof cell.value === 'object' ? cell.value.error : cell.value;
      row.push({
        ...(cell.formula ? { formula: cell.formula } : { value }),
        ...(cell.numberFormat ? { numberFormat: cell.numberFormat } : {}),
      });
    }
    grid.push(row);
  }
  return { name: sheet.name, styles: {}, blocks: rows > 0 ? [{ at: 'A1', rows: grid }] : [] };
}
