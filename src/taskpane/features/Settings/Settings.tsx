import { Body1, Subtitle2 } from '@fluentui/react-components';
import type { Plan } from '../../../domain/plan/schema';
import type { HostTheme } from '../../host';
import { useT } from '../../i18n';
import { useFeatureStyles } from '../../shell/featureStyles';
import { useSettings } from './useSettings';

export interface SettingsProps {
  readonly officeLanguage: string;
  readonly theme: HostTheme | undefined;
  readonly plan: Plan;
}

/** 设置: for now what was detected (language, theme) and the plan in use; nothing here is editable yet. */
export function Settings(props: SettingsProps) {
  const t = useT();
  const feature = useFeatureStyles();
  const rows = useSettings(props);
  return (
    <div className={feature.root}>
      <Subtitle2 as="h2" className={feature.heading}>
        {t('ui.nav.settings')}
      </Subtitle2>
      <Body1 as="p" className={feature.text}>
        {t('ui.settings.description')}
      </Body1>
      <dl className={feature.pairs}>
        {rows.map((r) => [
          <dt key={`${r.id}-label`} className={feature.term}>
            {r.label}
          </dt>,
          <dd key={`${r.id}-value`} className={feature.value}>
            {r.value}
          </dd>,
        ])}
      </dl>
    </div>
  );
}
