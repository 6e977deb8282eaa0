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
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

const js = () => fs.readdirSync(out).filter((f) => f.endsWith('.js'));
const read = (f: string) => fs.readFileSync(path.join(out, f), 'utf8');

it('stays within the budgets: the task pane page ≤ 150 KB before first paint, functions.js ≤ 5 KB (gzipped)', () => {
  type Budget = { gzipBytes: number; budget: number };
  const budgets = JSON.parse(read('budgets.json')) as {
    page: Budget & {
      scripts: Record<string, number>;
      languages: Record<string, number>;
      languageFiles: Record<string, string[]>;
    };
    functions: Budget;
  };
  expect(budgets.page.budget).toBe(150_000);
  expect(budgets.functions.budget).toBe(5_000);
  expect(budgets.page.gzipBytes).toBeLessThanOrEqual(budgets.page.budget);
  expect(budgets.functions.gzipBytes).toBeLessThanOrEqual(budgets.functions.budget);
  const gz = (f: string) => zlib.gzipSync(fs.readFileSync(path.join(out, f)), { level: 9 }).length;
  // Every script the page loads before first paint is counted: exactly those taskpane.html names, plus one language.
  const html = read('taskpane.html');
  const tags = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)]
    .map((m) => m[1] ?? '')
    .filter((src) => !/office\.js$/.test(src));
  expect(Object.keys(budgets.page.scripts).sort()).toEqual(tags.map((t) => t.replace(/^.*\//, '')).sort());
  for (const [file, bytes] of Object.entries(budgets.page.scripts)) expect([file, gz(file)]).toEqual([file, bytes]);
  expect(Object.keys(budgets.page.languages).sort()).toEqual(['messages-en', 'messages-zh']);
  // A language counts its chunk and every chunk webpack loads with it (modules it shares with other chunks).
  for (const lang of ['messages-en', 'messages-zh']) {
    const files = budgets.page.languageFiles[lang] ?? [];
    expect(files.filter((f) => f.startsWith(`${lang}.`))).toHaveLength(1);
    expect(budgets.page.languages[lang]).toBe(files.reduce((n, f) => n + gz(f), 0));
  }
  const sum = (xs: Record<string, number>) => Object.values(xs).reduce((a, b) => a + b, 0);
  expect(budgets.page.gzipBytes).toBe(sum(budgets.page.scripts) + Math.max(...Object.values(budgets.page.languages)));
  expect(budgets.functions.gzipBytes).toBe(gz('functions.js'));
});

it('the page carries neither zod, the built-in plan, the Excel adapter nor the other language’s messages', () => {
  const page = read('taskpane.js');
  expect(page).not.toMatch(/ZodError|jitless/); // zod
  expect(page).not.toContain('five-campaigns-2019'); // the plan JSON
  expect(page).not.toContain('getUsedRangeOrNullObject'); // the Excel adapter
  expect(page).not.toContain('未填报'); // a message: the catalogue is a chunk per language
  expect(read('functions.js')).not.toMatch(/structure\.|ui\.nav|consolidation\./); // only the functions' messages
  expect(js().find((f) => f.startsWith('messages-zh.'))).toBeDefined();
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
