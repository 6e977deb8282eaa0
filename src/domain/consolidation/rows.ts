import { literalOf, type LiteralValue } from '../grid/cells';
import { parseCell } from '../grid/address';
import type { Field } from '../grid/problems';
import { cellAt } from '../grid/sheet';
import { indicatorsFor } from '../plan/departments';
import type { Indicator, Plan } from '../plan/schema';
import type { TemplateRow } from '../validation/validateSheet';
import type { PreparedSheet, SourceSheet } from './sources';

/**
 * The indicator rows read from the template sheets, one entry per row whose code is an indicator of the sheet's
 * campaign, whatever the sheet's state: every value in them ends up in the detail list, used or not.
 */

export type DetailField = 'actual' | 'prior' | 'reason';

/** The input cells of an indicator row, in the order the detail list gives them. */
export const DETAIL_FIELDS: readonly DetailField[] = ['actual', 'prior', 'reason'];

/** Why a source value is not used in the summary (or, for `sameAsResponsible`, why it is not counted twice). */
export type WhyNot =
  | 'otherPeriod'
  | 'superseded'
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
  | 'sameAsResponsible'
  | 'shareOfSingle'
  | 'notShared'
  | 'shareReason';

/** Whether a value counts, and if not, why. */
export type Verdict = { readonly used: true } | { readonly used: false; readonly why: WhyNot };

export interface RowEntry {
  readonly source: SourceSheet;
  readonly indicator: Indicator;
  readonly row: TemplateRow;
  readonly department: string;
  /** As found in the cells (an Excel error value as its text). */
  readonly raw: Readonly<Record<DetailField, LiteralValue>>;
  /** Valid numbers, after the validator's errors on their own field. */
  readonly actual: number | null;
  readonly prior: number | null;
  /**
   * On a 配合部门's sheet (SPEC §8): `share`, its share of an indicator it contributes to; `notShared`, a figure in the
   * row of an indicator it does not contribute to. Absent on the sheets of other departments.
   */
  readonly contribution?: 'share' | 'notShared';
}

/** The value of a cell of a sheet by its address, as a literal. */
export function literalAt(sheet: PreparedSheet, address: string): LiteralValue {
  const { column, row } = parseCell(address);
  return literalOf(cellAt(sheet.sheet.values, row, column));
}

/** One entry per indicator row read, in the order of the sheets, then of their rows. */
export function rowEntries(sheets: readonly SourceSheet[], plan: Plan): RowEntry[] {
  const campaignById = new Map(plan.campaigns.map((c) => [c.id, c]));
  const entries: RowEntry[] = [];
  for (const source of sheets) {
    const reading = source.reading;
    const campaign = reading ? campaignById.get(reading.campaignId) : undefined;
    if (!reading || !campaign) continue;
    // An error on a value's own field leaves it out (SPEC §8), whatever number the validator could read.
    const errors = new Set(
      source.problems.flatMap((q) => (q.severity === 'error' ? [JSON.stringify([q.field, q.indicator])] : [])),
    );
    const errorOn = (field: Field, code: string): boolean => errors.has(JSON.stringify([field, code]));
    const shared =
      reading.role === 'contributor' ? new Set(indicatorsFor(campaign, reading.department, 'contributor')) : undefined;
    for (const row of reading.rows) {
      const indicator = campaign.indicators.find((i) => i.code === row.code);
      if (!indicator) continue;
      const raw = (f: DetailField): LiteralValue => {
        const at = row.cells[f];
        return at === undefined ? null : literalAt(source, at);
      };
      const isGrowth = indicator.kind === 'growth';
      entries.push({
        source,
        indicator,
        row,
        department: reading.department,
        raw: { actual: raw('actual'), prior: raw('prior'), reason: raw('reason') },
        actual: row.numbers.actual !== null && !errorOn('actual', row.code) ? row.numbers.actual : null,
        prior: isGrowth && row.numbers.prior !== null && !errorOn('prior', row.code) ? row.numbers.prior : null,
        ...(shared ? { contribution: shared.has(indicator) ? 'share' : 'notShared' } : {}),
      });
    }
  }
  return entries;
}
