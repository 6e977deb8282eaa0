import type { SheetSpec } from '../../domain/grid/sheetSpec';
import { PortError, type InsertedSheet, type WriteOptions } from '../port';
import { LISTED_PROPERTIES, queueMarkerReads } from './listSheets';
import { renderTargets, type Target } from './renderTargets';
import { queueStateLoad, sheetKey } from './snapshot';
import type { WriteReport, WriteRun } from './writeRun';

/**
 * The one-sheet writes (their round trips: excelWorkbook.ts). writeSheet learns from the sheet names whether it
 * replaces a sheet, and only then loads what that sheet holds, to clear it. insertSheet names the new sheet from the
 * names there are, and reads every other sheet's marker rows in the batch that adds it: the caller learns what it
 * needs of the workbook without listing it first.
 */

/** One attempt of writeSheet; `call.created` is set once the call has created the sheet (kept across attempts). */
export async function writeSheet(
  w: WriteRun,
  spec: SheetSpec,
  options: WriteOptions,
  call: { created: boolean },
): Promise<WriteReport> {
  const sheets = w.context.workbook.worksheets;
  sheets.load('items/name');
  await w.sync();
  const sheet = sheets.items.find((s) => sheetKey(s.name) === sheetKey(spec.name));
  let existing: Target['existing'];
  if (sheet) {
    // A retry (cell-edit mode) replaces the sheet its first attempt created instead of clashing with it.
    if (!options.replace && !call.created) throw new PortError('nameClash', sheet.name);
    const read = queueStateLoad(sheet, w.caps.supports('protection'));
    await w.sync();
    existing = { name: sheet.name, sheet, ...read() };
  }
  const target: Target = existing ? { spec, existing } : { spec };
  const written = await renderTargets(w, [target], options, false, () => {
    call.created ||= !existing;
  });
  return w.report([spec.name], written.estimatedBytes);
}

/** What one insertSheet call carries across its attempts (cell-edit mode retries). */
export interface InsertCall {
  /** The sheet this call added, once its batch reached Excel: a retry deletes it first. */
  added?: string;
  inserted?: InsertedSheet;
}

/** One attempt of insertSheet. */
export async function insertSheet(
  w: WriteRun,
  build: (existingNames: readonly string[]) => SheetSpec,
  options: Omit<WriteOptions, 'replace'>,
  call: InsertCall,
): Promise<WriteReport> {
  const sheets = w.context.workbook.worksheets;
  sheets.load(LISTED_PROPERTIES);
  await w.sync();
  const { added } = call;
  const previous = added === undefined ? undefined : sheetKey(added);
  const items = sheets.items.filter((sheet) => sheetKey(sheet.name) !== previous);
  if (items.length < sheets.items.length && added !== undefined) sheets.getItem(added).delete();
  const spec = build(items.map((sheet) => sheet.name));
  // The markers ride on the write's first batch: queued before it, they come back with it.
  const heads = queueMarkerReads(items);
  const written = await renderTargets(w, [{ spec }], options, false, () => {
    call.added = spec.name;
  });
  call.inserted = { name: spec.name, others: heads() };
  return w.report([spec.name], written.estimatedBytes);
}
