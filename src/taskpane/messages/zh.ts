import { BULLETIN_ZH } from '../../domain/i18n/bulletin.zh';
import { CALC_ZH } from '../../domain/i18n/calc.zh';
import { CONSOLIDATION_ZH } from '../../domain/i18n/consolidation.zh';
import { PLAN_ZH } from '../../domain/i18n/plan.zh';
import { VALIDATION_ZH } from '../../domain/i18n/validation.zh';
import { WORDS_ZH } from '../../domain/i18n/words.zh';
import { UI_ZH } from './ui.zh';

/** Every message the task pane shows, in Chinese: one chunk, loaded when the pane starts in Chinese. */
export const MESSAGES_ZH = {
  ...CALC_ZH,
  ...WORDS_ZH,
  ...PLAN_ZH,
  ...VALIDATION_ZH,
  ...CONSOLIDATION_ZH,
  ...BULLETIN_ZH,
  ...UI_ZH,
};
