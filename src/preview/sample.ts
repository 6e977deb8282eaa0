import { builtinPlan } from '../domain/plan/builtin';
import { buildPlanSheet } from '../domain/plan/planSheet';
import { buildTemplate } from '../domain/template/template';
import { COLUMN, ROWS } from '../domain/template/layout';
import type { CellWrite, WorkbookPort } from '../workbook/port';

/**
 * The preview's sample workbook: the 2019 plan (指标库) and the five lead departments' sheets for June 2019,
 * with plausible values and a few typical mistakes of the kind that arrive by paste (data validation does not
 * fire on paste): a unit typed into a number cell, a whole percentage in a rate cell, a growth row without
 * its prior-year value, a 万元/亿元 slip, a 黄 light without 滞后原因及措施.
 */
export const SAMPLE_YEAR = 2019;
export const SAMPLE_MONTH = 6;

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
  for (const campaign of plan.campaigns) {
    const [reporter, phone] = REPORTERS[campaign.id] ?? ['', ''];
    const spec = buildTemplate({
      plan,
      campaignId: campaign.id,
      department: campaign.leadDepartment,
      year: SAMPLE_YEAR,
      month: SAMPLE_MONTH,
      mode: 'kpi',
      reporter,
      phone,
      existingSheetNames: names,
    });
    names.push(spec.name);
    await port.writeSheet(spec);
    const writes: CellWrite[] = [];
    campaign.indicators.forEach((ind, i) => {
      const row = ROWS.firstIndicator + i;
      const v = SAMPLE_VALUES[ind.code] ?? {};
      if (v.actual !== undefined) writes.push({ sheet: spec.name, address: `${COLUMN.actual}${row}`, value: v.actual });
      if (v.prior !== undefined) writes.push({ sheet: spec.name, address: `${COLUMN.prior}${row}`, value: v.prior });
      if (v.reason !== undefined) writes.push({ sheet: spec.name, address: `${COLUMN.reason}${row}`, value: v.reason });
    });
    await port.writeCells(writes);
  }
  const first = names[1];
  if (first) await port.activate(first, `${COLUMN.actual}${ROWS.firstIndicator}`);
}
