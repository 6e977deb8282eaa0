import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { builtinPlan } from '../../src/domain/plan/builtin';
import { buildTemplate } from '../../src/domain/template/template';
import { FileWorkbook } from '../../src/workbook/files/fileWorkbook';
import { exportTemplates } from '../../src/workbook/usecases/exportTemplates';
import { plausibleFigures, templateInputRows } from '../fixtures/filledTemplates';

/**
 * Files without Excel (issue 14): the command line as a department-facing office runs it, each run a fresh Node
 * process of the built bundle (dist-cli/kpi-campaign.cjs; `npm run bench` builds it), timed from spawn to exit, its
 * peak memory (maxRSS) reported by the process itself; and 导出模板 in-process (what the pane and the files page do).
 * Budgets from the issue: 200 files consolidated in under 5 s and 300 MB; a month's templates exported in under 1 s.
 */

// npm run bench runs from the repository's root (the bundled bench has no __dirname of its own).
const root = process.cwd();
const plan = builtinPlan();

/** Runs the CLI bundle in a fresh process: wall time, peak RSS and exit code. */
function cli(args: readonly string[], cwd: string): { ms: number; maxRssMb: number; code: number; stderr: string } {
  const bundle = path.join(root, 'dist-cli', 'kpi-campaign.cjs');
  const wrapper =
    `process.on('exit', () => process.stderr.write('\\nMAXRSS ' + process.resourceUsage().maxRSS + '\\n'));` +
    `require(${JSON.stringify(bundle)}).run(${JSON.stringify(args)}, 'bench');`;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['-e', wrapper], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  const kb = Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { ms, maxRssMb: kb / 1024, code: r.status ?? -1, stderr: r.stderr };
}

/** `count` department files of June 2019, each a filled template saved by the file adapter, as departments send. */
async function departmentFiles(dir: string, count: number): Promise<number> {
  let bytes = 0;
  for (let k = 0; k < count; k++) {
    const campaign = plan.campaigns[k % plan.campaigns.length];
    if (!campaign) continue;
    // the lead department for the first five, then departments sending their shares (部门006 …)
    const department = k < plan.campaigns.length ? campaign.leadDepartment : `部门${String(k + 1).padStart(3, '0')}`;
    const spec = buildTemplate({ plan, campaignId: campaign.id, department, year: 2019, month: 6, mode: 'native' });
    const wb = new FileWorkbook();
    await wb.writeSheet(spec);
    const rows = new Map(templateInputRows(spec).map((r) => [r.code, r]));
    await wb.writeCells(
      campaign.indicators.flatMap((indicator, index) => {
        const row = rows.get(indicator.code);
        const figures = plausibleFigures(indicator, index, k);
        if (!row || !figures) return [];
        return [
          { sheet: spec.name, address: row.actual, value: figures.actual },
          ...(figures.prior !== undefined ? [{ sheet: spec.name, address: row.prior, value: figures.prior }] : []),
          // a reason on every row: lagging rows need one, and a reason on a green row is no problem
          { sheet: spec.name, address: row.reason, value: '按计划推进' },
        ];
      }),
    );
    const file = wb.save({ modified: new Date('2019-07-03T02:00:00Z') });
    bytes += file.byteLength;
    fs.writeFileSync(path.join(dir, `${String(k + 1).padStart(3, '0')}-${department}-${campaign.name}.xlsx`), file);
  }
  return bytes;
}

export async function filesBench(): Promise<string[]> {
  const lines = ['Files without Excel (issue 14): the command line (a fresh process each run) and 导出模板:'];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-files-bench-'));
  try {
    // 导出模板 in-process: median of 5
    const times: number[] = [];
    let made = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      made = (await exportTemplates({ plan, year: 2019, month: 6 }, () => new FileWorkbook())).length;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    lines.push(
      `  导出模板, one month (${made} files), in-process: ${(times[2] ?? NaN).toFixed(0)} ms (median of 5; budget 1 s)`,
    );
    const templates = cli(['templates', '--month', '2019-06', '--out', path.join(dir, 'templates')], dir);
    lines.push(
      `  kpi-campaign templates --month 2019-06: ${templates.ms.toFixed(0)} ms, peak ${templates.maxRssMb.toFixed(0)} MB (exit ${templates.code})`,
    );
    for (const count of [50, 200]) {
      const inputs = path.join(dir, `in-${count}`);
      fs.mkdirSync(inputs);
      const bytes = await departmentFiles(inputs, count);
      const out = path.join(dir, `汇总-${count}.xlsx`);
      const run = cli(['consolidate', inputs, '-o', out, '--month', '2019-06'], dir);
      if (run.code !== 0) throw new Error(`kpi-campaign consolidate failed (${run.code}):\n${run.stderr}`);
      lines.push(
        `  kpi-campaign consolidate ${count} department files (${(bytes / 1024 / 1024).toFixed(1)} MB) → ${(fs.statSync(out).size / 1024).toFixed(0)} KB: ` +
          `${run.ms.toFixed(0)} ms, peak ${run.maxRssMb.toFixed(0)} MB (budget 5 s, 300 MB)`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
