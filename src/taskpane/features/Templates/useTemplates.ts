import { useMemo } from 'react';
import type { Locale } from '../../../domain/i18n/messages';
import type { Plan } from '../../../domain/plan/schema';
import { useLocale } from '../../i18n';

/** One campaign as the Templates section lists it. */
export interface CampaignRow {
  readonly id: string;
  readonly number: number;
  /** In the UI language where the plan has it (names of people and departments stay as the plan has them). */
  readonly name: string;
  readonly commander: string;
  readonly leadDepartment: string;
  readonly indicatorCount: number;
}

export function campaignRows(plan: Plan, locale: Locale): CampaignRow[] {
  return plan.campaigns.map((c) => ({
    id: c.id,
    number: c.number,
    name: locale === 'zh-CN' ? c.name : (c.nameEn ?? c.name),
    commander: c.commander,
    leadDepartment: c.leadDepartment,
    indicatorCount: c.indicators.length,
  }));
}

export function useTemplates(plan: Plan): { readonly year: number; readonly campaigns: readonly CampaignRow[] } {
  const locale = useLocale();
  const campaigns = useMemo(() => campaignRows(plan, locale), [plan, locale]);
  return { year: plan.year, campaigns };
}
