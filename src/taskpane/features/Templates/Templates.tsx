import { Body1, Body1Strong, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { Plan } from '../../../domain/plan/schema';
import { useT } from '../../i18n';
import { ComingSoon } from '../../shell/ComingSoon';
import { useFeatureStyles } from '../../shell/featureStyles';
import { useTemplates } from './useTemplates';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  campaign: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorBrandStroke1}`,
  },
});

export interface TemplatesProps {
  readonly plan: Plan;
}

/** 模板: inserting templates is still to come; the plan's campaigns it will offer are listed already. */
export function Templates({ plan }: TemplatesProps) {
  const t = useT();
  const feature = useFeatureStyles();
  const styles = useStyles();
  const { year, campaigns } = useTemplates(plan);
  return (
    <div className={feature.root}>
      <Subtitle2 as="h2" className={feature.heading}>
        {t('ui.nav.templates')}
      </Subtitle2>
      <Body1 as="p" className={feature.text}>
        {t('ui.templates.description')}
      </Body1>
      <ComingSoon />
      <Body1Strong as="h3" className={feature.heading}>
        {t('ui.templates.campaigns', { year })}
      </Body1Strong>
      <ul className={styles.list} role="list">
        {campaigns.map((c) => (
          <li key={c.id} className={styles.campaign}>
            <Body1Strong as="p" className={feature.text}>
              {c.name}
            </Body1Strong>
            <dl className={feature.pairs}>
              <dt className={feature.term}>{t('ui.templates.commander')}</dt>
              <dd className={feature.value}>{c.commander}</dd>
              <dt className={feature.term}>{t('ui.templates.leadDepartment')}</dt>
              <dd className={feature.value}>{c.leadDepartment}</dd>
              <dt className={feature.term}>{t('ui.templates.indicatorCount')}</dt>
              <dd className={feature.value}>{c.indicatorCount}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </div>
  );
}
