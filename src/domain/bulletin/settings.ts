import { DEFAULT_ESCALATION, type EscalationSettings } from './escalation';
import { DEFAULT_SCORES, type ScoreSettings } from './scores';
import { DEFAULT_TIMELINESS, type TimelinessSettings } from './timeliness';
import { inRange, settingEntries, type PlanSettings } from '../plan/settings';

/**
 * The bulletin's settings in one object (SPEC §2: one optional settings block per plan; defaults SPEC §10), so that
 * a plan can override any constant and leave the rest at their defaults. The plan schema validates the block where
 * it reads the 指标库 (every problem with its cell), with the same ranges (plan/settings.ts); a value that reaches
 * here out of range is programmer misuse and throws.
 */

export interface BulletinSettings {
  readonly escalation: EscalationSettings;
  readonly scores: ScoreSettings;
  readonly timeliness: TimelinessSettings;
}

/**
 * The plan's settings block as the bulletin takes it: the plan defines it (plan/settings.ts, below this layer, with
 * every setting's range and default), so a plan's `settings` is passed as it is.
 */
export type BulletinSettingsInput = PlanSettings;

// The plan's block and the bulletin's settings name the same constants: a setting added to one only fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<{ [G in keyof BulletinSettings]: Required<NonNullable<PlanSettings[G]>> }, BulletinSettings> =
  true;
void sameShape;

export const DEFAULT_BULLETIN_SETTINGS: BulletinSettings = {
  escalation: DEFAULT_ESCALATION,
  scores: DEFAULT_SCORES,
  timeliness: DEFAULT_TIMELINESS,
};

/** The defaults with the plan's overrides; an override out of range throws (the plan schema checks it first). */
export function bulletinSettings(input: BulletinSettingsInput = {}): BulletinSettings {
  const settings: BulletinSettings = {
    escalation: { ...DEFAULT_ESCALATION, ...input.escalation },
    scores: { ...DEFAULT_SCORES, ...input.scores },
    timeliness: { ...DEFAULT_TIMELINESS, ...input.timeliness },
  };
  for (const { group, name, range } of settingEntries()) {
    const v = (settings[group] as unknown as Readonly<Record<string, number>>)[name];
    if (v === undefined || !inRange(range, v))
      throw new RangeError(`bulletin setting ${group}.${name} out of range: ${v}`);
  }
  return settings;
}
