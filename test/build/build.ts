import fs from 'fs';
import os from 'os';
import path from 'path';
import webpack from 'webpack';

/**
 * Builds the add-in in production mode into a temporary folder (the caller removes it), once per test file, so that tests of the
 * generated artefacts (functions.json, the standalone functions chunk) need no prior `npm run build`.
 */
export async function buildProduction(
  entries: readonly string[] = ['functions'],
  /** Build options beyond baseUrl (`--env officeJs=china`, …). */
  env: Readonly<Record<string, string | boolean>> = {},
): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require('../../webpack.config.js') as (
    env: object,
    argv: object,
  ) => Promise<webpack.Configuration>;
  const config = await makeConfig({ baseUrl: 'https://kpi.example.gov.cn/addin/', ...env }, { mode: 'production' });
  const all = config.entry as Record<string, string>;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-build-'));
  config.entry = Object.fromEntries(entries.map((e) => [e, path.resolve(__dirname, '../..', all[e] ?? '')]));
  config.context = path.resolve(__dirname, '../..');
  config.output = { ...config.output, path: out };
  config.devtool = false;
  await new Promise<void>((resolve, reject) => {
    webpack(config).run((err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    });
  });
  return out;
}
