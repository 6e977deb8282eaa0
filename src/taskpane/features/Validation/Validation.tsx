import { Body1, Subtitle2 } from '@fluentui/react-components';
import { useT } from '../../i18n';
import { ComingSoon } from '../../shell/ComingSoon';
import { useFeatureStyles } from '../../shell/featureStyles';

/** 校验: what the section will do, and plainly that it is not built yet (no useValidation hook until there is state). */
export function Validation() {
  const t = useT();
  const feature = useFeatureStyles();
  return (
    <div className={feature.root}>
      <Subtitle2 as="h2" className={feature.heading}>
        {t('ui.nav.validation')}
      </Subtitle2>
      <Body1 as="p" className={feature.text}>
        {t('ui.validation.description')}
      </Body1>
      <ComingSoon />
    </div>
  );
}
