import { PortError, type WorkbookPort } from '../../src/workbook/port';

/** A port that refuses everything: the shell must render without touching the workbook. */
export function refusingPort(): WorkbookPort & { readonly calls: string[] } {
  const calls: string[] = [];
  const refuse = (name: string) => {
    calls.push(name);
    return Promise.reject(new PortError('unsupported', name));
  };
  return {
    calls,
    listSheets: () => refuse('listSheets'),
    readSheets: () => refuse('readSheets'),
    readAllSheets: () => refuse('readAllSheets'),
    writeSheet: () => refuse('writeSheet'),
    writeSheets: () => refuse('writeSheets'),
    insertSheet: () => refuse('insertSheet'),
    renameSheet: () => refuse('renameSheet'),
    deleteSheet: () => refuse('deleteSheet'),
    writeCells: () => refuse('writeCells'),
    activate: () => refuse('activate'),
    onChange: () => refuse('onChange'),
  };
}
