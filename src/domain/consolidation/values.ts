import type { LiteralValue } from '../grid/cells';
import { roundFloat } from '../grid/numberText';
import type { Period } from '../validation/period';

/** Small comparisons the steps of consolidation share. */

/** Code-unit order: the same on every machine and locale, so that a re-run writes the same sheets. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Both known and the same month. */
export const samePeriod = (a: Period | undefined, b: Period | undefined): boolean =>
  a !== undefined && b !== undefined && a.year === b.year && a.month === b.month;

/** A cell with nothing in it (a blank text is something: it is listed as blank). */
export const isEmpty = (v: LiteralValue): boolean => v === null || v === '';

/** Text of a number for a message: binary noise removed (0.30000000000000004 → 0.3). */
export const shown = (v: LiteralValue): string | number =>
  typeof v === 'number' ? roundFloat(v) : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : (v ?? '');
