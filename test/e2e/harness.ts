import fs from 'fs';
import http from 'http';
import path from 'path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { CHROMIUM, previewSite } from './previewBuild';

/**
 * Browser tests against the preview host: the preview built once per run by the globalSetup (`previewSite()`,
 * see previewBuild.ts), served on a loopback port, driven in Debian's Chromium with playwright-core. Without
 * /usr/bin/chromium the suite is skipped (with a notice), unless E2E_REQUIRED=1 (as in CI), where that is a failure.
 */
export { CHROMIUM, previewSite } from './previewBuild';
export const chromiumAvailable = fs.existsSync(CHROMIUM);
if (!chromiumAvailable) {
  if (process.env.E2E_REQUIRED === '1')
    throw new Error(`E2E_REQUIRED=1 but ${CHROMIUM} does not exist (apt-get install -y chromium fonts-wqy-microhei)`);
  console.warn(`[e2e] ${CHROMIUM} not found: browser tests skipped (apt-get install -y chromium fonts-wqy-microhei)`);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** A static file server on 127.0.0.1 and an ephemeral port. */
export async function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.join(dir, path.normalize(rel));
    if (!file.startsWith(dir) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * Serious and critical axe-core violations on the page (or within `context`), as "rule: targets" lines.
 * Fluent's focus sentinels (<i data-tabster-dummy aria-hidden tabindex=0>) are a documented false positive of
 * aria-hidden-focus (microsoft/fluentui#27517, by design; Accessibility Insights suppresses them too): only those
 * nodes are left out. Transitions are switched off first (see below).
 */
export async function seriousAxeViolations(page: Page, context = 'html'): Promise<string[]> {
  // Colours are judged as they settle: Fluent buttons fade between their busy (disabled) and ready colours, and a
  // contrast measured mid-fade depends on the machine's speed, not on the page.
  await page.addStyleTag({
    content: '*, *::before, *::after { transition: none !important; animation: none !important; }',
  });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.addScriptTag({ content: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
  const result = (await page.evaluate(
    (ctx) =>
      (window as unknown as { axe: { run: (c: string, o: object) => Promise<unknown> } }).axe.run(ctx, {
        resultTypes: ['violations'],
      }),
    context,
  )) as { violations: { id: string; impact: string; nodes: { target: string[]; html: string }[] }[] };
  return result.violations
    .map((v) => ({
      ...v,
      nodes: v.id === 'aria-hidden-focus' ? v.nodes.filter((n) => !n.html.includes('data-tabster-dummy')) : v.nodes,
    }))
    .filter((v) => v.nodes.length > 0 && (v.impact === 'serious' || v.impact === 'critical'))
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}

/** What a suite driving the preview has: the served site, the browser, and the page opened for the current test. */
export interface PreviewPages {
  readonly url: string;
  readonly browser: Browser;
  readonly page: Page;
  /** Uncaught page errors; a page a test opens itself may report here too. */
  readonly errors: string[];
}

/**
 * Registers the hooks every preview suite needs — serve the preview and launch Chromium once, open a fresh
 * 1400 × 900 page per test, fail a test on any uncaught page error — and returns accessors valid inside tests.
 * `open` takes each new page to where the suite starts (default: loaded, the 模板 tab shown); `null` leaves it blank.
 * `locale` is the browser's language for the page (navigator.language; default Chromium's own, en-US).
 */
export function previewPages(
  open: ((page: Page, url: string) => Promise<void>) | null = openPreview,
  { locale }: { readonly locale?: string } = {},
): PreviewPages {
  let server: { url: string; close: () => Promise<void> } | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  const errors: string[] = [];
  beforeAll(async () => {
    server = await serve(previewSite());
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    page = await need(browser).newPage({ viewport: { width: 1400, height: 900 }, ...(locale ? { locale } : {}) });
    page.on('pageerror', (e) => errors.push(e.message));
    if (open) await open(page, need(server).url);
  });
  afterEach(async () => {
    await page?.close();
    expect(errors).toEqual([]);
  });
  return {
    errors,
    get url() {
      return need(server).url;
    },
    get browser() {
      return need(browser);
    },
    get page() {
      return need(page);
    },
  };
}

/** The preview loaded, its 模板 tab shown. */
export async function openPreview(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('tab', { name: '模板' }).waitFor();
}

function need<T>(x: T | undefined): T {
  if (x === undefined) throw new Error('previewPages: used outside a test');
  return x;
}

/** The preview loaded, its 汇总 tab open and the panel's chunk loaded. */
/** The preview opened on 模板, once the workbook's 指标库 has been read (the plan status shows). */
export async function openTemplates(page: Page, url: string): Promise<void> {
  await openPreview(page, url);
  await page.getByTestId('plan-status').waitFor();
}

export async function openConsolidation(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('tab', { name: '汇总' }).click();
  await page.getByTestId('consolidate').waitFor();
}

/**
 * Makes the page collect every `securitypolicyviolation` from its first script on (an init script runs before any
 * of the page's own); call before `goto`. `cspViolations` returns them.
 */
export async function watchCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const found: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = found;
    document.addEventListener('securitypolicyviolation', (e) =>
      found.push(`${e.effectiveDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
}

/** The violations collected since `watchCspViolations` (in this document); throws when they were not watched. */
export async function cspViolations(page: Page): Promise<string[]> {
  const found = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations);
  if (!found) throw new Error('CSP violations are not watched on this page (watchCspViolations before goto)');
  return found;
}

/**
 * The files page (files.html beside the preview's index.html, issue 14), its CSP violations watched from the start,
 * rendered (its heading shown).
 */
export async function openFilesPage(page: Page, url: string): Promise<void> {
  await watchCspViolations(page);
  await page.goto(`${url}files.html`);
  await page.locator('h1').waitFor();
}

/** What clicking a download link saved: the file name the browser suggested, and the bytes. */
export async function download(page: Page, link: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [saved] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const file = await saved.path();
  return { name: saved.suggestedFilename(), bytes: fs.readFileSync(file) };
}
