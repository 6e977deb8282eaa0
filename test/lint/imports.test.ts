import path from 'path';
import { cycles, importGraph, type Graph } from './importGraph';

/**
 * The shape of src (ARCHITECTURE.md, docs/architecture.md), checked on its import graph: no cycle anywhere; the
 * domain's layers only look down; use cases never choose an adapter; only the entries do.
 */

const SRC = path.resolve(__dirname, '../../src');
const graph = importGraph(SRC);
const edges = [...graph].flatMap(([from, tos]) => [...tos].map((to) => [from, to] as const));

it('has no import cycle anywhere in src', () => {
  expect(cycles(graph)).toEqual([]);
});

it('the cycle check finds a planted cycle (so that the test above can fail)', () => {
  const planted: Graph = new Map([
    ['a.ts', new Set(['b.ts'])],
    ['b.ts', new Set(['c.ts'])],
    ['c.ts', new Set(['a.ts'])],
    ['d.ts', new Set(['d.ts'])],
    ['e.ts', new Set(['a.ts'])],
  ]);
  expect(cycles(planted).sort()).toEqual([['a.ts', 'b.ts', 'c.ts'], ['d.ts']]);
});

/** The domain's layers, lowest first: a module imports only its own layer and those below. */
const DOMAIN_LAYERS = ['i18n', 'grid', 'calc', 'plan', 'template', 'validation', 'consolidation', 'bulletin'];
const layerOf = (file: string): number | undefined => {
  const m = /^domain\/([^/]+)\//.exec(file);
  return m?.[1] === undefined ? undefined : DOMAIN_LAYERS.indexOf(m[1]);
};

it('every domain module is in a layer', () => {
  const loose = [...graph.keys()].filter((f) => f.startsWith('domain/') && (layerOf(f) ?? -1) < 0);
  expect(loose).toEqual([]);
});

it('the domain’s layers only look down (i18n ← grid ← calc ← plan ← template ← validation ← consolidation)', () => {
  const upward = edges.filter(([from, to]) => {
    const a = layerOf(from);
    const b = layerOf(to);
    return a !== undefined && b !== undefined && b > a;
  });
  expect(upward.map(([a, b]) => `${a} → ${b}`)).toEqual([]);
});

/**
 * Only the entries choose an adapter: the task pane's index, the ribbon commands, the preview host, the command line
 * and the files page.
 */
const ENTRIES = /^(taskpane\/index\.tsx|commands\/|preview\/|cli\/|filesPage\/)/;
const ADAPTERS = /^workbook\/(excel\/|memory\/|files\/file(Workbook|Contract)\.ts)/;

it.each([
  ['the domain imports nothing outside it', /^domain\//, /^(?!domain\/)/],
  ['use cases never import an adapter', /^workbook\/usecases\//, ADAPTERS],
  ['adapters never import a use case', ADAPTERS, /^workbook\/usecases\//],
  [
    'the port and the use cases never import the UI',
    /^workbook\//,
    /^(taskpane|preview|commands|functions|cli|filesPage)\//,
  ],
  ['the custom functions import only the domain', /^functions\//, /^(?!domain\/)/],
])('%s', (_rule, from, to) => {
  expect(edges.filter(([a, b]) => from.test(a) && to.test(b)).map(([a, b]) => `${a} → ${b}`)).toEqual([]);
});

it('only the entries choose an adapter', () => {
  const choosing = edges.filter(([a, b]) => ADAPTERS.test(b) && !ADAPTERS.test(a) && !ENTRIES.test(a));
  expect(choosing.map(([a, b]) => `${a} → ${b}`)).toEqual([]);
});
