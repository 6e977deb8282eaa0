import { useCallback, useEffect, useRef, useState } from 'react';
import type { Locale } from '../../../domain/i18n/messages';
import type { CheckResult, SelfTestRun } from '../../../workbook/usecases/selfTest';
import type { SelfTestHost } from '../../host';

/** Where 自检 is: not run yet, running (results so far), done (with its report), or unable to start. */
export type SelfTestPhase =
  | { readonly phase: 'idle' }
  | { readonly phase: 'running'; readonly results: readonly CheckResult[]; readonly total: number }
  | { readonly phase: 'done'; readonly run: SelfTestRun; readonly report: string }
  | { readonly phase: 'error'; readonly detail: string };

export type SendState =
  { readonly state: 'idle' | 'sending' | 'sent' } | { readonly state: 'failed'; readonly detail: string };

export interface SelfTestState {
  readonly status: SelfTestPhase;
  readonly send: SendState;
  readonly testServerPort: number;
  run(): void;
  sendResults(): void;
}

const detailOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The latest run of the pane, kept outside the panel: a run goes on (and cleans up) when the user leaves 设置,
 * and coming back shows it instead of allowing a second run on the same workbook at the same time.
 */
const latest = {
  status: { phase: 'idle' } as SelfTestPhase,
  send: { state: 'idle' } as SendState,
  listeners: new Set<() => void>(),
  set(next: { status?: SelfTestPhase; send?: SendState }) {
    if (next.status) latest.status = next.status;
    if (next.send) latest.send = next.send;
    latest.listeners.forEach((l) => l());
  },
};

async function sendRun(host: SelfTestHost, run: SelfTestRun): Promise<void> {
  latest.set({ send: { state: 'sending' } });
  try {
    const { sendToTestServer, testServerPayload } = await import('../../../workbook/usecases/testServer');
    await sendToTestServer(fetch, host.testServerPort, testServerPayload(run));
    latest.set({ send: { state: 'sent' } });
  } catch (e) {
    latest.set({ send: { state: 'failed', detail: detailOf(e) } });
  }
}

async function startRun(host: SelfTestHost, locale: Locale, thenSend: boolean): Promise<void> {
  if (latest.status.phase === 'running') return;
  latest.set({ status: { phase: 'running', results: [], total: 0 }, send: { state: 'idle' } });
  try {
    const [{ runSelfTest, selfTestReport }, target] = await Promise.all([
      import(/* webpackChunkName: "selftest" */ '../../../workbook/usecases/selfTest'),
      host.target(),
    ]);
    const run = await runSelfTest(target, host.environment(), {
      onResult: (result, _index, total) => {
        const s = latest.status;
        if (s.phase === 'running') latest.set({ status: { ...s, results: [...s.results, result], total } });
      },
    });
    latest.set({ status: { phase: 'done', run, report: selfTestReport(run, locale === 'zh-CN' ? 'zh' : 'en') } });
    if (thenSend) await sendRun(host, run);
  } catch (e) {
    latest.set({ status: { phase: 'error', detail: detailOf(e) } });
  }
}

/**
 * 自检's state for the view: the use case (usecases/selfTest.ts) does the work and is loaded when first run; this
 * only holds its progress, its result, and the sending of that result. With ?selftest=post it runs once, when the
 * panel first opens, and sends when done.
 */
export function useSelfTest(host: SelfTestHost, locale: Locale): SelfTestState {
  const [, render] = useState(0);
  useEffect(() => {
    const listener = () => render((n) => n + 1);
    latest.listeners.add(listener);
    return () => void latest.listeners.delete(listener);
  }, []);

  const autoStarted = useRef(false);
  useEffect(() => {
    if (!host.autoRun || autoStarted.current || latest.status.phase !== 'idle') return;
    autoStarted.current = true;
    void startRun(host, locale, true);
  }, [host, locale]);

  const run = useCallback(() => void startRun(host, locale, false), [host, locale]);
  const sendResults = useCallback(() => {
    if (latest.status.phase === 'done') void sendRun(host, latest.status.run);
  }, [host]);
  return { status: latest.status, send: latest.send, testServerPort: host.testServerPort, run, sendResults };
}
