/**
 * Indicator kinds (SPEC §3). One concept, one name: these English ids are used in code, sheet keys and
 * `KPI.*` arguments; the Chinese aliases are accepted wherever a user types a kind.
 */
export const KINDS = ['total', 'count', 'level', 'growth', 'share', 'floor', 'rank', 'milestone'] as const;
export type Kind = (typeof KINDS)[number];

/** The Chinese name shown to users and accepted as an alias (SPEC §9). */
export const KIND_ZH: Readonly<Record<Kind, string>> = {
  total: '总量',
  count: '个数',
  level: '水平',
  growth: '增速',
  share: '比重',
  floor: '下限',
  rank: '排名',
  milestone: '进度',
};

const ALIASES: ReadonlyMap<string, Kind> = new Map<string, Kind>([
  ...KINDS.map((k): [string, Kind] => [k, k]),
  ...KINDS.map((k): [string, Kind] => [KIND_ZH[k], k]),
]);

/** Parses a kind typed by a user: English id or Chinese alias, case and surrounding spaces ignored. */
export function parseKind(text: string): Kind | undefined {
  return ALIASES.get(text.trim().toLowerCase());
}

/** `rank` is the only kind where a lower actual is better. */
export function higherIsBetter(kind: Kind): boolean {
  return kind !== 'rank';
}

/** Kinds compared with 序时进度 by default (SPEC §3 table). */
export function pacedByDefault(kind: Kind): boolean {
  return kind === 'total' || kind === 'count' || kind === 'milestone';
}

/**
 * Kinds whose values are fractions shown as percentages (10% = 0.1). Not `share`: a change of a share is a number of
 * percentage points, stored and typed as points (1 个百分点 = 1, SPEC §3), since a percent-formatted cell would turn
 * the natural entry 0.6 into 60 points.
 */
export function isRateKind(kind: Kind): boolean {
  return kind === 'growth' || kind === 'floor' || kind === 'milestone';
}

/** How a number of percentage points is shown (a `share` value): 0.6 → "0.6个百分点". */
export const POINTS_FORMAT = '0.0"个百分点"';

/** Kinds whose entered value may legitimately be negative (a fall, a lost share). */
export function allowsNegative(kind: Kind): boolean {
  return kind === 'growth' || kind === 'share';
}
