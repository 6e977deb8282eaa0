import { PortError, type CellWrite } from '../port';
import { needsTextFormat } from '../cellText';
import { asOfficeError } from './errors';
import { jsonBytes, OperationQueue, runBatches } from './payload';

/** The one-round-trip commands (writeCells: plus one per ~4 MB of estimated request). */

export async function renameSheet(context: Excel.RequestContext, from: string, to: string): Promise<void> {
  context.workbook.worksheets.getItem(from).name = to;
  try {
    await context.sync();
  } catch (error) {
    // A name Excel refuses (too long, a reserved character) is the caller's, as is one in use
    // (ItemAlreadyExists → nameClash, like ItemNotFound → sheetMissing, is withRetry's mapping).
    if (asOfficeError(error)?.code === 'InvalidArgument') throw new PortError('nameClash', to);
    throw error;
  }
}

export async function deleteSheet(context: Excel.RequestContext, name: string): Promise<void> {
  context.workbook.worksheets.getItem(name).delete();
  await context.sync(); // a missing sheet: ItemNotFound, which withRetry maps to sheetMissing
}

export async function activate(context: Excel.RequestContext, name: string, select?: string): Promise<void> {
  const sheet = context.workbook.worksheets.getItem(name);
  sheet.activate();
  if (select !== undefined) sheet.getRange(select).select();
  await context.sync();
}

export async function writeCells(
  context: Excel.RequestContext,
  cells: readonly CellWrite[],
  budget: number,
): Promise<void> {
  const queue = new OperationQueue();
  const bySheet = new Map<string, CellWrite[]>();
  for (const cell of cells) bySheet.set(cell.sheet, [...(bySheet.get(cell.sheet) ?? []), cell]);
  for (const [name, list] of bySheet) {
    const sheet = context.workbook.worksheets.getItem(name);
    for (const cell of list) {
      queue.add(jsonBytes(cell.value) + cell.address.length + (cell.numberFormat?.length ?? 0), () => {
        const range = sheet.getRange(cell.address);
        // As in writeSheet: "@" first, so that the string stays text; null empties the cell.
        if (typeof cell.value === 'string' && needsTextFormat(cell.value)) range.numberFormat = [['@']];
        else if (cell.numberFormat !== undefined) range.numberFormat = [[cell.numberFormat]];
        range.values = [[cell.value ?? '']];
      });
    }
  }
  await runBatches(queue, budget, () => context.sync());
}
