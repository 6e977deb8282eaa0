import fs from 'fs';
import path from 'path';
import zlib from 'zlib';
import { buildProduction } from './build';

/**
 * The production add-in bundle: within its gzipped budgets, free of the preview host and HyperFormula (GPLv3),
 * with no eval and no network API of its own (it loads only its own files and office.js).
 */
jest.setTimeout(180_000);

let out = '';
beforeAll(async () => {
  out = await buildProduction(['taskpane', 'commands', 'functions']);
});

const js = () => fs.readdirSync(out).filter((f) => f.endsWith('.js'));
const read = (f: string) => fs.readFileSync(path.join(out, f), 'utf8');

it('stays within the budgets: task pane ≤ 200 KB and functions ≤ 20 KB gzipped', () => {
  const budgets = JSON.parse(read('budgets.json')) as Record<string, { gzipBytes: number; budget: number }>;
  expect(budgets.taskpane?.budget).toBe(200 * 1024);
  expect(budgets.functions?.budget).toBe(20 * 1024);
  for (const [entry, b] of Object.entries(budgets)) {
    expect([entry, b.gzipBytes <= b.budget]).toEqual([entry, true]);
    expect(zlib.gzipSync(fs.readFileSync(path.join(out, `${entry}.js`)), { level: 9 }).length).toBe(b.gzipBytes);
  }
});

it('contains neither the preview host nor HyperFormula', () => {
  // The three entries, and the chunks they load on demand (feature panels, the xlsx reader, the ribbon's use case).
  const entries = js().filter((f) => !/\.[0-9a-f]{8}\.js$/.test(f));
  expect(entries.sort()).toEqual(['commands.js', 'functions.js', 'taskpane.js']);
  for (const f of js()) {
    const code = read(f);
    expect([f, /HyperFormula|hyperformula|gpl-v3/.test(code)]).toEqual([f, false]);
    expect([f, code.includes('__kpiPreview')]).toEqual([f, false]); // the preview entry's global
  }
});

it('loads the xlsx reader, the feature panels and the ribbon use case on demand, not with the page', () => {
  for (const entry of ['taskpane.js', 'commands.js']) {
    const code = read(entry);
    expect([entry, /decode_range|SheetJS/.test(code)]).toEqual([entry, false]); // @e965/xlsx
    expect([entry, code.includes('kpi-summary')]).toEqual([entry, false]); // the consolidation domain
  }
  expect(js().some((f) => f !== 'taskpane.js' && /decode_range/.test(read(f)))).toBe(true);
});

it('runs no generated code and opens no network connection of its own', () => {
  for (const f of js()) {
    const code = read(f);
    expect([f, code.match(/\beval\s*\(/g)]).toEqual([f, null]);
    // Zod's probe `new Function("")` is skipped when jitless (set in the plan schema); nothing else may remain.
    const functions = (code.match(/new Function\([^)]*\)/g) ?? []).filter((m) => m !== 'new Function("")');
    expect([f, functions]).toEqual([f, []]);
    expect([f, code.match(/\bfetch\s*\(|XMLHttpRequest|WebSocket|sendBeacon|EventSource/g)]).toEqual([f, null]);
  }
});

it('rewrites every manifest URL to the build-time base URL', () => {
  const manifest = read('manifest.xml');
  expect(manifest).not.toMatch(/https:\/\/localhost:3000\//);
  expect(manifest).toContain('https://kpi.example.gov.cn/addin/taskpane.html');
  expect(JSON.parse(read('build-info.json'))).toMatchObject({
    baseUrl: 'https://kpi.example.gov.cn/addin/',
    mode: 'production',
  });
});
