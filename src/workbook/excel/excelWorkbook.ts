import type { SheetSpec } from '../../domain/grid/sheetSpec';
import {
  PortError,
  type OwnWritesInChangeEvents,
  type CellWrite,
  type ChangeEvent,
  type ReadOptions,
  type Unsubscribe,
  type WorkbookPort,
  type WriteOptions,
} from '../port';
import { subscribeToChanges } from './changeEvents';
import { DEFAULT_RETRY_DELAYS_MS, defaultSleep, withRetry, type RetryPolicy } from './errors';
import { featureSupport } from './features';
import { listSheets } from './listSheets';
import { DEFAULT_BATCH_BUDGET_BYTES } from './payload';
import { readAllSheets, readNamed, type ReadSettings } from './readSheets';
import { activate, deleteSheet, renameSheet, writeCells } from './sheetCommands';
import { SnapshotKeeper } from './snapshot';
import { insertSheet, writeSheet, type InsertCall } from './writeSheet';
import { lastSpecPerName, TargetLookup, writeSheets } from './writeSheets';
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
 *
 * This module only composes the parts: listSheets.ts (sheets and their markers); readSheets.ts and readChunks.ts
 * (used ranges, in chunks over 5 MB); snapshot.ts (what readAllSheets keeps for writeSheets); writeSheets.ts
 * (snapshot or lookup, and the redo when the snapshot was stale); writeSheet.ts (writeSheet, insertSheet);
 * renderTargets.ts and renderSheet.ts (the write batch); writeRun.ts (one write attempt: its round trips, what it
 * skipped, its report); payload.ts (batches under the 5 MB limit); sheetCommands.ts (the one-round-trip commands);
 * changeEvents.ts (onChange); errors.ts (Office errors as PortErrors, retries in cell-edit mode).
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
  /** onChange leaves out this add-in's own writes where Excel says which they are (ExcelApi 1.14), else reports them. */
  ownWritesInChangeEvents(): OwnWritesInChangeEvents;
}

type ExcelRun = typeof Excel.run;

/** The port over `run`: settings and the adapter's state first, then each method handed to the part that does it. */
export function createExcelWorkbook(run: ExcelRun = Excel.run, options: ExcelWorkbookOptions = {}): ExcelWorkbook {
  const supports = featureSupport(
    options.isSetSupported ?? ((name, version) => Office.context.requirements.isSetSupported(name, version)),
  );
  const budget = options.batchBudgetBytes ?? DEFAULT_BATCH_BUDGET_BYTES;
  const retry: RetryPolicy = {
    delaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
    sleep: options.sleep ?? defaultSleep,
  };
  const snapshot = new SnapshotKeeper(options.snapshotMaxAgeMs ?? 60_000, options.now ?? Date.now);
  const lookup = new TargetLookup();
  const reading: ReadSettings = { supports, budget };
  const writing: WriteSettings = { supports, budget, changed: () => snapshot.drop() };
  let lastReport: WriteReport | undefined;

  /** Every request: one Excel.run, retried from the start while Excel is in cell-edit mode. */
  const inExcel = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> =>
    withRetry(() => run(batch), retry);
  /** A write: each attempt with its own WriteRun; the report of the one that succeeded is kept. */
  const write = async (attempt: (w: WriteRun) => Promise<WriteReport>): Promise<void> => {
    lastReport = await inExcel((context) => attempt(new WriteRun(context, writing)));
  };

  return {
    lastWriteReport: () => lastReport,
    ownWritesInChangeEvents: () => (supports('triggerSource') ? 'omitted' : 'reported'),
    listSheets: () => inExcel(listSheets),
    readSheets: (names: readonly string[], readOptions: ReadOptions = {}) =>
      names.length === 0 ? Promise.resolve([]) : inExcel((context) => readNamed(context, names, readOptions, reading)),
    readAllSheets: (readOptions: ReadOptions = {}) =>
      inExcel((context) =>
        // The snapshot's loads ride on the batch that reads the used ranges: no round trip of their own.
        readAllSheets(context, readOptions, reading, (sheets) => snapshot.queueTake(sheets, supports('protection'))),
      ),
    writeSheets: async (given: readonly SheetSpec[], writeOptions: WriteOptions = {}) => {
      const specs = lastSpecPerName(given);
      if (specs.length === 0) return;
      const call = { specs, options: writeOptions, created: new Set<string>() };
      await write((w) => writeSheets(w, call, snapshot, lookup));
    },
    writeSheet: (spec: SheetSpec, writeOptions: WriteOptions = {}) => {
      const call = { created: false };
      return write((w) => writeSheet(w, spec, writeOptions, call));
    },
    insertSheet: async (build, writeOptions = {}) => {
      const call: InsertCall = {};
      await write((w) => insertSheet(w, build, writeOptions, call));
      if (!call.inserted) throw new PortError('unknown', 'insertSheet');
      return call.inserted;
    },
    renameSheet: (from: string, to: string) =>
      inExcel(async (context) => {
        await renameSheet(context, from, to);
        snapshot.drop();
      }),
    deleteSheet: (name: string) =>
      inExcel(async (context) => {
        await deleteSheet(context, name);
        snapshot.drop();
      }),
    writeCells: (cells: readonly CellWrite[]) =>
      cells.length === 0 ? Promise.resolve() : inExcel((context) => writeCells(context, cells, budget)),
    activate: (name: string, select?: string) => inExcel((context) => activate(context, name, select)),
    onChange: async (listener: (e: ChangeEvent) => void): Promise<Unsubscribe> =>
      subscribeToChanges(run, retry, supports('changeEvents'), listener),
  };
}
