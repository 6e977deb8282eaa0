import raw from './plan-2019.json';
import { planSchema, type Plan } from './schema';

/** A plan that failed its schema: every issue with its path, so that a sheet can point at the cell. */
export interface PlanIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export type PlanResult =
  { readonly ok: true; readonly plan: Plan } | { readonly ok: false; readonly issues: readonly PlanIssue[] };

/** Validates plan data (the built-in JSON, a copy an office edited, or a 指标库 sheet read as data). */
export function parsePlan(data: unknown): PlanResult {
  const r = planSchema.safeParse(data);
  if (r.success) return { ok: true, plan: r.data };
  return {
    ok: false,
    issues: r.error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: i.message,
    })),
  };
}

let cached: Plan | undefined;

/** The built-in 2019 plan, validated when first loaded; a broken data file is a programming error. */
export function builtinPlan(): Plan {
  if (!cached) {
    const r = parsePlan(raw);
    if (!r.ok)
      throw new Error(
        `built-in plan is invalid: ${r.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    cached = r.plan;
  }
  return cached;
}
