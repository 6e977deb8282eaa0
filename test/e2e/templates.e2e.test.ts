import type { Page } from 'playwright-core';
import { chromiumAvailable, openTemplates, previewPages, seriousAxeViolations } from './harness';

/**
 * 模板 and 校验 in the preview host (Chromium): insert a template, type and paste like staff do, check, go to the
 * cell, fix on request, and live re-validation while typing. The preview starts with the sample workbook
 * (指标库 + the five lead departments' June 2019 sheets).
 */
const describeBrowser = chromiumAvailable ? describe : describe.skip;
jest.setTimeout(180_000);

const C2_JUNE = '转型升级-经信商务局-6月';

describeBrowser('templates and validation in the preview host (Chromium)', () => {
  const preview = previewPages(openTemplates);
  let page: Page;
  beforeEach(() => {
    page = preview.page;
  });

  const cell = (address: string) => page.locator(`td[data-cell="${address}"]`);
  const activeTab = () => page.locator('nav.tabs button.active').textContent();
  const nameBox = () => page.getByTestId('name-box').textContent();
  const paste = (sheet: string, address: string, value: string) =>
    page.evaluate(
      ([s, a, v]) =>
        (
          window as unknown as {
            __kpiPreview: { writeCells(c: { sheet: string; address: string; value: string }[]): Promise<void> };
          }
        ).__kpiPreview.writeCells([{ sheet: s, address: a, value: v }]),
      [sheet, address, value] as const,
    );

  async function insert(campaign: RegExp, department: string, month: string): Promise<void> {
    await page.getByRole('radio', { name: campaign }).check();
    await page.getByTestId('department').selectOption(department);
    await page.getByTestId('month').selectOption(month);
    await page.getByRole('button', { name: '插入模板' }).click();
  }

  it('inserts 转型升级 for 经信商务局, June 2019; a paste is found, selected, fixed on request', async () => {
    expect(await page.getByTestId('plan-status').textContent()).toContain('使用工作簿中的指标库“指标库”');
    await insert(/^转型升级/, '经信商务局', '6');
    // The sample workbook already has this template: it is re-applied in place, keeping what was entered.
    await page.getByText('已重新应用模板').waitFor();
    expect(await page.getByText(/保留已填数值 \d+ 个/).count()).toBe(1);
    expect(await activeTab()).toBe(C2_JUNE);
    expect(await nameBox()).toBe('H7');
    expect(await cell('H7').getAttribute('aria-selected')).toBe('true');
    expect(await cell('H7').textContent()).toBe('1,150'); // the sample's value, kept

    // Typing a negative amount is refused by the sheet's data validation …
    const bar = page.getByTestId('formula-bar');
    await cell('H7').click();
    await bar.fill('-5');
    await bar.press('Enter');
    await page.getByTestId('refusal').waitFor();
    await page.getByRole('button', { name: /重试/ }).click();
    expect(await cell('H7').textContent()).toBe('1,150');
    // … but a paste is not: "250亿" lands as text in C2-07 规上工业产值 (亿元).
    await paste(C2_JUNE, 'H13', '250亿');
    expect(await cell('H13').textContent()).toBe('250亿');

    await page.getByRole('tab', { name: '校验' }).click();
    await page.getByTestId('check-all').click();
    const group = page.getByRole('region', { name: `“${C2_JUNE}”中的问题` });
    const problem = group.locator('[data-testid="problem"][data-cell="H13"]');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('H13 · C2-07 规上工业产值：累计完成“250亿”不是数字，建议改为 250');
    expect(await page.getByTestId('validation-summary').textContent()).toMatch(
      /已检查 30 张模板：错误 \d+ 个，警告 \d+ 个/,
    );
    expect(await group.getByText(/^错误 \d+$/).count()).toBe(1); // the group's count badge

    // Going to the problem selects its cell in the grid (another sheet first, to see it move).
    await page.locator('nav.tabs button', { hasText: '指标库' }).click();
    await problem.click();
    await page.waitForFunction(() => document.querySelector('[data-testid="name-box"]')?.textContent === 'H13');
    expect(await activeTab()).toBe(C2_JUNE);
    expect(await cell('H13').getAttribute('aria-selected')).toBe('true');

    // The fix is applied only on request, then that sheet is checked again and the problem is gone.
    expect(await cell('H13').textContent()).toBe('250亿');
    await group.getByRole('button', { name: '修正：将 H13 改为 250' }).click();
    await problem.waitFor({ state: 'detached' });
    expect(await cell('H13').textContent()).toBe('250.00');
    await page.getByText(`已将“${C2_JUNE}”的 H13 改为 250，并重新校验了该表。`).waitFor();
  });

  it('offers the last completed month: in early July 2019 the June report (issue 11, observation 3)', async () => {
    const early = await preview.browser.newPage({ viewport: { width: 1400, height: 900 } });
    early.on('pageerror', (e) => preview.errors.push(e.message));
    try {
      await early.clock.setFixedTime(new Date(2019, 6, 3, 9, 0));
      await early.goto(preview.url);
      await early.getByTestId('plan-status').waitFor();
      expect(await early.getByTestId('month').inputValue()).toBe('6');
    } finally {
      await early.close();
    }
  });

  it('a month without a template gives a new sheet, active, its first input selected', async () => {
    await insert(/^转型升级/, '经信商务局', '7');
    await page.getByText('已插入“转型升级-经信商务局-7月”并选中 H7，可以开始填报。').waitFor();
    expect(await activeTab()).toBe('转型升级-经信商务局-7月');
    expect(await nameBox()).toBe('H7');
    expect(await cell('H6').textContent()).toBe('1–7月累计完成');
    expect(await page.locator('nav.tabs button').count()).toBe(1 + 30 + 1); // 指标库, the sample's Jan–Jun, July's
  });

  it('updates June’s 招大引强 sheet to July in place: renamed, 1–7月, every value kept', async () => {
    const c1 = '招大引强-投资促进中心-6月';
    const before = await page.locator('nav.tabs button').count();
    expect(await page.getByTestId('update-sheet').locator('option').count()).toBe(30); // the sample's Jan–Jun sheets
    await page.getByTestId('update-sheet').selectOption(c1);
    await page.getByTestId('month').selectOption('7');
    await page.getByRole('button', { name: '更新所选模板' }).click();
    await page
      .getByText(
        /“招大引强-投资促进中心-6月”已改为 2019 年 7 月并更名为“招大引强-投资促进中心-7月”.*保留已填数值 \d+ 个/,
      )
      .waitFor();
    expect(await activeTab()).toBe('招大引强-投资促进中心-7月');
    expect(await page.locator('nav.tabs button').count()).toBe(before);
    expect(await cell('H6').textContent()).toBe('1–7月累计完成');
    expect(await cell('H7').textContent()).toBe('3.80'); // the sample's June figure, kept as July's starting point
    expect(await cell('L7').textContent()).toBe('58.3%'); // 序时进度 of July: 7/12
    expect(await page.getByTestId('update-sheet').inputValue()).toBe('招大引强-投资促进中心-7月');
    // Inserting 招大引强 for 投资促进中心 in July now finds that sheet by its marker: re-applied, not duplicated.
    await page.getByRole('button', { name: '插入模板' }).click();
    await page.getByText('已重新应用模板').waitFor();
    expect(await page.locator('nav.tabs button').count()).toBe(before);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('checks again, by itself, the sheets staff change after a check', async () => {
    await page.getByRole('tab', { name: '校验' }).click();
    await page.getByTestId('check-all').click();
    await page
      .getByTestId('validation-summary')
      .getByText(/已检查 30 张模板/)
      .waitFor();
    const c1 = '招大引强-投资促进中心-6月';
    const group = page.getByRole('region', { name: `“${c1}”中的问题` });
    expect(await group.locator('[data-cell="H7"]').count()).toBe(0);
    await paste(c1, 'H7', '约4亿');
    await group.locator('[data-testid="problem"][data-cell="H7"]').waitFor();
    expect(await page.getByTestId('auto-revalidated').textContent()).toMatch(
      new RegExp(`^已自动重新校验（\\d\\d:\\d\\d:\\d\\d）：${c1}$`),
    );
  });

  it('the validation results pass axe and fit a 320 px pane', async () => {
    await page.getByRole('tab', { name: '校验' }).click();
    await page.getByTestId('check-all').click();
    await page.locator('[data-testid="problem"]').first().waitFor();
    expect(await seriousAxeViolations(page, 'aside.pane')).toEqual([]);
    await page.setViewportSize({ width: 320, height: 700 });
    expect(await page.locator('aside.pane').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    // Keyboard: the first problem is reachable with Tab from 校验全部 and selects its cell with Enter.
    await page.getByTestId('check-all').focus();
    const first = page.locator('[data-testid="problem"]').first();
    const cellOfFirst = await first.getAttribute('data-cell');
    await page.keyboard.press('Tab');
    expect(await first.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (c) => document.querySelector('[data-testid="name-box"]')?.textContent === c,
      cellOfFirst,
    );
  });
});
