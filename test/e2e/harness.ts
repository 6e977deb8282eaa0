import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import webpack from 'webpack';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Browser tests against the preview host: build it once into a temporary folder, serve it on a loopback port,
 * drive Debian's Chromium with playwright-core. Without /usr/bin/chromium the suite is skipped (with a
 * notice), unless E2E_REQUIRED=1 (as in CI), where that is a failure.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = fs.existsSync(CHROMIUM);
if (!chromiumAvailable) {
  if (process.env.E2E_REQUIRED === '1') throw new Error(`E2E_REQUIRED=1 but ${CHROMIUM} does not exist (apt-get install -y chromium fonts-wqy-microhei)`);
  console.warn(`[e2e] ${CHROMIUM} not found: browser tests skipped (apt-get install -y chromium fonts-wqy-microhei)`);
}

export async function buildPreview(): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require('../../webpack.config.js') as (env: object, argv: object) => Promise<webpack.Configuration>;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-preview-'));
  const config = await makeConfig({ preview: true, outDir: out }, { mode: 'development' });
  config.context = path.resolve(__dirname, '../..');
  config.devtool = false;
  await new Promise<void>((resolve, reject) =>
    webpack(config).run((err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    }),
  );
  return out;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

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
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * Serious and critical axe-core violations on the page (or within `context`), as "rule: targets" lines.
 * Fluent's focus sentinels (<i data-tabster-dummy aria-hidden tabindex=0>) are a documented false positive of
 * aria-hidden-focus (microsoft/fluentui#27517, by design; Accessibility Insights suppresses them too): only those
 * nodes are left out.
 */
export async function seriousAxeViolations(page: Page, context = 'html'): Promise<string[]> {
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
    .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}
