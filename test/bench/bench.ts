import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { HyperFormula } from 'hyperformula';
import { runKpi } from '../../src/domain/kpi';
import { attainmentFormula, statusFormula, tierFormula, type FormulaMode } from '../../src/domain/formulas';
import { registerKpiFunctions } from '../../src/workbook/memory/kpiPlugin';

/** Figures for the README: custom-function throughput and formula-engine recalculation of 10,000 template rows. */

function rate(label: string, n: number, fn: (i: number) => unknown): string {
  for (let i = 0; i < 10_000; i++) fn(i); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const ms = performance.now() - t0;
  return `${label.padEnd(44)} ${(n / (ms / 1000) / 1e6).toFixed(2)} M evaluations/s (${n.toLocaleString('en')} in ${ms.toFixed(0)} ms)`;
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

console.log(`Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'})\n`);
console.log('Custom functions (runKpi, the code Excel calls):');
const N = 1_000_000;
console.log(rate('KPI.ATTAINMENT(actual, 7, "total")', N, (i) => runKpi('ATTAINMENT', [i % 10, 7, 'total'], 'zh-CN')));
console.log(rate('KPI.ATTAINMENT(actual, 0.1, "增速")', N, (i) => runKpi('ATTAINMENT', [(i % 10) / 100, 0.1, '增速'], 'zh-CN')));
console.log(rate('KPI.STATUS(actual, 7, "total", 0.5)', N, (i) => runKpi('STATUS', [i % 10, 7, 'total', 0.5], 'zh-CN')));
console.log(rate('KPI.STATUS(blank, 7) (not reported)', N, () => runKpi('STATUS', [null, 7], 'zh-CN')));

registerKpiFunctions();
const ROWS = 10_000;
console.log(`\nFormula engine (HyperFormula), ${ROWS.toLocaleString('en')} template rows, 3 formulas each:`);
for (const mode of ['kpi', 'native'] as FormulaMode[]) {
  // Row 1 holds the expected progress (序时进度), shared by every row as in a template.
  const sheet: (number | string | null)[][] = [[0.5]];
  for (let r = 2; r <= ROWS + 1; r++) {
    const ops = { actual: `A${r}`, target: `B${r}` };
    sheet.push([
      (r % 9) + 0.5,
      7,
      8,
      attainmentFormula(mode, 'total', ops),
      tierFormula(mode, 'total', { ...ops, stretch: `C${r}` }),
      statusFormula(mode, 'total', { ...ops, expected: '$A$1' }),
    ]);
  }
  let hf: HyperFormula | undefined;
  const build = time(() => {
    hf = HyperFormula.buildFromArray(sheet, { licenseKey: 'gpl-v3' });
  });
  if (!hf) throw new Error('no engine');
  const engine = hf;
  const one = time(() => engine.setCellContents({ sheet: 0, row: 5000, col: 0 }, 3.2));
  const shared = time(() => engine.setCellContents({ sheet: 0, row: 0, col: 0 }, 7 / 12));
  const v = engine.getCellValue({ sheet: 0, row: 5000, col: 5 });
  console.log(
    `  ${mode.padEnd(6)} build + first calculation ${build.toFixed(0).padStart(5)} ms; one input changed → recalculated in ${one.toFixed(1)} ms; ` +
      `序时进度 cell changed (all ${ROWS.toLocaleString('en')} STATUS cells) → ${shared.toFixed(0)} ms (sample status ${String(v)})`,
  );
  engine.destroy();
}
