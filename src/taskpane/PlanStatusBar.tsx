import { MessageBar, MessageBarBody, makeStyles, tokens, type MessageBarProps } from '@fluentui/react-components';
import { useT } from './i18n';
import type { PlanStatus } from './planStatus';

const useStyles = makeStyles({
  problems: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

export interface PlanStatusBarProps extends Omit<MessageBarProps, 'intent' | 'layout' | 'children'> {
  readonly status: PlanStatus;
  readonly 'data-testid'?: string;
}

/** The plan in use, as 模板 and 设置 show it: what it is, and the 指标库 sheet's first problems when it has any. */
export function PlanStatusBar({ status, ...bar }: PlanStatusBarProps) {
  const t = useT();
  const styles = useStyles();
  return (
    <MessageBar {...bar} intent={status.intent} layout="multiline">
      <MessageBarBody>
        {status.text}
        {status.problems.length > 0 ? (
          <ul className={styles.problems}>
            {status.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
            {status.more > 0 ? <li>{t('ui.templates.planMoreProblems', { count: status.more })}</li> : null}
          </ul>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
}
