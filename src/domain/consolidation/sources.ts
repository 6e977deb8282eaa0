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
 * template sheet as a whole for that period (included, another period, superseded by a correction, a conflict,
 * broken, no period). The rules the task pane shows before a run (defaultPeriod, sourceStates, judgeClaims) are the
 * ones a run applies.
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

/**
 * Where a value is, as a person looks for it: "sheet!cell", with the file before it ("file › sheet!cell") for an
 * imported one; a problem of a file as a whole (no sheet) is the file's name alone.
 */
export function originPlace(origin: Origin, cell?: string): string {
  const at = origin.sheet === '' ? '' : `${origin.sheet}${cell ? `!${cell}` : ''}`;
  if (origin.kind === 'sheet') return at;
  return at === '' ? origin.file : `${origin.file} › ${at}`;
}

/** The same sheet of the same workbook or file. */
export const sameOrigin = (a: Origin, b: Origin): boolean => originKey(a) === originKey(b);

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
 * 2091 must not win), and among those not after `reportMonth` — the month being reported now (SPEC §5: in early July,
 * 6月) — when there are any, so that a July sheet made early does not move everyone's summary to July; undefined when
 * there is none. The order of `periods` does not matter.
 */
export function defaultPeriod(periods: readonly Period[], planYear: number, reportMonth?: number): Period | undefined {
  const ofYear = periods.some((p) => p.year === planYear) ? periods.filter((p) => p.year === planYear) : periods;
  const due = ofYear.filter((p) => p.year === planYear && reportMonth !== undefined && p.month <= reportMonth);
  const pool = due.length > 0 ? due : ofYear;
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
  /** Where it is (what the office's pick names). */
  readonly origin?: Origin;
  /**
   * When it was saved (ISO 8601): for a file, the workbook's own last-saved time (docProps/core.xml), else the file
   * system's date; unknown for a sheet of the open workbook.
   */
  readonly savedAt?: string;
}

/** The state a source's claim gives it for a report period (a run may still find it broken). */
export type ClaimState = 'included' | 'superseded' | 'otherPeriod' | 'conflict' | 'unknown';

const claimKey = (c: Pick<SourceClaim, 'department' | 'campaignId'>): string =>
  JSON.stringify([c.department, c.campaignId]);

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

// ————— corrections: which of a department's submissions counts —————

/**
 * The office's choice of the submission that counts (以此为准) for a department, campaign and period whose save
 * times cannot tell (equal or unknown). Kept in the 汇总 sheet's marker, so that a re-run — the ribbon's too — keeps it.
 */
export interface SourcePick {
  readonly department: string;
  readonly campaignId: string;
  readonly period: Period;
  readonly origin: Origin;
}

/** How the sources claiming one department, campaign and period were decided. */
export interface GroupDecision<T> {
  /** The submission that counts, if any. */
  readonly winner?: T;
  /** What made it count among several: the one latest save time, or the office's pick. */
  readonly by?: 'savedAt' | 'pick';
  /** The latest sources, saved at the same time or at unknown times, that nothing decided between (a conflict). */
  readonly tied: readonly T[];
}

function savedTime(c: SourceClaim): number | undefined {
  const t = c.savedAt === undefined ? NaN : Date.parse(c.savedAt);
  return Number.isFinite(t) ? t : undefined;
}

/**
 * SPEC §8 Corrections: of one department's submissions of a campaign for a period, the one saved last counts and
 * supersedes the others. When the latest save times are equal, or any is unknown (a sheet of the open workbook),
 * the office's pick decides among those latest ones; without a pick they are a conflict.
 */
export function decideGroup<T extends SourceClaim>(
  group: readonly T[],
  pick: SourcePick | undefined,
): GroupDecision<T> {
  const [only] = group;
  if (group.length === 1 && only !== undefined) return { winner: only, tied: [] };
  const times = group.map(savedTime);
  const known = times.flatMap((t) => (t === undefined ? [] : [t]));
  const latest = known.length === group.length ? Math.max(...known) : undefined;
  const candidates = latest === undefined ? group : group.filter((_, i) => times[i] === latest);
  const [first] = candidates;
  if (candidates.length === 1 && first !== undefined) return { winner: first, by: 'savedAt', tied: [] };
  const picked = pick && candidates.find((c) => c.origin !== undefined && sameOrigin(c.origin, pick.origin));
  return picked ? { winner: picked, by: 'pick', tied: [] } : { tied: candidates };
}

/** A source's claim judged for a period: its state and, when others claim the same, how the group was decided. */
export interface ClaimJudgement<T> {
  readonly state: ClaimState;
  /** The sources claiming its department and campaign for the period (by what they read, in a run). */
  readonly group: readonly T[];
  readonly decision?: GroupDecision<T>;
}

const pickKey = (department: string, campaignId: string, p: Period): string =>
  JSON.stringify([department, campaignId, p.year, p.month]);

/**
 * The state of each source for `period`, given everyone's claims (periodClaims) and the office's picks: `unknown`
 * when it does not say its department, campaign or period; `otherPeriod` when it reports another period (or none is
 * chosen); when others claim its department and campaign for the period, `included` for the one that counts,
 * `superseded` for the others, `conflict` for those nothing decided between (decideGroup); else `included`. A source
 * outside its claim's group (a run's unreadable sheet, by its marker) is superseded when the group is decided.
 */
export function judgeClaims<T extends SourceClaim>(
  sources: readonly T[],
  period: Period | undefined,
  claims: ReadonlyMap<string, readonly T[]>,
  picks: readonly SourcePick[] = [],
): ClaimJudgement<T>[] {
  const pickOf = new Map(picks.map((p) => [pickKey(p.department, p.campaignId, p.period), p]));
  const decisions = new Map<readonly T[], GroupDecision<T>>();
  const decisionOf = (group: readonly T[], s: T): GroupDecision<T> => {
    let d = decisions.get(group);
    if (!d) {
      d = decideGroup(group, period && pickOf.get(pickKey(s.department ?? '', s.campaignId ?? '', period)));
      decisions.set(group, d);
    }
    return d;
  };
  return sources.map((s): ClaimJudgement<T> => {
    if (s.period === undefined || s.department === undefined || s.campaignId === undefined)
      return { state: 'unknown', group: [] };
    if (!samePeriod(s.period, period)) return { state: 'otherPeriod', group: [] };
    const group = claimants(s, claims);
    if (group.length === 0) return { state: 'included', group };
    const decision = decisionOf(group, s);
    const member = group.find((g) => g === s);
    let state: ClaimState;
    if (member !== undefined && decision.winner === member) state = 'included';
    else if (member !== undefined && decision.tied.includes(member)) state = 'conflict';
    else if (member === undefined && decision.winner === undefined) state = 'conflict';
    else state = 'superseded';
    return { state, group, decision };
  });
}

/** The state each source's claim gives it for `period`, in the order given (the task pane's preview of a run). */
export function sourceStates(
  sources: readonly SourceClaim[],
  period: Period | undefined,
  picks: readonly SourcePick[] = [],
): ClaimState[] {
  return judgeClaims(sources, period, periodClaims(sources, period), picks).map((j) => j.state);
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
export function prepare(origin: Origin, sheet: SheetData, plan: Plan, savedAt?: string): PreparedSheet | undefined {
  const read = readTemplate(origin, sheet, plan);
  return read && savedAt !== undefined ? { ...read, savedAt } : read;
}

function readTemplate(origin: Origin, sheet: SheetData, plan: Plan): PreparedSheet | undefined {
  if (isOutputSheet(sheet)) return undefined;
  const validated = validateTemplateSheet(sheet, plan);
  // One problem per cause: a lag without its reason is the district figure's, said once per indicator by the
  // summary (consolidation.lagWithoutReason, when the consolidated light is 黄/红) — not once more per sheet, as an
  // error that would mark the submission 有误, for a share that the district total may well make 绿.
  const checked = { ...validated, problems: validated.problems.filter((p) => p.key !== 'value.reasonMissing') };
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
  | 'superseded' // 已被更正: the same department and campaign submitted again for the period, saved later or picked
  | 'otherPeriod' // another report period: listed, left out
  | 'conflict' // submitted more than once for the period, nothing decides which counts: all of those left out
  | 'structure' // broken structure (marker, keys, codes …): left out
  | 'noPeriod'; // the report period cannot be read: left out

/** A template sheet of the run and its state for the report period. */
export interface SourceSheet extends PreparedSheet {
  readonly state: SourceState;
  /** When others claim its department and campaign for the period: who they are (readable) and what decided. */
  readonly contest?: {
    readonly group: readonly PreparedSheet[];
    readonly decision: GroupDecision<PreparedSheet>;
  };
}

/**
 * The sheets that claim a department and campaign for the period, by what they read: a sheet that cannot be read
 * counts for nothing (it may still be in conflict with two readable ones, by its marker).
 */
export function readableClaims<T extends PreparedSheet>(
  sheets: readonly T[],
  period: Period | undefined,
): ReadonlyMap<string, readonly T[]> {
  // A sheet whose 填报单位 disputes its marker claims nothing: it must not supersede the department's own sheet.
  return periodClaims(
    sheets.filter((s) => s.reading?.period !== undefined && !s.reading.disputed),
    period,
  );
}

/**
 * What reading the sheet adds to its claim's state: a period cell that cannot be read (noPeriod), a broken
 * structure; a sheet that cannot be read at all is broken, unless its marker puts it in a conflict.
 */
function sheetState(p: PreparedSheet, claimed: ClaimState): SourceState {
  if (p.reading && !p.reading.period) return 'noPeriod';
  if (p.reading?.disputed && claimed !== 'otherPeriod') return 'structure';
  if (claimed === 'conflict') return 'conflict';
  if (claimed === 'otherPeriod' && p.reading) return 'otherPeriod';
  if (claimed === 'superseded' && p.reading) return 'superseded';
  return claimed === 'included' && !p.broken ? 'included' : 'structure';
}

/** Every sheet's state for the report period, by the one rule of judgeClaims (the office's picks included). */
export function judgeSheets(
  prepared: readonly PreparedSheet[],
  period: Period | undefined,
  picks: readonly SourcePick[] = [],
): SourceSheet[] {
  const judged = judgeClaims(prepared, period, readableClaims(prepared, period), picks);
  return prepared.map((p, i): SourceSheet => {
    const j = judged[i] ?? { state: 'unknown', group: [] };
    const contested = j.decision !== undefined && (j.group.length > 1 || !j.group.includes(p));
    return {
      ...p,
      state: sheetState(p, j.state),
      ...(contested && j.decision ? { contest: { group: j.group, decision: j.decision } } : {}),
    };
  });
}

export interface SourceSummary {
  readonly origin: Origin;
  readonly state: SourceState;
  readonly department?: string;
  readonly campaignId?: string;
  /** The period the sheet reports (for a sheet that could not be read: the period of its marker, if any). */
  readonly period?: Period;
  /** When it was saved, where known (a file's). */
  readonly savedAt?: string;
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
    ...(s.savedAt !== undefined ? { savedAt: s.savedAt } : {}),
    errors: s.problems.filter((q) => q.severity === 'error').length,
    warnings: s.problems.filter((q) => q.severity === 'warning').length,
  };
}
