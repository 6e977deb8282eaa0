import type { Page } from 'playwright-core';
import { chromiumAvailable, previewPages, seriousAxeViolations } from './harness';

/** The preview host in Chromium: loads, speaks Chinese, recalculates KPI.* formulas on typing, passes axe. */
const describeBrowser = chromiumAvailable ? describe : describe.skip;
jest.setTimeout(180_000);

describeBrowser('preview host (Chromium)', () => {
  const preview = previewPages();
  let page: Page;
  beforeEach(() => {
    page = preview.page;
  });

  const cell = (address: string) => page.locator(`td[data-cell="${address}"]`);

  it('loads the sample workbook and the task pane in Chinese', async () => {
    // Loaded: the page's loading notice has given way to the spreadsheet view and the pane.
    expect(await page.getByText('正在加载示例工作簿').count()).toBe(0);
    expect(await page.getByRole('tab', { name: '模板' }).isVisible()).toBe(true);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    for (const tab of ['模板', '校验', '汇总', '设置'])
      expect(await page.getByRole('tab', { name: tab }).count()).toBe(1);
    const tabs = await page.locator('nav.tabs button').allTextContents();
    // the sample holds the five lead departments' sheets for each month January–June 2019, in month order
    const lead = [
      '招大引强-投资促进中心',
      '转型升级-经信商务局',
      '项目建设-发展改革局',
      '城市提质-建设交通局',
      '民生改善-社会发展局',
    ];
    expect(tabs).toEqual(['指标库', ...[1, 2, 3, 4, 5, 6].flatMap((m) => lead.map((n) => `${n}-${m}月`))]);
    // it opens on June's first sheet
    expect(await page.locator('nav.tabs button.active').textContent()).toBe('招大引强-投资促进中心-6月');
    expect(await cell('A3').textContent()).toBe('招大引强攻坚战 指标推进情况表');
    // C1-01: 3.8 of 7 in June → 54.3%, 绿
    expect(await cell('J7').textContent()).toBe('54.3%');
    expect(await cell('M7').textContent()).toBe('绿');
  });

  it('a panel whose code cannot be loaded says so in its place; the rest of the pane stays', async () => {
    // Every script requested from now on fails, as on a flaky intranet: the 设置 panel is loaded on first use.
    await page.route('**/*.js', (route) => route.abort());
    const failures: string[] = [];
    page.on('console', (m) => m.type() === 'error' && failures.push(m.text()));
    await page.getByRole('tab', { name: '设置' }).click();
    await page.getByRole('alert').filter({ hasText: '这一部分未能加载' }).waitFor();
    expect(await page.getByRole('tab', { name: '模板' }).isVisible()).toBe(true);
    expect(failures.length).toBeGreaterThan(0); // the developer gets the error
    await page.unroute('**/*.js');
    await page.getByRole('tab', { name: '模板' }).click(); // another panel, loaded as usual
    await page.getByTestId('insert-template').waitFor();
  });

  it('typing a value recalculates the KPI.* formulas (attainment, tier, light)', async () => {
    await cell('H7').click();
    const bar = page.getByTestId('formula-bar');
    await bar.fill('7.5');
    await bar.press('Enter');
    expect(await cell('J7').textContent()).toBe('107.1%');
    expect(await cell('K7').textContent()).toBe('序时达力争'); // June: 7.5 ≥ 力争 8 × 50% (SPEC §4)
    expect(await cell('M7').textContent()).toBe('绿');
    await cell('H7').click();
    await bar.fill('2.5');
    await bar.press('Enter');
    expect(await cell('J7').textContent()).toBe('35.7%');
    expect(await cell('M7').textContent()).toBe('红');
  });

  it('refuses what Excel refuses: a negative amount (data validation) and a locked cell', async () => {
    await cell('H7').click();
    const bar = page.getByTestId('formula-bar');
    await bar.fill('-1');
    await bar.press('Enter');
    await page.getByTestId('refusal').waitFor();
    expect(await page.getByTestId('refusal').textContent()).toMatch(/[\u4e00-\u9fff]/);
    await page.getByRole('button', { name: /重试/ }).click();
    expect(await cell('H7').textContent()).toBe('3.80');
    await cell('J7').click();
    await bar.fill('1');
    await bar.press('Enter');
    expect(await page.getByTestId('refusal').textContent()).toContain('受保护');
  });

  it('设置 names the plan in use: the sample’s 指标库 sheet; once that sheet is broken, the built-in plan', async () => {
    await page.getByRole('tab', { name: '设置' }).click();
    await page.getByText('工作簿中的“指标库”表：指标库').waitFor();
    await page.locator('nav.tabs button', { hasText: /^指标库$/ }).click();
    await cell('J5').click();
    const bar = page.getByTestId('formula-bar');
    await bar.fill('很多');
    await bar.press('Enter');
    if ((await page.getByTestId('refusal').count()) > 0) throw new Error('the 指标库 sheet refused the edit');
    await page.getByRole('button', { name: '刷新' }).click();
    await page.getByText(/内置计划（“指标库”表“指标库”有 \d+ 个问题，未使用）/).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('has no serious or critical axe-core violations', async () => {
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('the four tabs fit on one row of a 320 px pane, in Chinese and in English (issue 11, observation 11)', async () => {
    for (const lang of ['zh-CN', 'en-US']) {
      const narrow = await preview.browser.newPage({ viewport: { width: 320, height: 700 } });
      try {
        await narrow.goto(`${preview.url}?lang=${lang}`);
        await narrow.getByRole('tab').first().waitFor();
        const tops = await narrow
          .getByRole('tab')
          .evaluateAll((tabs) => tabs.map((t) => t.getBoundingClientRect().top));
        expect({ lang, tabs: tops.length, rows: new Set(tops).size }).toEqual({ lang, tabs: 4, rows: 1 });
        // the campaigns as read from the sample's 指标库 sheet, in the UI's language
        if (lang === 'en-US') {
          await narrow.getByTestId('plan-status').waitFor();
          await narrow.getByRole('radio', { name: /Investment attraction/ }).waitFor();
        }
      } finally {
        await narrow.close();
      }
    }
  });

  it('the task pane is usable at 320 px wide (no horizontal scroll)', async () => {
    await page.setViewportSize({ width: 320, height: 700 });
    const pane = page.locator('aside.pane');
    const overflow = await pane.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
