import type { MessageKey, MessageParams } from '../i18n/messages';
import type { Plan } from '../plan/schema';
import type { SheetData } from '../grid/sheet';
import type { SheetProblem } from '../grid/problems';
import {
  DETAIL_MARKER_TYPE,
  SUMMARY_MARKER_TYPE,
  TEMPLATE_MARKER_TYPE,
  findMarkers,
  isSheetOfType,
  templateMarkerOf,
} from '../grid/ownSheets';
import type { Period } from '../validation/period';
import { isTemplateSheet, validateTemplateSheet, type TemplateReading } from '../validation/validateSheet';
import { compareText, samePeriod } from './values';

/**
 * The first steps of 一键汇总 (SPEC §8): which sheets are templates, the report period, and what happens to each
 * template sheet as a whole for that period (included, another period, a conflict, broken, no period). The rules
 * the task pane shows before a run (defaultPeriod, sourceStates) are the ones a run applies.
 */

// ————— where a sheet came from —————

/** Where a sheet came from: a sheet of the open workbook, or a sheet of an imported department workbook. */
export type Origin =
  | { readonly kind: 'sheet'; readonly sheet: string }
  | { readonly kind: 'file'; readonly file: string; readonly sheet: string };

/** A stable, content-only sort key of an origin: workbook sheets first, then files by name. */
export function originKey(o: Origin): string {
  return o.kind === 'sheet' ? `0\u0000${o.sheet}` : `1\u0000${o.file}\u0000${o.sheet}`;
}

export function originParams(o: Origin): { readonly key: MessageKey; readonly params: MessageParams } {
  return o.kind === 'sheet'
    ? { key: 'consolidation.originSheet', params: { sheet: o.sheet } }
    : { key: 'consolidation.originFile', params: { file: o.file, sheet: o.sheet } };
}

/** An origin named in a message parameter (never in a formula): “sheet”, or file › “sheet”. */
export function originText(o: Origin): string {
  return o.kind === 'sheet' ? `“${o.sheet}”` : `${o.file} › “${o.sheet}”`;
}

// ————— the rules the task pane shows before a run —————

const periodRank = (p: Period): number => p.year * 12 + p.month;

/**
 * The default report period: the latest of `periods`, among those of the plan year when there are any (a typed
 * 2091 must not win); undefined when there is none. The order of `periods` does not matter.
 */
export function defaultPeriod(periods: readonly Period[], planYear: number): Period | undefined {
  const pool = periods.some((p) => p.year === planYear) ? periods.filter((p) => p.year === planYear) : periods;
  return pool.reduce<Period | undefined>(
    (best, p) => (best === undefined || periodRank(p) > periodRank(best) ? p : best),
    undefined,
  );
}

/** What a template says it is: by its marker before a run (the task pane), by its cells during one. */
export interface SourceClaim {
  readonly department?: string;
  readonly campaignId?: string;
  readonly period?: Period;
}

/** The state a source's claim gives it for a report period (a run may still find it broken). */
export type ClaimState = 'included' | 'otherPeriod' | 'conflict' | 'unknown';

const claimKey = (c: SourceClaim): string => JSON.stringify([c.department, c.campaignId]);

/** The sources claiming each department and campaign for `period` (a department submits once per campaign). */
export function periodClaims<T extends SourceClaim>(
  sources: readonly T[],
  period: Period | undefined,
): ReadonlyMap<string, readonly T[]> {
  const claims = new Map<string, T[]>();
  for (const s of sources) {
    if (s.department === undefined || s.campaignId === undefined || !samePeriod(s.period, period)) continue;
    const same = claims.get(claimKey(s));
    if (same) same.push(s);
    else claims.set(claimKey(s), [s]);
  }
  return claims;
}

/** The sources that claim what `source` claims for the period (itself among them when it was counted). */
export function claimants<T extends SourceClaim>(
  source: SourceClaim,
  claims: ReadonlyMap<string, readonly T[]>,
): readonly T[] {
  return claims.get(claimKey(source)) ?? [];
}

/**
 * The state of one source for `period`, given everyone's claims (periodClaims): `unknown` when it does not say its
 * department, campaign or period; `otherPeriod` when it reports another period (or none is chosen); `conflict` when
 * two or more sources claim its department and campaign for the period; else `included`.
 */
export function claimState(
  source: SourceClaim,
  period: Period | undefined,
  claims: ReadonlyMap<string, readonly SourceClaim[]>,
): ClaimState {
  if (source.period === undefined || source.department === undefined || source.campaignId === undefined)
    return 'unknown';
  if (!samePeriod(source.period, period)) return 'otherPeriod';
  return claimants(source, claims).length > 1 ? 'conflict' : 'included';
}

/** The state each source's claim gives it for `period`, in the order given (the task pane's preview of a run). */
export function sourceStates(sources: readonly SourceClaim[], period: Period | undefined): ClaimState[] {
  const claims = periodClaims(sources, period);
  return sources.map((s) => claimState(s, period, claims));
}

// ————— the template sheets of a run —————

/** A template sheet, or a sheet whose template marker is damaged or displaced, as read. */
export interface PreparedSheet extends SourceClaim {
  readonly origin: Origin;
  readonly sheet: SheetData;
  readonly reading?: TemplateReading;
  readonly problems: readonly SheetProblem[];
  /** Its department and campaign: the reading's, or its marker's when it could not be read. */
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
 * but a sheet without a template marker and the add-in's own output sheets (undefined).
 */
export function prepare(origin: Origin, sheet: SheetData, plan: Plan): PreparedSheet | undefined {
  if (isOutputSheet(sheet)) return undefined;
  const checked = validateTemplateSheet(sheet, plan);
  if (
    !isTemplateSheet(sheet) &&
    !checked.template &&
    checked.problems.every((p) => p.key === 'structure.markerMissing')
  )
    return undefined;
  const reading = checked.template;
  const broken = !reading || checked.problems.some((p) => p.field === 'structure' && p.severity === 'error');
  if (reading) {
    return {
      origin,
      sheet,
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
    findMarkers(sheet.values).find((m) => m.payload?.type === TEMPLATE_MARKER_TYPE)?.payload,
  );
  if (!marker || !plan.campaigns.some((c) => c.id === marker.campaign))
    return { origin, sheet, problems: checked.problems, broken };
  return {
    origin,
    sheet,
    problems: checked.problems,
    broken,
    department: marker.department,
    campaignId: marker.campaign,
    period: { year: marker.year, month: marker.month },
  };
}

/** Plan order, then department, then origin: a content-only order, so that shuffled sources give the same result. */
export function inContentOrder(prepared: readonly PreparedSheet[], plan: Plan): PreparedSheet[] {
  const campaignIndex = new Map(plan.campaigns.map((c, i) => [c.id, i]));
  const rank = (p: PreparedSheet): number => campaignIndex.get(p.campaignId ?? '') ?? Infinity;
  return [...prepared].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      compareText(a.department ?? '', b.department ?? '') ||
      compareText(originKey(a.origin), originKey(b.origin)),
  );
}

/** The periods the readable templates report (a marker's period is not a report period). */
export function reportedPeriods(prepared: readonly PreparedSheet[]): Period[] {
  return prepared.flatMap((p) => (p.reading?.period ? [p.reading.period] : []));
}

// ————— each sheet's state for the report period —————

/** What happened to a template sheet as a whole. */
export type SourceState =
  | 'included' // its valid values are used
  | 'otherPeriod' // another report period: listed, left out
  | 'conflict' // the same department and campaign submitted more than once for the period: all left out
  | 'structure' // broken structure (marker, keys, codes …): left out
  | 'noPeriod'; // the report period cannot be read: left out

/** A template sheet of the run and its state for the report period. */
export interface SourceSheet extends PreparedSheet {
  readonly state: SourceState;
}

/**
 * The sheets that claim a department and campaign for the period, by what they read: a sheet that cannot be read
 * counts for nothing (it may still be in conflict with two readable ones, by its marker).
 */
export function readableClaims<T extends PreparedSheet>(
  sheets: readonly T[],
  period: Period | undefined,
): ReadonlyMap<string, readonly T[]> {
  return periodClaims(
    sheets.filter((s) => s.reading?.period !== undefined),
    period,
  );
}

/**
 * What reading the sheet adds to its claim's state: a period cell that cannot be read (noPeriod), a broken
 * structure; a sheet that cannot be read at all is broken, unless its marker puts it in a conflict.
 */
function sheetState(p: PreparedSheet, claimed: ClaimState): SourceState {
  if (p.reading && !p.reading.period) return 'noPeriod';
  if (claimed === 'conflict') return 'conflict';
  if (claimed === 'otherPeriod' && p.reading) return 'otherPeriod';
  return claimed === 'included' && !p.broken ? 'included' : 'structure';
}

/** Every sheet's state for the report period, by the one rule of claimState. */
export function judgeSheets(prepared: readonly PreparedSheet[], period: Period | undefined): SourceSheet[] {
  const claims = readableClaims(prepared, period);
  return prepared.map((p) => ({ ...p, state: sheetState(p, claimState(p, period, claims)) }));
}

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

export function sourceSummary(s: SourceSheet): SourceSummary {
  return {
    origin: s.origin,
    state: s.state,
    ...(s.department !== undefined ? { department: s.department } : {}),
    ...(s.campaignId !== undefined ? { campaignId: s.campaignId } : {}),
    ...(s.period ? { period: s.period } : {}),
    errors: s.problems.filter((q) => q.severity === 'error').length,
    warnings: s.problems.filter((q) => q.severity === 'warning').length,
  };
}
