import type { Locale } from '../../src/domain/i18n/messages';
import { builtinPlan } from '../../src/domain/plan/builtin';
import { resultView } from '../../src/taskpane/features/Consolidation/useConsolidation';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';
import type { LastRun } from '../../src/workbook/usecases/lastRun';
import { runConsolidation } from '../../src/workbook/usecases/runConsolidation';
import { writeFilledTemplate, type TypedFigures } from '../fixtures/filledTemplates';
import { translatorFor } from '../messages';
import { renderConsolidation } from './renderPanel';
import { visibleText } from './renderAll';

/**
 * The month's headline in the 汇总 panel (SPEC §10): after a May run and a June run of the same workbook (the
 * shared use case, as the pane and the ribbon run it), the result shows the lights, the change since May and the
 * 督办 count, and the 督办清单 with each month's light and reason — in Chinese and in English.
 */
jest.setTimeout(60_000);

const plan = builtinPlan();
const request = (month: number) =>
  ({ plan, campaignId: 'C1', department: '投资促进中心', year: 2019, month, mode: 'kpi' }) as const;
/** C1-01 黄 in May (2.5 / 7 = 35.7% against 41.7%), 红 in June (37.1% against 50%): 下滑 and 督办. C1-02 红 → 绿. */
const MAY: TypedFigures = {
  'C1-01': { actual: 2.5, reason: '项目签约推迟' },
  'C1-02': { actual: 1.5, reason: '到位慢' },
};
const JUNE: TypedFigures = { 'C1-01': { actual: 2.6, reason: '仍在洽谈' }, 'C1-02': { actual: 2.9 } };

let june: LastRun;

beforeAll(async () => {
  const wb = new MemoryWorkbook();
  await writeFilledTemplate(wb, request(5), MAY);
  const may = await runConsolidation(wb, 'pane', { reportMonth: 6 });
  expect(may.ok).toBe(true);
  await writeFilledTemplate(wb, request(6), JUNE);
  june = await runConsolidation(wb, 'pane', { reportMonth: 6 }); // recorded as the last run, which the panel shows
});

function outcome() {
  if (!june.ok) throw new Error('the June run failed');
  return june.outcome;
}

test('the headline in words: lights, the change since last month (those not compared said so), 督办', () => {
  const view = resultView(outcome(), june, plan, translatorFor('zh-CN'), 'zh-CN');
  // 50 indicators: C1-01 红, C1-02 绿; the other 48 未填报 in June (no light either month: not compared).
  expect(view.headline?.lines).toEqual([
    '红灯 1 项，黄灯 0 项，绿灯 1 项。',
    '较上月：好转 1 项，持平 0 项，下滑 1 项。（48 项上月或本月没有亮灯，未比较）',
    '督办 1 项，效能监察 0 项。',
  ]);
  expect(view.headline?.supervision).toEqual([
    {
      level: 'supervision',
      title: '督办：C1-01 合同利用外资 · 投资促进中心 · 连续 2 个月黄灯或红灯',
      months: ['5月 黄：项目签约推迟', '6月 红：仍在洽谈'],
    },
  ]);
  expect(view.pairs.find((p) => p.label === '历史记录')?.value).toBe('据报表记入 2 个月，保留原记录 0 个月');

  const en = resultView(outcome(), june, plan, translatorFor('en-US'), 'en-US');
  expect(en.headline?.lines).toEqual([
    '1 red, 0 yellow, 1 green.',
    'Since last month: 1 better, 0 the same, 1 worse. (48 indicators without a light this month or last, not compared)',
    '1 under supervision (督办), 0 referred for inspection (效能监察).',
  ]);
  expect(en.headline?.supervision[0]?.months).toEqual(['Month 5 Yellow: 项目签约推迟', 'Month 6 Red: 仍在洽谈']);
  expect(en.pairs.find((p) => p.label === 'History')?.value).toBe(
    '2 months recorded from the reports, 0 months kept as recorded',
  );
});

test.each<[Locale, readonly string[]]>([
  ['zh-CN', ['本月要点', '较上月：好转 1 项', '督办清单', '督办：C1-01 · 投资促进中心', '6月 红：仍在洽谈']],
  ['en-US', ['This month', 'Since last month: 1 better', 'Supervision list (督办清单)', '督办', 'Month 6 Red']],
])('%s: the panel shows the headline and the 督办清单 of the last run', (locale, expected) => {
  const html = renderConsolidation(locale).html;
  expect(html).toContain('data-testid="consolidation-headline"');
  expect(html).toContain('data-testid="consolidation-supervision"');
  const text = visibleText(html);
  for (const s of expected) expect(text).toContain(s);
});
