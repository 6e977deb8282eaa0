/**
 * Where things are on a template sheet (one campaign × department × month). The generator writes this layout
 * and a later reader finds it again: the sheet by its marker (A1), the columns by the keys of the hidden row 2
 * (so inserted columns do not break it), the indicator rows by the code in the `code` column (so inserted or
 * moved rows do not break it). The constants below describe the layout as generated.
 */

import { absoluteRef, columnLetters } from '../grid/address';

export const TEMPLATE_VERSION = 1;

/** Column keys, in the generated order (A…O). These are the words a reader looks for in the keys row. */
export const COLUMN_KEYS = [
  'seq',
  'code',
  'name',
  'kind',
  'unit',
  'target',
  'stretch',
  'actual',
  'prior',
  'attainment',
  'tier',
  'pace',
  'status',
  'reason',
  'note',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

/** The columns staff type into (unlocked, yellow); `prior` only on growth rows. */
export const INPUT_KEYS: readonly ColumnKey[] = ['actual', 'prior', 'reason', 'note'];

/** The column letter of each key, as generated. */
export const COLUMN: Readonly<Record<ColumnKey, string>> = Object.fromEntries(
  COLUMN_KEYS.map((key, i) => [key, columnLetters(i + 1)]),
) as Record<ColumnKey, string>;

/** The generated columns in order, with their letter and whether staff type into them. */
export const COLUMNS: readonly { readonly key: ColumnKey; readonly column: string; readonly input: boolean }[] =
  COLUMN_KEYS.map((key) => ({
    key,
    column: COLUMN[key],
    input: INPUT_KEYS.includes(key),
  }));

export const FIRST_COLUMN = 'A';
export const LAST_COLUMN = columnLetters(COLUMN_KEYS.length);

/** Fixed rows. Indicator rows start at `firstIndicator`, one per indicator in plan order. */
export const ROWS = {
  /** Hidden: the marker in A1. */
  marker: 1,
  /** Hidden: the column keys, A2…O2. */
  keys: 2,
  title: 3,
  /** 指挥长 / 副指挥长 / 牵头部门 / 配合部门 */
  leaders: 4,
  /** 填报单位 / 报告期 / 填报人 / 联系电话 */
  info: 5,
  /** Chinese column headers; also the print title row. */
  header: 6,
  firstIndicator: 7,
} as const;

/** Cells of the heading rows. The report period is a real date (last day of the month). */
export const CELLS = {
  commander: 'C4',
  deputyCommander: 'F4',
  leadDepartment: 'I4',
  supportDepartments: 'M4',
  department: 'C5',
  period: 'F5',
  reporter: 'I5',
  phone: 'L5',
} as const;

/** The report period cell as an absolute reference, for formulas. */
export const PERIOD_REF = absoluteRef(CELLS.period);

/** "1–6月累计完成" (a January report: "1月累计完成"). For level/rank rows the same column holds the current level. */
export function actualHeader(month: number): string {
  return month === 1 ? '1月累计完成' : `1–${month}月累计完成`;
}

/** The Chinese header of each column for a report of `month`. */
export function columnHeaders(month: number): Readonly<Record<ColumnKey, string>> {
  return {
    seq: '序号',
    code: '指标编码',
    name: '指标名称',
    kind: '类型',
    unit: '单位',
    target: '确保目标',
    stretch: '力争目标',
    actual: actualHeader(month),
    prior: '上年同期',
    attainment: '完成率',
    tier: '力争档',
    pace: '序时进度',
    status: '状态',
    reason: '滞后原因及措施',
    note: '备注',
  };
}

export interface TemplateLayout {
  readonly version: number;
  readonly rows: typeof ROWS & {
    /** Last indicator row as generated (rows may later be inserted; find rows by code). */
    readonly lastIndicator: number;
    /** The merged 填表说明 row below the table. */
    readonly notes: number;
  };
  readonly columns: Readonly<Record<ColumnKey, string>>;
  readonly cells: typeof CELLS;
  readonly firstColumn: string;
  readonly lastColumn: string;
}

/** The layout of a generated template with `indicatorCount` indicator rows. */
export function templateLayout(indicatorCount: number): TemplateLayout {
  if (!Number.isInteger(indicatorCount) || indicatorCount < 1)
    throw new RangeError(`indicatorCount ${indicatorCount} must be a positive integer`);
  const lastIndicator = ROWS.firstIndicator + indicatorCount - 1;
  return {
    version: TEMPLATE_VERSION,
    rows: { ...ROWS, lastIndicator, notes: lastIndicator + 2 },
    columns: COLUMN,
    cells: CELLS,
    firstColumn: FIRST_COLUMN,
    lastColumn: LAST_COLUMN,
  };
}
