import { BULLETIN_SHEET } from '../../domain/bulletin/bulletinSheet';
import { HISTORY_SHEET } from '../../domain/bulletin/historySheet';
import { DETAIL_SHEET, SUMMARY_SHEET } from '../../domain/consolidation/sheetParts';

/**
 * The add-in's output sheets under their default names (the 通报 under its English name too): read for their markers
 * and picks, never for merged input cells — they merge hundreds of cells, and Excel refuses the merged areas of a
 * sheet past 512, which would cost the whole read a second round trip (ReadOptions.skipMergesOf).
 */
export const OUTPUT_SHEETS: readonly string[] = [
  SUMMARY_SHEET,
  DETAIL_SHEET,
  HISTORY_SHEET,
  BULLETIN_SHEET,
  'Bulletin',
];
