import { spawnSync } from 'child_process';
import path from 'path';

/** The import boundaries of ARCHITECTURE.md are enforced by lint: these snippets must fail (or pass) it. */
jest.setTimeout(60_000);

const root = path.resolve(__dirname, '../..');

type Probe = readonly [file: string, code: string];

const REFUSED: readonly (readonly [file: string, code: string, rule: string])[] = [
  ['src/domain/probe.ts', "import { useState } from 'react';\nexport const x = useState;\n", 'no-restricted-imports'],
  [
    'src/domain/probe.ts',
    "import { MemoryWorkbook } from '../workbook/memory/memoryWorkbook';\nexport const x = MemoryWorkbook;\n",
    'no-restricted-imports',
  ],
  ['src/domain/probe.ts', 'export const x = () => Excel.run;\n', 'no-restricted-globals'],
  ['src/domain/probe.ts', 'export const x = () => document.title;\n', 'no-restricted-globals'],
  ['src/workbook/probe.ts', "import { App } from '../taskpane/App';\nexport const x = App;\n", 'no-restricted-imports'],
  ['src/workbook/memory/probe.ts', 'export const x = () => Office.context;\n', 'no-restricted-globals'],
  [
    'src/workbook/excel/probe.ts',
    "import { App } from '../../taskpane/App';\nexport const x = App;\n",
    'no-restricted-imports',
  ],
  [
    'src/workbook/excel/probe.ts',
    "import { useState } from 'react';\nexport const x = useState;\n",
    'no-restricted-imports',
  ],
  ['src/functions/probe.ts', "import { z } from 'zod';\nexport const x = z;\n", 'no-restricted-imports'],
  ['src/taskpane/probe.ts', 'export const x = (s: string) => eval(s);\n', 'no-eval'],
];

const ALLOWED: readonly Probe[] = [
  ['src/domain/probe.ts', "import { z } from 'zod';\nimport { KINDS } from './kinds';\nexport const x = [z, KINDS];\n"],
  ['src/workbook/excel/probe.ts', 'export const x = () => Excel.run;\n'],
  ['src/taskpane/probe.ts', "import { builtinPlan } from '../domain/plan/builtin';\nexport const x = builtinPlan;\n"],
];

/**
 * The project's ESLint over every probe, in one child process (the config is an ES module, which Jest's CommonJS
 * runtime cannot load): each snippet linted as if it were its file, answered as the rule ids (or, for a message
 * without a rule such as a parse error, the message) of each, in order.
 */
const LINT_PROBES = `
import { ESLint } from 'eslint';
import path from 'node:path';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const eslint = new ESLint({ cwd: process.cwd() });
const answers = [];
for (const [file, code] of JSON.parse(input)) {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(file) });
  answers.push((result?.messages ?? []).map((m) => m.ruleId ?? m.message));
}
process.stdout.write(JSON.stringify(answers));
`;

/** What ESLint reported for each probe, keyed by `probeKey`. */
function lintProbes(probes: readonly Probe[]): Map<string, string[]> {
  const r = spawnSync(process.execPath, ['--input-type=module', '--eval', LINT_PROBES], {
    cwd: root,
    input: JSON.stringify(probes),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`ESLint over the probes failed (exit ${r.status}):\n${r.stderr}`);
  const answers = JSON.parse(r.stdout) as string[][];
  if (answers.length !== probes.length) throw new Error(`${answers.length} answers for ${probes.length} probes`);
  return new Map(probes.map(([file, code], i) => [probeKey(file, code), answers[i] ?? []]));
}

const probeKey = (file: string, code: string): string => JSON.stringify([file, code]);

let reported: Map<string, string[]>;
beforeAll(() => {
  reported = lintProbes([...REFUSED.map(([file, code]): Probe => [file, code]), ...ALLOWED]);
});

it.each(REFUSED)('%s: %j is refused by %s', (file, code, rule) => {
  expect(reported.get(probeKey(file, code))).toContain(rule);
});

it.each(ALLOWED)('%s: allowed imports pass', (file, code) => {
  expect(reported.get(probeKey(file, code))).toEqual([]);
});
