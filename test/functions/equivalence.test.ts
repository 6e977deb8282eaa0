import fc from 'fast-check';
import { DetailedCellError, HyperFormula } from 'hyperformula';
import {
  attainment,
  fromExcelSerial,
  growth,
  pace,
  status,
  tier,
  tierFollowsPace,
  type CalcResult,
} from '../../src/domain/calc/calc';
import {
  attainmentFormula,
  growthFormula,
  growthOperand,
  paceFormula,
  statusFormula,
  tierFormula,
  type FormulaMode,
} from '../../src/domain/calc/formulas';
import { KINDS, type Kind } from '../../src/domain/calc/kinds';
import { kpiEngineSettings, registerKpiFunctions, type BlankAs } from '../../src/workbook/memory/kpiPlugin';
import { isConfirmed } from '../../src/domain/calc/dataState';
import type { CellValue } from '../../src/domain/grid/cells';
import { builtinPlan } from '../../src/domain/plan/builtin';
import type { Indicator } from '../../src/domain/plan/schema';
import { buildTemplate } from '../../src/domain/template/template';
import { validateRow } from '../../src/domain/validation/validateRow';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';
import type { CellWrite } from '../../src/workbook/port';

/**
 * Equivalence proof (issue 3): the `KPI.*` formulas and the native formulas the domain writes, evaluated side
 * by side in a real formula engine, agree with the domain on ≥ 1,000 random tuples per kind — blanks, zeros,
 * negatives and threshold boundaries included — on both Excel platforms' way of passing blank cells.
 */
registerKpiFunctions();

const ROWS_PER_KIND = 1200;

type Cell = number | null;
interface Tuple {
  readonly actual: Cell;
  readonly target: Cell; // null = the plan sets no target (static in the formula)
  readonly stretch: Cell;
  readonly expected: number;
}

const special = fc.constantFrom(0, 1, -1, 0.5, 0.1, 0.02, 3, 7, 8, -0.5, -2, 1e-10);
const value = fc.oneof(
  { weight: 3, arbitrary: fc.double({ min: -20, max: 60, noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: fc.integer({ min: -3, max: 12 }) },
  { weight: 2, arbitrary: special },
);
const expected = fc.oneof(
  fc.integer({ min: 1, max: 12 }).map((m) => m / 12),
  fc.constant(1),
);

/** Random tuples plus tuples placed exactly on the thresholds (where float noise would bite). */
function tuples(kind: Kind, seed: number): Tuple[] {
  const random = fc.sample(
    fc.record({
      actual: fc.option(value, { freq: 8 }),
      target: fc.option(value, { freq: 8 }),
      stretch: fc.option(value, { freq: 3 }),
      expected,
    }),
    { numRuns: ROWS_PER_KIND, seed },
  );
  const boundaries: Tuple[] = [];
  for (const t of [7, 0.1, 3, 200, 0.5]) {
    for (const e of [0.5, 1, 6 / 12, 7 / 12]) {
      for (const a of [
        t * e,
        t * (e - 0.1),
        t * e - 1e-7,
        t * (e - 0.1) - 1e-7,
        t - 0.02,
        t - 0.02 - 1e-7,
        t,
        t + 1e-12,
        t * 1.1 * e, // the paced 力争 target S·E
        t * 1.1 * e - 1e-7,
      ]) {
        boundaries.push({ actual: a, target: t, stretch: t * 1.1, expected: e });
      }
    }
  }
  return [...random, ...boundaries].map((r) => ({
    ...r,
    stretch: kind === 'rank' && r.stretch !== null ? Math.max(1, r.stretch) : r.stretch,
  }));
}

const COLS = ['A', 'B', 'C', 'D'] as const; // actual, target, stretch, expected
/** attainment, tier, status, tier with 序时进度 (SPEC §4) × (kpi, native) */
const PER_MODE = 4;
const FORMULAS = 2 * PER_MODE;

function formulasFor(kind: Kind, row: number, t: Tuple): string[] {
  const a = `A${row}`;
  const target = t.target === null ? null : `B${row}`;
  const stretch = t.stretch === null ? null : `C${row}`;
  const out: string[] = [];
  for (const mode of ['kpi', 'native'] as FormulaMode[]) {
    out.push(attainmentFormula(mode, kind, { actual: a, target }));
    out.push(tierFormula(mode, kind, { actual: a, target, stretch }));
    out.push(statusFormula(mode, kind, { actual: a, target, expected: `D${row}` }));
    out.push(tierFormula(mode, kind, { actual: a, target, stretch, expected: `D${row}` }));
  }
  return out;
}

type Shown = number | string; // a number, "" or an error such as "#DIV/0!"

function shown(v: unknown): Shown {
  if (v instanceof DetailedCellError) return v.value;
  if (typeof v === 'number' || typeof v === 'string') return v;
  throw new Error(`unexpected cell value ${String(v)}`);
}

/** What a guarded formula must show for a domain result: "" for blank (STATUS: 0), else the value or error. */
function expectedShown(r: CalcResult): Shown {
  if (r.ok) return r.value;
  return { blank: '', noTarget: '#N/A', divByZero: '#DIV/0!', invalidNumber: '#NUM!' }[r.code];
}

function same(a: Shown, b: Shown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  return a === b;
}

function evaluate(kind: Kind, rows: Tuple[], blankAs: BlankAs): Shown[][] {
  kpiEngineSettings.blankAs = blankAs;
  const sheet = rows.map((t, i) => [t.actual, t.target, t.stretch, t.expected, ...formulasFor(kind, i + 1, t)]);
  const hf = HyperFormula.buildFromArray(sheet, { licenseKey: 'gpl-v3', smartRounding: false });
  const values = hf.getSheetValues(0).map((r) => r.slice(COLS.length, COLS.length + FORMULAS).map(shown));
  hf.destroy();
  return values;
}

describe.each(KINDS.map((k, i) => [k, i] as const))('kind %s', (kind, i) => {
  const rows = tuples(kind, 2019 + i);
  const web = evaluate(kind, rows, 'null');
  const desktop = evaluate(kind, rows, 'zero');

  it(`evaluates ≥ 1,000 tuples (${rows.length})`, () => {
    expect(rows.length).toBeGreaterThanOrEqual(1000);
    expect(rows.filter((r) => r.actual === null).length).toBeGreaterThan(50);
  });

  it('KPI formulas, native formulas and the domain agree on every tuple', () => {
    const mismatches: string[] = [];
    rows.forEach((t, r) => {
      const a = t.actual;
      const want = [
        expectedShown(attainment(kind, a, t.target)),
        expectedShown(tier(kind, a, t.target, t.stretch)),
        a === null ? 0 : expectedShown(status(kind, a, t.target, t.expected)),
        expectedShown(tier(kind, a, t.target, t.stretch, t.expected)),
      ];
      const got = web[r] ?? [];
      for (let f = 0; f < PER_MODE; f++) {
        const k = got[f] as Shown;
        const n = got[f + PER_MODE] as Shown;
        const w = want[f] as Shown;
        if (!same(k, w) || !same(n, w))
          mismatches.push(`${JSON.stringify(t)} fn#${f}: kpi=${k} native=${n} domain=${w}`);
      }
    });
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it('covers the paced tier: E < 1 on hundreds of tuples, where it differs from the annual tier on some', () => {
    const paced = rows.filter((t) => t.expected < 1 && t.actual !== null);
    expect(paced.length).toBeGreaterThan(300);
    const differs = rows.filter((t, r) => web[r]?.[1] !== web[r]?.[3]);
    if (tierFollowsPace(kind)) expect(differs.length).toBeGreaterThan(20);
    else expect(differs).toEqual([]); // growth and rank: E does not apply
  });

  if (tierFollowsPace(kind)) {
    it('the sheet never shows 未达确保 beside 绿: with E < 1, tier ≥ 1 ⇔ light 3 (SPEC §4)', () => {
      const contradictions: string[] = [];
      rows.forEach((t, r) => {
        const [tierShown, light] = [web[r]?.[3], web[r]?.[2]];
        // A plan's 力争 target is at least its 确保 target, and not 0: meeting the one then meets the other.
        if (t.expected >= 1 || t.target === null || (t.stretch !== null && (t.stretch < t.target || t.stretch === 0)))
          return;
        if (typeof tierShown !== 'number' || typeof light !== 'number') return;
        if (tierShown >= 1 !== (light === 3))
          contradictions.push(`${JSON.stringify(t)}: tier ${tierShown}, light ${light}`);
      });
      expect(contradictions.slice(0, 10)).toEqual([]);
    });
  }

  it('the blank guard makes Excel desktop (blank = 0) and the web (blank = null) show the same', () => {
    expect(desktop).toEqual(web);
  });
});

describe('PACE', () => {
  it('KPI.PACE and the native formula agree with the domain for every day of 2019 and 2020, both modes', () => {
    const serials: number[] = [];
    for (let s = 43466; s <= 44196; s++) serials.push(s); // 2019-01-01 … 2020-12-31
    const sheet: (number | string | null)[][] = serials.map((s, i) => [
      s,
      ...(['month', 'day'] as const).flatMap((m) => [
        paceFormula('kpi', `A${i + 1}`, m),
        paceFormula('native', `A${i + 1}`, m),
      ]),
    ]);
    sheet.push([
      null,
      paceFormula('kpi', `A${sheet.length + 1}`),
      paceFormula('native', `A${sheet.length + 1}`),
      '',
      '',
    ]);
    const hf = HyperFormula.buildFromArray(sheet, { licenseKey: 'gpl-v3', smartRounding: false });
    const values = hf.getSheetValues(0);
    serials.forEach((s, i) => {
      const d = fromExcelSerial(s);
      if (!d) throw new Error('bad serial');
      const row = values[i] ?? [];
      const month = pace(d, 'month');
      const day = pace(d, 'day');
      if (!month.ok || !day.ok) throw new Error('pace failed');
      expect([row[1], row[2]]).toEqual([month.value, month.value]);
      expect(Math.abs((row[3] as number) - day.value)).toBeLessThan(1e-12);
      expect(Math.abs((row[4] as number) - day.value)).toBeLessThan(1e-12);
    });
    expect(values[serials.length]?.slice(1, 3)).toEqual(['', '']);
  });
});

describe('GROWTH and the growth operand of template rows', () => {
  it('KPI.GROWTH and the native formula agree with the domain, and feed ATTAINMENT identically', () => {
    const pairs = fc.sample(fc.tuple(fc.option(value, { freq: 6 }), fc.option(value, { freq: 6 })), {
      numRuns: 1000,
      seed: 7,
    });
    const sheet = pairs.map(([c, p], i) => {
      const r = i + 1;
      const rate = (mode: FormulaMode) =>
        mode === 'kpi' ? `KPI.GROWTH(A${r},B${r})` : `IF(B${r}<=0,#NUM!,A${r}/B${r}-1)`;
      return [
        c,
        p,
        growthFormula('kpi', `A${r}`, `B${r}`),
        growthFormula('native', `A${r}`, `B${r}`),
        attainmentFormula('kpi', 'growth', { actual: rate('kpi'), target: '0.1', guard: [`A${r}`, `B${r}`] }),
        attainmentFormula('native', 'growth', {
          actual: `(${growthOperand('native', `A${r}`, `B${r}`)})`,
          target: '0.1',
          guard: [`A${r}`, `B${r}`],
        }),
      ];
    });
    for (const blankAs of ['null', 'zero'] as BlankAs[]) {
      kpiEngineSettings.blankAs = blankAs;
      const hf = HyperFormula.buildFromArray(sheet, { licenseKey: 'gpl-v3', smartRounding: false });
      const values = hf.getSheetValues(0).map((row) => row.slice(2).map(shown));
      hf.destroy();
      pairs.forEach(([c, p], i) => {
        const g = growth(c, p);
        const want = c === null || p === null ? '' : expectedShown(g);
        const att =
          c === null || p === null ? '' : g.ok ? expectedShown(attainment('growth', g.value, 0.1)) : expectedShown(g);
        const row = values[i] ?? [];
        expect([
          same(row[0] as Shown, want),
          same(row[1] as Shown, want),
          same(row[2] as Shown, att),
          same(row[3] as Shown, att),
        ]).toEqual([true, true, true, true]);
      });
    }
  });
});

describe('the test can tell platforms apart', () => {
  it('an unguarded KPI formula shows different results on desktop and on the web (why the guard exists)', () => {
    const sheet = [[null, 7, '=KPI.ATTAINMENT(A1,B1)', '=KPI.STATUS(A1,B1)']];
    const run = (blankAs: BlankAs) => {
      kpiEngineSettings.blankAs = blankAs;
      const hf = HyperFormula.buildFromArray(sheet, { licenseKey: 'gpl-v3' });
      const v = hf.getSheetValues(0)[0]?.slice(2).map(shown);
      hf.destroy();
      return v;
    };
    expect(run('null')).toEqual(['#N/A', 0]);
    expect(run('zero')).toEqual([0, 1]);
  });
});

/**
 * The template's own rows (SPEC §6 Data states; issue 11, observation 8): whatever arrives in a row's input cells —
 * by paste, which Excel's data validation does not check — its 状态 says what validateRow says (0 未填报, 数据有误,
 * 待核实, or the light), 完成率 and 力争档 follow, both formula modes agree (KPI on both platforms' blanks), and no
 * formula cell shows a raw Excel error.
 */
describe('template rows: 状态, 完成率 and 力争档 as validateRow judges the row, in both modes', () => {
  const plan = builtinPlan();
  const MONTH = 6;
  const E = MONTH / 12;
  const TRIALS = 24;
  type Input = CellValue;
  interface RowInputs {
    readonly actual: Input;
    readonly prior: Input;
    readonly note: Input;
  }

  const texts = fc.constantFrom<Input>(
    '2.6亿',
    '  ',
    '\u3000',
    '\t',
    '5',
    'abc',
    '约5',
    'TRUE',
    '',
    '\u2003',
    '\uFEFF',
    ' \u00A0\n',
  );
  const odd = fc.oneof(texts, fc.boolean(), fc.constant<Input>({ error: '#N/A' }), fc.constant<Input>(null));
  const MULTIPLES = [0, 0.001, 0.005, 0.01, 0.02, 0.3, 0.5, 1, 1.2, 9.99, 10, 10.5, 25, 999, 1000, 1001, 1e4, -0.5, -1];
  function inputs(ind: Indicator, seed: number): RowInputs[] {
    const ref = ind.target ?? ind.stretch ?? 1;
    const number = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...MULTIPLES).map((m) => m * (ref === 0 ? 1 : ref)) },
      { weight: 2, arbitrary: fc.integer({ min: -3, max: 120 }) },
      { weight: 1, arbitrary: fc.double({ min: -1e6, max: 1e7, noNaN: true, noDefaultInfinity: true }) },
    );
    const amount = fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 50, max: 500 }) },
      { weight: 1, arbitrary: fc.constantFrom(0, -20, 0.5, 7000) },
    );
    const cell = fc.oneof({ weight: 5, arbitrary: number }, { weight: 2, arbitrary: odd });
    const growth = fc.tuple(amount, fc.constantFrom(0, 0.05, 0.1, 0.12, -0.5, -1, 20, 0.01)).map(([p, g]) => ({
      actual: Math.round(p * (1 + g) * 100) / 100,
      prior: p,
    }));
    const note = fc.oneof(
      { weight: 3, arbitrary: fc.constant<Input>(null) },
      { weight: 2, arbitrary: fc.constantFrom<Input>('已核实', '数据已核实，含新投产企业', '未核实', 5, '备注') },
    );
    const row =
      ind.kind === 'growth'
        ? fc.oneof(
            { weight: 3, arbitrary: fc.record({ values: growth, note }).map((r) => ({ ...r.values, note: r.note })) },
            { weight: 2, arbitrary: fc.record({ actual: cell, prior: fc.oneof(amount, odd), note }) },
          )
        : fc.record({ actual: cell, prior: fc.constant<Input>(null), note });
    return fc.sample(row, { numRuns: TRIALS, seed });
  }

  /** What the domain says a row's three cells must show. */
  function wanted(ind: Indicator, r: RowInputs): [Shown, Shown, Shown] {
    const row = validateRow(ind, { actual: r.actual, prior: r.prior, reason: null, note: r.note }, { expected: E });
    const { actual, prior } = row.numbers;
    const goal = ind.target ?? ind.stretch ?? null;
    const a = ind.kind === 'growth' ? (actual !== null && prior !== null ? growth(actual, prior) : null) : null;
    const value = ind.kind === 'growth' ? (a?.ok ? a.value : null) : actual;
    const numbers =
      (row.state === 'valid' || row.state === 'confirmed' || row.state === 'doubtful') && row.light !== undefined;
    const shownOf = (c: CalcResult): Shown => (c.ok ? c.value : '');
    const e = ind.paced && tierFollowsPace(ind.kind) ? E : 1;
    const status: Shown =
      row.state === 'blank'
        ? 0
        : row.state === 'invalid'
          ? '数据有误'
          : row.state === 'doubtful'
            ? '待核实'
            : (row.light ?? '无法计算');
    if (!numbers || value === null) return ['', '', status];
    return [
      shownOf(attainment(ind.kind, value, goal)),
      shownOf(tier(ind.kind, value, ind.target ?? null, ind.stretch ?? null, e)),
      status,
    ];
  }

  /** The row's inputs as a paste leaves them (an error value through the engine: a paste can bring one, a port write not). */
  function writeRow(wb: MemoryWorkbook, sheet: string, row: number, ind: Indicator, r: RowInputs): CellWrite[] {
    const writes: CellWrite[] = [];
    const id = wb.engine.getSheetId(sheet) ?? -1;
    const cells = [
      ['H', r.actual],
      ...(ind.kind === 'growth' ? [['I', r.prior] as const] : []),
      ['O', r.note],
    ] as const;
    for (const [column, v] of cells) {
      if (v !== null && typeof v === 'object')
        wb.engine.setCellContents({ sheet: id, row: row - 1, col: column.charCodeAt(0) - 65 }, '=NA()');
      else writes.push({ sheet, address: `${column}${row}`, value: v });
    }
    return writes;
  }

  const configs: readonly [FormulaMode, BlankAs][] = [
    ['kpi', 'null'],
    ['kpi', 'zero'],
    ['native', 'null'],
  ];
  const results = new Map<string, { code: string; inputs: RowInputs; got: Shown[]; want: Shown[] }[]>();
  beforeAll(async () => {
    for (const [mode, blankAs] of configs) {
      const wb = new MemoryWorkbook({ blankAs });
      const rows: { code: string; inputs: RowInputs; got: Shown[]; want: Shown[] }[] = [];
      for (const campaign of plan.campaigns) {
        const spec = buildTemplate({
          plan,
          campaignId: campaign.id,
          department: campaign.leadDepartment,
          year: plan.year,
          month: MONTH,
          mode,
        });
        await wb.writeSheet(spec);
        const perRow = campaign.indicators.map((ind, i) => inputs(ind, 2019 + i + campaign.number * 100));
        for (let t = 0; t < TRIALS; t++) {
          const writes = campaign.indicators.flatMap((ind, i) => {
            const r = perRow[i]?.[t];
            return r ? writeRow(wb, spec.name, 7 + i, ind, r) : [];
          });
          await wb.writeCells(writes);
          const [sheet] = await wb.readSheets([spec.name]);
          campaign.indicators.forEach((ind, i) => {
            const r = perRow[i]?.[t];
            if (!r) return;
            const cells = sheet?.values[6 + i] ?? [];
            const got = [cells[9], cells[10], cells[12]].map((v) =>
              v !== null && typeof v === 'object' ? `error ${v.error}` : (v ?? ''),
            ) as Shown[];
            rows.push({ code: ind.code, inputs: r, got, want: wanted(ind, r) });
          });
        }
      }
      results.set(`${mode}/${blankAs}`, rows);
    }
  });

  it.each(configs.map(([m, b]) => [`${m}/${b}`]))(
    '%s: every row as the domain says, never an Excel error',
    (config) => {
      const rows = results.get(config) ?? [];
      expect(rows.length).toBe(TRIALS * 50);
      const mismatches = rows
        .filter((r) => !r.got.every((g, i) => same(g, r.want[i] as Shown)))
        .map(
          (r) => `${r.code} ${JSON.stringify(r.inputs)}: got ${JSON.stringify(r.got)}, want ${JSON.stringify(r.want)}`,
        );
      expect(mismatches.slice(0, 10)).toEqual([]);
      expect(rows.flatMap((r) => r.got.filter((g) => String(g).startsWith('error')))).toEqual([]);
    },
  );

  it('covers every state, doubtful and confirmed included, on hundreds of rows', () => {
    const rows = results.get('native/null') ?? [];
    const count = (s: Shown) => rows.filter((r) => r.want[2] === s).length;
    expect(count(0)).toBeGreaterThan(20);
    expect(count('数据有误')).toBeGreaterThan(100);
    expect(count('待核实')).toBeGreaterThan(20);
    expect(rows.filter((r) => typeof r.want[2] === 'number' && r.want[2] > 0).length).toBeGreaterThan(200);
    const confirmed = rows.filter((r) => isConfirmed(r.inputs.note) && r.want[2] !== '待核实').length;
    expect(confirmed).toBeGreaterThan(20);
  });
});
