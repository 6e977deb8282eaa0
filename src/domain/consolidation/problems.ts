import { LIGHT } from '../calc/calc';
import type { MessageKey, MessageParams } from '../i18n/messages';
import { findMarkers } from '../grid/ownSheets';
import type { Field, Severity } from '../grid/problems';
import type { Campaign, Plan } from '../plan/schema';
import type { Period } from '../validation/period';
import type { Dissent, IndicatorOutcome } from './aggregate';
import type { SubmissionMatrix } from './matrix';
import { DETAIL_FIELDS, literalAt, type RowEntry } from './rows';
import { originText, sameOrigin, type Origin, type PreparedSheet, type SourceSheet } from './sources';
import { compareText, isEmpty, shown } from './values';

/**
 * The problem list (SPEC §8: nothing is dropped silently), in this order: per sheet (in source order: its own
 * problems and what happened to it as a whole), values that do not apply, per indicator (plan order), then the
 * submissions missing for the period.
 */

export type ProblemField = Field | 'structure' | 'submission' | 'indicator';

export interface ConsolidationProblem {
  readonly severity: Severity;
  readonly key: MessageKey;
  readonly params: MessageParams;
  readonly field: ProblemField;
  /** The sheet the problem is in; absent for a missing submission or an indicator-wide problem. */
  readonly origin?: Origin;
  readonly cell?: string;
  readonly indicator?: string;
  readonly department?: string;
  readonly campaignId?: string;
  readonly fix?: { readonly cell: string; readonly value: number };
}

export interface ProblemInputs {
  readonly plan: Plan;
  readonly period: Period | undefined;
  readonly sheets: readonly SourceSheet[];
  /** The indicator rows read, in detail order. */
  readonly ordered: readonly RowEntry[];
  readonly outcomes: readonly IndicatorOutcome[];
  readonly matrix: SubmissionMatrix;
}

export function consolidationProblems(from: ProblemInputs): ConsolidationProblem[] {
  const noSources: ConsolidationProblem = {
    severity: 'warning',
    key: 'consolidation.noSources',
    params: {},
    field: 'submission',
  };
  return [
    ...(from.sheets.length === 0 ? [noSources] : []),
    ...sheetProblems(from.sheets, from.period, from.plan),
    ...from.ordered.flatMap(priorNotApplicable),
    ...from.outcomes.flatMap(indicatorProblems),
    ...missingSubmissions(from.matrix, from.period, from.plan),
  ];
}

// ————— per sheet —————

function sheetProblems(sheets: readonly SourceSheet[], period: Period | undefined, plan: Plan): ConsolidationProblem[] {
  const campaigns = new Map(plan.campaigns.map((c) => [c.id, c]));
  const identical = identicalGroups();
  return sheets.flatMap((s) => {
    const tied = s.contest?.decision.tied ?? [];
    const stated = stateProblem(s, period, () => identical(s, tied), campaigns);
    const own = ownProblems(s);
    if (!stated) return own;
    // Another period, a conflict and a correction come first: they say why the sheet's values are not used at all.
    return s.state === 'otherPeriod' || s.state === 'conflict' || s.state === 'superseded'
      ? [stated, ...own]
      : [...own, stated];
  });
}

type SheetBase = Pick<ConsolidationProblem, 'origin' | 'department' | 'campaignId'>;

function sheetBase(s: SourceSheet): SheetBase {
  return {
    origin: s.origin,
    ...(s.department !== undefined ? { department: s.department } : {}),
    ...(s.campaignId !== undefined ? { campaignId: s.campaignId } : {}),
  };
}

/**
 * The validator's problems of a sheet; of another period's sheet, or of one superseded by a correction, only those
 * of its structure and period (its value problems concern a report not consolidated now; its values are in 明细).
 */
function ownProblems(s: SourceSheet): ConsolidationProblem[] {
  const own =
    s.state === 'otherPeriod' || s.state === 'superseded'
      ? s.problems.filter((q) => q.field === 'structure' || q.field === 'period')
      : s.problems;
  const base = sheetBase(s);
  return own.map((q) => ({
    severity: q.severity,
    key: q.key,
    params: q.params,
    field: q.field,
    ...base,
    cell: q.cell,
    ...(q.indicator !== undefined ? { indicator: q.indicator } : {}),
    ...(q.fix ? { fix: q.fix } : {}),
  }));
}

/** What happened to the sheet as a whole, when it is not included. */
function stateProblem(
  s: SourceSheet,
  period: Period | undefined,
  isIdentical: () => boolean,
  campaigns: ReadonlyMap<string, Campaign>,
): ConsolidationProblem | undefined {
  const submission = { field: 'submission', ...sheetBase(s), cell: markerCell(s) } as const;
  if (s.state === 'otherPeriod' && s.period && period) {
    return {
      severity: 'warning',
      key: 'consolidation.otherPeriod',
      params: { year: s.period.year, month: s.period.month, periodYear: period.year, periodMonth: period.month },
      ...submission,
    };
  }
  const group = {
    department: s.department ?? '',
    campaign: campaigns.get(s.campaignId ?? '')?.name ?? s.campaignId ?? '',
    year: s.period?.year ?? 0,
    month: s.period?.month ?? 0,
  };
  if (s.state === 'conflict' && s.period) {
    const tied = s.contest?.decision.tied ?? [];
    return {
      severity: 'error',
      key: isIdentical() ? 'consolidation.conflictIdentical' : 'consolidation.conflict',
      params: { ...group, count: tied.length, others: namesBut(tied, s) },
      ...submission,
    };
  }
  if (s.state === 'superseded' && s.contest) {
    const { winner, by, tied } = s.contest.decision;
    return {
      severity: 'warning',
      key: by === 'pick' ? 'consolidation.supersededByPick' : 'consolidation.superseded',
      params: { ...group, by: namesBut(winner ? [winner] : tied, s) },
      ...submission,
    };
  }
  if (s.state === 'structure') return { severity: 'error', key: 'consolidation.structure', params: {}, ...submission };
  if (s.state === 'noPeriod') {
    const cell = s.problems.find((q) => q.field === 'period')?.cell ?? submission.cell;
    return { severity: 'error', key: 'consolidation.noPeriod', params: {}, ...submission, cell };
  }
  return undefined;
}

/** The other sheets of a list, named for a message. */
function namesBut(sheets: readonly PreparedSheet[], s: SourceSheet): string {
  return sheets
    .filter((o) => !sameOrigin(o.origin, s.origin))
    .map((o) => originText(o.origin))
    .join('、');
}

function markerCell(s: SourceSheet): string {
  return findMarkers(s.sheet.values)[0]?.cell ?? 'A1';
}

/** The values of every input cell of every indicator of a readable sheet, as one comparable text. */
function contentKey(s: PreparedSheet): string {
  return JSON.stringify(
    [...(s.reading?.rows ?? [])]
      .sort((x, y) => compareText(x.code, y.code))
      .map((r) => [
        r.code,
        ...DETAIL_FIELDS.map((f) => (r.cells[f] === undefined ? null : literalAt(s, r.cells[f] ?? 'A1'))),
      ]),
  );
}

/**
 * Whether a sheet in conflict has the same values as every other sheet claiming its department and campaign
 * (copies of one report, worded so in the message). Each group is compared once, in time linear in its size.
 */
function identicalGroups(): (s: SourceSheet, rivals: readonly PreparedSheet[]) => boolean {
  const known = new Map<readonly PreparedSheet[], boolean>();
  return (s, rivals) => {
    if (!s.reading) return false; // a sheet that cannot be read is never a copy
    let same = known.get(rivals);
    if (same === undefined) {
      same = rivals.every((o) => o.reading !== undefined) && new Set(rivals.map(contentKey)).size === 1;
      known.set(rivals, same);
    }
    return same;
  };
}

// ————— per value and per indicator —————

/** A value in the 上年同期 cell of a non-growth row of a sheet used: listed, not used. */
function priorNotApplicable(e: RowEntry): ConsolidationProblem[] {
  const value = e.raw.prior;
  const cell = e.row.cells.prior;
  if (isEmpty(value) || cell === undefined || e.indicator.kind === 'growth' || e.source.state !== 'included') return [];
  return [
    {
      severity: 'warning',
      key: 'consolidation.priorNotApplicable',
      params: { code: e.indicator.code, name: e.indicator.name, value: shown(value) },
      field: 'prior',
      origin: e.source.origin,
      cell,
      indicator: e.indicator.code,
      department: e.department,
      campaignId: e.source.campaignId ?? '',
    },
  ];
}

/** A `single` indicator's figure from another department than the responsible one, when it differs. */
function dissentProblem(o: IndicatorOutcome, d: Dissent): ConsolidationProblem {
  const { indicator: ind, campaign } = o;
  const { entry: e, field, responsible } = d;
  const value = field === 'prior' ? e.prior : e.actual;
  const responsibleValue = responsible ? (field === 'prior' ? responsible.prior : responsible.actual) : null;
  const cell = e.row.cells[field];
  return {
    severity: 'warning',
    key: responsible ? 'consolidation.singleDiffers' : 'consolidation.singleNotResponsible',
    params: {
      code: ind.code,
      name: ind.name,
      responsible: ind.department,
      department: e.department,
      fieldKey: `field.${field}`,
      value: shown(value),
      ...(responsibleValue !== null ? { responsibleValue: shown(responsibleValue) } : {}),
    },
    field,
    origin: e.source.origin,
    ...(cell !== undefined ? { cell } : {}),
    indicator: ind.code,
    department: e.department,
    campaignId: campaign.id,
  };
}

/** Departments that differ on a `single` figure, a light that cannot be computed, a lag without a reason. */
function indicatorProblems(o: IndicatorOutcome): ConsolidationProblem[] {
  const { indicator: ind, campaign, summary } = o;
  const problems = o.dissents.map((d) => dissentProblem(o, d));
  const about = { field: 'indicator', indicator: ind.code, campaignId: campaign.id } as const;
  // A result beyond a number's range (issue 12): an error on each value counted in it, naming its cell.
  for (const v of o.outOfRange ?? []) {
    problems.push({
      severity: 'error',
      key: 'consolidation.outOfRange',
      params: {
        code: ind.code,
        name: ind.name,
        department: v.entry.department,
        fieldKey: `field.${v.field}`,
        value: shown(v.value),
      },
      field: v.field,
      origin: v.entry.source.origin,
      cell: v.cell,
      indicator: ind.code,
      department: v.entry.department,
      campaignId: campaign.id,
    });
  }
  if (o.failure) {
    problems.push({
      severity: 'warning',
      key: 'consolidation.calcFailed',
      params: { code: ind.code, name: ind.name, problemKey: `consolidation.calc.${o.failure}` },
      ...about,
    });
  }
  if ((summary.light === LIGHT.red || summary.light === LIGHT.yellow) && summary.reasons.length === 0) {
    problems.push({
      severity: 'warning',
      key: 'consolidation.lagWithoutReason',
      params: { code: ind.code, name: ind.name, lightKey: `light.${summary.light}` },
      ...about,
    });
  }
  return problems;
}

// ————— per submission —————

/** An expected department × campaign with nothing for the period (未报, or only another period's report). */
function missingSubmissions(matrix: SubmissionMatrix, period: Period | undefined, plan: Plan): ConsolidationProblem[] {
  if (period === undefined) return [];
  const campaignName = new Map(plan.campaigns.map((c) => [c.id, c.name]));
  return matrix.rows.flatMap((cells) =>
    cells.flatMap((c): ConsolidationProblem[] =>
      c.expected && (c.state === 'missing' || c.state === 'otherPeriod')
        ? [
            {
              severity: 'warning',
              key: 'consolidation.missing',
              params: {
                department: c.department,
                campaign: campaignName.get(c.campaignId) ?? c.campaignId,
                year: period.year,
                month: period.month,
              },
              field: 'submission',
              department: c.department,
              campaignId: c.campaignId,
            },
          ]
        : [],
    ),
  );
}
