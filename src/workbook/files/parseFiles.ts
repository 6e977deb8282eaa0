import type { ParsedFile } from './readXlsx';

/**
 * Parses department workbooks in a Web Worker (loaded lazily: the xlsx reader is not in the task pane's initial
 * JavaScript). Files are parsed one after another, each independently: one bad file does not stop the rest.
 */
export interface FileInput {
  readonly name: string;
  readonly data: ArrayBuffer;
}

export async function parseFiles(
  files: readonly FileInput[],
  onProgress?: (done: number, total: number) => void,
): Promise<ParsedFile[]> {
  if (typeof Worker === 'undefined') {
    // No workers (e.g. a test runner): parse on this thread, loading the reader lazily all the same.
    const { readXlsx } = await import(/* webpackChunkName: "xlsx-reader" */ './readXlsx');
    return files.map((f, i) => {
      const r = readXlsx(f.name, f.data);
      onProgress?.(i + 1, files.length);
      return r;
    });
  }
  const worker = new Worker(new URL('./xlsxWorker.ts', import.meta.url));
  try {
    const results: ParsedFile[] = [];
    for (const [i, f] of files.entries()) {
      results.push(
        await new Promise<ParsedFile>((resolve) => {
          worker.onmessage = (e: MessageEvent<{ id: number; result: ParsedFile }>) => resolve(e.data.result);
          worker.onerror = (e) =>
            resolve({ file: f.name, sheets: [], problems: [{ code: 'fileUnreadable', detail: e.message }] });
          worker.postMessage({ id: i, file: f.name, data: f.data }, [f.data]);
        }),
      );
      onProgress?.(i + 1, files.length);
    }
    return results;
  } finally {
    worker.terminate();
  }
}
