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
import type { Kind } from '../calc/kinds';
import type { Aggregation, Campaign, Indicator, Plan } from '../plan/schema';
import { expectedProgress } from '../plan/monthlyPlan';
import type { Period } from '../validation/period';
import type { DetailField, RowEntry, Verdict } from './rows';
import { originKey, type Origin } from './sources';
import { compareText, isEmpty } from './values';

/**
 * One figure per indicator from the rows of the sheets used (SPEC §8): `sum`, `growth` or `single`, the verdict on
 * every value it looked at, then attainment, tier, 序时进度 and light (SPEC §3–§6) per indicator and per campaign.
 */

export interface ReasonEntry {
  readonly department: string;
  readonly text: string;
  readonly origin: Origin;
  readonly cell: string;
}

/** A cell of a source sheet, as 汇总 names it (a value 待核实, or 数据有误). */
export interface SourceCell {
  readonly origin: Origin;
  readonly cell: string;
}

/**
 * The data state of a summary row (SPEC §6): `reported` when some value is counted; `invalid` (数据有误) when values
 * were entered but none is usable — left out, shown as 数据有误, never as 未填报 nor with a light; `blank` (未填报).
 */
export type RowDataState = 'reported' | 'invalid' | 'blank';

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
  /** 序时进度 E: the indicator's own (its 分月计划, else m/12) when paced, else 1 (undefined period: null). */
  readonly expected: number | null;
  /** 快慢序时 in percentage points: (attainment − E) × 100; for `growth` (g − g*) × 100. */
  readonly paceGap: number | null;
  /** 0 未填报 … 3 绿; null when it cannot be computed (a problem says why) or the row is 数据有误 (no light). */
  readonly light: Light | null;
  readonly dataState: RowDataState;
  /** Counted values still to be verified (待核实, SPEC §6): the row carries the mark and names these cells. */
  readonly doubtful: readonly SourceCell[];
  /** Values entered but unusable (数据有误) that would have counted: left out, named. */
  readonly invalid: readonly SourceCell[];
  /** Departments whose values are counted, by name. */
  readonly counted: readonly string[];
  readonly reasons: readonly ReasonEntry[];
  /**
   * Results beyond what a number can hold (issue 12: 9E+307 from two departments summed, or an attainment over a
   * tiny target): these fields are null here and shown as #NUM!, the light cannot be computed, and a problem names
   * the cells counted. Empty when every result is a finite number.
   */
  readonly outOfRange: readonly ResultField[];
}

/** The results of a summary row that can be out of range (#NUM!). */
export type ResultField = 'actual' | 'attainment' | 'tier' | 'paceGap';

export interface LightCounts {
  readonly green: number;
  readonly yellow: number;
  readonly red: number;
  /** 未填报: nothing entered. */
  readonly none: number;
  /** 数据有误: values entered, none usable (no light). */
  readonly invalid: number;
  /** 待核实: rows with a counted value still to be verified (each also counted by its light). */
  readonly doubtful: number;
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

/** A single attainment counts at most this much in a campaign's average (a composite score, SPEC §3). */
export const ATTAINMENT_CAP = 1.2;

/** Equal as a person would compare two figures on paper (the 1e-9 tolerance, relative for large figures). */
export function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

export type CalcFailure = 'noTarget' | 'divByZero' | 'invalidNumber';

/** A department's figure of a `single` indicator that is not taken: it differs from the responsible one's. */
export interface Dissent {
  readonly entry: RowEntry;
  /** The first figure that differs. */
  readonly field: 'actual' | 'prior';
  /** The responsible department's row, when it reported. */
  readonly responsible?: RowEntry;
}

/** What aggregation made of one indicator. */
export interface IndicatorOutcome {
  readonly campaign: Campaign;
  readonly indicator: Indicator;
  readonly summary: IndicatorSummary;
  /** Why attainment, tier or light could not be computed, if so. */
  readonly failure?: CalcFailure;
  readonly dissents: readonly Dissent[];
  /** Where a result is out of range (summary.outOfRange): the values counted, each a problem naming its cell. */
  readonly outOfRange?: readonly CountedValue[];
}

/** A value counted in an indicator's figure, with its cell. */
export interface CountedValue {
  readonly entry: RowEntry;
  readonly field: 'actual' | 'prior';
  readonly value: number;
  readonly cell: string;
}

export type Verdicts = ReadonlyMap<RowEntry, Partial<Record<DetailField, Verdict>>>;

export interface Aggregated {
  /** Every indicator of the plan, in plan order. */
  readonly outcomes: readonly IndicatorOutcome[];
  /** The verdicts aggregation reached on the values it looked at (the others: see the detail list). */
  readonly verdicts: Verdicts;
}

interface Figure {
  readonly actual: number | null;
  readonly current: number | null;
  readonly prior: number | null;
}

/** Every indicator of the plan, from the entries of every sheet (only those of included sheets are counted). */
export function aggregateIndicators(plan: Plan, entries: readonly RowEntry[], period: Period | undefined): Aggregated {
  const thresholds = plan.thresholds ?? DEFAULT_STATUS_THRESHOLDS;
  const byCode = new Map<string, RowEntry[]>();
  for (const e of entries) {
    const same = byCode.get(e.indicator.code);
    if (same) same.push(e);
    else byCode.set(e.indicator.code, [e]);
  }
  const verdicts = new Map<RowEntry, Partial<Record<DetailField, Verdict>>>();
  const outcomes = plan.campaigns.flatMap((campaign) =>
    campaign.indicators.map((indicator): IndicatorOutcome => {
      const mine = byCode.get(indicator.code) ?? [];
      const included = mine.filter((e) => e.source.state === 'included');
      const { figure, dissents } = aggregate(indicator, included, verdicts);
      const counted = included.filter((e) => verdicts.get(e)?.actual?.used === true);
      const reasons = shownReasons(indicator, mine, verdicts);
      const expected = period === undefined ? null : expectedProgress(indicator, period.month);
      const { summary: computed, failure } = indicatorSummary(
        indicator,
        campaign,
        figure,
        counted,
        reasons,
        expected,
        thresholds,
      );
      const summary = withDataState(inRange(computed), indicator, included, counted);
      const outOfRange = summary.outOfRange.length > 0 ? countedValues(indicator, counted) : undefined;
      return {
        campaign,
        indicator,
        summary,
        // an out-of-range result is its own problem, naming the cells: not also a calculation that failed
        ...(failure && !outOfRange ? { failure } : {}),
        dissents,
        ...(outOfRange ? { outOfRange } : {}),
      };
    }),
  );
  return { outcomes, verdicts };
}

/**
 * The consolidated value of one indicator from the rows of the sheets used, and the verdict on every number:
 * `sum` adds the departments' values; `growth` is Σ current / Σ prior − 1 over the departments reporting both;
 * `single` takes the responsible department's value and notes the others that differ. A `growth` aggregation of
 * a kind without a prior-year value (which the plan schema allows) adds, like `sum`. A 配合部门's shares are among
 * the departments' values for `sum` and `growth` (Σ current / Σ prior over the responsible one's and the shares).
 */
function aggregate(
  ind: Indicator,
  all: readonly RowEntry[],
  verdicts: Map<RowEntry, Partial<Record<DetailField, Verdict>>>,
): { readonly figure: Figure; readonly dissents: readonly Dissent[] } {
  const isGrowth = ind.kind === 'growth';
  const usable = (e: RowEntry): boolean => e.actual !== null && (!isGrowth || e.prior !== null);
  const mark = (e: RowEntry, v: Verdict): void => {
    const own: Partial<Record<DetailField, Verdict>> = { ...verdicts.get(e) };
    if (e.actual !== null) own.actual = v;
    if (isGrowth && e.prior !== null) own.prior = v;
    verdicts.set(e, own);
  };

  // A 配合部门's figure (SPEC §8) is added for `sum` and `growth`; for a `single` indicator, or one it does not
  // contribute to, it is listed and not counted — nor is it a dissent: it is a share, not the district's figure.
  const leftOut = (e: RowEntry): boolean =>
    e.contribution === 'notShared' || (e.contribution === 'share' && ind.aggregation === 'single');
  for (const e of all)
    if (leftOut(e)) mark(e, { used: false, why: e.contribution === 'share' ? 'shareOfSingle' : 'notShared' });
  const rows = all.filter((e) => !leftOut(e));

  const dissents: Dissent[] = [];
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
      mark(e, { used: false, why: responsible ? 'differsFromResponsible' : 'notResponsible' });
      dissents.push({ entry: e, field: actualDiffers ? 'actual' : 'prior', ...(responsible ? { responsible } : {}) });
    }
  } else {
    counted = rows.filter(usable);
  }
  for (const e of counted) mark(e, { used: true });

  if (counted.length === 0) return { figure: { actual: null, current: null, prior: null }, dissents };
  const current = counted.reduce((s, e) => s + (e.actual ?? 0), 0);
  if (!isGrowth) return { figure: { actual: current, current: null, prior: null }, dissents };
  const prior = counted.reduce((s, e) => s + (e.prior ?? 0), 0);
  return { figure: { actual: current / prior - 1, current, prior }, dissents };
}

/**
 * A reason is shown when its sheet is used, but not a 配合部门's, and, for `single`, when it is the responsible
 * department's.
 */
function reasonVerdict(e: RowEntry, ind: Indicator): Verdict | undefined {
  const value = e.raw.reason;
  if (isEmpty(value) || e.source.state !== 'included') return undefined;
  if (typeof value !== 'string') return { used: false, why: 'notText' };
  if (e.row.reason === null) return { used: false, why: 'blank' };
  // The light is the district total's: its reason is the responsible department's, not a 配合部门's (SPEC §6).
  if (e.contribution !== undefined) return { used: false, why: 'shareReason' };
  if (ind.aggregation === 'single' && e.department !== ind.department) return { used: false, why: 'notResponsible' };
  return { used: true };
}

/** The reasons shown in the summary (a verdict on each reason found). */
function shownReasons(
  ind: Indicator,
  rows: readonly RowEntry[],
  verdicts: Map<RowEntry, Partial<Record<DetailField, Verdict>>>,
): ReasonEntry[] {
  const reasons: ReasonEntry[] = [];
  for (const e of rows) {
    const v = reasonVerdict(e, ind);
    if (v) verdicts.set(e, { ...verdicts.get(e), reason: v });
    const at = e.row.cells.reason;
    if (v?.used && e.row.reason !== null && at !== undefined)
      reasons.push({ department: e.department, text: e.row.reason, origin: e.source.origin, cell: at });
  }
  return reasons;
}

function indicatorSummary(
  ind: Indicator,
  campaign: Campaign,
  figure: Figure,
  counted: readonly RowEntry[],
  reasons: readonly ReasonEntry[],
  expected: number | null,
  thresholds: StatusThresholds,
): { readonly summary: IndicatorSummary; readonly failure?: CalcFailure } {
  const target = ind.target ?? null;
  const stretch = ind.stretch ?? null;
  const goal = target ?? stretch;
  const a = figure.actual;
  const value = (r: CalcResult): number | null => (r.ok ? r.value : null);
  const att = attainmentOf(ind.kind, a, goal);
  // Paced before December: against the paced targets, so that the tier never contradicts the light (SPEC §4).
  const tr = tierOf(ind.kind, a, target, stretch, expected ?? 1);
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
    current: figure.current,
    prior: figure.prior,
    attainment,
    tier: value(tr),
    expected,
    paceGap,
    light: st.ok ? (st.value as Light) : null,
    // What was entered and not counted is known to the caller: withDataState.
    dataState: a === null ? 'blank' : 'reported',
    doubtful: [],
    invalid: [],
    counted: [...new Set(counted.map((e) => e.department))].sort(compareText),
    outOfRange: [],
    reasons: [...reasons].sort(
      (x, y) => compareText(x.department, y.department) || compareText(originKey(x.origin), originKey(y.origin)),
    ),
  };
  return failure ? { summary, failure } : { summary };
}

const isOut = (v: number | null): boolean => v !== null && !Number.isFinite(v);

/**
 * A summary row whose results are all finite numbers, or, where one is not (a sum or growth beyond what a number can
 * hold, an attainment over a tiny target), the results it makes meaningless set to null and listed in `outOfRange`:
 * the figure and everything computed from it, or, when only what is computed from it is out of range, that. Its
 * light cannot be computed then. One value never stops the run (issue 12): the row shows #NUM!, a problem says why.
 */
function inRange(s: IndicatorSummary): IndicatorSummary {
  const figure = isOut(s.actual) || isOut(s.current) || isOut(s.prior);
  const computed = isOut(s.attainment) || isOut(s.tier) || isOut(s.paceGap);
  if (!figure && !computed) return s;
  const outOfRange: ResultField[] = figure
    ? ['actual', 'attainment', 'tier', 'paceGap']
    : ['attainment', 'tier', 'paceGap'];
  return {
    ...s,
    ...(figure
      ? { actual: null, current: isOut(s.current) ? null : s.current, prior: isOut(s.prior) ? null : s.prior }
      : {}),
    attainment: null,
    tier: null,
    paceGap: null,
    light: null,
    outOfRange,
  };
}

/** The values counted in an indicator's figure, with their cells (both of a growth row). */
function countedValues(ind: Indicator, counted: readonly RowEntry[]): CountedValue[] {
  return counted.flatMap((entry) =>
    (ind.kind === 'growth' ? (['actual', 'prior'] as const) : (['actual'] as const)).flatMap((field) => {
      const value = entry[field];
      const cell = entry.row.cells[field];
      return value === null || cell === undefined ? [] : [{ entry, field, value, cell }];
    }),
  );
}

export function countLights(rows: readonly IndicatorSummary[]): LightCounts {
  const n = (l: Light): number => rows.filter((r) => r.light === l).length;
  return {
    green: n(LIGHT.green),
    yellow: n(LIGHT.yellow),
    red: n(LIGHT.red),
    none: n(LIGHT.none),
    invalid: rows.filter((r) => r.dataState === 'invalid').length,
    doubtful: rows.filter((r) => r.doubtful.length > 0).length,
  };
}

/** Where a row's value is wrong: the cells of its errors on 累计完成 / 上年同期, else its 累计完成 cell. */
function invalidCells(e: RowEntry): SourceCell[] {
  const cells = e.source.problems.flatMap((q) =>
    q.severity === 'error' && q.indicator === e.indicator.code && (q.field === 'actual' || q.field === 'prior')
      ? [q.cell]
      : [],
  );
  const named = [...new Set(cells.length > 0 ? cells : [e.row.cells.actual ?? ''])].filter((c) => c !== '');
  return named.map((cell) => ({ origin: e.source.origin, cell }));
}

/**
 * A summary row's data state (SPEC §6): the counted values still to be verified (待核实) and the unusable values
 * (数据有误) among those that would count — every department's for `sum` and `growth` (a 配合部门's share where it
 * contributes), the responsible one's for `single`. A row with nothing counted but unusable values entered is 数据有误:
 * it has no light, not 未填报.
 */
function withDataState(
  s: IndicatorSummary,
  ind: Indicator,
  included: readonly RowEntry[],
  counted: readonly RowEntry[],
): IndicatorSummary {
  const countable = included.filter((e) =>
    ind.aggregation === 'single'
      ? e.department === ind.department && e.contribution === undefined
      : e.contribution !== 'notShared',
  );
  const invalid = countable.filter((e) => e.row.state === 'invalid').flatMap(invalidCells);
  const doubtful = counted.flatMap((e) =>
    e.row.state === 'doubtful' && e.row.cells.actual !== undefined
      ? [{ origin: e.source.origin, cell: e.row.cells.actual }]
      : [],
  );
  const reported = s.actual !== null || s.outOfRange.includes('actual');
  const dataState: RowDataState = reported ? 'reported' : invalid.length > 0 ? 'invalid' : 'blank';
  return { ...s, light: dataState === 'invalid' ? null : s.light, dataState, doubtful, invalid };
}

const mean = (xs: readonly number[]): number | null =>
  xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;

/** Per campaign: its indicators in plan order, their lights and its average attainment and 序时进度. */
export function campaignSummaries(plan: Plan, outcomes: readonly IndicatorOutcome[]): CampaignSummary[] {
  const byCode = new Map(outcomes.map((o) => [o.indicator.code, o.summary]));
  return plan.campaigns.map((c): CampaignSummary => {
    const indicators = c.indicators
      .map((i) => byCode.get(i.code))
      .filter((s): s is IndicatorSummary => s !== undefined);
    const scored = indicators.filter((s) => s.attainment !== null);
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
}

/** 黄/红 indicators: red first, then plan order. */
export function laggingList(indicators: readonly IndicatorSummary[]): IndicatorSummary[] {
  return indicators.filter((s) => s.light === LIGHT.red).concat(indicators.filter((s) => s.light === LIGHT.yellow));
}
