/**
 * Shared by the Excel adapter (renderSheet, sheetCommands) and the .xlsx writer (files/xlsx), which write text cells
 * alike. When Excel is handed a string through `Range.values`, it reads it as if a person had typed it: "=1+1"
 * becomes a formula, "007" the number 7, "2019-06" a date, "TRUE" a boolean, "#N/A" an error. The sheet spec says a
 * string is always text (sheetSpec.ts), so such strings are written into cells whose number format is "@" (Text),
 * set before the value. This decides which strings need it; over-marking costs nothing but a number format.
 */

/** Formula starts (also full-width, which CJK input methods produce), control characters and the quote prefix. */
const RISKY_FIRST = new Set(['=', '+', '-', '@', '\t', '\r', '\n', "'", '＝', '＋', '－', '＠']);
/** Numbers, dates, times, fractions, percentages and currency amounts all start like this (after a sign or "("). */
const NUMBER_LIKE = /^[-+(]?[$€£¥￥]?[-+]?[0-9０-９.．]/;
const BOOLEAN = /^(true|false)$/i;
const ERROR_LITERAL =
  /^#(N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA)$/i;
/** "Jun-19", "June 5": English month names followed by a number are dates in en-US Excel. */
const MONTH_DATE = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[-\s/.,]*\d/i;

export function needsTextFormat(text: string): boolean {
  const first = text[0];
  if (first === undefined) return false;
  if (RISKY_FIRST.has(first)) return true;
  const t = text.trim();
  return NUMBER_LIKE.test(t) || BOOLEAN.test(t) || ERROR_LITERAL.test(t) || MONTH_DATE.test(t);
}
