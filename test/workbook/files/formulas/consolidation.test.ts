import { C1_01_PLAN, withIndicator } from '../../../domain/contributorPlan';
import fc from 'fast-check';
import type { LiteralValue } from '../../../../src/domain/grid/cells';
import type { SheetSpec } from '../../../../src/domain/grid/sheetSpec';
import { builtinPlan } from '../../../../src/domain/plan/builtin';
import type { Plan } from '../../../../src/domain/plan/schema';
import { buildTemplate, type TemplateRequest } from '../../../../src/domain/template/template';
import type { FormulaMode } from '../../../../src/domain/calc/formulas';
import { evaluateBook } from '../../../../src/workbook/files/formulas/evaluate';
import { evaluateSpecs } from '../../../../src/workbook/files/formulas/specs';
import { readXlsx, type ParsedFile } from '../../../../src/workbook/files/readXlsx';
import { MemoryWorkbook } from '../../../../src/workbook/memory/memoryWorkbook';
import { consolidateWorkbook } from '../../../../src/workbook/usecases/consolidate';
import { loadSampleWorkbook } from '../../../../src/preview/sample';
import { FINANCE, NDRC, contributorPlan } from '../../../domain/contributorPlan';
import { saveAsXlsx } from '../xlsxFixture';
import { RecordingWorkbook, Tally, bookOf, inputCells, specFormulas, valueAt } from './compare';

/**
 * The consolidation's outputs (汇总, 明细, 历史, 通报) as HyperFormula computes them after 一键汇总 on the memory workbook,
 * and as the evaluator computes them: (1) from the output specs the use case wrote — what a file writer gets, with no
 * other sheet (明细 and 通报 read 汇总 only) — and (2) from the whole workbook read back (every sheet's formulas as the
 * engine writes them back, the templates' formulas included, and its literal cells). Every formula cell is the same.
 */
jest.setTimeout(300_000);

interface Scenario {
  readonly plan: Plan;
  /** Fills the workbook with sources; returns the department files sent in, if any. */
  readonly sources: (wb: MemoryWorkbook, plan: Plan) => Promise<readonly ParsedFile[]>;
  readonly language?: string;
}

/** A sample-like department file (as consolidate.test.ts makes them): a template filled in, saved, read back. */
async function departmentFile(
  file: string,
  plan: Plan,
  campaignId: string,
  department: string,
  values: Readonly<Record<string, LiteralValue>>,
): Promise<ParsedFile> {
  const wb = new MemoryWorkbook();
  const spec = buildTemplate({ plan, campaignId, department, year: 2019, month: 6, mode: 'kpi' });
  await wb.writeSheet(spec);
  await wb.writeCells(Object.entries(values).map(([address, value]) => ({ sheet: spec.name, address, value })));
  return readXlsx(file, await saveAsXlsx(wb));
}

const sample = async (wb: MemoryWorkbook): Promise<readonly ParsedFile[]> => {
  await loadSampleWorkbook(wb);
  return [];
};

/** Random entries in every input cell of templates for the requests (numbers, texts, blanks, booleans, reasons). */
function randomSources(requests: (plan: Plan) => TemplateRequest[], seed: number): Scenario['sources'] {
  return async (wb, plan) => {
    const specs = requests(plan).map((r) => buildTemplate(r));
    await wb.writeSheets(specs);
    const cells = specs.flatMap((spec) => inputCells(spec).map((address) => ({ sheet: spec.name, address })));
    const [values] = fc.sample(fc.tuple(...cells.map(() => entry)), { numRuns: 1, seed });
    await wb.writeCells(cells.map((c, i) => ({ ...c, value: values?.[i] ?? null })));
    return [];
  };
}

const entry: fc.Arbitrary<LiteralValue> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(0, 0.3, 0.5, 0.9, 1, 3.8, 7, 24, 480, 1150, 2350000, -1, 45) },
  { weight: 3, arbitrary: fc.double({ min: -10, max: 2000, noNaN: true, noDefaultInfinity: true }) },
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.constantFrom('2.6亿', '约5', '', 'abc', '１２', '1,000', '已核实', '滞后，正在推进。') },
  { weight: 1, arbitrary: fc.boolean() },
);

const leads =
  (months: readonly number[], mode: (month: number) => FormulaMode) =>
  (plan: Plan): TemplateRequest[] =>
    months.flatMap((month) =>
      plan.campaigns.map((c) => ({
        plan,
        campaignId: c.id,
        department: c.leadDepartment,
        year: plan.year,
        month,
        mode: mode(month),
      })),
    );

/** 配合部门 on C2, a 分月计划 on C1-01 and light bands of its own. */
function richPlan(): Plan {
  const plan = withIndicator(contributorPlan(), 'C1-01', {
    monthlyPlan: C1_01_PLAN,
  });
  return { ...plan, thresholds: { yellowBand: 0.05, growthYellowBand: 0.01 } };
}

const SCENARIOS: readonly (readonly [string, Scenario])[] = [
  ['the preview’s sample (January–June, June consolidated)', { plan: builtinPlan(), sources: sample }],
  ['the sample in English (Bulletin)', { plan: builtinPlan(), sources: sample, language: 'en-US' }],
  [
    'the sample with department files (a sum, a growth pair, a differing single value, a conflict)',
    {
      plan: builtinPlan(),
      sources: async (wb, plan) => {
        await loadSampleWorkbook(wb);
        return [
          await departmentFile('发展改革局-转型升级.xlsx', plan, 'C2', '发展改革局', { H7: 300, H19: 2.1, I19: 1.9 }),
          await departmentFile('社会发展局.xlsx', plan, 'C5', '社会发展局', { H7: 0.7, H8: 0.6 }),
        ];
      },
    },
  ],
  ...[1, 2, 3].map((seed): readonly [string, Scenario] => [
    `random entries, months ${seed * 4 - 1} and ${seed * 4}, native then KPI formulas (seed ${seed})`,
    {
      plan: builtinPlan(),
      sources: randomSources(
        leads([seed * 4 - 1, seed * 4], (m) => (m % 2 ? 'native' : 'kpi')),
        seed,
      ),
    },
  ]),
  [
    '配合部门, a 分月计划 and bands of its own, random entries',
    {
      plan: richPlan(),
      sources: randomSources(
        (plan) => [
          ...leads([5, 6], () => 'native')(plan),
          ...[NDRC, FINANCE].map((department) => ({
            plan,
            campaignId: 'C2',
            department,
            year: plan.year,
            month: 6,
            mode: 'kpi' as const,
          })),
        ],
        7,
      ),
    },
  ],
];

const totals = { outputs: 0, workbook: 0 };

describe.each(SCENARIOS)('%s', (_, scenario) => {
  let wb: RecordingWorkbook;
  let outputs: SheetSpec[];

  beforeAll(async () => {
    wb = new RecordingWorkbook();
    const files = await scenario.sources(wb, scenario.plan);
    wb.written.length = 0;
    await consolidateWorkbook(wb, {
      plan: scenario.plan,
      files,
      ...(scenario.language ? { language: scenario.language } : {}),
    });
    // The last spec written under each name: the sheets as they now are.
    outputs = [...new Map(wb.written.map((s) => [s.name, s])).values()];
  });

  it('writes the outputs, with formulas in 明细 and the 通报', () => {
    expect(outputs.length).toBeGreaterThanOrEqual(4);
    expect(outputs.filter((s) => specFormulas(s).size > 0).length).toBeGreaterThanOrEqual(2);
  });

  it('the output specs evaluated alone (as a file writer has them): every formula cell as HyperFormula computes it', async () => {
    const tally = new Tally();
    const cached = evaluateSpecs(outputs);
    const read = await wb.readSheets(outputs.map((s) => s.name));
    outputs.forEach((spec, s) => {
      for (const [address, formula] of specFormulas(spec))
        tally.check(`${spec.name}!${address}`, formula, cached.get(spec.name)?.(address), valueAt(read[s], address));
    });
    expect(tally.mismatches).toEqual([]);
    expect(tally.compared).toBeGreaterThan(10);
    totals.outputs += tally.compared;
  });

  it('the whole workbook read back (formulas as the engine writes them): every formula cell as HyperFormula computes it', async () => {
    const tally = new Tally();
    const sheets = await wb.readAllSheets({ formulas: true });
    const ours = evaluateBook(bookOf(sheets));
    for (const sheet of sheets) {
      sheet.formulas?.forEach((row, r) =>
        row.forEach((formula, c) => {
          if (!formula) return;
          const address = `${columnName(c + 1)}${r + 1}`;
          tally.check(`${sheet.name}!${address}`, formula, ours.get(sheet.name)?.get(address), sheet.values[r]?.[c]);
        }),
      );
    }
    expect(tally.mismatches).toEqual([]);
    expect(tally.compared).toBeGreaterThan(100);
    totals.workbook += tally.compared;
  });
});

function columnName(column: number): string {
  let n = column;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

it('compared thousands of formula cells in all', () => {
  expect(totals.outputs).toBeGreaterThan(1_000);
  expect(totals.workbook).toBeGreaterThan(5_000);
});
