import { decodeMarker, type SheetSpec } from '../../domain/sheetSpec';
import { rangeAddress } from '../address';
import {
  PortError,
  type CellWrite,
  type ChangeEvent,
  type ReadOptions,
  type SheetData,
  type SheetInfo,
  type Unsubscribe,
  type WorkbookPort,
  type WriteOptions,
} from '../port';
import { needsTextFormat } from './cellText';
import { asOfficeError, DEFAULT_RETRY_DELAYS_MS, defaultSleep, withRetry, type RetryPolicy } from './errors';
import { FEATURE_REQUIREMENTS, requirementOf, type Feature } from './features';
import { DEFAULT_BATCH_BUDGET_BYTES, jsonBytes, OperationQueue, PAYLOAD_LIMIT_BYTES } from './payload';
import { bytesPerCell, rangeProperties, toSheetData, type LoadedGrid } from './readSheets';
import { queueClear, queueSheet, type Capabilities } from './renderSheet';

/**
 * The Excel adapter of the workbook port: the only code that touches Office.js (ARCHITECTURE.md).
 *
 * Round trips (`context.sync()`), whatever the number of sheets or cells:
 * - listSheets: 2 (the sheet list, then rows 1–20 of column A of every sheet, where the marker is looked for;
 *   a range of a sheet cannot be queued before the sheet list has come back).
 * - readSheets: 1 (every sheet's used range in one batch); 2 when a name is missing (to name it); when the
 *   response would exceed Excel on the web's 5 MB limit, 2 + one per ~4 MB of cells.
 * - writeSheet: 2 for a new sheet (names, then the whole spec); 3 when replacing one (its tables, charts and
 *   protection are loaded to be removed); plus one per ~4 MB of estimated request payload beyond the first.
 * - writeCells, activate, onChange and its unsubscribe: 1 (writeCells: plus one per ~4 MB).
 *
 * Optional APIs are checked with Office.context.requirements.isSetSupported (features.ts); what a spec asks for
 * and this Excel lacks is skipped, and listed in `lastWriteReport()` for the task pane to tell the user.
 */

export interface SkippedFeature {
  readonly feature: Feature;
  /** The requirement set this Excel lacks, e.g. "ExcelApi 1.8". */
  readonly requirement: string;
}

export interface WriteReport {
  readonly sheet: string;
  /** Parts of the spec not rendered because this Excel lacks the API; the rest of the sheet was written. */
  readonly skipped: readonly SkippedFeature[];
  /** Round trips of the whole writeSheet call, lookups included. */
  readonly syncs: number;
  /** Estimated request payload of the write batches, in bytes. */
  readonly estimatedBytes: number;
}

export interface ExcelWorkbookOptions {
  /** Defaults to Office.context.requirements.isSetSupported. */
  readonly isSetSupported?: (name: string, version: string) => boolean;
  /** Estimated request size at which a write is cut into another batch (default 4 MB; the limit is 5 MB). */
  readonly batchBudgetBytes?: number;
  /** Waits before retrying a request refused in cell-edit mode (default 250, 500, 1000 ms: three retries). */
  readonly retryDelaysMs?: readonly number[];
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface ExcelWorkbook extends WorkbookPort {
  /** What the last successful writeSheet skipped (degraded) and what it cost; undefined before the first. */
  lastWriteReport(): WriteReport | undefined;
}

type ExcelRun = typeof Excel.run;

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

  const sheetName = (worksheetId: string): Promise<string> =>
    run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(worksheetId);
      sheet.load('name');
      await context.sync();
      return sheet.name;
    });

  /** Every named sheet's used range in one batch (one sync), or in ~4 MB chunks when the response is too large. */
  const readNamed = async (context: Excel.RequestContext, names: readonly string[], readOptions: ReadOptions): Promise<readonly SheetData[]> => {
    const properties = ['rowIndex', 'columnIndex', ...rangeProperties(readOptions)];
    const reads = names.map((name) => {
      const sheet = context.workbook.worksheets.getItem(name);
      sheet.load('name');
      const used = supports('usedRangeOrNullObject') ? sheet.getUsedRangeOrNullObject(true) : sheet.getUsedRange(true);
      used.load(properties);
      return { sheet, used };
    });
    try {
      await context.sync();
    } catch (error) {
      const code = asOfficeError(error)?.code;
      if (code === 'ItemNotFound') throw await missingSheets(context, names);
      if (code === 'ResponsePayloadSizeLimitExceeded')
        return readInChunks(context, names, readOptions, budget, supports('usedRangeOrNullObject'));
      throw error;
    }
    return reads.map(({ sheet, used }) =>
      toSheetData(sheet.name, used.isNullObject ? [] : [loadedGrid(used, readOptions)], readOptions),
    );
  };

  const port: ExcelWorkbook = {
    lastWriteReport: () => lastReport,

    listSheets: () =>
      withRetry(
        () =>
          run(async (context) => {
            const sheets = context.workbook.worksheets;
            sheets.load('items/name,items/position,items/visibility');
            await context.sync();
            // Rows may be inserted above the marker row, so the marker is looked for in rows 1–20 of column A.
            const heads = sheets.items.map((sheet) => sheet.getRange('A1:A20').load('values'));
            await context.sync();
            const infos = sheets.items.map((sheet, i): SheetInfo => {
              const marker = heads[i]?.values.map((row) => decodeMarker(row[0])).find((m) => m !== undefined);
              return {
                name: sheet.name,
                position: sheet.position,
                visible: sheet.visibility === 'Visible',
                ...(marker ? { marker } : {}),
              };
            });
            return infos.sort((a, b) => a.position - b.position);
          }),
        retry,
      ),

    readSheets: (names: readonly string[], readOptions: ReadOptions = {}) =>
      names.length === 0 ? Promise.resolve([]) : withRetry(() => run((context) => readNamed(context, names, readOptions)), retry),

    readAllSheets: (readOptions: ReadOptions = {}) =>
      withRetry(
        () =>
          run(async (context): Promise<readonly SheetData[]> => {
            const sheets = context.workbook.worksheets;
            sheets.load('items/name,items/position');
            await context.sync();
            const names = [...sheets.items].sort((a, b) => a.position - b.position).map((sheet) => sheet.name);
            return names.length === 0 ? [] : readNamed(context, names, readOptions);
          }),
        retry,
      ),

    // A first, correct version: one writeSheet per spec. The consolidation issue's budget (≤ 3 round trips in
    // all) needs a single batch; see writeSheets' tests.
    writeSheets: async (specs: readonly SheetSpec[], writeOptions: WriteOptions = {}) => {
      for (const [i, spec] of specs.entries()) {
        const last = i === specs.length - 1;
        await port.writeSheet(spec, { replace: writeOptions.replace ?? true });
        if (last && (writeOptions.activate || writeOptions.select)) await port.activate(specs[0]?.name ?? spec.name, writeOptions.select);
      }
    },

    writeSheet: async (spec: SheetSpec, writeOptions: WriteOptions = {}) => {
      // Set once this call has created the sheet, so that a retry (cell-edit mode) replaces it instead of clashing.
      const state = { created: false };
      lastReport = await withRetry(
        () =>
          run(async (context): Promise<WriteReport> => {
            const skipped = new Map<Feature, SkippedFeature>();
            const caps: Capabilities = {
              supports,
              skip: (feature) => skipped.set(feature, { feature, requirement: requirementOf(feature) }),
            };
            let syncs = 0;
            const sheets = context.workbook.worksheets;
            sheets.load('items/name');
            await context.sync();
            syncs++;
            const wanted = spec.name.toLowerCase();
            const existing = sheets.items.find((s) => s.name.toLowerCase() === wanted);
            const queue = new OperationQueue();
            let sheet: Excel.Worksheet;
            if (existing) {
              if (!writeOptions.replace && !state.created) throw new PortError('nameClash', existing.name);
              const tables = existing.tables.load('items/name');
              const charts = existing.charts.load('items/name');
              const protection = supports('protection') ? existing.protection.load('protected') : undefined;
              await context.sync();
              syncs++;
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
            syncs += await runBatches(context, queue, budget, () => (state.created ||= !existing));
            return { sheet: spec.name, skipped: [...skipped.values()], syncs, estimatedBytes: queue.estimatedBytes };
          }),
        retry,
      );
    },

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
                await runBatches(context, queue, budget);
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
            const result = context.workbook.worksheets.onChanged.add(async (event) => {
              // The event names the sheet by id; its name is looked up now, since sheets can be renamed.
              listener({ sheet: await sheetName(event.worksheetId), address: event.address });
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

/**
 * Runs the queued operations in batches of at most `budget` estimated bytes, one round trip each; returns the
 * number of round trips. `afterFirst` runs once the first batch has reached Excel.
 */
async function runBatches(
  context: Excel.RequestContext,
  queue: OperationQueue,
  budget: number,
  afterFirst?: () => void,
): Promise<number> {
  const batches = queue.batches(budget);
  for (const [i, batch] of batches.entries()) {
    for (const op of batch) op.run();
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- deliberate: one round trip per ~4 MB of payload (Excel on the web refuses requests over 5 MB); for ordinary sheets this loop runs once
    await context.sync();
    if (i === 0) afterFirst?.();
  }
  return batches.length;
}

/** The loaded properties of a range; its position is passed when it was not loaded with it. */
function loadedGrid(
  range: Excel.Range,
  options: ReadOptions,
  at?: { readonly rowIndex: number; readonly columnIndex: number },
): LoadedGrid {
  return {
    rowIndex: at ? at.rowIndex : range.rowIndex,
    columnIndex: at ? at.columnIndex : range.columnIndex,
    values: range.values,
    valueTypes: range.valueTypes,
    ...(options.formulas ? { formulas: range.formulas } : {}),
    ...(options.numberFormats ? { numberFormat: range.numberFormat } : {}),
  };
}

/** After an ItemNotFound: which of the names are not sheets of this workbook (one more round trip). */
async function missingSheets(context: Excel.RequestContext, names: readonly string[]): Promise<PortError> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();
  const present = new Set(sheets.items.map((s) => s.name.toLowerCase()));
  const missing = names.filter((n) => !present.has(n.toLowerCase()));
  return new PortError('sheetMissing', (missing.length > 0 ? missing : names).join(', '));
}

/**
 * The used ranges were too large for one response (Excel on the web: 5 MB): learn their sizes, then read them in
 * row chunks of an estimated `budget` bytes per round trip. Cell sizes are only known once read, so a batch that
 * still comes back too large is retried as halves with a doubled estimate: round trips grow with bytes only.
 */
async function readInChunks(
  context: Excel.RequestContext,
  names: readonly string[],
  options: ReadOptions,
  budget: number,
  orNull: boolean,
): Promise<readonly SheetData[]> {
  const probes = names.map((name) => {
    const sheet = context.workbook.worksheets.getItem(name);
    sheet.load('name');
    const used = orNull ? sheet.getUsedRangeOrNullObject(true) : sheet.getUsedRange(true);
    used.load('rowIndex,columnIndex,rowCount,columnCount');
    return { sheet, used };
  });
  await context.sync();
  const present = probes.filter(({ used }) => !used.isNullObject);
  // The refused read says the cells average more than the limit divided by their number: start above that.
  const cells = present.reduce((n, { used }) => n + used.rowCount * used.columnCount, 0);
  const perCell = Math.max(bytesPerCell(options), Math.ceil((1.5 * PAYLOAD_LIMIT_BYTES) / Math.max(1, cells)));
  const work: Chunk[] = [];
  probes.forEach(({ used }, sheet) => {
    if (!used.isNullObject)
      work.push({
        sheet,
        top: used.rowIndex,
        left: used.columnIndex,
        rows: used.rowCount,
        columns: used.columnCount,
        perCell,
      });
  });
  const grids = probes.map((): LoadedGrid[] => []);
  const properties = rangeProperties(options);
  while (work.length > 0) {
    const batch = takeBatch(work, budget);
    const loads = batch.map((chunk) => ({
      chunk,
      range: probes[chunk.sheet]?.sheet.getRange(chunkAddress(chunk)).load(properties),
    }));
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- deliberate: one round trip per ~4 MB of response, only for reads over Excel on the web's 5 MB limit
      await context.sync();
    } catch (error) {
      if (asOfficeError(error)?.code !== 'ResponsePayloadSizeLimitExceeded' || batch.every((c) => c.rows === 1))
        throw error;
      work.unshift(...batch.flatMap(halve));
      continue;
    }
    for (const { chunk, range } of loads)
      if (range) grids[chunk.sheet]?.push(loadedGrid(range, options, { rowIndex: chunk.top, columnIndex: chunk.left }));
  }
  return probes.map(({ sheet }, i) => toSheetData(sheet.name, grids[i] ?? [], options));
}

interface Chunk {
  readonly sheet: number;
  readonly top: number;
  readonly left: number;
  readonly rows: number;
  readonly columns: number;
  /** Estimated response bytes per cell; doubled each time a batch with this chunk came back too large. */
  readonly perCell: number;
}

function chunkAddress(c: Chunk): string {
  return rangeAddress({
    start: { row: c.top, col: c.left },
    end: { row: c.top + c.rows - 1, col: c.left + c.columns - 1 },
  });
}

function chunkBytes(c: Chunk): number {
  return c.rows * c.columns * c.perCell;
}

/** Takes from the front of `work` the chunks of one round trip, cutting a chunk by rows to fit the budget. */
function takeBatch(work: Chunk[], budget: number): Chunk[] {
  const batch: Chunk[] = [];
  let bytes = 0;
  while (work.length > 0) {
    const next = work[0];
    if (!next) break;
    const room = budget - bytes;
    if (chunkBytes(next) <= room) {
      batch.push(next);
      bytes += chunkBytes(next);
      work.shift();
      continue;
    }
    const rows = Math.floor(room / (next.columns * next.perCell));
    if (rows >= 1) {
      batch.push({ ...next, rows });
      work[0] = { ...next, top: next.top + rows, rows: next.rows - rows };
    } else if (batch.length === 0) {
      batch.push({ ...next, rows: 1 });
      work[0] = { ...next, top: next.top + 1, rows: next.rows - 1 };
      if (next.rows === 1) work.shift();
    }
    break;
  }
  return batch;
}

function halve(c: Chunk): Chunk[] {
  const perCell = c.perCell * 2;
  if (c.rows === 1) return [{ ...c, perCell }];
  const upper = Math.ceil(c.rows / 2);
  return [
    { ...c, rows: upper, perCell },
    { ...c, top: c.top + upper, rows: c.rows - upper, perCell },
  ];
}
