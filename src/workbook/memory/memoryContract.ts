import { columnNumber, parseRange, parseRanges, rangeAddress } from '../../domain/grid/address';
import type { ContractTarget, ValidationKind } from '../contract/target';
import { countedPort, overlaps } from '../contract/countedPort';
import type { MemoryWorkbook } from './memoryWorkbook';

/**
 * The memory workbook as a target of the port contract (contract/portContract.ts): its port with every call
 * counted (each call is one batch by construction: the memory workbook's "round trip"), and an inspect hook that
 * reads the workbook's own state. Change events are synchronous here, so there is nothing to wait for.
 */
export function memoryContractTarget(workbook: MemoryWorkbook): ContractTarget {
  const { port, calls } = countedPort(workbook);
  return {
    adapter: 'memory',
    port,
    roundTrips: { unit: 'portCall', count: calls },
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
