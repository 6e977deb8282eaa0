import { WORDS_ZH, type WordMessageKey } from '../i18n/words.zh';
import { POINTS_FORMAT, type Kind } from '../calc/kinds';
import { WHOLE_UNITS } from '../calc/dataState';
import type { StateWords } from '../calc/formulas';
import type { BorderSpec, StyleSpec } from '../grid/sheetSpec';

/**
 * Number formats and column widths of the template. Formats are Excel format codes (en-US syntax); the light
 * and tier words come from the message catalogue so that the sheet and the task pane say the same thing.
 */

const zh = WORDS_ZH;
const quote = (s: string): string => `"${s}"`;

/** Units whose figures run into the thousands (2000 亩, 1800 元/平方米): thousands separator, no decimals. */
const LARGE_UNITS = new Set(['亩', '元', '平方米', '元/平方米']);

/** The thin grey border and the blue column-header style every sheet of the add-in shares. */
export const THIN_BORDER: BorderSpec = { style: 'thin', color: '#BFBFBF' };
export const HEADER_STYLE: StyleSpec = {
  font: { bold: true },
  fill: '#DDEBF7',
  horizontal: 'center',
  vertical: 'center',
  wrap: true,
  border: THIN_BORDER,
};

export const PERCENT_FORMAT = '0.0%';
export const MILESTONE_FORMAT = '0%';
export const AMOUNT_FORMAT = '0.00';
export const WHOLE_FORMAT = '0';
export const LARGE_FORMAT = '#,##0';
/** The report period: a date shown as "2019年6月". */
export const PERIOD_FORMAT = 'yyyy"年"m"月"';
export const TEXT_FORMAT = '@';

type TierWordKey = Extract<WordMessageKey, `tier.${string}`>;

/**
 * The words of a tier cell for 2, 1 and 0 (SPEC §4). A stretch-only indicator has tier 2 or 0: its 0 means "below
 * 力争", there is no 确保 level to miss. A paced row before December (`isPacedTier`) is compared with the paced
 * targets T·E and S·E: 序时达力争 / 序时达确保 / 序时未达, a stretch-only one too (序时未达 names no 确保).
 */
export function tierWords(paced: boolean, stretchOnly: boolean): readonly [string, string, string] {
  const keys: readonly [TierWordKey, TierWordKey, TierWordKey] = paced
    ? ['tier.paced.2', 'tier.paced.1', 'tier.paced.0']
    : ['tier.2', 'tier.1', stretchOnly ? 'tier.stretchOnly.0' : 'tier.0'];
  return [zh[keys[0]], zh[keys[1]], zh[keys[2]]];
}

/** The tier cell's number format: at most two conditions, which Excel accepts. */
export function tierFormat(paced: boolean, stretchOnly: boolean): string {
  const [two, one, zero] = tierWords(paced, stretchOnly);
  return `[=2]${quote(two)};[=1]${quote(one)};${quote(zero)}`;
}

/** 力争档 against the annual targets. */
export const TIER_FORMAT = tierFormat(false, false);
export const STRETCH_ONLY_TIER_FORMAT = tierFormat(false, true);
/** 力争档 against the paced targets (序时达力争 / 序时达确保 / 序时未达). */
export const PACED_TIER_FORMAT = tierFormat(true, false);

/**
 * The status cell's own format, used only where conditional formats are not rendered (Excel shows the
 * conditional formats' 绿/黄/红/未填报 on top of it). Excel allows two conditions, so the two lights that need a
 * written reason and lead to 督办 read as words; 3 (绿) and 0 (未填报) stay numbers, explained in the notes row.
 */
export const STATUS_FORMAT = `[=1]${quote(zh['light.1'])};[=2]${quote(zh['light.2'])};0`;

/** The light colours (Excel's Good / Neutral / Bad palette, grey for 未填报). */
export const LIGHT_STYLES: readonly {
  readonly value: 0 | 1 | 2 | 3;
  readonly fill: string;
  readonly fontColor: string;
  readonly numberFormat: string;
}[] = [
  { value: 3, fill: '#C6EFCE', fontColor: '#006100', numberFormat: quote(zh['light.3']) },
  { value: 2, fill: '#FFEB9C', fontColor: '#9C5700', numberFormat: quote(zh['light.2']) },
  { value: 1, fill: '#FFC7CE', fontColor: '#9C0006', numberFormat: quote(zh['light.1']) },
  { value: 0, fill: '#D9D9D9', fontColor: '#404040', numberFormat: quote(zh['light.0']) },
];

/** What a formula cell shows in place of a light or a number (SPEC §6 Data states), in the sheets' language. */
export const STATE_WORDS: StateWords = {
  invalid: zh['data.invalid'],
  doubtful: zh['data.doubtful'],
  unknown: zh['light.unknown'],
};

/**
 * The colours of the data states beside the lights: 数据有误 purple (no light's colour: it is no judgement of
 * progress), 待核实 orange.
 */
export const STATE_STYLES: readonly { readonly text: string; readonly fill: string; readonly fontColor: string }[] = [
  { text: STATE_WORDS.invalid, fill: '#E4DFEC', fontColor: '#5B2C8F' },
  { text: STATE_WORDS.doubtful, fill: '#F8CBAD', fontColor: '#843C0C' },
];

export const TIER_STYLES: readonly { readonly value: 0 | 1 | 2; readonly fill: string; readonly fontColor: string }[] =
  [
    { value: 2, fill: '#C6EFCE', fontColor: '#006100' },
    { value: 1, fill: '#DDEBF7', fontColor: '#1F4E79' },
    { value: 0, fill: '#FCE4D6', fontColor: '#843C0C' },
  ];

/** The format of a target, stretch or (non-growth) actual value of an indicator. */
export function valueFormat(kind: Kind, unit: string): string {
  switch (kind) {
    case 'growth':
    case 'floor':
      return PERCENT_FORMAT;
    case 'share':
      return POINTS_FORMAT;
    case 'milestone':
      return MILESTONE_FORMAT;
    case 'count':
    case 'rank':
      return WHOLE_FORMAT;
    case 'total':
    case 'level':
      return WHOLE_UNITS.has(unit) ? WHOLE_FORMAT : LARGE_UNITS.has(unit) ? LARGE_FORMAT : AMOUNT_FORMAT;
  }
}

/** The format of the entered values: a growth row holds amounts (current and prior year), not rates. */
export function inputFormat(kind: Kind, unit: string): string {
  return kind === 'growth' ? AMOUNT_FORMAT : valueFormat(kind, unit);
}

/** East Asian wide characters (Han, kana, hangul, full-width forms, CJK punctuation and curly quotes). */
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u201C\u201D\u2018\u2019]/u;

/** Width of a text in characters of the default font: a Chinese character counts as two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

/** A column width that fits the widest text, with a margin, within [min, max]. */
export function fitWidth(texts: readonly string[], min: number, max: number): number {
  const widest = texts.reduce((m, t) => Math.max(m, displayWidth(t)), 0);
  return Math.min(max, Math.max(min, widest + 2));
}
