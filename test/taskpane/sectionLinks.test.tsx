import type { Locale } from '../../src/domain/i18n/messages';
import { builtinPlan } from '../../src/domain/plan/builtin';
import { goToCell, resultView } from '../../src/taskpane/features/Consolidation/useConsolidation';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';
import { PortError } from '../../src/workbook/port';
import type { LastRun } from '../../src/workbook/usecases/lastRun';
import { runConsolidation } from '../../src/workbook/usecases/runConsolidation';
import { BULLETIN_SECTIONS_ZH, writeC1Month } from '../fixtures/filledTemplates';
import { translatorFor } from '../messages';
import { refusingPort } from './fakePort';
import { renderConsolidation } from './renderPanel';
import { visibleText } from './renderAll';

/**
 * The pane's links to the 通报's sections (一…六 and the annex) and to 汇总's 督办清单, and the 考核得分 ranking
 * (issue 13): after a May and a June run of the shared use case, the result lists them in Chinese and in English;
 * a link selects its heading cell with one activate and nothing else.
 */
jest.setTimeout(60_000);

const plan = builtinPlan();

let june: LastRun;

beforeAll(async () => {
  const wb = new MemoryWorkbook();
  await writeC1Month(wb, plan, 5);
  expect((await runConsolidation(wb, 'pane', { reportMonth: 6 })).ok).toBe(true);
  await writeC1Month(wb, plan, 6);
  june = await runConsolidation(wb, 'pane', { reportMonth: 6 }); // the last run, which the panel shows
});

function outcome() {
  if (!june.ok) throw new Error('the June run failed');
  return june.outcome;
}

const ZH_LABELS = [...BULLETIN_SECTIONS_ZH, '附：分月亮灯图', '汇总：督办清单'];

test('the links: the 通报 sections in order, then 汇总 督办清单, each at the heading cell the use case returned', () => {
  const o = outcome();
  const cells = o.sections.bulletin?.cells;
  if (!cells) throw new Error('no 通报 written');
  const view = resultView(o, june, plan, translatorFor('zh-CN'), 'zh-CN');
  expect(view.headline?.links.map((l) => l.label)).toEqual(ZH_LABELS);
  expect(view.headline?.links.map((l) => l.goTo)).toEqual([
    ...(['overview', 'campaigns', 'lagging', 'supervision', 'scores', 'submissions', 'chart'] as const).map((k) => ({
      sheet: '通报',
      cell: cells[k],
    })),
    { sheet: '汇总', cell: o.sections.supervision?.cell },
  ]);
  expect(view.headline?.links[0]?.goTo.cell).toBe('A5');

  const en = resultView(o, june, plan, translatorFor('en-US'), 'en-US');
  expect(en.headline?.links.map((l) => l.label)).toEqual([
    '1. Overview',
    '2. Lights by campaign',
    '3. Lagging indicators and reasons',
    '4. Supervision',
    '5. Department scores and ranking',
    '6. Submissions',
    'Annex: lights by month (chart)',
    '汇总: supervision list (督办清单)',
  ]);
  expect(en.headline?.links.map((l) => l.goTo)).toEqual(view.headline?.links.map((l) => l.goTo));
});

test('the ranking: bulletin.scores ranked, best first, to 2 decimals; unscored departments counted, not listed', () => {
  const o = outcome();
  const view = resultView(o, june, plan, translatorFor('zh-CN'), 'zh-CN');
  const scored = (o.bulletin?.scores ?? []).filter((d) => d.score !== null);
  expect(scored.length).toBeGreaterThan(0);
  expect(view.headline?.scores).toEqual(
    scored.map((d) => ({ rank: d.rank, department: d.department, score: d.score?.toFixed(2) })),
  );
  expect(view.headline?.unscored).toBe((o.bulletin?.scores.length ?? 0) - scored.length);
  // 投资促进中心 answers for C1-01 (红: 37.1% / 50%, under 督办) and C1-02 (绿): it is scored.
  expect(view.headline?.scores.map((d) => d.department)).toContain('投资促进中心');
});

test.each<[Locale, readonly string[]]>([
  ['zh-CN', ['通报各部分', ...ZH_LABELS, '考核得分', '投资促进中心']],
  ['en-US', ['Bulletin sections', '1. Overview', '6. Submissions', 'Department scores (考核得分)', '投资促进中心']],
])('%s: the panel renders the links (sheet and cell on each) and the ranking', (locale, expected) => {
  const html = renderConsolidation(locale).html;
  expect(html).toContain('data-testid="consolidation-sections"');
  expect(html).toContain('data-testid="consolidation-scores"');
  const o = outcome();
  for (const cell of Object.values(o.sections.bulletin?.cells ?? {}))
    expect(html).toContain(`data-sheet="通报" data-cell="${cell}"`);
  expect(html).toContain(`data-sheet="汇总" data-cell="${o.sections.supervision?.cell ?? '?'}"`);
  expect(html.match(/data-testid="consolidation-section"/g)).toHaveLength(8);
  const text = visibleText(html);
  for (const s of expected) expect(text).toContain(s);
});

test('a link click selects its heading: one activate with the sheet and cell, no other port call', async () => {
  const view = resultView(outcome(), june, plan, translatorFor('zh-CN'), 'zh-CN');
  const scores = view.headline?.links.find((l) => l.id === 'bulletin.scores');
  if (!scores) throw new Error('no link to 五');
  const port = { ...refusingPort(), calls: [] as unknown[][] };
  port.activate = (...args: unknown[]) => {
    port.calls.push(['activate', ...args]);
    return Promise.resolve();
  };
  const errors: unknown[] = [];
  await goToCell(port, scores.goTo, (e) => errors.push(e));
  expect(port.calls).toEqual([['activate', '通报', outcome().sections.bulletin?.cells.scores]]);
  expect(errors).toEqual([]);

  // The 通报 deleted since the run: the error is shown (notifyError), never thrown.
  const gone = refusingPort();
  await goToCell(gone, scores.goTo, (e) => errors.push(e));
  expect(gone.calls).toEqual(['activate']);
  expect(errors).toEqual([expect.any(PortError)]);
});
