import { BULLETIN_ZH } from '../../domain/i18n/bulletin.zh';
import { CONSOLIDATION_ZH } from '../../domain/i18n/consolidation.zh';
import { VALIDATION_ZH } from '../../domain/i18n/validation.zh';

/** The Chinese messages of validation, consolidation and the bulletin: loaded with the first feature panel. */
export const MESSAGES_ZH_MORE = {
  ...VALIDATION_ZH,
  ...CONSOLIDATION_ZH,
  ...BULLETIN_ZH,
};
