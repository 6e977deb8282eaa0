/**
 * The plan's settings block (SPEC §2: one optional block per plan; defaults SPEC §6, §10): the constants of the
 * bulletin — escalation counts, scoring constants, the reporting deadline — that an office may change for its plan.
 * The light bands (黄 band) stay the plan's `thresholds` (read by templates, validation and consolidation since
 * before this block); the 指标库 sheet shows both in one settings block.
 *
 * Defined here, below the bulletin layer, as plain data without zod, so that the bulletin (which applies the
 * settings) and the plan schema (which checks them where a 指标库 is read) share one definition of every setting and
 * its range, and the task pane can read the built-in plan's settings without loading zod.
 */

/** A setting's allowed values: a number in [min, max], a whole number when `integer`. */
export interface SettingRange {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
}

const whole = (min: number, max: number): SettingRange => ({ min, max, integer: true });
const real = (min: number, max: number): SettingRange => ({ min, max, integer: false });

/**
 * Every setting of the block with its range and default, by group. The bounds above are sanity limits (a penalty of
 * 10,000 points or a run of 100 months is a typing slip), not policy.
 */
export const PLAN_SETTINGS = {
  escalation: {
    /** 督办 after this many consecutive reported months 黄 or 红. */
    supervisionAfter: { ...whole(1, 12), default: 2 },
    /** 效能监察 after this many consecutive reported months 红. */
    inspectionAfter: { ...whole(1, 12), default: 3 },
  },
  scores: {
    /** Points of an indicator at 100% of its (paced) target. */
    full: { ...real(0, 1000), default: 100 },
    /** Added for 达力争 / 序时达力争. */
    stretchBonus: { ...real(0, 1000), default: 10 },
    /** Subtracted per indicator under 督办. */
    supervisionPenalty: { ...real(0, 1000), default: 5 },
    /** Subtracted per indicator under 效能监察. */
    inspectionPenalty: { ...real(0, 1000), default: 10 },
    /** Scores are ranked as shown, rounded to this many decimals. */
    rankDecimals: { ...whole(0, 10), default: 2 },
  },
  timeliness: {
    /** Day of the month after the period by which the report is due, inclusive. */
    deadlineDay: { ...whole(1, 31), default: 5 },
    /** The office's offset from UTC in minutes (480: China, UTC+8). */
    utcOffsetMinutes: { ...whole(-14 * 60, 14 * 60), default: 480 },
  },
} as const satisfies Readonly<Record<string, Readonly<Record<string, SettingRange & { readonly default: number }>>>>;

export type SettingGroup = keyof typeof PLAN_SETTINGS;
export type SettingName<G extends SettingGroup> = keyof (typeof PLAN_SETTINGS)[G] & string;

/** The plan's settings block: any group, any setting may be left out (its default applies). */
export type PlanSettings = {
  readonly [G in SettingGroup]?: { readonly [K in SettingName<G>]?: number };
};

/** The block with every setting at its SPEC default (the built-in plan's, written out in full). */
export const DEFAULT_PLAN_SETTINGS = Object.fromEntries(
  Object.entries(PLAN_SETTINGS).map(([group, settings]) => [
    group,
    Object.fromEntries(Object.entries(settings).map(([name, s]) => [name, s.default])),
  ]),
) as { readonly [G in SettingGroup]: { readonly [K in SettingName<G>]: number } };

/** Is `v` allowed for this setting? */
export function inRange(range: SettingRange, v: number): boolean {
  return Number.isFinite(v) && v >= range.min && v <= range.max && (!range.integer || Number.isInteger(v));
}

/** Every (group, name, range) of the block, in the order the 指标库 shows them. */
export function settingEntries(): { group: SettingGroup; name: string; range: SettingRange & { default: number } }[] {
  return (Object.keys(PLAN_SETTINGS) as SettingGroup[]).flatMap((group) =>
    Object.entries(PLAN_SETTINGS[group]).map(([name, range]) => ({
      group,
      name,
      range: range as SettingRange & { default: number },
    })),
  );
}
