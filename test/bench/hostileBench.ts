import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { builtinPlan } from '../../src/domain/plan/builtin';
import { buildTemplate } from '../../src/domain/template/template';
import { LIMITS } from '../../src/workbook/files/limits';
import { readXlsx } from '../../src/workbook/files/readXlsx';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';
import { HOSTILE, sheetXml, storedPart, workbookZip } from '../workbook/files/hostile';
import { saveAsXlsx } from '../workbook/files/xlsxFixture';

/**
 * `npm run bench` (its last table): each file of the hostile corpus (test/workbook/files/hostile.ts) read by
 * readXlsx in a child process of its own, so that its peak memory is its own — time to the refusal, and the peak
 * resident memory above what the process held just before (process.resourceUsage().maxRSS). A script that prints
 * figures: the budget (1 s, 200 MB per file on the development machine) is printed beside them, not asserted.
 */

const BUDGET = { ms: 1000, mb: 200 };

interface One {
  readonly ms: number;
  readonly peakMb: number;
  readonly outcome: string;
  readonly inflated: number;
  readonly cells: number;
}

/** In the child: read one file, print the figures as JSON. */
function one(file: string): void {
  const bytes = new Uint8Array(fs.readFileSync(file));
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const r = readXlsx(path.basename(file), bytes);
  const ms = performance.now() - t0;
  const peak = process.resourceUsage().maxRSS * 1024;
  const outcome = r.problems.length > 0 ? r.problems.map((p) => p.code).join(', ') : `read: ${r.sheets.length} sheets`;
  const result: One = {
    ms,
    peakMb: Math.max(0, peak - rssBefore) / 1024 / 1024,
    outcome,
    inflated: r.stats?.bytesInflated ?? 0,
    cells: r.stats?.cellsKept ?? 0,
  };
  process.stdout.write(JSON.stringify(result));
}

async function table(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-hostile-'));
  try {
    const wb = new MemoryWorkbook();
    const plan = builtinPlan();
    for (const campaignId of ['C1', 'C2', 'C3'])
      await wb.writeSheet(
        buildTemplate({ plan, campaignId, department: '发展改革局', year: 2019, month: 6, mode: 'kpi' }),
      );
    const files = [
      { name: '参照：三张模板.xlsx', bytes: await saveAsXlsx(wb), expected: 'read' },
      // The largest file the limits let through: what parsing costs just below them.
      {
        name: '参照：上限内 99,000 格.xlsx',
        bytes: workbookZip([
          {
            name: '甲',
            part: storedPart(
              's',
              sheetXml(
                '<row><c><v>1</v></c><c><v>2</v></c><c t="inlineStr"><is><t>文</t></is></c></row>'.repeat(33_000),
              ),
            ),
          },
        ]),
        expected: 'read',
      },
      ...HOSTILE.map((h) => ({ name: h.name, bytes: h.build(), expected: h.expected ?? 'read' })),
    ];
    console.log(
      `\nHostile files (issue 12): each read in a fresh process; limits ${LIMITS.cells.toLocaleString('en')} cells, ` +
        `${LIMITS.inflatedBytes / 1024 / 1024} MB inflated per file; budget < ${BUDGET.ms} ms and < ${BUDGET.mb} MB each`,
    );
    console.log(
      `${'file'.padEnd(22)} ${'size'.padStart(9)} ${'time'.padStart(8)} ${'peak RSS'.padStart(9)} ${'inflated'.padStart(9)} ${'cells'.padStart(6)}  outcome`,
    );
    let over = 0;
    for (const f of files) {
      const file = path.join(dir, f.name);
      fs.writeFileSync(file, f.bytes);
      const child = spawnSync(process.execPath, [process.argv[1] ?? '', '--one', file], { encoding: 'utf8' });
      if (child.status !== 0) {
        console.log(`${f.name.padEnd(22)} FAILED: ${child.stderr.slice(0, 200)}`);
        over++;
        continue;
      }
      const r = JSON.parse(child.stdout) as One;
      const ok = r.ms < BUDGET.ms && r.peakMb < BUDGET.mb;
      if (!ok) over++;
      console.log(
        `${f.name.padEnd(22)} ${`${(f.bytes.length / 1024).toFixed(0)} KB`.padStart(9)} ${`${r.ms.toFixed(0)} ms`.padStart(8)} ` +
          `${`${r.peakMb.toFixed(0)} MB`.padStart(9)} ${`${(r.inflated / 1024 / 1024).toFixed(1)} MB`.padStart(9)} ` +
          `${String(r.cells).padStart(6)}  ${r.outcome}${ok ? '' : '  ← over budget'}`,
      );
    }
    console.log(over === 0 ? 'every file within budget' : `${over} file(s) over budget`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--one') one(process.argv[3] ?? '');
else
  void table().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
