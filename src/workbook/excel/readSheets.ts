import { MARKER_RANGE } from '../../domain/grid/ownSheets';
import { leanClaimed } from '../leanRead';
import { PortError, leanOptions, leanReadOf, type LeanRead, type ReadOptions } from '../port';
import type { SheetData } from '../../domain/grid/sheet';
import type { CellValue } from '../../domain/grid/cells';
import { asOfficeError } from './errors';
import type { Feature } from './features';
import { chunkAddress, chunksOf, halve, takeBatch } from './readChunks';

/**
 * Reading sheets: every named sheet's used range in one batch (readNamed), in row chunks when the response would
 * be too large (readInChunks, readChunks.ts), and turning what Excel returns into SheetData: cell (r, c) of the
 * result is cell (r+1, c+1) of the sheet, whatever rows and columns are empty above and to the left of the used
 * range.
 */

export interface ReadSettings {
  readonly supports: (feature: Feature) => boolean;
  /** Estimated response bytes per round trip of a chunked read. */
  readonly budget: number;
}

/**
 * More loads for the batch of a read that succeeds (queued again if the first batch is refused as too large);
 * the returned function runs once they came back.
 */
export type Alongside = () => () => void;

/**
 * Every sheet in tab order: the names (one round trip), then readNamed. `alongside` is given the sheets, so that
 * what it loads of them rides on the read's batch.
 */
export async function readAllSheets(
  context: Excel.RequestContext,
  options: ReadOptions,
  settings: ReadSettings,
  alongside?: (sheets: readonly Excel.Worksheet[]) => () => void,
): Promise<readonly SheetData[]> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name,items/position');
  await context.sync();
  const items = [...sheets.items].sort((a, b) => a.position - b.position);
  const withItems = alongside && (() => alongside(items));
  if (items.length === 0) {
    // No sheet, nothing to read; what rides along has nothing to load and is done at once.
    withItems?.()();
    return [];
  }
  const names = items.map((sheet) => sheet.name);
  return readNamed(context, names, options, settings, withItems);
}

/**
 * Every named sheet's used range in one batch (one sync), or in ~`budget` chunks when the response is too large;
 * a name that is not a sheet is a PortError('sheetMissing') naming it (one more round trip, on that error only).
 */
export async function readNamed(
  context: Excel.RequestContext,
  names: readonly string[],
  options: ReadOptions,
  settings: ReadSettings,
  alongside?: Alongside,
): Promise<readonly SheetData[]> {
  const orNull = settings.supports('usedRangeOrNullObject');
  const withMerges = settings.supports('mergedAreas');
  const plans = names.map((name) => readPlan(options, name));
  const reads = names.map((name, i) => {
    const { lean, opts } = plans[i] ?? readPlan(options, name);
    const sheet = context.workbook.worksheets.getItem(name);
    sheet.load('name');
    if (lean?.depth === 'marker') return { sheet, opts, head: sheet.getRange(MARKER_RANGE).load('values,valueTypes') };
    const used = orNull ? sheet.getUsedRangeOrNullObject(true) : sheet.getUsedRange(true);
    used.load(['rowIndex', 'columnIndex', ...rangeProperties(opts)]);
    return { sheet, opts, used, merges: withMerges && !lean ? queueMerges(sheet) : undefined };
  });
  const loaded = alongside?.();
  try {
    await context.sync();
  } catch (error) {
    const code = asOfficeError(error)?.code;
    if (code === 'ItemNotFound') throw await missingSheets(context, names);
    if (code === 'ResponsePayloadSizeLimitExceeded') return readInChunks(context, names, options, settings, alongside);
    // Excel refuses the merged areas of a sheet with more than 512 of them: read once more without any (the
    // values matter more; merged input cells then go unreported, as for a reader that cannot see merges).
    if (withMerges) return readNamed(context, names, options, withoutMerges(settings), alongside);
    throw error;
  }
  loaded?.();
  const data = reads.map(({ sheet, opts, head, used, merges }) =>
    head
      ? markerGrid(sheet.name, head)
      : withMergesOf(toSheetData(sheet.name, !used || used.isNullObject ? [] : [loadedGrid(used, opts)], opts), merges),
  );
  return withMismatchesReread(context, names, data, options, settings);
}

/** How deep a sheet is read: its lean read (ReadOptions.lean), and the options its range is loaded with. */
function readPlan(options: ReadOptions, name: string): { readonly lean?: LeanRead; readonly opts: ReadOptions } {
  const lean = leanReadOf(options, name);
  return lean ? { lean, opts: leanOptions(options) } : { opts: options };
}

/** A sheet read for its marker only: column A of rows 1–20, one cell a row. */
function markerGrid(name: string, head: Excel.Range): SheetData {
  return toSheetData(name, [{ rowIndex: 0, columnIndex: 0, values: head.values, valueTypes: head.valueTypes }], {});
}

/**
 * Sheets read lean whose marker does not claim the type their name suggested (a template renamed 汇总, a sheet of
 * the user's own called 历史): read again in full, one more round trip, only then.
 */
async function withMismatchesReread(
  context: Excel.RequestContext,
  names: readonly string[],
  data: readonly SheetData[],
  options: ReadOptions,
  settings: ReadSettings,
): Promise<readonly SheetData[]> {
  const wrong = names.flatMap((name, i) => {
    const lean = leanReadOf(options, name);
    const read = data[i];
    return lean && read && !leanClaimed(read.values, lean) ? [i] : [];
  });
  if (wrong.length === 0) return data;
  const { lean: _lean, ...full } = options;
  const again = await readNamed(
    context,
    wrong.map((i) => names[i] ?? ''),
    full,
    settings,
  );
  const out = [...data];
  wrong.forEach((i, k) => {
    const read = again[k];
    if (read) out[i] = read;
  });
  return out;
}

/**
 * Queues the load of a sheet's merged areas on the batch (ExcelApi 1.13), from the whole sheet (a range that is
 * never a null object, unlike an empty sheet's used range); the returned function reads them once it came back.
 */
function queueMerges(sheet: Excel.Worksheet): () => readonly string[] {
  const areas = sheet.getRange().getMergedAreasOrNullObject();
  areas.load('address');
  return () => (areas.isNullObject ? [] : mergedAddresses(areas.address));
}

/**
 * The rectangles of a RangeAreas address ("Sheet1!A1:B2, Sheet1!H7:H8", sheet names quoted as Excel quotes them),
 * without the sheet name: each is what follows its "!", up to the next comma or the end.
 */
export function mergedAddresses(address: string): string[] {
  return [...address.matchAll(/!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?\s*(?=,|$)/g)].map(([, c1, r1, c2, r2]) =>
    c2 === undefined || r2 === undefined ? `${c1 ?? ''}${r1 ?? ''}` : `${c1 ?? ''}${r1 ?? ''}:${c2}${r2}`,
  );
}

function withoutMerges(settings: ReadSettings): ReadSettings {
  return { ...settings, supports: (feature) => feature !== 'mergedAreas' && settings.supports(feature) };
}

/** A sheet with its merged areas, when it has any (none is said by their absence, as by every reader). */
function withMergesOf(data: SheetData, merges: (() => readonly string[]) | undefined): SheetData {
  const areas = merges?.() ?? [];
  return areas.length > 0 ? { ...data, merges: areas } : data;
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
 * The used ranges were too large for one response: learn their sizes (with what rides along), then read them in
 * row chunks of ~`budget` bytes per round trip, halving those of a batch that still comes back too large.
 */
async function readInChunks(
  context: Excel.RequestContext,
  names: readonly string[],
  options: ReadOptions,
  settings: ReadSettings,
  alongside?: Alongside,
): Promise<readonly SheetData[]> {
  const orNull = settings.supports('usedRangeOrNullObject');
  const withMerges = settings.supports('mergedAreas');
  const probes = names.map((name) => {
    const { lean, opts } = readPlan(options, name);
    const sheet = context.workbook.worksheets.getItem(name);
    sheet.load('name');
    if (lean?.depth === 'marker') return { sheet, opts, head: sheet.getRange(MARKER_RANGE).load('values,valueTypes') };
    const used = orNull ? sheet.getUsedRangeOrNullObject(true) : sheet.getUsedRange(true);
    used.load('rowIndex,columnIndex,rowCount,columnCount');
    return { sheet, opts, used, merges: withMerges && !lean ? queueMerges(sheet) : undefined };
  });
  const loaded = alongside?.();
  await context.sync();
  loaded?.();
  const work = chunksOf(
    probes.map(({ used }) => (!used || used.isNullObject ? undefined : used)),
    bytesPerCell(options),
  );
  const grids = probes.map((): LoadedGrid[] => []);
  while (work.length > 0) {
    const batch = takeBatch(work, settings.budget);
    const loads = batch.map((chunk) => {
      const probe = probes[chunk.sheet];
      return { chunk, probe, range: probe?.sheet.getRange(chunkAddress(chunk)).load(rangeProperties(probe.opts)) };
    });
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- deliberate: one round trip per ~4 MB of response, only for reads over Excel on the web's 5 MB limit
      await context.sync();
    } catch (error) {
      if (asOfficeError(error)?.code !== 'ResponsePayloadSizeLimitExceeded' || batch.every((c) => c.rows === 1))
        throw error;
      work.unshift(...batch.flatMap(halve));
      continue;
    }
    for (const { chunk, probe, range } of loads)
      if (range && probe)
        grids[chunk.sheet]?.push(loadedGrid(range, probe.opts, { rowIndex: chunk.top, columnIndex: chunk.left }));
  }
  const data = probes.map(({ sheet, opts, head, merges }, i) =>
    head ? markerGrid(sheet.name, head) : withMergesOf(toSheetData(sheet.name, grids[i] ?? [], opts), merges),
  );
  return withMismatchesReread(context, names, data, options, settings);
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

export interface LoadedGrid {
  /** 0-based position of the grid's top-left cell on the sheet. */
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly values: readonly (readonly unknown[])[];
  readonly valueTypes: readonly (readonly string[])[];
  readonly formulas?: readonly (readonly unknown[])[];
  readonly numberFormat?: readonly (readonly unknown[])[];
}

/** The properties to load on a range for `options`. */
export function rangeProperties(options: ReadOptions): string[] {
  return [
    'values',
    'valueTypes',
    ...(options.formulas ? ['formulas'] : []),
    ...(options.numberFormats ? ['numberFormat'] : []),
  ];
}

export function toCellValue(value: unknown, type: string | undefined): CellValue {
  switch (type) {
    case 'Empty':
      return null;
    case 'Error':
      return { error: String(value) };
    case 'String':
      return String(value);
    case 'Boolean':
      return Boolean(value);
    case 'Double':
    case 'Integer':
      return Number(value);
    default:
      // Unknown or rich values (ExcelApi 1.16 data types): keep what is plain, drop the rest.
      return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? value : null;
  }
}

/** Assembles a sheet from grids (one, or row chunks of the used range), padding the area above and to the left. */
export function toSheetData(name: string, grids: readonly LoadedGrid[], options: ReadOptions): SheetData {
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  const formats: string[][] = [];
  let width = 0;
  for (const g of grids) width = Math.max(width, g.columnIndex + (g.values[0]?.length ?? 0));
  const ensureRow = (r: number): void => {
    while (values.length <= r) {
      values.push(new Array<CellValue>(width).fill(null));
      formulas.push(new Array<string | null>(width).fill(null));
      formats.push(new Array<string>(width).fill('General'));
    }
  };
  for (const g of grids) {
    g.values.forEach((row, i) => {
      const r = g.rowIndex + i;
      ensureRow(r);
      const vRow = values[r];
      const fRow = formulas[r];
      const nRow = formats[r];
      row.forEach((v, j) => {
        const c = g.columnIndex + j;
        if (vRow) vRow[c] = toCellValue(v, g.valueTypes[i]?.[j]);
        const f = g.formulas?.[i]?.[j];
        // A text cell's `formulas` is its text: "=1+1" kept as text (format "@") is no formula. A formula whose
        // result is its own text would read as text too; nothing the add-in writes is one.
        const isText = g.valueTypes[i]?.[j] === 'String' && f === v;
        if (fRow && typeof f === 'string' && f.startsWith('=') && !isText) fRow[c] = f;
        const n = g.numberFormat?.[i]?.[j];
        if (nRow && typeof n === 'string') nRow[c] = n;
      });
    });
  }
  return {
    name,
    values,
    ...(options.formulas ? { formulas } : {}),
    ...(options.numberFormats ? { numberFormats: formats } : {}),
  };
}

/** Estimated response bytes of one cell for the loaded properties (values + valueTypes ≈ 40, the others ≈ 40). */
export function bytesPerCell(options: ReadOptions): number {
  return 40 + (options.formulas ? 40 : 0) + (options.numberFormats ? 40 : 0);
}
