import { columnNumber, parseRange, parseRanges, rangeAddress, type RangeRef } from '../../domain/grid/address';
import type { ContractTarget, ValidationKind } from '../contract/target';
import type { WorkbookPort } from '../port';
import type { MemoryWorkbook } from './memoryWorkbook';

/**
 * The memory workbook as a target of the port contract (contract/portContract.ts): its port with every call
 * counted (each call is one batch by construction: the memory workbook's "round trip"), and an inspect hook that
 * reads the workbook's own state. Change events are synchronous here, so there is nothing to wait for.
 */
export function memoryContractTarget(workbook: MemoryWorkbook): ContractTarget {
  let calls = 0;
  const counted = <A extends unknown[], R>(f: (...args: A) => R) => {
    return (...args: A): R => {
      calls++;
      return f(...args);
    };
  };
  const port: WorkbookPort = {
    listSheets: counted(() => workbook.listSheets()),
    readSheets: counted((names, options) => workbook.readSheets(names, options)),
    readAllSheets: counted((options) => workbook.readAllSheets(options)),
    writeSheet: counted((spec, options) => workbook.writeSheet(spec, options)),
    writeSheets: counted((specs, options) => workbook.writeSheets(specs, options)),
    insertSheet: counted((build, options) => workbook.insertSheet(build, options)),
    renameSheet: counted((from, to) => workbook.renameSheet(from, to)),
    deleteSheet: counted((name) => workbook.deleteSheet(name)),
    writeCells: counted((cells) => workbook.writeCells(cells)),
    activate: counted((sheet, select) => workbook.activate(sheet, select)),
    onChange: counted((listener) => workbook.onChange(listener)),
  };
  const overlaps = (a: RangeRef, b: RangeRef) =>
    a.start.row <= b.end.row &&
    b.start.row <= a.end.row &&
    a.start.column <= b.end.column &&
    b.start.column <= a.end.column;
  return {
    adapter: 'memory',
    port,
    roundTrips: { unit: 'portCall', count: () => calls },
    ownWrites: workbook.ownWritesInChangeEvents(),
    settle: async () => undefined,
    inspect: {
      insertRows: async (sheet, row, count) => workbook.insertRows(sheet, row, count),
      validationKind: async (sheet, address): Promise<ValidationKind> => {
        const at = parseRange(address);
        const found = workbook
          .sheetMeta(sheet)
          .validations.filter((v) => parseRanges(v.range).some((r) => overlaps(r, at)))
          .at(-1);
        return found ? found.rule.type : 'none';
      },
      conditionalFormatCount: async (sheet, address) => {
        const at = parseRange(address);
        return workbook
          .sheetMeta(sheet)
          .conditionalFormats.filter((cf) => parseRanges(cf.range).some((r) => overlaps(r, at))).length;
      },
      isProtected: async (sheet) => workbook.sheetMeta(sheet).protect,
      mergedAreas: async (sheet, address) => {
        const at = parseRange(address);
        return workbook
          .sheetMeta(sheet)
          .merges.map((m) => parseRange(m))
          .filter((m) => overlaps(m, at))
          .map(rangeAddress);
      },
      // Excel's default width in characters of the default font, where the spec set none.
      columnWidth: async (sheet, column) =>
        workbook.sheetMeta(sheet).columnWidths.get(columnNumber(column))?.width ?? 8.43,
      rowHidden: async (sheet, row) => workbook.sheetMeta(sheet).rowHeights.get(row)?.hidden ?? false,
      active: async () => workbook.active,
    },
  };
}
