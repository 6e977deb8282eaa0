import { MARKER_RANGE, listedMarker } from '../../domain/grid/ownSheets';
import type { SheetInfo } from '../port';

/**
 * Listing the sheets with the add-in's markers. A marker is looked for in column A, rows 1–20 (MARKER_RANGE: rows
 * may be inserted above the marker row), and a range of a sheet cannot be queued before the sheet list has come
 * back: 2 round trips, whatever the number of sheets. insertSheet rides the second on its write.
 */

/** What listSheets (and insertSheet) load of every sheet. */
export const LISTED_PROPERTIES = 'items/name,items/position,items/visibility';

/** Every sheet in tab order, with its marker: the sheet list, then every sheet's marker rows in one batch. */
export async function listSheets(context: Excel.RequestContext): Promise<SheetInfo[]> {
  const sheets = context.workbook.worksheets;
  sheets.load(LISTED_PROPERTIES);
  await context.sync();
  const heads = queueMarkerReads(sheets.items);
  await context.sync();
  return heads();
}

/**
 * Queues the reads of the marker rows of sheets loaded with LISTED_PROPERTIES; the returned function, called after
 * the sync, gives the sheets in tab order with their markers.
 */
export function queueMarkerReads(items: readonly Excel.Worksheet[]): () => SheetInfo[] {
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
