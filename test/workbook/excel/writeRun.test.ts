import { OperationQueue } from '../../../src/workbook/excel/payload';
import { WriteRun } from '../../../src/workbook/excel/writeRun';
import { FakeExcel } from './fakeExcel';

/** The bookkeeping every write shares (through the port: excelWorkbook.test.ts and writeSheets.test.ts). */

/** A WriteRun over a fresh fake, with a record of what happened when. */
async function attempt(
  budget: number,
  body: (w: WriteRun, events: string[], excel: FakeExcel) => Promise<unknown>,
): Promise<{ excel: FakeExcel; events: string[]; result: unknown }> {
  const excel = new FakeExcel();
  const events: string[] = [];
  const result = await excel.run((context) =>
    body(
      new WriteRun(context, {
        supports: (feature) => feature !== 'dataValidation',
        budget,
        changed: () => events.push(`changed after ${excel.syncs}`),
      }),
      events,
      excel,
    ),
  );
  return { excel, events, result };
}

describe('WriteRun', () => {
  it('reports its round trips, estimated bytes and each feature skipped once, with its requirement', async () => {
    const { result } = await attempt(1000, async (w) => {
      await w.sync();
      w.caps.skip('dataValidation');
      w.caps.skip('print');
      w.caps.skip('dataValidation');
      await w.sync();
      return w.report(['汇总', '明细'], 1234, { lookup: 'loaded' });
    });
    expect(result).toEqual({
      sheet: '汇总',
      sheets: ['汇总', '明细'],
      skipped: [
        { feature: 'dataValidation', requirement: 'ExcelApi 1.8' },
        { feature: 'print', requirement: 'ExcelApi 1.9' },
      ],
      syncs: 2,
      estimatedBytes: 1234,
      lookup: 'loaded',
    });
  });

  it('answers supports as its settings say', async () => {
    const { result } = await attempt(1000, async (w) => [
      w.caps.supports('dataValidation'),
      w.caps.supports('freezePanes'),
    ]);
    expect(result).toEqual([false, true]);
  });

  it('runs a queue in batches of its budget, counted; the workbook changed once the first batch is in', async () => {
    const { excel, events, result } = await attempt(1000, async (w, log, fake) => {
      const queue = new OperationQueue();
      for (let i = 0; i < 3; i++) queue.add(600, () => w.context.workbook.worksheets.add(`S${i}`));
      await w.runQueue(queue, () => log.push(`afterFirst after ${fake.syncs}`));
      return w.report(['S0'], queue.estimatedBytes);
    });
    expect(excel.tabs()).toEqual(['S0', 'S1', 'S2']);
    expect(events).toEqual(['changed after 1', 'afterFirst after 1']);
    expect(result).toMatchObject({ syncs: 3 });
  });

  it('an empty queue costs no round trip and changes nothing', async () => {
    const { events, result } = await attempt(1000, async (w) => {
      await w.runQueue(new OperationQueue());
      return w.report([], 0);
    });
    expect(events).toEqual([]);
    expect(result).toEqual({ sheet: '', sheets: [], skipped: [], syncs: 0, estimatedBytes: 0 });
  });
});
