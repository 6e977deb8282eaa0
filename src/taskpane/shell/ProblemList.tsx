import { Badge, Button, makeStyles, tokens } from '@fluentui/react-components';

/** One problem as 校验 and 汇总 list it: its severity in words (never colour alone), its text, where it leads. */
export interface ProblemListItem {
  readonly id: string;
  readonly severity: 'error' | 'warning';
  readonly severityLabel: string;
  readonly text: string;
  /** A problem in a sheet of this workbook selects its cell; without `goTo` (a file, a missing report) it is text. */
  readonly goTo?: {
    readonly title: string;
    readonly cell?: string;
    readonly onClick: () => void;
  };
  /** A suggested fix, applied only when its button is pressed. */
  readonly fix?: { readonly label: string; readonly text: string; readonly onClick: () => void };
}

export interface ProblemListProps {
  readonly items: readonly ProblemListItem[];
  /** While an action runs, fixes wait. */
  readonly busy?: boolean;
  readonly testIds: { readonly list?: string; readonly item: string; readonly fix?: string };
}

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  row: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  // A problem is a button that selects its cell; its text wraps inside the 320 px pane.
  problem: {
    flexGrow: 1,
    minWidth: 0,
    height: 'auto',
    justifyContent: 'flex-start',
    alignItems: 'flex-start',
    textAlign: 'start',
    whiteSpace: 'normal',
    fontWeight: tokens.fontWeightRegular,
    gap: tokens.spacingHorizontalXS,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
  },
  problemStatic: {
    flexGrow: 1,
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    minWidth: 0,
  },
  problemText: { minWidth: 0, overflowWrap: 'anywhere' },
  badge: { flexShrink: 0, marginTop: '2px' },
  fix: { flexShrink: 0 },
});

/** The problem list of 校验 and 汇总: one component, so that both read, wrap and behave alike. */
export function ProblemList({ items, busy = false, testIds }: ProblemListProps) {
  const styles = useStyles();
  return (
    <ul className={styles.list} data-testid={testIds.list}>
      {items.map((item) => (
        <li key={item.id} className={styles.row}>
          <Problem item={item} testId={testIds.item} />
          {item.fix ? (
            <Button
              className={styles.fix}
              size="small"
              data-testid={testIds.fix}
              aria-label={item.fix.label}
              title={item.fix.label}
              disabledFocusable={busy}
              onClick={item.fix.onClick}
            >
              {item.fix.text}
            </Button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function Problem({ item, testId }: { readonly item: ProblemListItem; readonly testId: string }) {
  const styles = useStyles();
  const content = (
    <>
      <Badge
        className={styles.badge}
        size="small"
        appearance="tint"
        color={item.severity === 'error' ? 'danger' : 'warning'}
      >
        {item.severityLabel}
      </Badge>
      <span className={styles.problemText}>{item.text}</span>
    </>
  );
  if (!item.goTo)
    return (
      <div className={styles.problemStatic} data-testid={testId}>
        {content}
      </div>
    );
  return (
    <Button
      appearance="subtle"
      className={styles.problem}
      data-testid={testId}
      data-cell={item.goTo.cell}
      title={item.goTo.title}
      onClick={item.goTo.onClick}
    >
      {content}
    </Button>
  );
}
