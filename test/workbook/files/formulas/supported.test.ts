import fs from 'fs';
import path from 'path';
import ts from 'typescript';
import type { SheetSpec } from '../../../../src/domain/grid/sheetSpec';
import { builtinPlan } from '../../../../src/domain/plan/builtin';
import { buildPlanSheet } from '../../../../src/domain/plan/planSheet';
import type { Plan } from '../../../../src/domain/plan/schema';
import { buildTemplate } from '../../../../src/domain/template/template';
import { FUNCTIONS, supports } from '../../../../src/workbook/files/formulas/functions';
import { calls, nodes, parseFormula } from '../../../../src/workbook/files/formulas/parser';
import { consolidateWorkbook } from '../../../../src/workbook/usecases/consolidate';
import { loadSampleWorkbook } from '../../../../src/preview/sample';
import { FINANCE, NDRC, contributorPlan } from '../../../domain/contributorPlan';
import { RecordingWorkbook, specFormulas } from './compare';

/**
 * A builder cannot silently write a formula the evaluator does not compute (a file's cached value would be #NAME?):
 * every cell formula of every sheet the builders write — templates of every plan shape, campaign, month, mode and
 * role; the 指标库; 汇总, 明细, 历史 and 通报 (Chinese and English) — is read, calls only functions the evaluator knows
 * with a number of arguments it accepts, names no unknown name, and refers only to sheets written with it. And every
 * function name spelled in a string of src/domain (where the builders spell their formulas) is one it knows.
 */
jest.setTimeout(120_000);

/** What is wrong with the formulas of sheets written together (empty: nothing). */
function problems(specs: readonly SheetSpec[]): string[] {
  const names = new Set(specs.map((s) => s.name.toLowerCase()));
  const out: string[] = [];
  for (const spec of specs) {
    for (const [address, formula] of specFormulas(spec)) {
      const where = `${spec.name}!${address} ${formula.slice(0, 120)}`;
      const parsed = parseFormula(formula);
      if (!parsed.ok) {
        out.push(`${where}: cannot be read (${parsed.message} at ${parsed.at})`);
        continue;
      }
      for (const [name, counts] of calls(parsed.ast))
        for (const count of counts)
          if (!supports(name, count)) out.push(`${where}: ${name} with ${count} arguments is not computed`);
      for (const node of nodes(parsed.ast)) {
        if (node.kind === 'name') out.push(`${where}: the name ${node.name} is #NAME?`);
        if (node.kind === 'reference' && node.sheet !== undefined && !names.has(node.sheet.toLowerCase()))
          out.push(`${where}: refers to the sheet ${node.sheet}, not written with it`);
      }
    }
  }
  return [...new Set(out)];
}

function templates(plan: Plan, departments: (campaignId: string) => readonly string[]): SheetSpec[] {
  return plan.campaigns.flatMap((c) =>
    departments(c.id).flatMap((department) =>
      Array.from({ length: 12 }, (_, m) => m + 1).flatMap((month) =>
        (['native', 'kpi'] as const).map((mode) =>
          buildTemplate({ plan, campaignId: c.id, department, year: plan.year, month, mode }),
        ),
      ),
    ),
  );
}

function withOwnBands(plan: Plan): Plan {
  return {
    ...plan,
    thresholds: { yellowBand: 0.05, growthYellowBand: 0.01 },
    campaigns: plan.campaigns.map((c) => ({
      ...c,
      indicators: c.indicators.map((i, k) =>
        k === 0 && i.target !== undefined
          ? { ...i, monthlyPlan: Array.from({ length: 12 }, (_, m) => ((i.target ?? 0) * (m + 1)) / 12) }
          : i,
      ),
    })),
  };
}

async function consolidationOutputs(plan: Plan, language?: string): Promise<SheetSpec[]> {
  const wb = new RecordingWorkbook();
  await loadSampleWorkbook(wb);
  wb.written.length = 0;
  await consolidateWorkbook(wb, { plan, ...(language ? { language } : {}) });
  return [...new Map(wb.written.map((s) => [s.name, s])).values()];
}

describe('every formula the builders write is one the evaluator computes', () => {
  const builtin = builtinPlan();
  const lead = (plan: Plan) => (id: string) => [plan.campaigns.find((c) => c.id === id)?.leadDepartment ?? ''];

  it.each([
    ['the built-in plan’s templates', () => templates(builtin, lead(builtin))],
    ['templates of a plan with 分月计划 and its own bands', () => templates(withOwnBands(builtin), lead(builtin))],
    [
      'templates of a plan with 配合部门, theirs included',
      () => {
        const plan = contributorPlan();
        return templates(plan, (id) => [...lead(plan)(id), ...(id === 'C2' ? [NDRC, FINANCE] : [])]);
      },
    ],
    ['the 指标库', () => [buildPlanSheet(builtin)]],
  ])('%s', (_, build) => {
    const specs = build();
    expect(specs.length).toBeGreaterThan(0);
    for (const spec of specs) expect(problems([spec])).toEqual([]);
  });

  it.each([
    ['zh-CN', builtin],
    ['en-US', builtin],
    ['zh-CN', contributorPlan()],
  ])('the consolidation’s outputs (%s), written together', async (language, plan) => {
    const outputs = await consolidationOutputs(plan, language);
    expect(outputs.map((s) => specFormulas(s).size).reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
    expect(problems(outputs)).toEqual([]);
  });

  it('the check finds a function it does not compute, a wrong count, an unknown name, a missing sheet, bad syntax', () => {
    const spec: SheetSpec = {
      name: 'S',
      styles: {},
      blocks: [
        {
          at: 'A1',
          rows: [
            [
              { formula: '=XLOOKUP(1,A:A,B:B)' },
              { formula: '=IF(1)' },
              { formula: '=1+TODAY_RATE' },
              { formula: "='汇总'!A1" },
              { formula: '=1+' },
            ],
          ],
        },
      ],
    };
    expect(problems([spec]).map((p) => p.replace(/^S!(\w+) .*?: /, '$1: '))).toEqual([
      'A1: XLOOKUP with 3 arguments is not computed',
      'B1: IF with 1 arguments is not computed',
      'C1: the name TODAY_RATE is #NAME?',
      'D1: refers to the sheet 汇总, not written with it',
      'E1: cannot be read (the formula ends too early at 3)',
    ]);
  });
});

/** Function names as a builder spells them in a string or template literal: NAME( or KPI.NAME(. */
const CALL = /(?<![A-Za-z0-9_.])([A-Z][A-Z0-9]*(?:\.[A-Z][A-Z0-9]*)*)\(/g;

function spelledFunctions(dir: string): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const visitFile = (file: string): void => {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (
        ts.isStringLiteral(node) ||
        ts.isNoSubstitutionTemplateLiteral(node) ||
        ts.isTemplateHead(node) ||
        ts.isTemplateMiddle(node) ||
        ts.isTemplateTail(node)
      ) {
        for (const m of node.text.matchAll(CALL)) {
          const name = m[1] ?? '';
          found.set(name, (found.get(name) ?? new Set()).add(path.relative(dir, file)));
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  };
  const walk = (d: string): void =>
    fs.readdirSync(d, { withFileTypes: true }).forEach((e) => {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) visitFile(p);
    });
  walk(dir);
  return found;
}

it('every function name spelled in a string of src/domain is one the evaluator computes', () => {
  const spelled = spelledFunctions(path.resolve(__dirname, '../../../../src/domain'));
  expect(spelled.size).toBeGreaterThan(25);
  const unknown = [...spelled].filter(([name]) => FUNCTIONS[name] === undefined).map(([n, f]) => `${n} in ${[...f]}`);
  expect(unknown).toEqual([]);
});
