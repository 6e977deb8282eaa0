import { CALC_ZH } from '../../domain/i18n/calc.zh';
import { PLAN_ZH } from '../../domain/i18n/plan.zh';
import { WORDS_ZH } from '../../domain/i18n/words.zh';
import { UI_ZH } from './ui.zh';

/**
 * The Chinese messages the pane needs before its first paint: its own, the plan's (the plan status bar) and the
 * words and calc messages they use. The rest (zhMore) loads with the first feature panel.
 */
export const MESSAGES_ZH_SHELL = {
  ...CALC_ZH,
  ...WORDS_ZH,
  ...PLAN_ZH,
  ...UI_ZH,
};
