import { BULLETIN_EN } from '../../domain/i18n/bulletin.en';
import { CONSOLIDATION_EN } from '../../domain/i18n/consolidation.en';
import { VALIDATION_EN } from '../../domain/i18n/validation.en';
import type { Messages } from '../../domain/i18n/messages';
import type { MESSAGES_ZH_MORE } from './zhMore';

/** The English messages of validation, consolidation and the bulletin (see zhMore). */
export const MESSAGES_EN_MORE: Messages<keyof typeof MESSAGES_ZH_MORE> = {
  ...VALIDATION_EN,
  ...CONSOLIDATION_EN,
  ...BULLETIN_EN,
};
