import { z } from 'zod';
import { KINDS, allowsNegative, higherIsBetter, type Kind } from '../calc/kinds';
import { INDICATOR_CODE } from '../grid/ownSheets';
import { allowsMonthlyPlan, isCumulativeKind, monthlyPlanGoal, sameFigure } from './monthlyPlan';
import { PLAN_SETTINGS, type PlanSettings, type SettingGroup } from './settings';

// Zod 4 compiles parsers with `new Function` unless told not to: the add-in runs no generated code (no eval).
z.config({ jitless: true });

/**
 * A plan is data, never code (SPEC §2). These schemas are the single definition of its shape; the built-in
 * 2019 plan and any 指标库 sheet an office edits are both checked against them.
 */

export const AGGREGATIONS = ['sum', 'growth', 'single'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/**
 * How an indicator of a kind may be consolidated across departments: amounts add up (`total`, `count`); growth rates
 * only as Σ current / Σ prior − 1; everything else — levels, shares, rates, ranks, progress — is the responsible
 * department's one figure (ranks 3 + 4 are not 7, progress 60% + 60% is not 120%; issue 12, observation 5b).
 */
export function aggregationsFor(kind: Kind): readonly Aggregation[] {
  if (kind === 'total' || kind === 'count') return ['sum', 'single'];
  if (kind === 'growth') return ['growth', 'single'];
  return ['single'];
}

/**
 * Kinds whose attainment divides by the target (A / T, ΔA / ΔT): a target of 0 makes every attainment #DIV/0!
 * (issue 12, observation 5c). Not `growth` ((1 + g) / (1 + g*): 0% growth is a target), `rank` (≥ 1), `milestone`.
 */
export function dividesByTarget(kind: Kind): boolean {
  return kind !== 'growth' && kind !== 'rank' && kind !== 'milestone';
}

const text = z.string().trim().min(1);

export const indicatorSchema = z
  .object({
    /** Stable ASCII code, unique in the plan, e.g. `C1-01`. */
    code: z.string().regex(INDICATOR_CODE, 'code must look like C1-01'),
    name: text,
    nameEn: text.optional(),
    unit: text,
    kind: z.enum(KINDS),
    /** 确保 target. Absent only for stretch-only or qualitative (milestone) items. Rates as fractions. */
    target: z.number().finite().optional(),
    /** 力争/冲刺 target. */
    stretch: z.number().finite().optional(),
    /** Compare with 序时进度 (true) or with the full-year target (false). */
    paced: z.boolean(),
    aggregation: z.enum(AGGREGATIONS),
    /** Responsible department (责任单位). */
    department: text,
    /**
     * 配合部门: departments that report their share of this indicator, added to the responsible department's for a
     * `sum` or `growth` indicator (a `single` one takes the responsible department's figure only).
     */
    contributors: z.array(text).min(1).optional(),
    /**
     * 分月计划: twelve cumulative 确保 figures for months 1–12 (SPEC §5), in the unit of the target; E(m) = plan(m) /
     * goal replaces m / 12 (see monthlyPlan.ts for what is checked and why).
     */
    monthlyPlan: z.array(z.number().finite()).optional(),
    /** 权重 for scoring (SPEC §10; absent = 1; 0 leaves the indicator out of its department's mean). */
    weight: z.number().finite().optional(),
    /** The original wording of the plan document. */
    wording: text,
    /** How a wording without a figure was interpreted, for the auditor. */
    note: text.optional(),
  })
  .strict()
  .superRefine((ind, ctx) => {
    if (ind.target === undefined && ind.stretch === undefined && ind.kind !== 'milestone') {
      ctx.addIssue({
        code: 'custom',
        path: ['target'],
        message: 'a quantitative indicator needs a target or a stretch target',
      });
    }
    if (ind.target !== undefined && ind.stretch !== undefined) {
      const ordered = higherIsBetter(ind.kind) ? ind.stretch >= ind.target : ind.stretch <= ind.target;
      if (!ordered) {
        ctx.addIssue({
          code: 'custom',
          path: ['stretch'],
          message: 'the stretch target must be at least as ambitious as the target',
        });
      }
    }
    for (const key of ['target', 'stretch'] as const) {
      const v = ind[key];
      if (v === undefined) continue;
      if (ind.kind === 'count' && !Number.isInteger(v)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'a count target must be a whole number' });
      }
      if (ind.kind === 'rank' && (!Number.isInteger(v) || v < 1)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'a rank target must be a whole number ≥ 1' });
      }
      if (ind.kind === 'growth' && v <= -1) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'a growth target must be above -100%' });
      }
      if (dividesByTarget(ind.kind) && v === 0) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'a target of 0 leaves no attainment (division by zero)' });
      }
      if (dividesByTarget(ind.kind) && !allowsNegative(ind.kind) && v < 0) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'a target of this kind cannot be negative' });
      }
      if (ind.kind === 'milestone' && (v < 0 || v > 1)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'a milestone target is a progress between 0 and 100%' });
      }
    }
    if (ind.weight !== undefined && ind.weight < 0) {
      ctx.addIssue({ code: 'custom', path: ['weight'], message: 'a weight cannot be negative' });
    }
    checkMonthlyPlan(ind, ctx);
    const contributors = ind.contributors ?? [];
    if (contributors.some((d) => d === ind.department)) {
      ctx.addIssue({
        code: 'custom',
        path: ['contributors'],
        message: 'the responsible department is not also a contributing one',
      });
    }
    if (new Set(contributors).size !== contributors.length) {
      ctx.addIssue({ code: 'custom', path: ['contributors'], message: 'a contributing department is named twice' });
    }
    if (!aggregationsFor(ind.kind).includes(ind.aggregation)) {
      ctx.addIssue({
        code: 'custom',
        path: ['aggregation'],
        message: `a ${ind.kind} indicator cannot be aggregated by ${ind.aggregation}: use ${aggregationsFor(ind.kind).join(' or ')}`,
      });
    }
  });

/** The 分月计划's checks (monthlyPlan.ts), each issue at the month it is about. Messages pinned by readPlanSheet. */
function checkMonthlyPlan(
  ind: {
    kind: (typeof KINDS)[number];
    paced: boolean;
    target?: number | undefined;
    stretch?: number | undefined;
    monthlyPlan?: number[] | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  const plan = ind.monthlyPlan;
  if (plan === undefined) return;
  const issue = (path: (string | number)[], message: string): void =>
    ctx.addIssue({ code: 'custom', path: ['monthlyPlan', ...path], message });
  if (!allowsMonthlyPlan(ind.kind)) return issue([], `a ${ind.kind} indicator has no monthly plan`);
  if (!ind.paced) return issue([], 'a monthly plan needs a paced indicator');
  if (plan.length !== 12) return issue([], 'a monthly plan has twelve figures');
  const cumulative = isCumulativeKind(ind.kind);
  plan.forEach((v, i) => {
    if (ind.kind === 'count' && !Number.isInteger(v)) issue([i], 'a monthly plan of a count is whole numbers');
    if (cumulative && v < 0) issue([i], 'a monthly plan figure cannot be negative');
    const before = plan[i - 1];
    if (cumulative && i > 0 && before !== undefined && v < before && !sameFigure(v, before))
      issue([i], 'a monthly plan is cumulative and cannot decrease');
  });
  const goal = monthlyPlanGoal(ind);
  const last = plan[11];
  if (goal !== undefined && last !== undefined && !sameFigure(last, goal))
    issue([11], 'the monthly plan of December equals the target');
}

const settingsGroupSchema = (group: SettingGroup) =>
  z
    .object(
      Object.fromEntries(
        Object.entries(PLAN_SETTINGS[group]).map(([name, r]) => {
          const n = z.number().finite().min(r.min).max(r.max);
          return [name, (r.integer ? n.int() : n).optional()];
        }),
      ),
    )
    .strict();

/** The plan's settings block (settings.ts): every setting optional, each within its range. */
export const planSettingsSchema: z.ZodType<PlanSettings> = z
  .object({
    escalation: settingsGroupSchema('escalation').optional(),
    scores: settingsGroupSchema('scores').optional(),
    timeliness: settingsGroupSchema('timeliness').optional(),
  })
  .strict() as unknown as z.ZodType<PlanSettings>;

export const campaignSchema = z
  .object({
    /** Stable ASCII id, e.g. `C1`. */
    id: z.string().regex(/^[A-Z][A-Z0-9]*$/, 'id must be ASCII letters and digits, e.g. C1'),
    number: z.number().int().positive(),
    name: text,
    nameEn: text.optional(),
    /** 指挥长 */
    commander: text,
    /** 副指挥长 */
    deputyCommander: text,
    /** 牵头部门 */
    leadDepartment: text,
    /** 配合部门 */
    supportDepartments: z.array(text).optional(),
    indicators: z.array(indicatorSchema).min(1),
  })
  .strict();

export const thresholdsSchema = z
  .object({
    /** 黄 band below the expected attainment for ratio kinds (default 0.10). */
    yellowBand: z.number().min(0).max(1),
    /** 黄 band below the target growth rate, as a fraction (default 0.02 = 2 percentage points). */
    growthYellowBand: z.number().min(0).max(1),
  })
  .strict();

export const DEFAULT_THRESHOLDS: Thresholds = { yellowBand: 0.1, growthYellowBand: 0.02 };

export const planSchema = z
  .object({
    /** Stable ASCII id of the plan, e.g. `five-campaigns-2019`. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    year: z.number().int().min(2000).max(2100),
    title: text,
    organisation: text.optional(),
    /** The light bands of the settings block (SPEC §6; absent: the defaults). */
    thresholds: thresholdsSchema.optional(),
    /** The rest of the settings block: escalation, scores, timeliness (SPEC §10; absent: the defaults). */
    settings: planSettingsSchema.optional(),
    campaigns: z.array(campaignSchema).min(1),
  })
  .strict()
  .superRefine((plan, ctx) => {
    const codes = new Set<string>();
    const ids = new Set<string>();
    plan.campaigns.forEach((c, ci) => {
      if (ids.has(c.id))
        ctx.addIssue({ code: 'custom', path: ['campaigns', ci, 'id'], message: `duplicate campaign id ${c.id}` });
      ids.add(c.id);
      c.indicators.forEach((ind, ii) => {
        if (codes.has(ind.code)) {
          ctx.addIssue({
            code: 'custom',
            path: ['campaigns', ci, 'indicators', ii, 'code'],
            message: `duplicate indicator code ${ind.code}`,
          });
        }
        codes.add(ind.code);
      });
    });
  });

export type Indicator = z.infer<typeof indicatorSchema>;
export type Campaign = z.infer<typeof campaignSchema>;
export type Plan = z.infer<typeof planSchema>;
export type Thresholds = z.infer<typeof thresholdsSchema>;

/** A plan that failed its schema: every issue with its path, so that a sheet can point at the cell. */
export interface PlanIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export type PlanResult =
  { readonly ok: true; readonly plan: Plan } | { readonly ok: false; readonly issues: readonly PlanIssue[] };

/** Validates plan data (the built-in JSON in a test, a copy an office edited, or a 指标库 sheet read as data). */
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
