import type { MarkerPayload } from '../grid/ownSheets';
import type { Plan } from '../plan/schema';
import type { Period } from '../validation/period';
import type { ConsolidationProblem } from './problems';
import { originKey, originText, sameOrigin, type Origin, type SourcePick, type SourceSheet } from './sources';
import { compareText, samePeriod } from './values';

/**
 * The office's picks (以此为准, SPEC §8 Corrections) between submissions whose save times cannot tell which counts:
 * kept in the 汇总 sheet's marker (`picks`, a JSON text: a marker holds flat text and numbers), read back by the
 * next run — the ribbon's too — and judged by each run of their period: a pick whose sheet is gone, or that a later
 * correction has overtaken, is dropped with a notice; the others are written back.
 */

/** The field of the 汇总 marker that holds the picks. */
export const PICKS_FIELD = 'picks';

interface StoredPick {
  readonly department: string;
  readonly campaign: string;
  readonly year: number;
  readonly month: number;
  readonly file?: string;
  readonly sheet: string;
}

const groupKey = (p: SourcePick): string => JSON.stringify([p.department, p.campaignId, p.period.year, p.period.month]);

/** A content-only order, so that a re-run writes the same marker. */
function inOrder(picks: readonly SourcePick[]): SourcePick[] {
  return [...picks].sort(
    (a, b) => compareText(groupKey(a), groupKey(b)) || compareText(originKey(a.origin), originKey(b.origin)),
  );
}

export function encodePicks(picks: readonly SourcePick[]): string {
  return JSON.stringify(
    inOrder(picks).map((p): StoredPick => ({
      department: p.department,
      campaign: p.campaignId,
      year: p.period.year,
      month: p.period.month,
      ...(p.origin.kind === 'file' ? { file: p.origin.file } : {}),
      sheet: p.origin.sheet,
    })),
  );
}

const isText = (v: unknown): v is string => typeof v === 'string';
const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function storedPick(v: unknown): SourcePick | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Readonly<Record<string, unknown>>;
  const { department, campaign, year, month, file, sheet } = r;
  if (!isText(department) || !isText(campaign) || !isWhole(year) || !isWhole(month) || !isText(sheet)) return undefined;
  if (file !== undefined && !isText(file)) return undefined;
  const origin: Origin = file === undefined ? { kind: 'sheet', sheet } : { kind: 'file', file, sheet };
  return { department, campaignId: campaign, period: { year, month }, origin };
}

/**
 * The picks a 汇总 marker holds; `unreadable` counts entries (or a whole text) that cannot be read — reported by the
 * caller, never silently forgotten.
 */
export function picksOfMarker(marker: MarkerPayload | undefined): {
  readonly picks: readonly SourcePick[];
  readonly unreadable: number;
} {
  const text = marker?.[PICKS_FIELD];
  if (text === undefined) return { picks: [], unreadable: 0 };
  let list: unknown;
  try {
    list = typeof text === 'string' ? JSON.parse(text) : undefined;
  } catch {
    list = undefined;
  }
  if (!Array.isArray(list)) return { picks: [], unreadable: 1 };
  const picks = list.flatMap((v: unknown) => storedPick(v) ?? []);
  return { picks, unreadable: list.length - picks.length };
}

/** The picks kept so far and the new ones: a new pick replaces the one for the same department, campaign and period. */
export function mergePicks(kept: readonly SourcePick[], added: readonly SourcePick[]): SourcePick[] {
  const byGroup = new Map(kept.map((p) => [groupKey(p), p]));
  for (const p of added) byGroup.set(groupKey(p), p);
  return inOrder([...byGroup.values()]);
}

export interface PickOutcome {
  /** The picks to keep in the new 汇总 marker. */
  readonly kept: readonly SourcePick[];
  /** A notice for every pick dropped. */
  readonly problems: readonly ConsolidationProblem[];
}

/**
 * Each pick judged by a run: a pick of another period, or of a file not imported this time (a ribbon run reads no
 * files), is kept as it is; a pick of the period is kept while its sheet claims that department and campaign and is
 * the one that counts; otherwise it is dropped, with a notice — its sheet is gone (or reports something else now),
 * or a correction saved later has overtaken it.
 */
export function judgePicks(
  picks: readonly SourcePick[],
  period: Period | undefined,
  sheets: readonly SourceSheet[],
  files: ReadonlySet<string>,
  plan: Plan,
): PickOutcome {
  const kept: SourcePick[] = [];
  const problems: ConsolidationProblem[] = [];
  const campaignName = new Map(plan.campaigns.map((c) => [c.id, c.name]));
  for (const pick of inOrder(picks)) {
    if (!samePeriod(pick.period, period) || (pick.origin.kind === 'file' && !files.has(pick.origin.file))) {
      kept.push(pick);
      continue;
    }
    const member = sheets.find(
      (s) =>
        sameOrigin(s.origin, pick.origin) &&
        s.reading?.period !== undefined &&
        s.department === pick.department &&
        s.campaignId === pick.campaignId &&
        samePeriod(s.period, pick.period),
    );
    const decision = member?.contest?.decision;
    const counts = decision?.winner ? [decision.winner] : (decision?.tied ?? []);
    if (member && (!decision || counts.some((c) => sameOrigin(c.origin, pick.origin)))) {
      kept.push(pick);
      continue;
    }
    const params = {
      department: pick.department,
      campaign: campaignName.get(pick.campaignId) ?? pick.campaignId,
      year: pick.period.year,
      month: pick.period.month,
      picked: originText(pick.origin),
    };
    const about = { severity: 'warning', field: 'submission', department: pick.department } as const;
    problems.push(
      member
        ? {
            ...about,
            key: 'consolidation.pickOvertaken',
            params: { ...params, by: counts.map((c) => originText(c.origin)).join('、') },
            origin: member.origin,
            campaignId: pick.campaignId,
          }
        : { ...about, key: 'consolidation.pickGone', params, campaignId: pick.campaignId },
    );
  }
  return { kept, problems };
}
