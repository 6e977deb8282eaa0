import { parseRange, rangeAddress } from '../../../src/domain/grid/address';

/** A rectangle as Office.js indexes it: 0-based rows and columns (rowIndex, columnIndex), both edges included. */
interface Area {
  readonly start: { readonly row: number; readonly col: number };
  readonly end: { readonly row: number; readonly col: number };
}

function parseArea(address: string): Area {
  const r = parseRange(address.trim());
  return {
    start: { row: r.start.row - 1, col: r.start.column - 1 },
    end: { row: r.end.row - 1, col: r.end.column - 1 },
  };
}

function parseAreas(address: string): Area[] {
  return address.split(',').map(parseArea);
}

function areaAddress(a: Area): string {
  return rangeAddress({
    start: { row: a.start.row + 1, column: a.start.col + 1 },
    end: { row: a.end.row + 1, column: a.end.col + 1 },
  });
}
import type { CellValue } from '../../../src/domain/grid/cells';

/**
 * A small recording fake of the Office.js objects the Excel adapter uses, and nothing more. What it does that
 * office-addin-mock does not:
 * - commands are queued and run only at `context.sync()`, which is counted, with the request and response size of
 *   each batch (a batch over 5 MB is refused, as Excel on the web refuses it; sizes as in COMMAND_BYTES);
 * - reading a property that was not loaded, or before the sync that loads it, throws PropertyNotLoaded;
 * - a string written to `values` is read as Excel reads typed input ("=1+1" becomes a formula, "007" the number 7)
 *   unless the cell's number format is "@", so the adapter's text handling is really tested;
 * - writes to locked cells of a protected sheet, and format changes on it, fail with AccessDenied;
 * - members newer than the fake's ExcelApi version fail with ApiNotFound, as on an older Excel;
 * - a proxy got by getItem / getItemOrNullObject is looked up where it is created, as Office.js queues an
 *   instantiate action there: a missing sheet, table or chart fails the batch at that point;
 * - every command is logged as "Sheet!A1:B2.member=value", in order.
 * It is handed to the adapter as `typeof Excel.run`; the objects are duck-typed, not the real classes.
 */

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/**
 * What a command adds to the request besides its value: actions, object paths, ids. Calibrated on the request
 * body the Office.js runtime builds (officeJsPayload.test.ts: ≈ 290 bytes for a one-range operation, ≈ 230 per
 * property set of a border), so that the fake refuses about what Excel on the web would refuse.
 */
export const COMMAND_BYTES = 250;

/**
 * The Office.js members this fake models, checked against @types/office-js: a misspelt or renamed member fails the
 * type check here instead of passing silently in a duck-typed fake.
 */
export const MODELLED_MEMBERS = {
  workbook: ['worksheets', 'getActiveCell'] satisfies (keyof Excel.Workbook)[],
  worksheets: [
    'getItem',
    'getItemOrNullObject',
    'getActiveWorksheet',
    'add',
    'load',
    'items',
    'onChanged',
  ] satisfies (keyof Excel.WorksheetCollection)[],
  worksheet: [
    'name',
    'position',
    'visibility',
    'tabColor',
    'load',
    'activate',
    'delete',
    'getRange',
    'getRanges',
    'getUsedRange',
    'getUsedRangeOrNullObject',
    'protection',
    'freezePanes',
    'pageLayout',
    'tables',
    'charts',
    'isNullObject',
  ] satisfies (keyof Excel.Worksheet)[],
  range: [
    'values',
    'formulas',
    'numberFormat',
    'valueTypes',
    'rowIndex',
    'columnIndex',
    'rowCount',
    'columnCount',
    'isNullObject',
    'load',
    'format',
    'rowHidden',
    'columnHidden',
    'hyperlink',
    'merge',
    'unmerge',
    'clear',
    'select',
    'dataValidation',
    'conditionalFormats',
    'getMergedAreasOrNullObject',
    'insert',
    'address',
  ] satisfies (keyof Excel.Range)[],
  rangeAreas: ['format', 'address', 'isNullObject', 'load'] satisfies (keyof Excel.RangeAreas)[],
  format: [
    'fill',
    'font',
    'protection',
    'borders',
    'columnWidth',
    'rowHeight',
    'horizontalAlignment',
    'verticalAlignment',
    'wrapText',
    'useStandardWidth',
    'useStandardHeight',
  ] satisfies (keyof Excel.RangeFormat)[],
  font: ['bold', 'italic', 'color', 'size', 'name'] satisfies (keyof Excel.RangeFont)[],
  border: ['style', 'color', 'weight'] satisfies (keyof Excel.RangeBorder)[],
  dataValidation: [
    'rule',
    'ignoreBlanks',
    'prompt',
    'errorAlert',
    'clear',
    'load',
    'type',
  ] satisfies (keyof Excel.DataValidation)[],
  conditionalFormats: ['add', 'clearAll', 'getCount'] satisfies (keyof Excel.ConditionalFormatCollection)[],
  conditionalFormat: ['cellValue', 'custom', 'stopIfTrue'] satisfies (keyof Excel.ConditionalFormat)[],
  conditionalRangeFormat: ['fill', 'font', 'numberFormat'] satisfies (keyof Excel.ConditionalRangeFormat)[],
  protection: ['protect', 'unprotect', 'load', 'protected'] satisfies (keyof Excel.WorksheetProtection)[],
  freezePanes: ['freezeAt', 'freezeRows', 'freezeColumns', 'unfreeze'] satisfies (keyof Excel.WorksheetFreezePanes)[],
  pageLayout: [
    'orientation',
    'paperSize',
    'zoom',
    'centerHorizontally',
    'setPrintTitleRows',
  ] satisfies (keyof Excel.PageLayout)[],
  tables: ['add', 'getItem', 'load', 'items'] satisfies (keyof Excel.TableCollection)[],
  table: ['name', 'style', 'delete'] satisfies (keyof Excel.Table)[],
  charts: ['add', 'getItem', 'load', 'items'] satisfies (keyof Excel.ChartCollection)[],
  chart: ['name', 'title', 'setPosition', 'delete', 'series'] satisfies (keyof Excel.Chart)[],
  chartSeries: ['getItemAt'] satisfies (keyof Excel.ChartSeriesCollection)[],
  chartSeriesFill: ['setSolidColor'] satisfies (keyof Excel.ChartFill)[],
  changedEvent: [
    'worksheetId',
    'address',
    'changeType',
    'source',
    'type',
    'triggerSource',
  ] satisfies (keyof Excel.WorksheetChangedEventArgs)[],
};
const MAX_ROW = 1_048_575;
const MAX_COL = 16_383;

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

export interface FakeCall {
  readonly batch: number;
  readonly text: string;
}

export interface FakeBatch {
  readonly commands: number;
  readonly requestBytes: number;
  readonly responseBytes: number;
  readonly failed?: string;
}

interface Cell {
  value: string | number | boolean | null;
  formula?: string;
  error?: string;
  numberFormat: string;
}

export type Seed = CellValue | { readonly formula: string; readonly value: string | number | boolean | null };

interface FormatWrite {
  readonly area: Area;
  readonly path: string;
  readonly value: unknown;
}

interface TableModel {
  name: string;
  address: string;
  style?: string;
}

interface ChartModel {
  name?: string;
  type: unknown;
  source: string;
  seriesBy: unknown;
  title?: unknown;
  position?: string;
  seriesColors?: unknown[];
}

/** One worksheet's state, inspected by tests. */
export class FakeSheet {
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  readonly cells = new Map<string, Cell>();
  readonly formats: FormatWrite[] = [];
  isProtected = false;
  tabColor = '';
  freeze: string | undefined;
  merges: string[] = [];
  validations: { address: string; [key: string]: unknown }[] = [];
  conditionalFormats: { address: string; type: string; props: Record<string, unknown> }[] = [];
  readonly hyperlinks = new Map<string, unknown>();
  tables: TableModel[] = [];
  charts: ChartModel[] = [];
  readonly pageLayout: Record<string, unknown> = {};

  constructor(
    readonly id: string,
    public name: string,
    public position: number,
  ) {}

  cell(address: string): Readonly<Cell> {
    const { start } = parseArea(address);
    return this.cells.get(`${start.row},${start.col}`) ?? { value: null, numberFormat: 'General' };
  }

  /** The last value written to a format path (e.g. "fill.color", "protection.locked") covering a cell. */
  formatAt(address: string, path: string): unknown {
    const { start } = parseArea(address);
    let found: unknown;
    for (const f of this.formats) if (f.path === path && inside(f.area, start.row, start.col)) found = f.value;
    return found;
  }

  isLocked(row: number, col: number): boolean {
    let locked = true;
    for (const f of this.formats)
      if (f.path === 'protection.locked' && inside(f.area, row, col)) locked = f.value !== false;
    return locked;
  }
}

function inside(a: Area, row: number, col: number): boolean {
  return row >= a.start.row && row <= a.end.row && col >= a.start.col && col <= a.end.col;
}

function overlaps(a: Area, b: Area): boolean {
  return a.start.row <= b.end.row && b.start.row <= a.end.row && a.start.col <= b.end.col && b.start.col <= a.end.col;
}

/** "1.17" → 17: requirement sets compare by their minor number (1.9 < 1.17). */
function minor(version: string): number {
  return Number(version.split('.')[1] ?? 0);
}

function utf8(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value ?? null), 'utf8');
}

function short(value: unknown): string {
  const json = JSON.stringify(value) ?? 'undefined';
  return json.length > 160 ? `${json.slice(0, 157)}...` : json;
}

function notLoaded(prop: string): FakeOfficeError {
  return new FakeOfficeError(
    'PropertyNotLoaded',
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

function propertyNames(arg: unknown): string[] {
  const text =
    typeof arg === 'string'
      ? arg
      : Array.isArray(arg)
        ? arg.join(',')
        : typeof arg === 'object' && arg !== null && 'select' in arg
          ? String(arg.select)
          : '';
  return text
    .split(',')
    .map((p) => p.trim().replace(/^items\//, ''))
    .filter((p) => p !== '');
}

/** The ExcelApi version each member needs (from @types/office-js), checked when the command runs. */
const REQUIRES: Readonly<Record<string, string>> = {
  getUsedRangeOrNullObject: '1.4',
  getItemOrNullObject: '1.4',
  merge: '1.2',
  unmerge: '1.2',
  'format.columnWidth': '1.2',
  'format.rowHeight': '1.2',
  rowHidden: '1.2',
  columnHidden: '1.2',
  'format.protection.locked': '1.2',
  protect: '1.2',
  unprotect: '1.2',
  'protection.load': '1.2',
  conditionalFormats: '1.6',
  freezePanes: '1.7',
  tabColor: '1.7',
  hyperlink: '1.7',
  'format.useStandardWidth': '1.7',
  'format.useStandardHeight': '1.7',
  dataValidation: '1.8',
  getRanges: '1.9',
  pageLayout: '1.9',
  onChanged: '1.9',
  getMergedAreasOrNullObject: '1.13',
};

interface Command {
  readonly label: () => string;
  readonly value?: unknown;
  readonly requires?: string;
  /** Runs the command; a load returns its response (size counted) and what to commit once the batch succeeded. */
  readonly apply: () => void | { readonly response: unknown; readonly commit: () => void };
}

type Handler = (args: Record<string, unknown>) => Promise<unknown>;

export interface FakeExcelOptions {
  /** Highest ExcelApi version supported, e.g. "1.7" (default "1.17"). */
  readonly apiVersion?: string;
  /** Largest request or response of one sync, as in Excel on the web; null for none (desktop). */
  readonly payloadLimit?: number | null;
  /**
   * What loading a collection or the protection of a null-object worksheet (getItemOrNullObject of a missing
   * sheet) does. Not documented by Microsoft: 'empty' (default) answers as for a sheet without any, 'refuse'
   * fails the batch with ItemNotFound, so that the adapter's fallback for it is tested too.
   */
  readonly nullObjectChildren?: 'empty' | 'refuse';
  /**
   * Raise worksheets.onChanged after a batch that wrote values or formulas, as Excel does for the add-in's own
   * writes: with triggerSource 'ThisLocalAddin' from ExcelApi 1.14, without one before (default false: the
   * existing tests fire events themselves with fireChanged).
   */
  readonly raiseChangedOnWrites?: boolean;
}

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  readonly log: FakeCall[] = [];
  readonly batches: FakeBatch[] = [];
  readonly handlers = new Set<Handler>();
  active: FakeSheet | undefined;
  selection: string | undefined;
  private readonly failures: { code: string; message: string }[] = [];
  private nextId = 1;
  readonly apiVersion: string;
  readonly payloadLimit: number | null;
  readonly nullObjectChildren: 'empty' | 'refuse';
  readonly raiseChangedOnWrites: boolean;
  /** Value and formula writes of the batch being run (for raiseChangedOnWrites). */
  private written: { readonly sheet: FakeSheet; readonly address: string }[] = [];

  constructor(options: FakeExcelOptions = {}) {
    this.apiVersion = options.apiVersion ?? '1.17';
    this.payloadLimit = options.payloadLimit === undefined ? PAYLOAD_LIMIT : options.payloadLimit;
    this.nullObjectChildren = options.nullObjectChildren ?? 'empty';
    this.raiseChangedOnWrites = options.raiseChangedOnWrites ?? false;
  }

  noteWrite(sheet: FakeSheet, address: string): void {
    this.written.push({ sheet, address });
  }

  get syncs(): number {
    return this.batches.length;
  }

  /** Excel.run: a new context per call, or the context of the given object; leftover commands are synced. */
  readonly run = (async (first: unknown, second?: unknown): Promise<unknown> => {
    const batch = (typeof first === 'function' ? first : second) as (ctx: FakeContext) => Promise<unknown>;
    const context =
      first instanceof FakeContext
        ? first
        : typeof first === 'object' && first !== null && 'context' in first && first.context instanceof FakeContext
          ? first.context
          : new FakeContext(this);
    const result = await batch(context);
    if (context.pending.length > 0) await context.sync();
    return result;
  }) as unknown as typeof Excel.run;

  readonly isSetSupported = (name: string, version: string): boolean =>
    name === 'ExcelApi' && minor(version) <= minor(this.apiVersion);

  addSheet(name: string, rows: readonly (readonly Seed[])[] = [], at = 'A1'): FakeSheet {
    const sheet = this.createSheet(name);
    const origin = parseArea(at).start;
    rows.forEach((row, r) =>
      row.forEach((seed, c) => {
        if (seed === null) return;
        const cell: Cell = { value: null, numberFormat: 'General' };
        if (typeof seed === 'object' && 'formula' in seed)
          Object.assign(cell, { formula: seed.formula, value: seed.value });
        else if (typeof seed === 'object') cell.error = seed.error;
        else cell.value = seed;
        sheet.cells.set(`${origin.row + r},${origin.col + c}`, cell);
      }),
    );
    return sheet;
  }

  /** The user deletes a sheet (the sheets after it move up one position). */
  deleteSheet(name: string): void {
    const s = this.sheet(name);
    this.sheets.splice(this.sheets.indexOf(s), 1);
    for (const other of this.sheets) if (other.position > s.position) other.position--;
    if (this.active === s) this.active = undefined;
  }

  /** The user drags a sheet's tab to another position. */
  moveSheet(name: string, position: number): void {
    const order = [...this.sheets].sort((a, b) => a.position - b.position);
    const s = this.sheet(name);
    order.splice(order.indexOf(s), 1);
    order.splice(position, 0, s);
    order.forEach((sheet, i) => (sheet.position = i));
  }

  /** The sheets' names in tab order. */
  tabs(): string[] {
    return [...this.sheets].sort((a, b) => a.position - b.position).map((s) => s.name);
  }

  sheet(name: string): FakeSheet {
    const s = this.find(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  find(key: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === key.toLowerCase() || s.id === key);
  }

  /** The next `times` syncs fail with `code` before running anything. */
  failNextSyncs(code: string, times = 1, message = code): void {
    for (let i = 0; i < times; i++) this.failures.push({ code, message });
  }

  /** A user's edit: calls the registered worksheets.onChanged handlers. */
  async fireChanged(
    sheetName: string,
    address: string,
    triggerSource: 'Unknown' | 'ThisLocalAddin' = 'Unknown',
  ): Promise<void> {
    const sheet = this.sheet(sheetName);
    await Promise.all(
      [...this.handlers].map((h) =>
        h({
          type: 'WorksheetChanged',
          worksheetId: sheet.id,
          address,
          changeType: 'RangeEdited',
          source: 'Local',
          triggerSource,
        }),
      ),
    );
  }

  /** Log lines matching a pattern (all when omitted). */
  calls(pattern?: RegExp): string[] {
    return this.log.map((c) => c.text).filter((t) => !pattern || pattern.test(t));
  }

  createSheet(name: string): FakeSheet {
    if (this.find(name)) throw new FakeOfficeError('ItemAlreadyExists', `A sheet named ${name} already exists.`);
    const sheet = new FakeSheet(`{${String(this.nextId++).padStart(8, '0')}}`, name, this.sheets.length);
    this.sheets.push(sheet);
    return sheet;
  }

  async execute(context: FakeContext): Promise<void> {
    const commands = context.pending;
    context.pending = [];
    const batch = this.batches.length + 1;
    const requestBytes = commands.reduce((n, c) => n + utf8(c.value) + COMMAND_BYTES, 0);
    await Promise.resolve();
    const failure = this.failures.shift();
    if (failure) {
      this.batches.push({ commands: commands.length, requestBytes, responseBytes: 0, failed: failure.code });
      throw new FakeOfficeError(failure.code, failure.message);
    }
    if (this.payloadLimit !== null && requestBytes > this.payloadLimit) {
      this.batches.push({
        commands: commands.length,
        requestBytes,
        responseBytes: 0,
        failed: 'RequestPayloadSizeLimitExceeded',
      });
      throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
    }
    let responseBytes = 0;
    const commits: (() => void)[] = [];
    this.written = [];
    try {
      for (const command of commands) {
        const name = command.label();
        if (command.requires && !this.isSetSupported('ExcelApi', command.requires))
          throw new FakeOfficeError('ApiNotFound', `${name} needs ExcelApi ${command.requires}`);
        const result = command.apply();
        this.log.push({ batch, text: command.value === undefined ? name : `${name}=${short(command.value)}` });
        if (result && typeof result === 'object' && 'commit' in result) {
          responseBytes += utf8(result.response);
          commits.push(result.commit);
        }
      }
      if (this.payloadLimit !== null && responseBytes > this.payloadLimit)
        throw new FakeOfficeError(
          'ResponsePayloadSizeLimitExceeded',
          'The response payload size has exceeded the limit.',
        );
    } catch (error) {
      this.batches.push({
        commands: commands.length,
        requestBytes,
        responseBytes,
        failed: error instanceof FakeOfficeError ? error.code : 'Error',
      });
      throw error;
    }
    this.batches.push({ commands: commands.length, requestBytes, responseBytes });
    for (const commit of commits) commit();
    if (this.raiseChangedOnWrites) {
      const ownTrigger = minor(this.apiVersion) >= 14 ? { triggerSource: 'ThisLocalAddin' } : {};
      // Asynchronous, as Excel raises events after the request has returned.
      for (const w of this.written)
        for (const h of this.handlers)
          setTimeout(
            () =>
              void h({
                type: 'WorksheetChanged',
                worksheetId: w.sheet.id,
                address: w.address,
                changeType: 'RangeEdited',
                source: 'Local',
                ...ownTrigger,
              }),
            0,
          );
    }
    this.written = [];
  }
}

export class FakeContext {
  pending: Command[] = [];
  readonly workbook: {
    readonly worksheets: FakeWorksheets;
    getActiveCell(): FakeRange;
  };

  constructor(readonly excel: FakeExcel) {
    const worksheets = new FakeWorksheets(this);
    this.workbook = {
      worksheets,
      // The selection as the fake keeps it: the last select() of any sheet, else A1.
      getActiveCell: () => {
        const range = worksheets.getActiveWorksheet().getRange(this.excel.selection ?? 'A1');
        this.queue({ label: () => 'workbook.getActiveCell()', requires: '1.7', apply: () => undefined });
        return range;
      },
    };
  }

  queue(command: Command): void {
    this.pending.push(command);
  }

  sync(): Promise<void> {
    return this.excel.execute(this);
  }
}

/** Loaded-property bookkeeping shared by every proxy. */
class FakeObject {
  protected readonly loaded = new Map<string, unknown>();

  constructor(readonly context: FakeContext) {}

  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw notLoaded(prop);
    return this.loaded.get(prop) as T;
  }
}

class FakeWorksheets extends FakeObject {
  get items(): FakeWorksheet[] {
    return this.read('items');
  }

  getItem(key: string): FakeWorksheet {
    const sheet = new FakeWorksheet(this.context, () => this.context.excel.find(key) ?? null, key);
    this.context.queue({ label: () => `worksheets.getItem(${key})`, apply: () => void sheet.model() });
    return sheet;
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.context.excel.active ?? null, '<active>');
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    // Looked up once, where it is instantiated: a null object stays one for the rest of the batch.
    let found: FakeSheet | null = null;
    const sheet = new FakeWorksheet(this.context, () => found, key, true);
    this.context.queue({
      label: () => `worksheets.getItemOrNullObject(${key})`,
      requires: REQUIRES.getItemOrNullObject,
      apply: () => {
        found = this.context.excel.find(key) ?? null;
        const isNull = found === null;
        // isNullObject comes back with every sync, unasked (as Office.js loads it).
        return { response: isNull, commit: () => sheet.commitLoad([['isNullObject', isNull]]) };
      },
    });
    return sheet;
  }

  add(name: string): FakeWorksheet {
    let created: FakeSheet | null = null;
    this.context.queue({
      label: () => `worksheets.add(${name})`,
      apply: () => void (created = this.context.excel.createSheet(name)),
    });
    return new FakeWorksheet(this.context, () => created, name);
  }

  load(props: unknown): this {
    const names = propertyNames(props);
    this.context.queue({
      label: () => `worksheets.load(${names.join(',')})`,
      apply: () => {
        const sheets = [...this.context.excel.sheets].sort((a, b) => a.position - b.position);
        const items = sheets.map((s) => {
          const proxy = new FakeWorksheet(
            this.context,
            () => (this.context.excel.sheets.includes(s) ? s : null),
            s.name,
          );
          return { proxy, values: names.map((n) => [n, proxy.snapshot(s, n)] as const) };
        });
        return {
          response: items.map((i) => Object.fromEntries(i.values)),
          commit: () => {
            for (const i of items) i.proxy.commitLoad(i.values);
            this.loaded.set(
              'items',
              items.map((i) => i.proxy),
            );
          },
        };
      },
    });
    return this;
  }

  get onChanged(): { add: (handler: Handler) => { context: FakeContext; remove: () => void } } {
    const excel = this.context.excel;
    return {
      add: (handler) => {
        this.context.queue({
          label: () => 'worksheets.onChanged.add',
          requires: REQUIRES.onChanged,
          apply: () => void excel.handlers.add(handler),
        });
        return {
          context: this.context,
          remove: () =>
            this.context.queue({
              label: () => 'worksheets.onChanged.remove',
              apply: () => void excel.handlers.delete(handler),
            }),
        };
      },
    };
  }
}

class FakeWorksheet extends FakeObject {
  constructor(
    context: FakeContext,
    private readonly resolve: () => FakeSheet | null,
    private readonly key: string,
    /** Got by getItemOrNullObject: may be a null object. */
    private readonly orNull = false,
  ) {
    super(context);
  }

  model(): FakeSheet {
    const s = this.resolve();
    if (!s) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist: worksheet ${this.key}`);
    return s;
  }

  /**
   * The sheet whose tables, charts or protection are being loaded; null for a null object when the fake answers
   * such loads as empty (FakeExcelOptions.nullObjectChildren).
   */
  modelForChildLoad(): FakeSheet | null {
    if (!this.orNull || this.resolve() !== null) return this.model();
    if (this.context.excel.nullObjectChildren === 'refuse')
      throw new FakeOfficeError('ItemNotFound', `Loading under a null object (worksheet ${this.key}) is refused.`);
    return null;
  }

  label(): string {
    return this.resolve()?.name ?? this.key;
  }

  snapshot(s: FakeSheet, prop: string): unknown {
    const props: Record<string, unknown> = { name: s.name, position: s.position, visibility: s.visibility, id: s.id };
    if (!(prop in props)) throw new Error(`fake: worksheet property ${prop} not modelled`);
    return props[prop];
  }

  commitLoad(values: readonly (readonly [string, unknown])[]): void {
    for (const [p, v] of values) this.loaded.set(p, v);
  }

  get isNullObject(): boolean {
    return this.orNull ? this.read('isNullObject') : false;
  }
  get name(): string {
    return this.read('name');
  }
  /** Renaming, as Excel checks it: a name in use (ignoring case) or one with []:*?/\\ or over 31 characters fails. */
  set name(to: string) {
    this.command('name', to, (s) => {
      const clash = this.context.excel.find(to);
      if (clash && clash !== s) throw new FakeOfficeError('ItemAlreadyExists', `A sheet named ${to} already exists.`);
      if (to === '' || to.length > 31 || /[[\]:*?/\\]/.test(to))
        throw new FakeOfficeError('InvalidArgument', `The sheet name ${to} is not valid.`);
      s.name = to;
    });
  }
  get position(): number {
    return this.read('position');
  }
  get visibility(): string {
    return this.read('visibility');
  }

  load(props: unknown): this {
    const names = propertyNames(props);
    this.context.queue({
      label: () => `${this.label()}.load(${names.join(',')})`,
      apply: () => {
        // Loading a null object is allowed: nothing comes back but isNullObject.
        if (this.orNull && this.resolve() === null) return { response: null, commit: () => undefined };
        const values = names.map((p) => [p, this.snapshot(this.model(), p)] as const);
        return { response: Object.fromEntries(values), commit: () => this.commitLoad(values) };
      },
    });
    return this;
  }

  set tabColor(color: string) {
    this.command('tabColor', color, (s) => (s.tabColor = color));
  }

  command(member: string, value: unknown, apply: (s: FakeSheet) => void, requires = REQUIRES[member]): void {
    this.context.queue({
      label: () => `${this.label()}.${member}`,
      ...(value === undefined ? {} : { value }),
      ...(requires ? { requires } : {}),
      apply: () => {
        apply(this.model());
      },
    });
  }

  activate(): void {
    this.command('activate()', undefined, (s) => (this.context.excel.active = s));
  }

  /** As Excel: the sheets after it move up; when it was active, its neighbour becomes active. */
  delete(): void {
    this.command('delete()', undefined, (s) => {
      const excel = this.context.excel;
      const wasActive = excel.active === s;
      excel.deleteSheet(s.name);
      if (wasActive) {
        const order = [...excel.sheets].sort((a, b) => a.position - b.position);
        excel.active = order[Math.min(s.position, order.length - 1)];
      }
    });
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.context, this, address === undefined ? { whole: true } : { address });
  }

  getRanges(address: string): FakeRangeAreas {
    return new FakeRangeAreas(this.context, this, address);
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    const range = new FakeRange(this.context, this, { used: valuesOnly === true, orNull: true });
    range.resolveUsed('getUsedRangeOrNullObject');
    return range;
  }

  getUsedRange(valuesOnly?: boolean): FakeRange {
    const range = new FakeRange(this.context, this, { used: valuesOnly === true, orNull: false });
    range.resolveUsed('getUsedRange');
    return range;
  }

  get protection(): unknown {
    const loaded = new Map<string, unknown>();
    const protection = {
      protect: (options?: unknown) =>
        this.command(
          'protection.protect',
          options ?? null,
          (s) => {
            if (s.isProtected) throw new FakeOfficeError('InvalidOperation', 'The worksheet is already protected.');
            s.isProtected = true;
          },
          REQUIRES.protect,
        ),
      unprotect: () =>
        this.command('protection.unprotect()', undefined, (s) => (s.isProtected = false), REQUIRES.unprotect),
      load: (props: unknown) => {
        this.context.queue({
          label: () => `${this.label()}.protection.load(${propertyNames(props).join(',')})`,
          requires: REQUIRES['protection.load'],
          apply: () => {
            const value = this.modelForChildLoad()?.isProtected ?? false;
            return { response: value, commit: () => loaded.set('protected', value) };
          },
        });
        return protection;
      },
      get protected(): boolean {
        if (!loaded.has('protected')) throw notLoaded('protected');
        return loaded.get('protected') === true;
      },
    };
    return protection;
  }

  get freezePanes(): unknown {
    const at = (what: string) =>
      this.command(`freezePanes.${what}`, undefined, (s) => (s.freeze = what), REQUIRES.freezePanes);
    return {
      freezeAt: (range: FakeRange) => at(`freezeAt(${range.address0()})`),
      freezeRows: (n: number) => at(`freezeRows(${n})`),
      freezeColumns: (n: number) => at(`freezeColumns(${n})`),
      unfreeze: () =>
        this.command('freezePanes.unfreeze()', undefined, (s) => (s.freeze = undefined), REQUIRES.freezePanes),
    };
  }

  get pageLayout(): unknown {
    const set = (prop: string) => (value: unknown) =>
      this.command(`pageLayout.${prop}`, value, (s) => (s.pageLayout[prop] = value), REQUIRES.pageLayout);
    return Object.assign(
      setters({
        orientation: set('orientation'),
        paperSize: set('paperSize'),
        zoom: set('zoom'),
        centerHorizontally: set('centerHorizontally'),
      }),
      {
        setPrintTitleRows: (rows: FakeRange) => set('printTitleRows')(rows.address0()),
      },
    );
  }

  get tables(): unknown {
    return new FakeItems<TableModel>(
      this,
      'tables',
      (s) => s.tables,
      (at) =>
        Object.assign(
          setters({
            name: (v) => this.command('tables.item.name', v, () => (at().item.name = String(v))),
            style: (v) => this.command('tables.item.style', v, () => (at().item.style = String(v))),
          }),
          {
            delete: () =>
              this.command('tables.item.delete()', undefined, () => removeItem(at().sheet.tables, at().item)),
          },
        ),
      (range, hasHeaders) => {
        if (!(range instanceof FakeRange))
          throw new Error('fake: tables.add takes a Range here (an address would mean the active sheet)');
        return {
          label: `tables.add(${range.address0()},${String(hasHeaders)})`,
          create: (s) => ({ name: `Table${s.tables.length + 1}`, address: range.address0() }),
        };
      },
    );
  }

  get charts(): unknown {
    return new FakeItems<ChartModel>(
      this,
      'charts',
      (s) => s.charts,
      (at) =>
        Object.assign(
          setters({ name: (v) => this.command('charts.item.name', v, () => (at().item.name = String(v))) }),
          {
            title: setters({ text: (v) => this.command('charts.item.title.text', v, () => (at().item.title = v)) }),
            setPosition: (from: FakeRange, to: FakeRange) =>
              this.command(
                'charts.item.setPosition',
                `${from.address0()}:${to.address0()}`,
                () => (at().item.position = `${from.address0()}:${to.address0()}`),
              ),
            delete: () =>
              this.command('charts.item.delete()', undefined, () => removeItem(at().sheet.charts, at().item)),
            series: {
              getItemAt: (i: number) => ({
                format: {
                  fill: {
                    setSolidColor: (color: unknown) =>
                      this.command(`charts.item.series.getItemAt(${i}).format.fill.setSolidColor`, color, () => {
                        const item = at().item;
                        item.seriesColors ??= [];
                        item.seriesColors[i] = color;
                      }),
                  },
                },
              }),
            },
          },
        ),
      (type, source, seriesBy) => {
        if (!(source instanceof FakeRange)) throw new Error('fake: charts.add takes a Range here');
        return {
          label: `charts.add(${String(type)},${source.address0()},${String(seriesBy)})`,
          create: () => ({ type, source: source.address0(), seriesBy }),
        };
      },
    );
  }
}

/** Deleting a table or chart; one already deleted (a stale proxy) is an error, as the object no longer exists. */
function removeItem<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i < 0) throw new FakeOfficeError('ItemNotFound', 'The requested resource does not exist (deleted).');
  list.splice(i, 1);
}

/** An object whose properties can only be set (each setter records a command); reading one throws. */
function setters(props: Readonly<Record<string, (value: unknown) => void>>): object {
  const o = {};
  for (const [name, set] of Object.entries(props)) {
    Object.defineProperty(o, name, {
      configurable: true,
      set,
      get: () => {
        throw notLoaded(name);
      },
    });
  }
  return o;
}

/** Tables and charts of a sheet: add, load('items/name'), items, and the items' setters. */
class FakeItems<T extends { name?: string }> extends FakeObject {
  constructor(
    private readonly ws: FakeWorksheet,
    private readonly member: string,
    private readonly list: (s: FakeSheet) => T[],
    /** The proxy of an item, whose commands find the item (and its sheet) only when they run. */
    private readonly wrap: (item: () => { readonly sheet: FakeSheet; readonly item: T }) => object,
    private readonly adder: (...args: unknown[]) => { label: string; create: (s: FakeSheet) => T },
  ) {
    super(ws.context);
  }

  get items(): object[] {
    return this.read('items');
  }

  add(...args: unknown[]): object {
    const { label, create } = this.adder(...args);
    let added: { sheet: FakeSheet; item: T } | undefined;
    this.ws.command(label, undefined, (sheet) => {
      added = { sheet, item: create(sheet) };
      this.list(sheet).push(added.item);
    });
    return this.wrap(() => {
      if (!added) throw new Error('fake: item used before its add ran');
      return added;
    });
  }

  /** By name (tables: case-insensitive, as Excel's table names; charts: the first of that name). */
  getItem(name: string): object {
    let found: { sheet: FakeSheet; item: T } | undefined;
    this.context.queue({
      label: () => `${this.ws.label()}.${this.member}.getItem(${name})`,
      apply: () => {
        const sheet = this.ws.model();
        const item = this.list(sheet).find((i) =>
          this.member === 'tables' ? i.name?.toLowerCase() === name.toLowerCase() : i.name === name,
        );
        if (!item) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist: ${name}`);
        found = { sheet, item };
      },
    });
    return this.wrap(() => {
      if (!found) throw new Error('fake: item used before its lookup ran');
      return found;
    });
  }

  load(props: unknown): this {
    const names = propertyNames(props);
    this.context.queue({
      label: () => `${this.ws.label()}.${this.member}.load(${names.join(',')})`,
      apply: () => {
        const sheet = this.ws.modelForChildLoad();
        const items = sheet ? [...this.list(sheet)] : [];
        const loadedNames = items.map((i) => i.name ?? '');
        return {
          response: loadedNames,
          commit: () =>
            this.loaded.set(
              'items',
              items.map((item, i) => {
                const proxy = this.wrap(() => ({ sheet: sheet ?? this.ws.model(), item }));
                // A loaded name reads as it was when the batch ran; it can still be set.
                if (names.includes('name')) {
                  const set = Object.getOwnPropertyDescriptor(proxy, 'name')?.set;
                  Object.defineProperty(proxy, 'name', { get: () => loadedNames[i], set, configurable: true });
                }
                return proxy;
              }),
            ),
        };
      },
    });
    return this;
  }
}

type RangeSpec =
  { readonly address: string } | { readonly whole: true } | { readonly used: boolean; readonly orNull: boolean };

/** What Range and RangeAreas share: a sheet, rectangles, and a way to record format writes on them. */
interface FormatOwner {
  readonly context: FakeContext;
  label(): string;
  sheet(): FakeSheet;
  areas(): Area[];
}

function formatObject(owner: FormatOwner): unknown {
  const set = (path: string) => (value: unknown) =>
    owner.context.queue({
      label: () => `${owner.label()}.format.${path}`,
      value,
      ...(REQUIRES[`format.${path}`] ? { requires: REQUIRES[`format.${path}`] } : {}),
      apply: () => {
        const s = owner.sheet();
        if (s.isProtected)
          throw new FakeOfficeError(
            'AccessDenied',
            'The cell or chart you are trying to change is on a protected sheet.',
          );
        for (const area of owner.areas()) s.formats.push({ area, path, value });
      },
    });
  const props = (prefix: string, names: readonly string[]) =>
    setters(Object.fromEntries(names.map((n) => [n, set(`${prefix}${n}`)])));
  return Object.assign(
    props('', [
      'columnWidth',
      'rowHeight',
      'horizontalAlignment',
      'verticalAlignment',
      'wrapText',
      'useStandardWidth',
      'useStandardHeight',
    ]),
    {
      fill: props('fill.', ['color']),
      font: props('font.', ['bold', 'italic', 'color', 'size', 'name']),
      protection: props('protection.', ['locked']),
      borders: { getItem: (index: string) => props(`borders.${index}.`, ['style', 'color', 'weight']) },
    },
  );
}

class FakeRangeAreas implements FormatOwner {
  readonly format: unknown;

  constructor(
    readonly context: FakeContext,
    private readonly ws: FakeWorksheet,
    private readonly address: string,
  ) {
    this.format = formatObject(this);
    context.queue({
      label: () => `${ws.label()}.getRanges(${address})`,
      requires: REQUIRES.getRanges,
      apply: () => void ws.model(),
    });
  }

  label(): string {
    return `${this.ws.label()}!${this.address}`;
  }
  sheet(): FakeSheet {
    return this.ws.model();
  }
  areas(): Area[] {
    return parseAreas(this.address);
  }
}

/** A sheet name as Excel writes it in an address: quoted unless plain letters, digits and underscores. */
function quotedSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** What getMergedAreasOrNullObject returns: a RangeAreas whose `address` and `isNullObject` can be loaded. */
class FakeMergedAreas extends FakeObject {
  private found: Area[] | undefined;

  constructor(
    context: FakeContext,
    private readonly sheetLabel: () => string,
  ) {
    super(context);
  }

  resolve(found: Area[]): void {
    this.found = found;
  }

  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  get address(): string {
    return this.read('address');
  }

  load(props: unknown): this {
    const names = propertyNames(props);
    this.context.queue({
      label: () => `${this.sheetLabel()}.mergedAreas.load(${names.join(',')})`,
      apply: () => {
        const found = this.found ?? [];
        const isNull = found.length === 0;
        const address = found.map((a) => `${quotedSheet(this.sheetLabel())}!${areaAddress(a)}`).join(', ');
        const values: [string, unknown][] = isNull ? [] : names.map((n) => [n, address]);
        return {
          response: isNull ? null : Object.fromEntries(values),
          commit: () => {
            this.loaded.set('isNullObject', isNull);
            for (const [p, v] of values) this.loaded.set(p, v);
          },
        };
      },
    });
    return this;
  }
}

class FakeRange extends FakeObject implements FormatOwner {
  private usedArea: Area | null | undefined;
  private formatProxy: unknown;

  constructor(
    context: FakeContext,
    private readonly ws: FakeWorksheet,
    private readonly spec: RangeSpec,
  ) {
    super(context);
  }

  sheet(): FakeSheet {
    return this.ws.model();
  }

  /** The rectangle, as Excel would resolve it when the command runs. */
  area(): Area {
    if ('address' in this.spec) return parseArea(this.spec.address);
    if ('whole' in this.spec) return { start: { row: 0, col: 0 }, end: { row: MAX_ROW, col: MAX_COL } };
    if (this.usedArea === undefined) throw new Error('fake: used range read before it was resolved');
    if (this.usedArea === null) throw new FakeOfficeError('InvalidOperation', 'The range is a null object.');
    return this.usedArea;
  }

  areas(): Area[] {
    return [this.area()];
  }

  address0(): string {
    return 'address' in this.spec ? this.spec.address : areaAddress(this.area());
  }

  label(): string {
    if ('address' in this.spec) return `${this.ws.label()}!${this.spec.address}`;
    if ('whole' in this.spec) return `${this.ws.label()}!*`;
    return `${this.ws.label()}!<used>`;
  }

  resolveUsed(member: string): void {
    const spec = this.spec;
    if (!('used' in spec)) return;
    this.context.queue({
      label: () => `${this.ws.label()}.${member}(${String(spec.used)})`,
      ...(REQUIRES[member] ? { requires: REQUIRES[member] } : {}),
      apply: () => {
        let top = Infinity;
        let left = Infinity;
        let bottom = -1;
        let right = -1;
        for (const [key, cell] of this.ws.model().cells) {
          if (spec.used && cell.value === null && cell.formula === undefined && cell.error === undefined) continue;
          const [r, c] = key.split(',').map(Number) as [number, number];
          top = Math.min(top, r);
          left = Math.min(left, c);
          bottom = Math.max(bottom, r);
          right = Math.max(right, c);
        }
        const area =
          bottom < 0
            ? spec.orNull
              ? null
              : parseArea('A1')
            : { start: { row: top, col: left }, end: { row: bottom, col: right } };
        this.usedArea = area;
        return { response: null, commit: () => this.loaded.set('isNullObject', area === null) };
      },
    });
  }

  get isNullObject(): boolean {
    return 'used' in this.spec && this.spec.orNull ? this.read('isNullObject') : false;
  }
  get values(): unknown[][] {
    return this.read('values');
  }
  set values(grid: unknown[][]) {
    this.writeGrid('values', grid);
  }
  get formulas(): unknown[][] {
    return this.read('formulas');
  }
  set formulas(grid: unknown[][]) {
    this.writeGrid('formulas', grid);
  }
  get numberFormat(): unknown[][] {
    return this.read('numberFormat');
  }
  set numberFormat(grid: unknown[][]) {
    this.writeGrid('numberFormat', grid);
  }
  get valueTypes(): string[][] {
    return this.read('valueTypes');
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get address(): string {
    return this.read('address');
  }
  get rowHidden(): boolean {
    return this.read('rowHidden');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }

  load(props: unknown): this {
    const names = propertyNames(props);
    this.context.queue({
      label: () => `${this.label()}.load(${names.join(',')})`,
      apply: () => {
        // Loading a null object is allowed: nothing comes back but isNullObject.
        if (this.usedArea === null) return { response: null, commit: () => undefined };
        const values = names.map((p) => [p, this.snapshot(p)] as const);
        return {
          response: Object.fromEntries(values),
          commit: () => values.forEach(([p, v]) => this.loaded.set(p, v)),
        };
      },
    });
    return this;
  }

  private snapshot(prop: string): unknown {
    const a = this.area();
    const s = this.sheet();
    const grid = (f: (cell: Cell | undefined) => unknown): unknown[][] =>
      Array.from({ length: a.end.row - a.start.row + 1 }, (_, i) =>
        Array.from({ length: a.end.col - a.start.col + 1 }, (_, j) =>
          f(s.cells.get(`${a.start.row + i},${a.start.col + j}`)),
        ),
      );
    switch (prop) {
      case 'values':
        return grid((c) => c?.error ?? c?.value ?? '');
      case 'formulas':
        return grid((c) => c?.formula ?? c?.error ?? c?.value ?? '');
      case 'numberFormat':
        return grid((c) => c?.numberFormat ?? 'General');
      case 'valueTypes':
        return grid((c) =>
          c?.error !== undefined
            ? 'Error'
            : c?.value === null || c?.value === undefined || c.value === ''
              ? 'Empty'
              : typeof c.value === 'string'
                ? 'String'
                : typeof c.value === 'boolean'
                  ? 'Boolean'
                  : 'Double',
        );
      case 'address':
        return `'${s.name}'!${areaAddress(a)}`;
      case 'rowHidden': {
        let hidden = false;
        for (const f of s.formats)
          if (f.path === 'rowHidden' && inside(f.area, a.start.row, a.start.col)) hidden = f.value === true;
        return hidden;
      }
      case 'rowIndex':
        return a.start.row;
      case 'columnIndex':
        return a.start.col;
      case 'rowCount':
        return a.end.row - a.start.row + 1;
      case 'columnCount':
        return a.end.col - a.start.col + 1;
      default:
        throw new Error(`fake: range property ${prop} not modelled`);
    }
  }

  private writeGrid(member: 'values' | 'formulas' | 'numberFormat', grid: unknown[][]): void {
    this.context.queue({
      label: () => `${this.label()}.${member}`,
      value: grid,
      apply: () => {
        const a = this.area();
        const s = this.sheet();
        const rows = a.end.row - a.start.row + 1;
        const cols = a.end.col - a.start.col + 1;
        if (grid.length !== rows || grid.some((r) => r.length !== cols))
          throw new FakeOfficeError(
            'InvalidArgument',
            `${member}: the array does not match the size of ${areaAddress(a)}`,
          );
        grid.forEach((row, i) =>
          row.forEach((input, j) => {
            if (input === null) return; // Excel ignores null entries
            const r = a.start.row + i;
            const c = a.start.col + j;
            if (s.isProtected && s.isLocked(r, c))
              throw new FakeOfficeError('AccessDenied', 'The cell you are trying to change is on a protected sheet.');
            const key = `${r},${c}`;
            const cell = s.cells.get(key) ?? { value: null, numberFormat: 'General' };
            s.cells.set(key, cell);
            if (member === 'numberFormat') cell.numberFormat = String(input);
            else typeInto(cell, input, member);
          }),
        );
        if (member !== 'numberFormat') this.context.excel.noteWrite(s, areaAddress(a));
      },
    });
  }

  get format(): unknown {
    this.formatProxy ??= formatObject(this);
    return this.formatProxy;
  }

  set rowHidden(v: boolean) {
    this.queueSheetWrite('rowHidden', v, (s, a) => s.formats.push({ area: a, path: 'rowHidden', value: v }));
  }
  set columnHidden(v: boolean) {
    this.queueSheetWrite('columnHidden', v, (s, a) => s.formats.push({ area: a, path: 'columnHidden', value: v }));
  }

  set hyperlink(link: unknown) {
    this.queueSheetWrite('hyperlink', link, (s, a) => s.hyperlinks.set(areaAddress(a), link));
  }

  /**
   * The merged areas whose top-left cell is in this range (as Excel answers, up to 512 of them: more fail the
   * batch), as a RangeAreas with `address` ("Sheet1!A1:B2, Sheet1!H7:H8"); a null object when there is none.
   */
  getMergedAreasOrNullObject(): FakeMergedAreas {
    const merged = new FakeMergedAreas(this.context, () => this.ws.label());
    this.context.queue({
      label: () => `${this.label()}.getMergedAreasOrNullObject()`,
      requires: REQUIRES.getMergedAreasOrNullObject,
      apply: () => {
        const a = this.area();
        const found = this.sheet()
          .merges.map(parseArea)
          .filter((m) => inside(a, m.start.row, m.start.col));
        if (found.length > 512)
          throw new FakeOfficeError('GeneralException', 'There are more than 512 merged areas in the range.');
        merged.resolve(found);
      },
    });
    return merged;
  }

  merge(across?: boolean): void {
    this.queueSheetWrite('merge', across ?? false, (s, a) => s.merges.push(areaAddress(a)));
  }
  unmerge(): void {
    this.queueSheetWrite(
      'unmerge',
      undefined,
      (s, a) => (s.merges = s.merges.filter((m) => !overlaps(parseArea(m), a))),
    );
  }

  /** Inserting cells shifted down (whole rows, as a person inserts rows): cells and formats below move down. */
  insert(shift: string): void {
    if (shift !== 'Down') throw new Error(`fake: insert(${shift}) not modelled`);
    this.queueSheetWrite('insert', shift, (s, a) => {
      const count = a.end.row - a.start.row + 1;
      const moved = [...s.cells].map(([key, cell]) => {
        const [r, c] = key.split(',').map(Number) as [number, number];
        return [r >= a.start.row && c >= a.start.col && c <= a.end.col ? `${r + count},${c}` : key, cell] as const;
      });
      s.cells.clear();
      for (const [key, cell] of moved) s.cells.set(key, cell);
      const down = (area: Area): Area =>
        area.start.row >= a.start.row
          ? { start: { ...area.start, row: area.start.row + count }, end: { ...area.end, row: area.end.row + count } }
          : area;
      s.formats.splice(0, s.formats.length, ...s.formats.map((f) => ({ ...f, area: down(f.area) })));
    });
  }

  clear(applyTo?: string): void {
    this.queueSheetWrite('clear', applyTo ?? 'All', (s, a) => {
      for (const key of [...s.cells.keys()]) {
        const [r, c] = key.split(',').map(Number) as [number, number];
        if (inside(a, r, c)) s.cells.delete(key);
      }
      s.formats.splice(0, s.formats.length, ...s.formats.filter((f) => !overlaps(f.area, a)));
      for (const h of [...s.hyperlinks.keys()]) if (overlaps(parseArea(h), a)) s.hyperlinks.delete(h);
    });
  }

  select(): void {
    this.queueSheetWrite(
      'select()',
      undefined,
      (_s, a) => (this.context.excel.selection = areaAddress(a)),
      undefined,
      true,
    );
  }

  get dataValidation(): unknown {
    const entry = (s: FakeSheet, a: Area) => {
      const address = areaAddress(a);
      let v = s.validations.find((x) => x.address === address);
      if (!v) s.validations.push((v = { address }));
      return v;
    };
    const set = (prop: string) => (value: unknown) =>
      this.queueSheetWrite(
        `dataValidation.${prop}`,
        value,
        (s, a) => (entry(s, a)[prop] = value),
        REQUIRES.dataValidation,
      );
    const loaded = new Map<string, unknown>();
    const dataValidation: object = Object.assign(
      setters({
        rule: set('rule'),
        ignoreBlanks: set('ignoreBlanks'),
        prompt: set('prompt'),
        errorAlert: set('errorAlert'),
      }),
      {
        /** Only `type`: the kind of the rule covering the range's top-left cell, as Excel names it. */
        load: () => {
          this.context.queue({
            label: () => `${this.label()}.dataValidation.load(type)`,
            requires: REQUIRES.dataValidation,
            apply: () => {
              const a = this.area();
              let type = 'None';
              for (const v of this.sheet().validations)
                if (inside(parseArea(v.address), a.start.row, a.start.col)) {
                  const kind = Object.keys((v.rule ?? {}) as object)[0] ?? 'none';
                  type = kind.charAt(0).toUpperCase() + kind.slice(1);
                }
              return { response: type, commit: () => loaded.set('type', type) };
            },
          });
          return dataValidation;
        },
        clear: () =>
          this.queueSheetWrite(
            'dataValidation.clear()',
            undefined,
            (s, a) => (s.validations = s.validations.filter((x) => !overlaps(parseArea(x.address), a))),
            REQUIRES.dataValidation,
          ),
      },
    );
    Object.defineProperty(dataValidation, 'type', {
      get: () => {
        if (!loaded.has('type')) throw notLoaded('type');
        return loaded.get('type');
      },
    });
    return dataValidation;
  }

  get conditionalFormats(): unknown {
    return {
      add: (type: string) => {
        let record: { address: string; type: string; props: Record<string, unknown> } | undefined;
        this.queueSheetWrite(
          'conditionalFormats.add',
          type,
          (s, a) => s.conditionalFormats.push((record = { address: areaAddress(a), type, props: {} })),
          REQUIRES.conditionalFormats,
        );
        const set = (path: string) => (value: unknown) =>
          this.queueSheetWrite(
            `conditionalFormats.item.${path}`,
            value,
            () => {
              if (!record) throw new Error('fake: conditional format used before its add ran');
              record.props[path] = value;
            },
            REQUIRES.conditionalFormats,
          );
        const format = (prefix: string) =>
          Object.assign(setters({ numberFormat: set(`${prefix}numberFormat`) }), {
            fill: setters({ color: set(`${prefix}fill.color`) }),
            font: setters({ color: set(`${prefix}font.color`), bold: set(`${prefix}font.bold`) }),
          });
        return Object.assign(setters({ stopIfTrue: set('stopIfTrue') }), {
          cellValue: Object.assign(setters({ rule: set('cellValue.rule') }), { format: format('cellValue.format.') }),
          custom: { rule: setters({ formula: set('custom.rule.formula') }), format: format('custom.format.') },
        });
      },
      getCount: () => {
        const result = { value: Number.NaN };
        this.context.queue({
          label: () => `${this.label()}.conditionalFormats.getCount()`,
          requires: REQUIRES.conditionalFormats,
          apply: () => {
            const a = this.area();
            const n = this.sheet().conditionalFormats.filter((x) => overlaps(parseArea(x.address), a)).length;
            return { response: n, commit: () => (result.value = n) };
          },
        });
        return result;
      },
      clearAll: () =>
        this.queueSheetWrite(
          'conditionalFormats.clearAll()',
          undefined,
          (s, a) => (s.conditionalFormats = s.conditionalFormats.filter((x) => !overlaps(parseArea(x.address), a))),
          REQUIRES.conditionalFormats,
        ),
    };
  }

  private queueSheetWrite(
    member: string,
    value: unknown,
    apply: (s: FakeSheet, a: Area) => void,
    requires = REQUIRES[member],
    allowedWhenProtected = false,
  ): void {
    this.context.queue({
      label: () => `${this.label()}.${member}`,
      ...(value === undefined ? {} : { value }),
      ...(requires ? { requires } : {}),
      apply: () => {
        const s = this.sheet();
        if (s.isProtected && !allowedWhenProtected)
          throw new FakeOfficeError(
            'AccessDenied',
            'The cell or chart you are trying to change is on a protected sheet.',
          );
        apply(s, this.area());
      },
    });
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?%?$/i;

/** What Excel makes of typed input in a cell that is not formatted as text. */
function typeInto(cell: Cell, input: unknown, member: 'values' | 'formulas'): void {
  delete cell.formula;
  delete cell.error;
  if (typeof input !== 'string') {
    cell.value = input as number | boolean;
    return;
  }
  if (input === '') cell.value = null;
  else if (cell.numberFormat === '@' && member === 'values') cell.value = input;
  else if (NUMBER.test(input.trim()))
    cell.value = Number(input.trim().replace(/%$/, '')) / (input.trim().endsWith('%') ? 100 : 1);
  else if (/^(true|false)$/i.test(input)) cell.value = input.toLowerCase() === 'true';
  else if (input.startsWith('=') || (/^[+\-@]/.test(input) && input.length > 1)) {
    cell.formula = input.startsWith('=') ? input : `=${input.slice(input.startsWith('@') ? 1 : 0)}`;
    cell.value = null;
  } else cell.value = input;
}
