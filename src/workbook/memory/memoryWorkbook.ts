import { DetailedCellError, HyperFormula, type RawCellContent } from 'hyperformula';
import {
  MARKER_CELL,
  MARKER_ROWS,
  encodeMarker,
  listedMarker,
  type ListedMarker,
  type MarkerPayload,
} from '../../domain/grid/ownSheets';
import {
  sanitizeSheetName,
  type ChartSpec,
  type ConditionalFormatSpec,
  type HyperlinkSpec,
  type SheetSpec,
  type StyleSpec,
  type ValidationSpec,
} from '../../domain/grid/sheetSpec';
import type { CellValue } from '../../domain/grid/cells';
import {
  cellAddress,
  columnLetters,
  columnNumber,
  contains,
  parseCell,
  parseRange,
  parseRanges,
  rangeAddress,
  type CellRef,
} from '../../domain/grid/address';
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
import { type SheetData } from '../../domain/grid/sheet';
import { kpiEngineSettings, registerKpiFunctions, type BlankAs } from './kpiPlugin';

/**
 * The in-memory workbook: the port over HyperFormula (dev-only, GPLv3), so that templates compute in tests and
 * in the preview host exactly as in Excel with the add-in. It keeps what the engine does not: formats, data
 * validation, conditional formats, protection, merges, markers. A user's edit (`userEdit`) is refused as
 * Excel refuses it: locked cells of a protected sheet, and values that break a data-validation rule whose
 * alert style is "stop". Code writes (`writeSheet`, `writeCells`) are not validated, as in Excel.
 */

export interface CellStyle extends StyleSpec {
  readonly numberFormat?: string;
}

interface SheetMeta {
  marker?: MarkerPayload;
  styles: Map<string, CellStyle>; // "row,col" → style
  hyperlinks: Map<string, HyperlinkSpec>;
  validations: ValidationSpec[];
  conditionalFormats: ConditionalFormatSpec[];
  protect: boolean;
  merges: string[];
  columnWidths: Map<number, { width: number; hidden: boolean }>;
  rowHeights: Map<number, { height: number; hidden: boolean }>;
  freeze?: { rows: number; columns: number };
  charts: ChartSpec[];
  tabColor?: string;
  spec?: SheetSpec;
}

export type EditResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason: 'protected' | 'validation';
      readonly title: string;
      readonly message: string;
    };

export interface CellView {
  readonly value: CellValue;
  readonly formula?: string;
  readonly numberFormat: string;
  readonly style?: CellStyle;
  /** Fill, font colour and number format after conditional formats. */
  readonly fill?: string;
  readonly fontColor?: string;
  readonly bold?: boolean;
  readonly locked: boolean;
  readonly hyperlink?: HyperlinkSpec;
}

/** Formats, links and sizes are kept by 1-based row and column (grid/address); only the engine counts from 0. */
const key = (row: number, column: number) => `${row},${column}`;
/** HyperFormula's address of a cell: 0-based row and column. */
const engineAt = (sheet: number, cell: CellRef) => ({ sheet, row: cell.row - 1, col: cell.column - 1 });

const PROTECTED_MESSAGE = {
  title: '单元格受保护 / Cell is protected',
  message:
    '您试图更改的单元格在受保护的工作表中。请在黄色的填报单元格中填写。/ The cell is on a protected sheet; type in the yellow input cells.',
};
const DEFAULT_ALERT = {
  title: '输入值无效 / Invalid value',
  message:
    '此值与此单元格定义的数据验证限制不匹配。/ This value does not match the data validation restrictions defined for this cell.',
};

export interface MemoryWorkbookOptions {
  /** How custom functions see a blank cell: 'null' as on the web (default), 'zero' as on Windows desktop. */
  readonly blankAs?: BlankAs;
}

export class MemoryWorkbook implements WorkbookPort {
  readonly engine: HyperFormula;
  private readonly meta = new Map<number, SheetMeta>();
  private order: number[] = [];
  private readonly listeners = new Set<(e: ChangeEvent) => void>();
  private readonly viewListeners = new Set<() => void>();
  active: { sheet: string; cell: string } | undefined;

  constructor(options: MemoryWorkbookOptions = {}) {
    registerKpiFunctions();
    kpiEngineSettings.blankAs = options.blankAs ?? 'null';
    this.engine = HyperFormula.buildEmpty({
      licenseKey: 'gpl-v3',
      smartRounding: false,
      maxRows: 100_000,
      maxColumns: 200,
    });
  }

  // ---- the port ----

  async listSheets(): Promise<readonly SheetInfo[]> {
    return this.order.map((id, position) => {
      const name = this.engine.getSheetName(id) ?? '';
      const { marker, damaged } = this.listedMarker(id);
      return {
        name,
        position,
        visible: true,
        ...(marker ? { marker } : {}),
        ...(damaged ? { damagedMarker: damaged } : {}),
      };
    });
  }

  async readSheets(names: readonly string[], options: ReadOptions = {}): Promise<readonly SheetData[]> {
    return names.map((name) => {
      const lean = leanReadOf(options, name);
      if (!lean) return this.readOne(name, options, true);
      const read =
        lean.depth === 'marker'
          ? {
              name,
              values: this.readOne(name, {}, false)
                .values.slice(0, MARKER_ROWS)
                .map((row) => [row[0] ?? null]),
            }
          : this.readOne(name, leanOptions(options), false);
      // As Excel's adapter: a sheet whose marker does not claim the type its name suggested is read in full.
      return leanClaimed(read.values, lean) ? read : this.readOne(name, options, true);
    });
  }

  private readOne(name: string, options: ReadOptions, withMerges: boolean): SheetData {
    const id = this.sheetId(name);
    const raw = this.engine.getSheetValues(id);
    // A rectangle, as Excel's used range is (the engine trims trailing empty cells of each row).
    const width = raw.reduce((w, row) => Math.max(w, row.length), 0);
    const values = raw.map((row) => Array.from({ length: width }, (_, c) => toCellValue(row[c] ?? null)));
    const data: SheetData = { name, values };
    const f = options.formulas ? this.engine.getSheetFormulas(id) : undefined;
    const formulas = f ? values.map((row, r) => row.map((_, c) => f[r]?.[c] ?? null)) : undefined; // same shape as values
    const meta = this.metaOf(id);
    const numberFormats = options.numberFormats
      ? values.map((row, r) => row.map((_, c) => meta.styles.get(key(r + 1, c + 1))?.numberFormat ?? 'General'))
      : undefined;
    // Merged areas as Excel's adapter returns them: with every read, when there are any and they are wanted.
    const merges = meta.merges.length > 0 && withMerges ? { merges: [...meta.merges] } : {};
    return { ...data, ...(formulas ? { formulas } : {}), ...(numberFormats ? { numberFormats } : {}), ...merges };
  }

  async readAllSheets(options: ReadOptions = {}): Promise<readonly SheetData[]> {
    return this.readSheets(this.sheetNames(), options);
  }

  async writeSheet(spec: SheetSpec, options: WriteOptions = {}): Promise<void> {
    const existing = this.engine.getSheetId(spec.name);
    let id: number;
    if (existing !== undefined) {
      if (!options.replace) throw new PortError('nameClash', spec.name);
      this.engine.clearSheet(existing);
      id = existing;
    } else {
      const added = this.engine.addSheet(spec.name);
      id = this.sheetId(added);
      this.order.push(id);
    }
    const meta: SheetMeta = {
      styles: new Map(),
      hyperlinks: new Map(),
      validations: [...(spec.validations ?? [])],
      conditionalFormats: [...(spec.conditionalFormats ?? [])],
      protect: spec.protect ?? false,
      merges: [...(spec.merges ?? [])],
      columnWidths: new Map(
        (spec.columnWidths ?? []).map((w) => [columnNumber(w.column), { width: w.width, hidden: w.hidden ?? false }]),
      ),
      rowHeights: new Map((spec.rowHeights ?? []).map((h) => [h.row, { height: h.height, hidden: h.hidden ?? false }])),
      charts: [...(spec.charts ?? [])],
      spec,
      ...(spec.marker ? { marker: spec.marker } : {}),
      ...(spec.freeze ? { freeze: spec.freeze } : {}),
      ...(spec.tabColor ? { tabColor: spec.tabColor } : {}),
    };
    this.meta.set(id, meta);
    this.engine.batch(() => {
      for (const block of spec.blocks) {
        const at = parseCell(block.at);
        const contents: RawCellContent[][] = block.rows.map((row) =>
          row.map((cell) =>
            cell ? toEngineContent(cell.formula ?? cell.value ?? null, cell.formula !== undefined) : null,
          ),
        );
        block.rows.forEach((row, r) =>
          row.forEach((cell, c) => {
            if (!cell) return;
            const style = cell.style ? spec.styles[cell.style] : undefined;
            const numberFormat = cell.numberFormat ?? style?.numberFormat;
            if (style || numberFormat)
              meta.styles.set(key(at.row + r, at.column + c), { ...style, ...(numberFormat ? { numberFormat } : {}) });
            if (cell.hyperlink) meta.hyperlinks.set(key(at.row + r, at.column + c), cell.hyperlink);
          }),
        );
        // null entries of a block leave cells untouched: write row segments of non-null cells
        contents.forEach((row, r) => {
          let c = 0;
          while (c < row.length) {
            if (block.rows[r]?.[c] === null) {
              c++;
              continue;
            }
            let end = c;
            while (end < row.length && block.rows[r]?.[end] !== null) end++;
            this.engine.setCellContents(engineAt(id, { row: at.row + r, column: at.column + c }), [row.slice(c, end)]);
            c = end;
          }
        });
      }
      if (spec.marker) {
        this.engine.setCellContents(engineAt(id, parseCell(MARKER_CELL)), [
          [toEngineContent(encodeMarker(spec.marker), false)],
        ]);
      }
    });
    this.emit({ sheet: spec.name, address: 'A1' });
    if (options.activate || options.select) await this.activate(spec.name, options.select);
  }

  async writeSheets(specs: readonly SheetSpec[], options: WriteOptions = {}): Promise<void> {
    for (const spec of specs) await this.writeSheet(spec, { replace: options.replace ?? true });
    const target = options.select ? specs[0]?.name : options.activate ? specs[0]?.name : undefined;
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

  async deleteSheet(name: string): Promise<void> {
    const id = this.sheetId(name);
    const at = this.order.indexOf(id);
    this.engine.removeSheet(id);
    this.meta.delete(id);
    this.order = this.order.filter((x) => x !== id);
    // As Excel does: the deleted sheet's neighbour becomes active.
    if (this.active?.sheet === name) {
      const next = this.order[Math.min(at, this.order.length - 1)];
      const nextName = next === undefined ? undefined : this.engine.getSheetName(next);
      this.active = nextName === undefined ? undefined : { sheet: nextName, cell: 'A1' };
    }
    this.viewListeners.forEach((l) => l());
  }

  async writeCells(cells: readonly CellWrite[]): Promise<void> {
    for (const c of cells) {
      const id = this.sheetId(c.sheet);
      const ref = parseCell(c.address);
      if (this.isLocked(id, ref)) throw new PortError('sheetProtected', `${c.sheet}!${c.address}`);
    }
    this.engine.batch(() => {
      for (const c of cells) {
        const id = this.sheetId(c.sheet);
        const ref = parseCell(c.address);
        this.engine.setCellContents(engineAt(id, ref), [[toEngineContent(c.value, false)]]);
        if (c.numberFormat !== undefined) {
          const styles = this.metaOf(id).styles;
          const at = key(ref.row, ref.column);
          styles.set(at, { ...styles.get(at), numberFormat: c.numberFormat });
        }
      }
    });
    for (const c of cells) this.emit({ sheet: c.sheet, address: c.address });
  }

  async activate(sheet: string, select?: string): Promise<void> {
    this.sheetId(sheet);
    this.active = { sheet, cell: select ?? 'A1' };
    this.viewListeners.forEach((l) => l());
  }

  /** Code writes are reported: in the preview they stand in for a person's paste (port.ts). */
  ownWritesInChangeEvents(): OwnWritesInChangeEvents {
    return 'reported';
  }

  async onChange(listener: (e: ChangeEvent) => void): Promise<Unsubscribe> {
    this.listeners.add(listener);
    return async () => {
      this.listeners.delete(listener);
    };
  }

  // ---- what the preview's spreadsheet view needs ----

  /** Called after any change, for views that re-render. */
  subscribeView(listener: () => void): () => void {
    this.viewListeners.add(listener);
    return () => this.viewListeners.delete(listener);
  }

  sheetNames(): string[] {
    return this.order.map((id) => this.engine.getSheetName(id) ?? '');
  }

  dimensions(sheet: string): { rows: number; cols: number } {
    const d = this.engine.getSheetDimensions(this.sheetId(sheet));
    return { rows: d.height, cols: d.width };
  }

  sheetMeta(
    sheet: string,
  ): Readonly<
    Pick<
      SheetMeta,
      | 'merges'
      | 'columnWidths'
      | 'rowHeights'
      | 'freeze'
      | 'charts'
      | 'protect'
      | 'validations'
      | 'conditionalFormats'
      | 'tabColor'
    >
  > {
    return this.metaOf(this.sheetId(sheet));
  }

  cellView(sheet: string, address: string | CellRef): CellView {
    const id = this.sheetId(sheet);
    const ref = typeof address === 'string' ? parseCell(address) : address;
    const meta = this.metaOf(id);
    const at = engineAt(id, ref);
    const value = toCellValue(this.engine.getCellValue(at));
    const formula = this.engine.getCellFormula(at);
    const style = meta.styles.get(key(ref.row, ref.column));
    let numberFormat = style?.numberFormat ?? 'General';
    let fill = style?.fill;
    let fontColor = style?.font?.color;
    let bold = style?.font?.bold;
    for (const cf of meta.conditionalFormats) {
      if (!parseRanges(cf.range).some((r) => contains(r, ref))) continue;
      if (!this.conditionHolds(id, cf, ref, value)) continue;
      if (cf.format.fill) fill = cf.format.fill;
      if (cf.format.fontColor) fontColor = cf.format.fontColor;
      if (cf.format.bold !== undefined) bold = cf.format.bold;
      if (cf.format.numberFormat) numberFormat = cf.format.numberFormat;
      if (cf.stopIfTrue) break;
    }
    const hyperlink = meta.hyperlinks.get(key(ref.row, ref.column));
    return {
      value,
      numberFormat,
      locked: this.isLocked(id, ref),
      ...(formula ? { formula } : {}),
      ...(style ? { style } : {}),
      ...(fill ? { fill } : {}),
      ...(fontColor ? { fontColor } : {}),
      ...(bold !== undefined ? { bold } : {}),
      ...(hyperlink ? { hyperlink } : {}),
    };
  }

  /** The data-validation prompt of a cell, shown when it is selected (as Excel's input message). */
  promptFor(sheet: string, address: string): { title: string; message: string } | undefined {
    const ref = parseCell(address);
    return this.validationsAt(this.sheetId(sheet), ref).find((v) => v.prompt)?.prompt;
  }

  /**
   * A person typing `input` into a cell: parsed as Excel parses typing (=formula, number, 10%, TRUE, text), and
   * refused where Excel would refuse it.
   */
  userEdit(sheet: string, address: string, input: string): EditResult {
    const id = this.sheetId(sheet);
    const ref = parseCell(address);
    if (this.isLocked(id, ref)) return { ok: false, reason: 'protected', ...PROTECTED_MESSAGE };
    const parsed = parseTyped(input);
    // As Excel does, a formula typed in is judged by its result (=120+35 is 155), not by its text.
    const judged = isFormula(parsed) ? { ...parsed, value: this.resultOf(id, parsed.raw.trim()) } : parsed;
    for (const v of this.validationsAt(id, ref)) {
      if (!this.passes(id, v, judged)) {
        const alert = v.errorAlert ?? { style: 'stop' as const, ...DEFAULT_ALERT };
        if (alert.style === 'stop')
          return { ok: false, reason: 'validation', title: alert.title, message: alert.message };
      }
    }
    this.engine.setCellContents(engineAt(id, ref), [[parsed.content]]);
    // As Excel does: a percentage typed into a General cell gives it a percent format; another format is kept.
    if (parsed.percent) {
      const styles = this.metaOf(id).styles;
      const at = key(ref.row, ref.column);
      const style = styles.get(at);
      if ((style?.numberFormat ?? 'General') === 'General')
        styles.set(at, { ...style, numberFormat: /\./.test(input) ? '0.00%' : '0%' });
    }
    this.emit({ sheet, address: cellAddress(ref.column, ref.row) });
    return { ok: true };
  }

  /**
   * A user merges cells (合并后居中), as Excel does it: the top-left value is kept, the others cleared. Refused on a
   * protected sheet, as Excel refuses to format its cells (staff unprotect the add-in's sheets first: userUnprotect).
   */
  userMerge(sheet: string, range: string): EditResult {
    const id = this.sheetId(sheet);
    const meta = this.metaOf(id);
    if (meta.protect) return { ok: false, reason: 'protected', ...PROTECTED_MESSAGE };
    const r = parseRange(range);
    for (let row = r.start.row; row <= r.end.row; row++)
      for (let column = r.start.column; column <= r.end.column; column++)
        if (row !== r.start.row || column !== r.start.column)
          this.engine.setCellContents(engineAt(id, { row, column }), [[null]]);
    meta.merges.push(rangeAddress(r));
    this.emit({ sheet, address: rangeAddress(r) });
    return { ok: true };
  }

  /** A user unprotects a sheet (the add-in protects its templates without a password). */
  userUnprotect(sheet: string): void {
    this.metaOf(this.sheetId(sheet)).protect = false;
    this.viewListeners.forEach((l) => l());
  }

  /** Renames a sheet (markers, not names, identify the add-in's sheets). */
  async renameSheet(from: string, to: string): Promise<void> {
    const id = this.sheetId(from);
    const taken = this.engine.getSheetId(to);
    if (taken !== undefined && taken !== id) throw new PortError('nameClash', to);
    if (sanitizeSheetName(to) !== to) throw new PortError('nameClash', to);
    this.engine.renameSheet(id, to);
    if (this.active?.sheet === from) this.active = { ...this.active, sheet: to };
    this.viewListeners.forEach((l) => l());
  }

  /** Moves a sheet tab to a new 0-based position. */
  moveSheet(name: string, position: number): void {
    const id = this.sheetId(name);
    this.order = this.order.filter((x) => x !== id);
    this.order.splice(Math.max(0, Math.min(position, this.order.length)), 0, id);
    this.viewListeners.forEach((l) => l());
  }

  /** Inserts empty rows before the 1-based `row` (formats below move down with their cells). */
  insertRows(sheet: string, row: number, count = 1): void {
    const id = this.sheetId(sheet);
    this.engine.addRows(id, [row - 1, count]);
    const meta = this.metaOf(id);
    meta.styles = shiftKeys(meta.styles, (r, c) => (r >= row ? [r + count, c] : [r, c]));
    meta.hyperlinks = shiftKeys(meta.hyperlinks, (r, c) => (r >= row ? [r + count, c] : [r, c]));
    meta.rowHeights = new Map([...meta.rowHeights].map(([r, h]) => [r >= row ? r + count : r, h]));
    meta.merges = meta.merges.map((m) => shiftArea(m, (r, c) => [r >= row ? r + count : r, c]));
    this.emit({ sheet, address: `${row}:${row + count - 1}` });
  }

  /**
   * A user deletes rows `row`…`row + count − 1` (1-based), as Excel does: the rows below move up with their formats;
   * a merged area loses the deleted rows (and is gone when all of its rows are).
   */
  deleteRows(sheet: string, row: number, count = 1): void {
    const id = this.sheetId(sheet);
    this.engine.removeRows(id, [row - 1, count]);
    const meta = this.metaOf(id);
    const last = row + count - 1;
    const up = (r: number): number => (r > last ? r - count : r);
    const kept = <T>(m: Map<string, T>): Map<string, T> =>
      shiftKeys(
        new Map(
          [...m].filter(([k]) => {
            const r = Number(k.split(',')[0]);
            return r < row || r > last;
          }),
        ),
        (r, c) => [up(r), c],
      );
    meta.styles = kept(meta.styles);
    meta.hyperlinks = kept(meta.hyperlinks);
    meta.rowHeights = new Map([...meta.rowHeights].filter(([r]) => r < row || r > last).map(([r, h]) => [up(r), h]));
    meta.merges = meta.merges.flatMap((m) => {
      const a = parseRange(m);
      const top = a.start.row >= row && a.start.row <= last ? row : up(a.start.row);
      const bottom = a.end.row >= row && a.end.row <= last ? row - 1 : up(a.end.row);
      if (bottom < top) return [];
      const area = rangeAddress({
        start: { row: top, column: a.start.column },
        end: { row: bottom, column: a.end.column },
      });
      return area.includes(':') ? [area] : [];
    });
    this.emit({ sheet, address: `${row}:${last}` });
  }

  /** Inserts empty columns before the 1-based `column` (formats to its right move with their cells). */
  insertColumns(sheet: string, column: number, count = 1): void {
    const id = this.sheetId(sheet);
    this.engine.addColumns(id, [column - 1, count]);
    const meta = this.metaOf(id);
    meta.styles = shiftKeys(meta.styles, (r, c) => (c >= column ? [r, c + count] : [r, c]));
    meta.hyperlinks = shiftKeys(meta.hyperlinks, (r, c) => (c >= column ? [r, c + count] : [r, c]));
    meta.columnWidths = new Map([...meta.columnWidths].map(([c, w]) => [c >= column ? c + count : c, w]));
    meta.merges = meta.merges.map((m) => shiftArea(m, (r, c) => [r, c >= column ? c + count : c]));
    this.emit({ sheet, address: `${columnLetters(column)}:${columnLetters(column + count - 1)}` });
  }

  // ---- internals ----

  private sheetId(name: string): number {
    const id = this.engine.getSheetId(name);
    if (id === undefined) throw new PortError('sheetMissing', name);
    return id;
  }

  private metaOf(id: number): SheetMeta {
    let m = this.meta.get(id);
    if (!m) {
      m = {
        styles: new Map(),
        hyperlinks: new Map(),
        validations: [],
        conditionalFormats: [],
        protect: false,
        merges: [],
        columnWidths: new Map(),
        rowHeights: new Map(),
        charts: [],
      };
      this.meta.set(id, m);
    }
    return m;
  }

  /** What a listing shows of a sheet's marker: column A, rows 1–20, as the Excel adapter reads it. */
  private listedMarker(id: number): ListedMarker {
    return listedMarker(
      Array.from({ length: MARKER_ROWS }, (_, row) => this.engine.getCellValue({ sheet: id, row, col: 0 })),
    );
  }

  private isLocked(id: number, ref: CellRef): boolean {
    const meta = this.metaOf(id);
    if (!meta.protect) return false;
    return meta.styles.get(key(ref.row, ref.column))?.locked !== false;
  }

  private validationsAt(id: number, ref: CellRef): ValidationSpec[] {
    return this.metaOf(id).validations.filter((v) => parseRanges(v.range).some((r) => contains(r, ref)));
  }

  private passes(id: number, v: ValidationSpec, typed: Typed): boolean {
    if (typed.value === null) return v.allowBlank;
    const rule = v.rule;
    switch (rule.type) {
      case 'decimal':
      case 'wholeNumber': {
        if (typeof typed.value !== 'number') return false;
        if (rule.type === 'wholeNumber' && !Number.isInteger(typed.value)) return false;
        const a = this.operand(id, rule.formula1);
        const b = rule.formula2 === undefined ? Number.NaN : this.operand(id, rule.formula2);
        return compare(rule.operator, typed.value, a, b);
      }
      case 'list': {
        const shown = typeof typed.value === 'number' ? typed.value : String(typed.value);
        return rule.source.some((s) => {
          const p = parseTyped(s).value;
          return (
            p === shown ||
            (typeof p === 'number' && typeof shown === 'number' && Math.abs(p - shown) < 1e-12) ||
            s === input(typed)
          );
        });
      }
      case 'textLength':
        return String(typed.value).length <= rule.formula1;
      case 'custom': {
        const r = this.engine.calculateFormula(rule.formula, id);
        return r === true || (typeof r === 'number' && r !== 0);
      }
    }
  }

  /** A typed formula's result as a data-validation rule sees it: an empty reference is 0, an error its text. */
  private resultOf(id: number, formula: string): Typed['value'] {
    const r = this.engine.calculateFormula(formula, id);
    if (r === null) return 0;
    if (typeof r === 'number' || typeof r === 'string' || typeof r === 'boolean') return r;
    return r instanceof DetailedCellError ? r.value : '#VALUE!';
  }

  private operand(id: number, f: number | string): number {
    if (typeof f === 'number') return f;
    const r = this.engine.calculateFormula(f.startsWith('=') ? f : `=${f}`, id);
    return typeof r === 'number' ? r : Number.NaN;
  }

  private conditionHolds(id: number, cf: ConditionalFormatSpec, ref: CellRef, value: CellValue): boolean {
    const rule = cf.rule;
    if (rule.type === 'cellValue') {
      if (typeof value !== 'number') return false;
      const a = this.operand(id, rule.formula1);
      const b = rule.formula2 === undefined ? Number.NaN : this.operand(id, rule.formula2);
      const op =
        rule.operator === 'greaterThanOrEqual'
          ? 'greaterThanOrEqualTo'
          : rule.operator === 'lessThanOrEqual'
            ? 'lessThanOrEqualTo'
            : rule.operator;
      return compare(op, value, a, b);
    }
    // An expression is written for the range's top-left cell; shift its relative references to this cell.
    const origin = parseRanges(cf.range)[0]?.start ?? ref;
    const shifted = shiftFormula(rule.formula, ref.row - origin.row, ref.column - origin.column);
    const r = this.engine.calculateFormula(shifted.startsWith('=') ? shifted : `=${shifted}`, id);
    return r === true || (typeof r === 'number' && r !== 0);
  }

  private emit(e: ChangeEvent): void {
    this.listeners.forEach((l) => l(e));
    this.viewListeners.forEach((l) => l());
  }
}

interface Typed {
  readonly value: number | string | boolean | null;
  readonly content: RawCellContent;
  readonly raw: string;
  /** Typed as a percentage ("0.6%"). */
  readonly percent?: true;
}

const isFormula = (t: Typed): boolean => typeof t.content === 'string' && t.content.startsWith('=');

function input(t: Typed): string {
  return t.raw;
}

/** How Excel reads typing (en-US): =formula, number, percent, TRUE/FALSE, otherwise text. */
export function parseTyped(raw: string): Typed {
  const s = raw.trim();
  if (s === '') return { value: null, content: null, raw };
  if (s.startsWith('=') && s.length > 1) return { value: s, content: s, raw };
  const num =
    /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(s.replace(/,/g, '')) &&
    /^[+-]?[\d.]/.test(s) &&
    !/,\d{0,2}$|,\d{4,}/.test(s)
      ? Number(s.replace(/,/g, ''))
      : undefined;
  if (num !== undefined && Number.isFinite(num)) return { value: num, content: num, raw };
  const pct = /^([+-]?(\d+(\.\d*)?|\.\d+))%$/.exec(s);
  if (pct) return { value: Number(pct[1]) / 100, content: Number(pct[1]) / 100, raw, percent: true };
  if (/^(true|false)$/i.test(s)) return { value: /^true$/i.test(s), content: /^true$/i.test(s), raw };
  return { value: raw, content: `'${raw}`, raw };
}

function compare(op: string, v: number, a: number, b: number): boolean {
  switch (op) {
    case 'between':
      return v >= a && v <= b;
    case 'notBetween':
      return v < a || v > b;
    case 'equalTo':
      return v === a;
    case 'notEqualTo':
      return v !== a;
    case 'greaterThan':
      return v > a;
    case 'lessThan':
      return v < a;
    case 'greaterThanOrEqualTo':
      return v >= a;
    case 'lessThanOrEqualTo':
      return v <= a;
    default:
      return false;
  }
}

/** Literal strings always stay text (the engine's apostrophe prefix); formulas only where the spec says so. */
function toEngineContent(v: string | number | boolean | null, isFormula: boolean): RawCellContent {
  if (v === null) return null;
  if (typeof v === 'string') return isFormula ? v : `'${v}`;
  return v;
}

function toCellValue(v: unknown): CellValue {
  if (v instanceof DetailedCellError) return { error: v.value };
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return null;
}

/** A merged area after rows or columns were inserted (a row inserted inside it widens it, as in Excel). */
function shiftArea(area: string, f: (r: number, c: number) => [number, number]): string {
  const r = parseRange(area);
  const [top, left] = f(r.start.row, r.start.column);
  const [bottom, right] = f(r.end.row, r.end.column);
  return rangeAddress({ start: { row: top, column: left }, end: { row: bottom, column: right } });
}

function shiftKeys<T>(m: Map<string, T>, f: (r: number, c: number) => [number, number]): Map<string, T> {
  const out = new Map<string, T>();
  for (const [k, v] of m) {
    const [r, c] = k.split(',').map(Number) as [number, number];
    const [nr, nc] = f(r, c);
    out.set(key(nr, nc), v);
  }
  return out;
}

/** Shifts the relative (non-$) A1 references of a formula, ignoring text in quotes. */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  return formula.replace(
    /("[^"]*")|(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\w(])/g,
    (whole, quoted: string | undefined, colAbs: string, col: string, rowAbs: string, row: string) => {
      if (quoted) return quoted;
      const c = colAbs ? col : columnLetters(Math.max(1, columnNumber(col) + dCol));
      const r = rowAbs ? row : String(Math.max(1, Number(row) + dRow));
      return `${colAbs}${c}${rowAbs}${r}`;
    },
  );
}
