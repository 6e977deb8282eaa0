import { useId } from 'react';
import { Body1, Button, Caption1, MessageBar, MessageBarBody, Subtitle2, makeStyles } from '@fluentui/react-components';
import { builtinPlan } from '../../../domain/plan/builtin';
import type { Plan } from '../../../domain/plan/schema';
import type { HostTheme, SelfTestHost } from '../../host';
import { useT } from '../../i18n';
import { PlanStatusBar } from '../../PlanStatusBar';
import { useFeatureStyles, ACTIONS_ROW, HINT_TEXT } from '../../shell/featureStyles';
import { SelfTest } from './SelfTest';
import { useSettings, type SettingRow, type SettingsPlanStatus } from './useSettings';

const useStyles = makeStyles({
  actions: ACTIONS_ROW,
  hint: HINT_TEXT,
});

export interface SettingsProps {
  readonly officeLanguage: string;
  readonly theme: HostTheme | undefined;
  /** Shown until the workbook's 指标库 sheet (if any) has been read (default: the built-in plan). */
  readonly plan?: Plan;
  /** 自检, where the host offers it. */
  readonly selfTest?: SelfTestHost;
}

/**
 * 设置: what was detected (language, theme) and the plan in use, as read from the workbook; nothing is editable.
 * Below it, 自检 (the port contract run in this workbook), where the host offers it.
 */
export function Settings({ plan = builtinPlan(), selfTest, ...props }: SettingsProps) {
  const s = useSettings({ ...props, plan });
  const feature = useFeatureStyles();
  const view = <SettingsView rows={s.rows} status={s.status} reading={s.reading} onRefresh={s.refresh} />;
  if (!selfTest) return view;
  return (
    <div className={feature.root}>
      {view}
      <SelfTest host={selfTest} />
    </div>
  );
}

export interface SettingsViewProps {
  readonly rows: readonly SettingRow[];
  readonly status: SettingsPlanStatus;
  /** The workbook is being read: 刷新 waits. */
  readonly reading: boolean;
  readonly onRefresh: () => void;
}

/** The panel as rendered from its state (pure: the server-rendered tests give it each state). */
export function SettingsView({ rows, status, reading, onRefresh }: SettingsViewProps) {
  const t = useT();
  const feature = useFeatureStyles();
  const styles = useStyles();
  const id = useId();
  return (
    <div className={feature.root}>
      <Subtitle2 as="h2" className={feature.heading}>
        {t('ui.nav.settings')}
      </Subtitle2>
      <Body1 as="p" className={feature.text}>
        {t('ui.settings.description')}
      </Body1>
      <dl className={feature.pairs}>
        {rows.map((r) => [
          <dt key={`${r.id}-label`} className={feature.term}>
            {r.label}
          </dt>,
          <dd key={`${r.id}-value`} className={feature.value} data-testid={`setting-${r.id}`}>
            {r.value}
          </dd>,
        ])}
      </dl>

      {/* What the reading found. A MessageBar announces itself when it appears (Fluent's AriaLiveAnnouncer, in
          App), politely: it is a status, not an alert (a refusal is also a notice in the status area). So only the
          "reading" line is a live region of its own; wrapping the bars in one would announce them twice. */}
      <div data-testid="settings-plan-status">
        {status.kind === 'reading' ? (
          <Caption1 role="status" className={styles.hint}>
            {status.text}
          </Caption1>
        ) : status.kind === 'failed' ? (
          <MessageBar intent="warning" politeness="polite" layout="multiline">
            <MessageBarBody>{status.text}</MessageBarBody>
          </MessageBar>
        ) : (
          <PlanStatusBar status={status.status} politeness="polite" />
        )}
      </div>

      <div className={styles.actions}>
        <Button
          data-testid="settings-refresh"
          aria-describedby={`${id}refreshHint`}
          disabledFocusable={reading}
          onClick={onRefresh}
        >
          {t('ui.settings.refresh')}
        </Button>
        <Caption1 id={`${id}refreshHint`} className={styles.hint}>
          {t('ui.settings.refreshHint')}
        </Caption1>
      </div>
    </div>
  );
}
