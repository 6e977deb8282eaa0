import fc from 'fast-check';
import { builtinPlan } from '../../../src/domain/plan/builtin';
import { MAX_NUMBER_TEXT, readNumberText, type TextNumber } from '../../../src/domain/grid/numberText';
import { validateRow } from '../../../src/domain/validation/validateRow';
import { describeProblem } from '../../../src/domain/i18n/messages';
import { referenceReadNumberText } from './numberTextReference';
import { CATALOGUE } from '../../messages';

/**
 * Reading a number typed as text is bounded in the text's length (issue 12, observation 2): a text longer than
 * MAX_NUMBER_TEXT after trimming is `tooLong` (a problem of its own in validation, never a silent drop), and up to
 * that bound the reader gives exactly what the former, backtracking pattern gave (kept as the reference).
 */

const UNITS = ['亿元', '亿美元', '亩', '个', '%', '个百分点', '万元/亩', '位次'];

describe('a text longer than MAX_NUMBER_TEXT is never a number', () => {
  // "1x" + spaces + "y" took ≈1 s at 32,767 characters and 19 s at 128k with the former pattern (quadratic).
  test.each<[string, string]>([
    ['"1x" + spaces + "y" at Excel’s cell limit', `1x${' '.repeat(32_764)}y`],
    ['"1x" + spaces + "y", 128k', `1x${' '.repeat(128_000)}y`],
    ['digits only', '1'.repeat(MAX_NUMBER_TEXT + 1)],
    ['a number followed by spaces and words', `12${' '.repeat(60_000)}亿元`],
  ])('%s → tooLong with its length', (_, text) => {
    expect(readNumberText(text, '亿元')).toEqual({ kind: 'tooLong', length: text.trim().length });
  });

  it('the bound is on the trimmed text: spaces around a number do not count', () => {
    const padded = `${' '.repeat(40_000)}12${'\u3000'.repeat(40_000)}`;
    expect(readNumberText(padded, '亿元')).toEqual({ kind: 'number', value: 12, notes: [] });
    expect(readNumberText('1'.repeat(MAX_NUMBER_TEXT), '亿元').kind).toBe('number');
  });

  it('validation says so: an error naming the length and the bound, the text shortened in the message', () => {
    const ind = builtinPlan().campaigns[0]?.indicators[0];
    if (!ind) throw new Error('no indicator');
    const text = `1x${' '.repeat(60_000)}y`;
    const { problems } = validateRow(ind, { actual: text }, { expected: 0.5 });
    const problem = problems.find((p) => p.field === 'actual');
    expect(problem).toMatchObject({
      severity: 'error',
      key: 'value.textTooLong',
      params: { length: text.length, max: MAX_NUMBER_TEXT },
    });
    const said = describeProblem(problem ?? { key: 'value.textTooLong', params: {} }, CATALOGUE['zh-CN']);
    expect(said).toBe(
      `累计完成是一段 ${text.length} 字的文本（“1x                 …”），不是数字：数字文本最多 255 字，请只填写数字`,
    );
  });
});

/** Texts built from the characters the reader cares about, so that every branch is reached. */
const PIECES = [
  '1',
  '2',
  '0',
  '9',
  '12',
  '345',
  ',',
  ' ',
  '  ',
  '.',
  '-',
  '+',
  '%',
  '亿',
  '元',
  '万',
  '美元',
  '亩',
  '个',
  '百分点',
  '多',
  '余',
  '左右',
  '约',
  '近',
  'x',
  '\u3000',
  '１',
  '，',
  '．',
  '年',
  '月',
  '日',
  '/',
  '\n',
  'TRUE',
  '#N/A',
  '~',
];
const shortText = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((p) => p.join(''));

describe('up to the bound, the same reading as the former pattern (property)', () => {
  it('any short text, any unit', () => {
    fc.assert(
      fc.property(shortText, fc.constantFrom(...UNITS), (text, unit) => {
        expect(readNumberText(text, unit)).toEqual(referenceReadNumberText(text, unit));
      }),
      { numRuns: 5000 },
    );
  });

  it('a long text reads as its trimmed short self when the padding is spaces; else it is tooLong', () => {
    fc.assert(
      fc.property(shortText, fc.integer({ min: 0, max: 100_000 }), fc.constantFrom(...UNITS), (text, pad, unit) => {
        const padded = `${' '.repeat(pad)}${text}${' '.repeat(pad)}`;
        const long = `${text}${'x'.repeat(MAX_NUMBER_TEXT)}`;
        expect(readNumberText(padded, unit)).toEqual(referenceReadNumberText(text, unit));
        const read: TextNumber = readNumberText(long, unit);
        expect(read.kind === 'tooLong' || long.trim().length <= MAX_NUMBER_TEXT).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
