import { consolidate } from '../../src/domain/consolidation/consolidate';
import { detailSheet, summarySheet } from '../../src/domain/consolidation/outputs';
import { DETAIL_SHEET, SUMMARY_SHEET } from '../../src/domain/consolidation/sheetParts';
import {
  EXCEL_CELL_TEXT_LIMIT,
  clipCellText,
  writableSpec,
  type CellSpec,
  type SheetSpec,
} from '../../src/domain/grid/sheetSpec';
import { buildPlanSheet } from '../../src/domain/plan/planSheet';
import type { Plan } from '../../src/domain/plan/schema';
import { buildTemplate, reapplyValues } from '../../src/domain/template/template';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';
import { PLAN, fill, sheetSource, templateGrid } from './consolidation/fixtures';

/**
 * No text written to any sheet is longer than Excel's cell limit (issue 12, observation 6a: a 40,000-character
 * 滞后原因 was written whole into 明细, and Excel refuses the write): every builder returns its spec through
 * writableSpec, which cuts a text to 32,767 characters ending in a note that says so. A cut text still starts as it
 * did, and a value is never a formula (SPEC §8). Lengths and flags are compared, never the long texts themselves.
 */

const LONG = 40_000;
const NOTE = `…（原文 ${LONG} 字，超出 Excel 单元格上限 32767 字，已截断）`;
/** A long text that would be a formula if it were ever written as one. */
const longText = (head: string): string => `${head}${'很长的说明'.repeat(LONG / 5)}`.slice(0, LONG);
const request = { campaignId: 'C1', department: '投资促进中心', year: 2019, month: 6, mode: 'kpi' } as const;

const texts = (spec: SheetSpec): CellSpec[] =>
  spec.blocks.flatMap((b) => b.rows.flatMap((r) => r.filter((c): c is CellSpec => typeof c?.value === 'string')));

/**
 * No text over the limit; each of `heads` in some cell, never as a formula; where `noted`, the cells with the whole
 * text cut to the limit with the note (汇总 shortens a long reason itself, "…（详见明细表）", and says where the whole text is).
 */
function expectWritable(spec: SheetSpec, heads: readonly string[], noted = true): void {
  const all = texts(spec);
  expect(all.map((c) => String(c.value).length).filter((n) => n > EXCEL_CELL_TEXT_LIMIT)).toEqual([]);
  for (const head of heads) {
    const found = all.filter((c) => String(c.value).includes(head));
    expect([head, found.length > 0]).toEqual([head, true]);
    for (const c of found) expect(c.formula).toBeUndefined();
    // the whole text (not a message quoting its beginning): cut to the limit, with the note
    const whole = found.map((c) => String(c.value)).filter((v) => v.length > 1000);
    if (noted)
      expect([head, whole.length > 0, ...whole.map((v) => [v.length, v.endsWith(NOTE)])]).toEqual([
        head,
        true,
        ...whole.map(() => [EXCEL_CELL_TEXT_LIMIT, true]),
      ]);
  }
}

/** The built-in plan with C1's first indicator's name and wording, and C1's commander, 40,000 characters long. */
function longPlan(): Plan {
  const plan = structuredClone(PLAN) as Plan & {
    campaigns: { commander: string; indicators: { name: string; wording: string }[] }[];
  };
  const c1 = plan.campaigns[0];
  const first = c1?.indicators[0];
  if (!c1 || !first) throw new Error('no indicator');
  first.name = longText('=名称');
  first.wording = longText('+原文');
  c1.commander = longText('@指挥长');
  return plan;
}

describe('clipCellText', () => {
  test.each<[string, number, boolean]>([
    ['short', 10, false],
    ['exactly the limit', EXCEL_CELL_TEXT_LIMIT, false],
    ['one over', EXCEL_CELL_TEXT_LIMIT + 1, true],
    ['128k', 128_000, true],
  ])('%s (%d characters)', (_, length, cut) => {
    const text = '=a'.repeat(length).slice(0, length);
    const out = clipCellText(text);
    expect(out.length).toBe(cut ? EXCEL_CELL_TEXT_LIMIT : length);
    expect(out.endsWith(`（原文 ${length} 字，超出 Excel 单元格上限 32767 字，已截断）`)).toBe(cut);
    expect(out.startsWith('=')).toBe(true);
  });

  it('never cuts a character of two UTF-16 units in half', () => {
    const out = clipCellText('😀'.repeat(LONG));
    expect(out.length).toBeLessThanOrEqual(EXCEL_CELL_TEXT_LIMIT);
    const kept = out.slice(0, out.indexOf('…'));
    expect([kept.length % 2, [...kept].every((c) => c === '😀')]).toEqual([0, true]);
  });

  it('a spec with nothing too long is returned as it is', () => {
    const spec = buildTemplate({ plan: PLAN, ...request });
    expect(writableSpec(spec)).toBe(spec);
  });
});

describe('every kind of sheet: no cell over 32,767 characters, the note where a text was cut', () => {
  it('a template (indicator name, commander)', () => {
    expectWritable(buildTemplate({ plan: longPlan(), ...request }), ['=名称', '@指挥长']);
  });

  it('a template re-applied with a 40,000-character 滞后原因', () => {
    const spec = buildTemplate({ plan: PLAN, ...request });
    const again = reapplyValues(spec, new Map([['C1-01', { actual: 1, reason: longText('-原因') }]]));
    expectWritable(again, ['-原因']);
  });

  it('the 指标库 sheet (name, wording, commander)', () => {
    expectWritable(buildPlanSheet(longPlan()), ['=名称', '+原文', '@指挥长']);
  });

  it('汇总 and 明细 with a 40,000-character 滞后原因 on a red indicator, and 40,000 characters typed as a figure', () => {
    const grid = fill(templateGrid('C1', '投资促进中心'), {
      'C1-01': { actual: 0.5, reason: longText('=原因') },
      'C1-03': { actual: longText('=数字') },
    });
    const result = consolidate(PLAN, [sheetSource(grid)]);
    expectWritable(summarySheet(result, PLAN), ['=原因'], false);
    expectWritable(detailSheet(result), ['=原因', '=数字']);
  });

  it('written and read back (memory workbook): text, never a formula, within the limit', async () => {
    const grid = fill(templateGrid('C1', '投资促进中心'), { 'C1-01': { actual: 0.5, reason: longText('=原因') } });
    const result = consolidate(PLAN, [sheetSource(grid)]);
    const wb = new MemoryWorkbook();
    await wb.writeSheets([summarySheet(result, PLAN), detailSheet(result)]);
    const sheets = await wb.readSheets([SUMMARY_SHEET, DETAIL_SHEET]);
    expect(sheets.map((s) => s.name)).toEqual([SUMMARY_SHEET, DETAIL_SHEET]);
    for (const sheet of sheets) {
      const strings = sheet.values.flat().filter((v): v is string => typeof v === 'string');
      expect(strings.map((v) => v.length).filter((n) => n > EXCEL_CELL_TEXT_LIMIT)).toEqual([]);
      const reasons = strings.filter((v) => v.includes('=原因'));
      expect(reasons.length).toBeGreaterThan(0);
      if (sheet.name === DETAIL_SHEET)
        expect(reasons.map((r) => [r.startsWith('=原因'), r.length, r.endsWith(NOTE)])).toEqual(
          reasons.map(() => [true, EXCEL_CELL_TEXT_LIMIT, true]),
        );
    }
  });
});
