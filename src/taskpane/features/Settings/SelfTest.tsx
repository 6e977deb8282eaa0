import { useId, useRef, useState } from 'react';
import {
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { CheckResult, CheckStatus } from '../../../workbook/usecases/selfTest';
import type { SelfTestHost } from '../../host';
import { useLocale, useT, type Translate } from '../../i18n';
import { useFeatureStyles, ACTIONS_ROW, HINT_TEXT } from '../../shell/featureStyles';
import { useSelfTest, type SelfTestPhase, type SendState } from './useSelfTest';

const useStyles = makeStyles({
  actions: ACTIONS_ROW,
  hint: HINT_TEXT,
  list: { margin: 0, paddingLeft: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: '2px' },
  item: { display: 'grid', gridTemplateColumns: '3.5em minmax(0, 1fr)', columnGap: tokens.spacingHorizontalS },
  passed: { color: tokens.colorPaletteGreenForeground1 },
  failed: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  skipped: { color: tokens.colorNeutralForeground3 },
  message: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, gridColumnStart: 2 },
  report: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

const STATUS_KEY = {
  passed: 'ui.selftest.passed',
  failed: 'ui.selftest.failed',
  skipped: 'ui.selftest.skipped',
} as const satisfies Record<CheckStatus, string>;

/** 设置 → 自检: runs the port contract on scratch sheets, shows each result, a copyable report, and sends it. */
export function SelfTest({ host }: { readonly host: SelfTestHost }) {
  const locale = useLocale();
  const s = useSelfTest(host, locale);
  return (
    <SelfTestView
      status={s.status}
      send={s.send}
      testServerPort={s.testServerPort}
      onRun={s.run}
      onSend={s.sendResults}
    />
  );
}

export interface SelfTestViewProps {
  readonly status: SelfTestPhase;
  readonly send: SendState;
  readonly testServerPort: number;
  readonly onRun: () => void;
  readonly onSend: () => void;
}

/** The section as rendered from its state (pure). */
export function SelfTestView({ status, send, testServerPort, onRun, onSend }: SelfTestViewProps) {
  const t = useT();
  const feature = useFeatureStyles();
  const styles = useStyles();
  const id = useId();
  const results = status.phase === 'running' ? status.results : status.phase === 'done' ? status.run.results : [];
  return (
    <section className={feature.root} aria-labelledby={`${id}title`} data-testid="selftest">
      <Subtitle2 as="h3" id={`${id}title`} className={feature.heading}>
        {t('ui.selftest.title')}
      </Subtitle2>
      <Caption1 as="p" className={styles.hint}>
        {t('ui.selftest.description')}
      </Caption1>
      <div className={styles.actions}>
        <Button
          data-testid="selftest-run"
          aria-describedby={`${id}runHint`}
          disabledFocusable={status.phase === 'running'}
          onClick={onRun}
        >
          {t('ui.selftest.run')}
        </Button>
        <Caption1 id={`${id}runHint`} className={styles.hint}>
          {t('ui.selftest.runHint')}
        </Caption1>
      </div>
      <div data-testid="selftest-status">
        <StatusLine status={status} t={t} />
      </div>
      {results.length > 0 ? (
        <ul className={styles.list} aria-label={t('ui.selftest.results')}>
          {results.map((r) => (
            <ResultItem key={r.id} result={r} t={t} />
          ))}
        </ul>
      ) : null}
      {status.phase === 'done' ? (
        <ReportActions report={status.report} send={send} testServerPort={testServerPort} onSend={onSend} />
      ) : null}
    </section>
  );
}

function StatusLine({ status, t }: { readonly status: SelfTestPhase; readonly t: Translate }) {
  const styles = useStyles();
  switch (status.phase) {
    case 'idle':
      return null;
    case 'running':
      return (
        <Caption1 role="status" className={styles.hint}>
          {t('ui.selftest.running', { done: status.results.length, total: status.total || '…' })}
        </Caption1>
      );
    case 'error':
      return (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{t('ui.selftest.runFailed', { detail: status.detail })}</MessageBarBody>
        </MessageBar>
      );
    case 'done': {
      const count = (k: CheckStatus) => status.run.results.filter((r) => r.status === k).length;
      const failed = count('failed');
      return (
        <MessageBar intent={failed > 0 ? 'error' : 'success'} politeness="polite" layout="multiline">
          <MessageBarBody data-testid="selftest-summary">
            {t('ui.selftest.summary', { passed: count('passed'), failed, skipped: count('skipped') })}
          </MessageBarBody>
        </MessageBar>
      );
    }
  }
}

function ResultItem({ result, t }: { readonly result: CheckResult; readonly t: Translate }) {
  const styles = useStyles();
  const locale = useLocale();
  return (
    <li className={styles.item} data-testid="selftest-result" data-id={result.id} data-status={result.status}>
      <span className={styles[result.status]}>{t(STATUS_KEY[result.status])}</span>
      <span>
        {locale === 'zh-CN' ? result.title.zh : result.title.en}{' '}
        <span className={styles.hint}>{t('ui.selftest.duration', { ms: result.durationMs })}</span>
      </span>
      {result.message ? <span className={styles.message}>{result.message}</span> : null}
    </li>
  );
}

function ReportActions({
  report,
  send,
  testServerPort,
  onSend,
}: {
  readonly report: string;
  readonly send: SendState;
  readonly testServerPort: number;
  readonly onSend: () => void;
}) {
  const t = useT();
  const styles = useStyles();
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<'copied' | 'selected' | undefined>();
  const copy = () => {
    const select = () => {
      area.current?.focus();
      area.current?.select();
      setCopied('selected');
    };
    // The clipboard may be refused in an Office webview: then the text is selected for Ctrl+C.
    if (typeof navigator === 'undefined' || !navigator.clipboard) return select();
    navigator.clipboard.writeText(report).then(() => setCopied('copied'), select);
  };
  return (
    <>
      <Field label={t('ui.selftest.report')}>
        <Textarea
          ref={area}
          readOnly
          resize="vertical"
          rows={8}
          value={report}
          textarea={{ className: styles.report }}
          data-testid="selftest-report"
        />
      </Field>
      <div className={styles.actions}>
        <Button data-testid="selftest-copy" onClick={copy}>
          {t('ui.selftest.copy')}
        </Button>
        <Button
          data-testid="selftest-send"
          aria-describedby={`${id}sendHint`}
          disabledFocusable={send.state === 'sending'}
          onClick={onSend}
        >
          {t('ui.selftest.send')}
        </Button>
        <Caption1 id={`${id}sendHint`} className={styles.hint}>
          {t('ui.selftest.sendHint', { port: testServerPort })}
        </Caption1>
      </div>
      <div role="status" data-testid="selftest-send-status" className={styles.hint}>
        {copied === 'copied' ? t('ui.selftest.copied') : copied === 'selected' ? t('ui.selftest.copyFailed') : null}{' '}
        {send.state === 'sending'
          ? t('ui.selftest.sending')
          : send.state === 'sent'
            ? t('ui.selftest.sent')
            : send.state === 'failed'
              ? t('ui.selftest.sendFailed', { port: testServerPort, detail: send.detail })
              : null}
      </div>
    </>
  );
}
