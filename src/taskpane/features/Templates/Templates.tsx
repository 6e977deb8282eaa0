import { useId } from 'react';
import {
  Body1,
  Button,
  Caption1,
  Label,
  Radio,
  RadioGroup,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { FormulaMode } from '../../../domain/calc/formulas';
import { builtinPlan } from '../../../domain/plan/builtin';
import type { Plan } from '../../../domain/plan/schema';
import { useT } from '../../i18n';
import { PlanStatusBar } from '../../PlanStatusBar';
import { useFeatureStyles } from '../../shell/featureStyles';
import { SelectField } from '../../shell/SelectField';
import { MONTHS, useTemplates } from './useTemplates';

const useStyles = makeStyles({
  campaigns: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  // The radio's label: the campaign's name, then its people and size on a second line that wraps at 320 px.
  campaignLabel: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  campaignName: { fontWeight: tokens.fontWeightSemibold },
  campaignDetails: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  term: { color: tokens.colorNeutralForeground3, marginRight: tokens.spacingHorizontalXXS },
  modeLabel: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  hint: {
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  // A labelled control: Label above its control (what Fluent Field does, without its validation-state icons).
  field: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  update: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  updateHeading: { margin: 0 },
});

export interface TemplatesProps {
  /** Shown until the workbook's 指标库 sheet (if any) has been read (default: the built-in plan). */
  readonly plan?: Plan;
}

const MODES: readonly {
  readonly mode: FormulaMode;
  readonly label: 'ui.templates.modeKpi' | 'ui.templates.modeNative';
  readonly hint: 'ui.templates.modeKpiHint' | 'ui.templates.modeNativeHint';
}[] = [
  { mode: 'kpi', label: 'ui.templates.modeKpi', hint: 'ui.templates.modeKpiHint' },
  { mode: 'native', label: 'ui.templates.modeNative', hint: 'ui.templates.modeNativeHint' },
];

/** 模板: choose a campaign, department, month and formula mode; insert the template or the 指标库 sheet. */
export function Templates({ plan: initialPlan = builtinPlan() }: TemplatesProps) {
  const t = useT();
  const feature = useFeatureStyles();
  const styles = useStyles();
  const s = useTemplates(initialPlan);
  const id = useId();
  const { form } = s;
  const monthLabel = (month: number) => t('ui.templates.monthOption', { year: s.year, month });

  return (
    <div className={feature.root}>
      <Subtitle2 as="h2" className={feature.heading}>
        {t('ui.nav.templates')}
      </Subtitle2>
      <Body1 as="p" className={feature.text}>
        {t('ui.templates.description')}
      </Body1>

      {s.planStatus ? (
        <PlanStatusBar status={s.planStatus} data-testid="plan-status" />
      ) : (
        <Caption1 className={feature.text}>{t('ui.templates.planLoading')}</Caption1>
      )}

      <div className={styles.field}>
        <Label id={`${id}campaigns`} weight="semibold">
          {t('ui.templates.campaigns', { year: s.year })}
        </Label>
        <RadioGroup
          aria-labelledby={`${id}campaigns`}
          className={styles.campaigns}
          value={form.campaignId}
          onChange={(_, d) => s.selectCampaign(d.value)}
        >
          {s.campaigns.map((c) => (
            <Radio
              key={c.id}
              value={c.id}
              data-testid={`campaign-${c.id}`}
              label={
                <span className={styles.campaignLabel}>
                  <span className={styles.campaignName}>{c.name}</span>
                  <span className={styles.campaignDetails}>
                    <span>
                      <span className={styles.term}>{t('ui.templates.commander')}</span> {c.commander}
                    </span>
                    <span>
                      <span className={styles.term}>{t('ui.templates.leadDepartment')}</span> {c.leadDepartment}
                    </span>
                    <span>
                      <span className={styles.term}>{t('ui.templates.indicatorCount')}</span> {c.indicatorCount}
                    </span>
                  </span>
                </span>
              }
            />
          ))}
        </RadioGroup>
      </div>

      <SelectField
        id={`${id}department`}
        label={t('ui.templates.department')}
        testId="department"
        value={form.department}
        options={s.departments.map((d) => ({ value: d, label: d }))}
        onChange={s.setDepartment}
      />
      <SelectField
        id={`${id}month`}
        label={t('ui.templates.month')}
        testId="month"
        value={String(form.month)}
        options={MONTHS.map((m) => ({ value: String(m), label: monthLabel(m) }))}
        onChange={(v) => s.setMonth(Number(v))}
        hint={t('ui.templates.monthHint', { year: s.year })}
      />

      <div className={styles.field}>
        <Label id={`${id}mode`} weight="semibold">
          {t('ui.templates.mode')}
        </Label>
        <RadioGroup
          aria-labelledby={`${id}mode`}
          value={form.mode}
          onChange={(_, d) => s.setMode(d.value === 'native' ? 'native' : 'kpi')}
        >
          {MODES.map((m) => (
            <Radio
              key={m.mode}
              value={m.mode}
              label={
                <span className={styles.modeLabel}>
                  <span>{t(m.label)}</span>
                  <span className={styles.hint}>{t(m.hint)}</span>
                </span>
              }
            />
          ))}
        </RadioGroup>
      </div>

      <div className={styles.actions}>
        <Button
          appearance="primary"
          data-testid="insert-template"
          disabledFocusable={s.busy !== undefined}
          onClick={() => void s.insert()}
        >
          {t('ui.templates.insert')}
        </Button>
        <Button data-testid="insert-plan" disabledFocusable={s.busy !== undefined} onClick={() => void s.insertPlan()}>
          {t('ui.templates.insertPlan')}
        </Button>
        {s.busy === 'template' || s.busy === 'plan' ? (
          <Caption1 role="status" className={styles.hint}>
            {t('ui.templates.busy')}
          </Caption1>
        ) : null}
      </div>
      <Caption1 className={feature.text}>{t('ui.templates.insertPlanHint')}</Caption1>

      <section className={styles.update} aria-labelledby={`${id}update`}>
        <Subtitle2 as="h3" id={`${id}update`} className={styles.updateHeading}>
          {t('ui.templates.updateHeading')}
        </Subtitle2>
        <Caption1 id={`${id}updateHint`} className={styles.hint}>
          {t('ui.templates.updateHint')}
        </Caption1>
        <SelectField
          id={`${id}updateSheet`}
          label={t('ui.templates.updateSheet')}
          testId="update-sheet"
          value={s.updateSheet}
          options={s.templates.map((o) => ({ value: o.name, label: o.label }))}
          onChange={s.setUpdateSheet}
          empty={t('ui.templates.updateNone')}
        />
        <div className={styles.actions}>
          <Button
            data-testid="update-template"
            aria-describedby={`${id}updateHint`}
            disabledFocusable={s.busy !== undefined || s.templates.length === 0}
            onClick={() => void s.update()}
          >
            {t('ui.templates.update')}
          </Button>
          {s.busy === 'update' ? (
            <Caption1 role="status" className={styles.hint}>
              {t('ui.templates.busy')}
            </Caption1>
          ) : null}
        </div>
      </section>
    </div>
  );
}
