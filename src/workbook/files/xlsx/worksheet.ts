import { cellAddress, columnNumber, parseRange, rangeAddress } from '../../../domain/grid/address';
import type { CellValue } from '../../../domain/grid/cells';
import { columnPixels, type HyperlinkSpec, type SheetSpec } from '../../../domain/grid/sheetSpec';
import { cellXml, sheetCells, type CellContext, type CellGrid, type SharedStrings } from './cells';
import { writeCharts } from './charts';
import { CONTENT_TYPE, type Package } from './package';
import { conditionalFormatsXml, validationsXml } from './rules';
import type { StyleTable } from './styles';
import { tableXml } from './table';
import { argb, el, NS, relsXml, XML_HEADER, type Relationship } from './xml';

/**
 * One worksheet part, in the element order CT_Worksheet requires (ECMA-376 Part 1, §18.3.1.99), with the parts it
 * refers to (table, drawing and charts, external hyperlinks' relationships).
 */

export interface WorksheetInput {
  readonly spec: SheetSpec;
  readonly cached?: (address: string) => CellValue | undefined;
  /** 1-based position of the sheet in the workbook (its part is sheetN.xml). */
  readonly number: number;
  readonly active: boolean;
}

export interface WorkbookParts {
  readonly pkg: Package;
  readonly styles: StyleTable;
  readonly strings: SharedStrings;
}

/**
 * Column widths as the file stores them: the spec's characters in the same whole pixels as the Excel adapter's
 * points (columnPixels), stored as ECMA-376 §18.3.1.13 asks, truncate(pixels / 7 × 256) / 256, which Excel reads back
 * as those pixels.
 */
export function storedColumnWidth(characters: number): number {
  return Math.trunc((columnPixels(characters) / 7) * 256) / 256;
}

function colsXml(spec: SheetSpec): string {
  // A column given twice: the later entry wins, as when the adapter sets them in order.
  const byColumn = new Map<number, { width: number; hidden?: boolean }>();
  for (const c of spec.columnWidths ?? []) byColumn.set(columnNumber(c.column), c);
  const cols = [...byColumn]
    .sort(([a], [b]) => a - b)
    .map(([n, c]) =>
      el('col', {
        min: n,
        max: n,
        width: storedColumnWidth(c.width),
        hidden: c.hidden || undefined,
        customWidth: true,
      }),
    );
  return cols.length > 0 ? el('cols', {}, cols.join('')) : '';
}

function sheetDataXml(spec: SheetSpec, grid: CellGrid, ctx: CellContext): { xml: string; used?: string } {
  const heights = new Map((spec.rowHeights ?? []).map((h) => [h.row, h]));
  const rows = [...new Set([...grid.keys(), ...heights.keys()])].sort((a, b) => a - b);
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  const xml = rows.map((row) => {
    const cells = [...(grid.get(row) ?? [])].sort(([a], [b]) => a - b);
    const content = cells.map(([column, cell]) => cellXml(ctx, row, column, cell)).join('');
    for (const [column] of cells) {
      top = Math.min(top, row);
      bottom = Math.max(bottom, row);
      left = Math.min(left, column);
      right = Math.max(right, column);
    }
    const h = heights.get(row);
    return el(
      'row',
      { r: row, ht: h?.height, customHeight: h ? true : undefined, hidden: h?.hidden || undefined },
      content,
    );
  });
  const used =
    bottom > 0 ? rangeAddress({ start: { row: top, column: left }, end: { row: bottom, column: right } }) : undefined;
  return { xml: el('sheetData', {}, xml.join('')), ...(used ? { used } : {}) };
}

/** The first row not hidden (where the cursor starts when no pane is frozen: never on the marker). */
function firstVisibleRow(spec: SheetSpec): number {
  const hidden = new Set((spec.rowHeights ?? []).filter((h) => h.hidden).map((h) => h.row));
  let row = 1;
  while (hidden.has(row)) row++;
  return row;
}

function sheetViewXml(spec: SheetSpec, active: boolean): string {
  const rows = spec.freeze?.rows ?? 0;
  const columns = spec.freeze?.columns ?? 0;
  let pane = '';
  let selection = el('selection', { activeCell: `A${firstVisibleRow(spec)}`, sqref: `A${firstVisibleRow(spec)}` });
  if (rows > 0 || columns > 0) {
    const topLeftCell = cellAddress(columns + 1, rows + 1);
    const activePane = rows > 0 && columns > 0 ? 'bottomRight' : rows > 0 ? 'bottomLeft' : 'topRight';
    pane = el('pane', {
      xSplit: columns > 0 ? columns : undefined,
      ySplit: rows > 0 ? rows : undefined,
      topLeftCell,
      activePane,
      state: 'frozen',
    });
    const others =
      activePane === 'bottomRight'
        ? el('selection', { pane: 'topRight' }) + el('selection', { pane: 'bottomLeft' })
        : '';
    selection = others + el('selection', { pane: activePane, activeCell: topLeftCell, sqref: topLeftCell });
  }
  return el(
    'sheetViews',
    {},
    el('sheetView', { tabSelected: active || undefined, workbookViewId: 0 }, pane + selection),
  );
}

function sheetPrXml(spec: SheetSpec): string {
  const tab = spec.tabColor ? el('tabColor', { rgb: argb(spec.tabColor) }) : '';
  const fit = spec.print?.fitToPagesWide !== undefined ? el('pageSetUpPr', { fitToPage: true }) : '';
  return tab || fit ? el('sheetPr', {}, tab + fit) : '';
}

/**
 * Protected without a password, allowing what the Excel adapter's `protect({ allowFormatColumns, allowFormatRows })`
 * allows: selecting any cell, editing unlocked cells, and sizing (and hiding) columns and rows. In the file an
 * attribute set to 1 is what is *protected*: formatColumns and formatRows are 0.
 */
const PROTECTION = el('sheetProtection', {
  sheet: true,
  objects: true,
  scenarios: true,
  formatColumns: false,
  formatRows: false,
});

function printXml(spec: SheetSpec): string {
  const print = spec.print;
  if (!print) return el('pageMargins', { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 });
  const options =
    print.centerHorizontally !== undefined ? el('printOptions', { horizontalCentered: print.centerHorizontally }) : '';
  return (
    options +
    el('pageMargins', { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 }) +
    el('pageSetup', {
      paperSize: print.paperSize === 'A4' ? 9 : undefined,
      orientation: print.orientation,
      // 0 pages tall = as many as needed, as the adapter sets it.
      fitToWidth: print.fitToPagesWide,
      fitToHeight: print.fitToPagesWide !== undefined ? 0 : undefined,
    })
  );
}

/** The hyperlinks: a place in the workbook as a location, a URL through a relationship. */
function hyperlinksXml(grid: CellGrid, rels: Relationship[]): string {
  const links: string[] = [];
  for (const [row, cells] of [...grid].sort(([a], [b]) => a - b))
    for (const [column, cell] of [...cells].sort(([a], [b]) => a - b)) {
      const link = cell.hyperlink;
      if (!link) continue;
      const display =
        typeof cell.value === 'string' && cell.value !== '' && cell.formula === undefined ? cell.value : undefined;
      links.push(
        el('hyperlink', { ref: cellAddress(column, row), ...linkTarget(link, rels), display, tooltip: link.tooltip }),
      );
    }
  return links.length > 0 ? el('hyperlinks', {}, links.join('')) : '';
}

function linkTarget(link: HyperlinkSpec, rels: Relationship[]): { 'r:id'?: string; location?: string } {
  const out: { 'r:id'?: string; location?: string } = {};
  if (link.address) {
    if (!/^(https?:|mailto:)/i.test(link.address))
      throw new RangeError(`hyperlink address "${link.address}" is not an http(s) or mailto URL`);
    const id = `rId${rels.length + 1}`;
    rels.push({ id, type: 'hyperlink', target: link.address, external: true });
    out['r:id'] = id;
  }
  if (link.documentReference) out.location = link.documentReference.replace(/^#/, '');
  return out;
}

/** The merged areas, each as "A1:C1". */
function mergesXml(spec: SheetSpec): string {
  const merges = (spec.merges ?? []).map((m) => el('mergeCell', { ref: rangeAddress(parseRange(m)) }));
  return merges.length > 0 ? el('mergeCells', { count: merges.length }, merges.join('')) : '';
}

/** Writes the sheet's part, and the parts it refers to, into the package. */
export function writeWorksheet(input: WorksheetInput, parts: WorkbookParts): void {
  const { spec, cached, number } = input;
  const { pkg, styles, strings } = parts;
  const grid = sheetCells(spec);
  const rels: Relationship[] = [];
  // The table first: it may rename its header cells (table.ts).
  let tablePart = '';
  if (spec.table) {
    const n = pkg.next('table');
    pkg.add(`xl/tables/table${n}.xml`, tableXml(spec.table, n, grid, cached), CONTENT_TYPE.table);
    tablePart = `../tables/table${n}.xml`;
  }
  const ctx: CellContext = { styles, strings, spec, formats: new Map(), ...(cached ? { cached } : {}) };
  const data = sheetDataXml(spec, grid, ctx);
  const hyperlinks = hyperlinksXml(grid, rels);
  let drawing = '';
  if (spec.charts?.length) {
    const id = `rId${rels.length + 1}`;
    rels.push({ id, type: 'drawing', target: writeCharts(spec.charts, spec.name, grid, cached, pkg) });
    drawing = el('drawing', { 'r:id': id });
  }
  let tableParts = '';
  if (tablePart) {
    const id = `rId${rels.length + 1}`;
    rels.push({ id, type: 'table', target: tablePart });
    tableParts = el('tableParts', { count: 1 }, el('tablePart', { 'r:id': id }));
  }
  const xml =
    sheetPrXml(spec) +
    el('dimension', { ref: data.used ?? 'A1' }) +
    sheetViewXml(spec, input.active) +
    el('sheetFormatPr', { defaultRowHeight: 15 }) +
    colsXml(spec) +
    data.xml +
    (spec.protect ? PROTECTION : '') +
    mergesXml(spec) +
    conditionalFormatsXml(spec.conditionalFormats ?? [], styles) +
    validationsXml(spec.validations ?? []) +
    hyperlinks +
    printXml(spec) +
    drawing +
    tableParts;
  pkg.add(
    `xl/worksheets/sheet${number}.xml`,
    XML_HEADER + el('worksheet', { xmlns: NS.main, 'xmlns:r': NS.r }, xml),
    CONTENT_TYPE.worksheet,
  );
  if (rels.length > 0) pkg.add(`xl/worksheets/_rels/sheet${number}.xml.rels`, relsXml(rels));
}
