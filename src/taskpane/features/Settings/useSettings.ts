import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Locale } from '../../../domain/i18n/messages';
import type { Plan } from '../../../domain/plan/schema';
import type { HostTheme } from '../../host';
import { useLocale, useT, type Translate } from '../../i18n';
import { useNotices } from '../../notices';
import type { PlanStatus } from '../../planStatus';
import { detectTheme } from '../../theme';
import { useWorkbook } from '../../workbookContext';
import { readPlan, type PlanRead, type PlanReading } from './readPlan';

export interface SettingRow {
  readonly id: 'language' | 'theme' | 'plan' | 'source';
  readonly label: string;
  readonly value: string;
}

export interface SettingsInput {
  readonly locale: Locale;
  /** The language tag the host reported, as reported. */
  readonly officeLanguage: string;
  readonly theme: HostTheme | undefined;
  /** Shown until the workbook has been read (and when it could not be): the built-in plan. */
  readonly plan: Plan;
  readonly reading: PlanReading;
}

const LOCALE_NAME = {
  'zh-CN': 'ui.locale.zh-CN',
  'en-US': 'ui.locale.en-US',
} as const satisfies Record<Locale, string>;

/** What the workbook said: the latest reading, else the one before it (during a refresh). */
export function lastRead(reading: PlanReading): PlanRead | undefined {
  return reading.state === 'read' ? reading : reading.state === 'reading' ? reading.last : undefined;
}

function sourceValue(reading: PlanReading, t: Translate): string {
  const active = lastRead(reading)?.active;
  if (!active) return t(reading.state === 'failed' ? 'ui.settings.sourceUnknown' : 'ui.settings.sourceReading');
  if (active.source === 'sheet') return t('ui.settings.sourceSheet', { sheet: active.sheet ?? '' });
  if (active.sheet === undefined) return t('ui.settings.sourceBuiltin');
  return t('ui.settings.sourceSheetInvalid', { sheet: active.sheet, count: active.problems.length });
}

/** What was detected, each with where it came from, so that a wrong guess can be diagnosed from the pane. */
export function settingsRows(
  { locale, officeLanguage, theme, plan, reading }: SettingsInput,
  t: Translate,
): SettingRow[] {
  const detected = detectTheme(theme);
  const themeName = t(detected.dark ? 'ui.theme.dark' : 'ui.theme.light');
  const themeValue =
    detected.source === 'flag'
      ? t('ui.settings.themeFromFlag', { theme: themeName })
      : detected.source === 'color'
        ? t('ui.settings.themeFromOffice', { theme: themeName, color: detected.color ?? '' })
        : t('ui.settings.themeDefault', { theme: themeName });
  const shown = lastRead(reading)?.active.plan ?? plan;
  return [
    {
      id: 'language',
      label: t('ui.settings.language'),
      value: t('ui.settings.languageValue', { locale: t(LOCALE_NAME[locale]), office: officeLanguage || '—' }),
    },
    { id: 'theme', label: t('ui.settings.theme'), value: themeValue },
    {
      id: 'plan',
      label: t('ui.settings.plan'),
      value: t('ui.settings.planValue', { title: shown.title, year: shown.year }),
    },
    { id: 'source', label: t('ui.settings.source'), value: sourceValue(reading, t) },
  ];
}

/** The line under the list, in a live region: what the reading found, said as the 模板 panel says it. */
export type SettingsPlanStatus =
  | { readonly kind: 'reading'; readonly text: string }
  | { readonly kind: 'read'; readonly status: PlanStatus }
  | { readonly kind: 'failed'; readonly text: string };

export function settingsPlanStatus(reading: PlanReading, t: Translate): SettingsPlanStatus {
  switch (reading.state) {
    case 'reading':
      return { kind: 'reading', text: t('ui.templates.planLoading') };
    case 'read':
      return { kind: 'read', status: reading.status };
    case 'failed':
      return { kind: 'failed', text: t('ui.settings.readFailed') };
  }
}

export interface SettingsState {
  readonly rows: readonly SettingRow[];
  readonly status: SettingsPlanStatus;
  readonly reading: boolean;
  refresh(): void;
}

/** The 设置 panel's state: what was detected, and the plan in use as read from the workbook when the panel opens. */
export function useSettings(input: Omit<SettingsInput, 'locale' | 'reading'>): SettingsState {
  const t = useT();
  const locale = useLocale();
  const port = useWorkbook();
  const { notifyError } = useNotices();
  const [reading, setReading] = useState<PlanReading>({ state: 'reading' });
  // Each reading has a number: a result arriving after a newer reading started, or after the panel closed, is
  // dropped (the panel it was for is gone), like the 模板 panel's.
  const latest = useRef(0);

  const refresh = useCallback(() => {
    const id = ++latest.current;
    const current = () => latest.current === id;
    const report = (e: unknown) => {
      if (current()) notifyError(e);
    };
    setReading((r) => (r.state === 'reading' ? r : { state: 'reading', last: lastRead(r) }));
    void readPlan(port, t, report).then((next) => {
      if (current()) setReading(next);
    });
  }, [port, t, notifyError]);

  useEffect(() => {
    refresh();
    return () => {
      latest.current++;
    };
  }, [refresh]);

  const { officeLanguage, theme, plan } = input;
  const rows = useMemo(
    () => settingsRows({ locale, officeLanguage, theme, plan, reading }, t),
    [locale, officeLanguage, theme, plan, reading, t],
  );
  const status = useMemo(() => settingsPlanStatus(reading, t), [reading, t]);
  return { rows, status, reading: reading.state === 'reading', refresh };
}
