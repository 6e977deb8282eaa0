import { renderPanel } from './renderPanel';
import { translatorFor } from '../messages';
import { visibleText } from './renderAll';
import type { Locale } from '../../src/domain/i18n/messages';
import { builtinPlan } from '../../src/domain/plan/builtin';
import { readPlan, type PlanReading } from '../../src/taskpane/features/Settings/readPlan';
import { Settings, SettingsView } from '../../src/taskpane/features/Settings/Settings';
import { settingsPlanStatus, settingsRows } from '../../src/taskpane/features/Settings/useSettings';
import { describePortError } from '../../src/taskpane/portErrors';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';
import { PortError, type WorkbookPort } from '../../src/workbook/port';
import { insertPlanSheet } from '../../src/workbook/usecases/templates';
import { refusingPort } from './fakePort';

/**
 * The 设置 panel: the plan in use as read through the port (the built-in plan, a valid 指标库 sheet, an invalid
 * one, a workbook that refuses), as rows and status, and the panel server-rendered in each state.
 */

const plan = builtinPlan();
const translators = { 'zh-CN': translatorFor('zh-CN'), 'en-US': translatorFor('en-US') } as const;

/** Reads the plan as the panel does, collecting what it reports. */
async function read(port: WorkbookPort, locale: Locale = 'zh-CN') {
  const reported: unknown[] = [];
  const reading = await readPlan(port, translators[locale], (e) => reported.push(e));
  return { reading, reported };
}

/** The panel's rows as [label, value], and its status line. */
function view(reading: PlanReading, locale: Locale = 'zh-CN') {
  const t = translators[locale];
  const rows = settingsRows({ locale, officeLanguage: locale, theme: undefined, plan, reading }, t);
  return { rows: rows.map((r) => [r.label, r.value]), status: settingsPlanStatus(reading, t) };
}

const row = (v: ReturnType<typeof view>, label: string) => v.rows.find(([l]) => l === label)?.[1];

describe('the plan in use, read through the port', () => {
  test('no 指标库 sheet: the built-in plan, said to be built in', async () => {
    const { reading, reported } = await read(new MemoryWorkbook());
    expect(reported).toEqual([]);
    const zh = view(reading);
    expect(zh.rows.slice(2)).toEqual([
      ['使用的计划', `${plan.title}（2019 年）`],
      ['计划来源', '内置计划'],
    ]);
    expect(zh.status).toEqual({
      kind: 'read',
      status: { intent: 'info', text: `使用内置计划：${plan.title}（2019 年）`, problems: [], more: 0 },
    });
    const en = view((await read(new MemoryWorkbook(), 'en-US')).reading, 'en-US');
    expect(en.rows.slice(2)).toEqual([
      ['Plan in use', `${plan.title} (2019)`],
      ['Plan source', 'Built-in plan'],
    ]);
  });

  test('a valid 指标库 sheet: its title and year as the workbook has them now, and the sheet named', async () => {
    const wb = new MemoryWorkbook();
    expect(await insertPlanSheet(wb, plan)).toEqual({ outcome: 'inserted', sheet: '指标库' });
    // The office renames the plan: the sheet, not the built-in plan, is what the panel shows.
    await wb.writeCells([{ sheet: '指标库', address: 'A3', value: '某区攻坚计划（2019年）指标库' }]);
    const renamed = await read(wb);
    expect(renamed.reported).toEqual([]);
    expect(renamed.reading).toMatchObject({ state: 'read', active: { source: 'sheet', sheet: '指标库' } });
    const zh = view(renamed.reading);
    expect(zh.rows.slice(2)).toEqual([
      ['使用的计划', '某区攻坚计划（2019 年）'],
      ['计划来源', '工作簿中的“指标库”表：指标库'],
    ]);
    expect(zh.status).toEqual({
      kind: 'read',
      status: { intent: 'info', text: '使用工作簿中的指标库“指标库”（2019 年）', problems: [], more: 0 },
    });

    // … and edits it for another year: read again (刷新), the year follows the title (with the 模板 panel's note).
    await wb.writeCells([{ sheet: '指标库', address: 'A3', value: '某区攻坚计划（2020年）指标库' }]);
    const nextYear = view((await read(wb)).reading);
    expect(row(nextYear, '使用的计划')).toBe('某区攻坚计划（2020 年）');
    expect(nextYear.status).toMatchObject({
      kind: 'read',
      status: { intent: 'warning', text: '使用工作簿中的指标库“指标库”（2020 年）', more: 0 },
    });
    expect(nextYear.status.kind === 'read' && nextYear.status.status.problems).toEqual([
      expect.stringMatching(/^A3：.*2020/),
    ]);
    const en = view((await read(wb, 'en-US')).reading, 'en-US');
    expect(en.rows.slice(2)).toEqual([
      ['Plan in use', '某区攻坚计划 (2020)'],
      ['Plan source', 'The plan sheet of this workbook: 指标库'],
    ]);
  });

  test('an invalid 指标库 sheet: the built-in plan is used, and the panel says why, with the count of problems', async () => {
    const wb = new MemoryWorkbook();
    await insertPlanSheet(wb, plan);
    await wb.writeCells([{ sheet: '指标库', address: 'J5', value: '七十' }]);
    const { reading, reported } = await read(wb);
    expect(reported).toEqual([]);
    expect(reading).toMatchObject({ state: 'read', active: { source: 'builtin', sheet: '指标库' } });
    const count = reading.state === 'read' ? reading.active.problems.length : NaN;
    expect(count).toBeGreaterThan(0);
    const zh = view(reading);
    expect(zh.rows.slice(2)).toEqual([
      ['使用的计划', `${plan.title}（2019 年）`],
      ['计划来源', `内置计划（“指标库”表“指标库”有 ${count} 个问题，未使用）`],
    ]);
    expect(zh.status).toMatchObject({
      kind: 'read',
      status: {
        intent: 'warning',
        text: `工作簿中的指标库“指标库”有 ${count} 个问题，暂用内置计划。请修改以下单元格：`,
      },
    });
    expect(zh.status.kind === 'read' && zh.status.status.problems[0]).toMatch(/^J5：/);
    expect(row(view((await read(wb, 'en-US')).reading, 'en-US'), 'Plan source')).toBe(
      `Built-in plan (the plan sheet "指标库" has ${count} ${count === 1 ? 'problem' : 'problems'} and is not used)`,
    );
  });

  test('a workbook that refuses: reported once (as a localized notice), the built-in plan shown, its use not claimed', async () => {
    const port = refusingPort();
    const { reading, reported } = await read(port);
    expect(reading).toEqual({ state: 'failed' });
    expect(port.calls).toEqual(['listSheets']);
    expect(reported).toEqual([expect.any(PortError)]);
    expect(describePortError(reported[0], translators['zh-CN'])).toBe(
      '当前版本的 Excel 不支持此操作；请更新 Excel 后再试',
    );
    expect(describePortError(reported[0], translators['en-US'])).toMatch(/^This version of Excel does not support/);
    const zh = view(reading);
    expect(zh.rows.slice(2)).toEqual([
      ['使用的计划', `${plan.title}（2019 年）`],
      ['计划来源', '未知（未能读取工作簿）'],
    ]);
    expect(zh.status).toEqual({ kind: 'failed', text: '未能读取工作簿，此处显示的是内置计划。可点“刷新”重试。' });
    // Anything else thrown (not a PortError) is reported too, never swallowed.
    const broken: WorkbookPort = { ...port, listSheets: () => Promise.reject(new TypeError('boom')) };
    expect((await read(broken)).reported).toEqual([expect.any(TypeError)]);
  });

  test('while reading: the built-in plan at first; during a refresh, what the last reading found', async () => {
    const first = view({ state: 'reading' });
    expect(first.rows.slice(2)).toEqual([
      ['使用的计划', `${plan.title}（2019 年）`],
      ['计划来源', '正在读取工作簿…'],
    ]);
    expect(first.status).toEqual({ kind: 'reading', text: '正在读取工作簿中的指标库…' });
    const wb = new MemoryWorkbook();
    await insertPlanSheet(wb, plan);
    const { reading } = await read(wb);
    if (reading.state !== 'read') throw new Error(reading.state);
    const refreshing = view({ state: 'reading', last: reading });
    expect(row(refreshing, '计划来源')).toBe('工作簿中的“指标库”表：指标库');
    expect(refreshing.status.kind).toBe('reading');
  });
});

function providers(locale: Locale, node: React.ReactNode, port: WorkbookPort = refusingPort()): string {
  return renderPanel(locale, node, port).html;
}
const text = visibleText;

/** The status's text (under the list): from its opening tag to the actions that follow it. */
function statusText(html: string): string {
  const start = html.indexOf('<div data-testid="settings-plan-status">');
  const end = html.indexOf('<button', start);
  if (start < 0 || end < 0) throw new Error('no status');
  return text(html.slice(start, end)).trim();
}

function renderView(locale: Locale, reading: PlanReading): string {
  const t = translators[locale];
  const rows = settingsRows({ locale, officeLanguage: locale, theme: undefined, plan, reading }, t);
  return providers(
    locale,
    <SettingsView
      rows={rows}
      status={settingsPlanStatus(reading, t)}
      reading={reading.state === 'reading'}
      onRefresh={() => undefined}
    />,
  );
}

describe('Settings (server-rendered)', () => {
  test('opening: the built-in plan while the workbook is read, the status in a live region, 刷新 waiting', () => {
    // Effects do not run on the server: this is the panel as it first appears, before the port answers.
    const port = refusingPort();
    const html = providers('zh-CN', <Settings officeLanguage="zh-CN" theme={undefined} plan={plan} />, port);
    expect(port.calls).toEqual([]);
    const t = text(html);
    expect(t).toContain(`使用的计划 ${plan.title}（2019 年）`);
    expect(t).toContain('计划来源 正在读取工作簿…');
    expect(statusText(html)).toBe('正在读取工作簿中的指标库…');
    expect(html).toMatch(/<span role="status"[^>]*>正在读取工作簿中的指标库…<\/span>/); // a live region
    const button = /<button[^>]*data-testid="settings-refresh"[^>]*>/.exec(html)?.[0] ?? '';
    expect(button).toContain('aria-disabled="true"'); // focusable, but waits for the reading
    const hint = /aria-describedby="([^"]+)"/.exec(button)?.[1];
    expect(html).toMatch(new RegExp(`id="${hint}"[^>]*>重新读取工作簿中的“指标库”表<`));
    expect(t).toContain('刷新');
  });

  test('an invalid sheet: a warning with the cells to correct, and the rest counted; 刷新 enabled', async () => {
    const wb = new MemoryWorkbook();
    await insertPlanSheet(wb, plan);
    await wb.writeCells(
      ['J5', 'J6', 'J7', 'J8', 'J9', 'J10'].map((address) => ({ sheet: '指标库', address, value: '七十' })),
    );
    const { reading } = await read(wb);
    const count = reading.state === 'read' ? reading.active.problems.length : 0;
    expect(count).toBeGreaterThan(5);
    const html = renderView('zh-CN', reading);
    expect(html).toMatch(/data-testid="settings-plan-status"><div role="group"/); // a MessageBar, announced by Fluent
    const live = statusText(html);
    expect(live).toContain(`工作簿中的指标库“指标库”有 ${count} 个问题，暂用内置计划。`);
    expect(live).toContain('J5：');
    expect(live).toContain(`另有 ${count - 5} 个问题，可在“校验”中查看`);
    expect(html.match(/<li>/g)).toHaveLength(6);
    expect(/<button[^>]*data-testid="settings-refresh"[^>]*>/.exec(html)?.[0]).not.toContain('aria-disabled');
  });

  test.each([
    ['zh-CN', '工作簿中的“指标库”表：指标库', '使用工作簿中的指标库“指标库”（2019 年）', '刷新'],
    [
      'en-US',
      'The plan sheet of this workbook: 指标库',
      'Using the plan sheet "指标库" of this workbook (2019)',
      'Refresh',
    ],
  ] as const)('a valid sheet (%s)', async (locale, source, status, refresh) => {
    const wb = new MemoryWorkbook();
    await insertPlanSheet(wb, plan);
    const html = renderView(locale, (await read(wb, locale)).reading);
    expect(text(html)).toContain(source);
    expect(statusText(html)).toBe(status);
    expect(text(html)).toContain(refresh);
  });

  test('a workbook that refuses: the panel says so and offers 刷新', () => {
    const html = renderView('en-US', { state: 'failed' });
    expect(text(html)).toContain('Plan source Unknown (the workbook could not be read)');
    expect(statusText(html)).toBe(
      'The workbook could not be read, so the built-in plan is shown here. Select Refresh to try again.',
    );
  });
});
