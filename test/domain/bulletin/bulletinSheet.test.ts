import { BULLETIN_SECTIONS_ZH } from '../../fixtures/filledTemplates';
import {
  BULLETIN_ROWS,
  bulletinSheet,
  bulletinWithSections,
  lightsByMonth,
  type BulletinSheetInput,
} from '../../../src/domain/bulletin/bulletinSheet';
import { bulletinHeadline, bulletinWords, overviewSentences } from '../../../src/domain/bulletin/bulletinText';
import { mergeHistory, recordsOf, type HistoryRecord } from '../../../src/domain/bulletin/history';
import { monthBulletin, type MonthBulletin } from '../../../src/domain/bulletin/monthBulletin';
import { DEFAULT_TIMELINESS } from '../../../src/domain/bulletin/timeliness';
import type { Light } from '../../../src/domain/calc/calc';
import { consolidate, type Consolidation } from '../../../src/domain/consolidation/consolidate';
import type { MatrixCell } from '../../../src/domain/consolidation/matrix';
import { summarySheet } from '../../../src/domain/consolidation/outputs';
import { SUMMARY_SHEET } from '../../../src/domain/consolidation/sheetParts';
import { SUMMARY_COL, summaryRowsByCode } from '../../../src/domain/consolidation/summarySections';
import { cellAddress, parseCell } from '../../../src/domain/grid/address';
import { EXCEL_CELL_TEXT_LIMIT, type SheetSpec } from '../../../src/domain/grid/sheetSpec';
import { BULLETIN_SHEET_EN } from '../../../src/domain/i18n/bulletinSheet.en';
import { BULLETIN_SHEET_ZH } from '../../../src/domain/i18n/bulletinSheet.zh';
import { placeholders } from '../../../src/domain/i18n/messages';
import { createExcelWorkbook } from '../../../src/workbook/excel/excelWorkbook';
import { MemoryWorkbook } from '../../../src/workbook/memory/memoryWorkbook';
import { CATALOGUE } from '../../messages';
import { FakeExcel } from '../../workbook/excel/fakeExcel';
import { PLAN, fileSource, fill, sheetSource, templateGrid } from '../consolidation/fixtures';
import { rec } from './records';
import { specCells } from '../specToArray';

// ————— reading a spec back —————

const cells = specCells;

/** The row of the first cell of column A (or `column`) whose value is `value`. */
function rowOf(spec: SheetSpec, value: unknown, column = 'A'): number {
  for (const [address, cell] of cells(spec))
    if (parseCell(address).column === parseCell(`${column}1`).column && cell.value === value)
      return parseCell(address).row;
  throw new Error(`no ${String(value)} in column ${column}`);
}

const valueAt = (spec: SheetSpec, address: string): unknown => cells(spec).get(address)?.value;

// ————— the June 2019 fixture: real templates consolidated, with May and April in the history —————

const LEAD = { C1: '投资促进中心', C2: '经信商务局' } as const;

function juneInput(history: 'none' | 'april-may' = 'april-may'): BulletinSheetInput {
  const sources = [
    sheetSource(
      fill(templateGrid('C1', LEAD.C1), {
        'C1-01': { actual: 3, reason: '=HYPERLINK("http://x")' },
        'C1-02': { actual: 1, reason: '外资到位慢' },
        'C1-03': { actual: '约30' },
        'C1-05': { actual: 1 },
      }),
    ),
    fileSource(
      '经信商务局.xlsx',
      fill(templateGrid('C2', LEAD.C2), { 'C2-03': { actual: 30, reason: '-下降' }, 'C2-04': { actual: 2 } }),
    ),
  ];
  // The file was saved on 8 July: after the deadline (5 July), so 逾期.
  const withTime = [sources[0]!, { ...sources[1]!, savedAt: '2019-07-08T10:00:00+08:00' }];
  const result = consolidate(PLAN, withTime, { period: { year: 2019, month: 6 } });
  const june = recordsOf(result);
  const earlier: HistoryRecord[] =
    history === 'none'
      ? []
      : june
          .filter((r) => r.scope === 'total')
          .flatMap((r) => [
            rec(r.code, 4, 3, { department: r.department }),
            // May: what is red in June was already yellow; what is green in June was yellow (so 好转).
            rec(r.code, 5, r.light === 1 ? 2 : r.light === 3 ? 2 : r.light, {
              department: r.department,
              reason: '5月原因',
            }),
          ]);
  const merged = mergeHistory(earlier, { year: 2019, month: 6 }, june);
  const indicators = PLAN.campaigns.flatMap((c) => c.indicators.map((i) => ({ code: i.code, kind: i.kind })));
  return { result, bulletin: monthBulletin(merged, { year: 2019, month: 6 }, indicators), history: merged };
}

// ————— the 总体情况 sentences, table-driven, on hand-made results —————

interface Case {
  readonly name: string;
  /** Each indicator's light (null: 数据有误). */
  readonly lights: readonly (Light | null)[];
  /** Last month's lights (undefined: no history). */
  readonly previous?: readonly (Light | null)[];
  readonly supervision?: readonly ('supervision' | 'inspection')[];
  /** The matrix's expected cells. */
  readonly matrix: readonly MatrixCell['state'][];
  readonly zh: readonly string[];
  readonly en: readonly string[];
}

function handMade(c: Case): { result: Consolidation; bulletin: MonthBulletin } {
  const indicators = c.lights.map((light, i) => ({
    code: `C1-0${i + 1}`,
    light: light === null ? null : light,
    dataState: light === null ? 'invalid' : light === 0 ? 'blank' : 'reported',
    doubtful: [],
  }));
  const count = (l: Light): number => c.lights.filter((x) => x === l).length;
  const result = {
    period: { year: 2019, month: 6 },
    campaigns: [{ id: 'C1', indicators }],
    counts: {
      green: count(3),
      yellow: count(2),
      red: count(1),
      none: count(0),
      invalid: c.lights.filter((x) => x === null).length,
      doubtful: 0,
    },
    matrix: {
      departments: c.matrix.map((_, i) => `单位${i + 1}`),
      campaignIds: ['C1'],
      rows: c.matrix.map((state, i) => [
        { department: `单位${i + 1}`, campaignId: 'C1', state, expected: true, origins: [] },
      ]),
    },
    sources: [],
  } as unknown as Consolidation;
  const trends = c.lights.map((light, i) => {
    const before = c.previous?.[i];
    const lit = (l: Light | null | undefined): boolean => l !== null && l !== undefined && l !== 0;
    const change =
      c.previous === undefined || !lit(light) || !lit(before)
        ? null
        : light! > before!
          ? 'better'
          : light! < before!
            ? 'worse'
            : 'same';
    return {
      code: `C1-0${i + 1}`,
      department: '单位1',
      attainment: null,
      light,
      ...(c.previous ? { previous: { attainment: null, light: before ?? null } } : {}),
      change,
    };
  });
  const bulletin = {
    period: { year: 2019, month: 6 },
    trends,
    runs: [],
    supervision: (c.supervision ?? []).map((level, i) => ({ code: `C1-0${i + 1}`, level })),
    scores: [],
  } as unknown as MonthBulletin;
  return { result, bulletin };
}

const CASES: readonly Case[] = [
  {
    name: 'a month with history: lights, change, 督办, submissions',
    lights: [3, 3, 2, 1, 0, null],
    previous: [2, 3, 3, 1, 2, 3],
    supervision: ['supervision', 'inspection'],
    matrix: ['submitted', 'submitted', 'missing', 'invalid', 'conflict', 'otherPeriod'],
    zh: [
      '（1）本月应报指标 6 项，绿灯 2 项、黄灯 1 项、红灯 1 项、未填报 1 项、数据有误 1 项。',
      '（2）较上月好转 1 项、持平 2 项、下滑 1 项。另有 2 项本月或上月未亮灯，不作比较。',
      '（3）列入督办 2 项，其中专函督办 1 项、效能监察 1 项。',
      '（4）应报单位 6 个、报表 6 份，已报 2 份（按时 0 份、逾期 0 份、报送时间不详 2 份），未报 1 份、有误 1 份、冲突 1 份、期别不符 1 份。',
    ],
    en: [
      '(1) 6 indicators are due this month: 2 green, 1 yellow, 1 red, 1 not reported, 1 with invalid data.',
      '(2) Since last month: 1 better, 2 unchanged, 1 worse. 2 indicators have no light this month or last, and are not compared.',
      '(3) 2 indicators are under supervision: 1 by letter, 1 referred for efficiency inspection.',
      '(4) 6 departments owe 6 reports: 2 submitted (0 on time, 0 overdue, 2 save time unknown), 1 missing, 1 with errors, 1 in conflict, 1 of another period.',
    ],
  },
  {
    name: 'no history (January, or never consolidated before): no change sentence',
    lights: [3, 2],
    matrix: ['submitted'],
    zh: [
      '（1）本月应报指标 2 项，绿灯 1 项、黄灯 1 项、红灯 0 项、未填报 0 项、数据有误 0 项。',
      '（2）本月无督办事项。',
      '（3）应报单位 1 个、报表 1 份，已报 1 份（按时 0 份、逾期 0 份、报送时间不详 1 份），未报 0 份、有误 0 份、冲突 0 份、期别不符 0 份。',
    ],
    en: [
      '(1) 2 indicators are due this month: 1 green, 1 yellow, 0 red, 0 not reported, 0 with invalid data.',
      '(2) No indicator is under supervision this month.',
      '(3) 1 department owes 1 report: 1 submitted (0 on time, 0 overdue, 1 save time unknown), 0 missing, 0 with errors, 0 in conflict, 0 of another period.',
    ],
  },
  {
    name: 'all green, all comparable',
    lights: [3, 3, 3],
    previous: [3, 3, 2],
    matrix: ['submitted', 'submitted'],
    zh: [
      '（1）本月应报指标 3 项，绿灯 3 项、黄灯 0 项、红灯 0 项、未填报 0 项、数据有误 0 项。全部指标均达到序时进度。',
      '（2）较上月好转 1 项、持平 2 项、下滑 0 项。',
      '（3）本月无督办事项。',
      '（4）应报单位 2 个、报表 2 份，已报 2 份（按时 0 份、逾期 0 份、报送时间不详 2 份），未报 0 份、有误 0 份、冲突 0 份、期别不符 0 份。',
    ],
    en: [
      '(1) 3 indicators are due this month: 3 green, 0 yellow, 0 red, 0 not reported, 0 with invalid data. Every indicator is on track.',
      '(2) Since last month: 1 better, 2 unchanged, 0 worse.',
      '(3) No indicator is under supervision this month.',
      '(4) 2 departments owe 2 reports: 2 submitted (0 on time, 0 overdue, 2 save time unknown), 0 missing, 0 with errors, 0 in conflict, 0 of another period.',
    ],
  },
  {
    name: 'nothing submitted',
    lights: [0, 0],
    previous: [3, 2],
    matrix: ['missing', 'missing', 'missing'],
    zh: [
      '（1）本月应报指标 2 项，绿灯 0 项、黄灯 0 项、红灯 0 项、未填报 2 项、数据有误 0 项。',
      '（2）较上月好转 0 项、持平 0 项、下滑 0 项。另有 2 项本月或上月未亮灯，不作比较。',
      '（3）本月无督办事项。',
      '（4）应报单位 3 个、报表 3 份，均未报送。',
    ],
    en: [
      '(1) 2 indicators are due this month: 0 green, 0 yellow, 0 red, 2 not reported, 0 with invalid data.',
      '(2) Since last month: 0 better, 0 unchanged, 0 worse. 2 indicators have no light this month or last, and are not compared.',
      '(3) No indicator is under supervision this month.',
      '(4) 3 departments owe 3 reports; none has been submitted.',
    ],
  },
];

describe('一、总体情况: the generated sentences', () => {
  test.each(CASES)('$name', (c) => {
    const input = handMade(c);
    expect(overviewSentences(input, bulletinWords('zh'), DEFAULT_TIMELINESS)).toEqual(c.zh);
    expect(overviewSentences(input, bulletinWords('en'), DEFAULT_TIMELINESS)).toEqual(c.en);
  });

  test('the headline in figures (for the pane) is what the sentences say', () => {
    const h = bulletinHeadline(handMade(CASES[0]!), DEFAULT_TIMELINESS);
    expect(h).toMatchObject({
      indicators: 6,
      unknown: 0,
      change: { better: 1, same: 2, worse: 1, incomparable: 2 },
      supervision: { total: 2, supervised: 1, inspected: 1 },
      submissions: { departments: 6, expected: 6, onTime: 0, overdue: 0, unknown: 2 },
    });
    expect(bulletinHeadline(handMade(CASES[1]!), DEFAULT_TIMELINESS).change).toBeUndefined();
  });

  test('a late report from a department the plan does not list: counted apart, said late (it was "逾期 0 份")', () => {
    const lead = PLAN.campaigns.find((c) => c.id === 'C3')!.leadDepartment;
    const sources = [
      sheetSource(fill(templateGrid('C3', lead), { 'C3-07': { actual: 15 } })),
      {
        ...fileSource('经信商务局-项目建设.xlsx', fill(templateGrid('C3', '经信商务局'), { 'C3-07': { actual: 2 } })),
        savedAt: '2019-07-09T10:00:00+08:00',
      },
    ];
    const result = consolidate(PLAN, sources, { period: { year: 2019, month: 6 } });
    const indicators = PLAN.campaigns.flatMap((c) => c.indicators.map((i) => ({ code: i.code, kind: i.kind })));
    const history = recordsOf(result);
    const input = { result, history, bulletin: monthBulletin(history, { year: 2019, month: 6 }, indicators) };
    const zh = overviewSentences(input, bulletinWords('zh'), DEFAULT_TIMELINESS).at(-1);
    expect(zh).toMatch(
      /已报 1 份（按时 0 份、逾期 0 份、报送时间不详 1 份）.*另有计划未列单位报送 1 份（逾期 1 份），已计入汇总。$/,
    );
    const en = overviewSentences(input, bulletinWords('en'), DEFAULT_TIMELINESS).at(-1);
    expect(en).toMatch(
      /Besides, 1 report was sent by departments the plan does not list \(1 overdue\), and counted\.$/,
    );
    expect(bulletinHeadline(input, DEFAULT_TIMELINESS).submissions.unplanned).toEqual({ submitted: 1, overdue: 1 });
  });

  test('the June fixture: its numbers are 汇总’s, the late file is 逾期', () => {
    const input = juneInput();
    const [lights, change, , submissions] = overviewSentences(input, bulletinWords('zh'), DEFAULT_TIMELINESS);
    const { green, yellow, red, none, invalid } = input.result.counts;
    const total = input.result.campaigns.reduce((n, c) => n + c.indicators.length, 0);
    expect(lights).toBe(
      `（1）本月应报指标 ${total} 项，绿灯 ${green} 项、黄灯 ${yellow} 项、红灯 ${red} 项、未填报 ${none} 项、数据有误 ${invalid} 项。`,
    );
    expect(change).toMatch(/^（2）较上月好转 \d+ 项/);
    // C1's sheet has 数据有误 (有误); C2's file, saved on 8 July, is the one 已报 and it is 逾期.
    expect(submissions).toMatch(/已报 1 份（按时 0 份、逾期 1 份、报送时间不详 0 份），未报 3 份、有误 1 份/);
  });
});

// ————— the sheet —————

describe('通报: the sheet spec', () => {
  const input = juneInput();
  const spec = bulletinSheet(input);

  test('name, marker, title and the print setup (A4 landscape, title rows repeated, one page wide)', () => {
    expect(spec.name).toBe('通报');
    expect(spec.marker).toEqual({ type: 'kpi-bulletin', v: 1, plan: PLAN.id, year: 2019, month: 6 });
    expect(valueAt(spec, `A${BULLETIN_ROWS.title}`)).toBe('2019年6月“五大攻坚战”推进情况通报');
    expect(spec.print).toEqual({
      orientation: 'landscape',
      paperSize: 'A4',
      fitToPagesWide: 1,
      printTitleRows: '$2:$3',
      centerHorizontally: true,
    });
    expect(spec.rowHeights).toContainEqual({ row: 1, height: 15, hidden: true });
  });

  test('each section’s heading cell, for the pane’s links', () => {
    const { sections } = bulletinWithSections(input);
    expect(sections.overview).toBe(`A${rowOf(spec, '一、总体情况')}`);
    expect(sections.submissions).toBe(`A${rowOf(spec, '六、报送情况')}`);
    expect(Object.keys(sections)).toEqual([
      'overview',
      'campaigns',
      'lagging',
      'supervision',
      'scores',
      'submissions',
      'chart',
    ]);
  });

  test('the sections 一 to 六 are there, in order', () => {
    const rows = [...BULLETIN_SECTIONS_ZH, '附：各攻坚战分月亮灯情况（指标数）'].map((s) => rowOf(spec, s));
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
  });

  test('三 lists 红 before 黄, each with its reason (or a note that none was given)', () => {
    const header = rowOf(spec, '三、滞后指标及原因') + 1;
    const lights: unknown[] = [];
    for (let r = header + 1; valueAt(spec, `I${r}`) !== undefined; r++) lights.push(valueAt(spec, `I${r}`));
    expect(lights.length).toBe(input.result.lagging.length);
    expect(lights.length).toBeGreaterThan(1);
    expect(lights).toEqual([...lights].sort((a, b) => (a === '红' ? -1 : b === '红' ? 1 : 0)));
    expect(lights[0]).toBe('红');
    expect(lights).toContain('黄');
    expect(valueAt(spec, `K${header + 1}`)).toBe('外资到位慢');
  });

  test('四 lists the 督办清单 with the run of lights by month and each month’s reason', () => {
    const header = rowOf(spec, '四、督办事项') + 1;
    const codes = input.bulletin.supervision.map((s) => s.code);
    expect(codes.length).toBe(input.result.lagging.length); // every one lagging in May too
    codes.forEach((code, i) => expect(valueAt(spec, `C${header + 1 + i}`)).toBe(code));
    const r = header + 1 + codes.indexOf('C1-02');
    expect(valueAt(spec, `B${r}`)).toBe('督办');
    expect(valueAt(spec, `G${r}`)).toBe('连续 2 个月黄灯或红灯');
    expect(valueAt(spec, `H${r}`)).toBe('5月黄→6月红');
    expect(valueAt(spec, `J${r}`)).toBe('5月：5月原因\n6月：外资到位慢');
  });

  test('五 ranks the departments with their scores', () => {
    const header = rowOf(spec, '五、部门得分及排名') + 1;
    input.bulletin.scores.forEach((s, i) => {
      expect(valueAt(spec, `A${header + 1 + i}`)).toBe(s.rank ?? '—');
      expect(valueAt(spec, `B${header + 1 + i}`)).toBe(s.department);
    });
  });

  test('六: the matrix, with the late file 逾期', () => {
    const header = rowOf(spec, '六、报送情况') + 1;
    const d = input.result.matrix.departments.indexOf(LEAD.C2);
    const c = input.result.matrix.campaignIds.indexOf('C2');
    expect(valueAt(spec, cellAddress(4 + c, header + 1 + d))).toBe('已报（逾期）');
  });

  test('the chart: per campaign a stacked column chart of 绿/黄/红 by month, beside its data', () => {
    const byMonth = lightsByMonth(input);
    expect(spec.charts?.length).toBe(PLAN.campaigns.length);
    const first = spec.charts?.[0];
    expect(first).toMatchObject({
      type: 'columnStacked',
      seriesBy: 'columns',
      seriesColors: ['#00B050', '#FFC000', '#C00000'],
      title: '招大引强：各月亮灯情况（指标数）',
    });
    const top = parseCell(first?.source.split(':')[0] ?? '').row;
    expect(first?.source).toBe(`A${top}:D${top + 6}`);
    expect([1, 2, 3].map((c) => valueAt(spec, cellAddress(c + 1, top)))).toEqual(['绿', '黄', '红']);
    const c1 = input.result.campaigns[0]!.counts;
    expect([2, 3, 4].map((c) => valueAt(spec, cellAddress(c, top + 6)))).toEqual([c1.green, c1.yellow, c1.red]);
    expect(byMonth[0]?.months[3]).toEqual({ month: 4, green: 8, yellow: 0, red: 0 });
  });

  test('a reason longer than a cell holds is clipped through writableSpec, with the note saying so', () => {
    const long = '滞'.repeat(40_000);
    const [first, ...rest] = input.result.lagging;
    const reasons = first!.reasons.map((r) => ({ ...r, text: long }));
    const result = { ...input.result, lagging: [{ ...first!, reasons }, ...rest] };
    const clipped = bulletinSheet({ ...input, result });
    const header = rowOf(clipped, '三、滞后指标及原因') + 1;
    const text = String(valueAt(clipped, `K${header + 1}`));
    expect(text.length).toBe(EXCEL_CELL_TEXT_LIMIT);
    expect(text).toMatch(/^滞+…（原文 40000 字，超出 Excel 单元格上限 32767 字，已截断）$/);
  });

  test('no history: one month in the charts, no change sentence', () => {
    const alone = bulletinSheet(juneInput('none'));
    const overview = rowOf(alone, '一、总体情况');
    expect(String(valueAt(alone, `A${overview + 2}`))).toMatch(/^（2）本月无督办事项|^（2）列入督办/);
    expect(alone.charts?.[0]?.source).toMatch(/^A(\d+):D\d+$/);
  });

  test('English: the same sheet in the English UI’s words', () => {
    const en = bulletinSheet(input, { language: 'en' });
    expect(en.name).toBe('Bulletin');
    expect(valueAt(en, 'A2')).toBe('Progress of “五大攻坚战”: bulletin for 6/2019');
    expect(rowOf(en, '1. Overview')).toBeLessThan(rowOf(en, '6. Submissions'));
  });
});

// ————— reconciliation, live in the memory workbook —————

describe('通报 reconciles with 汇总 (formulas evaluated by HyperFormula)', () => {
  const input = juneInput();

  async function written(options: Parameters<typeof bulletinSheet>[1] = {}): Promise<{
    wb: MemoryWorkbook;
    spec: SheetSpec;
  }> {
    const wb = new MemoryWorkbook();
    await wb.writeSheet(summarySheet(input.result, PLAN));
    const spec = bulletinSheet(input, options);
    await wb.writeSheet(spec);
    return { wb, spec };
  }

  test('the check cell says 一致; every campaign row and the 汇总表计数 row too; tampering with 汇总: 不一致', async () => {
    const { wb, spec } = await written();
    // the charts as the memory workbook keeps them, their data evaluated
    const charts = wb.sheetMeta('通报').charts;
    expect(charts.map((c) => c.type)).toEqual(PLAN.campaigns.map(() => 'columnStacked'));
    const top = parseCell(charts[0]?.source.split(':')[0] ?? '').row;
    expect(['B', 'C', 'D'].map((c) => wb.cellView('通报', `${c}${top}`).value)).toEqual(['绿', '黄', '红']);
    const checkRow = rowOf(spec, '与“汇总”表核对');
    expect(wb.cellView('通报', `D${checkRow}`).value).toBe('一致');
    const first = rowOf(spec, '序号') + 1; // 二's header is the first 序号 row
    const n = input.result.campaigns.length + 2;
    for (let r = first; r < first + n; r++) expect(wb.cellView('通报', `L${r}`).value).toBe('一致');
    // the live counts equal the written 合计
    const live = first + n - 1;
    const { green, yellow, red, none, invalid } = input.result.counts;
    expect(['D', 'E', 'F', 'G', 'H'].map((c) => wb.cellView('通报', `${c}${live}`).value)).toEqual([
      green,
      yellow,
      red,
      none,
      invalid,
    ]);
    expect(spec.blocks.flatMap((b) => b.rows.flat()).some((c) => c?.formula?.includes(`'${SUMMARY_SHEET}'!$L$`))).toBe(
      true,
    );

    // 汇总 edited by hand: a green light turned red
    const green1 = input.result.campaigns.flatMap((c) => c.indicators).find((s) => s.light === 3);
    const row = summaryRowsByCode(input.result).get(green1?.code ?? '');
    await wb.writeCells([{ sheet: SUMMARY_SHEET, address: `${SUMMARY_COL.light}${row}`, value: 1 }]);
    expect(wb.cellView('通报', `D${checkRow}`).value).toBe('不一致');
    expect(wb.cellView('通报', `L${first}`).value).toBe('不一致');
  });

  test('source text is text: a reason typed as a formula stays a value', async () => {
    const { wb, spec } = await written();
    const header = rowOf(spec, '三、滞后指标及原因') + 1;
    const reasons = input.result.lagging.map((_, i) => wb.cellView('通报', `K${header + 1 + i}`));
    // C1-01's reason =HYPERLINK(…) and C2-03's -下降, as typed: values, not formulas, not evaluated
    expect(reasons.map((c) => c.value)).toEqual(expect.arrayContaining(['=HYPERLINK("http://x")', '-下降']));
    expect(reasons.every((c) => c.formula === undefined)).toBe(true);
    expect(spec.blocks.flatMap((b) => b.rows.flat()).every((c) => !c?.formula?.includes('HYPERLINK'))).toBe(true);
  });

  test('English: the check cell says Equal', async () => {
    const { wb, spec } = await written({ language: 'en' });
    expect(wb.cellView('Bulletin', `D${rowOf(spec, 'Check against "汇总"')}`).value).toBe('Equal');
  });

  test('汇总 under another name, its rows moved: the use case says where, the check follows', async () => {
    const wb = new MemoryWorkbook();
    const summary = summarySheet(input.result, PLAN);
    // 汇总 written two rows lower, as if h8's trend rows were inserted above its table, under the name 汇总'6月.
    const moved = {
      ...summary,
      name: "汇总'6月",
      blocks: summary.blocks.map((b) => ({ ...b, at: `A${parseCell(b.at).row + 2}` })),
    };
    await wb.writeSheet(moved);
    const rowsByCode = new Map([...summaryRowsByCode(input.result)].map(([code, row]) => [code, row + 2]));
    const spec = bulletinSheet(input, { summary: { sheet: "汇总'6月", lightColumn: SUMMARY_COL.light, rowsByCode } });
    await wb.writeSheet(spec);
    expect(wb.cellView('通报', `D${rowOf(spec, "与“汇总'6月”表核对")}`).value).toBe('一致');
    // left at 汇总's default cells, the same 通报 would not reconcile
    const stale = bulletinSheet(input, {
      name: '通报2',
      summary: { sheet: "汇总'6月", lightColumn: SUMMARY_COL.light, rowsByCode: summaryRowsByCode(input.result) },
    });
    await wb.writeSheet(stale);
    expect(wb.cellView('通报2', `D${rowOf(stale, "与“汇总'6月”表核对")}`).value).toBe('不一致');
  });
});

describe('the 通报’s messages', () => {
  test('the same keys in both languages, each with text and the same placeholders; none another owner’s', () => {
    const keys = Object.keys(BULLETIN_SHEET_ZH) as (keyof typeof BULLETIN_SHEET_ZH)[];
    expect(keys.filter((k) => !k.startsWith('bulletinSheet.'))).toEqual([]);
    expect(Object.keys(BULLETIN_SHEET_EN).sort()).toEqual([...keys].sort());
    const names = (t: string): string => [...new Set(placeholders(t))].join();
    expect(
      keys.filter(
        (k) => BULLETIN_SHEET_EN[k].trim() === '' || names(BULLETIN_SHEET_ZH[k]) !== names(BULLETIN_SHEET_EN[k]),
      ),
    ).toEqual([]);
    const others = new Set(Object.keys(CATALOGUE['zh-CN']));
    expect(keys.filter((k) => others.has(k))).toEqual([]);
  });
});

describe('通报 through the Excel adapter (the fake Excel: Office.js members checked against its typings)', () => {
  test('汇总 and 通报 written in one writeSheets: merges, print setup A4, charts with the lights’ colours', async () => {
    const input = juneInput();
    const excel = new FakeExcel();
    const port = createExcelWorkbook(excel.run, { isSetSupported: excel.isSetSupported, sleep: async () => {} });
    await port.writeSheets([summarySheet(input.result, PLAN), bulletinSheet(input)], { replace: true });
    const sheet = excel.sheet('通报');
    expect(sheet.pageLayout).toMatchObject({
      orientation: 'Landscape',
      paperSize: 'A4',
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printTitleRows: '$2:$3',
    });
    expect(sheet.charts.map((c) => [c.type, c.seriesColors])).toEqual(
      PLAN.campaigns.map(() => ['ColumnStacked', ['#00B050', '#FFC000', '#C00000']]),
    );
    expect(sheet.merges).toEqual(expect.arrayContaining(['A2:L2', 'A3:L3']));
  });
});
