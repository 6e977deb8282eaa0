import { LIMITS } from './limits';
import type { ParsedFile } from './readXlsx';

/**
 * Parses department workbooks in a Web Worker (loaded lazily: the xlsx reader is not in the task pane's initial
 * JavaScript). Files are parsed one after another, each independently: one bad file does not stop the rest. Each
 * file has a time limit: past it the worker is terminated, the file gets a "读取超时" problem, and the next file is
 * parsed in a fresh worker (likewise after a worker error: a worker that failed is not trusted with the next file).
 */
export interface FileInput {
  readonly name: string;
  readonly data: ArrayBuffer;
}

/** What parseFiles needs of a Worker (a test gives a fake one). */
export interface WorkerLike {
  onmessage: ((e: MessageEvent<{ id: number; result: ParsedFile }>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
}

export interface ParseOptions {
  /** Per file; LIMITS.parseSeconds unless given. */
  readonly timeLimitMs?: number;
  /** A new worker; a real Web Worker on xlsxWorker.ts unless given. */
  readonly createWorker?: () => WorkerLike;
}

const realWorker = (): WorkerLike => new Worker(new URL('./xlsxWorker.ts', import.meta.url)) as unknown as WorkerLike;

export async function parseFiles(
  files: readonly FileInput[],
  onProgress?: (done: number, total: number) => void,
  options: ParseOptions = {},
): Promise<ParsedFile[]> {
  if (options.createWorker === undefined && typeof Worker === 'undefined') {
    // No workers (e.g. a test runner): parse on this thread, loading the reader lazily all the same.
    const { readXlsx } = await import(/* webpackChunkName: "xlsx-reader" */ './readXlsx');
    return files.map((f, i) => {
      const r = readXlsx(f.name, f.data);
      onProgress?.(i + 1, files.length);
      return r;
    });
  }
  const create = options.createWorker ?? realWorker;
  const limitMs = options.timeLimitMs ?? LIMITS.parseSeconds * 1000;
  let worker: WorkerLike | undefined;
  try {
    const results: ParsedFile[] = [];
    for (const [i, f] of files.entries()) {
      const w = (worker ??= create());
      const outcome = await new Promise<{ result: ParsedFile; healthy: boolean }>((resolve) => {
        const timer = setTimeout(
          () =>
            resolve({
              result: { file: f.name, sheets: [], problems: [{ code: 'fileTimeout', limit: limitMs / 1000 }] },
              healthy: false,
            }),
          limitMs,
        );
        w.onmessage = (e) => {
          clearTimeout(timer);
          resolve({ result: e.data.result, healthy: true });
        };
        w.onerror = (e) => {
          clearTimeout(timer);
          e.preventDefault?.();
          resolve({
            result: { file: f.name, sheets: [], problems: [{ code: 'fileUnreadable', detail: e.message }] },
            healthy: false,
          });
        };
        w.postMessage({ id: i, file: f.name, data: f.data }, [f.data]);
      });
      if (!outcome.healthy) {
        // Stopped mid-parse (or failed): its memory goes with it, and the next file gets a fresh worker.
        w.onmessage = null;
        w.onerror = null;
        w.terminate();
        worker = undefined;
      }
      results.push(outcome.result);
      onProgress?.(i + 1, files.length);
    }
    return results;
  } finally {
    worker?.terminate();
  }
}
