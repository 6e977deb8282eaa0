import { columnNumber, parseRange, parseRanges, rangeAddress } from '../../domain/grid/address';
import type { ContractTarget, ValidationKind } from '../contract/target';
import { countedPort, overlaps } from '../contract/countedPort';
import type { FileWorkbook } from './fileWorkbook';

/**
 * The file workbook as a target of the port contract (contract/portContract.ts), as the memory workbook is: every
 * port call counted (each is one step, no round trip), and an inspect hook answering from the specs the sheets were
 * written from — what a saved file of them holds (the .xlsx writer's own tests check the file against the spec).
 * A file cannot have rows inserted above a marker by a person, so that check is skipped.
 */
export function fileContractTarget(workbook: FileWorkbook): ContractTarget {
  const { port, calls } = countedPort(workbook);
  const spec = (sheet: string) => workbook.sheetSpec(sheet);
  return {
    adapter: 'file',
    port,
    roundTrips: { unit: 'portCall', count: calls },
    ownWrites: workbook.ownWritesInChangeEvents(),
    settle: async () => undefined,
    cannot: { insertRows: 'a file workbook has no person inserting rows above a marker' },
    inspect: {
      validationKind: async (sheet, address): Promise<ValidationKind> => {
        const at = parseRange(address);
        const found = (spec(sheet)?.validations ?? [])
          .filter((v) => parseRanges(v.range).some((r) => overlaps(r, at)))
          .at(-1);
        return found ? found.rule.type : 'none';
      },
      conditionalFormatCount: async (sheet, address) => {
        const at = parseRange(address);
        return (spec(sheet)?.conditionalFormats ?? []).filter((cf) =>
          parseRanges(cf.range).some((r) => overlaps(r, at)),
        ).length;
      },
      isProtected: async (sheet) => spec(sheet)?.protect ?? false,
      mergedAreas: async (sheet, address) => {
        const at = parseRange(address);
        return (spec(sheet)?.merges ?? [])
          .map((m) => parseRange(m))
          .filter((m) => overlaps(m, at))
          .map(rangeAddress);
      },
      columnWidth: async (sheet, column) =>
        spec(sheet)?.columnWidths?.find((w) => columnNumber(w.column) === columnNumber(column))?.width ?? 8.43,
      rowHidden: async (sheet, row) => spec(sheet)?.rowHeights?.find((h) => h.row === row)?.hidden ?? false,
      active: async () => workbook.active,
    },
  };
}
