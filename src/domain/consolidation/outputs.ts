import { DETAIL_MARKER_TYPE, SUMMARY_MARKER_TYPE } from '../grid/ownSheets';
import { writableSpec, type SheetSpec } from '../grid/sheetSpec';
import type { Plan } from '../plan/schema';
import { DEFAULT_PLAN_SETTINGS } from '../plan/settings';
import type { Consolidation } from './consolidate';
import type { SummaryExtras } from './summaryExtras';
import {
  DETAIL_ROWS,
  DETAIL_WIDTH,
  addDetailList,
  addProblemList,
  addReconciliation,
  addSourceFiles,
  addTitleAndCheck,
  detailColumnWidths,
  detailLayout,
} from './detailSections';
import { PICKS_FIELD, encodePicks } from './picks';
import { DETAIL_SHEET, OUTPUT_VERSION, STYLES, SUMMARY_SHEET, SheetBuilder } from './sheetParts';
import {
  SUMMARY_ROWS,
  SUMMARY_WIDTH,
  addCharts,
  addIndicatorTable,
  addLaggingList,
  addNotes,
  addSubmissionMatrix,
  addSupervisionList,
  addTitle,
  summaryColumnWidths,
  summaryHeaders,
} from './summarySections';

/**
 * The sheets 一键汇总 writes (SPEC §8), as declarative SheetSpecs: 汇总 (the summary, its lagging list, the
 * submission matrix and charts) and 明细 (every source value with its origin, a live reconciliation of every
 * summary row, and the problem list). Regenerated in place from the consolidation alone, so that a re-run of the
 * same sources writes the same sheets. 明细 refers to 汇总, so 汇总 is written first. Their sections are in
 * summarySections and detailSections; what both share (names, styles, cells, the builder) in sheetParts.
 */

function marker(type: string, result: Consolidation): NonNullable<SheetSpec['marker']> {
  const p = result.period;
  return { type, v: OUTPUT_VERSION, plan: result.planId, ...(p ? { year: p.year, month: p.month } : {}) };
}

/** 汇总's marker also keeps the office's picks (以此为准), which the next run reads back (picksOfMarker). */
function summaryMarker(result: Consolidation): NonNullable<SheetSpec['marker']> {
  const picks = result.picks ?? [];
  return { ...marker(SUMMARY_MARKER_TYPE, result), ...(picks.length > 0 ? { [PICKS_FIELD]: encodePicks(picks) } : {}) };
}

/**
 * 汇总: title, one header row per campaign and one row per indicator (with last month and the change), lagging list,
 * 督办清单, submission matrix (逾期 noted), charts. `extras` is what the history adds (summaryExtras): without it
 * the trend columns are blank and there is no 督办清单.
 */
export function summarySheet(result: Consolidation, plan: Plan, extras: SummaryExtras = {}): SheetSpec {
  return writableSpec(summarySpec(result, plan, extras));
}

function summarySpec(result: Consolidation, plan: Plan, extras: SummaryExtras): SheetSpec {
  const headers = summaryHeaders(result.period?.month);
  const b = new SheetBuilder(SUMMARY_WIDTH, SUMMARY_ROWS.title);
  addTitle(b, result, plan, headers);
  addIndicatorTable(b, result, extras);
  addLaggingList(b, result, headers, extras);
  addSupervisionList(b, result, extras);
  addSubmissionMatrix(b, result, plan, extras);
  const charts = addCharts(b, result);
  const notesRow = addNotes(b, plan);
  return {
    name: SUMMARY_SHEET,
    marker: summaryMarker(result),
    styles: STYLES,
    blocks: b.blocks,
    columnWidths: summaryColumnWidths(result, headers),
    rowHeights: [
      { row: SUMMARY_ROWS.marker, height: 15, hidden: true },
      { row: SUMMARY_ROWS.title, height: 36 },
      { row: SUMMARY_ROWS.subtitle, height: 30 },
      { row: SUMMARY_ROWS.header, height: 32 },
      { row: notesRow, height: 180 },
    ],
    merges: b.merges,
    conditionalFormats: b.conditionalFormats,
    freeze: { rows: SUMMARY_ROWS.header, columns: 3 },
    charts,
    print: {
      orientation: 'landscape',
      fitToPagesWide: 1,
      printTitleRows: `$${SUMMARY_ROWS.header}:$${SUMMARY_ROWS.header}`,
      centerHorizontally: true,
    },
    tabColor: '#1F4E79',
  };
}

/**
 * 明细: the overall check, the reconciliation of every summary row (native formulas over the detail list, so
 * that it stays live), every source value with its origin, and the problem list.
 */
export function detailSheet(
  result: Consolidation,
  /** The office's time zone for save times (the plan's timeliness setting; default UTC+8). */
  utcOffsetMinutes: number = DEFAULT_PLAN_SETTINGS.timeliness.utcOffsetMinutes,
): SheetSpec {
  return writableSpec(detailSpec(result, utcOffsetMinutes));
}

function detailSpec(result: Consolidation, utcOffsetMinutes: number): SheetSpec {
  // Layout first: the reconciliation formulas need the detail list's rows.
  const layout = detailLayout(result);
  const b = new SheetBuilder(DETAIL_WIDTH, DETAIL_ROWS.title);
  addTitleAndCheck(b, result, layout);
  addReconciliation(b, result, layout);
  addDetailList(b, result, layout);
  addProblemList(b, result);
  addSourceFiles(b, result, utcOffsetMinutes);
  return {
    name: DETAIL_SHEET,
    marker: marker(DETAIL_MARKER_TYPE, result),
    styles: STYLES,
    blocks: b.blocks,
    columnWidths: detailColumnWidths(result),
    rowHeights: [
      { row: DETAIL_ROWS.marker, height: 15, hidden: true },
      { row: DETAIL_ROWS.title, height: 32 },
      { row: DETAIL_ROWS.check, height: 30 },
      { row: DETAIL_ROWS.reconHeader, height: 32 },
      { row: layout.detailHeader, height: 20 },
    ],
    merges: b.merges,
    conditionalFormats: b.conditionalFormats,
    freeze: { rows: DETAIL_ROWS.check, columns: 0 },
    print: { orientation: 'landscape', fitToPagesWide: 1, centerHorizontally: true },
    tabColor: '#1F4E79',
  };
}
