import { MARKER_CELL, encodeMarker } from '../../domain/grid/ownSheets';
import {
  type BlockSpec,
  type BorderSpec,
  columnPixels,
  type CellSpec,
  type ChartSpec,
  type ConditionalFormatSpec,
  type HyperlinkSpec,
  type SheetSpec,
  type StyleSpec,
  type ValidationSpec,
} from '../../domain/grid/sheetSpec';
import { parseCell, rangeAddress } from '../../domain/grid/address';
import { needsTextFormat } from '../cellText';
import type { Feature } from './features';
import { jsonBytes, type OperationQueue } from './payload';

/**
 * Turns a SheetSpec into queued Office.js operations on one worksheet (see payload.ts for how they are batched).
 * Order: contents (number formats that keep text as text, then values, then formulas, then the marker), then
 * formats, then validation, conditional formats and hyperlinks, then table and charts, then view and print
 * settings, and protection last, after the input cells were unlocked.
 */

export interface Capabilities {
  readonly supports: (feature: Feature) => boolean;
  /** Records that the spec asked for a feature this Excel does not have (reported, not thrown). */
  readonly skip: (feature: Feature) => void;
}

/** A slice of a block is cut when its grids reach this size, so that no single operation is large. */
const SLICE_BYTES = 256 * 1024;
/** Longest RangeAreas address passed to one getRanges call: a cautious bound, as no documented limit was found. */
const AREAS_ADDRESS_CHARS = 2000;

/** A spec's column width in points, as Office.js takes it: its whole pixels (columnPixels) at 0.75 pt each (96 DPI). */
export function charactersToPoints(characters: number): number {
  return columnPixels(characters) * 0.75;
}

/** A rectangle by 1-based rows and columns (grid/address), both edges included. */
interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function rectAddress(top: number, left: number, bottom: number, right: number): string {
  return rangeAddress({ start: { row: top, column: left }, end: { row: bottom, column: right } });
}

interface PendingLink {
  readonly address: string;
  readonly link: HyperlinkSpec;
  readonly text?: string;
}

type FormatTarget = Excel.Range | Excel.RangeAreas;

export function queueSheet(spec: SheetSpec, sheet: Excel.Worksheet, caps: Capabilities, queue: OperationQueue): void {
  const links: PendingLink[] = [];
  const rectsByStyle = new Map<string, Rect[]>();
  for (const block of spec.blocks) queueBlockContents(spec, block, sheet, queue, links, rectsByStyle);
  if (spec.marker) {
    const text = encodeMarker(spec.marker);
    queue.add(jsonBytes(text) + 8, () => {
      const cell = sheet.getRange(MARKER_CELL);
      cell.numberFormat = [['@']];
      cell.values = [[text]];
    });
  }

  // Merged before they are formatted: a fill or border given to cells that are merged afterwards can be lost
  // (OfficeDev/office-js#6405); after the values, so that no value is written into part of a merged area.
  queueMerges(spec, sheet, caps, queue);
  for (const [name, rects] of rectsByStyle) {
    const style = spec.styles[name];
    if (style) queueStyle(style, rects, sheet, caps, queue);
  }
  queueSizes(spec, sheet, caps, queue);
  if (spec.validations?.length) {
    if (caps.supports('dataValidation')) for (const v of spec.validations) queueValidation(v, sheet, queue);
    else caps.skip('dataValidation');
  }
  if (spec.conditionalFormats?.length) {
    if (caps.supports('conditionalFormats'))
      for (const cf of spec.conditionalFormats) queueConditionalFormat(cf, sheet, queue);
    else caps.skip('conditionalFormats');
  }
  if (links.length > 0) {
    if (caps.supports('hyperlinks')) for (const l of links) queueHyperlink(l, sheet, queue);
    else caps.skip('hyperlinks');
  }
  const table = spec.table;
  if (table) {
    queue.add(jsonBytes(table), () => {
      // A Range, not an address string: an address without a sheet would mean the active sheet.
      const t = sheet.tables.add(sheet.getRange(table.range), true);
      t.name = table.name;
      if (table.style) t.style = table.style;
    });
  }
  for (const chart of spec.charts ?? []) queueChart(chart, sheet, queue);
  queueView(spec, sheet, caps, queue);
  if (spec.protect) {
    if (caps.supports('protection')) {
      queue.add(0, () => sheet.protection.protect({ allowFormatColumns: true, allowFormatRows: true }));
    } else caps.skip('protection');
  }
}

/** Contents of one block, cut into row slices; collects its style rectangles and hyperlinks on the way. */
function queueBlockContents(
  spec: SheetSpec,
  block: BlockSpec,
  sheet: Excel.Worksheet,
  queue: OperationQueue,
  links: PendingLink[],
  rectsByStyle: Map<string, Rect[]>,
): void {
  const origin = parseCell(block.at);
  const width = block.rows.reduce((w, r) => Math.max(w, r.length), 0);
  if (width === 0) return;
  const styleRects = new StyleRects(rectsByStyle);
  let slice = new Slice(origin.row, origin.column, width);
  block.rows.forEach((cells, i) => {
    const row = origin.row + i;
    const formats: (string | null)[] = [];
    const values: (string | number | boolean | null)[] = [];
    const formulas: (string | null)[] = [];
    for (let c = 0; c < width; c++) {
      const cell = cells[c] ?? null;
      const content = cellContent(cell, cell?.style ? spec.styles[cell.style] : undefined);
      formats.push(content.format);
      values.push(content.value);
      formulas.push(content.formula);
      if (cell?.hyperlink) {
        const text = typeof cell.value === 'string' && cell.value !== '' && !cell.formula ? cell.value : undefined;
        links.push({
          address: rectAddress(row, origin.column + c, row, origin.column + c),
          link: cell.hyperlink,
          ...(text ? { text } : {}),
        });
      }
    }
    styleRects.addRow(row, origin.column, cells);
    slice.addRow(formats, values, formulas);
    if (slice.bytes >= SLICE_BYTES) {
      slice.queue(sheet, queue);
      slice = new Slice(row + 1, origin.column, width);
    }
  });
  slice.queue(sheet, queue);
  styleRects.closeAll();
}

interface CellContent {
  readonly format: string | null;
  readonly value: string | number | boolean | null;
  readonly formula: string | null;
}

/** `null` everywhere means "leave the cell alone": Excel ignores null entries of a 2-D array it is given. */
function cellContent(cell: CellSpec | null, style: StyleSpec | undefined): CellContent {
  if (!cell) return { format: null, value: null, formula: null };
  const format = cell.numberFormat ?? style?.numberFormat ?? null;
  if (cell.formula !== undefined) return { format, value: null, formula: cell.formula };
  const value = cell.value ?? null;
  if (typeof value === 'number' && !Number.isFinite(value))
    throw new Error(`Sheet spec has a non-finite number: ${value}`);
  if (typeof value === 'string' && needsTextFormat(value)) return { format: '@', value, formula: null };
  return { format, value, formula: null };
}

/** Rows of one block waiting to be written as up to three 2-D arrays on one rectangle. */
class Slice {
  private readonly formats: (string | null)[][] = [];
  private readonly values: (string | number | boolean | null)[][] = [];
  private readonly formulas: (string | null)[][] = [];
  private hasFormats = false;
  private hasValues = false;
  private hasFormulas = false;
  bytes = 0;

  constructor(
    private readonly top: number,
    private readonly left: number,
    private readonly width: number,
  ) {}

  addRow(formats: (string | null)[], values: (string | number | boolean | null)[], formulas: (string | null)[]): void {
    this.formats.push(formats);
    this.values.push(values);
    this.formulas.push(formulas);
    const f = formats.some((x) => x !== null);
    const v = values.some((x) => x !== null);
    const g = formulas.some((x) => x !== null);
    this.hasFormats ||= f;
    this.hasValues ||= v;
    this.hasFormulas ||= g;
    this.bytes += (f ? jsonBytes(formats) : 0) + (v ? jsonBytes(values) : 0) + (g ? jsonBytes(formulas) : 0);
  }

  queue(sheet: Excel.Worksheet, queue: OperationQueue): void {
    if (this.formats.length === 0) return;
    const address = rectAddress(this.top, this.left, this.top + this.formats.length - 1, this.left + this.width - 1);
    let range: Excel.Range | undefined;
    const target = (): Excel.Range => (range ??= sheet.getRange(address));
    const { formats, values, formulas } = this;
    // The "@" number formats go first, so that Excel keeps the strings written next as text.
    if (this.hasFormats) queue.add(jsonBytes(formats), () => (target().numberFormat = formats));
    if (this.hasValues) queue.add(jsonBytes(values), () => (target().values = values));
    if (this.hasFormulas) queue.add(jsonBytes(formulas), () => (target().formulas = formulas));
  }
}

/** Cells of one style merged into few rectangles: runs along each row, then runs repeated on the rows below. */
class StyleRects {
  private readonly open = new Map<string, Rect & { readonly style: string }>();

  constructor(private readonly out: Map<string, Rect[]>) {}

  addRow(row: number, left: number, cells: readonly (CellSpec | null)[]): void {
    const seen = new Set<string>();
    let c = 0;
    while (c < cells.length) {
      const style = cells[c]?.style;
      if (style === undefined) {
        c++;
        continue;
      }
      let end = c;
      while (end + 1 < cells.length && cells[end + 1]?.style === style) end++;
      const key = `${left + c}:${left + end}:${style}`;
      const rect = this.open.get(key);
      if (rect && rect.bottom === row - 1) rect.bottom = row;
      else {
        if (rect) this.close(rect);
        this.open.set(key, { top: row, bottom: row, left: left + c, right: left + end, style });
      }
      seen.add(key);
      c = end + 1;
    }
    for (const [key, rect] of this.open) {
      if (!seen.has(key)) {
        this.close(rect);
        this.open.delete(key);
      }
    }
  }

  closeAll(): void {
    for (const rect of this.open.values()) this.close(rect);
    this.open.clear();
  }

  private close(rect: Rect & { readonly style: string }): void {
    const list = this.out.get(rect.style) ?? [];
    list.push({ top: rect.top, left: rect.left, bottom: rect.bottom, right: rect.right });
    this.out.set(rect.style, list);
  }
}

/** One format proxy per group of rectangles: a RangeAreas where supported (ExcelApi 1.9), else one per rectangle. */
function queueOnRects(
  rects: readonly Rect[],
  sheet: Excel.Worksheet,
  caps: Capabilities,
  queue: OperationQueue,
  bytes: number,
  apply: (target: FormatTarget) => void,
): void {
  const addresses = rects.map((r) => rectAddress(r.top, r.left, r.bottom, r.right));
  if (!caps.supports('rangeAreas')) {
    for (const address of addresses) queue.add(bytes + address.length, () => apply(sheet.getRange(address)));
    return;
  }
  let group: string[] = [];
  let length = 0;
  const flush = (): void => {
    if (group.length === 0) return;
    const joined = group.join(',');
    queue.add(bytes + joined.length, () =>
      apply(group.length === 1 ? sheet.getRange(joined) : sheet.getRanges(joined)),
    );
    group = [];
    length = 0;
  };
  for (const address of addresses) {
    if (length + address.length + 1 > AREAS_ADDRESS_CHARS) flush();
    group.push(address);
    length += address.length + 1;
  }
  flush();
}

const HORIZONTAL = { left: 'Left', center: 'Center', right: 'Right' } as const;
const VERTICAL = { top: 'Top', center: 'Center', bottom: 'Bottom' } as const;
const BORDER_LINE: Readonly<
  Record<
    BorderSpec['style'],
    { style: Excel.BorderLineStyle | 'Continuous' | 'Dash' | 'Dot' | 'Double'; weight: 'Thin' | 'Medium' | 'Thick' }
  >
> = {
  thin: { style: 'Continuous', weight: 'Thin' },
  medium: { style: 'Continuous', weight: 'Medium' },
  thick: { style: 'Continuous', weight: 'Thick' },
  dashed: { style: 'Dash', weight: 'Thin' },
  dotted: { style: 'Dot', weight: 'Thin' },
  double: { style: 'Double', weight: 'Thick' },
};
type BorderIndex = 'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideHorizontal' | 'InsideVertical';

function queueStyle(
  style: StyleSpec,
  rects: readonly Rect[],
  sheet: Excel.Worksheet,
  caps: Capabilities,
  queue: OperationQueue,
): void {
  const unlock = style.locked === false && caps.supports('protection');
  const hasFormat =
    style.fill !== undefined ||
    style.font !== undefined ||
    style.horizontal !== undefined ||
    style.vertical !== undefined ||
    style.wrap !== undefined ||
    unlock;
  if (hasFormat) {
    queueOnRects(rects, sheet, caps, queue, jsonBytes(style), (target) => {
      const f = target.format;
      if (style.fill) f.fill.color = style.fill;
      const font = style.font;
      if (font?.bold !== undefined) f.font.bold = font.bold;
      if (font?.italic !== undefined) f.font.italic = font.italic;
      if (font?.color !== undefined) f.font.color = font.color;
      if (font?.size !== undefined) f.font.size = font.size;
      if (font?.name !== undefined) f.font.name = font.name;
      if (style.horizontal) f.horizontalAlignment = HORIZONTAL[style.horizontal];
      if (style.vertical) f.verticalAlignment = VERTICAL[style.vertical];
      if (style.wrap !== undefined) f.wrapText = style.wrap;
      if (unlock) f.protection.locked = false;
    });
  }
  const border = style.border;
  if (!border) return;
  // Inside borders only where a rectangle has inner lines: Excel may refuse them on a single row or column.
  const byShape = new Map<string, Rect[]>();
  for (const r of rects) {
    const key = `${r.bottom > r.top ? 'H' : ''}${r.right > r.left ? 'V' : ''}`;
    byShape.set(key, [...(byShape.get(key) ?? []), r]);
  }
  const line = BORDER_LINE[border.style];
  for (const [shape, group] of byShape) {
    const indexes: BorderIndex[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
    if (shape.includes('H')) indexes.push('InsideHorizontal');
    if (shape.includes('V')) indexes.push('InsideVertical');
    // Per edge: the border's object path, its instantiation and three property sets (≈ 500 bytes, measured).
    queueOnRects(group, sheet, caps, queue, 540 * indexes.length, (target) => {
      for (const index of indexes) {
        const edge = target.format.borders.getItem(index);
        edge.style = line.style;
        edge.weight = line.weight;
        edge.color = border.color;
      }
    });
  }
}

function queueMerges(spec: SheetSpec, sheet: Excel.Worksheet, caps: Capabilities, queue: OperationQueue): void {
  if (!spec.merges?.length) return;
  if (caps.supports('merges'))
    for (const address of spec.merges) queue.add(address.length, () => sheet.getRange(address).merge(false));
  else caps.skip('merges');
}

function queueSizes(spec: SheetSpec, sheet: Excel.Worksheet, caps: Capabilities, queue: OperationQueue): void {
  const columns = spec.columnWidths ?? [];
  const rows = spec.rowHeights ?? [];
  if (columns.length === 0 && rows.length === 0) return;
  if (!caps.supports('rowColumnSizes')) {
    caps.skip('rowColumnSizes');
    return;
  }
  for (const c of columns) {
    queue.add(40, () => {
      const column = sheet.getRange(`${c.column}:${c.column}`);
      column.format.columnWidth = charactersToPoints(c.width);
      if (c.hidden) column.columnHidden = true;
    });
  }
  // Row heights are in points in the spec, Excel's own unit for rows: no conversion.
  for (const r of rows) {
    queue.add(40, () => {
      const row = sheet.getRange(`${r.row}:${r.row}`);
      row.format.rowHeight = r.height;
      if (r.hidden) row.rowHidden = true;
    });
  }
}

/** Excel's own limits on validation texts (input title 32, input message 255, error message 225 characters). */
function clip(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max);
}

function withEquals(formula: string): string {
  return formula.startsWith('=') ? formula : `=${formula}`;
}

const VALIDATION_OPERATOR = {
  between: 'Between',
  notBetween: 'NotBetween',
  equalTo: 'EqualTo',
  notEqualTo: 'NotEqualTo',
  greaterThan: 'GreaterThan',
  lessThan: 'LessThan',
  greaterThanOrEqualTo: 'GreaterThanOrEqualTo',
  lessThanOrEqualTo: 'LessThanOrEqualTo',
} as const;

function validationRule(spec: ValidationSpec): Excel.DataValidationRule {
  const rule = spec.rule;
  switch (rule.type) {
    case 'decimal':
    case 'wholeNumber': {
      const basic: Excel.BasicDataValidation = {
        operator: VALIDATION_OPERATOR[rule.operator],
        formula1: rule.formula1,
      };
      if (rule.formula2 !== undefined) basic.formula2 = rule.formula2;
      return rule.type === 'decimal' ? { decimal: basic } : { wholeNumber: basic };
    }
    case 'list':
      // Excel's list source is one comma-separated string: an item cannot itself contain a comma.
      return { list: { inCellDropDown: true, source: rule.source.join(',') } };
    case 'textLength':
      return { textLength: { operator: VALIDATION_OPERATOR[rule.operator], formula1: rule.formula1 } };
    case 'custom':
      return { custom: { formula: withEquals(rule.formula) } };
  }
}

function queueValidation(spec: ValidationSpec, sheet: Excel.Worksheet, queue: OperationQueue): void {
  const rule = validationRule(spec);
  queue.add(jsonBytes(spec), () => {
    const dv = sheet.getRange(spec.range).dataValidation;
    dv.rule = rule;
    dv.ignoreBlanks = spec.allowBlank;
    if (spec.prompt)
      dv.prompt = { showPrompt: true, title: clip(spec.prompt.title, 32), message: clip(spec.prompt.message, 255) };
    if (spec.errorAlert) {
      const style =
        spec.errorAlert.style === 'stop' ? 'Stop' : spec.errorAlert.style === 'warning' ? 'Warning' : 'Information';
      dv.errorAlert = {
        showAlert: true,
        style,
        title: clip(spec.errorAlert.title, 32),
        message: clip(spec.errorAlert.message, 225),
      };
    }
  });
}

const CF_OPERATOR = {
  equalTo: 'EqualTo',
  between: 'Between',
  greaterThan: 'GreaterThan',
  lessThan: 'LessThan',
  greaterThanOrEqual: 'GreaterThanOrEqual',
  lessThanOrEqual: 'LessThanOrEqual',
  notEqualTo: 'NotEqualTo',
} as const;

function queueConditionalFormat(spec: ConditionalFormatSpec, sheet: Excel.Worksheet, queue: OperationQueue): void {
  queue.add(jsonBytes(spec), () => {
    const formats = sheet.getRange(spec.range).conditionalFormats;
    let cf: Excel.ConditionalFormat;
    let format: Excel.ConditionalRangeFormat;
    const rule = spec.rule;
    if (rule.type === 'cellValue') {
      cf = formats.add('CellValue');
      const r: Excel.ConditionalCellValueRule = { operator: CF_OPERATOR[rule.operator], formula1: rule.formula1 };
      if (rule.formula2 !== undefined) r.formula2 = rule.formula2;
      cf.cellValue.rule = r;
      format = cf.cellValue.format;
    } else {
      cf = formats.add('Custom');
      cf.custom.rule.formula = withEquals(rule.formula);
      format = cf.custom.format;
    }
    if (spec.format.fill) format.fill.color = spec.format.fill;
    if (spec.format.fontColor) format.font.color = spec.format.fontColor;
    if (spec.format.bold !== undefined) format.font.bold = spec.format.bold;
    if (spec.format.numberFormat) format.numberFormat = spec.format.numberFormat;
    if (spec.stopIfTrue) cf.stopIfTrue = true;
  });
}

function queueHyperlink(pending: PendingLink, sheet: Excel.Worksheet, queue: OperationQueue): void {
  const link: Excel.RangeHyperlink = {};
  if (pending.link.documentReference) link.documentReference = pending.link.documentReference;
  if (pending.link.address) link.address = pending.link.address;
  if (pending.link.tooltip) link.screenTip = pending.link.tooltip;
  // The cell's text, restated: without it Excel may show the link target instead.
  if (pending.text) link.textToDisplay = pending.text;
  queue.add(jsonBytes(link) + pending.address.length, () => (sheet.getRange(pending.address).hyperlink = link));
}

const CHART_TYPE = {
  columnClustered: 'ColumnClustered',
  barClustered: 'BarClustered',
  line: 'Line',
  columnStacked: 'ColumnStacked',
  pie: 'Pie',
} as const;

function queueChart(spec: ChartSpec, sheet: Excel.Worksheet, queue: OperationQueue): void {
  queue.add(jsonBytes(spec), () => {
    const chart = sheet.charts.add(
      CHART_TYPE[spec.type],
      sheet.getRange(spec.source),
      spec.seriesBy === 'rows' ? 'Rows' : 'Columns',
    );
    chart.name = spec.name;
    chart.title.text = spec.title;
    chart.setPosition(sheet.getRange(spec.from), sheet.getRange(spec.to));
    spec.seriesColors?.forEach((color, i) => chart.series.getItemAt(i).format.fill.setSolidColor(color));
  });
}

function queueView(spec: SheetSpec, sheet: Excel.Worksheet, caps: Capabilities, queue: OperationQueue): void {
  const freeze = spec.freeze;
  if (freeze && (freeze.rows > 0 || freeze.columns > 0)) {
    if (caps.supports('freezePanes')) {
      queue.add(40, () => {
        const panes = sheet.freezePanes;
        if (freeze.rows > 0 && freeze.columns > 0)
          panes.freezeAt(sheet.getRange(rectAddress(1, 1, freeze.rows, freeze.columns)));
        else if (freeze.rows > 0) panes.freezeRows(freeze.rows);
        else panes.freezeColumns(freeze.columns);
      });
    } else caps.skip('freezePanes');
  }
  const print = spec.print;
  if (print) {
    if (caps.supports('print')) {
      queue.add(jsonBytes(print), () => {
        const layout = sheet.pageLayout;
        layout.orientation = print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
        if (print.paperSize) layout.paperSize = print.paperSize;
        // 0 pages tall = as many as needed (Excel's "automatic"), as in the Page Setup dialog.
        if (print.fitToPagesWide !== undefined)
          layout.zoom = { horizontalFitToPages: print.fitToPagesWide, verticalFitToPages: 0 };
        if (print.printTitleRows) layout.setPrintTitleRows(sheet.getRange(print.printTitleRows));
        if (print.centerHorizontally !== undefined) layout.centerHorizontally = print.centerHorizontally;
      });
    } else caps.skip('print');
  }
  const tabColor = spec.tabColor;
  if (tabColor) {
    if (caps.supports('tabColor')) queue.add(20, () => (sheet.tabColor = tabColor));
    else caps.skip('tabColor');
  }
}

/** What replacing a sheet in place must remove first (tables and charts were loaded by the caller). */
export interface ExistingSheet {
  readonly sheet: Excel.Worksheet;
  readonly isProtected: boolean;
  readonly tables: readonly Excel.Table[];
  readonly charts: readonly Excel.Chart[];
}

/**
 * Empties a sheet but keeps the sheet itself, so that its tab position and the formulas of other sheets that
 * refer to it survive a re-run.
 */
export function queueClear(existing: ExistingSheet, caps: Capabilities, queue: OperationQueue): void {
  const { sheet } = existing;
  queue.add(0, () => {
    if (existing.isProtected) sheet.protection.unprotect();
    for (const table of existing.tables) table.delete();
    for (const chart of existing.charts) chart.delete();
    const all = sheet.getRange();
    if (caps.supports('conditionalFormats')) all.conditionalFormats.clearAll();
    if (caps.supports('dataValidation')) all.dataValidation.clear();
    if (caps.supports('merges')) all.unmerge();
    all.clear('All');
    if (caps.supports('rowColumnSizes')) {
      all.rowHidden = false;
      all.columnHidden = false;
    }
    if (caps.supports('standardSizes')) {
      all.format.useStandardHeight = true;
      all.format.useStandardWidth = true;
    }
    if (caps.supports('freezePanes')) sheet.freezePanes.unfreeze();
    if (caps.supports('tabColor')) sheet.tabColor = '';
  });
}
