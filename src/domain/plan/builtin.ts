import raw from './plan-2019.json';
import type { Plan } from './schema';

/**
 * The built-in 2019 plan (SPEC §2), the data of the plan document. It is checked against the plan schema by a test
 * (test/domain/plan.test.ts: every field, every figure of the document) rather than at start-up, so that the task
 * pane does not load zod to read its own data; zod is loaded only to read a 指标库 sheet.
 */
const PLAN = raw as unknown as Plan;

export function builtinPlan(): Plan {
  return PLAN;
}

/**
 * English names where a plan read from a 指标库 sheet has none (a sheet of version 1 had no English columns, an
 * office may leave them blank): taken from `reference` (the built-in plan) for a campaign or indicator of the same id
 * and the same Chinese name — a renamed one keeps its Chinese name in English too, rather than a wrong translation.
 */
export function withEnglishNames(plan: Plan, reference: Plan = PLAN): Plan {
  const campaigns = new Map(reference.campaigns.map((c) => [c.id, c]));
  const indicators = new Map(reference.campaigns.flatMap((c) => c.indicators).map((i) => [i.code, i]));
  const english = <T extends { name: string; nameEn?: string }>(item: T, known: T | undefined): T =>
    item.nameEn === undefined && known?.nameEn !== undefined && known.name === item.name
      ? { ...item, nameEn: known.nameEn }
      : item;
  return {
    ...plan,
    campaigns: plan.campaigns.map((c) => ({
      ...english(c, campaigns.get(c.id)),
      indicators: c.indicators.map((i) => english(i, indicators.get(i.code))),
    })),
  };
}
