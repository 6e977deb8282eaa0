import type { MessageKey, MessageParams } from '../i18n/messages';

/**
 * A problem found in a sheet, as every reader of the add-in's sheets reports it (template validation, the 指标库
 * reader): where it is, how serious, and a message key with its parameters — the words are the caller's language.
 */

export type Severity = 'error' | 'warning';

/** The input fields of a template row, and the report period; `structure` is the sheet's own shape. */
export type Field = 'actual' | 'prior' | 'reason' | 'period';

export interface SheetProblem {
  readonly severity: Severity;
  readonly sheet: string;
  /** A1 address on that sheet. */
  readonly cell: string;
  /** Indicator code. */
  readonly indicator?: string;
  readonly field: Field | 'structure';
  readonly key: MessageKey;
  readonly params: MessageParams;
  /**
   * A fix applied only on the user's request: the number to write into `cell`, with the number format to give the
   * cell where its own would misread the number (a percent format on a share change in points).
   */
  readonly fix?: { readonly cell: string; readonly value: number; readonly numberFormat?: string };
}

/**
 * Reports a problem of a sheet's structure (field 'structure') at a cell; `fix` is a number the user may apply to
 * that cell. One signature for every reader of the add-in's sheets.
 */
export type ReportStructure = (
  severity: Severity,
  cell: string,
  key: MessageKey,
  params?: MessageParams,
  indicator?: string,
  fix?: number,
) => void;

/** A structure reporter that appends to `problems` for the sheet named `sheet`. */
export function structureReporter(sheet: string, problems: SheetProblem[]): ReportStructure {
  return (severity, cell, key, params = {}, indicator, fix) => {
    problems.push({
      severity,
      sheet,
      cell,
      ...(indicator ? { indicator } : {}),
      field: 'structure',
      key,
      params,
      ...(fix !== undefined ? { fix: { cell, value: fix } } : {}),
    });
  };
}
