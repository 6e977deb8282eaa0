import crypto from 'crypto';
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
  if (process.env.E2E_REQUIRED === '1')
    throw new Error(`E2E_REQUIRED=1 but ${CHROMIUM} does not exist (apt-get install -y chromium fonts-wqy-microhei)`);
  console.warn(`[e2e] ${CHROMIUM} not found: browser tests skipped (apt-get install -y chromium fonts-wqy-microhei)`);
}

/**
 * The preview built once for all e2e files: Jest runs each file in its own worker, so the build is shared through
 * the file system — a folder named after a hash of everything the build reads (src/, the webpack and TypeScript
 * configs, the lockfile). The first worker to claim it (an atomic mkdir of a lock) builds; the others wait for its
 * "done" file. A changed source gives another hash, hence a fresh build; older builds are removed.
 */
export async function buildPreview(): Promise<string> {
  const root = path.resolve(__dirname, '../..');
  const key = inputsHash(root);
  const out = path.join(os.tmpdir(), `kpi-preview-${key}`);
  const lock = `${out}.lock`;
  const done = path.join(out, '.done');
  const failed = `${out}.failed`;
  if (fs.existsSync(done)) return out;
  let claimed = false;
  try {
    fs.mkdirSync(lock);
    claimed = true;
  } catch {
    // Another worker is building: wait for it (a build takes well under the e2e hook timeout).
  }
  if (!claimed) {
    const deadline = Date.now() + 170_000;
    while (!fs.existsSync(done)) {
      if (fs.existsSync(failed))
        throw new Error(`preview build failed (in another worker): ${fs.readFileSync(failed, 'utf8')}`);
      // A lock left by a killed run (no build progressing) is taken over after the deadline.
      if (Date.now() > deadline) {
        fs.rmSync(lock, { recursive: true, force: true });
        return buildPreview();
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return out;
  }
  try {
    for (const old of fs.readdirSync(os.tmpdir()))
      if (old.startsWith('kpi-preview-') && !old.startsWith(`kpi-preview-${key}`))
        fs.rmSync(path.join(os.tmpdir(), old), { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(failed, { force: true });
    await webpackPreview(root, out);
    fs.writeFileSync(done, new Date().toISOString());
    return out;
  } catch (error) {
    fs.writeFileSync(failed, error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

async function webpackPreview(root: string, out: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require('../../webpack.config.js') as (
    env: object,
    argv: object,
  ) => Promise<webpack.Configuration>;
  const config = await makeConfig({ preview: true, outDir: out }, { mode: 'development' });
  config.context = root;
  config.devtool = false;
  await new Promise<void>((resolve, reject) =>
    webpack(config).run((err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    }),
  );
}

/** A hash of what the preview build reads: every file under src/ and assets/, and the build's configuration. */
function inputsHash(root: string): string {
  const hash = crypto.createHash('sha256');
  const add = (file: string) => {
    hash.update(path.relative(root, file));
    hash.update(fs.readFileSync(file));
  };
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else add(full);
    }
  };
  walk(path.join(root, 'src'));
  walk(path.join(root, 'assets'));
  for (const f of ['webpack.config.js', 'tsconfig.json', 'package-lock.json', 'manifest.xml'])
    if (fs.existsSync(path.join(root, f))) add(path.join(root, f));
  return hash.digest('hex').slice(0, 16);
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
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}
