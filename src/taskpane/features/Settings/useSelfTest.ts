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
 * 自检's state for the view: the use case (usecases/selfTest.ts) does the work and is loaded when first run; this
 * only holds its progress, its result, and the sending of that result. With ?selftest=post it runs at once and
 * sends when done.
 */
export function useSelfTest(host: SelfTestHost, locale: Locale): SelfTestState {
  const [status, setStatus] = useState<SelfTestPhase>({ phase: 'idle' });
  const [send, setSend] = useState<SendState>({ state: 'idle' });
  const running = useRef(false);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const sendRun = useCallback(
    async (run: SelfTestRun) => {
      setSend({ state: 'sending' });
      try {
        const { sendToTestServer, testServerPayload } = await import('../../../workbook/usecases/testServer');
        await sendToTestServer(fetch, host.testServerPort, testServerPayload(run));
        if (alive.current) setSend({ state: 'sent' });
      } catch (e) {
        if (alive.current) setSend({ state: 'failed', detail: detailOf(e) });
      }
    },
    [host],
  );

  const start = useCallback(
    async (thenSend: boolean) => {
      if (running.current) return;
      running.current = true;
      setStatus({ phase: 'running', results: [], total: 0 });
      setSend({ state: 'idle' });
      try {
        const [{ runSelfTest, selfTestReport }, target] = await Promise.all([
          import(/* webpackChunkName: "selftest" */ '../../../workbook/usecases/selfTest'),
          host.target(),
        ]);
        const run = await runSelfTest(target, host.environment(), {
          onResult: (result, _index, total) => {
            if (alive.current)
              setStatus((s) => (s.phase === 'running' ? { ...s, results: [...s.results, result], total } : s));
          },
        });
        if (!alive.current) return;
        setStatus({ phase: 'done', run, report: selfTestReport(run, locale === 'zh-CN' ? 'zh' : 'en') });
        if (thenSend) await sendRun(run);
      } catch (e) {
        if (alive.current) setStatus({ phase: 'error', detail: detailOf(e) });
      } finally {
        running.current = false;
      }
    },
    [host, locale, sendRun],
  );

  // An unattended run (?selftest=post): once, when the panel first opens.
  const autoStarted = useRef(false);
  useEffect(() => {
    if (!host.autoRun || autoStarted.current) return;
    autoStarted.current = true;
    void start(true);
  }, [host, start]);

  const run = useCallback(() => void start(false), [start]);
  const sendResults = useCallback(() => {
    if (status.phase === 'done') void sendRun(status.run);
  }, [status, sendRun]);
  return { status, send, testServerPort: host.testServerPort, run, sendResults };
}
