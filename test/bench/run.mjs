// `npm run bench`: bundles the TypeScript benchmark with the project's own webpack + swc, then runs it in Node.
// A script that prints figures, not a test: nothing here asserts a time.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import webpack from 'webpack';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-bench-'));
const config = {
  mode: 'production',
  target: 'node',
  entry: path.join(here, 'bench.ts'),
  output: { path: out, filename: 'bench.cjs' },
  resolve: { extensions: ['.ts', '.js', '.json'] },
  optimization: { minimize: false },
  module: {
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        use: { loader: 'swc-loader', options: { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } } },
      },
    ],
  },
};
const stats = await new Promise((resolve, reject) => webpack(config).run((err, s) => (err ? reject(err) : resolve(s))));
if (stats.hasErrors()) {
  console.error(stats.toString({ all: false, errors: true }));
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--expose-gc', path.join(out, 'bench.cjs'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
fs.rmSync(out, { recursive: true, force: true });
process.exit(r.status ?? 1);
