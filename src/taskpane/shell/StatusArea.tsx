import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useT } from '../i18n';
import type { Notice } from '../notices';

const useStyles = makeStyles({
  // overflowWrap: an Office.js detail can be one long token; it must wrap inside a 320 px pane.
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  body: { minWidth: 0 },
  detail: {
    display: 'block',
    marginTop: tokens.spacingVerticalXS,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
  },
});

/** Fluent's Dismiss 16 glyph, inlined: @fluentui/react-icons is not a direct dependency. */
function DismissIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16" fill="currentColor">
      <path d="M3.15 3.15a.5.5 0 0 1 .7 0L8 7.29l4.15-4.14a.5.5 0 0 1 .7.7L8.71 8l4.14 4.15a.5.5 0 0 1-.7.7L8 8.71l-4.15 4.14a.5.5 0 0 1-.7-.7L7.29 8 3.15 3.85a.5.5 0 0 1 0-.7Z" />
    </svg>
  );
}

export interface StatusAreaProps {
  readonly notices: readonly Notice[];
  readonly onDismiss: (id: number) => void;
}

/**
 * The notification area: one MessageBar per notice, multiline so that it wraps at 320 px. MessageBar
 * announces itself through the AriaLiveAnnouncer that App provides (errors assertively, info politely).
 */
export function StatusArea({ notices, onDismiss }: StatusAreaProps) {
  const styles = useStyles();
  const t = useT();
  if (notices.length === 0) return null;
  return (
    <section aria-label={t('ui.status.label')} className={styles.root}>
      {notices.map((n) => (
        <MessageBar key={n.id} intent={n.intent} layout="multiline">
          <MessageBarBody className={styles.body}>
            <MessageBarTitle>{n.title}</MessageBarTitle>
            {n.message}
            {n.detail ? <span className={styles.detail}>{t('ui.status.detail', { detail: n.detail })}</span> : null}
          </MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button
                appearance="transparent"
                aria-label={t('ui.status.dismiss')}
                icon={<DismissIcon />}
                onClick={() => onDismiss(n.id)}
              />
            }
          />
        </MessageBar>
      ))}
    </section>
  );
}
