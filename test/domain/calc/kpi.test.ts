import { KPI_FUNCTION_NAMES, runKpi, type KpiFunctionName, type KpiOutcome } from '../../../src/domain/calc/kpi';

/**
 * Numeric text in a `KPI.*` function's number arguments is treated exactly as the number it reads as (issue 12,
 * observation 5): `KPI.TIER("1e999",1,2)` was 2 and `KPI.GAP("1e999",10)` 0, while `1E+999` as a number gave #VALUE!.
 * Every function, every number argument, each text beside the number it stands for: the same outcome, message and all
 * (a message names the argument and quotes what was given, so only the code and the presence of a message compare).
 */

/** Arguments a function is called with, the one under test put at `at`. */
interface Call {
  readonly name: KpiFunctionName;
  readonly args: readonly unknown[];
  /** Positions of number arguments. */
  readonly numbers: readonly number[];
}

const CALLS: readonly Call[] = [
  { name: 'ATTAINMENT', args: [5, 10, 'total'], numbers: [0, 1] },
  { name: 'ATTAINMENT', args: [0.08, 0.1, 'growth'], numbers: [0, 1] },
  { name: 'ATTAINMENT', args: [3, 2, 'rank'], numbers: [0, 1] },
  { name: 'TIER', args: [5, 1, 2, 'total', 1], numbers: [0, 1, 2, 4] },
  { name: 'TIER', args: [3, 2, 1, 'rank', 0.5], numbers: [0, 1, 2, 4] },
  { name: 'STATUS', args: [1, 2, 'rank', 1], numbers: [0, 1, 3] },
  { name: 'STATUS', args: [5, 10, 'total', 0.5], numbers: [0, 1, 3] },
  { name: 'GROWTH', args: [110, 100], numbers: [0, 1] },
  { name: 'GAP', args: [5, 10, 'total'], numbers: [0, 1] },
  { name: 'GAP', args: [0.08, 0.1, 'growth'], numbers: [0, 1] },
];

/** A text and the number Excel reads it as in arithmetic (VALUE), or a non-finite number where it reads none. */
const PAIRS: readonly (readonly [text: string, number: number])[] = [
  ['1e999', Infinity],
  ['-1e999', -Infinity],
  ['1E+999', Infinity],
  ['1e309%', Infinity],
  [' 12 ', 12],
  ['12', 12],
  ['-3', -3],
  ['+5', 5],
  ['.5', 0.5],
  ['12%', 0.12],
  ['1e308', 1e308],
  ['-1e308', -1e308],
  ['1e-999', 0],
  ['0', 0],
  ['2.5e1', 25],
];

const shape = (r: KpiOutcome): unknown => (r.ok ? r : { ok: false, error: r.error, message: r.message !== undefined });

const cases = CALLS.flatMap((c) =>
  c.numbers.flatMap((at) =>
    PAIRS.map(([text, number]) => {
      const withArg = (v: unknown): unknown[] => c.args.map((a, i) => (i === at ? v : a));
      const label = `KPI.${c.name}(${withArg(`"${text}"`).join(',')}) ≡ (${withArg(number).join(',')})`;
      return [label, c.name, withArg(text), withArg(number)] as const;
    }),
  ),
);

describe('numeric text is the number it reads as', () => {
  test.each(cases)('%s', (_, name, textArgs, numberArgs) => {
    for (const locale of ['zh-CN', 'en-US'] as const)
      expect(shape(runKpi(name, textArgs, locale))).toEqual(shape(runKpi(name, numberArgs, locale)));
  });

  it('every function with a number argument is in the table', () => {
    const covered = new Set(CALLS.map((c) => c.name));
    expect(KPI_FUNCTION_NAMES.filter((n) => n !== 'PACE' && !covered.has(n))).toEqual([]);
  });
});

describe('the issue’s cases: a text beyond a number’s range is #VALUE!, naming the argument', () => {
  test.each<[KpiFunctionName, readonly unknown[], string]>([
    ['TIER', ['1e999', 1, 2], 'actual'],
    ['STATUS', [1, '1e999', 'rank'], 'target'],
    ['GAP', ['1e999', 10], 'actual'],
    ['ATTAINMENT', ['-1e999', 10], 'actual'],
    ['GROWTH', [110, '1e999'], 'previous'],
    ['TIER', [1, 1, 2, 'total', '1e999'], 'expected'],
  ])('KPI.%s(%j) → #VALUE! on %s', (name, args, arg) => {
    const r = runKpi(name, args, 'en-US');
    expect(r).toEqual({ ok: false, error: '#VALUE!', message: expect.stringContaining(arg) as string });
  });

  it('PACE: a date as a number or a text beyond range is #VALUE!, as the number', () => {
    expect(shape(runKpi('PACE', ['1e999'], 'zh-CN'))).toEqual(shape(runKpi('PACE', [Infinity], 'zh-CN')));
    expect(runKpi('PACE', ['1e999'], 'zh-CN')).toMatchObject({ ok: false, error: '#VALUE!' });
  });

  it('a 40,000-character text is not read as a number, and the message quotes it shortened', () => {
    const r = runKpi('ATTAINMENT', [`1${' '.repeat(40_000)}x`, 10], 'zh-CN');
    expect(r).toMatchObject({ ok: false, error: '#VALUE!' });
    expect(!r.ok && (r.message ?? '').length).toBeLessThan(120);
  });
});

describe('text that is not a plain number stays #VALUE! (docs/functions.md)', () => {
  test.each(['7亿', '1,000', '１２', '5 %', 'Infinity', 'NaN', '0x10', '1e', '--1'])('%j', (text) => {
    expect(runKpi('ATTAINMENT', [text, 10], 'zh-CN')).toMatchObject({ ok: false, error: '#VALUE!' });
  });
});
