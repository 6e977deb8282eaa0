import { absoluteRef, cellAddress, parseCell, parseRange } from '../../../domain/grid/address';
import { displayText, type CellValue } from '../../../domain/grid/cells';
import type { ChartSpec } from '../../../domain/grid/sheetSpec';
import type { CellGrid } from './cells';
import { CONTENT_TYPE, type Package } from './package';
import { el, NS, relsXml, textEl, XML_HEADER, type Relationship } from './xml';

/**
 * A sheet's charts as DrawingML (one drawing part, one chart part each), as `charts.add(type, source, seriesBy)`
 * makes them: the source's first row (by columns) or column (by rows) names the series, the other edge holds the
 * categories; the title, the place between two cells (setPosition), and each series' colour where the spec gives
 * one. Each reference carries a cache of the values written, so that a reader that does not recalculate still draws.
 */

type CellOf = (row: number, column: number) => CellValue;

interface Series {
  readonly name: Ref;
  readonly categories: Ref;
  readonly values: Ref;
}

/** A rectangle of the sheet as a chart refers to it, with the cells' values for the cache. */
interface Ref {
  readonly formula: string;
  readonly values: readonly CellValue[];
}

const sheetPrefix = (sheet: string): string => `'${sheet.replace(/'/g, "''")}'!`;

function ref(sheet: string, cells: readonly (readonly [number, number])[], valueAt: CellOf): Ref {
  const first = cells[0];
  const last = cells[cells.length - 1];
  if (!first || !last) throw new RangeError('a chart reference with no cells');
  const a = absoluteRef(cellAddress(first[1], first[0]));
  const b = absoluteRef(cellAddress(last[1], last[0]));
  return {
    formula: sheetPrefix(sheet) + (a === b ? a : `${a}:${b}`),
    values: cells.map(([r, c]) => valueAt(r, c)),
  };
}

function seriesOf(chart: ChartSpec, sheet: string, valueAt: CellOf): Series[] {
  const { start, end } = parseRange(chart.source);
  const span = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  if (chart.seriesBy === 'columns') {
    const rows = span(start.row + 1, end.row);
    return span(start.column + 1, end.column).map((column) => ({
      name: ref(sheet, [[start.row, column]], valueAt),
      categories: ref(
        sheet,
        rows.map((r) => [r, start.column] as const),
        valueAt,
      ),
      values: ref(
        sheet,
        rows.map((r) => [r, column] as const),
        valueAt,
      ),
    }));
  }
  const columns = span(start.column + 1, end.column);
  return span(start.row + 1, end.row).map((row) => ({
    name: ref(sheet, [[row, start.column]], valueAt),
    categories: ref(
      sheet,
      columns.map((c) => [start.row, c] as const),
      valueAt,
    ),
    values: ref(
      sheet,
      columns.map((c) => [row, c] as const),
      valueAt,
    ),
  }));
}

const c = (name: string, attrs: Record<string, string | number> = {}, content?: string): string =>
  el(`c:${name}`, attrs, content);
const v = (name: string, value: string | number): string => c(name, { val: value });

function strRef(r: Ref): string {
  const pts = r.values.map((value, i) => c('pt', { idx: i }, textEl('c:v', displayText(value)))).join('');
  return c('strRef', {}, textEl('c:f', r.formula) + c('strCache', {}, v('ptCount', r.values.length) + pts));
}

function numRef(r: Ref): string {
  const pts = r.values
    .map((value, i) => (typeof value === 'number' ? c('pt', { idx: i }, textEl('c:v', String(value))) : ''))
    .join('');
  return c(
    'numRef',
    {},
    textEl('c:f', r.formula) +
      c('numCache', {}, textEl('c:formatCode', 'General') + v('ptCount', r.values.length) + pts),
  );
}

function seriesXml(chart: ChartSpec, s: Series, i: number): string {
  const color = chart.seriesColors?.[i]?.replace(/^#/, '').toUpperCase();
  const fill = color ? `<a:solidFill><a:srgbClr val="${color}"/></a:solidFill>` : '';
  const spPr = !color
    ? ''
    : chart.type === 'line'
      ? c('spPr', {}, `<a:ln w="28575" cap="rnd">${fill}<a:round/></a:ln>`)
      : c('spPr', {}, fill);
  const head = v('idx', i) + v('order', i) + c('tx', {}, strRef(s.name)) + spPr;
  const data = c('cat', {}, strRef(s.categories)) + c('val', {}, numRef(s.values));
  if (chart.type === 'line') return c('ser', {}, head + c('marker', {}, v('symbol', 'none')) + data + v('smooth', 0));
  if (chart.type === 'pie') return c('ser', {}, head + data);
  return c('ser', {}, head + v('invertIfNegative', 0) + data);
}

const AXES = { category: 500_000_001, value: 500_000_002 } as const;

function axesXml(horizontalBars: boolean): string {
  const common = (id: number, position: string) =>
    v('axId', id) + c('scaling', {}, v('orientation', 'minMax')) + v('delete', 0) + v('axPos', position);
  const ticks = v('majorTickMark', 'out') + v('minorTickMark', 'none') + v('tickLblPos', 'nextTo');
  return (
    c(
      'catAx',
      {},
      common(AXES.category, horizontalBars ? 'l' : 'b') +
        c('numFmt', { formatCode: 'General', sourceLinked: 1 }) +
        ticks +
        v('crossAx', AXES.value) +
        v('crosses', 'autoZero') +
        v('auto', 1) +
        v('lblAlgn', 'ctr') +
        v('lblOffset', 100) +
        v('noMultiLvlLbl', 0),
    ) +
    c(
      'valAx',
      {},
      common(AXES.value, horizontalBars ? 'b' : 'l') +
        c('majorGridlines') +
        c('numFmt', { formatCode: 'General', sourceLinked: 1 }) +
        ticks +
        v('crossAx', AXES.category) +
        v('crosses', 'autoZero') +
        v('crossBetween', 'between'),
    )
  );
}

function plotXml(chart: ChartSpec, series: readonly Series[]): string {
  const sers = series.map((s, i) => seriesXml(chart, s, i)).join('');
  const axIds = v('axId', AXES.category) + v('axId', AXES.value);
  switch (chart.type) {
    case 'pie':
      return c('pieChart', {}, v('varyColors', 1) + sers + v('firstSliceAng', 0));
    case 'line':
      return (
        c('lineChart', {}, v('grouping', 'standard') + v('varyColors', 0) + sers + c('marker', { val: 1 }) + axIds) +
        axesXml(false)
      );
    default: {
      const bar = chart.type === 'barClustered';
      const stacked = chart.type === 'columnStacked';
      return (
        c(
          'barChart',
          {},
          v('barDir', bar ? 'bar' : 'col') +
            v('grouping', stacked ? 'stacked' : 'clustered') +
            v('varyColors', 0) +
            sers +
            v('gapWidth', 150) +
            (stacked ? v('overlap', 100) : '') +
            axIds,
        ) + axesXml(bar)
      );
    }
  }
}

export function chartXml(chart: ChartSpec, sheet: string, valueAt: CellOf): string {
  const title = c(
    'title',
    {},
    c('tx', {}, c('rich', {}, `<a:bodyPr/><a:lstStyle/><a:p><a:r>${textEl('a:t', chart.title)}</a:r></a:p>`)) +
      v('overlay', 0),
  );
  const body =
    title +
    v('autoTitleDeleted', 0) +
    c('plotArea', {}, c('layout') + plotXml(chart, seriesOf(chart, sheet, valueAt))) +
    c('legend', {}, v('legendPos', 'b') + v('overlay', 0)) +
    v('plotVisOnly', 1) +
    v('dispBlanksAs', 'gap');
  return (
    XML_HEADER +
    el(
      'c:chartSpace',
      { 'xmlns:c': NS.chart, 'xmlns:a': NS.a, 'xmlns:r': NS.r },
      v('roundedCorners', 0) + c('chart', {}, body),
    )
  );
}

/** The anchor between the top-left corner of `from` and the bottom-right corner of `to` (0-based cells). */
function anchorXml(chart: ChartSpec, id: number, relId: string): string {
  const from = parseCell(chart.from);
  const to = parseCell(chart.to);
  const corner = (tag: string, column: number, row: number) =>
    `<xdr:${tag}><xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  const frame =
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr>${el('xdr:cNvPr', { id, name: chart.name })}<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
    `<a:graphic><a:graphicData uri="${NS.chart}">${el('c:chart', { 'xmlns:c': NS.chart, 'xmlns:r': NS.r, 'r:id': relId })}</a:graphicData></a:graphic></xdr:graphicFrame>`;
  return el(
    'xdr:twoCellAnchor',
    {},
    corner('from', from.column - 1, from.row - 1) + corner('to', to.column, to.row) + frame + '<xdr:clientData/>',
  );
}

/** Writes the sheet's drawing and chart parts; returns the drawing's target relative to the worksheet. */
export function writeCharts(
  charts: readonly ChartSpec[],
  sheet: string,
  grid: CellGrid,
  cached: ((address: string) => CellValue | undefined) | undefined,
  pkg: Package,
): string {
  const valueAt: CellOf = (row, column) => {
    const cell = grid.get(row)?.get(column);
    if (cell?.formula !== undefined) return cached?.(cellAddress(column, row)) ?? null;
    return cell?.value ?? null;
  };
  const drawing = pkg.next('drawing');
  const rels: Relationship[] = [];
  const anchors = charts.map((chart, i) => {
    const n = pkg.next('chart');
    pkg.add(`xl/charts/chart${n}.xml`, chartXml(chart, sheet, valueAt), CONTENT_TYPE.chart);
    rels.push({ id: `rId${i + 1}`, type: 'chart', target: `../charts/chart${n}.xml` });
    return anchorXml(chart, i + 2, `rId${i + 1}`);
  });
  pkg.add(
    `xl/drawings/drawing${drawing}.xml`,
    XML_HEADER + el('xdr:wsDr', { 'xmlns:xdr': NS.drawing, 'xmlns:a': NS.a }, anchors.join('')),
    CONTENT_TYPE.drawing,
  );
  pkg.add(`xl/drawings/_rels/drawing${drawing}.xml.rels`, relsXml(rels));
  return `../drawings/drawing${drawing}.xml`;
}
