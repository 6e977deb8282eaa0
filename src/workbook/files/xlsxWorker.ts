/// <reference lib="webworker" />
import { readXlsx } from './readXlsx';

/** The Web Worker that parses imported department workbooks off the task pane's main thread. */
export interface ParseRequest {
  readonly id: number;
  readonly file: string;
  readonly data: ArrayBuffer;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (e: MessageEvent<ParseRequest>) => {
  const { id, file, data } = e.data;
  scope.postMessage({ id, result: readXlsx(file, data) });
};
