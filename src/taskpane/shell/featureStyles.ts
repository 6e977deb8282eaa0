import { makeStyles, tokens } from '@fluentui/react-components';

/** A row of buttons that wraps at 320 px (each panel's makeStyles takes it as its `actions`). */
export const ACTIONS_ROW = {
  display: 'flex',
  flexWrap: 'wrap',
  gap: tokens.spacingHorizontalS,
  alignItems: 'center',
} as const;

/** Secondary text under a control: smaller, quieter, allowed to wrap. */
export const HINT_TEXT = {
  color: tokens.colorNeutralForeground2,
  fontSize: tokens.fontSizeBase200,
  lineHeight: tokens.lineHeightBase200,
  minWidth: 0,
} as const;

/** Layout shared by the feature panels: one column that wraps, never wider than the pane. */
export const useFeatureStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  heading: { margin: 0 },
  text: { margin: 0 },
  /** A term/value list that stays two columns at 320 px and lets long values wrap. */
  pairs: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, minWidth: 0 },
});
