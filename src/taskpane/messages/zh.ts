import { MESSAGES_ZH_MORE } from './zhMore';
import { MESSAGES_ZH_SHELL } from './zhShell';

/** Every message the task pane shows, in Chinese (tests and the preview; the add-in loads it in two parts). */
export const MESSAGES_ZH = { ...MESSAGES_ZH_SHELL, ...MESSAGES_ZH_MORE };
