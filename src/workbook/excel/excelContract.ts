import { skip } from '../contract/assert';
import type { Capability, ContractTarget, Inspector, InspectorMethod, ValidationKind } from '../contract/target';
import { createExcelWorkbook, type ExcelWorkbookOptions } from './excelWorkbook';
import { toPortError } from './errors';

/**
 * The Excel adapter as a target of the port contract (contract/portContract.ts), for 设置 → 自检 in a real Excel
 * and for CI over the recording fake: a fresh adapter (its own snapshot state) over an Excel.run whose
 * `context.sync()` calls are counted, and an inspect hook that reads back, with Office.js in the adapter's style,
 * what the port does not return. An inspect method this Excel lacks the API for says so (skipped, not failed).
 */

type ExcelRun = typeof Excel.run;

export interface ExcelContractOptions extends ExcelWorkbookOptions {
  /** How long to wait for change events after a write (Excel raises them after the request returns). */
  readonly settleMs?: number;
  /** What to leave out, with the reason (CI: what the recording fake does not model). */
  readonly without?: Partial<Record<Capability, string>>;
}

/** Excel.run with every `context.sync()` counted, including the one Excel.run makes for leftover commands. */
export function countingRun(run: ExcelRun, onSync: () => void): ExcelRun {
  const counted = new WeakSet<object>();
  const instrument = (context: Excel.RequestContext) => {
    if (counted.has(context)) return;
    counted.add(context);
    const sync = context.sync.bind(context);
    context.sync = <T>(passThroughValue?: T) => {
      onSync();
      return sync(passThroughValue);
    };
  };
  const wrapped = (...args: unknown[]): Promise<unknown> => {
    const batch = args[args.length - 1] as (context: Excel.RequestContext) => Promise<unknown>;
    const instrumented = (context: Excel.RequestContext) => {
      instrument(context);
      return batch(context);
    };
    return (run as (...a: unknown[]) => Promise<unknown>)(...args.slice(0, -1), instrumented);
  };
  return wrapped as unknown as ExcelRun;
}

/** "'Sheet 1'!B2:C3" → "B2:C3" (Office.js addresses carry the sheet name). */
function withoutSheet(address: string): string {
  return address.slice(address.lastIndexOf('!') + 1);
}

const VALIDATION_KINDS: Readonly<Record<string, ValidationKind>> = {
  None: 'none',
  Decimal: 'decimal',
  WholeNumber: 'wholeNumber',
  List: 'list',
  TextLength: 'textLength',
  Custom: 'custom',
};

/**
 * Long because it is a list of small, independent Office.js batches, one per inspect method, each in the adapter's
 * style (load, one sync, read) and each saying which requirement set it needs.
 */
export function excelInspector(run: ExcelRun, isSetSupported: (name: string, version: string) => boolean): Inspector {
  const requires = (version: string, what: string) => {
    if (!isSetSupported('ExcelApi', version)) skip(`${what} needs ExcelApi ${version}`);
  };
  const inExcel = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    try {
      return await run(batch);
    } catch (error) {
      throw toPortError(error);
    }
  };
  return {
    insertRows: (sheet, row, count) =>
      inExcel(async (context) => {
        context.workbook.worksheets
          .getItem(sheet)
          .getRange(`${row}:${row + count - 1}`)
          .insert('Down');
        await context.sync();
      }),
    validationKind: async (sheet, address) => {
      requires('1.8', 'Range.dataValidation');
      return inExcel(async (context) => {
        const dv = context.workbook.worksheets.getItem(sheet).getRange(address).dataValidation;
        dv.load('type');
        await context.sync();
        return VALIDATION_KINDS[dv.type] ?? 'other';
      });
    },
    conditionalFormatCount: async (sheet, address) => {
      requires('1.6', 'Range.conditionalFormats');
      return inExcel(async (context) => {
        const count = context.workbook.worksheets.getItem(sheet).getRange(address).conditionalFormats.getCount();
        await context.sync();
        // eslint-disable-next-line office-addins/load-object-before-read -- a ClientResult (getCount), filled by the sync, not a proxy to load
        return count.value;
      });
    },
    isProtected: async (sheet) => {
      requires('1.2', 'Worksheet.protection');
      return inExcel(async (context) => {
        const protection = context.workbook.worksheets.getItem(sheet).protection;
        protection.load('protected');
        await context.sync();
        return protection.protected;
      });
    },
    mergedAreas: async (sheet, address) => {
      requires('1.13', 'Range.getMergedAreasOrNullObject');
      return inExcel(async (context) => {
        const areas = context.workbook.worksheets.getItem(sheet).getRange(address).getMergedAreasOrNullObject();
        areas.load('address');
        await context.sync();
        return areas.isNullObject ? [] : areas.address.split(',').map((a) => withoutSheet(a.trim()));
      });
    },
    columnWidth: async (sheet, column) => {
      requires('1.2', 'RangeFormat.columnWidth');
      return inExcel(async (context) => {
        const range = context.workbook.worksheets.getItem(sheet).getRange(`${column}:${column}`);
        range.load('format/columnWidth');
        await context.sync();
        return range.format.columnWidth;
      });
    },
    rowHidden: async (sheet, row) => {
      requires('1.2', 'Range.rowHidden');
      return inExcel(async (context) => {
        const range = context.workbook.worksheets.getItem(sheet).getRange(`${row}:${row}`);
        range.load('rowHidden');
        await context.sync();
        return range.rowHidden;
      });
    },
    active: () =>
      inExcel(async (context) => {
        const sheet = context.workbook.worksheets.getActiveWorksheet();
        sheet.load('name');
        const cell = isSetSupported('ExcelApi', '1.7') ? context.workbook.getActiveCell() : undefined;
        cell?.load('address');
        await context.sync();
        return { sheet: sheet.name, ...(cell ? { cell: withoutSheet(cell.address) } : {}) };
      }),
  };
}

export function excelContractTarget(run: ExcelRun = Excel.run, options: ExcelContractOptions = {}): ContractTarget {
  const isSetSupported =
    options.isSetSupported ??
    ((name: string, version: string) => Office.context.requirements.isSetSupported(name, version));
  let syncs = 0;
  const port = createExcelWorkbook(
    countingRun(run, () => syncs++),
    { ...options, isSetSupported },
  );
  const settleMs = options.settleMs ?? 1500;
  const inspector = excelInspector(run, isSetSupported);
  const without = options.without ?? {};
  const inspect: Partial<Inspector> = { ...inspector };
  for (const need of Object.keys(without) as Capability[])
    if (need !== 'calculation') delete inspect[need as InspectorMethod];
  return {
    adapter: 'excel',
    port,
    roundTrips: { unit: 'sync', count: () => syncs },
    ownWrites: port.ownWritesInChangeEvents(),
    settle: () => new Promise((resolve) => setTimeout(resolve, settleMs)),
    inspect,
    cannot: without,
  };
}
