import { Caption1, Label, Select, makeStyles, tokens } from '@fluentui/react-components';
import { HINT_TEXT } from './featureStyles';

const useStyles = makeStyles({
  // Label above its control (what Fluent Field does, without its validation-state icons).
  field: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  select: { minWidth: 0, width: '100%' },
  hint: HINT_TEXT,
});

export interface SelectFieldProps {
  /** The select's id (the label points at it; the hint is `${id}Hint`). */
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly onChange: (value: string) => void;
  readonly testId: string;
  /** Shown as the only option, the select disabled, when there are no options. */
  readonly empty?: string;
  /** A line under the select, read with it (aria-describedby). */
  readonly hint?: string;
}

/**
 * A labelled native select (Fluent Select): the platform's keyboard and screen-reader behaviour, at 320 px too.
 * Used wherever a panel offers a choice from a list.
 */
export function SelectField({ id, label, value, options, onChange, testId, empty, hint }: SelectFieldProps) {
  const styles = useStyles();
  const none = options.length === 0;
  return (
    <div className={styles.field}>
      <Label htmlFor={id} weight="semibold">
        {label}
      </Label>
      <Select
        id={id}
        className={styles.select}
        data-testid={testId}
        value={value}
        disabled={none && empty !== undefined}
        onChange={(_, d) => onChange(d.value)}
        {...(hint !== undefined ? { 'aria-describedby': `${id}Hint` } : {})}
      >
        {none && empty !== undefined ? <option value="">{empty}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
      {hint !== undefined ? (
        <Caption1 id={`${id}Hint`} className={styles.hint}>
          {hint}
        </Caption1>
      ) : null}
    </div>
  );
}
