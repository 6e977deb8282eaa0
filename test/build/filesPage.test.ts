import fs from 'fs';
import path from 'path';
import zlib from 'zlib';
import { buildProduction } from './build';

/**
 * The files page (dist/files.html, issue 14) as shipped with the add-in's static files: its own CSP first in
 * <head> ('self' only: no inline script or style, no connection beyond its origin), its scripts free of the preview's
 * GPL engine, of eval and of any network API — files never leave the browser.
 */
jest.setTimeout(180_000);

let out = '';
beforeAll(async () => {
  out = await buildProduction(['files']);
});
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

const read = (f: string) => fs.readFileSync(path.join(out, f), 'utf8');
const js = () => fs.readdirSync(out).filter((f) => f.endsWith('.js'));

test('files.html: the page’s own policy first in <head>, its stylesheet, its script; nothing inline', () => {
  const html = read('files.html');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { FILES_PAGE_CSP } = require('../../webpack.config.js') as { FILES_PAGE_CSP: string };
  const metas = [...html.matchAll(/<meta\s+http-equiv="?Content-Security-Policy"?\s+content="([^"]*)"/gi)];
  expect(metas.map((m) => m[1])).toEqual([FILES_PAGE_CSP]);
  const resource = Math.min(...['<script', '<link', '<style'].map((t) => html.indexOf(t)).filter((i) => i >= 0));
  expect(metas[0]?.index ?? Infinity).toBeLessThan(resource);
  expect(FILES_PAGE_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  expect(html).toMatch(/href="?files\.css"?/);
  expect(html).toMatch(/<script[^>]+src="?files\.js"?/);
  expect(html).not.toMatch(/<script>(?!<\/script>)|<style>| style="/);
  expect(fs.existsSync(path.join(out, 'files.css'))).toBe(true);
});

test('its scripts: no HyperFormula, no eval, no network API of their own', () => {
  let gzip = 0;
  for (const f of js()) {
    const code = read(f);
    gzip += zlib.gzipSync(code, { level: 9 }).byteLength;
    expect([f, /HyperFormula|hyperformula|gpl-v3/.test(code)]).toEqual([f, false]);
    expect([f, code.match(/\beval\s*\(/g)]).toEqual([f, null]);
    expect([f, code.match(/\bfetch\s*\(|XMLHttpRequest|WebSocket|sendBeacon|EventSource/g)]).toEqual([f, null]);
  }
  console.log(`files page: ${js().length} scripts, ${(gzip / 1000).toFixed(1)} KB gzip in all`);
});

test('the preview (npm start) builds the files page without eval in development too, as its CSP requires', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require('../../webpack.config.js') as (
    env: object,
    argv: object,
  ) => Promise<{ devtool?: unknown }>;
  for (const mode of ['development', 'production']) {
    const config = await makeConfig({ preview: true }, { mode });
    expect([mode, String(config.devtool)]).not.toEqual([mode, expect.stringContaining('eval')]);
  }
});
