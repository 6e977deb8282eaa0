import { TIER, tierFollowsPace } from '../calc/calc';
import type { Kind } from '../calc/kinds';
import { compareText } from '../consolidation/values';
import type { EscalationLevel } from './escalation';
import type { HistoryRecord } from './history';

/**
 * 考核得分 (SPEC §10), the default scheme with every constant from the settings, computed from a period's district
 * (`total`) records — so that a month kept in 历史 scores exactly as it did when it was consolidated.
 *
 * Indicator points = full × clamp(attainment / E', 0, 1) + bonus when the tier is 2 (达力争, or 序时达力争 before
 * December); 0 for 未填报 or 数据有误. E' is 序时进度 E for the kinds whose light follows it (total, count, level,
 * share, floor, milestone: a milestone's attainment is its progress, judged like a paced amount, SPEC §3/§6) and 1
 * for `growth` and `rank`, whose attainment already is the SPEC's formula: (1+g)/(1+g*) and 1 if A ≤ T else T/A. No
 * credit above full (only the bonus), none below 0 (a negative attainment: a fall where a rise was planned).
 * An indicator whose attainment cannot be computed (no target, #DIV/0!, out of range) is `unscored`: left out of
 * its department's mean, not counted as 0 — the plan or the arithmetic failed, not the department.
 *
 * A department's score = Σ weight × points / Σ weight over its scored indicators, minus `supervisionPenalty` per
 * indicator under 督办 and `inspectionPenalty` per indicator under 效能监察 (the higher level only: 效能监察 is the
 * escalation of the same 督办), never below 0. Departments are the responsible ones (责任单位); a 配合部门's share is
 * not scored. Ranks compare scores rounded to `rankDecimals` (as shown): equal scores share a rank (并列) and the
 * next rank skips (1, 2, 2, 4); within a tie, by name. A department with no scored indicator has no score or rank.
 */

export interface ScoreSettings {
  /** Points of an indicator at 100% of its (paced) target. */
  readonly full: number;
  /** Added for tier 2 (达力争 / 序时达力争). */
  readonly stretchBonus: number;
  /** Subtracted per indicator under 督办. */
  readonly supervisionPenalty: number;
  /** Subtracted per indicator under 效能监察. */
  readonly inspectionPenalty: number;
  /** Scores are ranked as shown, rounded to this many decimals. */
  readonly rankDecimals: number;
}

export const DEFAULT_SCORES: ScoreSettings = {
  full: 100,
  stretchBonus: 10,
  supervisionPenalty: 5,
  inspectionPenalty: 10,
  rankDecimals: 2,
};

/** What scoring needs of an indicator from the plan (not in the history): its kind, and its weight (default 1). */
export interface ScoredIndicator {
  readonly code: string;
  readonly kind: Kind;
  readonly weight?: number;
}

export type PointsBasis = 'attainment' | 'notReported' | 'invalid' | 'unscored';

export interface IndicatorPoints {
  readonly code: string;
  readonly department: string;
  readonly weight: number;
  /** null when unscored. */
  readonly points: number | null;
  readonly basis: PointsBasis;
  /** The part of `points` that is the stretch bonus. */
  readonly bonus: number;
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** The points of one district record. */
export function indicatorPoints(
  record: HistoryRecord,
  indicator: ScoredIndicator,
  settings: ScoreSettings = DEFAULT_SCORES,
): IndicatorPoints {
  const base = { code: record.code, department: record.department, weight: indicator.weight ?? 1 };
  if (record.dataState === 'blank') return { ...base, points: 0, basis: 'notReported', bonus: 0 };
  if (record.dataState === 'invalid') return { ...base, points: 0, basis: 'invalid', bonus: 0 };
  const a = record.attainment;
  if (a === null || !Number.isFinite(a)) return { ...base, points: null, basis: 'unscored', bonus: 0 };
  const e = tierFollowsPace(indicator.kind) ? (record.expected ?? 1) : 1;
  const bonus = record.tier === TIER.stretch ? settings.stretchBonus : 0;
  // E = 0: a 分月计划 with nothing planned yet this month (SPEC §5). Any figure not below 0 is on plan (绿), as the
  // light says; dividing would give 0/0.
  const ratio = e > 0 ? a / e : a >= 0 ? 1 : 0;
  return { ...base, points: settings.full * clamp01(ratio) + bonus, basis: 'attainment', bonus };
}

export interface DepartmentScore {
  readonly department: string;
  readonly indicators: readonly IndicatorPoints[];
  /** Weighted mean of the scored indicators' points; null when none is scored. */
  readonly mean: number | null;
  readonly supervised: number;
  readonly inspected: number;
  readonly penalty: number;
  /** max(0, mean − penalty); null when none is scored. */
  readonly score: number | null;
  /** 1-based, shared by equal scores; absent without a score. */
  readonly rank?: number;
}

/**
 * Every responsible department's score in the period of `records` (its district records; department records and
 * codes not in `indicators` are ignored), ranked best first; unscored departments last, by name.
 */
export function departmentScores(
  records: readonly HistoryRecord[],
  indicators: readonly ScoredIndicator[],
  levels: ReadonlyMap<string, EscalationLevel> = new Map(),
  settings: ScoreSettings = DEFAULT_SCORES,
): DepartmentScore[] {
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const byDepartment = new Map<string, IndicatorPoints[]>();
  for (const r of records) {
    const ind = byCode.get(r.code);
    if (r.scope !== 'total' || !ind) continue;
    const list = byDepartment.get(r.department) ?? [];
    list.push(indicatorPoints(r, ind, settings));
    byDepartment.set(r.department, list);
  }
  const scores = [...byDepartment].map(([department, points]): DepartmentScore => {
    const sorted = [...points].sort((a, b) => compareText(a.code, b.code));
    const scored = sorted.filter((p) => p.points !== null && p.weight > 0);
    const weights = scored.reduce((s, p) => s + p.weight, 0);
    const mean = weights > 0 ? scored.reduce((s, p) => s + p.weight * (p.points ?? 0), 0) / weights : null;
    const level = (p: IndicatorPoints): EscalationLevel => levels.get(p.code) ?? 'none';
    const supervised = sorted.filter((p) => level(p) === 'supervision').length;
    const inspected = sorted.filter((p) => level(p) === 'inspection').length;
    const penalty = supervised * settings.supervisionPenalty + inspected * settings.inspectionPenalty;
    return {
      department,
      indicators: sorted,
      mean,
      supervised,
      inspected,
      penalty,
      score: mean === null ? null : Math.max(0, mean - penalty),
    };
  });
  return ranked(scores, settings.rankDecimals);
}

/** Best first; equal (as shown) share a rank and the next skips; within a tie and among the unscored, by name. */
function ranked(scores: readonly DepartmentScore[], decimals: number): DepartmentScore[] {
  const shown = (s: DepartmentScore): number => (s.score === null ? -Infinity : roundTo(s.score, decimals));
  const sorted = [...scores].sort((a, b) => shown(b) - shown(a) || compareText(a.department, b.department));
  return sorted.map((s, i) => {
    if (s.score === null) return s;
    const first = sorted.findIndex((t) => shown(t) === shown(s));
    return { ...s, rank: (first < 0 ? i : first) + 1 };
  });
}

/** Rounded half away from zero, as Excel's ROUND, after removing binary noise. */
export function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return (Math.sign(x) * Math.round(Number((Math.abs(x) * f).toPrecision(15)))) / f;
}
