import fs from 'fs';
import { PREVIEW_ENV } from './previewBuild';

/** Jest globalTeardown of the e2e project: removes the preview built by the globalSetup. */
export default function globalTeardown(): void {
  const dir = process.env[PREVIEW_ENV];
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  delete process.env[PREVIEW_ENV];
}
