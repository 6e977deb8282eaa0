import type { SheetData } from '../grid/sheet';
import type { Plan } from '../plan/schema';
import { expectedProgress, type Period } from '../validation/period';
import {
  aggregateIndicators,
  campaignSummaries,
  countLights,
  laggingList,
  type CampaignSummary,
  type IndicatorSummary,
  type LightCounts,
} from './aggregate';
import { detailRecords, inDetailOrder, type DetailRecord } from './details';
import { submissionMatrix, type SubmissionMatrix } from './matrix';
import { judgePicks } from './picks';
import { consolidationProblems, type ConsolidationProblem } from './problems';
import { rowEntries } from './rows';
import {
  defaultPeriod,
  inContentOrder,
  judgeSheets,
  prepare,
  reportedPeriods,
  sourceSummary,
  type Origin,
  type SourcePick,
  type SourceSummary,
} from './sources';

/**
 * 一键汇总 (SPEC §8): department template sheets and files → records → one figure per indicator → attainment,
 * tier, 序时进度 and light (SPEC §3–§6) → problems, submission matrix and lagging list. Pure: plain data in and
 * out, no Office. Nothing is dropped silently: every value found in an input cell of a template becomes exactly
 * one detail record, used or not, and a record that is not used says why; sheets that cannot be read at all
 * are in the problems. The result depends only on the sources' contents and names, never on their order.
 *
 * The steps, each in its module: sources (which sheets, the period, each sheet's state) → rows (the indicator
 * rows read) → aggregate (one figure per indicator, the verdict on each value) → details → matrix → problems.
 */

export interface Source {
  readonly origin: Origin;
  readonly sheet: SheetData;
  /** When it was saved (ISO 8601), where known: a file's; a sheet of the open workbook has no save time of its own. */
  readonly savedAt?: string;
}

export interface ConsolidateOptions {
  /**
   * The report period to consolidate; default: the latest period among the templates (of the plan year, if any;
   * not after `reportMonth`, if any is).
   */
  readonly period?: Period;
  /** The month being reported now (defaultReportMonth: the last completed month of the plan year). */
  readonly reportMonth?: number;
  /** The office's picks (以此为准) where save times cannot tell which submission counts (SPEC §8 Corrections). */
  readonly picks?: readonly SourcePick[];
}

export interface Consolidation {
  readonly planId: string;
  readonly planTitle: string;
  readonly year: number;
  readonly period?: Period;
  /** m/12 of the period. */
  readonly expected?: number;
  readonly campaigns: readonly CampaignSummary[];
  readonly details: readonly DetailRecord[];
  readonly problems: readonly ConsolidationProblem[];
  readonly matrix: SubmissionMatrix;
  /** 黄/红 indicators: red first, then plan order. */
  readonly lagging: readonly IndicatorSummary[];
  readonly counts: LightCounts;
  /** Every template found, in the order of the details (plan order, department, origin). */
  readonly sources: readonly SourceSummary[];
  /** The office's picks still standing, for the 汇总 marker (absent when there are none). */
  readonly picks?: readonly SourcePick[];
}

export function consolidate(plan: Plan, sources: readonly Source[], options: ConsolidateOptions = {}): Consolidation {
  // 1. The template sheets, read, in an order that depends only on their contents and names.
  const read = sources.flatMap((s) => prepare(s.origin, s.sheet, plan, s.savedAt) ?? []);
  const prepared = inContentOrder(read, plan);
  // 2. The report period, and what it makes of each sheet (included, superseded, another period, a conflict …).
  const period = options.period ?? defaultPeriod(reportedPeriods(prepared), plan.year, options.reportMonth);
  const sheets = judgeSheets(prepared, period, options.picks);
  const files = new Set(sources.flatMap((s) => (s.origin.kind === 'file' ? [s.origin.file] : [])));
  const picks = judgePicks(options.picks ?? [], period, sheets, files, plan);
  // 3. Every indicator row read; one figure per indicator from the included sheets, a verdict on every value.
  const entries = rowEntries(sheets, plan);
  const { outcomes, verdicts } = aggregateIndicators(plan, entries, period);
  const campaigns = campaignSummaries(plan, outcomes);
  const indicators = campaigns.flatMap((c) => c.indicators);
  // 4. Who submitted what; every value found, used or why not; every problem.
  const matrix = submissionMatrix(plan, sheets, period);
  const ordered = inDetailOrder(entries, plan);
  return {
    planId: plan.id,
    planTitle: plan.title,
    year: plan.year,
    ...(period ? { period, expected: expectedProgress(period) } : {}),
    campaigns,
    details: detailRecords(ordered, verdicts),
    problems: [...picks.problems, ...consolidationProblems({ plan, period, sheets, ordered, outcomes, matrix })],
    matrix,
    lagging: laggingList(indicators),
    counts: countLights(indicators),
    sources: sheets.map(sourceSummary),
    ...(picks.kept.length > 0 ? { picks: picks.kept } : {}),
  };
}
