import { LIGHT, type Light } from '../calc/calc';
import { compareText } from '../consolidation/values';
import type { BulletinMessageKey } from '../i18n/bulletin.zh';
import type { MessageParams } from '../i18n/messages';
import type { Period } from '../validation/period';
import type { HistoryRecord } from './history';

/**
 * 亮灯督办 (SPEC §10): how long each indicator has been lagging, from the district (`total`) records of the history,
 * and what that escalates to: 督办 (专函督办) after `supervisionAfter` consecutive reported months 黄 or 红,
 * 效能监察 after `inspectionAfter` consecutive reported months 红 (the plan document: 区纪检监察组 … 行政效能监察).
 *
 * "Consecutive reported months": counted back from the period, month by month within its year, over the months whose
 * record has a light 红/黄/绿; a month without one (no record, 未填报, 数据有误, a light that cannot be computed) is
 * skipped — it neither breaks nor extends a run — so that not reporting never clears an escalation; the first 绿
 * ends a 黄/红 run, the first 黄 or 绿 a 红 run. A run is only escalated while the period itself has a 黄/红 light:
 * an indicator back to 绿 (or not reported) this month is not listed. 效能监察 supersedes 督办 (one level each).
 */

export interface EscalationSettings {
  /** 督办 after this many consecutive reported months 黄 or 红 (default 2). */
  readonly supervisionAfter: number;
  /** 效能监察 after this many consecutive reported months 红 (default 3). */
  readonly inspectionAfter: number;
}

export const DEFAULT_ESCALATION: EscalationSettings = { supervisionAfter: 2, inspectionAfter: 3 };

export type EscalationLevel = 'none' | 'supervision' | 'inspection';

/** One month of a run: its light and the reason given that month. */
export interface RunMonth {
  readonly month: number;
  readonly light: Light;
  readonly attainment: number | null;
  readonly reason: string;
}

export interface LightRun {
  readonly code: string;
  /** The responsible department (责任单位) in the period. */
  readonly department: string;
  /** The 黄/红 run ending in the period, oldest first (empty when the period is not 黄/红). */
  readonly months: readonly RunMonth[];
  /** Consecutive reported months 黄 or 红, and 红, ending in the period. */
  readonly yellowOrRed: number;
  readonly red: number;
  readonly level: EscalationLevel;
}

const isLagging = (l: Light | null): boolean => l === LIGHT.yellow || l === LIGHT.red;
const isLit = (l: Light | null): l is Light => l === LIGHT.red || l === LIGHT.yellow || l === LIGHT.green;

/** The level a run reaches under the settings. */
export function levelOf(yellowOrRed: number, red: number, settings: EscalationSettings): EscalationLevel {
  if (red >= settings.inspectionAfter) return 'inspection';
  return yellowOrRed >= settings.supervisionAfter ? 'supervision' : 'none';
}

/** The run of one indicator ending in `period`, from its district records (any order; other codes ignored). */
export function lightRun(
  history: readonly HistoryRecord[],
  code: string,
  period: Period,
  settings: EscalationSettings = DEFAULT_ESCALATION,
): LightRun | undefined {
  const byMonth = new Map<number, HistoryRecord>();
  for (const r of history)
    if (r.scope === 'total' && r.code === code && r.year === period.year && r.month <= period.month)
      byMonth.set(r.month, r);
  const now = byMonth.get(period.month);
  if (!now) return undefined;
  const months: RunMonth[] = [];
  let red = 0;
  let redRunning = true;
  if (isLagging(now.light)) {
    for (let m = period.month; m >= 1; m--) {
      const r = byMonth.get(m);
      if (!r || !isLit(r.light)) continue;
      if (!isLagging(r.light)) break;
      months.unshift({ month: m, light: r.light, attainment: r.attainment, reason: r.reason });
      if (redRunning && r.light === LIGHT.red) red++;
      else redRunning = false;
    }
  }
  const yellowOrRed = months.length;
  return { code, department: now.department, months, yellowOrRed, red, level: levelOf(yellowOrRed, red, settings) };
}

/** Every indicator's run in `period`, in code order. */
export function lightRuns(
  history: readonly HistoryRecord[],
  period: Period,
  settings: EscalationSettings = DEFAULT_ESCALATION,
): LightRun[] {
  const codes = [
    ...new Set(
      history
        .filter((r) => r.scope === 'total' && r.year === period.year && r.month === period.month)
        .map((r) => r.code),
    ),
  ].sort(compareText);
  return codes.flatMap((code) => lightRun(history, code, period, settings) ?? []);
}

/** A line of the 督办清单. */
export interface SupervisionItem extends LightRun {
  readonly level: 'supervision' | 'inspection';
}

/** 督办清单: every escalated indicator, 效能监察 first, then the longest run, then department and code. */
export function supervisionList(
  history: readonly HistoryRecord[],
  period: Period,
  settings: EscalationSettings = DEFAULT_ESCALATION,
): SupervisionItem[] {
  const rank = (l: EscalationLevel): number => (l === 'inspection' ? 0 : 1);
  return lightRuns(history, period, settings)
    .filter((r): r is SupervisionItem => r.level !== 'none')
    .sort(
      (a, b) =>
        rank(a.level) - rank(b.level) ||
        b.yellowOrRed - a.yellowOrRed ||
        compareText(a.department, b.department) ||
        compareText(a.code, b.code),
    );
}

/** The level of each indicator in `period`, by code (for scores). */
export function levelsByCode(runs: readonly LightRun[]): ReadonlyMap<string, EscalationLevel> {
  return new Map(runs.map((r) => [r.code, r.level]));
}

/** The words of a level: 督办 / 效能监察. */
export function levelKey(level: 'supervision' | 'inspection'): BulletinMessageKey {
  return `bulletin.level.${level}`;
}

/**
 * A run in words, as a message (describeProblem translates `lightsKey`): 效能监察 "连续 3 个月红灯", else
 * "连续 2 个月黄灯或红灯".
 */
export function runMessage(run: LightRun): { readonly key: BulletinMessageKey; readonly params: MessageParams } {
  const red = run.level === 'inspection';
  return {
    key: 'bulletin.run',
    params: {
      count: red ? run.red : run.yellowOrRed,
      lightsKey: red ? 'bulletin.run.red' : 'bulletin.run.yellowOrRed',
    },
  };
}
