import { openAsNewWorkbook, toBase64 } from '../../../src/workbook/excel/createWorkbook';

/** 导出模板 in Excel desktop: the file handed to Excel.createWorkbook as Base64, whole, however large. */

describe('openAsNewWorkbook', () => {
  const calls: string[] = [];
  beforeAll(() => {
    (globalThis as unknown as { Excel: unknown }).Excel = {
      createWorkbook: async (base64: string) => {
        calls.push(base64);
      },
    };
  });
  afterAll(() => {
    delete (globalThis as unknown as { Excel?: unknown }).Excel;
  });

  test('passes the file as Base64 to Excel.createWorkbook, once', async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0x80]);
    await openAsNewWorkbook(bytes);
    expect(calls).toEqual([Buffer.from(bytes).toString('base64')]);
  });

  test('Base64 of a file larger than one slice (a template is tens of KB) is the whole file', () => {
    const bytes = Uint8Array.from({ length: 200_003 }, (_, i) => (i * 7919) % 256);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(toBase64(new Uint8Array())).toBe('');
  });
});
