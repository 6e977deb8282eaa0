import {
  cellAddress as cellAddress0,
  columnIndex as columnIndex0,
  columnName,
  parseCell,
  parseRange,
} from '../../../src/domain/grid/address';
import { builtinPlan } from '../../../src/domain/plan/builtin';
import { buildPlanSheet, PLAN_COLUMNS } from '../../../src/domain/plan/planSheet';
import { cellAddress, columnIndex, columnLetter, parseAddress } from '../../../src/domain/template/layout';

/** src/domain/address.ts is the one source of column letters; template/layout.ts wraps it 1-based. */

it.each([
  [0, 'A'],
  [25, 'Z'],
  [26, 'AA'],
  [701, 'ZZ'],
  [702, 'AAA'],
  [16_383, 'XFD'],
])('columnName(%i) is %s and back', (col, name) => {
  expect(columnName(col)).toBe(name);
  expect(columnIndex0(name)).toBe(col);
  expect(columnIndex0(name.toLowerCase())).toBe(col);
});

it.each([
  ['A1', { start: { row: 0, col: 0 }, end: { row: 0, col: 0 } }],
  ['$C$3:A1', { start: { row: 0, col: 0 }, end: { row: 2, col: 2 } }],
  ['H:H', { start: { row: 0, col: 7 }, end: { row: 1_048_575, col: 7 } }],
  ['2:2', { start: { row: 1, col: 0 }, end: { row: 1, col: 16_383 } }],
])('parseRange(%j)', (address, range) => {
  expect(parseRange(address)).toEqual(range);
});

it('layout wrappers agree with domain/address for columns 1..20000', () => {
  const disagreements: string[] = [];
  for (let n = 1; n <= 20_000; n++) {
    const letters = columnLetter(n);
    const ok =
      letters === columnName(n - 1) &&
      columnIndex(letters) === n &&
      columnIndex(letters.toLowerCase()) === n &&
      cellAddress(n, 7) === cellAddress0({ col: n - 1, row: 6 }) &&
      (letters.length > 3 || parseAddress(`${letters}7`).column === parseCell(`${letters}7`).col + 1);
    if (!ok) disagreements.push(`${n} ${letters}`);
  }
  expect(disagreements).toEqual([]);
  expect(columnLetter(20_000)).toBe('ACOF');
});

// layout's documented contract, kept when it moved onto domain/address: RangeError on bad input, no trimming,
// any number of letters. parseCell differs (trims, 1–3 letters, plain Error), which is why layout keeps its regex.
it.each([
  ['columnLetter(0)', () => columnLetter(0)],
  ['columnLetter(-1)', () => columnLetter(-1)],
  ['columnLetter(1.5)', () => columnLetter(1.5)],
  ['columnLetter(NaN)', () => columnLetter(NaN)],
  ['columnIndex("")', () => columnIndex('')],
  ['columnIndex("A1")', () => columnIndex('A1')],
  ['columnIndex(" A")', () => columnIndex(' A')],
  ['parseAddress("A")', () => parseAddress('A')],
  ['parseAddress(" A1")', () => parseAddress(' A1')],
  ['parseAddress("A1:B2")', () => parseAddress('A1:B2')],
  ['cellAddress(0, 1)', () => cellAddress(0, 1)],
])('%s throws a RangeError', (_, f) => {
  expect(f).toThrow(RangeError);
});

it('parseAddress accepts $ markers and more than three letters; parseCell trims', () => {
  expect(parseAddress('$h$7')).toEqual({ column: 8, row: 7 });
  expect(parseAddress('AAAA1')).toEqual({ column: 18_279, row: 1 });
  expect(parseCell(' B2 ')).toEqual({ row: 1, col: 1 });
  expect(() => parseCell('AAAA1')).toThrow('not a cell address');
});

it('the plan sheet keeps its columns A…P', () => {
  const spec = buildPlanSheet(builtinPlan());
  const rows = builtinPlan().campaigns.reduce((n, c) => n + c.indicators.length, 0);
  expect(PLAN_COLUMNS).toHaveLength(16);
  expect(spec.columnWidths?.map((c) => c.column)).toEqual('ABCDEFGHIJKLMNOP'.split(''));
  expect(spec.merges).toEqual(['A3:P3']);
  expect(spec.table?.range).toBe(`A4:P${4 + rows}`);
});
