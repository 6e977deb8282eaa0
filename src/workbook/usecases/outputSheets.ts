import { BULLETIN_SHEET } from '../../domain/bulletin/bulletinSheet';
import { HISTORY_SHEET } from '../../domain/bulletin/historySheet';
import {
  BULLETIN_MARKER_TYPE,
  DETAIL_MARKER_TYPE,
  HISTORY_MARKER_TYPE,
  SUMMARY_MARKER_TYPE,
} from '../../domain/grid/ownSheets';
import { DETAIL_SHEET, SUMMARY_SHEET } from '../../domain/consolidation/sheetParts';
import type { LeanRead } from '../port';

/**
 * How every whole-workbook read (一键汇总, 校验全部) takes the add-in's output sheets under their default names (the
 * 通报 under its English name too), when their markers say they are those outputs (ReadOptions.lean): 汇总, 明细 and
 * 通报 only for their markers (whose they are; 汇总's keeps the office's picks) — a re-run over 250 departments
 * otherwise reads back a 明细 of megabytes it never uses; 历史 for its values (the months kept). None is read for its
 * merged areas: they merge hundreds of cells, and Excel refuses a sheet's merged areas past 512, which would cost the
 * whole read a second round trip.
 */
export const OUTPUT_READS: readonly LeanRead[] = [
  { name: SUMMARY_SHEET, depth: 'marker', type: SUMMARY_MARKER_TYPE },
  { name: DETAIL_SHEET, depth: 'marker', type: DETAIL_MARKER_TYPE },
  { name: HISTORY_SHEET, depth: 'values', type: HISTORY_MARKER_TYPE },
  { name: BULLETIN_SHEET, depth: 'marker', type: BULLETIN_MARKER_TYPE },
  { name: 'Bulletin', depth: 'marker', type: BULLETIN_MARKER_TYPE },
];
