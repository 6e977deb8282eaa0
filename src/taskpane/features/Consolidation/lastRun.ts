import { useEffect, useRef, useSyncExternalStore } from 'react';
import {
  lastRun,
  ribbonRefusal,
  subscribeLastRun,
  takeRibbonRefusal,
  failureError,
  type LastRun,
  type RunFailure,
  type RunSource,
} from '../../../workbook/usecases/lastRun';
import { useT, type Translate } from '../../i18n';
import { useNotices, type NoticeInput } from '../../notices';
import { busyNotice, describePortError } from '../../portErrors';

/**
 * The last 一键汇总 (ribbon or pane) in React, and the notice for a ribbon run that failed. Kept apart from the
 * 汇总 panel, which loads lazily: the shell uses this small module to show a ribbon failure whichever section is open.
 */

export function useLastRun(): LastRun | undefined {
  return useSyncExternalStore(subscribeLastRun, lastRun, lastRun);
}

/** Why a run did not complete, as a notice (a workbook refusal is described as every other feature describes it). */
export function failureNotice(failure: RunFailure, source: RunSource, t: Translate): NoticeInput {
  if (failure.kind === 'busy') return busyNotice(failure.running, t);
  if (failure.kind === 'planInvalid') {
    return {
      intent: 'warning',
      title: t('ui.consolidation.planInvalidTitle'),
      message: t('ui.consolidation.planInvalid', { sheet: failure.sheet, count: failure.problems }),
    };
  }
  return {
    intent: 'error',
    title: t(source === 'ribbon' ? 'ui.consolidation.failedRibbonTitle' : 'ui.status.errorTitle'),
    message: describePortError(failureError(failure), t),
    ...(failure.detail ? { detail: failure.detail } : {}),
  };
}

/**
 * Shows each failed ribbon run once, as a notice (the ribbon opened the task pane for it), and each ribbon click
 * refused because a writing action was in flight ("正在汇总，请等本次完成后再试").
 */
export function useRibbonFailureNotices(): void {
  const run = useLastRun();
  const refusal = useSyncExternalStore(subscribeLastRun, ribbonRefusal, ribbonRefusal);
  const t = useT();
  const { notify } = useNotices();
  const shown = useRef<LastRun | undefined>(undefined);
  useEffect(() => {
    if (!run || run.ok || run.source !== 'ribbon' || shown.current === run) return;
    shown.current = run;
    notify(failureNotice(run.failure, 'ribbon', t));
  }, [run, notify, t]);
  useEffect(() => {
    // Shown once, then taken from the record: a pane opened later does not repeat an old refusal.
    if (!refusal) return;
    takeRibbonRefusal(refusal);
    notify(busyNotice(refusal.running, t));
  }, [refusal, notify, t]);
}
