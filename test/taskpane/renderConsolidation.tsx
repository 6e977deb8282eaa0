import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { renderToString } from 'react-dom/server';
import type { Locale } from '../../src/domain/i18n/messages';
import { Consolidation } from '../../src/taskpane/features/Consolidation/Consolidation';
import { I18nProvider } from '../../src/taskpane/i18n';
import { NoticesProvider } from '../../src/taskpane/notices';
import { WorkbookProvider } from '../../src/taskpane/workbookContext';
import { CATALOGUE } from '../messages';
import { refusingPort } from './fakePort';

/**
 * The 汇总 panel server-rendered in a language, over a port that refuses every call (rendering must not touch the
 * workbook): its HTML and the calls the port saw.
 */
export function renderConsolidation(locale: Locale): { html: string; calls: string[] } {
  const port = refusingPort();
  const html = renderToString(
    <I18nProvider locale={locale} messages={CATALOGUE[locale]}>
      <FluentProvider theme={webLightTheme}>
        <WorkbookProvider port={port}>
          <NoticesProvider>
            <Consolidation />
          </NoticesProvider>
        </WorkbookProvider>
      </FluentProvider>
    </I18nProvider>,
  );
  return { html, calls: port.calls };
}
