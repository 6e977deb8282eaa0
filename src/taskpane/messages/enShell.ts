import { CALC_EN } from '../../domain/i18n/calc.en';
import { PLAN_EN } from '../../domain/i18n/plan.en';
import { WORDS_EN } from '../../domain/i18n/words.en';
import type { Messages } from '../../domain/i18n/messages';
import type { MESSAGES_ZH_SHELL } from './zhShell';
import { UI_EN } from './ui.en';

/** The English messages the pane needs before its first paint (see zhShell). */
export const MESSAGES_EN_SHELL: Messages<keyof typeof MESSAGES_ZH_SHELL> = {
  ...CALC_EN,
  ...WORDS_EN,
  ...PLAN_EN,
  ...UI_EN,
};
