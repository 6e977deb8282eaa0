import { C1_01_PLAN, withIndicator } from '../../../domain/contributorPlan';
import fc from 'fast-check';
import { parseCell } from '../../../../src/domain/grid/address';
import type { LiteralValue } from '../../../../src/domain/grid/cells';
import type { SheetSpec } from '../../../../src/domain/grid/sheetSpec';
import { builtinPlan } from '../../../../src/domain/plan/builtin';
import type { Plan } from '../../../../src/domain/plan/schema';
import { COLUMN } from '../../../../src/domain/template/layout';
import { buildTemplate, type TemplateRequest } from '../../../../src/domain/template/template';
import type { FormulaMode } from '../../../../src/domain/calc/formulas';
import { evaluateSpecs } from '../../../../src/workbook/files/formulas/specs';
import { MemoryWorkbook } from '../../../../src/workbook/memory/memoryWorkbook';
import { FINANCE, LEAD_C2, NDRC, contributorPlan } from '../../../domain/contributorPlan';
import { Tally, inputCells, specFormulas, valueAt, type Typed } from './compare';

/**
 * The proof that matters (issue 14): every template the builders produce — every campaign of the built-in plan, in
 * both formula modes, for each report month 1–12; a plan with 分月计划 and its own light bands; a plan with 配合部门,
 * their share sheets included — filled with random entries in its input cells (numbers: 0, negatives, huge, tiny,
 * decimals, multiples of the target around every threshold; texts such as "1,000", "", "abc", "１２", "=1+1";
 * blanks; booleans), evaluated by the evaluator (evaluateSpecs, as the file writer calls it) and by HyperFormula
 * through the memory workbook (writeSheet, writeCells, readSheets): every formula cell's value is the same — with
 * KPI.* seeing blank cells as the web does and as Windows desktop does.
 */
jest.setTimeout(300_000);

const TRIALS = 4;
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const MODES: readonly FormulaMode[] = ['native', 'kpi'];

/** Entries as they arrive by typing or paste (data validation does not fire on paste). */
const TEXTS: readonly LiteralValue[] = [
  '1,000',
  '',
  'abc',
  '１２',
  '  ',
  '\u3000',
  '\t',
  '\u2003',
  ' \ufeff',
  '7亿',
  '约5',
  'TRUE',
  '=1+1',
  "'x",
  '已核实',
  '数据已核实，含新投产企业',
  '10%',
  '0.5',
  '-3',
  '2019-06-30',
  '#N/A',
];
const MULTIPLES = [0, 0.001, 0.01, 0.3, 0.45, 0.5, 0.9, 0.95, 1, 1.05, 1.1, 1.2, 9.99, 10, 10.5, 999, 1000, 1001, 1e4];
const SPECIAL = [0, -0, -1, 1e15, 1e300, -1e300, 1e-300, 5e-324, 0.1 + 0.2, 2 ** 53, 1e-10];

/** A random entry for an input cell whose row's goal (确保, else 力争) is `goal`. */
function entry(goal: number): fc.Arbitrary<LiteralValue> {
  const number = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...MULTIPLES).map((m) => m * (goal === 0 ? 1 : goal)) },
    { weight: 1, arbitrary: fc.constantFrom(...MULTIPLES).map((m) => -m * (goal === 0 ? 1 : goal)) },
    { weight: 2, arbitrary: fc.integer({ min: -5, max: 1200 }) },
    { weight: 2, arbitrary: fc.double({ min: -1e7, max: 1e7, noNaN: true, noDefaultInfinity: true }) },
    { weight: 1, arbitrary: fc.constantFrom(...SPECIAL) },
  );
  return fc.oneof(
    { weight: 8, arbitrary: number },
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: fc.constantFrom(...TEXTS) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
  );
}

/** Each input cell of a template with the goal of its row (the literal 确保, else 力争, of the indicator's row). */
function inputsOf(spec: SheetSpec): { address: string; goal: number }[] {
  const goals = new Map<number, number>();
  for (const block of spec.blocks) {
    const at = parseCell(block.at);
    block.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        const column = at.column + c;
        const v = cell?.value;
        const isGoal =
          column === parseCell(`${COLUMN.target}1`).column || column === parseCell(`${COLUMN.stretch}1`).column;
        if (isGoal && typeof v === 'number' && !goals.has(at.row + r)) goals.set(at.row + r, v);
      }),
    );
  }
  return inputCells(spec).map((address) => ({ address, goal: goals.get(parseCell(address).row) ?? 1 }));
}

/** 分月计划 on three indicators (one of them planned unevenly), and light bands of its own. */
function monthlyPlan(): Plan {
  let plan = withIndicator(builtinPlan(), 'C1-01', {
    monthlyPlan: C1_01_PLAN,
  });
  plan = withIndicator(plan, 'C1-04', { monthlyPlan: [0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2] });
  plan = withIndicator(plan, 'C3-03', {
    monthlyPlan: [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1],
  });
  return { ...plan, thresholds: { yellowBand: 0.05, growthYellowBand: 0.01 } };
}

type Requests = (plan: Plan, mode: FormulaMode, month: number) => TemplateRequest[];
const leads: Requests = (plan, mode, month) =>
  plan.campaigns.map((c) => ({ plan, campaignId: c.id, department: c.leadDepartment, year: plan.year, month, mode }));
const withContributors: Requests = (plan, mode, month) => [
  ...leads(plan, mode, month),
  ...[NDRC, FINANCE].map((department) => ({ plan, campaignId: 'C2', department, year: plan.year, month, mode })),
];

const PLANS: readonly (readonly [string, () => Plan, Requests])[] = [
  ['the built-in plan', builtinPlan, leads],
  ['a plan with 分月计划 and its own light bands', monthlyPlan, leads],
  ['a plan with 配合部门 (their share sheets too)', contributorPlan, withContributors],
];

const tallies = new Map<string, Tally>();

describe.each(PLANS)('%s', (label, makePlan, requests) => {
  const plan = makePlan();
  const tally = new Tally();
  tallies.set(label, tally);

  it.each(MODES)(
    '%s formulas, months 1–12, random entries: every formula cell as HyperFormula computes it',
    async (mode) => {
      let seed = label.length * 1000 + (mode === 'kpi' ? 500 : 0);
      for (const month of MONTHS) {
        const specs = requests(plan, mode, month).map((r) => buildTemplate(r));
        // KPI.* see a blank cell as null on the web and as 0 on Windows desktop: the even months check the latter, so
        // that a file's cached values are right on both (the blank guards make them agree; the evaluator passes null).
        const wb = new MemoryWorkbook({ blankAs: mode === 'kpi' && month % 2 === 0 ? 'zero' : 'null' });
        await wb.writeSheets(specs);
        const inputs = specs.map(inputsOf);
        const trials = fc.sample(fc.tuple(...inputs.flat().map((i) => entry(i.goal))), {
          numRuns: TRIALS,
          seed: seed++,
        });
        for (const values of trials) {
          const typed: Typed = new Map();
          let k = 0;
          specs.forEach((spec, s) => {
            const sheet = new Map<string, LiteralValue>();
            for (const { address } of inputs[s] ?? []) sheet.set(address, values[k++] ?? null);
            typed.set(spec.name, sheet);
          });
          await wb.writeCells(
            [...typed].flatMap(([sheet, cells]) => [...cells].map(([address, value]) => ({ sheet, address, value }))),
          );
          const read = await wb.readSheets(specs.map((s) => s.name));
          const ours = evaluateSpecs(specs, typed);
          specs.forEach((spec, s) => {
            const cached = ours.get(spec.name);
            for (const [address, formula] of specFormulas(spec)) {
              const row = parseCell(address).row;
              const entries = [...(typed.get(spec.name) ?? [])].filter(([a]) => parseCell(a).row === row);
              tally.check(
                `${spec.name}!${address}`,
                formula,
                cached?.(address),
                valueAt(read[s], address),
                JSON.stringify(entries),
              );
            }
          });
        }
      }
      expect(tally.mismatches).toEqual([]);
    },
  );

  it('compared thousands of formula cells', () => {
    expect(tally.compared).toBeGreaterThan(10_000);
  });
});

it('compared over 50,000 formula cells in all', () => {
  expect([...tallies.values()].reduce((n, t) => n + t.compared, 0)).toBeGreaterThan(50_000);
});

it.each([
  ['the lead department', LEAD_C2],
  ['a 配合部门', NDRC],
])('the 配合部门 plan makes share sheets: %s of C2', (_, department) => {
  const spec = buildTemplate({
    plan: contributorPlan(),
    campaignId: 'C2',
    department,
    year: 2019,
    month: 6,
    mode: 'native',
  });
  expect([...specFormulas(spec).values()].some((f) => f.includes('不亮灯'))).toBe(department !== LEAD_C2);
});
