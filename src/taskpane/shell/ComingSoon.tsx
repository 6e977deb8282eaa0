import { Body1, Body1Strong, makeStyles, tokens } from '@fluentui/react-components';
import { useT } from '../i18n';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
});

/** Says plainly that a feature is not built yet, rather than showing controls that do nothing. */
export function ComingSoon() {
  const styles = useStyles();
  const t = useT();
  return (
    <div className={styles.root}>
      <Body1Strong>{t('ui.comingSoon.title')}</Body1Strong>
      <Body1>{t('ui.comingSoon.body')}</Body1>
    </div>
  );
}
