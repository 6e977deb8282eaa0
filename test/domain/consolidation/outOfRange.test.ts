import { consolidate } from '../../../src/domain/consolidation/consolidate';
import { detailSheet, summarySheet } from '../../../src/domain/consolidation/outputs';
import { SUMMARY_COL } from '../../../src/domain/consolidation/summarySections';
import { cellAddress, parseCell } from '../../../src/domain/grid/address';
import type { SheetSpec } from '../../../src/domain/grid/sheetSpec';
import type { Plan } from '../../../src/domain/plan/schema';
import { validateRow } from '../../../src/domain/validation/validateRow';
import { PLAN, fill, indicator, inputAddress, sheetSource, templateGrid } from './fixtures';
import { specCells } from '../specToArray';

/**
 * One value never stops the run (issue 12, observation 3): a result beyond what a number can hold — 9E+307 from two
 * departments summed, a growth over a prior-year value of almost nothing — becomes an error on that indicator naming
 * each cell counted in it, the summary shows #NUM! in the indicator's result cells, the light cannot be computed, and
 * every other indicator is consolidated as usual. No sheet spec carries a non-finite number (the Excel adapter refuses
 * one: "Sheet spec has a non-finite number: Infinity").
 */

/** The built-in plan with C2-01's target raised so that 9E+307 is a plausible (if doubtful) value, as a 指标库 may. */
function bigTargetPlan(): Plan {
  const plan = structuredClone(PLAN) as Plan & { campaigns: { indicators: { code: string; target?: number }[] }[] };
  const c201 = plan.campaigns.flatMap((c) => c.indicators).find((i) => i.code === 'C2-01');
  if (!c201) throw new Error('no C2-01');
  c201.target = 1e306;
  return plan;
}

const cellsOf = specCells;

const nonFinite = (spec: SheetSpec): string[] =>
  [...cellsOf(spec)].flatMap(([a, c]) => (typeof c.value === 'number' && !Number.isFinite(c.value) ? [a] : []));

/** 汇总's row of an indicator, from 序号 to 状态 (A…L), by its code in column B (the first: the indicator table). */
function summaryRow(spec: SheetSpec, code: string): unknown[] {
  const all = cellsOf(spec);
  const at = [...all].find(([a, c]) => a.startsWith('B') && /^B\d+$/.test(a) && c.value === code)?.[0];
  if (!at) throw new Error(`no row for ${code}`);
  const row = parseCell(at).row;
  return Array.from({ length: 12 }, (_, i) => all.get(cellAddress(i + 1, row))?.value ?? null);
}

describe('a sum beyond a number’s range (9E+307 + 9E+307 on C2-01)', () => {
  const plan = bigTargetPlan();
  const grids = [
    fill(templateGrid('C2', '经信商务局', { plan }), { 'C2-01': { actual: 9e307 }, 'C2-02': { actual: 3 } }, plan),
    fill(templateGrid('C2', '发展改革局', { plan }), { 'C2-01': { actual: 9e307 } }, plan),
  ];
  const result = consolidate(plan, grids.map(sheetSource));
  const c201 = result.campaigns.flatMap((c) => c.indicators).find((s) => s.code === 'C2-01');

  it('the row: reported, its results out of range (null here, #NUM! on the sheet), no light', () => {
    expect(c201).toMatchObject({
      actual: null,
      attainment: null,
      tier: null,
      paceGap: null,
      light: null,
      dataState: 'reported',
      outOfRange: ['actual', 'attainment', 'tier', 'paceGap'],
      counted: ['发展改革局', '经信商务局'],
    });
  });

  it('an error per value counted, naming its sheet and cell', () => {
    const errors = result.problems.filter((p) => p.key === 'consolidation.outOfRange');
    expect(errors).toEqual(
      // in the order of the sources (by department)
      [grids[1], grids[0]].map((g, i) =>
        expect.objectContaining({
          severity: 'error',
          indicator: 'C2-01',
          field: 'actual',
          cell: inputAddress('C2-01', 'actual', plan),
          department: i === 0 ? '发展改革局' : '经信商务局',
          origin: { kind: 'sheet', sheet: g?.name },
          params: expect.objectContaining({ value: 9e307, fieldKey: 'field.actual' }) as unknown,
        }),
      ),
    );
    // not also a calculation that "failed" without naming a cell
    expect(result.problems.filter((p) => p.key === 'consolidation.calcFailed' && p.indicator === 'C2-01')).toEqual([]);
  });

  it('汇总 shows #NUM! in the result cells and 无法计算 as the light; the rest of C2 is consolidated', () => {
    const spec = summarySheet(result, plan);
    const row = summaryRow(spec, 'C2-01');
    const at = (k: keyof typeof SUMMARY_COL): unknown => row[parseCell(`${SUMMARY_COL[k]}1`).column - 1];
    expect([at('actual'), at('attainment'), at('tier'), at('paceGap'), at('light')]).toEqual([
      '#NUM!',
      '#NUM!',
      '#NUM!',
      '#NUM!',
      '无法计算',
    ]);
    expect(summaryRow(spec, 'C2-02')[parseCell(`${SUMMARY_COL.actual}1`).column - 1]).toBe(3);
  });

  it('no sheet spec carries a non-finite number; 明细 lists both values and checks the row as 不符, never an error', () => {
    const summary = summarySheet(result, plan);
    const detail = detailSheet(result);
    expect([nonFinite(summary), nonFinite(detail)]).toEqual([[], []]);
    const checks = [...cellsOf(detail).values()].filter((c) => c.formula?.startsWith('=IFERROR(IF(AND('));
    expect(checks).toHaveLength(1);
    const listed = [...cellsOf(detail).values()].filter((c) => c.value === 9e307);
    expect(listed).toHaveLength(2);
  });
});

describe('a growth beyond a number’s range (C2-09: current 1E+300 over a prior-year 1E-10)', () => {
  const grid = fill(templateGrid('C2', '经信商务局'), {
    'C2-09': { actual: 1e300, prior: 1e-10 },
    'C2-01': { actual: 1000 },
  });
  const result = consolidate(PLAN, [sheetSource(grid)]);
  const rows = result.campaigns.flatMap((c) => c.indicators);

  it('the figure is out of range: both cells named, the rest consolidated', () => {
    expect(rows.find((s) => s.code === 'C2-09')).toMatchObject({ actual: null, light: null, dataState: 'reported' });
    expect(result.problems.filter((p) => p.key === 'consolidation.outOfRange').map((p) => [p.field, p.cell])).toEqual([
      ['actual', inputAddress('C2-09', 'actual')],
      ['prior', inputAddress('C2-09', 'prior')],
    ]);
    expect(rows.find((s) => s.code === 'C2-01')).toMatchObject({ actual: 1000, outOfRange: [] });
    expect(nonFinite(summarySheet(result, PLAN))).toEqual([]);
  });
});

describe('validation (SPEC §7 magnitude): 1E+307 against a target of 1 is flagged, and left out', () => {
  it('C1-06: an error (a slip of 1,000× or more), not counted; the summary says 数据有误 and names the cell', () => {
    const { problems } = validateRow(indicator('C1-06'), { actual: 1e307 }, { expected: 0.5 });
    expect(problems).toEqual([expect.objectContaining({ severity: 'error', key: 'value.magnitudeSlip' })]);
    const grid = fill(templateGrid('C1', '投资促进中心'), { 'C1-06': { actual: 1e307 } });
    const result = consolidate(PLAN, [sheetSource(grid)]);
    expect(result.campaigns[0]?.indicators.find((s) => s.code === 'C1-06')).toMatchObject({
      actual: null,
      dataState: 'invalid',
      invalid: [{ origin: { kind: 'sheet', sheet: grid.name }, cell: inputAddress('C1-06', 'actual') }],
    });
  });
});
