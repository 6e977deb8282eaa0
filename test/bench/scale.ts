import { performance } from 'node:perf_hooks';
import { consolidate, type Source } from '../../src/domain/consolidation/consolidate';
import { detailSheet, summarySheet } from '../../src/domain/consolidation/outputs';
import { builtinPlan } from '../../src/domain/plan/builtin';
import type { Plan } from '../../src/domain/plan/schema';
import { asReadValues, filledTemplates, plausibleFigures } from '../fixtures/filledTemplates';

/**
 * Is 一键汇总's domain time linear in the number of department sheets? Times consolidate + the 汇总 and 明细 specs
 * for 1,000 and 5,000 sheets and prints the time per sheet of each and their ratio (linear: about 1; target ≤ 1.3).
 * A figure to read, not an assertion: timings vary with the machine and its load.
 */

const SIZES = [1_000, 5_000] as const;
const RUNS = 3;

/** `count` department sheets as a port reads them, filled with plausible figures (the shared fixture). */
function departmentSheets(plan: Plan, count: number): Source[] {
  return filledTemplates(plan, count, { figures: plausibleFigures }).map(({ name, cells }) => ({
    origin: { kind: 'sheet', sheet: name },
    sheet: { name, values: asReadValues(cells) },
  }));
}

interface Timing {
  readonly consolidate: number;
  readonly specs: number;
}

// No forced gc() before a run: it shrinks the heap, and the run then pays for growing it back (2–3× slower here).
function consolidateAndWrite(plan: Plan, sources: readonly Source[]): Timing {
  const t0 = performance.now();
  const result = consolidate(plan, sources);
  const t1 = performance.now();
  summarySheet(result, plan);
  detailSheet(result);
  return { consolidate: t1 - t0, specs: performance.now() - t1 };
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Printable lines: the median of 3 runs (after a warm-up) for each size, and the per-sheet ratio. */
export function benchConsolidationScale(): string[] {
  const plan = builtinPlan();
  const lines = [`一键汇总 at scale, domain only (consolidate + 汇总 + 明细 specs), median of ${RUNS} runs:`];
  const perSheet = new Map<number, number>();
  for (const count of SIZES) {
    const sources = departmentSheets(plan, count);
    consolidateAndWrite(plan, sources); // warm-up
    const runs = Array.from({ length: RUNS }, () => consolidateAndWrite(plan, sources));
    const ms = median(runs.map((r) => r.consolidate + r.specs));
    const perSheetOf = (pick: (r: Timing) => number): string => (median(runs.map(pick)) / count).toFixed(3);
    perSheet.set(count, ms / count);
    lines.push(
      `  ${count.toLocaleString('en').padStart(5)} sheets: ${ms.toFixed(0).padStart(6)} ms (${(ms / count).toFixed(3)} ms/sheet: ` +
        `consolidate ${perSheetOf((r) => r.consolidate)}, specs ${perSheetOf((r) => r.specs)})`,
    );
  }
  const [small, large] = SIZES;
  const ratio = (perSheet.get(large) ?? NaN) / (perSheet.get(small) ?? NaN);
  lines.push(
    `  per-sheet time ${large.toLocaleString('en')} / ${small.toLocaleString('en')}: ${ratio.toFixed(2)} (linear ≈ 1; target ≤ 1.3)`,
  );
  return lines;
}
