import type { DataState } from '../calc/dataState';
import { isBlankText, type LiteralValue } from '../grid/cells';
import type { Plan } from '../plan/schema';
import type { Period } from '../validation/period';
import type { Verdicts } from './aggregate';
import { DETAIL_FIELDS, type DetailField, type RowEntry, type Verdict, type WhyNot } from './rows';
import { originKey, type Origin, type SourceState } from './sources';
import { compareText, isEmpty } from './values';

/**
 * The detail list (SPEC §8): every value found in an input cell of a template becomes exactly one record, used or
 * not, with where it came from; a record that is not used says why.
 */

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
  /** The data state of an `actual` or `prior` value: its row's (SPEC §6: 数据有误, 待核实, 已核实 …). */
  readonly state?: DataState;
  readonly origin: Origin;
  readonly cell: string;
  readonly period?: Period;
  /** Counted in the summary figure (actual, prior) or shown as a reason in the summary (reason). */
  readonly used: boolean;
  readonly why?: WhyNot;
  /** A 配合部门's share, counted: added to the responsible department's figure (SPEC §8). */
  readonly share?: true;
}

/** Plan order, then indicator, department and origin: the order of the detail list. */
export function inDetailOrder(entries: readonly RowEntry[], plan: Plan): RowEntry[] {
  const campaignIndex = new Map(plan.campaigns.map((c, i) => [c.id, i]));
  const indicatorIndex = new Map(plan.campaigns.flatMap((c) => c.indicators.map((ind, i) => [ind.code, i] as const)));
  const campaignRank = (e: RowEntry): number => campaignIndex.get(e.source.campaignId ?? '') ?? 0;
  const indicatorRank = (e: RowEntry): number => indicatorIndex.get(e.indicator.code) ?? 0;
  return [...entries].sort(
    (a, b) =>
      campaignRank(a) - campaignRank(b) ||
      indicatorRank(a) - indicatorRank(b) ||
      compareText(a.department, b.department) ||
      compareText(originKey(a.source.origin), originKey(b.source.origin)),
  );
}

function sourceVerdict(state: SourceState): Verdict | undefined {
  return state === 'included' ? undefined : { used: false, why: state };
}

/** A value's own verdict, when aggregation did not decide (invalid, blank, not applicable). */
function fieldVerdict(e: RowEntry, field: DetailField): Verdict {
  const value = e.raw[field];
  if (typeof value === 'string' && isBlankText(value)) return { used: false, why: 'blank' };
  if (field === 'prior' && e.indicator.kind !== 'growth') return { used: false, why: 'notApplicable' };
  if (field === 'reason') return { used: false, why: 'notText' };
  const n = field === 'actual' ? e.actual : e.prior;
  if (n === null) return { used: false, why: 'invalid' };
  return e.indicator.kind === 'growth' ? { used: false, why: 'growthUnpaired' } : { used: false, why: 'invalid' };
}

/** One record per value found in the entries (in detail order), with the verdict on it. */
export function detailRecords(ordered: readonly RowEntry[], verdicts: Verdicts): DetailRecord[] {
  const details: DetailRecord[] = [];
  for (const e of ordered) {
    for (const field of DETAIL_FIELDS) {
      const value = e.raw[field];
      const cell = e.row.cells[field];
      if (isEmpty(value) || cell === undefined) continue;
      const verdict = sourceVerdict(e.source.state) ?? verdicts.get(e)?.[field] ?? fieldVerdict(e, field);
      details.push({
        campaignId: e.source.campaignId ?? '',
        code: e.indicator.code,
        department: e.department,
        field,
        value,
        number: field === 'actual' ? e.actual : field === 'prior' ? e.prior : null,
        ...(field === 'actual' || (field === 'prior' && e.indicator.kind === 'growth') ? { state: e.row.state } : {}),
        origin: e.source.origin,
        cell,
        ...(e.source.period ? { period: e.source.period } : {}),
        used: verdict.used,
        ...(verdict.used ? {} : { why: verdict.why }),
        ...(verdict.used && e.contribution === 'share' && field !== 'reason' ? { share: true as const } : {}),
      });
    }
  }
  return details;
}
