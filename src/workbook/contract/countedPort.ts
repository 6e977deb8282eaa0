import type { RangeRef } from '../../domain/grid/address';
import type { WorkbookPort } from '../port';

/**
 * A port with every call counted: the round trips of an adapter whose every method is one step by construction (the
 * memory and file workbooks), for the contract's round-trip check.
 */
export function countedPort(inner: WorkbookPort): { readonly port: WorkbookPort; readonly calls: () => number } {
  let calls = 0;
  const counted = <A extends unknown[], R>(f: (...args: A) => R) => {
    return (...args: A): R => {
      calls++;
      return f(...args);
    };
  };
  const port: WorkbookPort = {
    listSheets: counted(() => inner.listSheets()),
    readSheets: counted((names, options) => inner.readSheets(names, options)),
    readAllSheets: counted((options) => inner.readAllSheets(options)),
    writeSheet: counted((spec, options) => inner.writeSheet(spec, options)),
    writeSheets: counted((specs, options) => inner.writeSheets(specs, options)),
    insertSheet: counted((build, options) => inner.insertSheet(build, options)),
    renameSheet: counted((from, to) => inner.renameSheet(from, to)),
    deleteSheet: counted((name) => inner.deleteSheet(name)),
    writeCells: counted((cells) => inner.writeCells(cells)),
    activate: counted((sheet, select) => inner.activate(sheet, select)),
    onChange: counted((listener) => inner.onChange(listener)),
  };
  return { port, calls: () => calls };
}

/** Whether two ranges share a cell (what an inspect hook asks of a rule's or a merge's range). */
export function overlaps(a: RangeRef, b: RangeRef): boolean {
  return (
    a.start.row <= b.end.row &&
    b.start.row <= a.end.row &&
    a.start.column <= b.end.column &&
    b.start.column <= a.end.column
  );
}
