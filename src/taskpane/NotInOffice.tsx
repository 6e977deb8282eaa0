import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle1,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Locale, Messages } from '../domain/i18n/messages';
import { I18nProvider, useT, type MessageKey } from './i18n';
import { fluentTheme } from './theme';

const useStyles = makeStyles({
  provider: { minHeight: '100vh' },
  main: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  title: { margin: 0 },
});

export interface NotInOfficeProps {
  /** The browser's language (there is no Office display language here), and its messages. */
  readonly locale: Locale;
  readonly messages: Messages<MessageKey>;
  /** The browser's colour scheme (there is no Office theme here). */
  readonly dark: boolean;
}

/** Shown when taskpane.html is opened in a plain browser tab: the pane needs Excel or the preview host. */
export function NotInOffice({ locale, messages, dark }: NotInOfficeProps) {
  const styles = useStyles();
  return (
    <I18nProvider locale={locale} messages={messages}>
      <FluentProvider theme={fluentTheme(dark)} lang={locale} className={styles.provider}>
        <NotInOfficeMessage className={styles.main} titleClassName={styles.title} />
      </FluentProvider>
    </I18nProvider>
  );
}

function NotInOfficeMessage({
  className,
  titleClassName,
}: {
  readonly className: string;
  readonly titleClassName: string;
}) {
  const t = useT();
  return (
    <main className={className}>
      <Subtitle1 as="h1" className={titleClassName}>
        {t('ui.app.title')}
      </Subtitle1>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t('ui.notInOffice.title')}</MessageBarTitle>
          {t('ui.notInOffice.body')}
        </MessageBarBody>
      </MessageBar>
    </main>
  );
}
