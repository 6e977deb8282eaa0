import fs from 'fs';
import type { Browser, Page } from 'playwright-core';
import { buildProduction } from '../build/build';
import { chromiumAvailable, cspViolations, launch, serve, watchCspViolations } from './harness';

/**
 * The add-in's own page under its Content-Security-Policy, in Chromium (issue 12, observation 8): the production
 * build with office.js self-hosted (so that the test needs no network), served on a loopback origin. Every
 * `securitypolicyviolation` event and every CSP message in the console is collected from before the first script
 * runs; there must be none while
 *   - the real office.js loads outside Office and the page says where it has to be opened, and
 *   - with office.js answered by a stand-in that says "Excel" (served from the same path, so the policy is the
 *     build's own), the whole task pane renders — Fluent UI's run-time styles, the lazily loaded panels and
 *     language chunks, the status area — and each section is opened.
 * A control shows that the policy is enforced and seen: a script from another origin is refused and reported.
 */
const describeBrowser = chromiumAvailable ? describe : describe.skip;
jest.setTimeout(300_000);

/** Just what the page's start-up reads from Office.js; Excel itself is absent (each workbook call is refused). */
const OFFICE_STAND_IN = `
window.Office = {
  HostType: { Excel: 'Excel' },
  EventType: { OfficeThemeChanged: 'officeThemeChanged' },
  AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  PlatformType: { PC: 'PC', Mac: 'Mac', OfficeOnline: 'OfficeOnline' },
  onReady: function () { return Promise.resolve({ host: 'Excel', platform: 'OfficeOnline' }); },
  context: {
    displayLanguage: 'zh-CN',
    platform: 'OfficeOnline',
    officeTheme: { bodyBackgroundColor: '#FFFFFF' },
    requirements: { isSetSupported: function () { return true; } },
    document: {
      addHandlerAsync: function (t, h, cb) { if (cb) cb({ status: 'succeeded' }); },
      removeHandlerAsync: function (t, o, cb) { if (cb) cb({ status: 'succeeded' }); },
    },
  },
  actions: { associate: function () {} },
  addin: { showAsTaskpane: function () { return Promise.resolve(); } },
};
window.Excel = { run: function () { return Promise.reject(new Error('no Excel in this test')); } };
window.CustomFunctions = {
  ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A', divisionByZero: '#DIV/0!', invalidNumber: '#NUM!' },
  Error: Error,
  associate: function () {},
};
`;

describeBrowser('taskpane.html under its Content-Security-Policy (Chromium)', () => {
  let out = '';
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    out = await buildProduction(['taskpane', 'commands', 'functions'], { officeJs: 'self' });
    server = await serve(out);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  async function open(standIn: boolean): Promise<{ page: Page; violations: () => Promise<string[]> }> {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    const console: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) console.push(m.text());
    });
    await watchCspViolations(page);
    if (standIn)
      await page.route('**/office-js/office.js', (route) =>
        route.fulfill({ contentType: 'text/javascript', body: OFFICE_STAND_IN }),
      );
    await page.goto(`${server.url}taskpane.html`);
    const violations = async () => [...(await cspViolations(page)), ...console];
    return { page, violations };
  }

  test('the page carries the policy; a script from another origin is refused and reported (the control)', async () => {
    const { page, violations } = await open(false);
    const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(policy).toContain("script-src 'self';");
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.src = 'https://cdn.example.invalid/x.js';
      document.head.append(s);
    });
    await page.waitForFunction(() => (window as unknown as { __cspViolations: string[] }).__cspViolations.length > 0);
    expect((await violations()).join('\n')).toContain('script-src-elem https://cdn.example.invalid/x.js');
    await page.close();
  });

  test('outside Office, the real office.js loads and the page says where to open it: no violation', async () => {
    const { page, violations } = await open(false);
    await page.getByText(/Excel/).first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await violations()).toEqual([]);
    await page.close();
  });

  test('in "Excel", the whole pane renders and each section opens: no violation', async () => {
    const { page, violations } = await open(true);
    for (const section of ['模板', '校验', '设置', '汇总']) {
      await page.getByRole('tab', { name: section }).click();
      await page.getByRole('tab', { name: section, selected: true }).waitFor();
      await page.waitForLoadState('networkidle');
    }
    // Workbook calls were refused (there is no Excel): the status area shows it, styled like the rest.
    await page.getByRole('region', { name: '通知' }).waitFor();
    await page.getByTestId('consolidate').click();
    await page.waitForLoadState('networkidle');
    const styled = await page.evaluate(() => document.querySelectorAll('style').length);
    expect(styled).toBeGreaterThan(1); // Fluent's run-time styles were inserted (and allowed)
    expect(await violations()).toEqual([]);
    await page.close();
  });
});
