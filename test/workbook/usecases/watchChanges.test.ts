import type { ChangeEvent, WorkbookPort } from '../../../src/workbook/port';
import { MemoryWorkbook } from '../../../src/workbook/memory/memoryWorkbook';
import { insertTemplate } from '../../../src/workbook/usecases/templates';
import { watchChanges } from '../../../src/workbook/usecases/watchChanges';
import { builtinPlan } from '../../../src/domain/plan/builtin';
import { refusingPort } from '../../taskpane/fakePort';

/** Change events coalesced per sheet into one call per quiet period (jest fake timers). */

function eventPort() {
  let listener: ((e: ChangeEvent) => void) | undefined;
  let unsubscribed = 0;
  const port: WorkbookPort = {
    ...refusingPort(),
    onChange: async (l) => {
      listener = l;
      return async () => {
        unsubscribed++;
        listener = undefined;
      };
    },
  };
  return {
    port,
    fire: (sheet: string, address = 'H7') => listener?.({ sheet, address }),
    unsubscribed: () => unsubscribed,
  };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('watchChanges', () => {
  it('calls back once after 400 ms of quiet, with each changed sheet once, in order of first change', async () => {
    const { port, fire } = eventPort();
    const calls: (readonly string[])[] = [];
    await watchChanges(port, (sheets) => calls.push(sheets));
    fire('A');
    jest.advanceTimersByTime(300);
    fire('B');
    fire('A', 'H8');
    jest.advanceTimersByTime(399);
    expect(calls).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(calls).toEqual([['A', 'B']]);
    jest.advanceTimersByTime(5000);
    expect(calls).toHaveLength(1);
    fire('C');
    jest.advanceTimersByTime(400);
    expect(calls).toEqual([['A', 'B'], ['C']]);
  });

  it('honours debounceMs, and still calls back after maxWaitMs while changes keep coming', async () => {
    const { port, fire } = eventPort();
    const calls: (readonly string[])[] = [];
    await watchChanges(port, (sheets) => calls.push(sheets), { debounceMs: 100, maxWaitMs: 1000 });
    for (let i = 0; i < 15; i++) {
      fire(`S${i % 2}`);
      jest.advanceTimersByTime(90);
    }
    expect(calls).toEqual([['S0', 'S1']]); // at 1000 ms, although never quiet for 100 ms
    jest.advanceTimersByTime(100);
    expect(calls).toEqual([
      ['S0', 'S1'],
      ['S0', 'S1'],
    ]);
  });

  it('stops: a pending batch is dropped and the port subscription removed', async () => {
    const { port, fire, unsubscribed } = eventPort();
    const calls: (readonly string[])[] = [];
    const stop = await watchChanges(port, (sheets) => calls.push(sheets));
    fire('A');
    await stop();
    jest.advanceTimersByTime(1000);
    fire('B');
    jest.advanceTimersByTime(1000);
    expect(calls).toEqual([]);
    expect(unsubscribed()).toBe(1);
  });

  it('rejects with the port error when the workbook cannot report changes', async () => {
    await expect(watchChanges(refusingPort(), () => undefined)).rejects.toMatchObject({ code: 'unsupported' });
  });

  it('sees a person typing in the in-memory workbook', async () => {
    jest.useRealTimers();
    const wb = new MemoryWorkbook();
    const { sheet } = await insertTemplate(wb, {
      plan: builtinPlan(),
      campaignId: 'C1',
      department: '投资促进中心',
      year: 2019,
      month: 6,
      mode: 'kpi',
    });
    jest.useFakeTimers();
    const calls: (readonly string[])[] = [];
    const stop = await watchChanges(wb, (sheets) => calls.push(sheets));
    wb.userEdit(sheet, 'H7', '3');
    wb.userEdit(sheet, 'H8', '2');
    jest.advanceTimersByTime(400);
    expect(calls).toEqual([[sheet]]);
    await stop();
  });
});
