import {
  absoluteRef,
  cellAddress,
  columnLetters,
  columnNumber,
  contains,
  parseCell,
  parseRange,
  parseRanges,
  rangeAddress,
} from '../../../src/domain/grid/address';
import { builtinPlan } from '../../../src/domain/plan/builtin';
import { buildPlanSheet, PLAN_COLUMNS } from '../../../src/domain/plan/planSheet';

/** src/domain/grid/address.ts is the one source of column letters and A1 addresses, 1-based as Excel numbers them. */

it.each([
  [1, 'A'],
  [26, 'Z'],
  [27, 'AA'],
  [702, 'ZZ'],
  [703, 'AAA'],
  [16_384, 'XFD'],
])('columnLetters(%i) is %s and back', (column, letters) => {
  expect(columnLetters(column)).toBe(letters);
  expect(columnNumber(letters)).toBe(column);
  expect(columnNumber(letters.toLowerCase())).toBe(column);
});

it.each([
  ['A1', { start: { row: 1, column: 1 }, end: { row: 1, column: 1 } }],
  ['$C$3:A1', { start: { row: 1, column: 1 }, end: { row: 3, column: 3 } }],
  ['H:H', { start: { row: 1, column: 8 }, end: { row: 1_048_576, column: 8 } }],
  ['2:2', { start: { row: 2, column: 1 }, end: { row: 2, column: 16_384 } }],
])('parseRange(%j)', (address, range) => {
  expect(parseRange(address)).toEqual(range);
});

it('rangeAddress writes a range back, a single cell without a colon', () => {
  expect(rangeAddress(parseRange('$C$3:A1'))).toBe('A1:C3');
  expect(rangeAddress(parseRange('B2'))).toBe('B2');
});

it('letters, numbers and addresses agree for columns 1..20000', () => {
  const disagreements: string[] = [];
  for (let n = 1; n <= 20_000; n++) {
    const letters = columnLetters(n);
    const ok =
      columnNumber(letters) === n &&
      columnNumber(letters.toLowerCase()) === n &&
      cellAddress(n, 7) === `${letters}7` &&
      parseCell(`${letters}7`).column === n &&
      parseCell(`${letters}7`).row === 7;
    if (!ok) disagreements.push(`${n} ${letters}`);
  }
  expect(disagreements).toEqual([]);
  expect(columnLetters(20_000)).toBe('ACOF');
});

// The contract: RangeError on bad input, no trimming, any number of letters.
it.each([
  ['columnLetters(0)', () => columnLetters(0)],
  ['columnLetters(-1)', () => columnLetters(-1)],
  ['columnLetters(1.5)', () => columnLetters(1.5)],
  ['columnLetters(NaN)', () => columnLetters(NaN)],
  ['columnNumber("")', () => columnNumber('')],
  ['columnNumber("A1")', () => columnNumber('A1')],
  ['columnNumber(" A")', () => columnNumber(' A')],
  ['parseCell("A")', () => parseCell('A')],
  ['parseCell(" A1")', () => parseCell(' A1')],
  ['parseCell("A1:B2")', () => parseCell('A1:B2')],
  ['parseCell("A0")', () => parseCell('A0')],
  ['cellAddress(0, 1)', () => cellAddress(0, 1)],
  ['cellAddress(1, 0)', () => cellAddress(1, 0)],
  ['parseRange("A1:B2:C3")', () => parseRange('A1:B2:C3')],
])('%s throws a RangeError', (_, f) => {
  expect(f).toThrow(RangeError);
});

it('parseCell accepts $ markers and more than three letters', () => {
  expect(parseCell('$h$7')).toEqual({ column: 8, row: 7 });
  expect(parseCell('AAAA1')).toEqual({ column: 18_279, row: 1 });
  expect(absoluteRef('F5')).toBe('$F$5');
});

it('lists of ranges, and containment', () => {
  const [a, b] = parseRanges('A1:A3, C5');
  expect(a && contains(a, { row: 3, column: 1 })).toBe(true);
  expect(a && contains(a, { row: 4, column: 1 })).toBe(false);
  expect(b).toEqual({ start: { row: 5, column: 3 }, end: { row: 5, column: 3 } });
});

it('the plan sheet keeps its columns A…P; version 2 adds 配合部门 and the English names (Q…S), version 3 权重 and 1–12月计划 (T…AF) and the settings block after a blank column (AH…AK)', () => {
  const spec = buildPlanSheet(builtinPlan());
  const rows = builtinPlan().campaigns.reduce((n, c) => n + c.indicators.length, 0);
  expect(PLAN_COLUMNS).toHaveLength(32);
  expect(PLAN_COLUMNS.slice(16, 20).map(([key]) => key)).toEqual([
    'contributors',
    'campaignNameEn',
    'nameEn',
    'weight',
  ]);
  expect(PLAN_COLUMNS.slice(20).map(([, label]) => label)).toEqual(
    Array.from({ length: 12 }, (_, i) => `${i + 1}月计划`),
  );
  const letters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'AA', 'AB', 'AC', 'AD', 'AE', 'AF', 'AG', 'AH', 'AI', 'AJ', 'AK'];
  expect(spec.columnWidths?.map((c) => c.column)).toEqual(letters);
  expect(spec.merges).toEqual(['A3:AF3']);
  expect(spec.table?.range).toBe(`A4:AF${4 + rows}`);
  expect(spec.blocks.map((b) => b.at)).toEqual(['A2', 'A3', 'A4', 'AH2', 'AH4']);
});
