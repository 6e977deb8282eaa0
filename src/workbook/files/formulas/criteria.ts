import { ERROR_LITERALS, compareText, holds, isError, textToNumber, type Comparison, type Scalar } from './values';

/**
 * The criteria of COUNTIF, COUNTIFS and SUMIFS as Excel reads them: a number or a boolean matches equal cells (a
 * number also a text that reads as it: 3 matches "3"); a text may start with an operator (= <> < > <= >=) before its
 * operand — a number (">=0.9"), TRUE/FALSE, an error literal ("#N/A") or a text, matched without regard to case and
 * with the wildcards * and ? (~ escapes them) when compared for equality. Special cases: "" matches blank cells and
 * empty texts, "=" only blank cells, "<>" every cell that is not blank; a reference to a blank cell is the number 0.
 */
export type Criterion = (cell: Scalar) => boolean;

type Operator = Comparison;
const OPERATOR = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/;

/** The criterion a (non-error) value stands for. */
export function criterion(value: Scalar): Criterion {
  if (value === null) return numberIs('=', 0);
  if (typeof value === 'number') return numberIs('=', value);
  if (typeof value === 'boolean') return (cell) => cell === value;
  if (isError(value)) return (cell) => isError(cell) && cell.error === value.error;
  const m = OPERATOR.exec(value);
  const written = m?.[1] as Operator | undefined;
  const operand = m?.[2] ?? '';
  const op = written ?? '=';
  if (operand === '') {
    if (written === undefined) return (cell) => cell === null || cell === '';
    if (op === '=') return (cell) => cell === null;
    if (op === '<>') return (cell) => cell !== null;
    return () => false;
  }
  const n = textToNumber(operand);
  if (n !== undefined) return numberIs(op, n);
  const upper = operand.toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') return equality(op, (cell) => cell === (upper === 'TRUE'));
  if (ERROR_LITERALS.includes(upper)) return equality(op, (cell) => isError(cell) && cell.error === upper);
  if (op === '=' || op === '<>') {
    const pattern = wildcardPattern(operand);
    return equality(op, (cell) => typeof cell === 'string' && wildcardMatch(pattern, cell));
  }
  return (cell) => typeof cell === 'string' && holds(op, compareText(cell, operand));
}

/** `=` keeps the test, `<>` negates it; an ordering operator matches nothing (ordering a boolean or an error). */
function equality(op: Operator, test: Criterion): Criterion {
  if (op === '=') return test;
  if (op === '<>') return (cell) => !test(cell);
  return () => false;
}

/** A number criterion: number cells compared exactly; for = and <>, a text that reads as a number counts as it. */
function numberIs(op: Operator, n: number): Criterion {
  return (cell) => {
    if (typeof cell === 'number') return holds(op, cell === n ? 0 : cell < n ? -1 : 1);
    if (op !== '=' && op !== '<>') return false;
    const read = typeof cell === 'string' ? textToNumber(cell) : undefined;
    return (read === n) === (op === '=');
  };
}

/** A wildcard pattern: literal characters (lower case), or one of the wildcards. */
type PatternPart = { readonly literal: string } | '?' | '*';

function wildcardPattern(text: string): PatternPart[] {
  const parts: PatternPart[] = [];
  const chars = text.toLowerCase();
  for (let i = 0; i < chars.length; i++) {
    const c = chars.charAt(i);
    const after = i + 1 < chars.length ? chars.charAt(i + 1) : undefined;
    if (c === '~' && after !== undefined) {
      parts.push({ literal: after });
      i++;
    } else parts.push(c === '*' || c === '?' ? c : { literal: c });
  }
  return parts;
}

/**
 * Does the whole text match the pattern (case ignored)? The greedy matcher with one back-tracking point for the last
 * star: O(pattern × text) at worst, never exponential as a regular expression can be.
 */
function wildcardMatch(pattern: readonly PatternPart[], text: string): boolean {
  const t = text.toLowerCase();
  let p = 0;
  let i = 0;
  let star = -1;
  let resume = 0;
  while (i < t.length) {
    const part = pattern[p];
    if (part === '?' || (part !== undefined && part !== '*' && part.literal === t.charAt(i))) {
      p++;
      i++;
    } else if (part === '*') {
      star = p++;
      resume = i;
    } else if (star >= 0) {
      p = star + 1;
      i = ++resume;
    } else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** SEARCH's wildcard search: the 0-based index of the first match of `pattern` in `text` from `start`, or −1. */
export function wildcardSearch(pattern: string, text: string, start: number): number {
  const parts = wildcardPattern(pattern);
  if (parts.every((part) => part !== '*' && part !== '?'))
    return text
      .toLowerCase()
      .indexOf(parts.map((part) => (typeof part === 'string' ? part : part.literal)).join(''), start);
  // Anchored at each start in turn; a leading and trailing star make the match as short as may be.
  const anchored: PatternPart[] = [...parts, '*'];
  for (let s = start; s <= text.length; s++) {
    if (wildcardMatch(anchored, text.slice(s))) return s;
  }
  return -1;
}
