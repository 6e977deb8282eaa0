import { LOCALES, localiseParams, placeholders, type Locale, type MessageParams } from '../src/domain/i18n/messages';
import { translator, type Translate } from '../src/taskpane/i18n';
import { MESSAGES_EN } from '../src/taskpane/messages/en';
import { MESSAGES_ZH } from '../src/taskpane/messages/zh';

/**
 * Every message in both languages, for tests: the add-in loads one language per bundle (loadMessages), tests look
 * at both at once.
 */
export const CATALOGUE = { 'zh-CN': MESSAGES_ZH, 'en-US': MESSAGES_EN } as const;

export function translatorFor(locale: Locale): Translate {
  return translator(CATALOGUE[locale]);
}

/** The placeholders of a problem's message that its parameters leave unfilled, in any language (expected: none). */
export function missingParams(problem: { readonly key: string; readonly params: MessageParams }): string[] {
  return LOCALES.flatMap((locale) => {
    const table = CATALOGUE[locale] as Readonly<Record<string, string>>;
    const supplied = localiseParams(problem.params, table);
    return placeholders(table[problem.key] ?? `{${problem.key}}`)
      .filter((n) => !(n in supplied))
      .map((n) => `${locale}: ${n}`);
  });
}
