import fs from 'fs';
import os from 'os';
import path from 'path';
import webpack from 'webpack';

/**
 * The preview host, built once per Jest run for every browser test: the e2e project's globalSetup
 * (test/e2e/globalSetup.ts) builds it into a temporary folder and names that folder in PREVIEW_ENV, the tests read
 * it with `previewSite()`, the globalTeardown removes it. Jest runs a project's globalSetup only when the run
 * selects one of its test files, so `npm run test:unit` or `npx jest test/domain` builds nothing.
 */
export const PREVIEW_ENV = 'KPI_PREVIEW_DIR';

/** Debian's Chromium, or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where the build is, in the folder made by the globalSetup. */
const SITE = 'site';
/** Written instead of the site when the build failed: its errors, for every test that needs the preview. */
const BUILD_ERROR = 'build-error.txt';

/** Builds the preview into a new temporary folder; a failure is recorded there (and returned), not thrown. */
export async function buildPreviewOnce(): Promise<{ dir: string; error?: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-preview-'));
  try {
    await webpackPreview(path.join(dir, SITE));
    return { dir };
  } catch (e) {
    // webpack's own report says where; the stack of anything else (a broken config) says where it broke.
    const error = e instanceof BuildFailed ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e);
    fs.writeFileSync(path.join(dir, BUILD_ERROR), error);
    return { dir, error };
  }
}

/** The built preview for a browser test; throws, saying why, when the globalSetup did not build it. */
export function previewSite(): string {
  const dir = process.env[PREVIEW_ENV];
  if (!dir)
    throw new Error(
      `${PREVIEW_ENV} is not set: the preview is built by the e2e project's globalSetup (jest.config.js); ` +
        'run the browser tests through Jest from the repository root (npm test, npm run test:e2e)',
    );
  const errorFile = path.join(dir, BUILD_ERROR);
  if (fs.existsSync(errorFile))
    throw new Error(`the preview build failed (in the globalSetup):\n${fs.readFileSync(errorFile, 'utf8')}`);
  const site = path.join(dir, SITE);
  if (!fs.existsSync(path.join(site, 'index.html'))) throw new Error(`no preview build in ${site}`);
  return site;
}

/** webpack's compilation errors, as webpack prints them. */
class BuildFailed extends Error {}

async function webpackPreview(out: string): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require('../../webpack.config.js') as (
    env: object,
    argv: object,
  ) => Promise<webpack.Configuration>;
  const config = await makeConfig({ preview: true, outDir: out }, { mode: 'development' });
  config.context = root;
  config.devtool = false;
  const compiler = webpack(config);
  try {
    await new Promise<void>((resolve, reject) =>
      compiler.run((err, stats) => {
        if (err) return reject(err);
        if (stats?.hasErrors()) return reject(new BuildFailed(stats.toString({ all: false, errors: true })));
        resolve();
      }),
    );
  } finally {
    await new Promise<void>((resolve) => compiler.close(() => resolve()));
  }
}
