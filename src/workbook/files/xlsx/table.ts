import { parseRange, rangeAddress } from '../../../domain/grid/address';
import { displayText, type CellValue } from '../../../domain/grid/cells';
import type { TableSpec } from '../../../domain/grid/sheetSpec';
import type { CellGrid } from './cells';
import { el, NS, XML_HEADER } from './xml';

/**
 * A spec's table as a table part, as `tables.add(range, hasHeaders: true)` makes it: its header row names its
 * columns — a blank header is named ColumnN and a repeated one gets a number, and, as Excel does, that name is then
 * the header cell's text (a table's column names and its header cells must agree, or Excel repairs the file).
 */
export function tableXml(
  table: TableSpec,
  id: number,
  grid: CellGrid,
  cached: ((address: string) => CellValue | undefined) | undefined,
): string {
  const area = parseRange(table.range);
  const ref = rangeAddress(area);
  const row = area.start.row;
  const taken = new Set<string>();
  const names: string[] = [];
  for (let column = area.start.column; column <= area.end.column; column++) {
    const cell = grid.get(row)?.get(column);
    const address = rangeAddress({ start: { row, column }, end: { row, column } });
    const shown = cell?.formula !== undefined ? cached?.(address) : cell?.value;
    const header = typeof shown === 'string' ? shown : displayText(shown ?? null);
    const base = header.trim() === '' ? `Column${column - area.start.column + 1}` : header;
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}${n}`;
    taken.add(name.toLowerCase());
    names.push(name);
    if (cell?.formula !== undefined || cell?.value !== name) {
      let cells = grid.get(row);
      if (!cells) grid.set(row, (cells = new Map()));
      const { formula: _formula, ...rest } = cell ?? {};
      cells.set(column, { ...rest, value: name });
    }
  }
  const columns = names.map((name, i) => el('tableColumn', { id: i + 1, name }));
  return (
    XML_HEADER +
    el(
      'table',
      { xmlns: NS.main, id, name: table.name, displayName: table.name, ref, totalsRowShown: 0 },
      el('autoFilter', { ref }) +
        el('tableColumns', { count: names.length }, columns.join('')) +
        el('tableStyleInfo', {
          name: table.style ?? 'TableStyleMedium2',
          showFirstColumn: false,
          showLastColumn: false,
          showRowStripes: true,
          showColumnStripes: false,
        }),
    )
  );
}
