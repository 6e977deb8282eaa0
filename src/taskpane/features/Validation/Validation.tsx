import { useId, useRef, type RefObject } from 'react';
import {
  Badge,
  Body1,
  Body1Strong,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { SheetProblem } from '../../../domain/grid/problems';
import { useT } from '../../i18n';
import { useFeatureStyles, ACTIONS_ROW } from '../../shell/featureStyles';
import { ProblemList, type ProblemListItem } from '../../shell/ProblemList';
import { SelectField } from '../../shell/SelectField';
import { useValidation, type SheetGroup, type ValidationState } from './useValidation';

const useStyles = makeStyles({
  controls: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  actions: ACTIONS_ROW,
  summary: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, outlineStyle: 'none' },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  groupHeading: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, margin: 0 },
  sheetName: { minWidth: 0, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** 校验: check one sheet or all, list the problems by sheet, select a problem's cell, apply a fix on request. */
export function Validation() {
  const t = useT();
  const feature = useFeatureStyles();
  const styles = useStyles();
  const s = useValidation();
  const summaryRef = useRef<HTMLDivElement>(null);
  const id = useId();
  const busy = s.busy !== undefined;

  const onFix = async (p: SheetProblem) => {
    await s.fix(p);
    // The fixed row is gone: keep keyboard focus in the results rather than losing it to the page.
    summaryRef.current?.focus();
  };

  return (
    <div className={feature.root}>
      <Subtitle2 as="h2" className={feature.heading}>
        {t('ui.nav.validation')}
      </Subtitle2>
      <Body1 as="p" className={feature.text}>
        {t('ui.validation.description')}
      </Body1>

      <div className={styles.controls}>
        <SelectField
          id={`${id}sheet`}
          label={t('ui.validation.sheet')}
          testId="validation-sheet"
          value={s.selected ?? ''}
          options={s.templateSheets.map((name) => ({ value: name, label: name }))}
          onChange={s.select}
          empty={t('ui.validation.noTemplates')}
        />
        <div className={styles.actions}>
          <Button
            data-testid="check-sheet"
            disabledFocusable={busy || s.selected === undefined}
            onClick={() => void s.checkSelected()}
          >
            {t('ui.validation.checkSheet')}
          </Button>
          <Button
            appearance="primary"
            data-testid="check-all"
            disabledFocusable={busy}
            onClick={() => void s.checkAll()}
          >
            {t('ui.validation.checkAll')}
          </Button>
          {busy ? <Caption1 className={styles.muted}>{t('ui.validation.busy')}</Caption1> : null}
        </div>
        <Caption1 className={styles.muted}>
          {s.live === 'unavailable' ? t('ui.validation.liveUnavailable') : t('ui.validation.live')}
        </Caption1>
      </div>

      <ValidationSummary s={s} summaryRef={summaryRef} />

      {s.groups.map((g) => (
        <ProblemGroup key={g.sheet} group={g} busy={busy} onGoTo={(p) => void s.goTo(p)} onFix={(p) => void onFix(p)} />
      ))}
    </div>
  );
}

/** The result line: a live region that exists before the first result, so that the first result is announced too. */
function ValidationSummary({
  s,
  summaryRef,
}: {
  readonly s: ValidationState;
  readonly summaryRef: RefObject<HTMLDivElement | null>;
}) {
  const t = useT();
  const styles = useStyles();
  return (
    <div
      ref={summaryRef}
      tabIndex={-1}
      role="status"
      aria-live="polite"
      aria-atomic="true"
      className={styles.summary}
      data-testid="validation-summary"
    >
      {s.summary === undefined ? (
        <Caption1 className={styles.muted}>{t('ui.validation.notYet')}</Caption1>
      ) : s.summary.clean ? (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{s.summary.title}</MessageBarTitle>
            {s.summary.text}
          </MessageBarBody>
        </MessageBar>
      ) : (
        <Body1Strong>{s.summary.title}</Body1Strong>
      )}
      {s.autoRevalidated ? (
        <Caption1 className={styles.muted} data-testid="auto-revalidated">
          {s.autoRevalidated}
        </Caption1>
      ) : null}
    </div>
  );
}

interface ProblemGroupProps {
  readonly group: SheetGroup;
  readonly busy: boolean;
  readonly onGoTo: (p: SheetProblem) => void;
  readonly onFix: (p: SheetProblem) => void;
}

function ProblemGroup({ group, busy, onGoTo, onFix }: ProblemGroupProps) {
  const t = useT();
  const styles = useStyles();
  return (
    <section
      className={styles.group}
      aria-label={t('ui.validation.sheetProblems', { sheet: group.sheet })}
      data-testid="problem-group"
    >
      <h3 className={styles.groupHeading}>
        <Body1Strong className={styles.sheetName}>{group.sheet}</Body1Strong>
        <Badge appearance={group.errors > 0 ? 'filled' : 'outline'} color={group.errors > 0 ? 'danger' : 'informative'}>
          {t('ui.validation.errors', { count: group.errors })}
        </Badge>
        <Badge
          appearance={group.warnings > 0 ? 'filled' : 'outline'}
          color={group.warnings > 0 ? 'warning' : 'informative'}
        >
          {t('ui.validation.warnings', { count: group.warnings })}
        </Badge>
      </h3>
      <ProblemList
        busy={busy}
        testIds={{ item: 'problem', fix: 'fix' }}
        items={group.rows.map((r): ProblemListItem => ({
          id: r.id,
          severity: r.severity,
          severityLabel: r.severityLabel,
          text: r.text,
          goTo: {
            title: t('ui.validation.goTo', { sheet: r.problem.sheet, cell: r.problem.cell }),
            cell: r.problem.cell,
            onClick: () => onGoTo(r.problem),
          },
          ...(r.fixLabel
            ? { fix: { label: r.fixLabel, text: t('ui.validation.fix'), onClick: () => onFix(r.problem) } }
            : {}),
        }))}
      />
    </section>
  );
}
