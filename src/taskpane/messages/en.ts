import { BULLETIN_EN } from '../../domain/i18n/bulletin.en';
import { CALC_EN } from '../../domain/i18n/calc.en';
import { CONSOLIDATION_EN } from '../../domain/i18n/consolidation.en';
import { PLAN_EN } from '../../domain/i18n/plan.en';
import { VALIDATION_EN } from '../../domain/i18n/validation.en';
import { WORDS_EN } from '../../domain/i18n/words.en';
import type { Messages } from '../../domain/i18n/messages';
import type { MESSAGES_ZH } from './zh';
import { UI_EN } from './ui.en';

/** Every message the task pane shows, in English: one chunk, loaded when the pane starts in English. */
export const MESSAGES_EN: Messages<keyof typeof MESSAGES_ZH> = {
  ...CALC_EN,
  ...WORDS_EN,
  ...PLAN_EN,
  ...VALIDATION_EN,
  ...CONSOLIDATION_EN,
  ...BULLETIN_EN,
  ...UI_EN,
};
