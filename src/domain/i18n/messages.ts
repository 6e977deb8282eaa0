import type { BulletinMessageKey } from './bulletin.zh';
import type { CalcMessageKey } from './calc.zh';
import type { ConsolidationMessageKey } from './consolidation.zh';
import type { PlanMessageKey } from './plan.zh';
import type { ValidationMessageKey } from './validation.zh';
import type { WordMessageKey } from './words.zh';

/**
 * Messages, Chinese first (zh-CN), English second (en-US). The catalogue is split by owner — calc (the custom
 * functions), words, plan, validation, consolidation here; the task pane's own in src/taskpane/messages — and by
 * language, each owner's Chinese table defining its keys and its English table typed against them (a missing key is
 * a type error). Code that formats a message is handed the table it needs, so that a bundle carries only the owners
 * and languages it uses: functions.js the calc messages, the task pane one language, 汇总 and 明细 the Chinese.
 * Placeholders are `{name}`.
 */
export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];

/** Every message key of the domain (the task pane adds its own). */
export type MessageKey =
  | CalcMessageKey
  | WordMessageKey
  | PlanMessageKey
  | ValidationMessageKey
  | ConsolidationMessageKey
  | BulletinMessageKey;

export type MessageParams = Readonly<Record<string, string | number>>;

/** One language's table for some keys. */
export type Messages<K extends string = string> = Readonly<Record<K, string>>;

/** Chinese first: any zh-* language tag gets zh-CN, everything else en-US. */
export function resolveLocale(tag: string | undefined | null): Locale {
  return tag && /^zh\b/i.test(tag) ? 'zh-CN' : 'en-US';
}

/**
 * A count's words in English (ICU's plural, its `one`/`other` cases only): `{count, plural, one {# error} other
 * {# errors}}`, `#` standing for the number. Chinese needs none.
 */
const PLURAL = /\{(\w+), plural, one \{([^{}]*)\} other \{([^{}]*)\}\}/g;

/** Formats a message; an unknown placeholder is left visible rather than silently dropped. */
export function formatMessage<K extends string>(messages: Messages<K>, key: K, params: MessageParams = {}): string {
  const template = messages[key];
  if (template === undefined) throw new Error(`message ${key} is not in the table it was looked up in`);
  return template
    .replace(PLURAL, (whole, name: string, one: string, other: string) => {
      const v = params[name];
      if (v === undefined) return whole;
      return (Number(v) === 1 ? one : other).replace(/#/g, String(v));
    })
    .replace(/\{(\w+)\}/g, (whole, name: string) => {
      const v = params[name];
      return v === undefined ? whole : String(v);
    });
}

/**
 * The one place a domain problem becomes a message. Parameters named `…Key` hold another message key (a field or
 * light name) and are translated too, as `{field}` for `fieldKey`; `kind` (an indicator kind's id) is shown by its
 * local name (`kind.total` …).
 */
export function describeProblem<K extends string>(
  problem: { readonly key: K; readonly params: MessageParams },
  messages: Messages<K>,
): string {
  return formatMessage(messages, problem.key, localiseParams(problem.params, messages));
}

export function localiseParams(params: MessageParams, messages: Messages): MessageParams {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    const translated = typeof value === 'string' ? messages[value] : undefined;
    if (name.endsWith('Key') && translated !== undefined) out[name.slice(0, -3)] = translated;
    else if (name === 'kind' && typeof value === 'string') out[name] = messages[`kind.${value}`] ?? value;
    else out[name] = value;
  }
  return out;
}

/** The placeholders a template uses, for tests that check both languages agree. */
export function placeholders(template: string): string[] {
  const plurals = [...template.matchAll(PLURAL)].map((m) => m[1] ?? '');
  const simple = [...template.replace(PLURAL, '').matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  return [...plurals, ...simple].sort();
}
