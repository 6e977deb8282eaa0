import type { SheetSpec } from '../../domain/grid/sheetSpec';
import type { WriteOptions } from '../port';
import { OperationQueue } from './payload';
import { queueClear, queueSheet, type ExistingSheet } from './renderSheet';
import type { WriteRun } from './writeRun';

/**
 * The write batch shared by writeSheets, writeSheet and insertSheet, once the sheets to replace are known (with
 * what they hold, to clear it): every spec rendered (renderSheet.ts) in one batch, cut only when its estimated
 * request exceeds the budget.
 */

/** One sheet to write: its spec and, when a sheet of that name exists, that sheet and what it holds. */
export interface Target {
  readonly spec: SheetSpec;
  readonly existing?: ExistingSheet & { readonly name: string };
}

export interface RenderResult {
  readonly estimatedBytes: number;
  /** With `verify`: the sheets that hold other tables or charts than their specs added (a stale snapshot). */
  readonly unexpected: readonly string[];
}

/**
 * Queues and runs the whole write: the sheets to add (first, so that any sheet may refer to any other), then for
 * each target in order its clear and its spec, then the activation of the first target. `afterFirst` runs once
 * the first batch has reached Excel (the workbook has changed from then on).
 */
export async function renderTargets(
  w: WriteRun,
  targets: readonly Target[],
  options: WriteOptions,
  verify: boolean,
  afterFirst?: () => void,
): Promise<RenderResult> {
  const queue = new OperationQueue();
  const written = targets.map((target) => ({
    target,
    sheet: target.existing?.sheet ?? w.context.workbook.worksheets.add(target.spec.name),
  }));
  for (const { target, sheet } of written) {
    if (target.existing) queueClear(target.existing, w.caps, queue);
    queueSheet(target.spec, sheet, w.caps, queue);
  }
  const first = written[0]?.sheet;
  const select = options.select;
  if (first && (select !== undefined || options.activate)) {
    queue.add(0, () => {
      first.activate();
      if (select !== undefined) first.getRange(select).select();
    });
  }
  let checks: { name: string; tables: Excel.TableCollection; charts: Excel.ChartCollection; spec: SheetSpec }[] = [];
  if (verify) {
    queue.add(0, () => {
      checks = written.map(({ target, sheet }) => ({
        name: target.spec.name,
        spec: target.spec,
        tables: sheet.tables.load('items/name'),
        charts: sheet.charts.load('items/name'),
      }));
    });
  }
  await w.runQueue(queue, afterFirst);
  const unexpected = checks
    .filter(
      ({ spec, tables, charts }) =>
        tables.items.length !== (spec.table ? 1 : 0) || charts.items.length !== (spec.charts?.length ?? 0),
    )
    .map((c) => c.name);
  return { estimatedBytes: queue.estimatedBytes, unexpected };
}
