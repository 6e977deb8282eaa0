import { utils, write, type CellObject, type WorkSheet } from '@e965/xlsx';
import type { WorkbookPort } from '../../../src/workbook/port';

/**
 * Saves sheets of a workbook as an .xlsx file the way Excel does: each formula cell keeps its formula and its
 * cached value, literal text stays text; `savedAt` becomes the workbook's own last-saved time (docProps/core.xml
 * dcterms:modified), which Excel writes on every save (without it the file has none). Used to make department files
 * for import tests.
 */
export async function saveAsXlsx(
  port: WorkbookPort,
  names?: readonly string[],
  options: { readonly savedAt?: Date } = {},
): Promise<Uint8Array> {
  const all = names ?? (await port.listSheets()).map((s) => s.name);
  const sheets = await port.readSheets(all, { formulas: true, numberFormats: true });
  const book = utils.book_new();
  for (const s of sheets) {
    const ws: WorkSheet = {};
    let maxR = 0;
    let maxC = 0;
    s.values.forEach((row, r) =>
      row.forEach((v, c) => {
        const f = s.formulas?.[r]?.[c] ?? null;
        const z = s.numberFormats?.[r]?.[c];
        if (v === null && f === null) return;
        let cell: CellObject;
        if (v !== null && typeof v === 'object') cell = { t: 'e', v: 0x0f, w: v.error };
        else if (typeof v === 'number') cell = { t: 'n', v };
        else if (typeof v === 'boolean') cell = { t: 'b', v };
        else if (v === null) cell = { t: 's', v: '' };
        else cell = { t: 's', v };
        if (f) cell.f = f.slice(1);
        if (z && z !== 'General') cell.z = z;
        ws[utils.encode_cell({ r, c })] = cell;
        maxR = Math.max(maxR, r);
        maxC = Math.max(maxC, c);
      }),
    );
    ws['!ref'] = utils.encode_range({ s: { r: 0, c: 0 }, e: { r: maxR, c: maxC } });
    utils.book_append_sheet(book, ws, s.name);
  }
  if (options.savedAt) book.Props = { ModifiedDate: options.savedAt };
  return write(book, { type: 'buffer', bookType: 'xlsx' }) as Uint8Array;
}
