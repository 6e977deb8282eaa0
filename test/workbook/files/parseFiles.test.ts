import { parseFiles, type WorkerLike } from '../../../src/workbook/files/parseFiles';
import type { ParsedFile } from '../../../src/workbook/files/readXlsx';
import { LIMITS } from '../../../src/workbook/files/limits';
import { readImportedFiles } from '../../../src/workbook/usecases/consolidationSources';

/**
 * The worker's time limit (issue 12, observation 1): a file that does not finish is stopped, says "读取超时", and the
 * next file is parsed in a fresh worker. Fake workers and fake timers: nothing here depends on the clock.
 */

type Behaviour = 'answer' | 'hang' | 'crash';

function fakeWorkers(behaviour: (file: string) => Behaviour) {
  const made: { terminated: boolean; files: string[] }[] = [];
  const create = (): WorkerLike => {
    const record = { terminated: false, files: [] as string[] };
    made.push(record);
    const w: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage(message) {
        const { id, file } = message as { id: number; file: string };
        record.files.push(file);
        const b = behaviour(file);
        if (b === 'hang') return;
        void Promise.resolve().then(() => {
          if (b === 'crash') w.onerror?.({ message: 'out of memory' } as ErrorEvent);
          else
            w.onmessage?.({ data: { id, result: { file, sheets: [], problems: [] } } } as unknown as MessageEvent<{
              id: number;
              result: ParsedFile;
            }>);
        });
      },
      terminate() {
        record.terminated = true;
      },
    };
    return w;
  };
  return { made, create };
}

const input = (name: string) => ({ name, data: new ArrayBuffer(8) });

describe('parseFiles: a time limit per file, a fresh worker after one is stopped', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it.each([
    ['hangs', 'hang', 'fileTimeout'],
    ['crashes its worker', 'crash', 'fileUnreadable'],
  ] as const)('a file that %s gets its problem; the next file is read in a new worker', async (_, bad, code) => {
    const { made, create } = fakeWorkers((f) => (f === '炸弹.xlsx' ? bad : 'answer'));
    const done = parseFiles([input('甲.xlsx'), input('炸弹.xlsx'), input('乙.xlsx')], undefined, {
      createWorker: create,
      timeLimitMs: 5000,
    });
    await jest.advanceTimersByTimeAsync(5000);
    const results = await done;
    expect(results.map((r) => [r.file, r.problems.map((p) => p.code)])).toEqual([
      ['甲.xlsx', []],
      ['炸弹.xlsx', [code]],
      ['乙.xlsx', []],
    ]);
    if (code === 'fileTimeout') expect(results[1]?.problems[0]?.limit).toBe(5);
    expect(made.map((m) => m.files)).toEqual([['甲.xlsx', '炸弹.xlsx'], ['乙.xlsx']]);
    expect(made.every((m) => m.terminated)).toBe(true);
  });

  it('the default limit is LIMITS.parseSeconds', async () => {
    const { create } = fakeWorkers(() => 'hang');
    const done = parseFiles([input('慢.xlsx')], undefined, { createWorker: create });
    await jest.advanceTimersByTimeAsync(LIMITS.parseSeconds * 1000 - 1);
    let settled = false;
    void done.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect((await done)[0]?.problems).toEqual([{ code: 'fileTimeout', limit: LIMITS.parseSeconds }]);
  });
});

describe('readImportedFiles: a picked file is measured before it is read (issue 12, observation 6)', () => {
  it('a file above the size limit is never read into memory', async () => {
    const read = jest.fn(async () => new ArrayBuffer(0));
    const { files } = await readImportedFiles([{ name: '大.xlsx', size: LIMITS.fileBytes + 1, arrayBuffer: read }]);
    expect(read).not.toHaveBeenCalled();
    expect(files[0]?.problems).toEqual([
      {
        code: 'fileTooLarge',
        detail: String(LIMITS.fileBytes + 1),
        count: LIMITS.fileBytes + 1,
        limit: LIMITS.fileBytes,
      },
    ]);
  });
});
