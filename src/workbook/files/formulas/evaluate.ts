import { MAX_COLUMN, cellAddress, columnLetters } from '../../../domain/grid/address';
import type { CellErrorValue, CellValue } from '../../../domain/grid/cells';
import { FUNCTIONS, Args, arityFits, isArea, paramAt, type Arg, type Area, type Book, type Param } from './functions';
import { nodes, parseFormula, type Ast, type BinaryOperator, type ParseResult, type ReferenceNode } from './parser';
import { ERROR, MAX_TEXT, compare, finite, holds, isError, toLogical, toNumber, toText, type Scalar } from './values';

/**
 * A small formula evaluator for the formulas the add-in writes, so that a file it writes (.xlsx for WPS, LibreOffice,
 * the command line and the browser page) carries each formula cell's result, as Excel would compute it, without a
 * formula engine in the product (HyperFormula, the memory workbook's, is GPLv3 and dev-only). Pure: no DOM, no Node.
 *
 * `evaluateBook` computes every formula cell of a book once, dependencies first: the cells each formula refers to are
 * known from its text (there is no INDIRECT or OFFSET), so an iterative Tarjan walk orders the formulas — without
 * recursion, whatever the length of a chain of cells — and finds the circular ones, which get CIRCULAR_REFERENCE
 * instead of a value. The work is the formulas' size plus, for each formula, the used cells of the ranges it reads.
 *
 * Semantics are Excel's (values.ts, criteria.ts, functions.ts); where HyperFormula, which proves the evaluator on
 * everything the builders write (test/workbook/files/formulas), differs from Excel, the differences are listed in
 * docs/formulas.md and none of them is reachable from a builder's formula.
 */

/** A cell of a book: a literal value or a formula ("=…", en-US names, comma separators); neither is a blank cell. */
export interface FormulaCell {
  readonly value?: CellValue;
  readonly formula?: string;
}

export interface FormulaSheet {
  readonly name: string;
  /** The used rows and columns: cells beyond them are blank and never asked for. */
  readonly rows: number;
  readonly columns: number;
  /** The cell at a 1-based row and column (row 1 is the first row, column 1 is A), undefined when blank. */
  readonly cell: (row: number, column: number) => FormulaCell | undefined;
}

export interface FormulaBook {
  readonly sheets: readonly FormulaSheet[];
}

/**
 * The value of a formula cell on a circular reference (and of the cells of the circle): Excel has no error value for
 * it (it warns and shows 0), so the one a file can hold that says "a reference that cannot be resolved", as Google
 * Sheets shows a circular dependency.
 */
export const CIRCULAR_REFERENCE: CellErrorValue = ERROR.ref;

/** Every formula cell's result: sheet name → A1 address → value (never null: a formula's result is never blank). */
export function evaluateBook(book: FormulaBook): Map<string, Map<string, CellValue>> {
  const engine = new Engine(book);
  engine.run();
  return engine.results();
}

/** A formula cell: where it is, its parsed text, and its value once computed. */
interface Formula {
  readonly sheet: number;
  readonly row: number;
  readonly column: number;
  readonly parsed: ParseResult;
  value?: Scalar;
}

interface Sheet {
  readonly source: FormulaSheet;
  /** Position key (row × 2^15 + column) → index in `formulas`. */
  readonly formulaAt: Map<number, number>;
  readonly formulaIds: number[];
}

const positionKey = (row: number, column: number): number => row * (MAX_COLUMN + 1) + column;

class Engine implements Book {
  private readonly sheets: Sheet[];
  private readonly byName = new Map<string, number>();
  private readonly formulas: Formula[] = [];
  /** The formula being evaluated: implicit intersection takes its row or column. */
  private host: Formula | undefined;

  constructor(book: FormulaBook) {
    const parsed = new Map<string, ParseResult>();
    this.sheets = book.sheets.map((source, s) => {
      this.byName.set(source.name.toLowerCase(), s);
      const sheet: Sheet = { source, formulaAt: new Map(), formulaIds: [] };
      for (let row = 1; row <= source.rows; row++) {
        for (let column = 1; column <= source.columns; column++) {
          const text = source.cell(row, column)?.formula;
          if (text === undefined) continue;
          let p = parsed.get(text);
          if (!p) parsed.set(text, (p = parseFormula(text)));
          sheet.formulaAt.set(positionKey(row, column), this.formulas.length);
          sheet.formulaIds.push(this.formulas.length);
          this.formulas.push({ sheet: s, row, column, parsed: p });
        }
      }
      return sheet;
    });
  }

  run(): void {
    const { order, circular } = dependencyOrder(this.formulas.length, (id) => this.dependencies(id));
    for (const id of order) {
      const f = this.formulas[id];
      if (!f) continue;
      f.value = circular[id] ? CIRCULAR_REFERENCE : this.evaluateFormula(f);
    }
  }

  results(): Map<string, Map<string, CellValue>> {
    const out = new Map<string, Map<string, CellValue>>(this.sheets.map((s) => [s.source.name, new Map()]));
    const letters = new Map<number, string>(); // a column's letters, worked out once
    for (const f of this.formulas) {
      const name = this.sheets[f.sheet]?.source.name ?? '';
      let column = letters.get(f.column);
      if (column === undefined) letters.set(f.column, (column = columnLetters(f.column)));
      out.get(name)?.set(`${column}${f.row}`, f.value ?? null);
    }
    return out;
  }

  // ---- the book, as function bodies see it ----

  valueAt(sheet: number, row: number, column: number): Scalar {
    const s = this.sheets[sheet];
    if (!s || row < 1 || column < 1 || row > s.source.rows || column > s.source.columns) return null;
    const id = s.formulaAt.get(positionKey(row, column));
    if (id === undefined) return s.source.cell(row, column)?.value ?? null;
    const value = this.formulas[id]?.value;
    if (value === undefined) throw new Error(`${cellAddress(column, row)} read before it was computed`);
    return value;
  }

  used(area: Area): Area | undefined {
    const s = this.sheets[area.sheet]?.source;
    if (!s) return undefined;
    const bottom = Math.min(area.bottom, s.rows);
    const right = Math.min(area.right, s.columns);
    return bottom < area.top || right < area.left ? undefined : { ...area, bottom, right };
  }

  scalar(arg: Arg): Scalar {
    if (!isArea(arg)) return arg;
    if (arg.top === arg.bottom && arg.left === arg.right) return this.valueAt(arg.sheet, arg.top, arg.left);
    const h = this.host;
    if (h && h.sheet === arg.sheet) {
      if (arg.left === arg.right && h.row >= arg.top && h.row <= arg.bottom)
        return this.valueAt(arg.sheet, h.row, arg.left);
      if (arg.top === arg.bottom && h.column >= arg.left && h.column <= arg.right)
        return this.valueAt(arg.sheet, arg.top, h.column);
    }
    return ERROR.value;
  }

  // ---- dependencies ----

  private area(ref: ReferenceNode, from: number): Area | CellErrorValue {
    const sheet = ref.sheet === undefined ? from : this.byName.get(ref.sheet.toLowerCase());
    if (sheet === undefined) return ERROR.ref;
    return { sheet, top: ref.top, left: ref.left, bottom: ref.bottom, right: ref.right };
  }

  /** The formula cells a formula refers to (in any branch): what must be computed before it. */
  private dependencies(id: number): number[] {
    const f = this.formulas[id];
    if (!f?.parsed.ok) return [];
    const out: number[] = [];
    for (const node of nodes(f.parsed.ast)) {
      if (node.kind !== 'reference') continue;
      const a = this.area(node, f.sheet);
      const used = isError(a) ? undefined : this.used(a);
      const sheet = used ? this.sheets[used.sheet] : undefined;
      if (!used || !sheet) continue;
      const cells = (used.bottom - used.top + 1) * (used.right - used.left + 1);
      if (cells <= sheet.formulaIds.length) {
        for (let r = used.top; r <= used.bottom; r++) {
          for (let c = used.left; c <= used.right; c++) {
            const dep = sheet.formulaAt.get(positionKey(r, c));
            if (dep !== undefined) out.push(dep);
          }
        }
      } else {
        for (const dep of sheet.formulaIds) {
          const d = this.formulas[dep];
          if (d && d.row >= used.top && d.row <= used.bottom && d.column >= used.left && d.column <= used.right)
            out.push(dep);
        }
      }
    }
    return out;
  }

  // ---- evaluation ----

  private evaluateFormula(f: Formula): Scalar {
    if (!f.parsed.ok) return ERROR.name;
    this.host = f;
    const v = this.scalar(this.evaluate(f.parsed.ast));
    return v === null ? 0 : v; // a formula showing a blank cell shows 0
  }

  /** An expression's value; a number beyond a number's range is #NUM! at every step, as in Excel. */
  private evaluate(ast: Ast): Arg {
    const v = this.evaluateNode(ast);
    return typeof v === 'number' ? finite(v) : v;
  }

  private evaluateNode(ast: Ast): Arg {
    switch (ast.kind) {
      case 'number':
      case 'text':
      case 'logical':
        return ast.value;
      case 'error':
        return { error: ast.code };
      case 'reference':
        return this.area(ast, this.host?.sheet ?? 0);
      case 'negate':
      case 'percent': {
        const x = toNumber(this.scalar(this.evaluate(ast.operand)));
        return isError(x) ? x : ast.kind === 'negate' ? -x : x / 100;
      }
      case 'plus':
        return this.evaluate(ast.operand);
      case 'chain': {
        let acc = this.evaluate(ast.first);
        for (const { operator, operand } of ast.rest) {
          acc = binary(operator, this.scalar(acc), this.scalar(this.evaluate(operand)));
          if (typeof acc === 'number') acc = finite(acc);
        }
        return acc;
      }
      case 'call':
        return this.call(ast.name, ast.args);
      case 'missing':
        return null;
      case 'name':
        return ERROR.name;
    }
  }

  private call(name: string, args: readonly Ast[]): Arg {
    const def = FUNCTIONS[name];
    if (!def) return ERROR.name;
    if (!arityFits(def, args.length)) return ERROR.na;
    if ('lazy' in def)
      return def.lazy(
        args.map((a) => () => this.evaluate(a)),
        this,
      );
    const values: Arg[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const v = this.coerce(paramAt(def, i), a ? this.evaluate(a) : null);
      if (v.error) return v.error;
      values.push(v.value);
    }
    return def.run(new Args(values), this);
  }

  /** An argument as its parameter takes it, or the error the call returns. */
  private coerce(param: Param, arg: Arg): { value: Arg; error?: CellErrorValue } {
    const fail = (v: Scalar): { value: Arg; error?: CellErrorValue } =>
      isError(v) ? { value: v, error: v } : { value: v };
    switch (param) {
      case 'any':
        return { value: arg };
      case 'reference':
        return isArea(arg) ? { value: arg } : { value: arg, error: isError(arg) ? arg : ERROR.value };
      case 'inspect':
        return { value: this.scalar(arg) };
      case 'value':
        return fail(this.scalar(arg));
      case 'number':
        return fail(toNumber(this.scalar(arg)));
      case 'text':
        return fail(toText(this.scalar(arg)));
      case 'logical':
        return fail(toLogical(this.scalar(arg)));
    }
  }
}

/** A binary operator on two values: the left error first, then the right one, then the operation. */
function binary(op: BinaryOperator, a: Scalar, b: Scalar): Scalar {
  switch (op) {
    case '&': {
      const x = toText(a);
      const y = toText(b);
      if (isError(x)) return x;
      if (isError(y)) return y;
      return x.length + y.length > MAX_TEXT ? ERROR.value : x + y;
    }
    case '=':
    case '<>':
    case '<':
    case '>':
    case '<=':
    case '>=': {
      const c = compare(a, b);
      return isError(c) ? c : holds(op, c);
    }
    default:
      return arithmetic(op, a, b);
  }
}

function arithmetic(op: '+' | '-' | '*' | '/' | '^', a: Scalar, b: Scalar): Scalar {
  const x = toNumber(a);
  const y = toNumber(b);
  if (isError(x)) return x;
  if (isError(y)) return y;
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return y === 0 ? ERROR.div0 : x / y;
    case '^':
      if (x === 0 && y === 0) return ERROR.num;
      if (x === 0 && y < 0) return ERROR.div0;
      return x ** y;
  }
}

/**
 * Tarjan's strongly connected components, iteratively (an explicit stack, so a chain of 100,000 cells costs no call
 * depth): every node after the nodes it depends on, and which nodes lie on a circle (a component of two or more, or
 * a node that depends on itself).
 */
export function dependencyOrder(
  count: number,
  dependencies: (node: number) => readonly number[],
): { order: number[]; circular: Uint8Array } {
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const circular = new Uint8Array(count);
  const stack: number[] = [];
  const order: number[] = [];
  const work: { node: number; deps: readonly number[]; next: number }[] = [];
  let counter = 0;
  const visit = (node: number): void => {
    index[node] = low[node] = counter++;
    stack.push(node);
    onStack[node] = 1;
    work.push({ node, deps: dependencies(node), next: 0 });
  };
  for (let root = 0; root < count; root++) {
    if (index[root] !== -1) continue;
    visit(root);
    for (let top = work.at(-1); top; top = work.at(-1)) {
      const dep = top.deps[top.next++];
      if (dep !== undefined) {
        if (index[dep] === -1) visit(dep);
        else if (onStack[dep]) low[top.node] = Math.min(low[top.node] ?? 0, index[dep] ?? 0);
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) low[parent.node] = Math.min(low[parent.node] ?? 0, low[top.node] ?? 0);
      if (low[top.node] !== index[top.node]) continue;
      const members: number[] = [];
      for (let m = stack.pop(); m !== undefined; m = stack.pop()) {
        onStack[m] = 0;
        members.push(m);
        if (m === top.node) break;
      }
      const onCircle = members.length > 1 || top.deps.includes(top.node);
      for (const m of members) {
        order.push(m);
        if (onCircle) circular[m] = 1;
      }
    }
  }
  return { order, circular };
}
