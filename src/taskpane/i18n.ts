import { createContext, createElement, useContext, useMemo, type ReactNode } from 'react';
import {
  describeProblem,
  formatMessage,
  type Locale,
  type MessageKey as DomainMessageKey,
  type MessageParams,
  type Messages,
} from '../domain/i18n/messages';
import type { UiMessageKey } from './messages/ui.zh';
import type { MESSAGES_ZH_MORE } from './messages/zhMore';
import type { MESSAGES_ZH_SHELL } from './messages/zhShell';

type ShellKey = keyof typeof MESSAGES_ZH_SHELL;
type MoreKey = keyof typeof MESSAGES_ZH_MORE;

/** Every key the task pane can show: the domain's and its own. */
export type MessageKey = DomainMessageKey | UiMessageKey;

/** Formats a message in the task pane's language; `problem` does so for a domain problem (SPEC §7: in the user's language). */
export interface Translate {
  (key: MessageKey, params?: MessageParams): string;
  problem(p: { readonly key: MessageKey; readonly params: MessageParams }): string;
}

/**
 * The messages of one language, whole (the preview host, the not-in-Office page, tests). Each language is a chunk of
 * its own, so a page carries only the one it shows (Chinese first).
 */
export async function loadMessages(locale: Locale): Promise<Messages<MessageKey>> {
  const [shell, more] = await Promise.all([loadShell(locale), loadMore(locale)]);
  return { ...shell, ...more };
}

/** The catalogue the add-in's pane was mounted with, completed in place by loadMoreMessages. */
let live: { readonly locale: Locale; readonly messages: Record<string, string>; more?: Promise<void> } | undefined;

/**
 * The add-in's pane, before its first paint: only the messages the shell and the plan status need (zhShell). The
 * returned catalogue is completed in place by loadMoreMessages, which every feature panel awaits before it mounts, so
 * no message is ever looked up before it is there; the page's budget counts the shell part only.
 */
export async function loadShellMessages(locale: Locale): Promise<Messages<MessageKey>> {
  const messages: Record<string, string> = { ...(await loadShell(locale)) };
  live = { locale, messages };
  return messages as Messages<MessageKey>;
}

/** The rest of the catalogue loadShellMessages began (at once when the whole catalogue was loaded instead). */
export function loadMoreMessages(): Promise<void> {
  const pending = live;
  if (!pending) return Promise.resolve();
  pending.more ??= loadMore(pending.locale).then((more) => {
    Object.assign(pending.messages, more);
  });
  return pending.more;
}

function loadShell(locale: Locale): Promise<Messages<ShellKey>> {
  return locale === 'zh-CN'
    ? import(/* webpackChunkName: "messages-zh" */ './messages/zhShell').then((m) => m.MESSAGES_ZH_SHELL)
    : import(/* webpackChunkName: "messages-en" */ './messages/enShell').then((m) => m.MESSAGES_EN_SHELL);
}

function loadMore(locale: Locale): Promise<Messages<MoreKey>> {
  return locale === 'zh-CN'
    ? import(/* webpackChunkName: "messages-zh-more" */ './messages/zhMore').then((m) => m.MESSAGES_ZH_MORE)
    : import(/* webpackChunkName: "messages-en-more" */ './messages/enMore').then((m) => m.MESSAGES_EN_MORE);
}

/** A Translate over one language's messages, outside React (tests, start-up code). */
export function translator(messages: Messages<MessageKey>): Translate {
  const t = (key: MessageKey, params?: MessageParams) => formatMessage(messages, key, params);
  return Object.assign(t, { problem: (p: { key: MessageKey; params: MessageParams }) => describeProblem(p, messages) });
}

interface I18n {
  readonly locale: Locale;
  readonly t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({
  locale,
  messages,
  children,
}: {
  readonly locale: Locale;
  readonly messages: Messages<MessageKey>;
  readonly children?: ReactNode;
}) {
  const value = useMemo<I18n>(() => ({ locale, t: translator(messages) }), [locale, messages]);
  return createElement(I18nContext.Provider, { value }, children);
}

function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useT/useLocale must be used inside <I18nProvider>');
  return i18n;
}

export function useT(): Translate {
  return useI18n().t;
}

export function useLocale(): Locale {
  return useI18n().locale;
}

/** The bits of `document` that carry the page's language. */
export interface LocalizableDocument {
  readonly documentElement: { lang: string };
  title: string;
}

/**
 * Sets <html lang> and the page title to the UI language, so that screen readers use the right voice and
 * axe's html-has-lang / valid-lang hold. Called by index.tsx, which owns the task pane page; App itself only
 * sets `lang` on its own root, because the preview host mounts App inside a page of its own.
 */
export function applyDocumentLocale(doc: LocalizableDocument, locale: Locale, t: Translate): void {
  doc.documentElement.lang = locale;
  doc.title = t('ui.app.title');
}
