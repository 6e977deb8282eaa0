import type { SheetSpec } from '../../domain/grid/sheetSpec';
import { PortError, type WriteOptions } from '../port';
import { asOfficeError } from './errors';
import { renderTargets, type Target } from './renderTargets';
import { queueStateLoad, sheetKey, type SnapshotKeeper, type WorkbookSnapshot } from './snapshot';
import type { WriteReport, WriteRun } from './writeRun';

/**
 * writeSheets: several sheet specs rendered in one batch (renderTargets.ts), and what has to be known first.
 * Replacing a sheet in place means removing its tables and charts and lifting its protection (queueClear), and
 * those can only be named once they were loaded: a round trip. That knowledge comes from one of two places:
 *
 * - a snapshot: readAllSheets loads every sheet's tables, charts and protection in the round trip that reads
 *   the used ranges (more loads in a batch it makes anyway: no extra round trip). Consolidation reads every sheet
 *   and then writes 汇总 and 明细, so a snapshot a few seconds old is there when it writes: the write is then ONE
 *   batch (clears, every spec, activation), the existing sheets, tables and charts found by name (getItem). The
 *   snapshot is kept for `snapshotMaxAgeMs` (60 s), and dropped as soon as this adapter changes sheets
 *   (SnapshotKeeper, snapshot.ts).
 * - a lookup (one round trip): every target sheet by getItemOrNullObject, with its tables, charts and protection.
 *
 * A snapshot can be stale: the user may have deleted, added, renamed, protected or changed an output sheet since.
 * Most of that makes the batch fail (a getItem finds nothing: ItemNotFound; add finds the name taken:
 * ItemAlreadyExists; a write on a protected sheet: AccessDenied…); the rest — a table or chart added to an output
 * sheet since — is caught by counting, in the same batch, the tables and charts each written sheet ends with. In
 * both cases writeSheets renders again through a lookup, which empties whatever the sheets then hold: the result
 * is the same as without a snapshot, for two more round trips (the refused or miscounted batch, then a lookup
 * and the write again: 5 in all for a consolidation, not 4, since a refused batch returns nothing it loaded), and
 * the report says why (`staleSnapshot`). An Office.js batch is not a transaction: when a command fails, those
 * before it stay done (a sheet added, another rewritten); the redo renders every sheet again, so nothing of that
 * survives in the result. Any error of the snapshot batch other than those a lookup cannot help with (cell-edit
 * mode, payload size, missing API) gets that one redo, since it may come from staleness.
 *
 * Not verified against a real Excel (the fake in test/workbook/excel follows the documentation and the Office.js
 * runtime, but is not Excel): that loading tables, charts and protection under a null object (getItemOrNullObject
 * of a missing sheet) comes back empty instead of failing — the adapter falls back to lookUpByNames if it fails;
 * and how Excel on the web performs with ~750 collection loads (250 sheets) in one batch.
 */

/** One writeSheets call, as its attempts (cell-edit mode retries) share it. */
export interface WriteSheetsCall {
  /** lastSpecPerName of the specs given: never empty. */
  readonly specs: readonly SheetSpec[];
  readonly options: WriteOptions;
  /** Sheets this call has added (once their batch reached Excel): a retry replaces them. */
  readonly created: Set<string>;
}

/**
 * Errors that a fresh lookup would not avoid: writeSheets throws them instead of redoing the write after a lookup
 * (cell-edit mode is retried by withRetry, from the start). Any other error of a batch planned from the snapshot
 * may come from the snapshot being stale, so it is answered by one redo.
 */
const NOT_STALENESS: ReadonlySet<string> = new Set([
  'InvalidOperationInCellEditMode',
  'RequestPayloadSizeLimitExceeded',
  'ResponsePayloadSizeLimitExceeded',
  'PayloadTooLarge',
  'ApiNotFound',
]);

/** One attempt of writeSheets: from a fresh snapshot when there is one, else (or when it was stale) by a lookup. */
export async function writeSheets(
  w: WriteRun,
  call: WriteSheetsCall,
  snapshot: SnapshotKeeper,
  lookup: TargetLookup,
): Promise<WriteReport> {
  const { specs, options, created } = call;
  const names = specs.map((s) => s.name);
  const render = (targets: readonly Target[], verify: boolean) =>
    renderTargets(w, targets, options, verify, () => {
      for (const t of targets) if (!t.existing) created.add(sheetKey(t.spec.name));
    });

  // With replace: false the lookup decides (a clash must be refused before anything is written).
  const replace = options.replace ?? true;
  const known = replace ? snapshot.fresh() : undefined;
  let stale: string | undefined;
  if (known) {
    try {
      const written = await render(targetsFromSnapshot(w.context, specs, known), true);
      if (written.unexpected.length === 0) return w.report(names, written.estimatedBytes, { lookup: 'snapshot' });
      stale = 'unexpectedItems';
    } catch (error) {
      const code = asOfficeError(error)?.code;
      if (code === undefined || NOT_STALENESS.has(code)) throw error;
      stale = code;
    }
    snapshot.drop();
  }

  const targets = await lookup.targets(w, specs);
  if (!replace) {
    const clash = targets.find((t) => t.existing && !created.has(sheetKey(t.spec.name)));
    if (clash?.existing) throw new PortError('nameClash', clash.existing.name);
  }
  const written = await render(targets, false);
  return w.report(names, written.estimatedBytes, { lookup: 'loaded', ...(stale ? { staleSnapshot: stale } : {}) });
}

/**
 * The targets of writeSheets with what they hold: one round trip by getItemOrNullObject; by names (1–2) before
 * ExcelApi 1.4, or once Excel has refused loads under a null object (not documented either way: see
 * lookUpWithNullObjects), which the adapter's one TargetLookup then remembers.
 */
export class TargetLookup {
  private nullObjectLoadsRefused = false;

  async targets(w: WriteRun, specs: readonly SheetSpec[]): Promise<Target[]> {
    const protection = w.caps.supports('protection');
    if (w.caps.supports('itemOrNullObject') && !this.nullObjectLoadsRefused) {
      try {
        return await lookUpWithNullObjects(w.context, specs, protection, w.sync);
      } catch (error) {
        const code = asOfficeError(error)?.code;
        if (code === undefined || NOT_STALENESS.has(code)) throw error;
        this.nullObjectLoadsRefused = true;
      }
    }
    return lookUpByNames(w.context, specs, protection, w.sync);
  }
}

/**
 * One spec per sheet name, in the order the names first appear, each with the LAST spec given for it: writing
 * them one after the other, each replacing the previous, would leave the same sheets (the memory adapter's way).
 */
export function lastSpecPerName(specs: readonly SheetSpec[]): SheetSpec[] {
  const last = new Map<string, SheetSpec>();
  for (const spec of specs) last.set(sheetKey(spec.name), spec);
  const out: SheetSpec[] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    const key = sheetKey(spec.name);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(last.get(key) ?? spec);
  }
  return out;
}

/**
 * The targets as the snapshot describes them, with no round trip: the proxies are found by name when the write
 * batch runs. Their lookups are queued now, ahead of every change of that batch (Office.js instantiates a proxy
 * where it is created), so a sheet, table or chart gone since the snapshot fails the batch before it changes
 * anything; other staleness is caught as described above.
 */
export function targetsFromSnapshot(
  context: Excel.RequestContext,
  specs: readonly SheetSpec[],
  snapshot: WorkbookSnapshot,
): Target[] {
  return specs.map((spec): Target => {
    const state = snapshot.sheets.get(sheetKey(spec.name));
    if (!state) return { spec };
    const sheet = context.workbook.worksheets.getItem(state.name);
    return {
      spec,
      existing: {
        name: state.name,
        sheet,
        isProtected: state.isProtected,
        tables: state.tables.map((name) => sheet.tables.getItem(name)),
        charts: state.charts.map((name) => sheet.charts.getItem(name)),
      },
    };
  });
}

/**
 * The lookup in one round trip: each target by getItemOrNullObject, with its tables, charts and protection
 * loaded in the same batch (loads on a sheet that turns out not to exist are expected to come back empty — see
 * `lookUpByNames` for when Excel refuses them).
 */
export async function lookUpWithNullObjects(
  context: Excel.RequestContext,
  specs: readonly SheetSpec[],
  withProtection: boolean,
  sync: () => Promise<void>,
): Promise<Target[]> {
  const lookups = specs.map((spec) => {
    // No property of the sheet itself is loaded: isNullObject comes back with every sync.
    const sheet = context.workbook.worksheets.getItemOrNullObject(spec.name);
    return { spec, sheet, read: queueStateLoad(sheet, withProtection) };
  });
  await sync();
  return lookups.map(({ spec, sheet, read }): Target => {
    if (sheet.isNullObject) return { spec };
    return { spec, existing: { name: spec.name, sheet, ...read() } };
  });
}

/**
 * The lookup without null objects (before ExcelApi 1.4, or where Excel refuses loads under a null object): the
 * sheet names, then the existing targets' tables, charts and protection — 1 round trip when every target is
 * new, else 2 (as writeSheet does).
 */
export async function lookUpByNames(
  context: Excel.RequestContext,
  specs: readonly SheetSpec[],
  withProtection: boolean,
  sync: () => Promise<void>,
): Promise<Target[]> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await sync();
  const byKey = new Map(sheets.items.map((sheet) => [sheetKey(sheet.name), sheet]));
  const lookups = specs.map((spec) => {
    const sheet = byKey.get(sheetKey(spec.name));
    return { spec, sheet, read: sheet ? queueStateLoad(sheet, withProtection) : undefined };
  });
  if (lookups.some((l) => l.sheet)) await sync();
  return lookups.map(({ spec, sheet, read }): Target => {
    if (!sheet || !read) return { spec };
    return { spec, existing: { name: sheet.name, sheet, ...read() } };
  });
}
