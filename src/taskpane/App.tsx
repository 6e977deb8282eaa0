import { AriaLiveAnnouncer, FluentProvider, makeStyles } from '@fluentui/react-components';
import type { Locale, Messages } from '../domain/i18n/messages';
import type { WorkbookPort } from '../workbook/port';
import type { HostInfo } from './host';
import { I18nProvider, type MessageKey } from './i18n';
import { NoticesProvider } from './notices';
import { Shell } from './shell/Shell';
import { fluentTheme, isDark, useHostTheme } from './theme';
import { WorkbookProvider } from './workbookContext';

const useStyles = makeStyles({
  provider: { minHeight: '100vh' },
});

export interface AppProps {
  /** The workbook (Excel, or the preview host's in-memory one): the features use it, never Office.js. */
  readonly port: WorkbookPort;
  readonly host: HostInfo;
  /** The UI language (resolveLocale of the host's) and its messages, loaded before mounting (loadMessages). */
  readonly locale: Locale;
  readonly messages: Messages<MessageKey>;
}

/**
 * The task pane. Pure props: Excel (index.tsx) and the preview host mount the same App with their own port
 * and host. The UI language follows the host's display language (zh-* → zh-CN, else en-US); the Fluent theme
 * follows the host's light or dark theme, and changes with it where the host reports changes.
 */
export function App({ port, host, locale, messages }: AppProps) {
  const styles = useStyles();
  const theme = useHostTheme(host);
  return (
    <I18nProvider locale={locale} messages={messages}>
      <FluentProvider theme={fluentTheme(isDark(theme))} lang={locale} className={styles.provider}>
        <AriaLiveAnnouncer>
          <WorkbookProvider port={port}>
            <NoticesProvider>
              <Shell host={host} theme={theme} />
            </NoticesProvider>
          </WorkbookProvider>
        </AriaLiveAnnouncer>
      </FluentProvider>
    </I18nProvider>
  );
}
