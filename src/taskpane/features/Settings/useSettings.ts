import { useMemo } from 'react';
import type { Locale } from '../../../domain/i18n/messages';
import type { Plan } from '../../../domain/plan/schema';
import type { HostTheme } from '../../host';
import { useLocale, useT, type Translate } from '../../i18n';
import { detectTheme } from '../../theme';

export interface SettingRow {
  readonly id: 'language' | 'theme' | 'plan';
  readonly label: string;
  readonly value: string;
}

export interface SettingsInput {
  readonly locale: Locale;
  /** The language tag the host reported, as reported. */
  readonly officeLanguage: string;
  readonly theme: HostTheme | undefined;
  readonly plan: Plan;
}

const LOCALE_NAME = { 'zh-CN': 'ui.locale.zh-CN', 'en-US': 'ui.locale.en-US' } as const satisfies Record<Locale, string>;

/** What was detected, each with where it came from, so that a wrong guess can be diagnosed from the pane. */
export function settingsRows({ locale, officeLanguage, theme, plan }: SettingsInput, t: Translate): SettingRow[] {
  const detected = detectTheme(theme);
  const themeName = t(detected.dark ? 'ui.theme.dark' : 'ui.theme.light');
  const themeValue =
    detected.source === 'flag'
      ? t('ui.settings.themeFromFlag', { theme: themeName })
      : detected.source === 'color'
        ? t('ui.settings.themeFromOffice', { theme: themeName, color: detected.color ?? '' })
        : t('ui.settings.themeDefault', { theme: themeName });
  return [
    { id: 'language', label: t('ui.settings.language'), value: t('ui.settings.languageValue', { locale: t(LOCALE_NAME[locale]), office: officeLanguage || '—' }) },
    { id: 'theme', label: t('ui.settings.theme'), value: themeValue },
    { id: 'plan', label: t('ui.settings.plan'), value: t('ui.settings.planValue', { title: plan.title, year: plan.year }) },
  ];
}

export function useSettings(input: Omit<SettingsInput, 'locale'>): readonly SettingRow[] {
  const t = useT();
  const locale = useLocale();
  const { officeLanguage, theme, plan } = input;
  return useMemo(() => settingsRows({ locale, officeLanguage, theme, plan }, t), [locale, officeLanguage, theme, plan, t]);
}
