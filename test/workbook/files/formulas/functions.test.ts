import type { CellValue } from '../../../../src/domain/grid/cells';
import { evaluateOne, type GridCell } from './grid';
import { hyperFormulaOne } from './hyperformula';

/**
 * The evaluator, operator by operator and function by function (table-driven): each case is the formula in B1 of a
 * sheet "S" whose column A holds `cells`, with the value Excel gives. Every case is also run in HyperFormula: where
 * it gives another value, the case says so (`hf`), so that this file is the list of the differences between the two
 * (docs/formulas.md) — none of them reachable from a formula the builders write (equivalence.test.ts).
 */

interface Case {
  readonly formula: string;
  readonly cells?: readonly GridCell[];
  readonly want: CellValue;
  /** HyperFormula's value where it differs from Excel's; 'unparsed' where it does not read the formula. */
  readonly hf?: CellValue | 'unparsed';
  readonly others?: Readonly<Record<string, readonly (readonly GridCell[])[]>>;
}

const E = (error: string): CellValue => ({ error });
const NA = E('#N/A');
const VALUE = E('#VALUE!');
const DIV0 = E('#DIV/0!');
const NUM = E('#NUM!');
const NAME = E('#NAME?');
const REF = E('#REF!');
const BLANK = undefined;

/** A value as compared: numbers to 12 significant digits (the cases' expectations are written as decimals). */
const shown = (v: CellValue | 'unparsed' | undefined): unknown =>
  typeof v === 'number' ? Number(v.toPrecision(12)) : v;

function hf(c: Case): CellValue | 'unparsed' {
  try {
    const v = hyperFormulaOne(c.formula, c.cells, c.others);
    return typeof v === 'object' && v?.error === '#ERROR!' ? 'unparsed' : v; // its parse error
  } catch {
    return 'unparsed';
  }
}

function table(title: string, cases: readonly Case[]): void {
  describe(title, () => {
    it.each(cases.map((c) => [`${c.formula} ${c.cells ? JSON.stringify(c.cells) : ''}`.trim(), c] as const))(
      '%s',
      (_, c) => {
        expect(shown(evaluateOne(c.formula, c.cells, c.others))).toEqual(shown(c.want));
        expect({ hyperFormula: shown(hf(c)) }).toEqual({ hyperFormula: shown(c.hf === undefined ? c.want : c.hf) });
      },
    );
  });
}

table('literals', [
  { formula: '=1.5', want: 1.5 },
  { formula: '=.5', want: 0.5 },
  { formula: '=1e3', want: 1000 },
  { formula: '=1E-9*2', want: 2e-9, hf: 'unparsed' },
  { formula: '=0.000000001', want: 1e-9 },
  { formula: '="a""b"', want: 'a"b', hf: 'unparsed' },
  { formula: '=""', want: '' },
  { formula: '="全部一致（"&50&" 项）"', want: '全部一致（50 项）' },
  { formula: '=TRUE()', want: true },
  { formula: '=FALSE()', want: false },
  { formula: '=TRUE', want: true, hf: NAME },
  { formula: '=false', want: false, hf: NAME },
  { formula: '=#N/A', want: NA },
  { formula: '=#DIV/0!', want: DIV0 },
  { formula: '=#NUM!', want: NUM },
  { formula: '=#VALUE!', want: VALUE },
  { formula: '=#REF!', want: REF },
  { formula: '=#NAME?', want: NAME },
  { formula: '=#NULL!', want: E('#NULL!'), hf: 'unparsed' },
  { formula: '= 1 + 2 ', want: 3 },
  { formula: '=1e999', want: NUM },
]);

table('operators and precedence', [
  { formula: '=1+2*3', want: 7 },
  { formula: '=(1+2)*3', want: 9 },
  { formula: '=7-2-1', want: 4 },
  { formula: '=8/2/2', want: 2 },
  { formula: '=2^3^2', want: 64 },
  { formula: '=-2^2', want: 4 },
  { formula: '=2^-1', want: 0.5 },
  { formula: '=2*-3', want: -6 },
  { formula: '=--"3"', want: 3 },
  { formula: '=+"a"', want: 'a' },
  { formula: '=5%', want: 0.05 },
  { formula: '=-5%', want: -0.05 },
  { formula: '=50%%', want: 0.005, hf: 'unparsed' },
  { formula: '=200%*3', want: 6 },
  { formula: '=1+2&"x"', want: '3x' },
  { formula: '="a"&"b"="AB"', want: true },
  { formula: '=1<2=TRUE()', want: true },
  { formula: '=1/0', want: DIV0 },
  { formula: '=A1/0', cells: [BLANK], want: DIV0 },
  { formula: '=0/0', want: DIV0 },
  { formula: '=1e308*10', want: NUM },
  { formula: '=1e308+1e308-1e308', want: NUM },
  { formula: '=(-1)^0.5', want: NUM },
  { formula: '=0^0', want: NUM, hf: 1 },
  { formula: '=0^-1', want: DIV0, hf: NUM },
  { formula: '="a"+1', want: VALUE },
  { formula: '=-"a"', want: VALUE },
  { formula: '=TRUE()+1', want: 2 },
  { formula: '="3"*"4"', want: 12 },
  { formula: '=" 1,000 "+0', want: 1000, hf: VALUE },
  { formula: '="10%"*1', want: 0.1 },
  { formula: '=""+1', want: VALUE, hf: 1 },
  { formula: '="１２"+0', want: VALUE },
  { formula: '=1&TRUE()', want: '1TRUE' },
  { formula: '=""&1/3', want: '0.333333333333333', hf: '0.3333333333333333' },
  { formula: '=""&(0.1+0.2)', want: '0.3', hf: '0.30000000000000004' },
  { formula: '=""&1e20', want: '1E+20', hf: '100000000000000000000' },
  { formula: '=""&-0.0000001', want: '-0.0000001', hf: '-1e-7' },
]);

table('errors propagate, the left one first', [
  { formula: '=#N/A+#DIV/0!', want: NA },
  { formula: '=1/0+#N/A', want: DIV0 },
  { formula: '=#N/A=1', want: NA },
  { formula: '=1&#NUM!', want: NUM },
  { formula: '=-#N/A', want: NA },
  { formula: '=A1+1', cells: [E('#N/A')], want: NA },
  { formula: '=ABS(NA())', want: NA },
  { formula: '=ISNUMBER(1/0)', want: false },
  { formula: '=ISBLANK(NA())', want: false },
]);

table('blank cells: 0, "" or FALSE as the other side is; never equal to a formula', [
  { formula: '=A1', cells: [BLANK], want: 0, hf: null },
  { formula: '=A1+1', cells: [BLANK], want: 1 },
  { formula: '=A1&"x"', cells: [BLANK], want: 'x' },
  { formula: '=A1=""', cells: [BLANK], want: true },
  { formula: '=A1=0', cells: [BLANK], want: true },
  { formula: '=A1=FALSE()', cells: [BLANK], want: true },
  { formula: '=A1<1', cells: [BLANK], want: true },
  { formula: '=A1=A2', cells: [BLANK, BLANK], want: true },
  { formula: '=ISBLANK(A1)', cells: [BLANK], want: true },
  { formula: '=LEN(A1)', cells: [BLANK], want: 0 },
  { formula: '=IF(A1,1,2)', cells: [BLANK], want: 2 },
  { formula: '=ISBLANK(A2)', cells: [1, '=""'], want: false },
  { formula: '=ISBLANK(A1)', cells: [''], want: false },
  { formula: '=ISTEXT(A1)', cells: [''], want: true },
  { formula: '=A1=""', cells: ['=""'], want: true },
  { formula: '=A1=0', cells: ['=""'], want: false },
  { formula: '=A1+1', cells: ['=""'], want: VALUE, hf: 1 },
  { formula: '=ISBLANK(A2)', cells: [BLANK, '=A1'], want: false, hf: true },
  { formula: '=ISNUMBER(A2)', cells: [BLANK, '=A1'], want: true, hf: false },
]);

table('comparisons: numbers < texts < booleans, texts without regard to case, numbers exactly', [
  { formula: '="a"="A"', want: true },
  { formula: '="a"<"B"', want: true },
  { formula: '="abc"<"abd"', want: true },
  { formula: '="a"<1', want: false },
  { formula: '="a">1', want: true },
  { formula: '=TRUE()>1', want: true },
  { formula: '=TRUE()>"z"', want: true },
  { formula: '=FALSE()<TRUE()', want: true },
  { formula: '="12"=12', want: false },
  { formula: '="数据有误"="数据有误"', want: true },
  { formula: '=1=1.0000000000000002', want: false },
  { formula: '=0.1+0.2=0.3', want: false },
  { formula: '=0.3-0.1-0.2<0', want: true },
  { formula: '=1<>1', want: false },
  { formula: '=2>=2', want: true },
  { formula: '=2<=1', want: false },
  { formula: '="é"="e"', want: false, hf: true },
  { formula: '="2019-06-30"=43646', want: false },
  { formula: '="30/06/2019"=43646', want: false, hf: true },
]);

table('IF, IFERROR and CHOOSE evaluate only what they return; AND and OR everything', [
  { formula: '=IF(TRUE(),1,1/0)', want: 1 },
  { formula: '=IF(FALSE(),1/0,2)', want: 2 },
  { formula: '=IF(1/0,1,2)', want: DIV0 },
  { formula: '=IF("abc",1,2)', want: VALUE },
  { formula: '=IF("true",1,2)', want: 1 },
  { formula: '=IF(0,1)', want: false },
  { formula: '=IF(2,"y","n")', want: 'y' },
  { formula: '=IF(A1:A3>1,"y","n")', cells: [1, 2, 3], want: 'n' },
  { formula: '=IFERROR(1/0,"x")', want: 'x' },
  { formula: '=IFERROR(1,1/0)', want: 1 },
  { formula: '=IFERROR(NA(),2)', want: 2 },
  { formula: '=IFERROR(A1,"x")', cells: [E('#N/A')], want: 'x' },
  { formula: '=CHOOSE(2,1/0,"b")', want: 'b' },
  { formula: '=CHOOSE(3,1,2)', want: VALUE, hf: NUM },
  { formula: '=CHOOSE(0,1,2)', want: VALUE, hf: NUM },
  { formula: '=CHOOSE(2.7,"a","b","c")', want: 'b', hf: NUM },
  { formula: '=CHOOSE(MONTH(43646),0.2,0.4,0.7,1.2,2.2,3.15,3.6,4.2,4.9,5.6,6.3,7)/7', want: 0.45 },
  { formula: '=AND(FALSE(),1/0)', want: DIV0 },
  { formula: '=OR(TRUE(),NA())', want: NA },
  { formula: '=AND(TRUE(),1)', want: true },
  { formula: '=AND(1,0)', want: false },
  { formula: '=OR(0,0)', want: false },
  { formula: '=OR(FALSE(),2)', want: true },
  { formula: '=AND("TRUE",TRUE())', want: true },
  { formula: '=AND("x",TRUE())', want: VALUE },
  { formula: '=AND(A1:A3)', cells: [1, 'x', BLANK], want: true, hf: false },
  { formula: '=OR(A1:A3)', cells: [0, 'x', false], want: false },
  { formula: '=AND(A1)', cells: ['x'], want: VALUE },
  { formula: '=AND(A1,TRUE())', cells: ['x'], want: true, hf: VALUE },
  { formula: '=OR(A1)', cells: [BLANK], want: VALUE, hf: false },
  { formula: '=NOT(TRUE())', want: false },
  { formula: '=NOT(0)', want: true },
  { formula: '=NOT(A1)', cells: [BLANK], want: true },
  { formula: '=NOT("x")', want: VALUE },
]);

table('information', [
  { formula: '=ISBLANK(A1)', cells: [0], want: false },
  { formula: '=ISNUMBER(A1)', cells: [1.5], want: true },
  { formula: '=ISNUMBER(A1)', cells: ['1.5'], want: false },
  { formula: '=ISNUMBER(A1)', cells: [true], want: false },
  { formula: '=ISNUMBER(DATE(2019,6,30))', want: true },
  { formula: '=ISTEXT(A1)', cells: ['abc'], want: true },
  { formula: '=ISTEXT(A1)', cells: [BLANK], want: false },
  { formula: '=ISTEXT(A1)', cells: [1], want: false },
  { formula: '=ISLOGICAL(A1)', cells: [false], want: true },
  { formula: '=ISLOGICAL(A1)', cells: ['TRUE'], want: false },
  { formula: '=ISLOGICAL(1=1)', want: true },
  { formula: '=NA()', want: NA },
]);

table('numbers', [
  { formula: '=ABS(-3)', want: 3 },
  { formula: '=ABS("-3")', want: 3 },
  { formula: '=ABS("x")', want: VALUE },
  { formula: '=ABS(A1)', cells: [BLANK], want: 0 },
  { formula: '=INT(1.5)', want: 1 },
  { formula: '=INT(-1.5)', want: -2, hf: -1 },
  { formula: '=INT(TRUE())', want: 1 },
  { formula: '=A1<>INT(A1)', cells: [2.5], want: true },
  { formula: '=A1<>INT(A1)', cells: [-3], want: false },
  { formula: '=MAX(1,3,2)', want: 3 },
  { formula: '=MAX(1,ABS(-7),ABS(A1))', cells: [-2], want: 7 },
  { formula: '=MAX(A1:A3)', cells: [1, 'x', 5], want: 5 },
  { formula: '=MAX(A1:A3)', cells: ['x', true, BLANK], want: 0 },
  { formula: '=MAX(-1,A1)', cells: [BLANK], want: -1 },
  { formula: '=MAX("5",1)', want: 5 },
  { formula: '=MAX("x",1)', want: VALUE },
  { formula: '=MAX(TRUE(),0)', want: 1 },
  { formula: '=MAX(A1:A2)', cells: [1, E('#DIV/0!')], want: DIV0 },
]);

table('text', [
  { formula: '=LEN("abc")', want: 3 },
  { formula: '=LEN(123.5)', want: 5 },
  { formula: '=LEN(TRUE())', want: 4 },
  { formula: '=LEN("😀")', want: 2 },
  { formula: '=LEN("已核实")', want: 3 },
  { formula: '=TRIM("  a   b  ")', want: 'a b' },
  { formula: '=TRIM(A1)', cells: ['\u3000a\u00a0'], want: '\u3000a\u00a0' },
  { formula: '=CLEAN(A1)', cells: ['a\tb\nc\u0001'], want: 'abc' },
  { formula: '=SUBSTITUTE("aaa","a","b")', want: 'bbb' },
  { formula: '=SUBSTITUTE("aaa","a","b",2)', want: 'aba' },
  { formula: '=SUBSTITUTE("aaa","a","b",4)', want: 'aaa' },
  { formula: '=SUBSTITUTE("aaa","a","b",0)', want: VALUE },
  { formula: '=SUBSTITUTE("a.b.c",".","")', want: 'abc' },
  { formula: '=SUBSTITUTE("abab","ab","x",2)', want: 'abx' },
  { formula: '=SUBSTITUTE("abc","","x")', want: 'abc', hf: 'xaxbxcx' },
  { formula: '=SUBSTITUTE(SUBSTITUTE(A1,"\u3000"," "),"\u00a0"," ")', cells: ['\u3000x\u00a0'], want: ' x ' },
  {
    formula: '=LEN(TRIM(CLEAN(SUBSTITUTE(SUBSTITUTE(A1,"\u3000"," "),"\u00a0"," "))))=0',
    cells: ['\u3000 \u00a0\t'],
    want: true,
  },
  { formula: '=FIND("b","abc")', want: 2 },
  { formula: '=FIND("B","abc")', want: VALUE },
  { formula: '=FIND("","abc")', want: 1 },
  { formula: '=FIND("a","")', want: VALUE },
  { formula: '=FIND("c","abcabc",4)', want: 6 },
  { formula: '=FIND("a","abc",0)', want: VALUE },
  { formula: '=FIND("a","abc",4)', want: VALUE },
  { formula: '=ISNUMBER(FIND("已核实",A1))', cells: ['数据已核实，含新投产企业'], want: true },
  { formula: '=ISNUMBER(FIND("已核实",A1))', cells: [BLANK], want: false },
  { formula: '=ISNUMBER(FIND("已核实",A1))', cells: [5], want: false },
  { formula: '=SEARCH("B","abc")', want: 2 },
  { formula: '=SEARCH("a?c","xabcx")', want: 2 },
  { formula: '=SEARCH("b*d","abcde")', want: 2 },
  { formula: '=SEARCH("~?","a?b")', want: 2 },
  { formula: '=SEARCH("z","abc")', want: VALUE },
  { formula: '=ISNUMBER(SEARCH("逾期",A1))', cells: ['已报（逾期 3 天）'], want: true },
  { formula: '=LEFT("abc",2)', want: 'ab' },
  { formula: '=LEFT("abc")', want: 'a' },
  { formula: '=LEFT("abc",10)', want: 'abc' },
  { formula: '=LEFT("abc",-1)', want: VALUE },
  { formula: '=LEFT(123.5,2)', want: '12' },
  { formula: '=LEFT(A1,3)="数据有"', cells: ['数据有误（H7）'], want: true },
  { formula: '=VALUE("12")', want: 12 },
  { formula: '=VALUE(" 1,000 ")', want: 1000, hf: VALUE },
  { formula: '=VALUE("10%")', want: 0.1 },
  { formula: '=VALUE("(5)")', want: -5 },
  { formula: '=VALUE("$5")', want: 5 },
  { formula: '=VALUE("1e3")', want: 1000 },
  { formula: '=VALUE("2019-06-30")', want: 43646, hf: VALUE },
  { formula: '=VALUE("abc")', want: VALUE },
  { formula: '=VALUE("")', want: VALUE },
  { formula: '=VALUE("１２")', want: VALUE },
  { formula: '=VALUE(A1)', cells: [BLANK], want: 0, hf: VALUE },
  { formula: '=VALUE(TRUE())', want: VALUE },
]);

table('dates: serials of the 1900 date system', [
  { formula: '=DATE(2019,6,30)', want: 43646 },
  { formula: '=DATE(2019,13,1)', want: 43831 },
  { formula: '=DATE(2019,1,0)', want: 43465 },
  { formula: '=DATE(2019,0,1)', want: 43435 },
  { formula: '=DATE(119,1,1)', want: 43466 },
  { formula: '=DATE(2019.9,6.9,30.9)', want: 43646 },
  { formula: '=DATE(1900,3,1)', want: 61 },
  { formula: '=DATE(1900,2,29)', want: 60, hf: 61 },
  { formula: '=DATE(1900,1,1)', want: 1, hf: 2 },
  { formula: '=DATE(-1,1,1)', want: NUM },
  { formula: '=DATE(10000,1,1)', want: NUM },
  { formula: '=YEAR(43646)', want: 2019 },
  { formula: '=MONTH(43646)', want: 6 },
  { formula: '=MONTH(43646.9)', want: 6 },
  { formula: '=MONTH(A1)', cells: [43830], want: 12 },
  { formula: '=MONTH(61)', want: 3 },
  { formula: '=MONTH(60)', want: 2 },
  { formula: '=MONTH(0)', want: 1, hf: 12 },
  { formula: '=YEAR(0)', want: 1900, hf: 1899 },
  { formula: '=MONTH(-1)', want: NUM },
  { formula: '=MONTH(2958466)', want: NUM, hf: 1 },
  { formula: '=MONTH("2019-06-30")', want: 6, hf: VALUE },
  { formula: '=MONTH("x")', want: VALUE },
  { formula: '=YEAR(DATE(2019,12,31))', want: 2019 },
  {
    formula: '=(A1-DATE(YEAR(A1),1,0))/(DATE(YEAR(A1),12,31)-DATE(YEAR(A1),1,0))',
    cells: [43646],
    want: 181 / 365,
  },
]);

const RANGE: readonly GridCell[] = [1, 2.5, '3', 'abc', 'aXc', BLANK, '', true, E('#N/A'), 'a*c', 0.9, -1];
const criteria = (criterion: string, want: CellValue, hf?: CellValue): Case => ({
  formula: `=COUNTIF(A1:A12,${criterion})`,
  cells: RANGE,
  want,
  ...(hf === undefined ? {} : { hf }),
});

table('COUNTIF criteria', [
  criteria('1', 1),
  criteria('"1"', 1),
  criteria('3', 1),
  criteria('">=0.9"', 3),
  criteria('">2"', 1),
  criteria('"<0"', 1),
  criteria('"<=1"', 3),
  criteria('"<>1"', 11),
  criteria('"abc"', 1),
  criteria('"ABC"', 1),
  criteria('"a?c"', 3),
  criteria('"a*"', 3),
  criteria('"a~*c"', 1),
  criteria('"*"', 5),
  criteria('"?"', 1, 2),
  criteria('"<>abc"', 11),
  criteria('""', 2, 1),
  criteria('"="', 1),
  criteria('"<>"', 11),
  criteria('TRUE()', 1),
  criteria('"TRUE"', 1),
  criteria('"#N/A"', 1, 0),
  criteria('A6', 0, VALUE),
  criteria('">abc"', 1, VALUE),
  criteria('1/0', DIV0),
  { formula: '=COUNTIF(A1:A3,3)', cells: [3, 2, 3], want: 2 },
  { formula: '=COUNTIF(A1:A5,"数据有误")', cells: [3, '数据有误', 0, '数据有误', 1], want: 2 },
  { formula: '=COUNTIF(A1:A3,0)', cells: [BLANK, 0, '0'], want: 2 },
  { formula: '=COUNTIF(A:A,">0")', cells: [1, 2, -3], want: 2 },
  { formula: '=COUNTIF(T!1:2,">0")', others: { T: [[1, 2, -3], [4]] }, want: 3 },
  { formula: '=COUNTIF(A1,1)', cells: [1], want: 1 },
  { formula: '=COUNTIF(1,1)', want: VALUE, hf: 1 },
  { formula: '=COUNTIF(A1:A3,"<>1")+COUNTIF(A1:A3,1)', cells: [1, BLANK, 'x'], want: 3 },
]);

table('COUNTIFS and SUMIFS', [
  { formula: '=COUNTIFS(A1:A4,"x",A1:A4,"<>y")', cells: ['x', 'X', 'y', BLANK], want: 2 },
  { formula: '=COUNTIFS(A1:A3,">0",A1:A3,"<3")', cells: [1, 2, 3], want: 2 },
  { formula: '=COUNTIFS(A1:A3,">0",A1:A2,"<3")', cells: [1, 2, 3], want: VALUE },
  { formula: '=COUNTIFS(A1:A3,">0",A1:A3)', cells: [1, 2, 3], want: NA },
  { formula: '=SUMIFS(A1:A3,A1:A3,">1")', cells: [1, 2, 3], want: 5 },
  { formula: '=SUMIFS(A1:A4,A1:A4,"<>0")', cells: [1, 'x', true, 2], want: 3 },
  { formula: '=SUMIFS(A1:A3,A1:A3,">1")', cells: [1, E('#N/A'), 3], want: 3 },
  { formula: '=SUMIFS(A1:A3,A1:A3,"<>0")', cells: [1, E('#N/A'), 3], want: NA },
  { formula: '=SUMIFS(A1:A3,A1:A2,1)', cells: [1, 2, 3], want: VALUE },
  { formula: '=SUMIFS(A:A,A:A,">1")', cells: [1, 2, 3], want: 5 },
  { formula: '=SUMIFS(A1:A3,A1:A3,"x")', cells: [1, 2, 3], want: 0 },
  {
    formula: "=SUMIFS('明细'!$C$1:$C$3,'明细'!$A$1:$A$3,A1,'明细'!$B$1:$B$3,TRUE())",
    cells: ['C2-01'],
    others: {
      明细: [
        ['C2-01', true, 300],
        ['C2-01', false, 5],
        ['c2-01', true, 1150],
      ],
    },
    want: 1450,
  },
]);

table('references: sheets, ranges, implicit intersection', [
  { formula: "='部门 表'!B2", others: { '部门 表': [[], [BLANK, 42]] }, want: 42 },
  { formula: "='it''s'!A1", others: { "it's": [['q']] }, want: 'q' },
  { formula: '=汇总!A1+1', others: { 汇总: [[1]] }, want: 2, hf: 'unparsed' },
  { formula: "='汇总'!$A$1", others: { 汇总: [[1]] }, want: 1 },
  { formula: "='汇总'!a1", others: { 汇总: [[7]] }, want: 7 },
  { formula: "='缺'!A1", want: REF },
  { formula: '=S!A2', cells: [1, 2], want: 2 },
  { formula: '=$A$2*2', cells: [1, 2], want: 4 },
  { formula: '=A1:A3', cells: [5, 6, 7], want: 5, hf: VALUE },
  { formula: '=A2:A3', cells: [5, 6, 7], want: VALUE },
  { formula: '=C1:D1', cells: [5], want: VALUE },
  { formula: '=Z99', want: 0, hf: null },
  { formula: '=ABS(A1:A3)', cells: [-5, 6, 7], want: 5 },
]);

table('names and arity', [
  { formula: '=FOO(1)', want: NAME },
  { formula: '=foo', want: NAME },
  { formula: '=ABS()', want: NA },
  { formula: '=ABS(1,2)', want: NA },
  { formula: '=COUNTIFS(A1:A2,1,A1:A2)', cells: [1, 2], want: NA },
  { formula: '=abs(-1)', want: 1 },
  { formula: '=If(1,2,3)', want: 2 },
]);

table('KPI.* through the domain’s runKpi', [
  { formula: '=KPI.ATTAINMENT(7,10)', want: 0.7 },
  { formula: '=KPI.ATTAINMENT(7,10,"total")', want: 0.7 },
  { formula: '=KPI.ATTAINMENT(A1,10)', cells: [BLANK], want: NA },
  { formula: '=KPI.ATTAINMENT("x",10)', want: VALUE },
  { formula: '=KPI.ATTAINMENT("12",10)', want: 1.2 },
  { formula: '=KPI.ATTAINMENT(TRUE(),10)', want: VALUE },
  { formula: '=KPI.ATTAINMENT(1/0,10)', want: DIV0 },
  { formula: '=KPI.ATTAINMENT(7,0)', want: DIV0 },
  { formula: '=KPI.ATTAINMENT(7,"")', want: NA },
  { formula: '=KPI.ATTAINMENT(0.12,0.1,"growth")', want: 1.12 / 1.1 },
  { formula: '=KPI.ATTAINMENT(3,2,"rank")', want: 2 / 3 },
  { formula: '=KPI.ATTAINMENT(7)', want: NA },
  { formula: '=KPI.GROWTH(110,100)', want: 0.1 },
  { formula: '=KPI.GROWTH(1,0)', want: NUM },
  { formula: '=KPI.STATUS(A1,10)', cells: [BLANK], want: 0 },
  { formula: '=KPI.STATUS(5,10,"total",0.5)', want: 3 },
  { formula: '=KPI.STATUS(4,10,"total",0.5)', want: 2 },
  { formula: '=KPI.TIER(8,7,8)', want: 2 },
  { formula: '=KPI.TIER(7,7,"")', want: 1 },
  { formula: '=KPI.TIER(3.6,7,8,"total",0.5)', want: 1 },
  { formula: '=KPI.TIER(4,7,8,"total",0.5)', want: 2 },
  { formula: '=KPI.PACE(43646)', want: 0.5 },
  { formula: '=KPI.PACE(43646,"day")', want: 181 / 365 },
  { formula: '=KPI.PACE("2019-06")', want: 0.5 },
  { formula: '=KPI.GAP(5,7)', want: 2 },
  { formula: '=kpi.gap(5,7)', want: 2 },
]);
