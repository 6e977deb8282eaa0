import { KIND_ZH, type Kind } from '../calc/kinds';
import { CATALOGUE, formatMessage, type Locale, type MessageKey, type MessageParams } from '../i18n/messages';
import type { Problem } from './validateRow';

/**
 * The one place a domain problem becomes a message. Parameters named `…Key` hold another message key (a field
 * or light name) and are translated too; `kind` is shown by its local name.
 */
export function describeProblem(problem: Pick<Problem, 'key' | 'params'>, locale: Locale): string {
  return formatMessage(locale, problem.key, localiseParams(problem.params, locale));
}

export function localiseParams(params: MessageParams, locale: Locale): MessageParams {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (name.endsWith('Key') && typeof value === 'string' && value in CATALOGUE[locale]) {
      out[name.slice(0, -3)] = formatMessage(locale, value as MessageKey);
    } else if (name === 'kind' && typeof value === 'string' && value in KIND_ZH) {
      out[name] = locale === 'zh-CN' ? KIND_ZH[value as Kind] : value;
    } else {
      out[name] = value;
    }
  }
  return out;
}
