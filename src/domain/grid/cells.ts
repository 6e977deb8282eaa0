/**
 * Cell values as the workbook port reads them and as sheet specs write them: the grid's vocabulary, shared by
 * every layer of the domain and by the adapters.
 */

/** An Excel error value as read from a cell (valueType "Error"), e.g. `{ error: '#N/A' }`. */
export interface CellErrorValue {
  readonly error: string;
}

/** What a cell holds when read: a number, text, a boolean, nothing (null) or an error value. */
export type CellValue = number | string | boolean | null | CellErrorValue;

/** A literal value to write. A string is always text: an adapter never lets it become a formula or a number. */
export type LiteralValue = number | boolean | string | null;

/**
 * Text that is nothing entered: only spaces — ordinary, ideographic (U+3000, the Chinese IME's) and no-break (U+00A0)
 * — and control characters (tabs, line breaks). Exactly what a template's formula reads as nothing (TRIM, CLEAN and
 * those two spaces: calc/formulas.ts), so that 状态 and validation never disagree about a cell; any other character,
 * an em space or a byte-order mark included, is something entered.
 */
export function isBlankText(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are part of what counts as nothing
  return /^[\u0000-\u0020\u00A0\u3000]*$/.test(text);
}

/** Not filled in: empty, or only spaces (isBlankText). */
export function isBlankValue(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && isBlankText(v));
}

/** A cell's text as a person reads it: trimmed text, numbers and booleans as Excel shows them, error values by name. */
export function displayText(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'object') return v.error;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v).trim();
}

/** A read value as a value to write back or list: an error value keeps its text ("#N/A"), so that nothing is lost. */
export function literalOf(v: CellValue | undefined): LiteralValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'object') return v.error;
  return v;
}

/** A label as typed: surrounding spaces and a trailing colon do not matter ("报告期：" is "报告期"). */
export function labelText(v: CellValue): string | undefined {
  return typeof v === 'string'
    ? v
        .trim()
        .replace(/[：:]\s*$/u, '')
        .trim()
    : undefined;
}

/** Text shortened for a message (a broken marker can be long JSON). */
export function shorten(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
