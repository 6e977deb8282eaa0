import type { Unsubscribe, WorkbookPort } from '../port';

export interface WatchOptions {
  /** Quiet period after the last change before calling back (default 400 ms). */
  readonly debounceMs?: number;
  /** Longest a change waits while changes keep coming (default 3000 ms), so that steady typing still re-validates. */
  readonly maxWaitMs?: number;
}

/**
 * Watches the workbook for edits and calls `onChanged` once per quiet period with the names of the sheets that
 * changed (each once, in the order first changed), so that a caller re-validates them in one batch instead of
 * one round trip per keystroke. The returned function stops watching; a pending batch is dropped.
 *
 * Rejects with the port's error when the workbook cannot report changes (PortError 'unsupported' in an Excel
 * without ExcelApi 1.9): the caller then offers manual re-validation only.
 */
export async function watchChanges(
  port: WorkbookPort,
  onChanged: (sheets: readonly string[]) => void,
  options: WatchOptions = {},
): Promise<Unsubscribe> {
  const debounceMs = options.debounceMs ?? 400;
  const maxWaitMs = Math.max(debounceMs, options.maxWaitMs ?? 3000);
  const pending = new Set<string>();
  let quiet: ReturnType<typeof setTimeout> | undefined;
  let deadline: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const clearTimers = () => {
    if (quiet !== undefined) clearTimeout(quiet);
    if (deadline !== undefined) clearTimeout(deadline);
    quiet = undefined;
    deadline = undefined;
  };
  const flush = () => {
    clearTimers();
    if (stopped || pending.size === 0) return;
    const sheets = [...pending];
    pending.clear();
    onChanged(sheets);
  };

  const unsubscribe = await port.onChange((event) => {
    if (stopped) return;
    pending.add(event.sheet);
    if (quiet !== undefined) clearTimeout(quiet);
    quiet = setTimeout(flush, debounceMs);
    deadline ??= setTimeout(flush, maxWaitMs);
  });

  return async () => {
    stopped = true;
    clearTimers();
    pending.clear();
    await unsubscribe();
  };
}
