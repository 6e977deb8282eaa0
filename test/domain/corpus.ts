import type { MessageKey } from '../../src/domain/i18n/messages';
import { encodeMarker } from '../../src/domain/grid/ownSheets';
import type { Field } from '../../src/domain/grid/problems';
import type { RowInput } from '../../src/domain/validation/validateRow';
import {
  deleteRow,
  duplicateRow,
  filledTemplate,
  get,
  insertColumns,
  insertRows,
  set,
  template,
  type Sheet,
} from './sheetFixtures';

/**
 * A corpus of bad input as departments really type it (SPEC §7), with the problems each must raise. Row entries
 * run through validateRow (and, placed into a generated template, through validateTemplateSheet); sheet entries
 * are generated templates with their structure broken the ways staff break it, run through validateTemplateSheet.
 * All in a June 2019 report (序时进度 50%).
 */

export interface ExpectedProblem {
  readonly key: MessageKey;
  readonly field: Field | 'structure';
  /** The fix validateRow suggests; absent = no fix. */
  readonly fix?: number;
  /** Sheet entries: the cell of the problem. */
  readonly cell?: string;
}

export interface RowEntry {
  readonly type: 'row';
  readonly id: string;
  /** Indicator code in the built-in plan. */
  readonly code: string;
  readonly input: RowInput;
  /** The same on a sheet: validateRow only suggests fixes that are themselves valid. */
  readonly expected: readonly ExpectedProblem[];
}

export interface SheetEntry {
  readonly type: 'sheet';
  readonly id: string;
  readonly sheet: () => Sheet;
  readonly expected: readonly ExpectedProblem[];
}

export type CorpusEntry = RowEntry | SheetEntry;

const e = (key: MessageKey, field: Field | 'structure' = 'actual', fix?: number): ExpectedProblem =>
  fix === undefined ? { key, field } : { key, field, fix };
const at = (cell: string, key: MessageKey, field: Field | 'structure' = 'structure'): ExpectedProblem => ({
  key,
  field,
  cell,
});

const fix = (value: number): ExpectedProblem => e('value.notANumberFix', 'actual', value);
const approx = (value: number): ExpectedProblem => e('value.approximate', 'actual', value);
const reason = e('value.reasonMissing', 'reason');
/** A warning with its fix (the expected problem does not name the severity: the key does). */
const w = (key: MessageKey, fixValue: number): ExpectedProblem => e(key, 'actual', fixValue);

type R = [id: string, code: string, input: RowInput, expected: readonly ExpectedProblem[]];

const ROWS: readonly R[] = [
  // ── units typed with the number ──
  ['unit: 7亿 in 亿美元', 'C1-01', { actual: '7亿' }, [fix(7)]],
  ['unit: 7亿美元', 'C1-01', { actual: '7亿美元' }, [fix(7)]],
  ['unit: 7万元 in 亿美元', 'C1-01', { actual: '7万元' }, [e('value.unitMismatch')]],
  ['unit: 7亿元 in 亿美元 (another currency)', 'C1-01', { actual: '7亿元' }, [e('value.unitMismatch')]],
  ['unit: 7000万美元 in 亿美元', 'C1-01', { actual: '7000万美元' }, [e('value.unitMismatch')]],
  ['unit: 480亿元', 'C2-07', { actual: '480亿元' }, [fix(480)]],
  ['unit: 480亿 in 亿元', 'C2-07', { actual: '480亿' }, [fix(480)]],
  ['unit: 480.5亿元', 'C2-07', { actual: '480.5亿元' }, [fix(480.5)]],
  ['unit: 4800000万元 in 亿元', 'C2-07', { actual: '4800000万元' }, [e('value.unitMismatch')]],
  ['unit: 36万元/亩', 'C2-03', { actual: '36万元/亩' }, [fix(36)]],
  ['unit: 36万 in 万元/亩', 'C2-03', { actual: '36万' }, [fix(36)]],
  ['unit: 1,800元/平方米', 'C2-14', { actual: '1,800元/平方米' }, [fix(1800)]],
  ['unit: 2000亩', 'C2-01', { actual: '2000亩' }, [fix(2000)]],
  ['unit: 2000平方米 in 亩', 'C2-01', { actual: '2000平方米' }, [e('value.unitMismatch')]],
  ['unit: 15家', 'C2-10', { actual: '15家' }, [fix(15)]],
  ['unit: 15个 in 家', 'C2-10', { actual: '15个' }, [e('value.unitMismatch')]],
  ['unit: 30家企业', 'C2-02', { actual: '30家企业' }, [e('value.unitMismatch')]],
  ['unit: 3名 for a rank', 'C2-04', { actual: '3名' }, [e('value.unitMismatch')]],
  ['unit: 第3位 for a rank', 'C2-04', { actual: '第3位' }, [e('value.notANumber')]],
  ['unit: 10% in a total cell', 'C1-01', { actual: '10%' }, [e('value.unitMismatch')]],
  ['unit: 3% in a rank cell', 'C2-04', { actual: '3%' }, [e('value.unitMismatch')]],
  // ── full-width digits and punctuation (Chinese input methods) ──
  ['full width: １２', 'C2-10', { actual: '１２' }, [fix(12)]],
  ['full width: ７．５', 'C1-01', { actual: '７．５' }, [fix(7.5)]],
  ['full width: １，２３４', 'C2-01', { actual: '１，２３４' }, [fix(1234)]],
  ['full width: ５０％ in a floor cell', 'C3-02', { actual: '５０％' }, [fix(0.5)]],
  ['full width: ５亿美元', 'C1-01', { actual: '５亿美元' }, [fix(5)]],
  ['full width: ７，５ (decimal comma?)', 'C1-01', { actual: '７，５' }, [e('value.ambiguousComma')]],
  // ── separators ──
  ['thousands: 1,234', 'C2-01', { actual: '1,234' }, [fix(1234)]],
  ['thousands: 1,234.5', 'C2-01', { actual: '1,234.5' }, [fix(1234.5)]],
  ['thousands: 2,000亩', 'C2-01', { actual: '2,000亩' }, [fix(2000)]],
  ['thousands with a space: 1 234', 'C2-01', { actual: '1 234' }, [fix(1234)]],
  ['comma: 7,0', 'C1-01', { actual: '7,0' }, [e('value.ambiguousComma')]],
  ['comma: 7,5', 'C1-01', { actual: '7,5' }, [e('value.ambiguousComma')]],
  ['comma: 1,23', 'C2-01', { actual: '1,23' }, [e('value.ambiguousComma')]],
  ['comma: 12,34,5', 'C2-01', { actual: '12,34,5' }, [e('value.ambiguousComma')]],
  ['space: 12 34', 'C2-01', { actual: '12 34' }, [e('value.notANumber')]],
  // ── approximations ──
  ['approx: 约5', 'C1-01', { actual: '约5' }, [approx(5)]],
  ['approx: 5左右', 'C1-01', { actual: '5左右' }, [approx(5)]],
  ['approx: 近7亿美元', 'C1-01', { actual: '近7亿美元' }, [approx(7)]],
  ['approx: 大约5亿', 'C1-01', { actual: '大约5亿' }, [approx(5)]],
  ['approx: ~5', 'C1-01', { actual: '~5' }, [approx(5)]],
  ['approx: 超过60亿元', 'C1-03', { actual: '超过60亿元' }, [approx(60)]],
  ['approx: 10余 in 家', 'C2-10', { actual: '10余' }, [approx(10)]],
  ['approx: 10多家', 'C2-10', { actual: '10多' }, [approx(10)]],
  ['approx: 约5万元 (wrong unit wins)', 'C1-01', { actual: '约5万元' }, [e('value.unitMismatch')]],
  // a fix is itself valid: 60 in a floor cell is 60%, so the fix of "约60" is 0.6
  ['approx: 约60 in a floor cell', 'C3-02', { actual: '约60' }, [e('value.approximatePercent', 'actual', 0.6)]],
  ['approx: 约10% in a total cell (wrong unit wins)', 'C1-01', { actual: '约10%' }, [e('value.unitMismatch')]],
  ['approx: 约12% in a count cell (wrong unit wins)', 'C2-10', { actual: '约12%' }, [e('value.unitMismatch')]],
  ['approx: 约0.7% in a floor cell, without binary noise', 'C3-02', { actual: '约0.7%' }, [approx(0.007)]],
  ['approx: 约-5 in a total cell is negative', 'C1-01', { actual: '约-5' }, [e('value.negative')]],
  // ── percent confusion ──
  ['percent: floor 10', 'C3-02', { actual: 10 }, [e('value.percentConfusion', 'actual', 0.1)]],
  ['percent: floor 60', 'C3-02', { actual: 60 }, [e('value.percentConfusion', 'actual', 0.6)]],
  ['percent: floor 150 (no fix)', 'C3-02', { actual: 150 }, [e('value.rateRange')]],
  ['percent: floor "60" as text', 'C3-02', { actual: '60' }, [e('value.notANumberPercentFix', 'actual', 0.6)]],
  // "150%" is 1.5 already, not 1.5 typed for 1.5% (a fix never divides by 100 twice), and not a valid rate: no fix
  ['percent: floor 150% (no fix)', 'C3-02', { actual: '150%' }, [e('value.rateRange')]],
  ['percent: milestone 101% (no fix)', 'C4-01', { actual: '101%' }, [e('value.milestoneRange')]],
  ['percent: share 150个百分点 (no fix)', 'C2-12', { actual: '150个百分点' }, [e('value.shareRange')]],
  ['percent: floor 60%', 'C3-02', { actual: '60%' }, [fix(0.6)]],
  // a share change is typed in points (SPEC §3): 0.6 is 0.6 个百分点; "0.6%" and 0.006 mean 0.6 too
  ['percent: share 0.6 points (below the 1 point target: reason asked)', 'C2-12', { actual: 0.6 }, [reason]],
  ['percent: share -5 points is a lost share', 'C2-12', { actual: -5 }, [reason]],
  ['percent: share 60 for 0.6', 'C2-12', { actual: 60 }, [e('value.shareMagnitude')]],
  [
    'percent: share 0.006 (0.6% typed as a fraction)',
    'C2-12',
    { actual: 0.006 },
    [w('value.shareHundredth', 0.6), reason],
  ],
  ['percent: share "0.6%" as text', 'C2-12', { actual: '0.6%' }, [e('value.sharePercent', 'actual', 0.6)]],
  ['percent: share 1个百分点', 'C2-12', { actual: '1个百分点' }, [fix(1)]],
  ['percent: milestone 50', 'C4-01', { actual: 50 }, [e('value.percentConfusion', 'actual', 0.5)]],
  ['percent: milestone 100', 'C4-01', { actual: 100 }, [e('value.percentConfusion', 'actual', 1)]],
  ['percent: milestone 150', 'C4-01', { actual: 150 }, [e('value.milestoneRange')]],
  ['percent: milestone 100%', 'C4-01', { actual: '100%' }, [fix(1)]],
  // ── negatives ──
  ['negative total', 'C1-01', { actual: -1 }, [e('value.negative')]],
  ['negative count', 'C2-10', { actual: -2 }, [e('value.negative')]],
  ['negative level', 'C2-03', { actual: -35 }, [e('value.negative')]],
  ['negative rank', 'C2-04', { actual: -1 }, [e('value.negative')]],
  ['negative floor', 'C3-02', { actual: -0.1 }, [e('value.negative')]],
  ['negative milestone', 'C4-01', { actual: -0.1 }, [e('value.negative')]],
  ['negative total typed as text', 'C1-01', { actual: '-5' }, [e('value.negative')]],
  ['negative floor typed as text', 'C3-02', { actual: '-50%' }, [e('value.negative')]],
  ['negative share is a lost share (reason asked)', 'C2-12', { actual: -0.5 }, [reason]],
  // ── fractions where whole numbers are due ──
  ['fraction in a count', 'C2-10', { actual: 15.5 }, [e('value.notWhole')]],
  ['fraction in a 家 level', 'C2-06', { actual: 200.5 }, [e('value.notWhole')]],
  ['fraction in a stretch-only count', 'C1-05', { actual: 0.5 }, [e('value.notWhole')]],
  ['fraction in a count, as text with unit', 'C2-10', { actual: '15.5家' }, [e('value.notWhole')]],
  ['rank 2.5 as text', 'C2-04', { actual: '2.5' }, [e('value.rankInvalid')]],
  ['rank 2.5', 'C2-04', { actual: 2.5 }, [e('value.rankInvalid')]],
  ['rank 0', 'C2-04', { actual: 0 }, [e('value.rankInvalid')]],
  // ── Excel error values ──
  ['error value #N/A', 'C1-01', { actual: { error: '#N/A' } }, [e('value.errorValue')]],
  ['error value #VALUE!', 'C1-01', { actual: { error: '#VALUE!' } }, [e('value.errorValue')]],
  ['error value #REF! in a rank', 'C2-04', { actual: { error: '#REF!' } }, [e('value.errorValue')]],
  ['#DIV/0! as text', 'C1-01', { actual: '#DIV/0!' }, [e('value.errorValue')]],
  ['#name? as text, lower case', 'C1-01', { actual: '#name?' }, [e('value.errorValue')]],
  ['growth: current #REF!', 'C2-09', { actual: { error: '#REF!' }, prior: 100 }, [e('value.errorValue')]],
  ['growth: prior #N/A as text', 'C2-09', { actual: 110, prior: '#N/A' }, [e('value.errorValue', 'prior')]],
  // ── dates ──
  ['date text 2019-06-30', 'C1-01', { actual: '2019-06-30' }, [e('value.notANumber')]],
  ['date text 2019/6/30', 'C1-01', { actual: '2019/6/30' }, [e('value.notANumber')]],
  ['date text 2019年6月30日', 'C1-01', { actual: '2019年6月30日' }, [e('value.notANumber')]],
  ['date text 6月30日', 'C1-01', { actual: '6月30日' }, [e('value.notANumber')]],
  [
    'small number shown as a date',
    'C1-01',
    { actual: 5, formats: { actual: 'yyyy-mm-dd' } },
    [e('value.looksLikeDate')],
  ],
  [
    'date serial shown as a date',
    'C1-01',
    { actual: 43646, formats: { actual: 'yyyy/m/d' } },
    [e('value.looksLikeDate'), e('value.magnitudeSlip')],
  ],
  [
    'date serial in a growth prior',
    'C2-09',
    { actual: 110, prior: 43646, formats: { prior: 'yyyy/m/d' } },
    [e('value.looksLikeDate', 'prior'), e('value.implausibleGrowth'), reason],
  ],
  // ── logical values ──
  ['TRUE', 'C1-01', { actual: true }, [e('value.boolean')]],
  ['FALSE', 'C1-01', { actual: false }, [e('value.boolean')]],
  ['TRUE as text', 'C1-01', { actual: 'TRUE' }, [e('value.boolean')]],
  ['是 in a milestone cell', 'C4-01', { actual: '是' }, [e('value.boolean')]],
  // ── huge values (万元 typed for 亿元, a date serial, a stray key): 1,000× the target or more is an error, 10× a
  // doubt (SPEC §7) ──
  ['1e15 in 亿美元', 'C1-01', { actual: 1e15 }, [e('value.magnitudeSlip')]],
  ['万元 slip in 亿元', 'C2-07', { actual: 4_800_000 }, [e('value.magnitudeSlip')]],
  ['元 slip in 元/平方米', 'C2-14', { actual: 18_000_000 }, [e('value.magnitudeSlip')]],
  ['万元 slip in 亿元 (60 亿 as 600000)', 'C1-03', { actual: 600_000 }, [e('value.magnitudeSlip')]],
  ['1e15 in a count', 'C2-10', { actual: 1e15 }, [e('value.magnitudeSlip')]],
  ['exactly 1,000× in 亿元', 'C2-07', { actual: 480_000 }, [e('value.magnitudeSlip')]],
  ['just under 1,000× in 亿元', 'C2-07', { actual: 479_999 }, [e('value.implausibleMagnitude')]],
  ['just over 10× in 亿元', 'C2-07', { actual: 4801 }, [e('value.implausibleMagnitude')]],
  ['exactly 10× in 亿元', 'C2-07', { actual: 4800 }, []],
  ['Infinity', 'C2-01', { actual: Infinity }, [e('value.notFinite')]],
  ['NaN', 'C2-01', { actual: Number.NaN }, [e('value.notFinite')]],
  // ── blanks and whitespace ──
  ['blank', 'C1-01', { actual: null }, []],
  ['empty text', 'C1-01', { actual: '' }, []],
  ['spaces', 'C1-01', { actual: '   ' }, [e('value.whitespace')]],
  ['ideographic space', 'C1-01', { actual: '\u3000' }, [e('value.whitespace')]],
  ['a tab', 'C1-01', { actual: '\t' }, [e('value.whitespace')]],
  // ── words and stray characters ──
  ['待定', 'C1-01', { actual: '待定' }, [e('value.notANumber')]],
  ['a dash', 'C1-01', { actual: '-' }, [e('value.notANumber')]],
  ['a slash', 'C1-01', { actual: '/' }, [e('value.notANumber')]],
  ['N/A typed', 'C1-01', { actual: 'N/A' }, [e('value.notANumber')]],
  ['a formula typed as text', 'C1-01', { actual: '=5+2' }, [e('value.notANumber')]],
  ['已完成 in a milestone cell', 'C4-01', { actual: '已完成' }, [e('value.notANumber')]],
  ['a plain number as text', 'C1-01', { actual: '5' }, [fix(5)]],
  ['7.0 as text', 'C1-01', { actual: '7.0' }, [fix(7)]],
  ['a number with spaces around', 'C1-01', { actual: ' 7 ' }, [fix(7)]],
  ['rank 3 as text', 'C2-04', { actual: '3' }, [fix(3)]],
  // ── 黄/红 without 滞后原因及措施 ──
  ['黄 (3 of 7 亿美元 at 50%)', 'C1-01', { actual: 3 }, [reason]],
  ['红 (1 of 7)', 'C1-01', { actual: 1 }, [reason]],
  ['红 at zero', 'C1-01', { actual: 0 }, [reason]],
  ['黄 with a reason of spaces', 'C1-01', { actual: 3, reason: '  ' }, [reason]],
  ['红 with #N/A as the reason', 'C1-01', { actual: 1, reason: { error: '#N/A' } }, [reason]],
  ['红 with 0 as the reason', 'C1-01', { actual: 1, reason: 0 }, [reason]],
  ['黄 with a reason', 'C1-01', { actual: 3, reason: '两个项目签约推迟至7月，已约定签约时间' }, []],
  ['rank 5 for 3 is 红', 'C2-04', { actual: 5 }, [reason]],
  ['level 30 of 35 (not paced) is 红', 'C2-03', { actual: 30 }, [reason]],
  ['level 32 of 35 is 黄', 'C2-03', { actual: 32 }, [reason]],
  ['floor 40% of 50% is 红', 'C3-02', { actual: 0.4 }, [reason]],
  ['floor 46% of 50% is 黄', 'C3-02', { actual: 0.46 }, [reason]],
  ['stretch-only count 0 is 红', 'C1-05', { actual: 0 }, [reason]],
  ['milestone 30% at 50% pace is 红', 'C4-01', { actual: 0.3 }, [reason]],
  // ── growth rows: current and prior-year values ──
  ['growth: current without prior', 'C2-09', { actual: 110 }, [e('value.growthMissingPrior', 'prior')]],
  ['growth: prior without current', 'C2-09', { actual: null, prior: 100 }, [e('value.growthMissingCurrent')]],
  ['growth: prior 0', 'C2-09', { actual: 110, prior: 0 }, [e('value.priorNotPositive', 'prior')]],
  ['growth: prior negative', 'C2-09', { actual: 110, prior: -5 }, [e('value.negative', 'prior')]],
  ['growth: current negative', 'C2-09', { actual: -5, prior: 100 }, [e('value.negative')]],
  ['growth: prior as text', 'C2-09', { actual: 110, prior: '100' }, [e('value.notANumberFix', 'prior', 100)]],
  ['growth: prior 0 as text', 'C2-09', { actual: 110, prior: '0' }, [e('value.priorNotPositive', 'prior')]],
  [
    'growth: both with thousands',
    'C3-04',
    { actual: '1,100', prior: '1,000' },
    [fix(1100), e('value.notANumberFix', 'prior', 1000)],
  ],
  ['growth: prior as a rate', 'C3-04', { actual: 110, prior: '10%' }, [e('value.unitMismatch', 'prior')]],
  [
    'growth: the rate typed as current',
    'C2-09',
    { actual: '12%' },
    [e('value.unitMismatch'), e('value.growthMissingPrior', 'prior')],
  ],
  [
    'growth: the rate typed as a fraction, no prior',
    'C2-09',
    { actual: 0.12 },
    [e('value.growthMissingPrior', 'prior')],
  ],
  ['growth: tenfold difference', 'C2-09', { actual: 1200, prior: 100 }, [e('value.implausibleGrowth')]],
  ['growth: 8% for 10% is 黄', 'C2-09', { actual: 108, prior: 100 }, [reason]],
  ['growth: 0% is 红', 'C2-09', { actual: 100, prior: 100 }, [reason]],
  [
    'growth: spaces as current',
    'C2-09',
    { actual: '  ', prior: 100 },
    [e('value.whitespace'), e('value.growthMissingCurrent')],
  ],
  [
    'growth: spaces as prior',
    'C2-09',
    { actual: 110, prior: ' ' },
    [e('value.whitespace', 'prior'), e('value.growthMissingPrior', 'prior')],
  ],
  ['growth: prior TRUE', 'C2-13', { actual: 115, prior: true }, [e('value.boolean', 'prior')]],
  // ── values that are right (the corpus also pins what must not be flagged) ──
  ['ok: total on pace', 'C1-01', { actual: 5 }, []],
  ['ok: growth 15% exactly', 'C2-13', { actual: 115, prior: 100 }, []],
  ['ok: floor 50%', 'C3-02', { actual: 0.5 }, []],
  ['ok: share 1.2 points', 'C2-12', { actual: 1.2 }, []],
  ['ok: milestone at pace', 'C4-01', { actual: 0.5 }, []],
  ['ok: rank 1', 'C2-04', { actual: 1 }, []],
  ['ok: exactly 10× the target', 'C1-01', { actual: 70 }, []],
];

function rowEntries(): RowEntry[] {
  return ROWS.map(([id, code, input, expected]) => ({ type: 'row', id, code, input, expected }));
}

// ── broken structure: generated C1 templates (June 2019, 投资促进中心), rows 7–14 = C1-01…C1-08 ──

const C1 = (): Sheet => template('C1');
const keysRowCell = (sheet: Sheet, key: string): string => {
  const i = (sheet.values[1] ?? []).indexOf(key);
  return `${String.fromCharCode(65 + i)}2`;
};

const SHEETS: readonly SheetEntry[] = [
  { type: 'sheet', id: 'clean template', sheet: C1, expected: [] },
  { type: 'sheet', id: 'clean template with on-track values', sheet: () => filledTemplate('C1'), expected: [] },
  {
    type: 'sheet',
    id: 'key cell of 滞后原因及措施 deleted',
    sheet: () => set(C1(), { [keysRowCell(C1(), 'reason')]: null }),
    expected: [at('A2', 'structure.keyMissing')],
  },
  {
    type: 'sheet',
    id: 'key cell of code deleted: no keys row',
    sheet: () => set(C1(), { B2: null }),
    expected: [at('A2', 'structure.keysRowMissing')],
  },
  {
    type: 'sheet',
    id: 'the whole keys row deleted',
    sheet: () => deleteRow(C1(), 2),
    expected: [at('A2', 'structure.keysRowMissing')],
  },
  {
    type: 'sheet',
    id: 'a key typed twice',
    sheet: () => set(insertColumns(C1(), 'P'), { P2: 'actual', P6: '复核数' }),
    expected: [at('P2', 'structure.keyDuplicated')],
  },
  {
    type: 'sheet',
    id: 'code changed to an unknown one',
    sheet: () => set(C1(), { B8: 'C1-99' }),
    expected: [at('B8', 'structure.unknownCode'), at('B6', 'structure.missingCode')],
  },
  {
    type: 'sheet',
    id: 'code changed to another campaign’s',
    sheet: () => set(C1(), { B8: 'C2-01' }),
    expected: [at('B8', 'structure.codeOfOtherCampaign'), at('B6', 'structure.missingCode')],
  },
  {
    type: 'sheet',
    id: 'an indicator row copied (duplicated code)',
    sheet: () => set(duplicateRow(C1(), 9, 10), { H9: 30, H10: 40 }),
    expected: [at('B10', 'structure.duplicateCode')],
  },
  {
    type: 'sheet',
    id: 'an indicator row deleted',
    sheet: () => deleteRow(C1(), 10),
    expected: [at('B6', 'structure.missingCode')],
  },
  {
    type: 'sheet',
    id: 'marker cleared (recognised by its keys and header rows, issue 12, 4c)',
    sheet: () => set(C1(), { A1: null }),
    expected: [at('A3', 'structure.markerDeleted')],
  },
  {
    type: 'sheet',
    id: 'marker and keys row cleared',
    sheet: () => set(C1(), { A1: null, B2: null }),
    expected: [at('A1', 'structure.markerMissing')],
  },
  {
    type: 'sheet',
    id: 'marker damaged',
    sheet: () => set(C1(), { A1: String(get(C1(), 'A1')).slice(0, 40) }),
    expected: [at('A1', 'structure.markerUnreadable')],
  },
  {
    type: 'sheet',
    id: 'marker of an unknown campaign',
    sheet: () =>
      set(C1(), {
        A1: encodeMarker({
          type: 'kpi-template',
          v: 1,
          plan: 'five-campaigns-2019',
          campaign: 'C9',
          department: '投资促进中心',
          year: 2019,
          month: 6,
        }),
      }),
    expected: [at('A1', 'structure.unknownCampaign')],
  },
  {
    type: 'sheet',
    id: 'marker of another plan',
    sheet: () =>
      set(C1(), {
        A1: encodeMarker({
          type: 'kpi-template',
          v: 1,
          plan: 'five-campaigns-2018',
          campaign: 'C1',
          department: '投资促进中心',
          year: 2019,
          month: 6,
        }),
      }),
    expected: [at('A1', 'structure.planMismatch')],
  },
  {
    type: 'sheet',
    id: 'a column inserted between 力争目标 and 累计完成, with values',
    sheet: () => set(insertColumns(filledTemplate('C1'), 'H'), { H6: '上月数', H7: 3 }),
    expected: [],
  },
  {
    type: 'sheet',
    id: 'rows inserted above the marker, above the header and between indicators, with values',
    sheet: () =>
      set(insertRows(insertRows(insertRows(filledTemplate('C1'), 10, 2), 6, 1), 1, 2), { A8: '说明：本表6月10日报送' }),
    expected: [],
  },
  {
    type: 'sheet',
    id: 'a column inserted before column A',
    sheet: () => insertColumns(C1(), 'A'),
    expected: [at('B1', 'structure.markerMoved')],
  },
  {
    type: 'sheet',
    id: 'header text changed',
    sheet: () => set(C1(), { C6: '名称' }),
    expected: [at('C6', 'structure.headerChanged')],
  },
  {
    type: 'sheet',
    id: 'header row deleted',
    sheet: () => deleteRow(C1(), 6),
    expected: [at('B3', 'structure.headerMissing')],
  },
  {
    type: 'sheet',
    id: 'period cleared',
    sheet: () => set(C1(), { F5: null }),
    expected: [at('D5', 'period.missing', 'period')],
  },
  {
    type: 'sheet',
    id: 'period malformed',
    sheet: () => set(C1(), { F5: '2019年13月' }),
    expected: [at('F5', 'period.malformed', 'period')],
  },
  {
    type: 'sheet',
    id: 'period of another year',
    sheet: () => set(C1(), { F5: '2018年6月' }),
    expected: [at('F5', 'structure.periodMismatch'), at('F5', 'period.wrongYear', 'period')],
  },
  {
    type: 'sheet',
    id: 'period changed to May',
    sheet: () => set(C1(), { F5: '2019-05' }),
    expected: [at('F5', 'structure.periodMismatch')],
  },
  {
    type: 'sheet',
    id: 'period label deleted (the marker’s period is used)',
    sheet: () => set(C1(), { D5: null }),
    expected: [at('A1', 'structure.periodLabelMissing')],
  },
  {
    type: 'sheet',
    id: 'department changed',
    sheet: () => set(C1(), { C5: '经信商务局' }),
    expected: [at('C5', 'structure.departmentMismatch')],
  },
  {
    type: 'sheet',
    id: 'code typed in full width and lower case',
    sheet: () => set(C1(), { B7: 'ｃ１－０１' }),
    expected: [],
  },
  {
    type: 'sheet',
    id: 'a value problem and a structure problem together',
    sheet: () => set(C1(), { B8: 'X', H7: '约5' }),
    expected: [
      at('B8', 'structure.unknownCode'),
      at('B6', 'structure.missingCode'),
      { ...at('H7', 'value.approximate', 'actual'), fix: 5 },
    ],
  },
];

export const CORPUS: readonly CorpusEntry[] = [...rowEntries(), ...SHEETS];
