import { asRunFailure, recordRun } from '../workbook/usecases/lastRun';

/**
 * Ribbon commands, running in the shared runtime page. 一键汇总 runs the same use case as the task pane's 汇总
 * section on the workbook's own sheets, without opening the pane: 汇总 is written and activated (its subtitle
 * row gives the counts), and the outcome is recorded for the 汇总 panel. When it fails the task pane opens,
 * where the error is shown. The use case and the Excel adapter are loaded on first use, so that this entry stays
 * small: it is one of the scripts the task pane page loads before its first paint (the page's 150 KB budget).
 */
async function consolidate(event: Office.AddinCommands.Event): Promise<void> {
  try {
    let ok: boolean;
    try {
      const [{ createExcelWorkbook }, { runConsolidation }] = await Promise.all([
        import(/* webpackChunkName: "excel-port" */ '../workbook/excel/excelWorkbook'),
        import(/* webpackChunkName: "consolidate" */ '../workbook/usecases/runConsolidation'),
      ]);
      ok = (await runConsolidation(createExcelWorkbook(), 'ribbon')).ok;
    } catch (e) {
      // The code could not be loaded (runConsolidation itself never throws): recorded like any failure.
      recordRun({ source: 'ribbon', at: Date.now(), ok: false, failure: asRunFailure(e) });
      ok = false;
    }
    if (!ok) await Office.addin.showAsTaskpane();
  } catch (e) {
    // Opening the pane failed too: nothing else can show it; the developer gets the stack.
    console.error(e);
  } finally {
    event.completed();
  }
}

if (typeof Office !== 'undefined') {
  void Office.onReady(() => {
    Office.actions.associate('consolidate', consolidate);
  });
}
