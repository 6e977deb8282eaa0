import type { LiteralValue } from '../../../../src/domain/grid/cells';
import type { SheetSpec } from '../../../../src/domain/grid/sheetSpec';
import { encodeMarker } from '../../../../src/domain/grid/ownSheets';
import {
  CIRCULAR_REFERENCE,
  dependencyOrder,
  evaluateBook,
  type FormulaBook,
} from '../../../../src/workbook/files/formulas/evaluate';
import { calls, parseFormula } from '../../../../src/workbook/files/formulas/parser';
import { evaluateSpecs, specBook } from '../../../../src/workbook/files/formulas/specs';
import { numberToText, textToNumber } from '../../../../src/workbook/files/formulas/values';
import { gridBook } from './grid';

/** The evaluator as a whole: books, circles, long chains, unreadable formulas, and the specs' convenience. */

const CIRCLE = CIRCULAR_REFERENCE;

/** A one-column sheet of `count` cells, each from `cell(row)`, without materialising a grid. */
function column(name: string, count: number, cell: (row: number) => string | number): FormulaBook['sheets'][number] {
  return {
    name,
    rows: count,
    columns: 1,
    cell: (row) => {
      const v = cell(row);
      return typeof v === 'string' ? { formula: v } : { value: v };
    },
  };
}

describe('evaluateBook', () => {
  it('gives every formula cell of every sheet by A1 address, and nothing for literal cells', () => {
    const out = evaluateBook(
      gridBook({
        S: [
          [1, '=A1+1'],
          ['x', '=B1*2'],
        ],
        T: [['=S!B2&"!"']],
      }),
    );
    expect([...(out.get('S') ?? [])]).toEqual([
      ['B1', 2],
      ['B2', 4],
    ]);
    expect([...(out.get('T') ?? [])]).toEqual([['A1', '4!']]);
  });

  it('computes a formula after the formulas it reads, whatever their order on the sheet', () => {
    const out = evaluateBook(gridBook({ S: [['=B1+C1', '=C1*10', '=D1+1', 4]] }));
    expect(out.get('S')?.get('A1')).toBe(55);
  });

  it.each([
    ['a cell reading itself', { S: [['=A1+1']] }, ['A1']],
    ['two cells reading each other', { S: [['=B1', '=A1']] }, ['A1', 'B1']],
    ['a circle through another sheet', { S: [['=T!A1']], T: [['=S!A1*2']] }, ['A1']],
    ['MAX over a range that holds its own formula', { S: [[1, '=MAX(A1:B1)']] }, ['B1']],
    ['COUNTIF over a range that holds its own formula', { S: [[1, '=COUNTIF(A1:B1,1)']] }, ['B1']],
  ])('%s is a circular reference, not a hang: %j', (_, sheets, circular) => {
    const out = evaluateBook(gridBook(sheets));
    for (const address of circular) expect(out.get('S')?.get(address)).toEqual(CIRCLE);
  });

  it('a circle’s dependents get its error; cells beside it are computed', () => {
    const out = evaluateBook(gridBook({ S: [['=B1', '=A1', '=A1+1', '=IFERROR(B1,7)', 5, '=E1*2']] }));
    expect([...(out.get('S')?.values() ?? [])]).toEqual([CIRCLE, CIRCLE, CIRCLE, 7, 10]);
  });

  it('a 100,000-cell chain is computed without deep recursion, in either direction', () => {
    const n = 100_000;
    const down = evaluateBook({ sheets: [column('S', n, (r) => (r === 1 ? 1 : `=A${r - 1}+1`))] });
    expect(down.get('S')?.get(`A${n}`)).toBe(n);
    const up = evaluateBook({ sheets: [column('S', n, (r) => (r === n ? 0 : `=A${r + 1}+1`))] });
    expect(up.get('S')?.get('A1')).toBe(n - 1);
  });

  it('a 100,000-cell circle gives every cell the circular error', () => {
    const n = 100_000;
    const out = evaluateBook({ sheets: [column('S', n, (r) => `=A${r === n ? 1 : r + 1}`)] });
    const values = [...(out.get('S')?.values() ?? [])];
    expect(values.length).toBe(n);
    expect(values.every((v) => v === CIRCLE)).toBe(true);
  });

  it('a formula it cannot read is #NAME? (never an exception); unknown functions and names too', () => {
    const out = evaluateBook(gridBook({ S: [['=1+', '=SUM(1;2)', '=NOPE(1)', '=nope', '={1,2}']] }));
    expect([...(out.get('S')?.values() ?? [])]).toEqual(Array.from({ length: 5 }, () => ({ error: '#NAME?' })));
  });

  it('a reference to a sheet not in the book is #REF!', () => {
    expect(
      evaluateBook(gridBook({ S: [["='汇总'!G6"]] }))
        .get('S')
        ?.get('A1'),
    ).toEqual({ error: '#REF!' });
  });

  it('whole columns count their blank rows without visiting them', () => {
    const out = evaluateBook(
      gridBook({ S: [[1, '=COUNTIF(A:A,"<>1")', '=COUNTIF(A:A,"")', '=SUMIFS(A:A,A:A,"<>2")']] }),
    );
    expect([...(out.get('S')?.values() ?? [])]).toEqual([1_048_575, 1_048_575, 1]);
  });
});

describe('dependencyOrder', () => {
  it('puts each node after those it depends on, and marks the circles', () => {
    const deps: number[][] = [[1], [2], [], [3], [5], [4, 2]];
    const { order, circular } = dependencyOrder(deps.length, (i) => deps[i] ?? []);
    const at = (n: number) => order.indexOf(n);
    expect(at(2)).toBeLessThan(at(1));
    expect(at(1)).toBeLessThan(at(0));
    expect([...circular]).toEqual([0, 0, 0, 1, 1, 1]);
  });
});

describe('parseFormula', () => {
  it.each([
    ['=1+'],
    ['=(1'],
    ['="abc'],
    ["='S'A1"],
    ['=#FOO!'],
    ['=SUM(1;2)'],
    ['={1,2}'],
    ['=A1:'],
    ['=1 2'],
    ['=' + '('.repeat(300) + '1' + ')'.repeat(300)],
  ])('reports where %s cannot be read', (formula) => {
    const r = parseFormula(formula);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.at).toBeGreaterThanOrEqual(0);
  });

  it('reads a long run of operators flat (one chain, not a deep tree)', () => {
    const r = parseFormula('=' + Array.from({ length: 4000 }, () => '1').join('+'));
    expect(r.ok && r.ast.kind === 'chain' && r.ast.rest.length).toBe(3999);
    const out = evaluateBook(gridBook({ S: [['=' + Array.from({ length: 4000 }, () => '1').join('+')]] }));
    expect(out.get('S')?.get('A1')).toBe(4000);
  });

  it('lists the functions a formula calls, with their argument counts', () => {
    const r = parseFormula('=IF(ISBLANK(H6),"",KPI.ATTAINMENT(H6,F6,"total"))+IF(1,2)');
    expect(r.ok && Object.fromEntries(calls(r.ast))).toEqual({ IF: [3, 2], ISBLANK: [1], 'KPI.ATTAINMENT': [3] });
  });

  it.each([
    ["='部门 表'!H6", { kind: 'reference', sheet: '部门 表', top: 6, left: 8, bottom: 6, right: 8 }],
    ["='it''s'!$A$1", { kind: 'reference', sheet: "it's", top: 1, left: 1, bottom: 1, right: 1 }],
    ['=Sheet1!B2:A1', { kind: 'reference', sheet: 'Sheet1', top: 1, left: 1, bottom: 2, right: 2 }],
    ['=$H:$H', { kind: 'reference', top: 1, left: 8, bottom: 1_048_576, right: 8 }],
    ['=2:$3', { kind: 'reference', top: 2, left: 1, bottom: 3, right: 16_384 }],
    ['=XFD1048576', { kind: 'reference', top: 1_048_576, left: 16_384, bottom: 1_048_576, right: 16_384 }],
    ['=XFE1', { kind: 'name', name: 'XFE1' }],
  ])('reads the reference %s', (formula, ast) => {
    expect(parseFormula(formula)).toEqual({ ok: true, ast });
  });
});

describe('values', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [12, '12'],
    [-3.5, '-3.5'],
    [1 / 3, '0.333333333333333'],
    [0.1 + 0.2, '0.3'],
    [123456789012345, '123456789012345'],
    [1234567890123456, '1.23456789012346E+15'],
    [1e15, '1E+15'],
    [1e100, '1E+100'],
    [0.0001, '0.0001'],
    [1.5e-7, '0.00000015'],
    [1e-9, '0.000000001'],
    [1e-10, '1E-10'],
    [-2.5e-12, '-2.5E-12'],
  ])('numberToText(%p) is %p', (n, text) => {
    expect(numberToText(n)).toBe(text);
  });

  it.each([
    ['12', 12],
    [' -1,234.5 ', -1234.5],
    ['1,00', undefined],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['10%', 0.1],
    ['$5', 5],
    ['-$5', -5],
    ['(5)', -5],
    ['2019-06-30', 43646],
    ['2019/6/30', 43646],
    ['6/30/2019', 43646],
    ['', undefined],
    ['   ', undefined],
    ['abc', undefined],
    ['１２', undefined],
    ['1e999', undefined],
    ['.', undefined],
    ['e5', undefined],
    ['TRUE', undefined],
  ])('textToNumber(%p) is %p', (text, n) => {
    expect(textToNumber(text)).toBe(n);
  });
});

describe('evaluateSpecs', () => {
  const spec: SheetSpec = {
    name: '部门 表',
    marker: { type: 'kpi-template', version: 1 },
    styles: {},
    blocks: [
      { at: 'A2', rows: [[{ value: 'x' }, { formula: '=LEN(A1)' }]] },
      {
        at: 'F6',
        rows: [[{ value: 7 }, null, { value: null }, { formula: '=IF(ISBLANK(H6),"",H6/F6)' }]],
      },
      { at: 'A2', rows: [[null, { formula: '=ISTEXT(A2)' }]] },
    ],
  };
  const summary: SheetSpec = {
    name: '汇总',
    styles: {},
    blocks: [{ at: 'A1', rows: [[{ formula: "='部门 表'!I6" }, { value: 3 }]] }],
  };

  it('writes the cells as an adapter does (a later block over an earlier one, the marker in A1) and computes them', () => {
    const cached = evaluateSpecs([spec, summary]);
    const sheet = cached.get('部门 表');
    expect(sheet?.('B2')).toBe(true);
    expect(sheet?.('I6')).toBe('');
    expect(sheet?.('F6')).toBeUndefined();
    expect(cached.get('汇总')?.('A1')).toBe('');
    expect(specBook([spec]).sheets[0]?.cell(1, 1)).toEqual({
      value: encodeMarker({ type: 'kpi-template', version: 1 }),
    });
  });

  it('computes them with values typed into input cells, looked up by any spelling of the address', () => {
    const typed = new Map([['部门 表', new Map<string, LiteralValue>([['H6', 3.5]])]]);
    const cached = evaluateSpecs([spec, summary], typed);
    expect(cached.get('部门 表')?.('I6')).toBe(0.5);
    expect(cached.get('部门 表')?.('$I$6')).toBe(0.5);
    expect(cached.get('部门 表')?.('i6')).toBe(0.5);
    expect(cached.get('汇总')?.('A1')).toBe(0.5);
    expect(cached.get('汇总')?.('not an address')).toBeUndefined();
  });

  it('a value typed over a formula replaces it', () => {
    const typed = new Map([['部门 表', new Map([['I6', 9]])]]);
    const cached = evaluateSpecs([spec, summary], typed);
    expect(cached.get('部门 表')?.('I6')).toBeUndefined();
    expect(cached.get('汇总')?.('A1')).toBe(9);
  });
});
