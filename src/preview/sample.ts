import { builtinPlan } from '../domain/plan/builtin';
import { buildPlanSheet } from '../domain/plan/planSheet';
import { buildTemplate } from '../domain/template/template';
import { COLUMN, ROWS } from '../domain/template/layout';
import type { CellWrite, WorkbookPort } from '../workbook/port';

/**
 * The preview's sample workbook: the 2019 plan (指标库) and the five lead departments' sheets for each month from
 * January to June 2019 (30 sheets), so that 一键汇总 for June shows a real bulletin: 历史 of six months, the trend
 * since May, a 督办清单 and scores. June carries plausible values and a few typical mistakes of the kind that
 * arrive by paste (data validation does not fire on paste): a unit typed into a number cell, a whole percentage in
 * a rate cell, a growth row without its prior-year value, a 万元/亿元 slip, a 黄 light without 滞后原因及措施.
 * January–May are clean, cumulative figures growing toward June's, a reason wherever a light is 黄 or 红.
 */
export const SAMPLE_YEAR = 2019;
export const SAMPLE_MONTH = 6;
/** The months the sample holds, January to SAMPLE_MONTH. */
export const SAMPLE_MONTHS: readonly number[] = [1, 2, 3, 4, 5, 6];

type Entry = { actual?: number | string; prior?: number; reason?: string };

export const SAMPLE_VALUES: Readonly<Record<string, Entry>> = {
  'C1-01': { actual: 3.8 },
  'C1-02': { actual: '2.6亿' }, // mistake: unit typed into the cell
  'C1-03': { actual: 24 }, // mistake: 黄 without a reason
  'C1-04': { actual: 1 },
  'C1-05': { actual: 0, reason: '两个5亿美元以上项目处于洽谈阶段，力争三季度签约。' },
  'C1-06': { actual: 0, reason: '30亿元以上内资项目已完成项目评估，计划8月签约。' },
  'C1-07': { actual: 0, reason: '正跟踪两家央企投资意向，下步赴京对接。' },
  'C1-08': { actual: 4, reason: '已签约4个，另有3个进入合同谈判，加大上海、深圳专题招商。' },
  'C2-01': { actual: 1150 },
  'C2-02': { actual: 14, reason: '部分企业腾退补偿谈判较慢，已成立专班逐家推进。' },
  'C2-03': { actual: 33.5, reason: '上半年税收入库进度偏慢，三季度督促重点企业入库。' },
  'C2-04': { actual: 2 },
  'C2-05': { actual: 4, reason: '亩均增加值排名第4，正推动低效企业提升改造。' },
  'C2-06': { actual: 204 },
  'C2-07': { actual: 2350000 }, // mistake: entered in 万元, the unit is 亿元
  'C2-08': { actual: 28, reason: '两家企业产值接近5亿元，跟踪服务确保年底达标。' },
  'C2-09': { actual: 55 }, // mistake: current value without the prior-year value
  'C2-10': { actual: 9 },
  'C2-11': { actual: 31 },
  'C2-12': { actual: 0.6, reason: '工业增速较快，服务业占比提升不及预期，加快现代服务业项目落地。' },
  'C2-13': { actual: 8.9, prior: 7.6 },
  'C2-14': { actual: 1650, reason: '部分楼宇空置率偏高，开展楼宇招商专项行动。' },
  'C3-01': { actual: 3 },
  'C3-02': { actual: 45 }, // mistake: 45 for 45%
  'C3-03': { actual: 0.5 },
  'C3-04': { actual: 168.2, prior: 150.1 },
  'C3-05': { actual: 61.3, prior: 55, reason: '高新技术产业投资增长偏慢，加快两个产业项目设备投资。' },
  'C3-06': { actual: 96.5, reason: '3个项目征地进度滞后，已协调街道加快交地。' },
  'C3-07': { actual: 15 },
  'C3-08': { actual: 17, reason: '部分项目施工许可办理较慢，开通审批绿色通道。' },
  'C3-09': { actual: 16, reason: '2个项目设备调试延期，督促7月完成。' },
  'C3-10': { actual: 1 },
  'C4-01': { actual: 0.5 },
  'C4-02': { actual: 0.6 },
  'C4-03': { actual: 0.5 },
  'C4-04': { actual: 0.4, reason: '夜景亮化方案调整，7月进场施工。' },
  'C4-05': { actual: 0.5 },
  'C4-06': { actual: 0.6 },
  'C4-07': { actual: 0.5 },
  'C4-08': { actual: 0.5 },
  'C4-09': { actual: 0.55 },
  'C4-10': { actual: 0.6 },
  'C4-11': { actual: 0.5 },
  'C4-12': { actual: 0.45, reason: '智慧城市平台招标延后，7月完成招标。' },
  'C5-01': { actual: 0.5 },
  'C5-02': { actual: 0.6 },
  'C5-03': { actual: 0.5 },
  'C5-04': { actual: 0.5 },
  'C5-05': {}, // not reported yet (未填报)
  'C5-06': { actual: 0.55 },
};

/**
 * January–May (index 0 = January), clean. What they show by June (序时进度 E = month / 12 for paced indicators):
 *   - 黄 → 红: C2-12 服务业增加值占比 (3月黄, 4–6月红 → 效能监察), C3-05 “四大”重点领域投资增速 (4月黄, 5–6月红 → 督办);
 *     C1-05, C1-06, C1-07 with nothing signed all year (1月黄, 2–6月红 → 效能监察);
 *   - 黄 in May and June (督办): C1-03, C1-08, C4-04; C2-14 红 in May, 黄 in June (好转, still 督办);
 *   - 好转 in June: C2-14 (红 → 黄), C4-01 (黄 → 绿);
 *   - 下滑 in June: C2-02, C2-03, C2-08, C3-06, C3-08, C3-09, C4-12 (绿 → 黄), C2-05 (绿 → 红).
 * test/preview/sample.test.ts checks these lights month by month from the consolidation.
 */
type Month = number | Entry;
const r = (actual: number, reason: string): Entry => ({ actual, reason });
const g = (actual: number, prior: number, reason?: string): Entry => ({ actual, prior, ...(reason ? { reason } : {}) });
const NOTHING_SIGNED = (reason: string): Month[] => [
  r(0, '项目处于前期接洽阶段。'),
  ...Array<Month>(4).fill(r(0, reason)),
];

export const SAMPLE_EARLIER: Readonly<Record<string, readonly Month[]>> = {
  'C1-01': [0.6, 1.2, 1.8, 2.4, 3.0],
  'C1-02': [0.5, 0.9, 1.3, 1.7, 2.1],
  'C1-03': [6, 11, 16, 21, r(22, '内资项目资金到位集中在下半年，已梳理在谈项目清单逐个跟踪。')],
  'C1-04': [1, 1, 1, 1, 1],
  'C1-05': NOTHING_SIGNED('两个5亿美元以上项目处于洽谈阶段，加快商务条款谈判。'),
  'C1-06': NOTHING_SIGNED('30亿元以上内资项目正在开展项目评估。'),
  'C1-07': NOTHING_SIGNED('正跟踪两家央企投资意向。'),
  'C1-08': [1, 2, 3, 4, r(4, '3个项目进入合同谈判，组织上海、深圳专题招商。')],
  'C2-01': [180, 350, 520, 700, 880],
  'C2-02': [3, 6, 8, 11, 13],
  'C2-03': [35.2, 35.4, 35.1, 35.6, 35.3],
  'C2-04': [3, 3, 2, 2, 2],
  'C2-05': [3, 3, 3, 3, 3],
  'C2-06': [200, 201, 201, 202, 203],
  'C2-07': [41, 82, 122, 162, 202],
  'C2-08': [30, 30, 31, 31, 30],
  'C2-09': [g(9.2, 8.2), g(18.1, 16.2), g(27.5, 24.6), g(36.6, 32.9), g(45.9, 41.3)],
  'C2-10': [2, 3, 5, 6, 8],
  'C2-11': [5, 10, 15, 20, 26],
  'C2-12': [
    1,
    1,
    r(0.95, '一季度工业增长较快，服务业占比提升放缓，梳理现代服务业在谈项目。'),
    r(0.8, '服务业重点项目投产推迟，占比提升不及预期，已约谈相关企业。'),
    r(0.7, '服务业增加值增速仍低于工业，加快现代服务业项目落地。'),
  ],
  'C2-13': [g(1.5, 1.3), g(2.9, 2.5), g(4.4, 3.8), g(5.9, 5.1), g(7.4, 6.4)],
  'C2-14': [1820, 1810, 1805, 1800, r(1600, '两栋楼宇主要企业迁出，开展楼宇招商专项行动。')],
  'C3-01': [1, 1, 2, 2, 3],
  'C3-02': [0.52, 0.55, 0.5, 0.53, 0.55],
  'C3-03': [0.1, 0.2, 0.3, 0.35, 0.45],
  'C3-04': [g(25.1, 22.6), g(52.3, 47), g(82.6, 74.2), g(111, 99.5), g(139.5, 124.8)],
  'C3-05': [
    g(9.3, 8),
    g(19, 16.4),
    g(29.1, 25.2),
    g(39, 34.2, '两个产业项目设备采购延后，投资增速回落。'),
    g(49.8, 44.6, '高新技术产业投资增长偏慢，督促两个产业项目加快设备投资。'),
  ],
  'C3-06': [18, 35, 52, 68, 85],
  'C3-07': [3, 5, 8, 10, 12],
  'C3-08': [3, 6, 9, 12, 15],
  'C3-09': [4, 7, 10, 13, 16],
  'C3-10': [1, 1, 1, 1, 1],
  'C4-01': [0.1, 0.2, 0.26, 0.34, r(0.35, '城市形象宣传片招标延后，6月完成拍摄。')],
  'C4-02': [0.1, 0.2, 0.3, 0.4, 0.5],
  'C4-03': [0.1, 0.2, 0.3, 0.35, 0.45],
  'C4-04': [0.1, 0.2, 0.26, 0.34, r(0.38, '夜景亮化方案论证未完成，加快方案审定。')],
  'C4-05': [0.1, 0.2, 0.3, 0.35, 0.45],
  'C4-06': [0.1, 0.2, 0.3, 0.4, 0.5],
  'C4-07': [0.1, 0.2, 0.3, 0.35, 0.45],
  'C4-08': [0.1, 0.2, 0.3, 0.35, 0.45],
  'C4-09': [0.1, 0.2, 0.3, 0.35, 0.45],
  'C4-10': [0.1, 0.2, 0.3, 0.4, 0.5],
  'C4-11': [0.1, 0.2, 0.3, 0.35, 0.45],
  'C4-12': [0.1, 0.2, 0.3, 0.35, 0.42],
  'C5-01': [0.1, 0.2, 0.3, 0.35, 0.45],
  'C5-02': [0.1, 0.2, 0.3, 0.4, 0.5],
  'C5-03': [0.1, 0.2, 0.3, 0.35, 0.45],
  'C5-04': [0.1, 0.2, 0.3, 0.35, 0.45],
  'C5-05': [0.1, 0.2, 0.3, 0.35, 0.45],
  'C5-06': [0.1, 0.2, 0.3, 0.35, 0.45],
};

/** What a department entered for an indicator in a month of the sample. */
export function sampleEntry(code: string, month: number): Entry {
  if (month === SAMPLE_MONTH) return SAMPLE_VALUES[code] ?? {};
  const m = SAMPLE_EARLIER[code]?.[month - 1];
  return m === undefined ? {} : typeof m === 'number' ? { actual: m } : m;
}

const REPORTERS: Readonly<Record<string, [string, string]>> = {
  C1: ['王芳', '0573-82211001'],
  C2: ['李强', '0573-82211002'],
  C3: ['陈静', '0573-82211003'],
  C4: ['周伟', '0573-82211004'],
  C5: ['吴敏', '0573-82211005'],
};

export async function loadSampleWorkbook(port: WorkbookPort): Promise<void> {
  const plan = builtinPlan();
  await port.writeSheet(buildPlanSheet(plan));
  const names: string[] = ['指标库'];
  let opening: string | undefined;
  for (const month of SAMPLE_MONTHS)
    for (const campaign of plan.campaigns) {
      const [reporter, phone] = REPORTERS[campaign.id] ?? ['', ''];
      const spec = buildTemplate({
        plan,
        campaignId: campaign.id,
        department: campaign.leadDepartment,
        year: SAMPLE_YEAR,
        month,
        mode: 'kpi',
        reporter,
        phone,
        existingSheetNames: names,
      });
      names.push(spec.name);
      if (month === SAMPLE_MONTH) opening ??= spec.name;
      await port.writeSheet(spec);
      const writes: CellWrite[] = [];
      campaign.indicators.forEach((ind, i) => {
        const row = ROWS.firstIndicator + i;
        const v = sampleEntry(ind.code, month);
        if (v.actual !== undefined)
          writes.push({ sheet: spec.name, address: `${COLUMN.actual}${row}`, value: v.actual });
        if (v.prior !== undefined) writes.push({ sheet: spec.name, address: `${COLUMN.prior}${row}`, value: v.prior });
        if (v.reason !== undefined)
          writes.push({ sheet: spec.name, address: `${COLUMN.reason}${row}`, value: v.reason });
      });
      await port.writeCells(writes);
    }
  // The preview opens on June's first sheet, the month the bulletin is for.
  if (opening) await port.activate(opening, `${COLUMN.actual}${ROWS.firstIndicator}`);
}
