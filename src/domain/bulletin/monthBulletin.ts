import { lightRuns, levelsByCode, supervisionList, type LightRun, type SupervisionItem } from './escalation';
import { recordsIn, type HistoryRecord } from './history';
import { departmentScores, type DepartmentScore, type ScoredIndicator } from './scores';
import { DEFAULT_BULLETIN_SETTINGS, type BulletinSettings } from './settings';
import { trends, type Trend } from './trend';
import type { Period } from '../validation/period';

/**
 * What the month's 督查通报 says beyond 汇总 (SPEC §10), from the history alone (the run's own records merged in
 * first): trend, light runs, the 督办清单 and the departments' scores, under one set of settings, so that the
 * 通报 sheet, 汇总's trend columns and the pane's headline read the same figures.
 */

export interface MonthBulletin {
  readonly period: Period;
  readonly trends: readonly Trend[];
  readonly runs: readonly LightRun[];
  readonly supervision: readonly SupervisionItem[];
  readonly scores: readonly DepartmentScore[];
}

export function monthBulletin(
  history: readonly HistoryRecord[],
  period: Period,
  indicators: readonly ScoredIndicator[],
  settings: BulletinSettings = DEFAULT_BULLETIN_SETTINGS,
): MonthBulletin {
  const runs = lightRuns(history, period, settings.escalation);
  return {
    period,
    trends: trends(history, period),
    runs,
    supervision: supervisionList(history, period, settings.escalation),
    scores: departmentScores(recordsIn(history, period), indicators, levelsByCode(runs), settings.scores),
  };
}
