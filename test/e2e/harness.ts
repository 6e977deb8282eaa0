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
 * configs, the lockfile). The first worker to claim it (an atomic mkdir of a lock holding its pid) builds into a
 * folder of its own and renames it into place, so that nobody ever serves a half-written build; the others wait.
 * A lock whose process is gone (a run killed mid-build) is taken over at once. A build that failed says so to the
 * waiters (a ".failed" file, written before the lock is released). Builds of other hashes older than a day are
 * removed; those of a concurrent run (another checkout, other sources) are left alone.
 */
export async function buildPreview(): Promise<string> {
  const root = path.resolve(__dirname, '../..');
  const out = path.join(os.tmpdir(), `kpi-preview-${inputsHash(root)}`);
  const lock = `${out}.lock`;
  const failed = `${out}.failed`;
  for (;;) {
    if (fs.existsSync(path.join(out, '.done'))) return out;
    if (claim(lock)) {
      try {
        if (fs.existsSync(path.join(out, '.done'))) return out; // finished between the check and the claim
        fs.rmSync(failed, { force: true });
        removeOldBuilds(out);
        const staging = `${out}.tmp-${process.pid}`;
        fs.rmSync(staging, { recursive: true, force: true });
        try {
          await webpackPreview(root, staging);
          fs.writeFileSync(path.join(staging, '.done'), new Date().toISOString());
          fs.rmSync(out, { recursive: true, force: true });
          fs.renameSync(staging, out);
          return out;
        } catch (error) {
          fs.rmSync(staging, { recursive: true, force: true });
          fs.writeFileSync(failed, error instanceof Error ? error.message : String(error));
          throw error;
        }
      } finally {
        fs.rmSync(lock, { recursive: true, force: true });
      }
    }
    // Another worker builds: wait for its build, its failure, or its death.
    while (fs.existsSync(lock) && !fs.existsSync(path.join(out, '.done'))) {
      if (!lockAlive(lock)) {
        fs.rmSync(lock, { recursive: true, force: true });
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    if (!fs.existsSync(path.join(out, '.done')) && !fs.existsSync(lock) && fs.existsSync(failed))
      throw new Error(`preview build failed (in another worker): ${fs.readFileSync(failed, 'utf8')}`);
  }
}

/** Takes the lock (an atomic mkdir) and records this process in it; false when another process holds it. */
function claim(lock: string): boolean {
  try {
    fs.mkdirSync(lock);
  } catch {
    return false;
  }
  fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
  return true;
}

/** Whether the process that holds the lock still runs (a lock without its pid yet counts as alive: just taken). */
function lockAlive(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
  } catch {
    return true;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes other builds of the preview that are over a day old and not being built (no lock). */
function removeOldBuilds(current: string): void {
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const entry of fs.readdirSync(os.tmpdir())) {
    const full = path.join(os.tmpdir(), entry);
    if (!entry.startsWith('kpi-preview-') || full.startsWith(current)) continue;
    const base = full.replace(/\.(lock|failed|tmp-\d+)$/, '');
    if (fs.existsSync(`${base}.lock`)) continue;
    try {
      if (fs.statSync(full).mtimeMs < dayAgo) fs.rmSync(full, { recursive: true, force: true });
    } catch {
      // removed meanwhile by another run
    }
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
