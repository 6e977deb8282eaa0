import { createContext, createElement, useContext, useMemo, type ReactNode } from 'react';
import { formatMessage, type Locale, type MessageKey, type MessageParams } from '../domain/i18n/messages';

/** Formats a message of the shared catalogue in the task pane's locale. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

interface I18n {
  readonly locale: Locale;
  readonly t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

/** A Translate for one locale, outside React (tests, start-up code). */
export function translator(locale: Locale): Translate {
  return (key, params) => formatMessage(locale, key, params);
}

export function I18nProvider({ locale, children }: { readonly locale: Locale; readonly children?: ReactNode }) {
  const value = useMemo<I18n>(() => ({ locale, t: translator(locale) }), [locale]);
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
export function applyDocumentLocale(doc: LocalizableDocument, locale: Locale): void {
  doc.documentElement.lang = locale;
  doc.title = formatMessage(locale, 'ui.app.title');
}
