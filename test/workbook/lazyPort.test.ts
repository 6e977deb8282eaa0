import { lazyPort } from '../../src/workbook/lazyPort';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';
import type { WorkbookPort } from '../../src/workbook/port';

/** The task pane's port before the Excel adapter's code has arrived: every call waits for one load. */

it('loads the adapter once, on first use, and hands every call on', async () => {
  const wb = new MemoryWorkbook();
  let loads = 0;
  const port = lazyPort(async () => {
    loads++;
    return wb;
  });
  expect(loads).toBe(0);
  await Promise.all([port.listSheets(), port.readAllSheets()]);
  await port.writeCells([]);
  expect(loads).toBe(1);
  await port.writeSheet({ name: 'S', styles: {}, blocks: [{ at: 'B2', rows: [[{ value: 7 }]] }] });
  expect((await port.readSheets(['S']))[0]?.values[1]?.[1]).toBe(7);
});

it('implements every method of the port', () => {
  const port = lazyPort(async () => new MemoryWorkbook());
  const methods: (keyof WorkbookPort)[] = [
    'listSheets',
    'readSheets',
    'readAllSheets',
    'writeSheet',
    'writeSheets',
    'insertSheet',
    'renameSheet',
    'deleteSheet',
    'writeCells',
    'activate',
    'onChange',
  ];
  expect(Object.keys(port).sort()).toEqual([...methods].sort());
});

it('a failed load rejects the calls with its error, and the next call tries again', async () => {
  let attempt = 0;
  const port = lazyPort(async () => {
    attempt++;
    if (attempt === 1) throw new Error('chunk failed to load');
    return new MemoryWorkbook();
  });
  await expect(port.listSheets()).rejects.toThrow('chunk failed to load');
  await expect(port.listSheets()).resolves.toEqual([]);
  expect(attempt).toBe(2);
});
