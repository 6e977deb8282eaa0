import { builtinPlan } from '../../../src/domain/plan/builtin';
import { buildTemplate } from '../../../src/domain/template/template';
import { COLUMN, ROWS } from '../../../src/domain/template/layout';
import { MemoryWorkbook } from '../../../src/workbook/memory/memoryWorkbook';

/**
 * Issue "What leaders receive is right", observation 7, as a department sees its sheet: a paced row on track in
 * June said 绿 beside 未达确保. The tier of a paced row before December is against the paced targets (SPEC §4).
 */

const plan = builtinPlan();
const C2_01 = ROWS.firstIndicator; // 腾退回收低效用地: total, paced, 确保 2,000 亩, no 力争

/** The word a two-condition number format shows for a value, as Excel renders `[=2]"…";[=1]"…";"…"`. */
function shown(format: string, value: unknown): string {
  const m = /^\[=2\]"([^"]*)";\[=1\]"([^"]*)";"([^"]*)"$/.exec(format);
  if (!m) return format.replace(/^"|"$/g, '');
  return value === 2 ? (m[1] ?? '') : value === 1 ? (m[2] ?? '') : (m[3] ?? '');
}

async function typed(mode: 'kpi' | 'native', month: number, actual: string) {
  const wb = new MemoryWorkbook();
  const spec = buildTemplate({ plan, campaignId: 'C2', department: '经信商务局', year: 2019, month, mode });
  await wb.writeSheet(spec);
  const at = (key: keyof typeof COLUMN) => `${COLUMN[key]}${C2_01}`;
  expect(wb.cellView(spec.name, at('code')).value).toBe('C2-01');
  expect(wb.userEdit(spec.name, at('actual'), actual)).toEqual({ ok: true });
  const view = (key: keyof typeof COLUMN) => wb.cellView(spec.name, at(key));
  return { tier: shown(view('tier').numberFormat, view('tier').value), light: shown(view('status').numberFormat, 0) };
}

describe.each(['kpi', 'native'] as const)('C2-01 in the memory workbook (%s formulas)', (mode) => {
  it('1,150 亩 (57.5%) in June: 绿 beside 序时达确保, never 未达确保', async () => {
    expect(await typed(mode, 6, '1150')).toEqual({ light: '绿', tier: '序时达确保' });
  });

  it('999 亩 in June: below 序时确保 (1,000): 序时未达 beside 黄', async () => {
    expect(await typed(mode, 6, '999')).toEqual({ light: '黄', tier: '序时未达' });
  });

  it('1,150 亩 in December: 红 beside 未达确保, against the annual target', async () => {
    expect(await typed(mode, 12, '1150')).toEqual({ light: '红', tier: '未达确保' });
  });
});
