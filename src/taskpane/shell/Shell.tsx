import { Suspense, lazy, useId, useState, type ComponentType, type ReactNode } from 'react';
import { Subtitle1, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { useRibbonFailureNotices } from '../features/Consolidation/lastRun';
import type { HostInfo, HostTheme } from '../host';
import { loadMoreMessages, useT } from '../i18n';
import { useNotices } from '../notices';
import { LoadBoundary } from './LoadBoundary';
import { SECTIONS, isSectionId, type SectionId } from './sections';

// The feature panels load on first use (their use cases and domain code are in async chunks): the task pane's
// initial JavaScript stays within its budget.
/** A feature panel's code and the messages beyond the shell's (loadMoreMessages), loaded together. */
function panel<M, P extends object>(load: () => Promise<M>, pick: (m: M) => ComponentType<P>) {
  return lazy(() => Promise.all([load(), loadMoreMessages()]).then(([m]) => ({ default: pick(m) })));
}

const Templates = panel(
  () => import('../features/Templates/Templates'),
  (m) => m.Templates,
);
const Validation = panel(
  () => import('../features/Validation/Validation'),
  (m) => m.Validation,
);
const Consolidation = panel(
  () => import('../features/Consolidation/Consolidation'),
  (m) => m.Consolidation,
);
const Settings = panel(
  () => import('../features/Settings/Settings'),
  (m) => m.Settings,
);
const StatusArea = panel(
  () => import('./StatusArea'),
  (m) => m.StatusArea,
);

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: '100vh',
    minWidth: 0,
    boxSizing: 'border-box',
    // Long unbroken strings (a file name, a colour) must wrap, not widen a 320 px pane.
    overflowWrap: 'anywhere',
  },
  header: { padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXS}` },
  title: { margin: 0 },
  nav: {
    padding: `0 ${tokens.spacingHorizontalXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  // Small tabs: the four English labels fit on one row of a 320 px pane (asserted in the browser tests); wrapping
  // stays as the fallback for a larger system font rather than a hidden tab.
  tabs: { flexWrap: 'wrap', minWidth: 0 },
  main: {
    flexGrow: 1,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minWidth: 0,
  },
  panel: {
    minWidth: 0,
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: tokens.strokeWidthThick,
    },
  },
});

export interface ShellProps {
  readonly host: HostInfo;
  /** The host's current theme (App follows its changes). */
  readonly theme: HostTheme | undefined;
  readonly initialSection?: SectionId;
}

/**
 * The frame around the features: title, the 模板 / 校验 / 汇总 / 设置 tabs (Fluent TabList: arrow keys move
 * between tabs, Enter or Space selects), the notification area and the selected section's panel.
 */
export function Shell({ host, theme, initialSection = host.selfTest?.autoRun ? 'settings' : 'templates' }: ShellProps) {
  const t = useT();
  const styles = useStyles();
  const { notices, dismiss } = useNotices();
  useRibbonFailureNotices(); // the ribbon's 一键汇总 opens the pane when it fails: say why here
  const [section, setSection] = useState<SectionId>(initialSection);
  const baseId = useId();
  const tabId = (id: SectionId) => `${baseId}tab-${id}`;
  const panelId = `${baseId}panel`;

  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <Subtitle1 as="h1" className={styles.title}>
          {t('ui.app.title')}
        </Subtitle1>
      </header>
      <nav aria-label={t('ui.nav.label')} className={styles.nav}>
        <TabList
          size="small"
          className={styles.tabs}
          selectedValue={section}
          onTabSelect={(_, data) => {
            if (isSectionId(data.value)) setSection(data.value);
          }}
        >
          {SECTIONS.map((s) => (
            // aria-controls only where the panel exists: the other panels are not rendered.
            <Tab key={s.id} id={tabId(s.id)} value={s.id} aria-controls={s.id === section ? panelId : undefined}>
              {t(s.label)}
            </Tab>
          ))}
        </TabList>
      </nav>
      <main className={styles.main}>
        {notices.length > 0 ? (
          <LoadBoundary message={t('ui.app.loadFailed')}>
            <Suspense fallback={null}>
              <StatusArea notices={notices} onDismiss={dismiss} />
            </Suspense>
          </LoadBoundary>
        ) : null}
        <div role="tabpanel" id={panelId} aria-labelledby={tabId(section)} tabIndex={0} className={styles.panel}>
          <LoadBoundary key={section} message={t('ui.app.loadFailed')}>
            <Suspense fallback={null}>{renderSection(section, host, theme)}</Suspense>
          </LoadBoundary>
        </div>
      </main>
    </div>
  );
}

function renderSection(section: SectionId, host: HostInfo, theme: HostTheme | undefined): ReactNode {
  switch (section) {
    case 'templates':
      return <Templates {...(host.files ? { files: host.files } : {})} />;
    case 'validation':
      return <Validation />;
    case 'consolidation':
      return <Consolidation {...(host.sampleFiles ? { sampleFiles: host.sampleFiles } : {})} />;
    case 'settings':
      return (
        <Settings
          officeLanguage={host.language}
          theme={theme}
          {...(host.selfTest ? { selfTest: host.selfTest } : {})}
        />
      );
  }
}
