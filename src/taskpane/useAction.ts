import { useCallback, useState } from 'react';
import { useNotices } from './notices';
import { useAlive } from './useAlive';

export interface Action<K extends string> {
  /** The action running, if any: the view disables its buttons and says it is busy. */
  readonly busy: K | undefined;
  /**
   * Runs one user action: busy while it runs; its result returned, or its error shown as a notice and undefined
   * returned. Nothing is shown once the panel has closed (`alive` says whether it is still open).
   */
  run<T>(kind: K, task: () => Promise<T>): Promise<T | undefined>;
  readonly alive: () => boolean;
}

/** The busy state and error reporting of a panel's actions, written once for every panel. */
export function useAction<K extends string>(): Action<K> {
  const [busy, setBusy] = useState<K | undefined>(undefined);
  const { notifyError } = useNotices();
  const alive = useAlive();
  const run = useCallback(
    async <T>(kind: K, task: () => Promise<T>): Promise<T | undefined> => {
      setBusy(kind);
      try {
        return await task();
      } catch (e) {
        if (alive()) notifyError(e);
        return undefined;
      } finally {
        setBusy(undefined);
      }
    },
    [alive, notifyError],
  );
  return { busy, run, alive };
}
