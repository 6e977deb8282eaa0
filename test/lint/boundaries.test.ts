import { spawnSync } from 'child_process';
import path from 'path';

/** The import boundaries of ARCHITECTURE.md are enforced by lint: these snippets must fail (or pass) it. */
jest.setTimeout(60_000);

const root = path.resolve(__dirname, '../..');

/** Runs the project's ESLint on a snippet as if it were `file` (a child process: the config is an ES module). */
async function ruleIds(file: string, code: string): Promise<string[]> {
  const bin = path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'); // not in eslint's exports map
  const r = spawnSync(process.execPath, [bin, '--stdin', '--stdin-filename', file, '--format', 'json'], {
    cwd: root,
    input: code,
    encoding: 'utf8',
  });
  const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

it.each([
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
])('%s: %j is refused by %s', async (file, code, rule) => {
  expect(await ruleIds(file, code)).toContain(rule);
});

it.each([
  ['src/domain/probe.ts', "import { z } from 'zod';\nimport { KINDS } from './kinds';\nexport const x = [z, KINDS];\n"],
  ['src/workbook/excel/probe.ts', 'export const x = () => Excel.run;\n'],
  ['src/taskpane/probe.ts', "import { builtinPlan } from '../domain/plan/builtin';\nexport const x = builtinPlan;\n"],
])('%s: allowed imports pass', async (file, code) => {
  expect(await ruleIds(file, code)).toEqual([]);
});
