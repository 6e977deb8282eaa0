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

/** Every key the task pane can show: the domain's and its own. */
export type MessageKey = DomainMessageKey | UiMessageKey;

/** Formats a message in the task pane's language; `problem` does so for a domain problem (SPEC §7: in the user's language). */
export interface Translate {
  (key: MessageKey, params?: MessageParams): string;
  problem(p: { readonly key: MessageKey; readonly params: MessageParams }): string;
}

/**
 * The messages of one language, loaded before the pane is mounted: each language is a chunk of its own, so the
 * page carries only the one it shows (Chinese first).
 */
export function loadMessages(locale: Locale): Promise<Messages<MessageKey>> {
  return locale === 'zh-CN'
    ? import(/* webpackChunkName: "messages-zh" */ './messages/zh').then((m) => m.MESSAGES_ZH)
    : import(/* webpackChunkName: "messages-en" */ './messages/en').then((m) => m.MESSAGES_EN);
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
