import { MARKER_RANGE, listedMarker } from '../../domain/grid/ownSheets';
import { type SheetSpec } from '../../domain/grid/sheetSpec';
import {
  PortError,
  type CellWrite,
  type ChangeEvent,
  type InsertedSheet,
  type ReadOptions,
  type SheetInfo,
  type Unsubscribe,
  type WorkbookPort,
  type WriteOptions,
} from '../port';
import { needsTextFormat } from './cellText';
import { asOfficeError, DEFAULT_RETRY_DELAYS_MS, defaultSleep, withRetry, type RetryPolicy } from './errors';
import { FEATURE_REQUIREMENTS, requirementOf, type Feature } from './features';
import { DEFAULT_BATCH_BUDGET_BYTES, jsonBytes, OperationQueue, runBatches } from './payload';
import { readAllSheets, readNamed, type ReadSettings } from './readSheets';
import { queueClear, queueSheet } from './renderSheet';
import {
  lastSpecPerName,
  lookUpByNames,
  lookUpWithNullObjects,
  renderTargets,
  targetsFromSnapshot,
  type Target,
} from './writeSheets';
import { sheetKey, SnapshotKeeper } from './snapshot';
import { WriteRun, type WriteReport, type WriteSettings } from './writeRun';

/**
 * The Excel adapter of the workbook port: the only code that touches Office.js (ARCHITECTURE.md).
 *
 * Round trips (`context.sync()`), whatever the number of sheets or cells:
 * - listSheets: 2 (the sheet list, then rows 1–20 of column A of every sheet, where the marker is looked for;
 *   a range of a sheet cannot be queued before the sheet list has come back).
 * - readSheets: 1 (every sheet's used range in one batch); 2 when a name is missing (to name it); when the
 *   response would exceed Excel on the web's 5 MB limit, 2 + one per ~4 MB of cells.
 * - readAllSheets: 2 (the names, then every used range — plus every sheet's tables, charts and protection, kept
 *   as a snapshot for writeSheets; see writeSheets.ts); chunked as readSheets when over 5 MB.
 * - writeSheet: 2 for a new sheet (names, then the whole spec); 3 when replacing one (its tables, charts and
 *   protection are loaded to be removed); plus one per ~4 MB of estimated request payload beyond the first.
 * - writeSheets (all specs, replacing in place, then activation): 1 after a readAllSheets of less than
 *   `snapshotMaxAgeMs` (no lookup), else 2 (a lookup, then the write); plus one per ~4 MB beyond the first. So
 *   consolidation (readAllSheets, then writeSheets of 汇总 and 明细) costs 3 whatever the number of sheets, as
 *   long as the two outputs fit one request: 250 departments with every actual filled in make a 明细 of ~9,700
 *   hyperlinked cells, ~6 MB as Office.js sends it, so 4 there (Excel on the web refuses requests over 5 MB). A
 *   stale snapshot costs 2 more (the refused or miscounted batch is redone after a lookup). Before ExcelApi 1.4
 *   (no getItemOrNullObject) the lookup is the sheet names, then the existing targets' contents: 1–2.
 * - insertSheet: 2 (the names, then every sheet's marker rows loaded in the batch that adds and renders the new
 *   sheet), where listSheets then writeSheet would take 4; plus one per ~4 MB beyond the first.
 * - writeCells, renameSheet, deleteSheet, activate, onChange and its unsubscribe: 1 (writeCells: plus one per ~4 MB).
 *
 * Optional APIs are checked with Office.context.requirements.isSetSupported (features.ts); what a spec asks for
 * and this Excel lacks is skipped, and listed in `lastWriteReport()` for the task pane to tell the user.
 */

export type { SkippedFeature, WriteReport } from './writeRun';

export interface ExcelWorkbookOptions {
  /** Defaults to Office.context.requirements.isSetSupported. */
  readonly isSetSupported?: (name: string, version: string) => boolean;
  /** Estimated request size at which a write is cut into another batch (default 4 MB; the limit is 5 MB). */
  readonly batchBudgetBytes?: number;
  /** Waits before retrying a request refused in cell-edit mode (default 250, 500, 1000 ms: three retries). */
  readonly retryDelaysMs?: readonly number[];
  readonly sleep?: (ms: number) => Promise<void>;
  /** How long readAllSheets' snapshot spares writeSheets its lookup (default 60 s). */
  readonly snapshotMaxAgeMs?: number;
  /** The clock the snapshot's age is measured on (default Date.now). */
  readonly now?: () => number;
}

export interface ExcelWorkbook extends WorkbookPort {
  /** What the last successful writeSheet(s) skipped (degraded) and what it cost; undefined before the first. */
  lastWriteReport(): WriteReport | undefined;
}

type ExcelRun = typeof Excel.run;

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

export function createExcelWorkbook(run: ExcelRun = Excel.run, options: ExcelWorkbookOptions = {}): ExcelWorkbook {
  const isSetSupported =
    options.isSetSupported ??
    ((name: string, version: string) => Office.context.requirements.isSetSupported(name, version));
  const budget = options.batchBudgetBytes ?? DEFAULT_BATCH_BUDGET_BYTES;
  const retry: RetryPolicy = {
    delaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
    sleep: options.sleep ?? defaultSleep,
  };
  const supported = new Map<Feature, boolean>();
  const supports = (feature: Feature): boolean => {
    let yes = supported.get(feature);
    if (yes === undefined) {
      yes = isSetSupported('ExcelApi', FEATURE_REQUIREMENTS[feature]);
      supported.set(feature, yes);
    }
    return yes;
  };
  let lastReport: WriteReport | undefined;
  const snapshot = new SnapshotKeeper(options.snapshotMaxAgeMs ?? 60_000, options.now ?? Date.now);
  /** Set when Excel refused loads under a null object: the lookup then goes by names (lookUpByNames). */
  let nullObjectLoadsRefused = false;
  const reading: ReadSettings = { supports, budget };
  const writing: WriteSettings = { supports, budget, changed: () => snapshot.drop() };
  /** Every attempt of a write in its own Excel.run and WriteRun; the report of the one that succeeded is kept. */
  const write = async (attempt: (w: WriteRun) => Promise<WriteReport>): Promise<void> => {
    lastReport = await withRetry(() => run((context) => attempt(new WriteRun(context, writing))), retry);
  };

  const sheetName = (worksheetId: string): Promise<string> =>
    run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(worksheetId);
      sheet.load('name');
      await context.sync();
      return sheet.name;
    });

  /**
   * The targets of writeSheets with what they hold: one round trip by getItemOrNullObject; by names (1–2) before
   * ExcelApi 1.4, or once Excel has refused loads under a null object (not documented either way: see
   * lookUpWithNullObjects), which is then remembered.
   */
  const lookUp = async (
    context: Excel.RequestContext,
    specs: readonly SheetSpec[],
    sync: () => Promise<void>,
  ): Promise<Target[]> => {
    const protection = supports('protection');
    if (supports('itemOrNullObject') && !nullObjectLoadsRefused) {
      try {
        return await lookUpWithNullObjects(context, specs, protection, sync);
      } catch (error) {
        const code = asOfficeError(error)?.code;
        if (code === undefined || NOT_STALENESS.has(code)) throw error;
        nullObjectLoadsRefused = true;
      }
    }
    return lookUpByNames(context, specs, protection, sync);
  };

  const port: ExcelWorkbook = {
    lastWriteReport: () => lastReport,

    listSheets: () =>
      withRetry(
        () =>
          run(async (context) => {
            const sheets = context.workbook.worksheets;
            sheets.load(LISTED_PROPERTIES);
            await context.sync();
            const heads = queueMarkerReads(sheets.items);
            await context.sync();
            return heads();
          }),
        retry,
      ),

    readSheets: (names: readonly string[], readOptions: ReadOptions = {}) =>
      names.length === 0
        ? Promise.resolve([])
        : withRetry(() => run((context) => readNamed(context, names, readOptions, reading)), retry),

    readAllSheets: (readOptions: ReadOptions = {}) =>
      withRetry(
        () =>
          run((context) =>
            // The snapshot's loads ride on the batch that reads the used ranges: no round trip of their own.
            readAllSheets(context, readOptions, reading, (sheets) =>
              snapshot.queueTake(sheets, supports('protection')),
            ),
          ),
        retry,
      ),

    writeSheets: async (given: readonly SheetSpec[], writeOptions: WriteOptions = {}) => {
      const specs = lastSpecPerName(given);
      if (specs.length === 0) return;
      const replace = writeOptions.replace ?? true;
      // Sheets this call has added (once their batch reached Excel): a retry (cell-edit mode) replaces them.
      const created = new Set<string>();
      await write(async (w) => {
        const names = specs.map((s) => s.name);
        const render = (targets: readonly Target[], verify: boolean) =>
          renderTargets(w, targets, writeOptions, verify, () => {
            for (const t of targets) if (!t.existing) created.add(sheetKey(t.spec.name));
          });

        // With replace: false the lookup decides (a clash must be refused before anything is written).
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

        const targets = await lookUp(w.context, specs, w.sync);
        if (!replace) {
          const clash = targets.find((t) => t.existing && !created.has(sheetKey(t.spec.name)));
          if (clash?.existing) throw new PortError('nameClash', clash.existing.name);
        }
        const written = await render(targets, false);
        return w.report(names, written.estimatedBytes, {
          lookup: 'loaded',
          ...(stale ? { staleSnapshot: stale } : {}),
        });
      });
    },

    writeSheet: async (spec: SheetSpec, writeOptions: WriteOptions = {}) => {
      // Set once this call has created the sheet, so that a retry (cell-edit mode) replaces it instead of clashing.
      const state = { created: false };
      await write(async (w) => {
        const { context, caps } = w;
        const sheets = context.workbook.worksheets;
        sheets.load('items/name');
        await w.sync();
        const wanted = spec.name.toLowerCase();
        const existing = sheets.items.find((s) => s.name.toLowerCase() === wanted);
        const queue = new OperationQueue();
        let sheet: Excel.Worksheet;
        if (existing) {
          if (!writeOptions.replace && !state.created) throw new PortError('nameClash', existing.name);
          const tables = existing.tables.load('items/name');
          const charts = existing.charts.load('items/name');
          const protection = supports('protection') ? existing.protection.load('protected') : undefined;
          await w.sync();
          queueClear(
            {
              sheet: existing,
              isProtected: protection?.protected === true,
              tables: tables.items,
              charts: charts.items,
            },
            caps,
            queue,
          );
          sheet = existing;
        } else {
          sheet = sheets.add(spec.name);
        }
        queueSheet(spec, sheet, caps, queue);
        const select = writeOptions.select;
        if (select !== undefined || writeOptions.activate) {
          queue.add(0, () => {
            sheet.activate();
            if (select !== undefined) sheet.getRange(select).select();
          });
        }
        await w.runQueue(queue, () => {
          state.created ||= !existing;
        });
        return w.report([spec.name], queue.estimatedBytes);
      });
    },

    insertSheet: async (build, writeOptions = {}) => {
      // The sheet this call added (once its batch reached Excel): a retry (cell-edit mode) deletes it first.
      let added: string | undefined;
      let inserted: InsertedSheet | undefined;
      await write(async (w) => {
        const sheets = w.context.workbook.worksheets;
        sheets.load(LISTED_PROPERTIES);
        await w.sync();
        const previous = added === undefined ? undefined : sheetKey(added);
        const items = sheets.items.filter((sheet) => sheetKey(sheet.name) !== previous);
        if (items.length < sheets.items.length && added !== undefined) sheets.getItem(added).delete();
        const spec = build(items.map((sheet) => sheet.name));
        // The markers ride on the write's first batch: queued before it, they come back with it.
        const heads = queueMarkerReads(items);
        const written = await renderTargets(w, [{ spec }], writeOptions, false, () => {
          added = spec.name;
        });
        inserted = { name: spec.name, others: heads() };
        return w.report([spec.name], written.estimatedBytes);
      });
      if (!inserted) throw new PortError('unknown', 'insertSheet');
      return inserted;
    },

    renameSheet: (from: string, to: string) =>
      withRetry(
        () =>
          run(async (context) => {
            context.workbook.worksheets.getItem(from).name = to;
            try {
              await context.sync();
            } catch (error) {
              // A name Excel refuses (too long, a reserved character) is the caller's, as is one in use
              // (ItemAlreadyExists → nameClash, like ItemNotFound → sheetMissing, is withRetry's mapping).
              if (asOfficeError(error)?.code === 'InvalidArgument') throw new PortError('nameClash', to);
              throw error;
            }
            snapshot.drop();
          }),
        retry,
      ),

    deleteSheet: (name: string) =>
      withRetry(
        () =>
          run(async (context) => {
            context.workbook.worksheets.getItem(name).delete();
            await context.sync(); // a missing sheet: ItemNotFound, which withRetry maps to sheetMissing
            snapshot.drop();
          }),
        retry,
      ),

    writeCells: (cells: readonly CellWrite[]) =>
      cells.length === 0
        ? Promise.resolve()
        : withRetry(
            () =>
              run(async (context) => {
                const queue = new OperationQueue();
                const bySheet = new Map<string, CellWrite[]>();
                for (const cell of cells) bySheet.set(cell.sheet, [...(bySheet.get(cell.sheet) ?? []), cell]);
                for (const [name, list] of bySheet) {
                  const sheet = context.workbook.worksheets.getItem(name);
                  for (const cell of list) {
                    queue.add(jsonBytes(cell.value) + cell.address.length, () => {
                      const range = sheet.getRange(cell.address);
                      // As in writeSheet: "@" first, so that the string stays text; null empties the cell.
                      if (typeof cell.value === 'string' && needsTextFormat(cell.value)) range.numberFormat = [['@']];
                      range.values = [[cell.value ?? '']];
                    });
                  }
                }
                await runBatches(queue, budget, () => context.sync());
              }),
            retry,
          ),

    activate: (name: string, select?: string) =>
      withRetry(
        () =>
          run(async (context) => {
            const sheet = context.workbook.worksheets.getItem(name);
            sheet.activate();
            if (select !== undefined) sheet.getRange(select).select();
            await context.sync();
          }),
        retry,
      ),

    onChange: async (listener: (e: ChangeEvent) => void): Promise<Unsubscribe> => {
      if (!supports('changeEvents'))
        throw new PortError('unsupported', `worksheets.onChanged needs ${requirementOf('changeEvents')}`);
      const registration = await withRetry(
        () =>
          run(async (context) => {
            // Names being looked up, by worksheet id: a burst of events on one sheet (a paste, another add-in's
            // write) costs one round trip, not one per event.
            const lookups = new Map<string, Promise<string>>();
            const result = context.workbook.worksheets.onChanged.add(async (event) => {
              // This add-in's own writes (Excel says so from ExcelApi 1.14): the add-in knows what it wrote, and a
              // consolidation would otherwise answer its own write with a burst of events.
              if (event.triggerSource === 'ThisLocalAddin') return;
              // The event names the sheet by id; its name is looked up now, since sheets can be renamed.
              let lookup = lookups.get(event.worksheetId);
              if (!lookup) {
                // Retried like any request (the user may already be typing in the next cell: cell-edit mode).
                lookup = withRetry(() => sheetName(event.worksheetId), retry).finally(() =>
                  lookups.delete(event.worksheetId),
                );
                lookups.set(event.worksheetId, lookup);
              }
              let sheet: string;
              try {
                sheet = await lookup;
              } catch (error) {
                // The sheet was deleted since: nothing left to check. Anything else is not swallowed.
                if (error instanceof PortError && error.code === 'sheetMissing') return;
                throw error;
              }
              listener({ sheet, address: event.address });
            });
            await context.sync();
            return result;
          }),
        retry,
      );
      return () =>
        withRetry(
          () =>
            run(registration.context, async (context) => {
              registration.remove();
              await context.sync();
            }),
          retry,
        );
    },
  };
  return port;
}

/** What listSheets (and insertSheet) load of every sheet. */
const LISTED_PROPERTIES = 'items/name,items/position,items/visibility';

/**
 * Queues the reads of the marker rows of loaded sheets (column A, rows 1–20: rows may be inserted above the marker
 * row); the returned function, called after the sync, gives the sheets in tab order with their markers.
 */
function queueMarkerReads(items: readonly Excel.Worksheet[]): () => SheetInfo[] {
  const heads = items.map((sheet) => sheet.getRange(MARKER_RANGE).load('values'));
  return () =>
    items
      .map((sheet, i): SheetInfo => {
        const { marker, damaged } = listedMarker(heads[i]?.values.map((row) => row[0]) ?? []);
        return {
          name: sheet.name,
          position: sheet.position,
          visible: sheet.visibility === 'Visible',
          ...(marker ? { marker } : {}),
          ...(damaged ? { damagedMarker: damaged } : {}),
        };
      })
      .sort((a, b) => a.position - b.position);
}
