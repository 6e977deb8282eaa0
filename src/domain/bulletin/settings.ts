import { DEFAULT_ESCALATION, type EscalationSettings } from './escalation';
import { DEFAULT_SCORES, type ScoreSettings } from './scores';
import { DEFAULT_TIMELINESS, type TimelinessSettings } from './timeliness';

/**
 * The bulletin's settings in one object (SPEC §2: one optional settings block per plan; defaults SPEC §10), so that
 * a plan can override any constant and leave the rest at their defaults. The plan schema is to validate the block
 * where it reads the 指标库 (every problem with its cell); a value that reaches here out of range is programmer
 * misuse and throws.
 */

export interface BulletinSettings {
  readonly escalation: EscalationSettings;
  readonly scores: ScoreSettings;
  readonly timeliness: TimelinessSettings;
}

export interface BulletinSettingsInput {
  readonly escalation?: Partial<EscalationSettings>;
  readonly scores?: Partial<ScoreSettings>;
  readonly timeliness?: Partial<TimelinessSettings>;
}

export const DEFAULT_BULLETIN_SETTINGS: BulletinSettings = {
  escalation: DEFAULT_ESCALATION,
  scores: DEFAULT_SCORES,
  timeliness: DEFAULT_TIMELINESS,
};

const wholeAtLeast = (min: number) => (v: number) => Number.isInteger(v) && v >= min;
const finiteAtLeast = (min: number) => (v: number) => Number.isFinite(v) && v >= min;

const RULES: {
  readonly [G in keyof BulletinSettings]: { readonly [K in keyof BulletinSettings[G]]: (v: number) => boolean };
} = {
  escalation: { supervisionAfter: wholeAtLeast(1), inspectionAfter: wholeAtLeast(1) },
  scores: {
    full: finiteAtLeast(0),
    stretchBonus: finiteAtLeast(0),
    supervisionPenalty: finiteAtLeast(0),
    inspectionPenalty: finiteAtLeast(0),
    rankDecimals: (v) => wholeAtLeast(0)(v) && v <= 10,
  },
  timeliness: {
    deadlineDay: (v) => wholeAtLeast(1)(v) && v <= 31,
    utcOffsetMinutes: (v) => Number.isInteger(v) && Math.abs(v) <= 14 * 60,
  },
};

/** The defaults with the plan's overrides; an override out of range throws (the plan schema checks it first). */
export function bulletinSettings(input: BulletinSettingsInput = {}): BulletinSettings {
  const settings: BulletinSettings = {
    escalation: { ...DEFAULT_ESCALATION, ...input.escalation },
    scores: { ...DEFAULT_SCORES, ...input.scores },
    timeliness: { ...DEFAULT_TIMELINESS, ...input.timeliness },
  };
  for (const group of Object.keys(RULES) as (keyof BulletinSettings)[]) {
    const values = settings[group] as unknown as Readonly<Record<string, number>>;
    for (const [name, ok] of Object.entries(RULES[group] as Readonly<Record<string, (v: number) => boolean>>)) {
      const v = values[name];
      if (v === undefined || !ok(v)) throw new RangeError(`bulletin setting ${group}.${name} out of range: ${v}`);
    }
  }
  return settings;
}
