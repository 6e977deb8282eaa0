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
  entry: { bench: path.join(here, 'bench.ts'), hostile: path.join(here, 'hostileBench.ts') },
  output: { path: out, filename: '[name].cjs' },
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
const build = (c) => new Promise((resolve, reject) => webpack(c).run((err, s) => (err ? reject(err) : resolve(s))));
const stats = await build(config);
if (stats.hasErrors()) {
  console.error(stats.toString({ all: false, errors: true }));
  process.exit(1);
}
// The command line as shipped (dist-cli/kpi-campaign.cjs), which the files bench runs in fresh processes.
const { default: cliConfig } = await import(path.join(here, '../../webpack.cli.config.js'));
const cliStats = await build(cliConfig({}, { mode: 'production' }));
if (cliStats.hasErrors()) {
  console.error(cliStats.toString({ all: false, errors: true }));
  process.exit(1);
}
// `npm run bench -- --hostile`: only the hostile-file table (issue 12).
const args = process.argv.slice(2).filter((a) => a !== '--hostile');
const r = process.argv.includes('--hostile')
  ? { status: 0 }
  : spawnSync(process.execPath, ['--expose-gc', path.join(out, 'bench.cjs'), ...args], { stdio: 'inherit' });
const h = spawnSync(process.execPath, [path.join(out, 'hostile.cjs')], { stdio: 'inherit' });
fs.rmSync(out, { recursive: true, force: true });
process.exit(r.status || h.status || 0);
