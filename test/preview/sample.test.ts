import { builtinPlan } from '../../src/domain/plan/builtin';
import { HISTORY_SHEET } from '../../src/domain/bulletin/historySheet';
import { SAMPLE_MONTHS, loadSampleWorkbook } from '../../src/preview/sample';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';
import { consolidateWorkbook } from '../../src/workbook/usecases/consolidate';

/**
 * The preview's sample (issue 13): the five lead departments' sheets for January–June 2019, consolidated for June,
 * give six months of 历史 whose lights tell the story the sample's comment promises — read back from the 历史 sheet
 * the run writes, as the office would read it.
 */
jest.setTimeout(60_000);

const plan = builtinPlan();
type Row = { month: number; code: string; light: string; reason: string };

describe('the preview sample, January–June 2019', () => {
  let wb: MemoryWorkbook;
  let rows: Row[];
  let outcome: Awaited<ReturnType<typeof consolidateWorkbook>>;
  let names: string[];

  beforeAll(async () => {
    wb = new MemoryWorkbook();
    await loadSampleWorkbook(wb);
    names = wb.sheetNames();
    outcome = await consolidateWorkbook(wb, { plan, files: [] });
    const [history] = await wb.readSheets([HISTORY_SHEET]);
    rows = (history?.values ?? [])
      .filter((r) => /^2019-\d\d$/.test(String(r[0])) && r[2] === '全区')
      .map((r) => ({
        month: Number(String(r[0]).slice(5)),
        code: String(r[1]),
        light: String(r[7] ?? r[9] ?? ''),
        reason: String(r[11] ?? ''),
      }));
  });

  const lights = (code: string): string[] => rows.filter((r) => r.code === code).map((r) => r.light);

  it('holds 指标库 and 5 sheets a month, named as the template builder names them, and opens on June', () => {
    expect(names.length).toBe(1 + 5 * SAMPLE_MONTHS.length);
    for (const m of SAMPLE_MONTHS) expect(names).toContain(`招大引强-投资促进中心-${m}月`);
  });

  it('opens on June’s first sheet', async () => {
    const fresh = new MemoryWorkbook();
    await loadSampleWorkbook(fresh);
    expect(fresh.active?.sheet).toBe('招大引强-投资促进中心-6月');
  });

  it('is consolidated for June, with January–June recorded in 历史', () => {
    expect(outcome.result.period).toEqual({ year: 2019, month: 6 });
    expect([...new Set(rows.map((r) => r.month))]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows.filter((r) => r.month === 1)).toHaveLength(50);
  });

  it.each([
    ['C2-12', ['绿', '绿', '黄', '红', '红', '红']],
    ['C3-05', ['绿', '绿', '绿', '黄', '红', '红']],
    ['C1-05', ['黄', '红', '红', '红', '红', '红']],
    ['C1-03', ['绿', '绿', '绿', '绿', '黄', '黄']],
    ['C2-14', ['绿', '绿', '绿', '绿', '红', '黄']],
    ['C4-01', ['绿', '绿', '绿', '绿', '黄', '绿']],
    ['C2-05', ['绿', '绿', '绿', '绿', '绿', '红']],
    ['C2-07', ['绿', '绿', '绿', '绿', '绿', '数据有误']],
  ])('%s lights January–June: %j', (code, expected) => {
    expect(lights(code)).toEqual(expected);
  });

  it('January–May are clean: every indicator has a light, a reason exactly where it is 黄 or 红', () => {
    const earlier = rows.filter((r) => r.month < 6);
    expect(earlier.filter((r) => !['绿', '黄', '红'].includes(r.light))).toEqual([]);
    expect(earlier.filter((r) => (r.light !== '绿') !== (r.reason !== ''))).toEqual([]);
  });

  it('June’s 督办清单: 效能监察 for C1-05, C1-06, C1-07 and C2-12; 督办 for C1-03, C1-08, C2-14, C3-05 and C4-04', () => {
    const list = outcome.bulletin?.supervision ?? [];
    const of = (level: string) =>
      list
        .filter((i) => i.level === level)
        .map((i) => i.code)
        .sort();
    expect(of('inspection')).toEqual(['C1-05', 'C1-06', 'C1-07', 'C2-12']);
    expect(of('supervision')).toEqual(['C1-03', 'C1-08', 'C2-14', 'C3-05', 'C4-04']);
  });

  it('June against May, lights that changed: 好转 C2-14 and C4-01; 下滑 for eight indicators', () => {
    const trends = outcome.bulletin?.trends ?? [];
    const changed = (change: string) =>
      trends
        .filter((t) => t.change === change && t.previous !== undefined && t.previous.light !== t.light)
        .map((t) => t.code)
        .sort();
    expect(changed('better')).toEqual(['C2-14', 'C4-01']);
    expect(changed('worse')).toEqual(['C2-02', 'C2-03', 'C2-05', 'C2-08', 'C3-06', 'C3-08', 'C3-09', 'C4-12']);
  });
});
