import { builtinPlan } from '../../src/domain/plan/builtin';
import { buildTemplate } from '../../src/domain/template/template';
import { validateRow, type RowInput } from '../../src/domain/validation/validateRow';
import { validateTemplateSheet } from '../../src/domain/validation/validateSheet';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';
import { templateInputRows } from '../fixtures/filledTemplates';

/**
 * Issue 12, observation 4b: a formula in an input cell that holds no cached result (a file saved by a tool that does
 * not calculate) is an error naming the cell, and the row is 数据有误 (entered, not usable) — never a silent 未填报.
 */
const plan = builtinPlan();
const indicators = plan.campaigns.flatMap((c) => c.indicators);
const total = indicators.find((i) => i.kind === 'total');
const growth = indicators.find((i) => i.kind === 'growth');
const JUNE = { expected: 0.5 };

describe('validateRow: an input cell without a calculated result', () => {
  it.each<[string, RowInput, string[], string]>([
    ['total, blank actual', { actual: null }, [], 'blank'],
    [
      'total, uncalculated actual',
      { actual: null, uncalculated: ['actual'] },
      ['actual:value.uncalculated'],
      'invalid',
    ],
    [
      'total, uncalculated actual read as ""',
      { actual: '', uncalculated: ['actual'] },
      ['actual:value.uncalculated'],
      'invalid',
    ],
  ])('%s', (_, row, problems, state) => {
    if (!total) throw new Error('no total indicator');
    const r = validateRow(total, row, JUNE);
    expect(r.problems.map((p) => `${p.field}:${p.key}`)).toEqual(problems);
    expect(r.problems.every((p) => p.severity === 'error')).toBe(true);
    expect(r.state).toBe(state);
    expect(r.numbers.actual).toBeNull();
  });

  it('growth: an uncalculated prior-year value beside a typed current value', () => {
    if (!growth) throw new Error('no growth indicator');
    const r = validateRow(growth, { actual: 120, prior: null, uncalculated: ['prior'] }, JUNE);
    expect(r.problems.map((p) => `${p.field}:${p.key}`)).toEqual(['prior:value.uncalculated']);
    expect(r.state).toBe('invalid');
  });
});

describe('validateTemplateSheet: the uncalculated input cell is named', () => {
  it('a template sheet read from a file with a formula and no result in 累计完成', async () => {
    const wb = new MemoryWorkbook();
    const spec = buildTemplate({ plan, campaignId: 'C2', department: '经信商务局', year: 2019, month: 6, mode: 'kpi' });
    await wb.writeSheet(spec);
    const [first, second] = templateInputRows(spec);
    if (!first || !second) throw new Error('no input rows');
    await wb.writeCells([{ sheet: spec.name, address: second.actual, value: 10 }]);
    const [sheet] = await wb.readSheets([spec.name], { numberFormats: true });
    if (!sheet) throw new Error('no sheet');
    const { template, problems } = validateTemplateSheet({ ...sheet, uncalculated: [first.actual] }, plan);
    expect(problems.filter((p) => p.key === 'value.uncalculated')).toEqual([
      expect.objectContaining({ severity: 'error', cell: first.actual, indicator: first.code, field: 'actual' }),
    ]);
    const states = new Map(template?.rows.map((r) => [r.code, r.state]));
    expect(states.get(first.code)).toBe('invalid');
    expect(states.get(second.code)).not.toBe('invalid');
  });
});
