import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launch, previewSite, serve } from './harness';

/**
 * One workbook-writing action at a time, as the user sees it in the preview host (Chromium; issue 12, observation
 * 7): while 一键汇总 is writing (its write held here at a gate, as a slow Excel on the web would hold it), the pane's
 * other writing actions are refused with "正在汇总，请等本次完成后再试" in the status area, nothing is written; once
 * the run has finished, the same click works. A ribbon click refused meanwhile (recorded by the ribbon entry in the
 * same page) is shown in the pane once.
 */
const describeBrowser = chromiumAvailable ? describe : describe.skip;
jest.setTimeout(180_000);

type Gate = { __open?: () => void; __held?: boolean };

describeBrowser('one writing action at a time (Chromium, preview host)', () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await serve(previewSite());
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.getByTestId('plan-status').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const sheetTabs = () => page.locator('nav.tabs button').count();

  test('a click while 一键汇总 writes is told to wait, and works once the run is done', async () => {
    // The run's write waits at a gate the test opens.
    await page.evaluate(() => {
      const w = window as unknown as Gate & { __kpiPreview: { writeSheets: (...a: unknown[]) => Promise<void> } };
      const wb = w.__kpiPreview;
      const write = wb.writeSheets.bind(wb);
      const gate = new Promise<void>((resolve) => (w.__open = resolve));
      wb.writeSheets = async (...args: unknown[]) => {
        w.__held = true;
        await gate;
        return write(...args);
      };
    });
    await page.getByRole('tab', { name: '汇总' }).click();
    await page.getByTestId('consolidate').click();
    await page.waitForFunction(() => (window as unknown as Gate).__held === true);

    // The run is writing: 插入模板 in the 模板 section is refused, and says why.
    await page.getByRole('tab', { name: '模板' }).click();
    await page.getByTestId('plan-status').waitFor();
    const before = await sheetTabs();
    await page.getByTestId('insert-template').click();
    const status = page.getByRole('region', { name: '通知' });
    await status.getByText('正在汇总，请等本次完成后再试').waitFor();
    expect(await status.getByText('请稍候').count()).toBe(1);
    expect(await sheetTabs()).toBe(before);

    // The run finishes; the same click now inserts the template.
    await page.evaluate(() => (window as unknown as Gate).__open?.());
    await page.locator('nav.tabs button', { hasText: '明细' }).waitFor();
    const after = await sheetTabs();
    await page.getByTestId('insert-template').click();
    await status.getByText('已插入模板').waitFor();
    expect(await sheetTabs()).toBe(after + 1);
    expect(await status.getByText('正在汇总，请等本次完成后再试').count()).toBe(1); // the earlier one only
    expect(errors).toEqual([]);
  });

  test('a ribbon click refused meanwhile is shown once in the pane, and taken from the record', async () => {
    const status = page.getByRole('region', { name: '通知' });
    const message = status.getByText('正在汇总，请等本次完成后再试');
    const before = await message.count();
    // What the ribbon entry (commands.ts, recordRibbonRefusal) does in the same page: the record is on globalThis.
    const left = await page.evaluate(async () => {
      type Slot = { refusal?: { at: number; running: string }; listeners: Set<() => void> };
      const slot = (globalThis as unknown as Record<symbol, Slot>)[Symbol.for('kpi-campaign-addin.lastConsolidation')];
      if (!slot) throw new Error('no lastRun record in the page');
      slot.refusal = { at: Date.now(), running: 'consolidation' };
      for (const listener of [...slot.listeners]) listener();
      await new Promise((resolve) => setTimeout(resolve, 500));
      return slot.refusal;
    });
    expect(left).toBeUndefined();
    await page.waitForFunction(
      (n) =>
        [...document.querySelectorAll('section[aria-label="通知"]')]
          .map((e) => e.textContent ?? '')
          .join('')
          .split('正在汇总，请等本次完成后再试').length -
          1 >
        n,
      before,
    );
    expect(await message.count()).toBe(before + 1);
  });
});
