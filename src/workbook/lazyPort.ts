import type { WorkbookPort } from './port';

/**
 * A port whose adapter is loaded on first use: the task pane paints its frame before the Excel adapter's code has
 * arrived (it is loaded beside Office.onReady, not before first paint). Every call waits for the same load; a load
 * that failed rejects every call with its error (nothing is swallowed), and the next call tries again.
 */
export function lazyPort(load: () => Promise<WorkbookPort>): WorkbookPort {
  let loading: Promise<WorkbookPort> | undefined;
  const port = (): Promise<WorkbookPort> => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  return {
    listSheets: () => port().then((p) => p.listSheets()),
    readSheets: (names, options) => port().then((p) => p.readSheets(names, options)),
    readAllSheets: (options) => port().then((p) => p.readAllSheets(options)),
    writeSheet: (spec, options) => port().then((p) => p.writeSheet(spec, options)),
    writeSheets: (specs, options) => port().then((p) => p.writeSheets(specs, options)),
    insertSheet: (build, options) => port().then((p) => p.insertSheet(build, options)),
    renameSheet: (from, to) => port().then((p) => p.renameSheet(from, to)),
    deleteSheet: (name) => port().then((p) => p.deleteSheet(name)),
    writeCells: (cells) => port().then((p) => p.writeCells(cells)),
    activate: (sheet, select) => port().then((p) => p.activate(sheet, select)),
    onChange: (listener) => port().then((p) => p.onChange(listener)),
  };
}
