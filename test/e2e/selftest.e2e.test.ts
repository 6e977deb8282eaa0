import type { Page } from 'playwright-core';
import { PORT_CHECKS } from '../../src/workbook/contract/portContract';
import { chromiumAvailable, previewPages } from './harness';

/**
 * 设置 → 自检 in the preview (Chromium): the port contract runs against the memory workbook beside the pane, every
 * check passes, the report names them, and the workbook is as it was (tabs and every sheet's cells). Sending posts
 * the results to https://localhost:4201/results/ as office-addin-test-helpers does (intercepted here).
 */
const describeBrowser = chromiumAvailable ? describe : describe.skip;
jest.setTimeout(180_000);

interface PreviewWindow {
  __kpiPreview: {
    sheetNames(): string[];
    readAllSheets(options: object): Promise<unknown>;
  };
}

describeBrowser('设置 → 自检 in the preview (Chromium)', () => {
  const preview = previewPages(null);
  let page: Page;
  beforeEach(() => {
    page = preview.page;
  });

  const workbookState = () =>
    page.evaluate(async () => {
      const wb = (window as unknown as PreviewWindow).__kpiPreview;
      return { names: wb.sheetNames(), data: await wb.readAllSheets({ formulas: true, numberFormats: true }) };
    });

  it('runs every check against the memory workbook, all pass, and leaves the workbook as it was', async () => {
    await page.goto(preview.url);
    await page.getByRole('tab', { name: '设置' }).waitFor();
    const tabsBefore = await page.locator('nav.tabs button').allTextContents();
    const before = await workbookState();

    await page.getByRole('tab', { name: '设置' }).click();
    await page.getByTestId('selftest-run').click();
    const summary = page.getByTestId('selftest-summary');
    await summary.waitFor({ timeout: 120_000 });

    const total = PORT_CHECKS.length + 1;
    expect(await summary.textContent()).toBe(`${total} 项通过，0 项失败，0 项跳过`);
    const results = page.getByTestId('selftest-result');
    expect(await results.count()).toBe(total);
    expect(await page.locator('[data-testid="selftest-result"][data-status="passed"]').count()).toBe(total);

    const report = await page.getByTestId('selftest-report').inputValue();
    expect(report).toContain('KPI 加载项自检报告');
    expect(report).toContain('适配器 / Adapter: memory');
    expect(report).toContain(`结果 / Result: ${total} passed, 0 failed, 0 skipped`);
    for (const check of PORT_CHECKS) expect(report).toContain(`[passed] ${check.id} (`);
    expect(report).toContain('[passed] workbook.unchanged (');

    expect(await page.locator('nav.tabs button').allTextContents()).toEqual(tabsBefore);
    expect(await workbookState()).toEqual(before);
  });

  it('goes on when the user leaves 设置 mid-run, and shows that run on coming back (no second run)', async () => {
    await page.goto(preview.url);
    await page.getByRole('tab', { name: '设置' }).waitFor();
    const before = await workbookState();
    await page.getByRole('tab', { name: '设置' }).click();
    await page.getByTestId('selftest-run').click();
    await page.getByRole('tab', { name: '模板' }).click();
    await page.getByRole('tab', { name: '设置' }).click();
    await page.getByTestId('selftest-run').click(); // while running: ignored
    const summary = page.getByTestId('selftest-summary');
    await summary.waitFor({ timeout: 120_000 });
    const total = PORT_CHECKS.length + 1;
    expect(await summary.textContent()).toBe(`${total} 项通过，0 项失败，0 项跳过`);
    expect(await page.getByTestId('selftest-result').count()).toBe(total);
    expect(await workbookState()).toEqual(before);
  });

  it('sends the results to the test server as office-addin-test-helpers does', async () => {
    const posted: { url: string; method: string; body: unknown; type: string | undefined }[] = [];
    await page.route('https://localhost:4201/**', async (route) => {
      const request = route.request();
      posted.push({
        url: request.url(),
        method: request.method(),
        body: request.postDataJSON(),
        type: await request.headerValue('content-type').then((v) => v ?? undefined),
      });
      await route.fulfill({ status: 200, body: '200', headers: { 'Access-Control-Allow-Origin': '*' } });
    });
    await page.goto(`${preview.url}?selftest=post`);
    // Opened with the flag: 设置 is shown, 自检 runs by itself and sends when done.
    await page.getByTestId('selftest-summary').waitFor({ timeout: 120_000 });
    await page.getByText('结果已发送到测试服务器。').waitFor();
    expect(posted).toHaveLength(1);
    const [post] = posted;
    expect(post?.method).toBe('POST');
    expect(post?.type).toBe('application/json');
    expect(post?.url.startsWith('https://localhost:4201/results/?data=')).toBe(true);
    const body = post?.body as { resultName: string; resultValue: unknown; expectedValue: unknown }[];
    expect(body.map((r) => r.resultName)).toEqual([
      'selftest.environment',
      ...PORT_CHECKS.map((c) => c.id),
      'workbook.unchanged',
    ]);
    expect(body.slice(1).every((r) => r.resultValue === 'passed' && r.expectedValue === 'passed')).toBe(true);
    expect(JSON.parse(decodeURIComponent(post?.url.split('?data=')[1] ?? ''))).toEqual(body);
  });
});
