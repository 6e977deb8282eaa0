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
import { useFeatureStyles, ACTIONS_ROW, HINT_TEXT } from '../../shell/featureStyles';
import { SelectField } from '../../shell/SelectField';
import { MONTHS, useTemplates, type TemplatesState } from './useTemplates';
import { ExportSection } from './ExportSection';
import type { FilesHost } from '../../host';

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
  hint: HINT_TEXT,
  // A labelled control: Label above its control (what Fluent Field does, without its validation-state icons).
  field: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  actions: ACTIONS_ROW,
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
  /** 导出模板: offered where the host can hand files over. */
  readonly files?: FilesHost;
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
export function Templates({ plan: initialPlan = builtinPlan(), files }: TemplatesProps) {
  const t = useT();
  const feature = useFeatureStyles();
  const s = useTemplates(initialPlan);
  const id = useId();

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
      <CampaignChoice s={s} id={`${id}campaigns`} />
      <TemplateChoices s={s} id={id} />
      <InsertActions s={s} />
      {files ? (
        <ExportSection files={files} plan={s.plan} year={s.year} month={s.form.month} id={`${id}export`} />
      ) : null}
      <UpdateSection s={s} id={`${id}update`} />
    </div>
  );
}

interface SectionProps {
  readonly s: TemplatesState;
  readonly id: string;
}

/** The campaigns of the plan in use, each with its 指挥长, 牵头部门 and number of indicators. */
function CampaignChoice({ s, id }: SectionProps) {
  const t = useT();
  const styles = useStyles();
  return (
    <div className={styles.field}>
      <Label id={id} weight="semibold">
        {t('ui.templates.campaigns', { year: s.year })}
      </Label>
      <RadioGroup
        aria-labelledby={id}
        className={styles.campaigns}
        value={s.form.campaignId}
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
  );
}

/** The department, the report month and the formula mode. */
function TemplateChoices({ s, id }: SectionProps) {
  const t = useT();
  const styles = useStyles();
  const monthLabel = (month: number) => t('ui.templates.monthOption', { year: s.year, month });
  const contributing = s.departments.some((d) => d.name === s.form.department && d.role === 'contributor');
  return (
    <>
      <SelectField
        id={`${id}department`}
        label={t('ui.templates.department')}
        testId="department"
        value={s.form.department}
        options={s.departments.map((d) => ({
          value: d.name,
          label: t(`ui.templates.role.${d.role}`, { name: d.name }),
        }))}
        onChange={s.setDepartment}
        {...(contributing ? { hint: t('ui.templates.contributorHint') } : {})}
      />
      <SelectField
        id={`${id}month`}
        label={t('ui.templates.month')}
        testId="month"
        value={String(s.form.month)}
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
          value={s.form.mode}
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
    </>
  );
}

/** 插入模板 and 插入指标库, with the busy text beside them while one runs. */
function InsertActions({ s }: { readonly s: TemplatesState }) {
  const t = useT();
  const feature = useFeatureStyles();
  const styles = useStyles();
  return (
    <>
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
    </>
  );
}

/** 更新已有模板: a template sheet of the workbook moved to the month and formulas chosen above. */
function UpdateSection({ s, id }: SectionProps) {
  const t = useT();
  const styles = useStyles();
  return (
    <section className={styles.update} aria-labelledby={id}>
      <Subtitle2 as="h3" id={id} className={styles.updateHeading}>
        {t('ui.templates.updateHeading')}
      </Subtitle2>
      <Caption1 id={`${id}Hint`} className={styles.hint}>
        {t('ui.templates.updateHint')}
      </Caption1>
      <SelectField
        id={`${id}Sheet`}
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
          aria-describedby={`${id}Hint`}
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
  );
}
