import { cellAddress, parseCell, parseRange } from '../../../domain/grid/address';
import type { CellValue } from '../../../domain/grid/cells';
import { encodeMarker, MARKER_CELL } from '../../../domain/grid/ownSheets';
import type { CellSpec, SheetSpec } from '../../../domain/grid/sheetSpec';
import { needsTextFormat } from '../../cellText';
import type { StyleTable } from './styles';
import { el, num, text, textEl, XML_HEADER, NS } from './xml';

/**
 * A spec's cells as the Excel adapter leaves them (renderSheet.ts): every block's cells at their addresses (a later
 * block's cell replacing an earlier one's, a `null` entry leaving a cell alone), the marker's text in A1 with the
 * Text number format, the cells a merged area covers without a value (Excel's merge keeps only the top-left one's),
 * and a text always a text: a string cell, given the Text format where Excel would otherwise read it as a formula,
 * number, date, boolean or error once retyped.
 */

/** Rows of cells by 1-based row and column, each row's cells in column order once sorted. */
export type CellGrid = Map<number, Map<number, CellSpec>>;

export function sheetCells(spec: SheetSpec): CellGrid {
  const grid: CellGrid = new Map();
  const put = (row: number, column: number, cell: CellSpec): void => {
    let cells = grid.get(row);
    if (!cells) grid.set(row, (cells = new Map()));
    const earlier = cells.get(column);
    // A blank value is not written (Office.js leaves a cell alone for a null entry): an earlier content stays.
    const blank = cell.formula === undefined && (cell.value === undefined || cell.value === null);
    cells.set(column, earlier && blank ? { ...cell, ...contentOf(earlier) } : cell);
  };
  for (const block of spec.blocks) {
    const at = parseCell(block.at);
    block.rows.forEach((cells, r) =>
      cells.forEach((cell, c) => {
        if (cell) put(at.row + r, at.column + c, cell);
      }),
    );
  }
  for (const merge of spec.merges ?? []) {
    const area = parseRange(merge);
    for (let row = area.start.row; row <= area.end.row; row++)
      for (let column = area.start.column; column <= area.end.column; column++) {
        const cell = grid.get(row)?.get(column);
        if (cell && (row !== area.start.row || column !== area.start.column))
          grid.get(row)?.set(column, withoutContent(cell));
      }
  }
  if (spec.marker) {
    const at = parseCell(MARKER_CELL);
    const under = grid.get(at.row)?.get(at.column);
    const cells = grid.get(at.row) ?? new Map<number, CellSpec>();
    cells.set(at.column, { ...withoutContent(under ?? {}), value: encodeMarker(spec.marker), numberFormat: '@' });
    grid.set(at.row, cells);
  }
  return grid;
}

function contentOf(cell: CellSpec): Pick<CellSpec, 'value' | 'formula'> {
  return cell.formula !== undefined ? { formula: cell.formula } : cell.value !== undefined ? { value: cell.value } : {};
}

function withoutContent(cell: CellSpec): CellSpec {
  const { value: _value, formula: _formula, ...rest } = cell;
  return rest;
}

/** Shared strings (xl/sharedStrings.xml): each text once, in the order first written. */
export class SharedStrings {
  private readonly ids = new Map<string, number>();
  private readonly texts: string[] = [];
  private references = 0;

  id(value: string): number {
    this.references++;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.texts.length;
      this.ids.set(value, id);
      this.texts.push(value);
    }
    return id;
  }

  xml(): string {
    const items = this.texts.map((t) => el('si', {}, textEl('t', t))).join('');
    return XML_HEADER + el('sst', { xmlns: NS.main, count: this.references, uniqueCount: this.texts.length }, items);
  }
}

/**
 * Functions newer than Excel 2007 are stored with the `_xlfn.` prefix (ECMA-376 Part 1, §18.17.5 and MS-XLSX
 * §2.3.3): written without it, Excel shows #NAME? for them. The scalar ones a spec could use; no spec uses any of
 * them today (a test checks), and dynamic-array functions (FILTER, SORT, UNIQUE …) would need more than a prefix.
 */
const FUTURE_FUNCTIONS = new Set([
  'AGGREGATE',
  'CEILING.MATH',
  'CONCAT',
  'DAYS',
  'FLOOR.MATH',
  'FORMULATEXT',
  'IFNA',
  'IFS',
  'ISFORMULA',
  'ISOWEEKNUM',
  'MAXIFS',
  'MINIFS',
  'NUMBERVALUE',
  'PERCENTILE.EXC',
  'PERCENTILE.INC',
  'QUARTILE.EXC',
  'QUARTILE.INC',
  'RANK.AVG',
  'RANK.EQ',
  'STDEV.P',
  'STDEV.S',
  'SWITCH',
  'TEXTJOIN',
  'VAR.P',
  'VAR.S',
  'XOR',
]);

/** A spec's formula as a cell's `<f>` holds it: no leading "=", newer functions prefixed (outside quoted text). */
export function storedFormula(formula: string): string {
  const body = formula.startsWith('=') ? formula.slice(1) : formula;
  return body.replace(/"(?:[^"]|"")*"|'(?:[^']|'')*'|(^|[^\w.])([A-Za-z][\w.]*)(?=\()/g, (whole, before, name) =>
    typeof name === 'string' && FUTURE_FUNCTIONS.has(name.toUpperCase()) ? `${before}_xlfn.${name}` : whole,
  );
}

/** What a formula cell's cached result looks like in a `<c>`: its type attribute and `<v>`. */
function cachedResult(value: CellValue | undefined): { t?: string; v: string } | undefined {
  if (value === undefined) return undefined;
  if (value === null) return { t: 'str', v: '' };
  if (typeof value === 'number') return Number.isFinite(value) ? { v: num(value) } : undefined;
  if (typeof value === 'boolean') return { t: 'b', v: value ? '1' : '0' };
  if (typeof value === 'string') return { t: 'str', v: value };
  // An error Excel does not know (an engine's own, such as #CYCLE!) is Excel's generic one: a file must hold a known one.
  return { t: 'e', v: EXCEL_ERRORS.has(value.error) ? value.error : '#VALUE!' };
}

/** The error values a cell of an .xlsx may hold (ECMA-376 Part 1, §18.18.25 ST_CellErrors, as Excel writes them). */
const EXCEL_ERRORS = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA']);

export interface CellContext {
  readonly styles: StyleTable;
  readonly strings: SharedStrings;
  readonly spec: SheetSpec;
  readonly cached?: (address: string) => CellValue | undefined;
  /** Cell formats by style name and number format, so that each pair is looked up once per sheet. */
  readonly formats: Map<string, number>;
}

function formatOf(ctx: CellContext, cell: CellSpec): number {
  const text = typeof cell.value === 'string' && cell.formula === undefined && needsTextFormat(cell.value);
  const numberFormat = text
    ? '@'
    : (cell.numberFormat ?? (cell.style ? ctx.spec.styles[cell.style]?.numberFormat : undefined));
  const key = `${cell.style ?? ''}\u0000${numberFormat ?? ''}`;
  let id = ctx.formats.get(key);
  if (id === undefined) {
    const style = cell.style === undefined ? undefined : ctx.spec.styles[cell.style];
    id = ctx.styles.cellFormat(style, numberFormat);
    ctx.formats.set(key, id);
  }
  return id;
}

/** One `<c>`; empty when the cell has neither content nor format. */
export function cellXml(ctx: CellContext, row: number, column: number, cell: CellSpec): string {
  const r = cellAddress(column, row);
  const s = formatOf(ctx, cell) || undefined;
  if (cell.formula !== undefined) {
    const cached = cachedResult(ctx.cached?.(r));
    const f = `<f>${text(storedFormula(cell.formula))}</f>`;
    return el('c', { r, s, t: cached?.t }, cached ? `${f}<v>${text(cached.v)}</v>` : f);
  }
  const value = cell.value ?? null;
  // "" clears a cell in Excel (Range.values): a cell with only its format.
  if (value === null || value === '') return s === undefined ? '' : el('c', { r, s });
  if (typeof value === 'string') return el('c', { r, s, t: 's' }, `<v>${ctx.strings.id(value)}</v>`);
  if (typeof value === 'boolean') return el('c', { r, s, t: 'b' }, `<v>${value ? 1 : 0}</v>`);
  if (!Number.isFinite(value)) throw new Error(`Sheet spec has a non-finite number: ${value}`);
  return el('c', { r, s }, `<v>${num(value)}</v>`);
}
