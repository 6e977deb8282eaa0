import { asRunFailure, recordRibbonRefusal, recordRun } from '../workbook/usecases/lastRun';

/**
 * Ribbon commands, running in the shared runtime page. 一键汇总 runs the same use case as the task pane's 汇总
 * section on the workbook's own sheets, without opening the pane: 汇总 is written and activated (its subtitle
 * row gives the counts), and the outcome is recorded for the 汇总 panel. When it fails the task pane opens,
 * where the error is shown. A click while a run (the pane's or the ribbon's) or a 模板 action is writing is refused
 * by the use case (one writing action at a time): the pane is opened too, and says to wait. The use case and the
 * Excel adapter are loaded on first use, so that this entry stays small: it is one of the scripts the task pane
 * page loads before its first paint (the page's 150 KB budget).
 */
async function consolidate(event: Office.AddinCommands.Event): Promise<void> {
  try {
    let ok: boolean;
    try {
      const [{ createExcelWorkbook }, { runConsolidation }] = await Promise.all([
        import(/* webpackChunkName: "excel-port" */ '../workbook/excel/excelWorkbook'),
        import(/* webpackChunkName: "consolidate" */ '../workbook/usecases/runConsolidation'),
      ]);
      const run = await runConsolidation(createExcelWorkbook(), 'ribbon', {
        language: Office.context.displayLanguage, // the 通报 in Office's language, as the pane's
      });
      // A refusal is not a run: recorded apart, so that the result of the run in flight is what the pane shows.
      if (!run.ok && run.failure.kind === 'busy') recordRibbonRefusal({ at: run.at, running: run.failure.running });
      ok = run.ok;
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
