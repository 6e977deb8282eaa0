import {
  DEFAULT_STATUS_THRESHOLDS,
  LIGHT,
  type StatusThresholds,
  TOLERANCE,
  attainment as attainmentOf,
  status as statusOf,
  tier as tierOf,
  type CalcResult,
  type Light,
} from '../calc/calc';
import type { MessageKey, MessageParams } from '../i18n/messages';
import type { Kind } from '../calc/kinds';
import type { Aggregation, Campaign, Indicator, Plan } from '../plan/schema';
import type { LiteralValue, CellValue } from '../grid/cells';
import { parseCell } from '../grid/address';
import { roundFloat } from '../grid/numberText';
import { expectedProgress, type Period } from '../validation/period';
import {
  DETAIL_MARKER_TYPE,
  SUMMARY_MARKER_TYPE,
  TEMPLATE_MARKER_TYPE,
  findMarkers,
  isSheetOfType,
  templateMarkerOf,
} from '../grid/ownSheets';
import { type SheetData } from '../grid/sheet';
import type { Field, Severity, SheetProblem } from '../grid/problems';
import {
  isTemplateSheet,
  validateTemplateSheet,
  type TemplateReading,
  type TemplateRow,
} from '../validation/validateSheet';

/**
 * 一键汇总 (SPEC §8): department template sheets and files → records → one figure per indicator → attainment,
 * tier, 序时进度 and light (SPEC §3–§6) → problems, submission matrix and lagging list. Pure: plain data in and
 * out, no Office. Nothing is dropped silently: every value found in an input cell of a template becomes exactly
 * one detail record, used or not, and a record that is not used says why; sheets that cannot be read at all
 * are in the problems. The result depends only on the sources' contents and names, never on their order.
 */

// ————— sources —————

/** Where a sheet came from: a sheet of the open workbook, or a sheet of an imported department workbook. */
export type Origin =
  | { readonly kind: 'sheet'; readonly sheet: string }
  | { readonly kind: 'file'; readonly file: string; readonly sheet: string };

export interface Source {
  readonly origin: Origin;
  readonly sheet: SheetData;
}

export interface ConsolidateOptions {
  /** The report period to consolidate; default: the latest period among the templates (of the plan year, if any). */
  readonly period?: Period;
}

export const OUTPUT_VERSION = 1;

// ————— result —————

/** What happened to a template sheet as a whole. */
export type SourceState =
  | 'included' // its valid values are used
  | 'otherPeriod' // another report period: listed, left out
  | 'conflict' // the same department and campaign submitted more than once for the period: all left out
  | 'structure' // broken structure (marker, keys, codes …): left out
  | 'noPeriod'; // the report period cannot be read: left out

export interface SourceSummary {
  readonly origin: Origin;
  readonly state: SourceState;
  readonly department?: string;
  readonly campaignId?: string;
  /** The period the sheet reports (for a sheet that could not be read: the period of its marker, if any). */
  readonly period?: Period;
  readonly errors: number;
  readonly warnings: number;
}

export type DetailField = 'actual' | 'prior' | 'reason';

/** Why a source value is not used in the summary (or, for `sameAsResponsible`, why it is not counted twice). */
export type WhyNot =
  | 'otherPeriod'
  | 'conflict'
  | 'structure'
  | 'noPeriod'
  | 'invalid'
  | 'blank'
  | 'notText'
  | 'growthUnpaired'
  | 'notApplicable'
  | 'notResponsible'
  | 'differsFromResponsible'
  | 'sameAsResponsible';

/** One value found in an input cell of a template (blank cells have none). */
export interface DetailRecord {
  readonly campaignId: string;
  readonly code: string;
  readonly department: string;
  readonly field: DetailField;
  /** As found in the cell; an Excel error value as its text ("#N/A"). Source text: always written as text. */
  readonly value: LiteralValue;
  /** The valid number of an `actual` or `prior` value, else null. */
  readonly number: number | null;
  readonly origin: Origin;
  readonly cell: string;
  readonly period?: Period;
  /** Counted in the summary figure (actual, prior) or shown as a reason in the summary (reason). */
  readonly used: boolean;
  readonly why?: WhyNot;
}

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

export interface ReasonEntry {
  readonly department: string;
  readonly text: string;
  readonly origin: Origin;
  readonly cell: string;
}

export interface IndicatorSummary {
  readonly campaignId: string;
  readonly code: string;
  readonly name: string;
  readonly unit: string;
  readonly kind: Kind;
  readonly aggregation: Aggregation;
  readonly paced: boolean;
  readonly target: number | null;
  readonly stretch: number | null;
  /** 责任单位 */
  readonly department: string;
  /** The consolidated value: Σ or the responsible department's value; for `growth`, the growth rate. */
  readonly actual: number | null;
  /** `growth` only: Σ current and Σ prior over the departments counted. */
  readonly current: number | null;
  readonly prior: number | null;
  readonly attainment: number | null;
  readonly tier: number | null;
  /** 序时进度 E: m/12 for paced indicators, else 1 (undefined period: null). */
  readonly expected: number | null;
  /** 快慢序时 in percentage points: (attainment − E) × 100; for `growth` (g − g*) × 100. */
  readonly paceGap: number | null;
  /** 0 未填报 … 3 绿; null when it cannot be computed (a problem says why). */
  readonly light: Light | null;
  /** Departments whose values are counted, by name. */
  readonly counted: readonly string[];
  readonly reasons: readonly ReasonEntry[];
}

export interface LightCounts {
  readonly green: number;
  readonly yellow: number;
  readonly red: number;
  readonly none: number;
}

export interface CampaignSummary {
  readonly id: string;
  readonly number: number;
  readonly name: string;
  readonly commander: string;
  readonly deputyCommander: string;
  readonly leadDepartment: string;
  readonly indicators: readonly IndicatorSummary[];
  readonly counts: LightCounts;
  /** Mean attainment of the indicators that have one, each capped at ATTAINMENT_CAP (a composite score). */
  readonly averageAttainment: number | null;
  /** Mean 序时进度 of the same indicators. */
  readonly averageExpected: number | null;
}

export type SubmissionState = 'submitted' | 'missing' | 'invalid' | 'conflict' | 'otherPeriod' | 'notExpected';

export interface MatrixCell {
  readonly department: string;
  readonly campaignId: string;
  readonly state: SubmissionState;
  readonly expected: boolean;
  /** The sheets behind the state (for the period, or of other periods when that is all there is). */
  readonly origins: readonly Origin[];
}

export interface SubmissionMatrix {
  /** Expected departments in plan order, then other submitting departments by name. */
  readonly departments: readonly string[];
  readonly campaignIds: readonly string[];
  /** rows[d][c] for departments[d] × campaignIds[c]. */
  readonly rows: readonly (readonly MatrixCell[])[];
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
}

/** A single attainment counts at most this much in a campaign's average (a composite score, SPEC §3). */
export const ATTAINMENT_CAP = 1.2;

// ————— helpers —————

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A stable, content-only sort key of an origin: workbook sheets first, then files by name. */
export function originKey(o: Origin): string {
  return o.kind === 'sheet' ? `0\u0000${o.sheet}` : `1\u0000${o.file}\u0000${o.sheet}`;
}

export function sameOrigin(a: Origin, b: Origin): boolean {
  return originKey(a) === originKey(b);
}

const samePeriod = (a: Period | undefined, b: Period | undefined): boolean =>
  a !== undefined && b !== undefined && a.year === b.year && a.month === b.month;
const periodRank = (p: Period): number => p.year * 12 + p.month;

/** Equal as a person would compare two figures on paper (the 1e-9 tolerance, relative for large figures). */
export function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

function literalOf(v: CellValue | undefined): LiteralValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'object') return v.error;
  return v;
}

const isEmpty = (v: LiteralValue): boolean => v === null || v === '';

function cellValueAt(sheet: SheetData, address: string): CellValue | undefined {
  const { column, row } = parseCell(address);
  return sheet.values[row - 1]?.[column - 1];
}

/** Text of a number for a message: binary noise removed (0.30000000000000004 → 0.3). */
const shown = (v: LiteralValue): string | number =>
  typeof v === 'number' ? roundFloat(v) : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : (v ?? '');

// ————— reading the sources —————

interface Prepared {
  readonly source: Source;
  readonly reading?: TemplateReading;
  readonly problems: readonly SheetProblem[];
  readonly department?: string;
  readonly campaignId?: string;
  /** The period the sheet reports (reading), or its marker's when it could not be read. */
  readonly period?: Period;
  readonly broken: boolean;
}

/** 汇总 and 明细 are consolidation's outputs, never its sources. */
function isOutputSheet(sheet: SheetData): boolean {
  return isSheetOfType(sheet.values, SUMMARY_MARKER_TYPE) || isSheetOfType(sheet.values, DETAIL_MARKER_TYPE);
}

/**
 * A template sheet, or a sheet whose template marker is damaged or displaced (reported, not skipped): anything
 * but a sheet without a template marker and the add-in's own output sheets.
 */
function prepare(source: Source, plan: Plan): Prepared | undefined {
  if (isOutputSheet(source.sheet)) return undefined;
  const checked = validateTemplateSheet(source.sheet, plan);
  if (
    !isTemplateSheet(source.sheet) &&
    !checked.template &&
    checked.problems.every((p) => p.key === 'structure.markerMissing')
  )
    return undefined;
  const reading = checked.template;
  const broken = !reading || checked.problems.some((p) => p.field === 'structure' && p.severity === 'error');
  if (reading) {
    return {
      source,
      reading,
      problems: checked.problems,
      department: reading.department,
      campaignId: reading.campaignId,
      ...(reading.period ? { period: reading.period } : {}),
      broken,
    };
  }
  // Unreadable: attributed through its marker when that is whole and names a campaign of the plan, so that the
  // submission matrix shows the department's sheet as 有误 rather than 未报.
  const marker = templateMarkerOf(
    findMarkers(source.sheet.values).find((m) => m.payload?.type === TEMPLATE_MARKER_TYPE)?.payload,
  );
  if (!marker || !plan.campaigns.some((c) => c.id === marker.campaign))
    return { source, problems: checked.problems, broken };
  return {
    source,
    problems: checked.problems,
    broken,
    department: marker.department,
    campaignId: marker.campaign,
    period: { year: marker.year, month: marker.month },
  };
}

/** The latest period among the readable templates, preferring the plan year (a typed 2091 must not win). */
function latestPeriod(prepared: readonly Prepared[], year: number): Period | undefined {
  const periods = prepared.flatMap((p) => (p.reading?.period ? [p.reading.period] : []));
  const pool = periods.some((p) => p.year === year) ? periods.filter((p) => p.year === year) : periods;
  return pool.reduce<Period | undefined>(
    (best, p) => (best === undefined || periodRank(p) > periodRank(best) ? p : best),
    undefined,
  );
}

// ————— the consolidation —————

interface RowEntry {
  readonly prepared: Prepared;
  readonly state: SourceState;
  readonly indicator: Indicator;
  readonly row: TemplateRow;
  readonly department: string;
  readonly raw: Readonly<Record<DetailField, LiteralValue>>;
  /** Valid numbers, after the validator's errors on their own field. */
  readonly actual: number | null;
  readonly prior: number | null;
}

type Verdict = { readonly used: true } | { readonly used: false; readonly why: WhyNot };

export function consolidate(plan: Plan, sources: readonly Source[], options: ConsolidateOptions = {}): Consolidation {
  const thresholds = plan.thresholds ?? DEFAULT_STATUS_THRESHOLDS;
  const campaignIndex = new Map(plan.campaigns.map((c, i) => [c.id, i]));
  const campaignById = new Map(plan.campaigns.map((c) => [c.id, c]));
  const indicatorIndex = new Map(plan.campaigns.flatMap((c) => c.indicators.map((ind, i) => [ind.code, i] as const)));

  // Plan order, then department, then origin: a content-only order, so that shuffled sources give the same result.
  const prepared = sources
    .map((s) => prepare(s, plan))
    .filter((p): p is Prepared => p !== undefined)
    .sort(
      (a, b) =>
        (campaignIndex.get(a.campaignId ?? '') ?? Infinity) - (campaignIndex.get(b.campaignId ?? '') ?? Infinity) ||
        cmp(a.department ?? '', b.department ?? '') ||
        cmp(originKey(a.source.origin), originKey(b.source.origin)),
    );
  const period = options.period ?? latestPeriod(prepared, plan.year);

  // ── the state of every sheet ──
  const groupKey = (p: Prepared): string => JSON.stringify([p.department, p.campaignId]);
  const forPeriod = new Map<string, Prepared[]>();
  for (const p of prepared) {
    if (!p.reading?.period || !samePeriod(p.reading.period, period) || p.department === undefined) continue;
    forPeriod.set(groupKey(p), [...(forPeriod.get(groupKey(p)) ?? []), p]);
  }
  const stateOf = new Map<Prepared, SourceState>();
  for (const p of prepared) {
    let state: SourceState;
    if (p.reading && !p.reading.period) state = 'noPeriod';
    else if (!samePeriod(p.period, period)) state = p.reading ? 'otherPeriod' : 'structure';
    else if ((forPeriod.get(groupKey(p))?.length ?? 0) > 1) state = 'conflict';
    else state = p.broken ? 'structure' : 'included';
    stateOf.set(p, state);
  }
  const state = (p: Prepared): SourceState => stateOf.get(p) ?? 'structure';

  // ── one entry per indicator row read ──
  const entries: RowEntry[] = [];
  for (const p of prepared) {
    const reading = p.reading;
    const campaign = reading ? campaignById.get(reading.campaignId) : undefined;
    if (!reading || !campaign) continue;
    for (const row of reading.rows) {
      const indicator = campaign.indicators.find((i) => i.code === row.code);
      if (!indicator) continue;
      // An error on a value's own field leaves it out (SPEC §8), whatever number the validator could read.
      const errorOn = (f: Field): boolean =>
        p.problems.some((q) => q.severity === 'error' && q.field === f && q.indicator === row.code);
      const raw = (f: DetailField): LiteralValue => {
        const at = row.cells[f];
        return at === undefined ? null : literalOf(cellValueAt(p.source.sheet, at));
      };
      entries.push({
        prepared: p,
        state: state(p),
        indicator,
        row,
        department: reading.department,
        raw: { actual: raw('actual'), prior: raw('prior'), reason: raw('reason') },
        actual: row.numbers.actual !== null && !errorOn('actual') ? row.numbers.actual : null,
        prior:
          indicator.kind === 'growth' && row.numbers.prior !== null && !errorOn('prior') ? row.numbers.prior : null,
      });
    }
  }

  // ── aggregation per indicator ──
  const verdicts = new Map<RowEntry, Partial<Record<DetailField, Verdict>>>();
  const aggregateProblems = new Map<string, ConsolidationProblem[]>();
  const summaries = new Map<string, IndicatorSummary>();
  const expectedOf = (ind: Indicator): number | null =>
    period === undefined ? null : ind.paced ? expectedProgress(period) : 1;

  for (const campaign of plan.campaigns) {
    for (const ind of campaign.indicators) {
      const mine = entries.filter((e) => e.indicator.code === ind.code);
      const included = mine.filter((e) => e.state === 'included');
      const problems: ConsolidationProblem[] = [];
      const result = aggregate(ind, campaign, included, verdicts, problems);
      const counted = included.filter((e) => verdicts.get(e)?.actual?.used === true);
      const reasons: ReasonEntry[] = [];
      for (const e of mine) {
        const v = reasonVerdict(e, ind);
        if (v) verdicts.set(e, { ...verdicts.get(e), reason: v });
        const at = e.row.cells.reason;
        if (v?.used && e.row.reason !== null && at !== undefined)
          reasons.push({ department: e.department, text: e.row.reason, origin: e.prepared.source.origin, cell: at });
      }
      const { summary, failure } = indicatorSummary(
        ind,
        campaign,
        result,
        counted,
        reasons,
        expectedOf(ind),
        thresholds,
      );
      if (failure) {
        problems.push({
          severity: 'warning',
          key: 'consolidation.calcFailed',
          params: { code: ind.code, name: ind.name, problemKey: `consolidation.calc.${failure}` },
          field: 'indicator',
          indicator: ind.code,
          campaignId: campaign.id,
        });
      }
      if ((summary.light === LIGHT.red || summary.light === LIGHT.yellow) && reasons.length === 0) {
        problems.push({
          severity: 'warning',
          key: 'consolidation.lagWithoutReason',
          params: { code: ind.code, name: ind.name, lightKey: `light.${summary.light}` },
          field: 'indicator',
          indicator: ind.code,
          campaignId: campaign.id,
        });
      }
      summaries.set(ind.code, summary);
      aggregateProblems.set(ind.code, problems);
    }
  }

  // ── details: one per value found, in plan order, then department, then origin, then field ──
  const FIELDS: readonly DetailField[] = ['actual', 'prior', 'reason'];
  const details: DetailRecord[] = [];
  const sortedEntries = [...entries].sort(
    (a, b) =>
      (campaignIndex.get(a.prepared.campaignId ?? '') ?? 0) - (campaignIndex.get(b.prepared.campaignId ?? '') ?? 0) ||
      (indicatorIndex.get(a.indicator.code) ?? 0) - (indicatorIndex.get(b.indicator.code) ?? 0) ||
      cmp(a.department, b.department) ||
      cmp(originKey(a.prepared.source.origin), originKey(b.prepared.source.origin)),
  );
  const priorProblems: ConsolidationProblem[] = [];
  for (const e of sortedEntries) {
    for (const field of FIELDS) {
      const value = e.raw[field];
      const cell = e.row.cells[field];
      if (isEmpty(value) || cell === undefined) continue;
      const verdict = sourceVerdict(e.state) ?? verdicts.get(e)?.[field] ?? fieldVerdict(e, field);
      if (field === 'prior' && e.indicator.kind !== 'growth' && e.state === 'included') {
        priorProblems.push({
          severity: 'warning',
          key: 'consolidation.priorNotApplicable',
          params: { code: e.indicator.code, name: e.indicator.name, value: shown(value) },
          field: 'prior',
          origin: e.prepared.source.origin,
          cell,
          indicator: e.indicator.code,
          department: e.department,
          campaignId: e.prepared.campaignId ?? '',
        });
      }
      details.push({
        campaignId: e.prepared.campaignId ?? '',
        code: e.indicator.code,
        department: e.department,
        field,
        value,
        number: field === 'actual' ? e.actual : field === 'prior' ? e.prior : null,
        origin: e.prepared.source.origin,
        cell,
        ...(e.prepared.period ? { period: e.prepared.period } : {}),
        used: verdict.used,
        ...(verdict.used ? {} : { why: verdict.why }),
      });
    }
  }

  // ── problems: per sheet (in source order), then per indicator (plan order), then missing submissions ──
  const problems: ConsolidationProblem[] = [];
  for (const p of prepared)
    problems.push(...sheetProblems(p, state(p), period, forPeriod.get(groupKey(p)) ?? [], campaignById));
  problems.push(...priorProblems);
  for (const campaign of plan.campaigns)
    for (const ind of campaign.indicators) problems.push(...(aggregateProblems.get(ind.code) ?? []));

  const matrix = submissionMatrix(plan, prepared, state, period);
  if (period !== undefined) {
    matrix.rows.forEach((cells) =>
      cells.forEach((c) => {
        if (!c.expected || (c.state !== 'missing' && c.state !== 'otherPeriod')) return;
        problems.push({
          severity: 'warning',
          key: 'consolidation.missing',
          params: {
            department: c.department,
            campaign: campaignById.get(c.campaignId)?.name ?? c.campaignId,
            year: period.year,
            month: period.month,
          },
          field: 'submission',
          department: c.department,
          campaignId: c.campaignId,
        });
      }),
    );
  }
  if (prepared.length === 0)
    problems.unshift({ severity: 'warning', key: 'consolidation.noSources', params: {}, field: 'submission' });

  const campaigns = plan.campaigns.map((c): CampaignSummary => {
    const indicators = c.indicators
      .map((i) => summaries.get(i.code))
      .filter((s): s is IndicatorSummary => s !== undefined);
    const scored = indicators.filter((s) => s.attainment !== null);
    const mean = (xs: readonly number[]): number | null =>
      xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
    return {
      id: c.id,
      number: c.number,
      name: c.name,
      commander: c.commander,
      deputyCommander: c.deputyCommander,
      leadDepartment: c.leadDepartment,
      indicators,
      counts: countLights(indicators),
      averageAttainment: mean(scored.map((s) => Math.min(s.attainment ?? 0, ATTAINMENT_CAP))),
      averageExpected: mean(scored.flatMap((s) => (s.expected === null ? [] : [s.expected]))),
    };
  });
  const all = campaigns.flatMap((c) => c.indicators);
  const lagging = all.filter((s) => s.light === LIGHT.red).concat(all.filter((s) => s.light === LIGHT.yellow));

  return {
    planId: plan.id,
    planTitle: plan.title,
    year: plan.year,
    ...(period ? { period, expected: expectedProgress(period) } : {}),
    campaigns,
    details,
    problems,
    matrix,
    lagging,
    counts: countLights(all),
    sources: prepared.map((p) => ({
      origin: p.source.origin,
      state: state(p),
      ...(p.department !== undefined ? { department: p.department } : {}),
      ...(p.campaignId !== undefined ? { campaignId: p.campaignId } : {}),
      ...(p.period ? { period: p.period } : {}),
      errors: p.problems.filter((q) => q.severity === 'error').length,
      warnings: p.problems.filter((q) => q.severity === 'warning').length,
    })),
  };
}

// ————— verdicts —————

function sourceVerdict(state: SourceState): Verdict | undefined {
  return state === 'included' ? undefined : { used: false, why: state };
}

/** A value's own verdict, when aggregation did not decide (invalid, blank, not applicable). */
function fieldVerdict(e: RowEntry, field: DetailField): Verdict {
  const value = e.raw[field];
  if (typeof value === 'string' && value.trim() === '') return { used: false, why: 'blank' };
  if (field === 'prior' && e.indicator.kind !== 'growth') return { used: false, why: 'notApplicable' };
  if (field === 'reason') return { used: false, why: 'notText' };
  const n = field === 'actual' ? e.actual : e.prior;
  if (n === null) return { used: false, why: 'invalid' };
  return e.indicator.kind === 'growth' ? { used: false, why: 'growthUnpaired' } : { used: false, why: 'invalid' };
}

/** A reason is shown when its sheet is used and, for `single`, when it is the responsible department's. */
function reasonVerdict(e: RowEntry, ind: Indicator): Verdict | undefined {
  const value = e.raw.reason;
  if (isEmpty(value) || e.state !== 'included') return undefined;
  if (typeof value !== 'string') return { used: false, why: 'notText' };
  if (e.row.reason === null) return { used: false, why: 'blank' };
  if (ind.aggregation === 'single' && e.department !== ind.department) return { used: false, why: 'notResponsible' };
  return { used: true };
}

interface Aggregate {
  readonly actual: number | null;
  readonly current: number | null;
  readonly prior: number | null;
}

type CalcFailure = 'noTarget' | 'divByZero' | 'invalidNumber';

/**
 * The consolidated value of one indicator from the rows of the sheets used, and the verdict on every number:
 * `sum` adds the departments' values; `growth` is Σ current / Σ prior − 1 over the departments reporting both;
 * `single` takes the responsible department's value and flags the others that differ. A `growth` aggregation of
 * a kind without a prior-year value (which the plan schema allows) adds, like `sum`.
 */
function aggregate(
  ind: Indicator,
  campaign: Campaign,
  rows: readonly RowEntry[],
  verdicts: Map<RowEntry, Partial<Record<DetailField, Verdict>>>,
  problems: ConsolidationProblem[],
): Aggregate {
  const isGrowth = ind.kind === 'growth';
  const usable = (e: RowEntry): boolean => e.actual !== null && (!isGrowth || e.prior !== null);
  const mark = (e: RowEntry, v: Verdict): void => {
    const own: Partial<Record<DetailField, Verdict>> = { ...verdicts.get(e) };
    if (e.actual !== null) own.actual = v;
    if (isGrowth && e.prior !== null) own.prior = v;
    verdicts.set(e, own);
  };

  let counted: RowEntry[];
  if (ind.aggregation === 'single') {
    const responsible = rows.find((e) => e.department === ind.department && usable(e));
    counted = responsible ? [responsible] : [];
    for (const e of rows) {
      if (e === responsible || (e.actual === null && e.prior === null)) continue;
      if (!usable(e)) continue; // unpaired or invalid: its own verdict
      const actualDiffers = !responsible || !sameNumber(e.actual ?? 0, responsible.actual ?? 0);
      const priorDiffers = isGrowth && (!responsible || !sameNumber(e.prior ?? 0, responsible.prior ?? 0));
      if (!actualDiffers && !priorDiffers) {
        mark(e, { used: false, why: 'sameAsResponsible' });
        continue;
      }
      const field: 'actual' | 'prior' = actualDiffers ? 'actual' : 'prior';
      mark(e, { used: false, why: responsible ? 'differsFromResponsible' : 'notResponsible' });
      const value = field === 'prior' ? e.prior : e.actual;
      const responsibleValue = responsible ? (field === 'prior' ? responsible.prior : responsible.actual) : null;
      const cell = e.row.cells[field];
      problems.push({
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
        origin: e.prepared.source.origin,
        ...(cell !== undefined ? { cell } : {}),
        indicator: ind.code,
        department: e.department,
        campaignId: campaign.id,
      });
    }
  } else {
    counted = rows.filter(usable);
  }
  for (const e of counted) mark(e, { used: true });

  if (counted.length === 0) return { actual: null, current: null, prior: null };
  const current = counted.reduce((s, e) => s + (e.actual ?? 0), 0);
  if (!isGrowth) return { actual: current, current: null, prior: null };
  const prior = counted.reduce((s, e) => s + (e.prior ?? 0), 0);
  return { actual: current / prior - 1, current, prior };
}

function indicatorSummary(
  ind: Indicator,
  campaign: Campaign,
  agg: Aggregate,
  counted: readonly RowEntry[],
  reasons: readonly ReasonEntry[],
  expected: number | null,
  thresholds: StatusThresholds,
): { readonly summary: IndicatorSummary; readonly failure?: CalcFailure } {
  const target = ind.target ?? null;
  const stretch = ind.stretch ?? null;
  const goal = target ?? stretch;
  const a = agg.actual;
  const value = (r: CalcResult): number | null => (r.ok ? r.value : null);
  const att = attainmentOf(ind.kind, a, goal);
  const tr = tierOf(ind.kind, a, target, stretch);
  const st =
    a === null
      ? ({ ok: true, value: LIGHT.none } as const)
      : statusOf(ind.kind, a, goal, ind.kind === 'growth' ? 1 : (expected ?? 1), thresholds);
  const failed = [att, tr, st].find((r): r is Extract<CalcResult, { ok: false }> => !r.ok && r.code !== 'blank');
  const failure: CalcFailure | undefined = failed && failed.code !== 'blank' ? failed.code : undefined;
  const attainment = value(att);
  let paceGap: number | null = null;
  if (a !== null && ind.kind === 'growth') paceGap = goal === null ? null : (a - goal) * 100;
  else if (attainment !== null && expected !== null) paceGap = (attainment - expected) * 100;
  const summary: IndicatorSummary = {
    campaignId: campaign.id,
    code: ind.code,
    name: ind.name,
    unit: ind.unit,
    kind: ind.kind,
    aggregation: ind.aggregation,
    paced: ind.paced,
    target,
    stretch,
    department: ind.department,
    actual: a,
    current: agg.current,
    prior: agg.prior,
    attainment,
    tier: value(tr),
    expected,
    paceGap,
    light: st.ok ? (st.value as Light) : null,
    counted: [...new Set(counted.map((e) => e.department))].sort(cmp),
    reasons: [...reasons].sort(
      (x, y) => cmp(x.department, y.department) || cmp(originKey(x.origin), originKey(y.origin)),
    ),
  };
  return failure ? { summary, failure } : { summary };
}

function countLights(rows: readonly IndicatorSummary[]): LightCounts {
  const n = (l: Light): number => rows.filter((r) => r.light === l).length;
  return { green: n(LIGHT.green), yellow: n(LIGHT.yellow), red: n(LIGHT.red), none: n(LIGHT.none) };
}

// ————— problems of a sheet —————

export function originParams(o: Origin): { readonly key: MessageKey; readonly params: MessageParams } {
  return o.kind === 'sheet'
    ? { key: 'consolidation.originSheet', params: { sheet: o.sheet } }
    : { key: 'consolidation.originFile', params: { file: o.file, sheet: o.sheet } };
}

/** An origin named in a message parameter (never in a formula): “sheet”, or file › “sheet”. */
export function originText(o: Origin): string {
  return o.kind === 'sheet' ? `“${o.sheet}”` : `${o.file} › “${o.sheet}”`;
}

function sheetProblems(
  p: Prepared,
  st: SourceState,
  period: Period | undefined,
  group: readonly Prepared[],
  campaigns: ReadonlyMap<string, Campaign>,
): ConsolidationProblem[] {
  const origin = p.source.origin;
  const base = {
    origin,
    ...(p.department !== undefined ? { department: p.department } : {}),
    ...(p.campaignId !== undefined ? { campaignId: p.campaignId } : {}),
  };
  // Another period's sheet is listed once; its own value problems concern a report not consolidated now.
  const own =
    st === 'otherPeriod' ? p.problems.filter((q) => q.field === 'structure' || q.field === 'period') : p.problems;
  const out: ConsolidationProblem[] = own.map((q) => ({
    severity: q.severity,
    key: q.key,
    params: q.params,
    field: q.field,
    ...base,
    cell: q.cell,
    ...(q.indicator !== undefined ? { indicator: q.indicator } : {}),
    ...(q.fix ? { fix: q.fix } : {}),
  }));
  const where = markerCell(p);
  if (st === 'otherPeriod' && p.period && period) {
    out.unshift({
      severity: 'warning',
      key: 'consolidation.otherPeriod',
      params: { year: p.period.year, month: p.period.month, periodYear: period.year, periodMonth: period.month },
      field: 'submission',
      ...base,
      cell: where,
    });
  } else if (st === 'conflict' && p.period) {
    const others = group.filter((o) => o !== p);
    const identical = others.every((o) => sameContent(o, p));
    out.unshift({
      severity: 'error',
      key: identical ? 'consolidation.conflictIdentical' : 'consolidation.conflict',
      params: {
        department: p.department ?? '',
        campaign: campaigns.get(p.campaignId ?? '')?.name ?? p.campaignId ?? '',
        year: p.period.year,
        month: p.period.month,
        count: group.length,
        others: others.map((o) => originText(o.source.origin)).join('、'),
      },
      field: 'submission',
      ...base,
      cell: where,
    });
  } else if (st === 'structure') {
    out.push({
      severity: 'error',
      key: 'consolidation.structure',
      params: {},
      field: 'submission',
      ...base,
      cell: where,
    });
  } else if (st === 'noPeriod') {
    out.push({
      severity: 'error',
      key: 'consolidation.noPeriod',
      params: {},
      field: 'submission',
      ...base,
      cell: p.problems.find((q) => q.field === 'period')?.cell ?? where,
    });
  }
  return out;
}

function markerCell(p: Prepared): string {
  return findMarkers(p.source.sheet.values)[0]?.cell ?? 'A1';
}

/** Two readings with the same values in every input cell of every indicator. */
function sameContent(a: Prepared, b: Prepared): boolean {
  const values = (p: Prepared): string =>
    JSON.stringify(
      [...(p.reading?.rows ?? [])]
        .sort((x, y) => cmp(x.code, y.code))
        .map((r) => [
          r.code,
          ...(['actual', 'prior', 'reason'] as const).map((f) =>
            r.cells[f] === undefined ? null : literalOf(cellValueAt(p.source.sheet, r.cells[f] ?? 'A1')),
          ),
        ]),
    );
  return a.reading !== undefined && b.reading !== undefined && values(a) === values(b);
}

// ————— the submission matrix —————

/** Departments expected to report a campaign: its lead, every responsible department and its support departments. */
export function expectedDepartments(campaign: Campaign): readonly string[] {
  return [
    ...new Set(
      [
        campaign.leadDepartment,
        ...campaign.indicators.map((i) => i.department),
        ...(campaign.supportDepartments ?? []),
      ].map((d) => d.trim()),
    ),
  ];
}

function submissionMatrix(
  plan: Plan,
  prepared: readonly Prepared[],
  state: (p: Prepared) => SourceState,
  period: Period | undefined,
): SubmissionMatrix {
  const expected = new Map(plan.campaigns.map((c) => [c.id, new Set(expectedDepartments(c))]));
  const planned = [...new Set(plan.campaigns.flatMap((c) => expectedDepartments(c)))];
  const others = [
    ...new Set(
      prepared.flatMap((p) => (p.department !== undefined && p.campaignId !== undefined ? [p.department] : [])),
    ),
  ]
    .filter((d) => !planned.includes(d))
    .sort(cmp);
  const departments = [...planned, ...others];
  const rows = departments.map((department) =>
    plan.campaigns.map((c): MatrixCell => {
      const isExpected = expected.get(c.id)?.has(department) ?? false;
      const mine = prepared.filter((p) => p.department === department && p.campaignId === c.id);
      const now = mine.filter(
        (p) =>
          samePeriod(p.period, period) ||
          (p.reading !== undefined && !p.reading.period && samePeriod(markerPeriod(p), period)),
      );
      const origins = (ps: readonly Prepared[]): Origin[] => ps.map((p) => p.source.origin);
      let st: SubmissionState;
      let from = now;
      if (now.some((p) => state(p) === 'conflict')) st = 'conflict';
      else if (now.some((p) => state(p) !== 'included' || p.problems.some((q) => q.severity === 'error')))
        st = 'invalid';
      else if (now.length > 0) st = 'submitted';
      else if (mine.length > 0) {
        st = 'otherPeriod';
        from = mine;
      } else st = isExpected ? 'missing' : 'notExpected';
      return { department, campaignId: c.id, state: st, expected: isExpected, origins: origins(from) };
    }),
  );
  return { departments, campaignIds: plan.campaigns.map((c) => c.id), rows };
}

function markerPeriod(p: Prepared): Period | undefined {
  const m = p.reading?.marker;
  return m ? { year: m.year, month: m.month } : undefined;
}
