import { MAX_COLUMN, MAX_ROW, columnNumber } from '../../../domain/grid/address';
import { ERROR_LITERALS } from './values';

/**
 * The grammar of the formulas the add-in's builders write (en-US names, comma separators, A1 references), read into
 * a syntax tree: numbers ("0.000000001", "1e-9"), texts with "" for a quote, TRUE/FALSE, error literals (#NUM!),
 * references — a cell, a range, whole columns (H:H) and rows (2:2), with $ and an optional sheet ('部门 表'!H6,
 * 'it''s'!A1, Sheet1!A1) — the operators + - * / ^ & = <> < > <= >=, unary - and +, postfix %, parentheses, and
 * function calls, dotted names (KPI.ATTAINMENT) and left-out arguments (IF(A1,,2)) included. Not read: array
 * constants {1,2}, the union and intersection operators, structured and R1C1 references, defined names (a name
 * that is not a reference is kept, and evaluates to #NAME?).
 *
 * Precedence, as Excel's: negation > % > ^ > * / > + - > & > comparisons, all left-associative (-2^2 is 4). A run
 * of operators of one level is one `chain` node, so that "1+1+…+1" does not nest: with nesting capped (MAX_NESTING),
 * parsing and evaluating never recurse deeper than a few hundred calls, whatever the formula's length.
 */

export type BinaryOperator = '+' | '-' | '*' | '/' | '^' | '&' | '=' | '<>' | '<' | '>' | '<=' | '>=';

/** A rectangle of cells, 1-based and inclusive; `sheet` as written, absent for the formula's own sheet. */
export interface ReferenceNode {
  readonly kind: 'reference';
  readonly sheet: string | undefined;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export type Ast =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'logical'; readonly value: boolean }
  | { readonly kind: 'error'; readonly code: string }
  | ReferenceNode
  | { readonly kind: 'negate' | 'plus' | 'percent'; readonly operand: Ast }
  | {
      readonly kind: 'chain';
      readonly first: Ast;
      readonly rest: readonly { readonly operator: BinaryOperator; readonly operand: Ast }[];
    }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Ast[] }
  /** An argument left out: IF(A1,,2). */
  | { readonly kind: 'missing' }
  /** A name that is no reference and no function: #NAME? when evaluated. */
  | { readonly kind: 'name'; readonly name: string };

export type ParseResult =
  { readonly ok: true; readonly ast: Ast } | { readonly ok: false; readonly message: string; readonly at: number };

/** Nesting of parentheses, calls and signs allowed (Excel allows 64 levels of nested functions). */
export const MAX_NESTING = 200;

/**
 * A token: its type and its text — a number or word as written, a text's or quoted sheet name's content, an error
 * literal, an operator — and where it starts. One shape for all, so that reading tokens stays fast.
 */
interface Token {
  readonly type: 'number' | 'text' | 'error' | 'sheet' | 'word' | 'op' | 'end';
  readonly text: string;
  readonly at: number;
}

const END: Token = { type: 'end', text: '', at: 0 };

class SyntaxProblem extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

const OPERATORS = ['<>', '<=', '>=', '+', '-', '*', '/', '^', '&', '=', '<', '>', '%', '(', ')', ',', ':'];
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
/** A word: letters (any script), digits, _ . $ and \ — a function name, a reference, a sheet name, TRUE. */
const WORD = /[\p{L}_\\$][\p{L}\p{N}_.$\\]*/uy;

/** The text a sticky pattern matches at `at`, if any. */
function matchAt(pattern: RegExp, formula: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(formula)?.[0];
}

/** The formula's tokens; a leading "=" is skipped. Throws SyntaxProblem. */
function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  let i = formula.startsWith('=') ? 1 : 0;
  while (i < formula.length) {
    const c = formula.charAt(i);
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++;
      continue;
    }
    if (c === '"') {
      const end = closing(formula, i, '"');
      tokens.push({ type: 'text', text: formula.slice(i + 1, end).replace(/""/g, '"'), at: i });
      i = end + 1;
      continue;
    }
    if (c === "'") {
      const end = closing(formula, i, "'");
      if (formula.charAt(end + 1) !== '!') throw new SyntaxProblem('a quoted sheet name without "!"', i);
      tokens.push({ type: 'sheet', text: formula.slice(i + 1, end).replace(/''/g, "'"), at: i });
      i = end + 2;
      continue;
    }
    if (c === '#') {
      const code = ERROR_LITERALS.find((e) => formula.slice(i, i + e.length).toUpperCase() === e);
      if (!code) throw new SyntaxProblem('an unknown error literal', i);
      tokens.push({ type: 'error', text: code, at: i });
      i += code.length;
      continue;
    }
    const number = matchAt(NUMBER, formula, i);
    if (number !== undefined) {
      tokens.push({ type: 'number', text: number, at: i });
      i += number.length;
      continue;
    }
    const word = matchAt(WORD, formula, i);
    if (word !== undefined) {
      const sheet = formula.charAt(i + word.length) === '!';
      tokens.push({ type: sheet ? 'sheet' : 'word', text: word, at: i });
      i += word.length + (sheet ? 1 : 0);
      continue;
    }
    const op = OPERATORS.find((o) => formula.startsWith(o, i));
    if (!op) throw new SyntaxProblem(`unexpected "${c}"`, i);
    tokens.push({ type: 'op', text: op, at: i });
    i += op.length;
  }
  tokens.push({ type: 'end', text: '', at: formula.length });
  return tokens;
}

/** The index of the quote closing the one at `open` (a doubled quote is part of the text). */
function closing(formula: string, open: number, quote: string): number {
  let i = open + 1;
  for (;;) {
    const at = formula.indexOf(quote, i);
    if (at < 0) throw new SyntaxProblem('an unclosed quote', open);
    if (formula.charAt(at + 1) !== quote) return at;
    i = at + 2;
  }
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;
const COLUMN = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d+)$/;

function cellOf(text: string): { row: number; column: number } | undefined {
  const m = CELL.exec(text);
  if (!m?.[1] || !m[2]) return undefined;
  const row = Number(m[2]);
  const column = columnNumber(m[1]);
  return row >= 1 && row <= MAX_ROW && column <= MAX_COLUMN ? { row, column } : undefined;
}

function columnOf(text: string): number | undefined {
  const m = COLUMN.exec(text);
  const column = m?.[1] ? columnNumber(m[1]) : undefined;
  return column !== undefined && column <= MAX_COLUMN ? column : undefined;
}

function rowOf(text: string): number | undefined {
  const m = ROW.exec(text);
  const row = m?.[1] ? Number(m[1]) : undefined;
  return row !== undefined && row >= 1 && row <= MAX_ROW ? row : undefined;
}

function area(sheet: string | undefined, top: number, left: number, bottom: number, right: number): ReferenceNode {
  return {
    kind: 'reference',
    sheet,
    top: Math.min(top, bottom),
    left: Math.min(left, right),
    bottom: Math.max(top, bottom),
    right: Math.max(left, right),
  };
}

const LEVELS: readonly (readonly BinaryOperator[])[] = [
  ['=', '<>', '<', '>', '<=', '>='],
  ['&'],
  ['+', '-'],
  ['*', '/'],
  ['^'],
];

class Parser {
  private i = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  formula(): Ast {
    const ast = this.expression(0);
    const t = this.peek();
    if (t.type !== 'end') throw new SyntaxProblem('unexpected text after the formula', t.at);
    return ast;
  }

  private peek(): Token {
    return this.tokens[Math.min(this.i, this.tokens.length - 1)] ?? END;
  }

  private next(): Token {
    const t = this.peek();
    this.i++;
    return t;
  }

  private isOp(op: string): boolean {
    const t = this.peek();
    return t.type === 'op' && t.text === op;
  }

  private expect(op: string): void {
    if (!this.isOp(op)) throw new SyntaxProblem(`"${op}" expected`, this.peek().at);
    this.i++;
  }

  private nest<T>(at: number, f: () => T): T {
    if (++this.depth > MAX_NESTING) throw new SyntaxProblem('the formula nests too deeply', at);
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  /** Operators of LEVELS[level] and above, as one chain per level. */
  private expression(level: number): Ast {
    const operators = LEVELS[level];
    if (!operators) return this.unary();
    const first = this.expression(level + 1);
    const rest: { operator: BinaryOperator; operand: Ast }[] = [];
    for (;;) {
      const t = this.peek();
      const operator = t.type === 'op' ? operators.find((o) => o === t.text) : undefined;
      if (!operator) break;
      this.i++;
      rest.push({ operator, operand: this.expression(level + 1) });
    }
    return rest.length === 0 ? first : { kind: 'chain', first, rest };
  }

  private unary(): Ast {
    const t = this.peek();
    if (t.type === 'op' && (t.text === '-' || t.text === '+')) {
      this.i++;
      const operand = this.nest(t.at, () => this.unary());
      return { kind: t.text === '-' ? 'negate' : 'plus', operand };
    }
    let ast = this.primary();
    while (this.isOp('%')) {
      this.i++;
      ast = { kind: 'percent', operand: ast };
    }
    return ast;
  }

  private primary(): Ast {
    const t = this.next();
    switch (t.type) {
      case 'number':
        // "2:3" is a range of whole rows
        return this.isOp(':') && /^\d+$/.test(t.text)
          ? this.reference(undefined, t)
          : { kind: 'number', value: Number(t.text) };
      case 'text':
        return { kind: 'text', value: t.text };
      case 'error':
        return { kind: 'error', code: t.text };
      case 'sheet':
        return this.reference(t.text, this.next());
      case 'word':
        return this.word(t.text, t.at);
      case 'op':
        if (t.text === '(') {
          const inner = this.nest(t.at, () => this.expression(0));
          this.expect(')');
          return inner;
        }
        throw new SyntaxProblem(`unexpected "${t.text}"`, t.at);
      case 'end':
        throw new SyntaxProblem('the formula ends too early', t.at);
    }
  }

  private word(text: string, at: number): Ast {
    if (this.isOp('(')) {
      this.i++;
      return this.nest(at, () => ({ kind: 'call', name: text.toUpperCase(), args: this.args() }));
    }
    if (cellOf(text) || (this.isOp(':') && (columnOf(text) !== undefined || rowOf(text) !== undefined)))
      return this.reference(undefined, { type: 'word', text, at });
    const upper = text.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'logical', value: upper === 'TRUE' };
    return { kind: 'name', name: text };
  }

  private args(): Ast[] {
    const args: Ast[] = [];
    if (this.isOp(')')) {
      this.i++;
      return args;
    }
    for (;;) {
      args.push(this.isOp(',') || this.isOp(')') ? { kind: 'missing' } : this.expression(0));
      if (this.isOp(')')) {
        this.i++;
        return args;
      }
      this.expect(',');
    }
  }

  /** A cell, range, column range or row range, after an optional sheet prefix (`first` is its first part). */
  private reference(sheet: string | undefined, first: Token): ReferenceNode {
    const text = first.type === 'word' || first.type === 'number' ? first.text : '';
    const cell = cellOf(text);
    if (cell && !this.isOp(':')) return area(sheet, cell.row, cell.column, cell.row, cell.column);
    if (!this.isOp(':')) throw new SyntaxProblem('a reference expected', first.at);
    this.i++;
    const second = this.next();
    const end = second.type === 'word' || second.type === 'number' ? second.text : '';
    const endCell = cellOf(end);
    if (cell && endCell) return area(sheet, cell.row, cell.column, endCell.row, endCell.column);
    const [from, to] = [columnOf(text), columnOf(end)];
    if (from !== undefined && to !== undefined) return area(sheet, 1, from, MAX_ROW, to);
    const [top, bottom] = [rowOf(text), rowOf(end)];
    if (top !== undefined && bottom !== undefined) return area(sheet, top, 1, bottom, MAX_COLUMN);
    throw new SyntaxProblem('a range expected', first.at);
  }
}

/** A formula ("=…", or without its "=") as a syntax tree, or where and why it cannot be read. */
export function parseFormula(formula: string): ParseResult {
  try {
    return { ok: true, ast: new Parser(tokenize(formula)).formula() };
  } catch (e) {
    if (e instanceof SyntaxProblem) return { ok: false, message: e.message, at: e.at };
    throw e;
  }
}

/** Every node of a tree in the order written, parents before children (without recursion). */
export function nodes(ast: Ast): Ast[] {
  const out: Ast[] = [];
  const stack: Ast[] = [ast];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    out.push(node);
    if (node.kind === 'negate' || node.kind === 'plus' || node.kind === 'percent') stack.push(node.operand);
    else if (node.kind === 'chain') {
      for (let i = node.rest.length - 1; i >= 0; i--) stack.push(node.rest[i]?.operand ?? node.first);
      stack.push(node.first);
    } else if (node.kind === 'call') for (let i = node.args.length - 1; i >= 0; i--) stack.push(node.args[i] ?? node);
  }
  return out;
}

/** The functions a formula calls, as written (upper case), each once, with the argument counts of its calls. */
export function calls(ast: Ast): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const node of nodes(ast)) {
    if (node.kind === 'call') out.set(node.name, [...(out.get(node.name) ?? []), node.args.length]);
  }
  return out;
}
