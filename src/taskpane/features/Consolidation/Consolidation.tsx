import { Fragment, useId, useRef, useState } from 'react';
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Dropdown,
  Label,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  ProgressBar,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useT } from '../../i18n';
import { useFeatureStyles, ACTIONS_ROW } from '../../shell/featureStyles';
import { ProblemList, type ProblemListItem } from '../../shell/ProblemList';
import type { ClaimState } from '../../../domain/consolidation/sources';
import { useConsolidation, type ConsolidationState, type FileStatus, type HeadlineView } from './useConsolidation';
import { READABLE_EXTENSIONS } from '../../../workbook/files/limits';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  sectionHeading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  actions: ACTIONS_ROW,
  field: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  dropdown: { minWidth: 0, width: '100%' },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  item: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS, minWidth: 0 },
  itemText: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  itemTitle: { fontWeight: tokens.fontWeightSemibold },
  muted: {
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  badge: { flexShrink: 0, marginTop: '2px' },
  // The file input stays in the page (for keyboard users it is reached through the button) but is not shown.
  fileInput: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
  progress: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  result: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, outlineStyle: 'none' },
  // The 通报's sections and the ranking: short lines, dense, so that the 320 px pane shows them at a glance.
  links: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  link: { textAlign: 'start' },
  scores: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  scoreRow: { display: 'flex', gap: tokens.spacingHorizontalS, minWidth: 0 },
  scoreRank: { minWidth: '2.5em', textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
  scoreDepartment: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  scoreNumber: { textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
});

const ESTIMATE_COLOR: Readonly<Record<ClaimState, 'success' | 'warning' | 'danger' | 'informative'>> = {
  included: 'success',
  superseded: 'informative',
  otherPeriod: 'warning',
  conflict: 'danger',
  unknown: 'informative',
};
const FILE_COLOR: Readonly<Record<FileStatus, 'success' | 'warning' | 'danger' | 'informative'>> = {
  read: 'success',
  readWithProblems: 'warning',
  unreadable: 'danger',
  parsing: 'informative',
};
/** The badge beside a file: its state's words are in the file's text, for screen readers too. */
const FILE_BADGE: Readonly<Record<FileStatus, string>> = {
  read: '✓',
  readWithProblems: '!',
  unreadable: '✕',
  parsing: '…',
};

/** At 320 px a list of hundreds of problems is unusable at once: the first ones, and a button for the rest. */
const LISTED = 50;

/**
 * 汇总: the templates found in this workbook, department workbooks to import, the report period, 一键汇总 with its
 * progress, then what came out (sources used and left out, lights, submissions) and the problems, each leading to
 * its cell where it is in this workbook.
 */
export function Consolidation({ sampleFiles }: { readonly sampleFiles?: () => Promise<File[]> } = {}) {
  const t = useT();
  const feature = useFeatureStyles();
  const s = useConsolidation();
  const id = useId();
  return (
    <div className={feature.root}>
      <Subtitle2 as="h2" className={feature.heading}>
        {t('ui.nav.consolidation')}
      </Subtitle2>
      <Body1 as="p" className={feature.text}>
        {t('ui.consolidation.description')}
      </Body1>
      <SourcesSection s={s} id={`${id}sources`} />
      <FilesSection s={s} id={`${id}files`} {...(sampleFiles ? { sampleFiles } : {})} />
      <PeriodField s={s} id={`${id}period`} />
      <RunSection s={s} id={`${id}stage`} />
      <ResultSection s={s} id={`${id}result`} />
    </div>
  );
}

interface SectionProps {
  readonly s: ConsolidationState;
  readonly id: string;
}

/** The templates found in this workbook by their markers, with what a run would do with each. */
function SourcesSection({ s, id }: SectionProps) {
  const t = useT();
  const styles = useStyles();
  const feature = useFeatureStyles();
  return (
    <section className={styles.section} aria-labelledby={id}>
      <h3 id={id} className={styles.sectionHeading}>
        {t('ui.consolidation.sources')}
      </h3>
      <Caption1 className={styles.muted}>{t('ui.consolidation.sourcesHint')}</Caption1>
      {s.sources.some((r) => r.estimate === 'conflict' || r.estimate === 'superseded') ? (
        <Caption1 className={styles.muted} data-testid="choose-hint">
          {t('ui.consolidation.chooseHint')}
        </Caption1>
      ) : null}
      {s.sources.length === 0 ? (
        <Body1 className={feature.text}>{t('ui.consolidation.noSources')}</Body1>
      ) : (
        <ul className={styles.list} data-testid="consolidation-sources">
          {s.sources.map((r) => (
            <li key={r.id} className={styles.item}>
              <span className={styles.itemText}>
                <span className={styles.itemTitle}>{r.title}</span>
                <span className={styles.muted}>{r.line}</span>
              </span>
              <Badge className={styles.badge} appearance="tint" color={ESTIMATE_COLOR[r.estimate]}>
                {r.estimateLabel}
              </Badge>
              {r.pick ? (
                <Button
                  size="small"
                  data-testid="choose-source"
                  aria-label={t('ui.consolidation.chooseSource', { source: r.title })}
                  disabledFocusable={s.busy}
                  onClick={() => void s.choose(r.id)}
                >
                  {t('ui.consolidation.choose')}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <div className={styles.actions}>
        <Button size="small" disabledFocusable={s.busy} onClick={() => void s.refresh()}>
          {t('ui.consolidation.refresh')}
        </Button>
      </div>
    </section>
  );
}

/** Department workbooks sent in as files (.xlsx, .xlsm, .xls, .xlsb, .ods, .et): imported, read, listed with their state; removable. */
function FilesSection({ s, id, sampleFiles }: SectionProps & { readonly sampleFiles?: () => Promise<File[]> }) {
  const t = useT();
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  return (
    <section className={styles.section} aria-labelledby={id}>
      <h3 id={id} className={styles.sectionHeading}>
        {t('ui.consolidation.files')}
      </h3>
      <div className={styles.actions}>
        <Button
          data-testid="import-files"
          disabledFocusable={s.progress !== undefined}
          onClick={() => input.current?.click()}
        >
          {t('ui.consolidation.import')}
        </Button>
        <input
          ref={input}
          type="file"
          multiple
          accept={READABLE_EXTENSIONS.join(',')}
          tabIndex={-1}
          aria-hidden="true"
          className={styles.fileInput}
          data-testid="import-input"
          onChange={(e) => {
            const picked = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = ''; // the same file can be chosen again
            void s.importFiles(picked);
          }}
        />
        {sampleFiles ? (
          <Button
            appearance="subtle"
            data-testid="import-sample-files"
            disabledFocusable={s.progress !== undefined}
            onClick={() => void sampleFiles().then((files) => s.importFiles(files))}
          >
            {t('ui.consolidation.sampleFiles')}
          </Button>
        ) : null}
      </div>
      <Caption1 className={styles.muted}>{t('ui.consolidation.importHint')}</Caption1>
      {s.files.length === 0 ? (
        <Caption1 className={styles.muted}>{t('ui.consolidation.noFiles')}</Caption1>
      ) : (
        <ul className={styles.list} data-testid="consolidation-files">
          {s.files.map((f) => (
            <li key={f.id} className={styles.item}>
              <span className={styles.itemText}>
                <span className={styles.itemTitle}>{f.name}</span>
                <span className={styles.muted} data-testid="file-status">
                  {f.text}
                </span>
                {f.saved !== undefined ? (
                  <span className={styles.muted} data-testid="file-saved">
                    {f.saved}
                  </span>
                ) : null}
              </span>
              <Badge className={styles.badge} appearance="tint" color={FILE_COLOR[f.status]} aria-hidden="true">
                {FILE_BADGE[f.status]}
              </Badge>
              <Button
                size="small"
                aria-label={t('ui.consolidation.removeFile', { file: f.name })}
                disabledFocusable={s.progress !== undefined}
                onClick={() => s.removeFile(f.id)}
              >
                {t('ui.consolidation.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The report period to consolidate (the latest by default). */
function PeriodField({ s, id }: SectionProps) {
  const t = useT();
  const styles = useStyles();
  return (
    <div className={styles.field}>
      <Label id={id} weight="semibold">
        {t('ui.consolidation.period')}
      </Label>
      <Dropdown
        className={styles.dropdown}
        aria-labelledby={id}
        aria-describedby={`${id}Hint`}
        data-testid="consolidation-period"
        disabled={s.periods.length === 0}
        placeholder={t('ui.consolidation.periodNone')}
        value={s.period?.text ?? ''}
        selectedOptions={s.period ? [s.period.key] : []}
        onOptionSelect={(_, d) => {
          if (d.optionValue !== undefined) s.selectPeriod(d.optionValue);
        }}
      >
        {s.periods.map((p) => (
          <Option key={p.key} value={p.key} text={p.text}>
            {p.text}
          </Option>
        ))}
      </Dropdown>
      <Caption1 id={`${id}Hint`} className={styles.muted}>
        {t('ui.consolidation.periodHint')}
      </Caption1>
    </div>
  );
}

/** 一键汇总 and its progress: a live region that exists before the run starts, so that every stage is announced. */
function RunSection({ s, id }: SectionProps) {
  const t = useT();
  const styles = useStyles();
  return (
    <div className={styles.section}>
      <div className={styles.actions}>
        <Button appearance="primary" data-testid="consolidate" disabledFocusable={s.busy} onClick={() => void s.run()}>
          {t('ui.consolidation.run')}
        </Button>
      </div>
      <Caption1 className={styles.muted}>{t('ui.consolidation.runHint')}</Caption1>
      <div
        role="status"
        aria-live="polite"
        aria-atomic="true"
        className={styles.progress}
        data-testid="consolidation-progress"
      >
        {s.progress ? (
          <>
            <ProgressBar
              value={s.progress.value}
              max={1}
              thickness="large"
              aria-labelledby={id}
              aria-valuetext={s.progress.text}
            />
            <Caption1 id={id}>{s.progress.text}</Caption1>
          </>
        ) : null}
      </div>
    </div>
  );
}

/** What the last run (this pane's or the ribbon's) gave: counts, sheets left out, and the problems. */
function ResultSection({ s, id }: SectionProps) {
  const t = useT();
  const styles = useStyles();
  const feature = useFeatureStyles();
  const [showAll, setShowAll] = useState(false);
  const problems = showAll ? (s.result?.problems ?? []) : (s.result?.problems ?? []).slice(0, LISTED);
  return (
    <section className={styles.result} aria-labelledby={id} aria-live="polite" data-testid="consolidation-result">
      <h3 id={id} className={styles.sectionHeading}>
        {t('ui.consolidation.result')}
      </h3>
      {s.result === undefined ? (
        <Caption1 className={styles.muted}>{t('ui.consolidation.notYet')}</Caption1>
      ) : (
        <>
          <MessageBar intent={s.result.intent} layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{s.result.title}</MessageBarTitle>
              {s.result.text} {s.result.by}
            </MessageBarBody>
          </MessageBar>
          {s.result.headline ? <HeadlineSection headline={s.result.headline} onGo={s.goTo} /> : null}
          <dl className={feature.pairs} data-testid="consolidation-counts">
            {s.result.pairs.map((p) => (
              <Fragment key={p.label}>
                <dt className={feature.term}>{p.label}</dt>
                <dd className={feature.value}>{p.value}</dd>
              </Fragment>
            ))}
          </dl>
          {s.result.leftOut.length > 0 ? (
            <>
              <h4 className={styles.sectionHeading}>{t('ui.consolidation.leftOutList')}</h4>
              <ul className={styles.list} data-testid="consolidation-left-out">
                {s.result.leftOut.map((text, i) => (
                  <li key={i} className={styles.muted}>
                    {text}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h4 className={styles.sectionHeading}>
            {t('ui.consolidation.problems', { count: s.result.problems.length })}
          </h4>
          {s.result.problems.length === 0 ? (
            <Caption1 className={styles.muted}>{t('ui.consolidation.problemsNone')}</Caption1>
          ) : (
            <ProblemList
              testIds={{ list: 'consolidation-problems', item: 'consolidation-problem' }}
              items={problems.map((p): ProblemListItem => ({
                id: p.id,
                severity: p.severity,
                severityLabel: p.severityLabel,
                text: p.text,
                ...(p.goTo
                  ? {
                      goTo: {
                        title: t('ui.consolidation.goTo', p.goTo),
                        cell: p.goTo.cell,
                        onClick: () => void s.goTo(p),
                      },
                    }
                  : {}),
              }))}
            />
          )}
          {!showAll && s.result.problems.length > LISTED ? (
            <div className={styles.actions}>
              <Button size="small" onClick={() => setShowAll(true)}>
                {t('ui.consolidation.showAll', { count: s.result.problems.length })}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}

/**
 * The month's headline (lights, the change since last month, 督办), links to the 通报's sections and 汇总's 督办清单
 * (each selects its heading: 1 round trip), the 督办清单 month by month with reasons, and the 考核得分 ranking.
 */
function HeadlineSection({
  headline,
  onGo,
}: {
  readonly headline: HeadlineView;
  readonly onGo: ConsolidationState['goTo'];
}) {
  const t = useT();
  const styles = useStyles();
  return (
    <>
      <h4 className={styles.sectionHeading}>{t('ui.consolidation.headline')}</h4>
      <Body1 as="p" data-testid="consolidation-headline">
        {headline.lines.join(' ')}
      </Body1>
      <SectionLinks links={headline.links} onGo={onGo} />
      <SupervisionList items={headline.supervision} />
      <ScoreList headline={headline} />
    </>
  );
}

/** Links to the 通报's sections and 汇总's 督办清单: each selects its heading cell. */
function SectionLinks({
  links,
  onGo,
}: {
  readonly links: HeadlineView['links'];
  readonly onGo: ConsolidationState['goTo'];
}) {
  const t = useT();
  const styles = useStyles();
  const first = links[0];
  if (!first) return null;
  return (
    <nav aria-label={t('ui.consolidation.sections')}>
      <h4 className={styles.sectionHeading}>{t('ui.consolidation.sections')}</h4>
      <Caption1 className={styles.muted}>{t('ui.consolidation.sectionsHint', { sheet: first.goTo.sheet })}</Caption1>
      <ul className={styles.links} data-testid="consolidation-sections">
        {links.map((l) => (
          <li key={l.id}>
            <Link
              as="button"
              className={styles.link}
              data-testid="consolidation-section"
              data-sheet={l.goTo.sheet}
              data-cell={l.goTo.cell}
              title={t('ui.consolidation.goTo', { ...l.goTo })}
              onClick={() => void onGo(l)}
            >
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The 督办清单: each indicator's run of lights by month and its level (督办 or 效能监察). */
function SupervisionList({ items }: { readonly items: HeadlineView['supervision'] }) {
  const t = useT();
  const styles = useStyles();
  if (items.length === 0) return null;
  return (
    <>
      <h4 className={styles.sectionHeading}>{t('ui.consolidation.supervisionList')}</h4>
      <ul className={styles.list} data-testid="consolidation-supervision">
        {items.map((item, i) => (
          <li key={i} className={styles.item}>
            <span className={styles.itemText}>
              <span className={styles.itemTitle}>{item.title}</span>
              {item.months.map((m, j) => (
                <span key={j} className={styles.muted}>
                  {m}
                </span>
              ))}
            </span>
            <Badge
              className={styles.badge}
              appearance="tint"
              color={item.level === 'inspection' ? 'danger' : 'warning'}
              aria-hidden="true"
            >
              {t(`bulletin.level.${item.level}`)}
            </Badge>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The 考核得分 ranking of the lead departments. */
function ScoreList({ headline }: { readonly headline: HeadlineView }) {
  const t = useT();
  const styles = useStyles();
  return (
    <>
      <h4 className={styles.sectionHeading}>{t('ui.consolidation.scores')}</h4>
      {headline.scores.length === 0 ? (
        <Caption1 className={styles.muted}>{t('ui.consolidation.scoresNone')}</Caption1>
      ) : (
        <ul className={styles.scores} data-testid="consolidation-scores">
          {headline.scores.map((d) => (
            <li key={d.department} className={styles.scoreRow}>
              <span className={styles.scoreRank}>{d.rank}.</span>
              <span className={styles.scoreDepartment}>{d.department}</span>
              <span className={styles.scoreNumber}>{d.score}</span>
            </li>
          ))}
        </ul>
      )}
      {headline.unscored > 0 ? (
        <Caption1 className={styles.muted}>
          {t('ui.consolidation.scoresUnscored', { count: headline.unscored })}
        </Caption1>
      ) : null}
    </>
  );
}
