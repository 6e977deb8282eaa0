import { DEFAULT_STATUS_THRESHOLDS, tierFollowsPace, type StatusThresholds } from './calc';
import type { Kind } from './kinds';
import { CONFIRM_WORD, DOUBT_RATIO, GROWTH_RATIO, SHARE_HUNDREDTH, SLIP_RATIO, isWhole, negativeOk } from './dataState';

/**
 * The formulas the add-in writes into sheets (SPEC §9): `KPI.*` custom functions, or the equivalent plain Excel
 * formulas for workbooks opened where the add-in is not loaded (and in WPS or LibreOffice). Both guard blank
 * inputs with a native ISBLANK test, because Excel hands a custom function an empty cell as 0 on Windows
 * desktop and as null on the web; with the guard every platform shows the same.
 *
 * Operands are cell references or parenthesised expressions. A target the plan does not set is `null`:
 * the template knows it when it writes the formula, so no formula has to test a target cell for blank.
 */
export type FormulaMode = 'kpi' | 'native';

/** The 1e-9 tolerance, written as a plain decimal: every engine parses it (HyperFormula rejects `1E-9`). */
const TOL = '0.000000001';

export interface Operands {
  /** The actual value (for `growth`, the growth rate, e.g. `KPI.GROWTH(H6,I6)` or `(H6/I6-1)`). */
  readonly actual: string;
  /** 确保 target, or null when the plan has none. */
  readonly target: string | null;
  /** Cells whose blankness means "not reported" (default: the actual). */
  readonly guard?: readonly string[];
}

export interface TierOperands extends Operands {
  readonly stretch: string | null;
  /** 序时进度 cell or constant; omitted = 1 (the annual targets). */
  readonly expected?: string;
}

export interface StatusOperands extends Operands {
  /** 序时进度 cell or constant; omitted = 1. */
  readonly expected?: string;
}

const quoteKind = (kind: Kind): string => `"${kind}"`;
/** A number literal without exponent notation, which not every formula engine parses. */
const num = (n: number): string =>
  /e/i.test(String(n)) ? n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '') : String(n);

function blankTest(ops: Operands): string {
  const cells = ops.guard ?? [ops.actual];
  return cells.length === 1 ? `ISBLANK(${cells[0]})` : `OR(${cells.map((c) => `ISBLANK(${c})`).join(',')})`;
}

/** The growth rate from the current and prior-year value, as an operand. */
export function growthOperand(mode: FormulaMode, current: string, previous: string): string {
  return mode === 'kpi' ? `KPI.GROWTH(${current},${previous})` : `IF(${previous}<=0,#NUM!,${current}/${previous}-1)`;
}

/** The attainment expression without the blank guard (SPEC §3). */
function nativeAttainmentCore(kind: Kind, a: string, t: string | null): string {
  if (t === null) return kind === 'milestone' ? a : 'NA()';
  switch (kind) {
    case 'growth':
      return `IF(OR(${a}<=-1,${t}<=-1),#NUM!,(1+${a})/(1+${t}))`;
    case 'rank':
      return `IF(OR(${a}<1,${t}<1),#NUM!,IF(${a}<=${t}+${TOL},1,${t}/${a}))`;
    default:
      // t = 0 divides by zero (#DIV/0!), as the domain says; a negative target counts the distance from it.
      return `IF(${t}<0,1+(${a}-${t})/ABS(${t}),${a}/${t})`;
  }
}

/** `=IF(ISBLANK(H6),"",KPI.ATTAINMENT(H6,F6,"total"))` or its native equivalent. */
export function attainmentFormula(mode: FormulaMode, kind: Kind, ops: Operands): string {
  const body =
    mode === 'kpi'
      ? `KPI.ATTAINMENT(${ops.actual},${ops.target ?? '""'},${quoteKind(kind)})`
      : nativeAttainmentCore(kind, ops.actual, ops.target);
  return `=IF(${blankTest(ops)},"",${body})`;
}

function meets(kind: Kind, a: string, goal: string): string {
  return kind === 'rank' ? `${a}<=${goal}+${TOL}` : `${a}>=${goal}-${TOL}`;
}

/**
 * A meets the paced goal goal·E as the light compares it (calc's `meetsPaced`): the attainment against the goal,
 * with the status formula's arithmetic, ≥ E; a goal of 0 has no ratio and is met by A ≥ 0.
 */
function meetsPaced(a: string, goal: string, e: string): string {
  return `IF(${goal}=0,${a}>=-${TOL},IF(${goal}<0,1+(${a}-${goal})/ABS(${goal}),${a}/${goal})>=${e}-${TOL})`;
}

/**
 * 力争档 (SPEC §4): 2 / 1 / 0; a stretch-only indicator gets 2 or 0. With `expected` (序时进度), a ratio kind is
 * compared with the paced targets while E < 1 (序时达力争 / 序时达确保 / 序时未达), with the annual ones from E = 1.
 */
export function tierFormula(mode: FormulaMode, kind: Kind, ops: TierOperands): string {
  const { actual: a, stretch: s } = ops;
  const t = ops.target ?? (kind === 'milestone' && s === null ? '1' : null);
  if (mode === 'kpi') {
    const e = ops.expected === undefined ? '' : `,${ops.expected}`;
    return `=IF(${blankTest(ops)},"",KPI.TIER(${a},${ops.target ?? '""'},${s ?? '""'},${quoteKind(kind)}${e}))`;
  }
  const e = ops.expected !== undefined && tierFollowsPace(kind) ? ops.expected : undefined;
  const reached = (goal: string): string =>
    e === undefined ? meets(kind, a, goal) : `IF(${e}<1,${meetsPaced(a, goal, e)},${meets(kind, a, goal)})`;
  let body: string;
  if (t === null && s === null) body = 'NA()';
  else {
    const tierOf =
      s === null
        ? `IF(${reached(t ?? '')},1,0)`
        : t === null
          ? `IF(${reached(s)},2,0)`
          : `IF(${reached(s)},2,IF(${reached(t)},1,0))`;
    const bad =
      kind === 'growth'
        ? [a, t, s].filter((x): x is string => x !== null).map((x) => `${x}<=-1`)
        : kind === 'rank'
          ? [a, t, s].filter((x): x is string => x !== null).map((x) => `${x}<1`)
          : [];
    body = bad.length ? `IF(OR(${bad.join(',')}),#NUM!,${tierOf})` : tierOf;
  }
  return `=IF(${blankTest(ops)},"",${body})`;
}

/** 亮灯 (SPEC §6): 3 绿, 2 黄, 1 红, 0 未填报 (a blank actual gives 0, not ""). */
export function statusFormula(
  mode: FormulaMode,
  kind: Kind,
  ops: StatusOperands,
  thresholds: StatusThresholds = DEFAULT_STATUS_THRESHOLDS,
): string {
  const e = ops.expected ?? '1';
  if (mode === 'kpi') {
    const custom =
      thresholds.yellowBand !== DEFAULT_STATUS_THRESHOLDS.yellowBand ||
      thresholds.growthYellowBand !== DEFAULT_STATUS_THRESHOLDS.growthYellowBand;
    if (!custom)
      return `=IF(${blankTest(ops)},0,KPI.STATUS(${ops.actual},${ops.target ?? '""'},${quoteKind(kind)},${e}))`;
    // KPI.STATUS uses the default bands; a plan with its own bands gets the native formula in both modes.
  }
  const { actual: a, target: t } = ops;
  let body: string;
  if (kind === 'growth') {
    body =
      t === null
        ? 'NA()'
        : `IF(OR(${a}<=-1,${t}<=-1),#NUM!,IF(${a}>=${t}-${TOL},3,IF(${a}>=${t}-${num(thresholds.growthYellowBand)}-${TOL},2,1)))`;
  } else {
    const att = nativeAttainmentCore(kind, a, t);
    body = `IF(${att}>=${e}-${TOL},3,IF(${att}>=${e}-${num(thresholds.yellowBand)}-${TOL},2,1))`;
  }
  return `=IF(${blankTest(ops)},0,${body})`;
}

/** 序时进度 from a report-date cell (SPEC §5). */
export function paceFormula(mode: FormulaMode, dateCell: string, paceMode: 'month' | 'day' = 'month'): string {
  if (mode === 'kpi') return `=IF(ISBLANK(${dateCell}),"",KPI.PACE(${dateCell}${paceMode === 'day' ? ',"day"' : ''}))`;
  const d = dateCell;
  const body =
    paceMode === 'month'
      ? `MONTH(${d})/12`
      : `(${d}-DATE(YEAR(${d}),1,0))/(DATE(YEAR(${d}),12,31)-DATE(YEAR(${d}),1,0))`;
  return `=IF(ISBLANK(${d}),"",${body})`;
}

/**
 * 序时进度 of an indicator with a 分月计划 (SPEC §5): the month's cumulative planned figure over the goal, E(m) =
 * plan(m) / goal, the month taken from the report period's date. The same native formula in both modes: KPI.PACE
 * knows no plan, and CHOOSE and MONTH are in every spreadsheet. The figures are the plan's as typed (short decimals
 * that every engine parses exactly) and the division is the one the domain does, so E equals the domain's to the bit.
 */
export function plannedPaceFormula(dateCell: string, monthlyPlan: readonly number[], goal: number): string {
  if (monthlyPlan.length !== 12) throw new RangeError('a monthly plan has twelve figures');
  const choose = `CHOOSE(MONTH(${dateCell}),${monthlyPlan.map(num).join(',')})`;
  return `=IF(ISBLANK(${dateCell}),"",${goal === 1 ? choose : `${choose}/${num(goal)}`})`;
}

/** 同比增长 from the current and prior-year cells. */
export function growthFormula(mode: FormulaMode, current: string, previous: string): string {
  return `=IF(OR(ISBLANK(${current}),ISBLANK(${previous})),"",${growthOperand(mode, current, previous)})`;
}

// ————— data states beside the light (SPEC §6): the template's 状态, 完成率 and 力争档 —————

/** What a template row's data-state tests read: its input cells, and what the plan says of its values. */
export interface StateOperands {
  /** 累计完成 (for `growth`, the current value). */
  readonly actual: string;
  /** 上年同期 (`growth` rows only). */
  readonly prior?: string;
  /** 备注, where "已核实" confirms a doubtful value. */
  readonly note: string;
  /**
   * The cell of the magnitude checks' reference, when the plan's (确保, else 力争) is one: above 0, or for a share
   * change not 0. Absent: no magnitude check, as validateRow.
   */
  readonly reference?: string;
  /** The unit counts whole items (家, 个 …). */
  readonly unit: string;
}

/**
 * Native conditions, each safe on any cell content (text, TRUE, an error value): Excel's AND and OR do not stop
 * early, so a check that could fail sits behind an IF. Booleans are written TRUE() and FALSE(): valid Excel, and the
 * only spelling HyperFormula reads.
 */
export interface StateTests {
  /** Nothing entered: empty, or only spaces (未填报). */
  readonly nothing: string;
  /** Given something entered: it is not a usable value (数据有误). */
  readonly invalid: string;
  /** Given usable values: doubtful and not confirmed (待核实); absent when no doubt applies to the kind. */
  readonly doubtful?: string;
}

/** The texts a template's formula cells show in place of a light or a number. */
export interface StateWords {
  readonly invalid: string;
  readonly doubtful: string;
  /** A light that cannot be computed (a plan without a target, a growth of −100% …). */
  readonly unknown: string;
}

/** Empty or only spaces (the ideographic and no-break spaces, tabs and line breaks too): grid/cells' isBlankText. */
function nothingIn(c: string): string {
  return `IF(ISTEXT(${c}),LEN(TRIM(CLEAN(SUBSTITUTE(SUBSTITUTE(${c},"\u3000"," "),"\u00A0"," "))))=0,ISBLANK(${c}))`;
}

/**
 * A number, not TRUE or FALSE: LibreOffice (and WPS) store a logical value as a number formatted as one, so that
 * ISNUMBER alone would read a pasted TRUE as 1 there, where Excel and validateRow see no number.
 */
function isNumber(c: string): string {
  return `AND(ISNUMBER(${c}),NOT(ISLOGICAL(${c})))`;
}

/** The checks of a usable number, as validateRow's checkNumber makes them (the cell is known to hold a number). */
function unusable(kind: Kind | 'amount', a: string, ops: StateOperands): string[] {
  const out = negativeOk(kind) ? [] : [`${a}<0`];
  const ref = ops.reference;
  if (kind === 'rank') return [...out, `${a}<1`, `${a}<>INT(${a})`];
  if (kind === 'share') return [`ABS(${a})>100`, ...(ref ? [`ABS(${a})>=${SLIP_RATIO}*ABS(${ref})`] : [])];
  if (kind === 'floor' || kind === 'milestone') return [...out, `${a}>1`];
  if (isWhole(kind, ops.unit)) out.push(`${a}<>INT(${a})`);
  if (kind !== 'amount' && ref) out.push(`${a}>=${SLIP_RATIO}*${ref}`);
  return out;
}

/** The doubts of usable values (validateRow's warnings that make a value 待核实). */
function doubts(kind: Kind, ops: StateOperands): string | undefined {
  const { actual: a, prior: p, reference: ref } = ops;
  if (kind === 'growth' && p !== undefined)
    return `IF(${a}>0,OR(${a}/${p}>${GROWTH_RATIO},${p}/${a}>${GROWTH_RATIO}),FALSE())`;
  if (ref === undefined) return undefined;
  if (kind === 'share') {
    const hundredth = `AND(${a}<>0,ABS(${a})<=ABS(${ref})/${SHARE_HUNDREDTH.atMost},ABS(${a})*100>=ABS(${ref})/${SHARE_HUNDREDTH.atLeast})`;
    return `OR(${hundredth},ABS(${a})>${DOUBT_RATIO}*ABS(${ref}))`;
  }
  return kind === 'total' || kind === 'count' || kind === 'level' ? `${a}>${DOUBT_RATIO}*${ref}` : undefined;
}

const either = (conds: readonly string[]): string =>
  conds.length === 1 ? (conds[0] ?? 'FALSE()') : `OR(${conds.join(',')})`;

/**
 * A row's data-state tests (SPEC §6), the same rules as validateRow's, spelled as native conditions over its cells,
 * the same in both formula modes: nothing entered; something entered that is not a usable number (text, TRUE, an
 * error value, a negative count, 45 in a 下限 cell, a 1,000× slip, a growth row with one half missing); a doubt
 * (10× the target, a share that looks like a hundredth, growth values tenfold apart) that 备注 does not confirm.
 * Not spelled (a cell's number format is not a formula's to read): a date format, a percent format on a share.
 */
export function stateTests(kind: Kind, ops: StateOperands): StateTests {
  const { actual: a, prior: p } = ops;
  const confirmed = `ISNUMBER(FIND("${CONFIRM_WORD}",${ops.note}))`;
  const doubt = doubts(kind, ops);
  const doubtful = doubt === undefined ? {} : { doubtful: `AND(${doubt},NOT(${confirmed}))` };
  if (kind === 'growth' && p !== undefined) {
    const checks = [...unusable('amount', a, ops), ...unusable('amount', p, ops), `${p}<=0`];
    return {
      nothing: `AND(${nothingIn(a)},${nothingIn(p)})`,
      invalid: `IF(AND(${isNumber(a)},${isNumber(p)}),${either(checks)},TRUE())`,
      ...doubtful,
    };
  }
  const checks = unusable(kind, a, ops);
  return {
    nothing: nothingIn(a),
    invalid: checks.length === 0 ? `NOT(${isNumber(a)})` : `IF(${isNumber(a)},${either(checks)},TRUE())`,
    ...doubtful,
  };
}

const body = (formula: string): string => (formula.startsWith('=') ? formula.slice(1) : formula);

/**
 * The template's 状态 (SPEC §6): 0 未填报 when nothing is entered, 数据有误 or 待核实 in words, else the light of
 * `status` (a statusFormula), or `words.unknown` where it cannot be computed — never a raw Excel error.
 */
export function stateStatusFormula(status: string, tests: StateTests, words: StateWords): string {
  const light = `IFERROR(${body(status)},"${words.unknown}")`;
  const lit = tests.doubtful === undefined ? light : `IF(${tests.doubtful},"${words.doubtful}",${light})`;
  return `=IF(${tests.nothing},0,IF(${tests.invalid},"${words.invalid}",${lit}))`;
}

/**
 * The 状态 of a 配合部门's share (SPEC §6, §8): no light of its own (`none`, e.g. 不亮灯), but its data state all the
 * same — a share entered but unusable is 数据有误, a doubtful one 待核实, as on any row.
 */
export function shareStatusFormula(tests: StateTests, words: StateWords, none: string): string {
  const usable = tests.doubtful === undefined ? `"${none}"` : `IF(${tests.doubtful},"${words.doubtful}","${none}")`;
  return `=IF(${tests.nothing},"${none}",IF(${tests.invalid},"${words.invalid}",${usable}))`;
}

/**
 * 完成率 or 力争档 beside the row's 状态 cell: blank where the state leaves no number to show (未填报, 数据有误, a
 * light that cannot be computed), the formula's number otherwise (a doubtful value is counted, so it is shown), and
 * never a raw Excel error.
 */
export function besideStatus(formula: string, statusCell: string, words: StateWords): string {
  const s = statusCell;
  return `=IF(OR(${s}=0,${s}="${words.invalid}",${s}="${words.unknown}"),"",IFERROR(${body(formula)},""))`;
}
