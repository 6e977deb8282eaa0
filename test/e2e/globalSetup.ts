import fs from 'fs';
import { performance } from 'perf_hooks';
import { buildPreviewOnce, CHROMIUM, PREVIEW_ENV } from './previewBuild';

/**
 * Jest globalSetup of the e2e project: builds the preview once for all browser test files and hands its folder to
 * them in an environment variable (inherited by Jest's workers, which start after this). Without Chromium nothing
 * is built: the harness then skips the browser tests with a notice, or fails them under E2E_REQUIRED=1.
 * A failed build does not stop the run: its errors are printed here and fail every browser test.
 */
export default async function globalSetup(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) return;
  const t0 = performance.now();
  const { dir, error } = await buildPreviewOnce();
  process.env[PREVIEW_ENV] = dir;
  if (error) console.error(`\n[e2e] the preview build failed; every browser test will fail with:\n${error}\n`);
  else console.log(`\n[e2e] preview built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
