import type { Messages } from '../../domain/i18n/messages';
import { MESSAGES_EN_MORE } from './enMore';
import { MESSAGES_EN_SHELL } from './enShell';
import type { MESSAGES_ZH } from './zh';

/** Every message the task pane shows, in English (tests and the preview; the add-in loads it in two parts). */
export const MESSAGES_EN: Messages<keyof typeof MESSAGES_ZH> = { ...MESSAGES_EN_SHELL, ...MESSAGES_EN_MORE };
