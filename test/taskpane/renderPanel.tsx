import type { ReactNode } from 'react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { renderToString } from 'react-dom/server';
import type { Locale } from '../../src/domain/i18n/messages';
import { Consolidation } from '../../src/taskpane/features/Consolidation/Consolidation';
import { I18nProvider } from '../../src/taskpane/i18n';
import { NoticesProvider } from '../../src/taskpane/notices';
import { WorkbookProvider } from '../../src/taskpane/workbookContext';
import type { WorkbookPort } from '../../src/workbook/port';
import { CATALOGUE } from '../messages';
import { refusingPort } from './fakePort';

/**
 * A panel server-rendered in a language with the providers the task pane gives it, over `port` (default: one that
 * refuses every call and records it — rendering must not touch the workbook): its HTML and the calls the port saw.
 */
export function renderPanel(
  locale: Locale,
  node: ReactNode,
  port: WorkbookPort & { readonly calls?: string[] } = refusingPort(),
): { html: string; calls: string[] } {
  const html = renderToString(
    <I18nProvider locale={locale} messages={CATALOGUE[locale]}>
      <FluentProvider theme={webLightTheme}>
        <WorkbookProvider port={port}>
          <NoticesProvider>{node}</NoticesProvider>
        </WorkbookProvider>
      </FluentProvider>
    </I18nProvider>,
  );
  return { html, calls: port.calls ?? [] };
}

/** The 汇总 panel server-rendered (renderPanel). */
export function renderConsolidation(locale: Locale): { html: string; calls: string[] } {
  return renderPanel(locale, <Consolidation />);
}
