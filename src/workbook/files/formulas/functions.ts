import type { CellErrorValue } from '../../../domain/grid/cells';
import { KPI_ARITY, KPI_FUNCTION_NAMES, runKpi } from '../../../domain/calc/kpi';
import { criterion, wildcardSearch, type Criterion } from './criteria';
import {
  ERROR,
  MAX_SERIAL,
  MAX_TEXT,
  dateSerial,
  isError,
  serialDate,
  textToNumber,
  toLogical,
  toNumber,
  type Scalar,
} from './values';

/**
 * The functions the evaluator knows, as metadata plus pure bodies (the HyperFormula plugin pattern): one generic
 * runner (evaluate.ts) checks the argument count (else #N/A), coerces each argument to its parameter's type and
 * returns the first argument's error where the parameter propagates errors; a body only computes. IF, IFERROR and
 * CHOOSE are lazy, as in Excel: they evaluate only the argument they return. AND and OR are not (Excel's are not
 * either: an error in any argument is the result). A name not in FUNCTIONS evaluates to #NAME?.
 */

/** A rectangle of cells of the book (1-based, inclusive), as a reference evaluates. */
export interface Area {
  readonly sheet: number;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** What an expression evaluates to: a value, or a reference to cells. */
export type Arg = Scalar | Area;

export function isArea(arg: Arg): arg is Area {
  return typeof arg === 'object' && arg !== null && 'top' in arg;
}

/** What a function body may ask of the book. */
export interface Book {
  /** A cell's value: a literal, a formula's result, null when blank. */
  valueAt(sheet: number, row: number, column: number): Scalar;
  /** The part of an area inside its sheet's used rows and columns (beyond it every cell is blank), if any. */
  used(area: Area): Area | undefined;
  /** An argument as one value: a cell's value, a range by implicit intersection with the formula's row or column. */
  scalar(arg: Arg): Scalar;
}

/**
 * How an argument reaches a body: `number`, `text`, `logical` converted (errors returned at once); `value` any value
 * (errors returned at once); `inspect` any value, errors included (IS… functions); `reference` cells, which must be
 * a reference (#VALUE! otherwise); `any` a value or a reference, as written (the body reads a range itself).
 */
export type Param = 'number' | 'text' | 'logical' | 'value' | 'inspect' | 'reference' | 'any';

/** The coerced arguments of a call, read by position; reading one as another type is a programming error. */
export class Args {
  constructor(private readonly values: readonly (Arg | undefined)[]) {}

  get count(): number {
    return this.values.length;
  }

  has(i: number): boolean {
    return this.values[i] !== undefined;
  }

  num(i: number): number {
    const v = this.values[i];
    if (typeof v !== 'number') throw new TypeError(`argument ${i + 1} is not a number`);
    return v;
  }

  text(i: number): string {
    const v = this.values[i];
    if (typeof v !== 'string') throw new TypeError(`argument ${i + 1} is not a text`);
    return v;
  }

  logical(i: number): boolean {
    const v = this.values[i];
    if (typeof v !== 'boolean') throw new TypeError(`argument ${i + 1} is not a logical value`);
    return v;
  }

  scalar(i: number): Scalar {
    const v = this.values[i];
    if (v === undefined || isArea(v)) throw new TypeError(`argument ${i + 1} is not a value`);
    return v;
  }

  area(i: number): Area {
    const v = this.values[i];
    if (v === undefined || !isArea(v)) throw new TypeError(`argument ${i + 1} is not a reference`);
    return v;
  }

  arg(i: number): Arg {
    const v = this.values[i];
    if (v === undefined) throw new TypeError(`argument ${i + 1} is missing`);
    return v;
  }
}

export interface EagerFunction {
  readonly min: number;
  readonly max: number;
  /** One type per parameter; the last `repeat` ones repeat for further arguments. */
  readonly params: readonly Param[];
  readonly repeat?: number;
  readonly run: (args: Args, book: Book) => Arg;
}

export interface LazyFunction {
  readonly min: number;
  readonly max: number;
  /** Each argument as a thunk: only those called are evaluated. */
  readonly lazy: (args: readonly (() => Arg)[], book: Book) => Arg;
}

export type FunctionDef = EagerFunction | LazyFunction;

/** The type of the i-th parameter (0-based) of a function. */
export function paramAt(def: EagerFunction, i: number): Param {
  const { params } = def;
  const repeat = def.repeat ?? 0;
  if (i < params.length || repeat === 0) return params[Math.min(i, params.length - 1)] ?? 'value';
  return params[params.length - repeat + ((i - params.length) % repeat)] ?? 'value';
}

const VARIADIC = 255;

const eager = (params: readonly Param[], run: EagerFunction['run'], min = params.length): EagerFunction => ({
  min,
  max: params.length,
  params,
  run,
});
const variadic = (params: readonly Param[], repeat: number, min: number, run: EagerFunction['run']) => ({
  min,
  max: VARIADIC,
  params,
  repeat,
  run,
});

// ————— logical —————

function conditional(args: readonly (() => Arg)[], book: Book): Arg {
  const [test, then, otherwise] = args;
  const c = toLogical(book.scalar(test?.() ?? null));
  if (isError(c)) return c;
  if (c) return then?.() ?? null;
  return otherwise ? otherwise() : false;
}

function ifError(args: readonly (() => Arg)[], book: Book): Arg {
  const [value, fallback] = args;
  const v = book.scalar(value?.() ?? null);
  return isError(v) ? (fallback?.() ?? null) : v;
}

function choose(args: readonly (() => Arg)[], book: Book): Arg {
  const [index, ...choices] = args;
  const i = toNumber(book.scalar(index?.() ?? null));
  if (isError(i)) return i;
  const chosen = choices[Math.trunc(i) - 1];
  return chosen && i >= 1 ? chosen() : ERROR.value;
}

/**
 * The logical values AND and OR combine: in a reference, booleans and numbers (texts and blank cells are skipped);
 * a value written as an argument must be one (the texts TRUE and FALSE read, a left-out argument is FALSE). The
 * first error is the result; nothing to combine is #VALUE!.
 */
function logicals(args: Args, book: Book): boolean[] | CellErrorValue {
  const out: boolean[] = [];
  const error = walkArgs(args, book, toLogical, (v, direct) => {
    const x = direct ?? v;
    if (typeof x === 'boolean' || typeof x === 'number') out.push(x === true || (typeof x === 'number' && x !== 0));
  });
  if (error) return error;
  return out.length === 0 ? ERROR.value : out;
}

/**
 * Every argument of an aggregate: a value written as an argument converted by `direct` (its error stops the walk),
 * and each used cell of a reference given to `cell` (a cell's error stops it). Returns the error that stopped it.
 */
function walkArgs<T>(
  args: Args,
  book: Book,
  direct: (a: Scalar) => T | CellErrorValue,
  cell: (v: Scalar, direct?: T) => void,
): CellErrorValue | undefined {
  for (let i = 0; i < args.count; i++) {
    const a = args.arg(i);
    if (!isArea(a)) {
      const x = direct(a);
      if (isError(x)) return x;
      cell(a, x);
      continue;
    }
    const used = book.used(a);
    if (!used) continue;
    for (let r = used.top; r <= used.bottom; r++) {
      for (let c = used.left; c <= used.right; c++) {
        const v = book.valueAt(used.sheet, r, c);
        if (isError(v)) return v;
        cell(v);
      }
    }
  }
  return undefined;
}

// ————— numbers —————

/**
 * MAX and SUM: the numbers in references (other cells skipped, an error returned); an argument written as a value is
 * converted (text → #VALUE!). SUM is not written by any builder; the port contract's formula check uses it.
 */
function numbersFold(start: number, step: (acc: number, x: number) => number, empty: number) {
  return (args: Args, book: Book): Scalar => {
    let acc = start;
    let seen = false;
    const error = walkArgs(args, book, toNumber, (v, direct) => {
      const x = direct ?? v;
      if (typeof x !== 'number') return;
      acc = step(acc, x);
      seen = true;
    });
    if (error) return error;
    return seen ? acc : empty;
  };
}

const max = numbersFold(-Infinity, Math.max, 0);
const sum = numbersFold(0, (a, b) => a + b, 0);

// ————— text —————

const textResult = (s: string): Scalar => (s.length > MAX_TEXT ? ERROR.value : s);

function substitute(args: Args): Scalar {
  const text = args.text(0);
  const old = args.text(1);
  const replacement = args.text(2);
  if (old === '') return text;
  if (!args.has(3)) return textResult(text.split(old).join(replacement));
  const nth = Math.trunc(args.num(3));
  if (nth < 1) return ERROR.value;
  let at = -1;
  for (let k = 0; k < nth; k++) {
    at = text.indexOf(old, at + (k === 0 ? 1 : old.length));
    if (at < 0) return text;
  }
  return textResult(text.slice(0, at) + replacement + text.slice(at + old.length));
}

/** FIND (case-sensitive) and SEARCH (case ignored, wildcards): the 1-based position, #VALUE! when not found. */
function finder(search: boolean) {
  return (args: Args): Scalar => {
    const pattern = args.text(0);
    const text = args.text(1);
    const start = args.has(2) ? Math.trunc(args.num(2)) : 1;
    if (start < 1 || start > text.length) return ERROR.value;
    if (pattern === '') return start;
    const at = search ? wildcardSearch(pattern, text, start - 1) : text.indexOf(pattern, start - 1);
    return at < 0 ? ERROR.value : at + 1;
  };
}

function left(args: Args): Scalar {
  const count = args.has(1) ? Math.trunc(args.num(1)) : 1;
  return count < 0 ? ERROR.value : args.text(0).slice(0, count);
}

function value(args: Args): Scalar {
  const v = args.scalar(0);
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return textToNumber(v) ?? ERROR.value;
  return ERROR.value;
}

// ————— dates —————

function date(args: Args): Scalar {
  let year = Math.trunc(args.num(0));
  const month = Math.trunc(args.num(1));
  const day = Math.trunc(args.num(2));
  if (year < 0 || year >= 10_000) return ERROR.num;
  if (year < 1900) year += 1900;
  const serial = dateSerial(year, month, day);
  return serial < 0 || serial > MAX_SERIAL ? ERROR.num : serial;
}

function datePart(part: 'year' | 'month') {
  return (args: Args): Scalar => {
    const d = serialDate(args.num(0));
    return d ? d[part] : ERROR.num;
  };
}

// ————— conditional counts and sums —————

/** The criteria pairs from argument `from` on: (range, criterion), or the criterion's error. */
function conditions(args: Args, from: number): { area: Area; test: Criterion }[] | CellErrorValue {
  const out: { area: Area; test: Criterion }[] = [];
  for (let i = from; i + 1 < args.count; i += 2) {
    const c = args.scalar(i + 1);
    if (isError(c)) return c;
    out.push({ area: args.area(i), test: criterion(c) });
  }
  return out;
}

const height = (a: Area): number => a.bottom - a.top + 1;
const width = (a: Area): number => a.right - a.left + 1;

/**
 * Visits each position of same-sized areas whose every condition holds: `visit` gets the offset (row, column) and
 * returns an error to stop with it. Only the positions inside some area's used cells are visited one by one; the
 * rest, blank in every area, are counted at once (`blankMatches`), so that a whole-column range costs its used rows.
 */
function matching(
  book: Book,
  shape: Area,
  conds: readonly { area: Area; test: Criterion }[],
  visit: (row: number, column: number) => CellErrorValue | undefined,
): { blankMatches: number } | CellErrorValue {
  if (conds.some((c) => height(c.area) !== height(shape) || width(c.area) !== width(shape))) return ERROR.value;
  let rows = 0;
  let columns = 0;
  for (const a of [shape, ...conds.map((c) => c.area)]) {
    const used = book.used(a);
    if (used) {
      rows = Math.max(rows, used.bottom - a.top + 1);
      columns = Math.max(columns, used.right - a.left + 1);
    }
  }
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const holds = conds.every((k) => k.test(book.valueAt(k.area.sheet, k.area.top + r, k.area.left + c)));
      const stop = holds ? visit(r, c) : undefined;
      if (stop) return stop;
    }
  }
  const rest = height(shape) * width(shape) - rows * columns;
  return { blankMatches: rest > 0 && conds.every((k) => k.test(null)) ? rest : 0 };
}

function countIfs(args: Args, book: Book): Scalar {
  const conds = conditions(args, 0);
  if (isError(conds)) return conds;
  const first = conds[0];
  if (!first) return ERROR.na;
  let count = 0;
  const done = matching(book, first.area, conds, () => {
    count++;
    return undefined;
  });
  return isError(done) ? done : count + done.blankMatches;
}

function sumIfs(args: Args, book: Book): Scalar {
  const conds = conditions(args, 1);
  if (isError(conds)) return conds;
  const values = args.area(0);
  let sum = 0;
  const done = matching(book, values, conds, (r, c) => {
    const v = book.valueAt(values.sheet, values.top + r, values.left + c);
    if (isError(v)) return v;
    if (typeof v === 'number') sum += v;
    return undefined;
  });
  return isError(done) ? done : sum;
}

// ————— the add-in's own functions —————

/** KPI.* through the domain's runKpi, as Excel's custom functions and the memory workbook call it. */
const KPI_FUNCTIONS: Readonly<Record<string, FunctionDef>> = Object.fromEntries(
  KPI_FUNCTION_NAMES.map((name) => {
    const { min, max: most } = KPI_ARITY[name];
    const run = (args: Args): Scalar => {
      const values = Array.from({ length: args.count }, (_, i) => args.scalar(i));
      const r = runKpi(name, values, 'zh-CN');
      return r.ok ? r.value : { error: r.error };
    };
    return [`KPI.${name}`, { min, max: most, params: Array.from({ length: most }, () => 'value' as const), run }];
  }),
);

/** Every function the evaluator knows, by its upper-case en-US name. */
export const FUNCTIONS: Readonly<Record<string, FunctionDef>> = {
  // logical
  IF: { min: 2, max: 3, lazy: conditional },
  IFERROR: { min: 2, max: 2, lazy: ifError },
  CHOOSE: { min: 2, max: VARIADIC, lazy: choose },
  AND: variadic(['any'], 1, 1, (a, book) => {
    const v = logicals(a, book);
    return isError(v) ? v : v.every(Boolean);
  }),
  OR: variadic(['any'], 1, 1, (a, book) => {
    const v = logicals(a, book);
    return isError(v) ? v : v.some(Boolean);
  }),
  NOT: eager(['logical'], (a) => !a.logical(0)),
  TRUE: eager([], () => true),
  FALSE: eager([], () => false),
  // information
  ISBLANK: eager(['inspect'], (a) => a.scalar(0) === null),
  ISNUMBER: eager(['inspect'], (a) => typeof a.scalar(0) === 'number'),
  ISTEXT: eager(['inspect'], (a) => typeof a.scalar(0) === 'string'),
  ISLOGICAL: eager(['inspect'], (a) => typeof a.scalar(0) === 'boolean'),
  NA: eager([], () => ERROR.na),
  // numbers
  ABS: eager(['number'], (a) => Math.abs(a.num(0))),
  INT: eager(['number'], (a) => Math.floor(a.num(0))),
  MAX: variadic(['any'], 1, 1, max),
  SUM: variadic(['any'], 1, 1, sum),
  // text
  LEN: eager(['text'], (a) => a.text(0).length),
  TRIM: eager(['text'], (a) => a.text(0).replace(/ +/g, ' ').replace(/^ | $/g, '')),
  // eslint-disable-next-line no-control-regex
  CLEAN: eager(['text'], (a) => a.text(0).replace(/[\u0000-\u001f]/g, '')),
  SUBSTITUTE: eager(['text', 'text', 'text', 'number'], substitute, 3),
  FIND: eager(['text', 'text', 'number'], finder(false), 2),
  SEARCH: eager(['text', 'text', 'number'], finder(true), 2),
  LEFT: eager(['text', 'number'], left, 1),
  VALUE: eager(['value'], value),
  // dates
  DATE: eager(['number', 'number', 'number'], date),
  YEAR: eager(['number'], datePart('year')),
  MONTH: eager(['number'], datePart('month')),
  // conditional counts and sums
  COUNTIF: eager(['reference', 'value'], countIfs),
  COUNTIFS: variadic(['reference', 'value'], 2, 2, countIfs),
  SUMIFS: variadic(['reference', 'reference', 'value'], 2, 3, sumIfs),
  ...KPI_FUNCTIONS,
};

/** May `def` be called with `count` arguments? Repeated parameters come in whole groups (COUNTIFS: pairs). */
export function arityFits(def: FunctionDef, count: number): boolean {
  if (count < def.min || count > def.max) return false;
  if ('lazy' in def || def.repeat === undefined || count <= def.params.length) return true;
  return (count - def.params.length) % def.repeat === 0;
}

/** Is `name` (any case) a function the evaluator computes, with `count` arguments? */
export function supports(name: string, count: number): boolean {
  const def = FUNCTIONS[name.toUpperCase()];
  return def !== undefined && arityFits(def, count);
}
