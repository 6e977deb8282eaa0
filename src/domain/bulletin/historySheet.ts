import type { Light } from '../calc/calc';
import { cellAddress, columnLetters } from '../grid/address';
import { displayText, isBlankValue, type CellValue } from '../grid/cells';
import {
  HISTORY_MARKER_TYPE,
  findKeysRow,
  lookUpMarker,
  markerText,
  normaliseCode,
  type MarkerPayload,
} from '../grid/ownSheets';
import type { Severity } from '../grid/problems';
import { cellAt, type SheetData } from '../grid/sheet';
import { writableSpec, type CellSpec, type SheetSpec } from '../grid/sheetSpec';
import { BULLETIN_ZH, type BulletinMessageKey } from '../i18n/bulletin.zh';
import { formatMessage, type MessageParams } from '../i18n/messages';
import { WORDS_ZH } from '../i18n/words.zh';
import { HEADER_STYLE, PERCENT_FORMAT, TEXT_FORMAT, THIN_BORDER } from '../template/formats';
import { readPeriod } from '../validation/period';
import { compareRecords, recordKey, type HistoryDataState, type HistoryRecord, type HistoryScope } from './history';

/**
 * The 历史 sheet (SPEC §10): the add-in's own record of every month consolidated, found by its marker (kpi-history)
 * and its hidden keys row like the other own sheets, so that inserted rows and columns do not break it. Rewritten
 * whole on every run from the merged records; read back before the run. A 历史 edited by hand is read back with
 * every problem and its cell, and a row with a problem is left out — never trusted silently, never guessed at:
 * a month whose rows are left out is, for trend and escalation, a month without a record.
 */

export const HISTORY_SHEET = '历史';
/** The version of the 历史 layout, in its marker. */
export const HISTORY_VERSION = 1;

export type HistoryKey =
  | 'period'
  | 'code'
  | 'scope'
  | 'department'
  | 'actual'
  | 'expected'
  | 'attainment'
  | 'light'
  | 'tier'
  | 'dataState'
  | 'reporters'
  | 'reason';

/** Columns: key, width. Their headers are `bulletin.history.column.<key>`. */
export const HISTORY_COLUMNS: readonly (readonly [HistoryKey, number])[] = [
  ['period', 10],
  ['code', 10],
  ['scope', 8],
  ['department', 16],
  ['actual', 12],
  ['expected', 10],
  ['attainment', 10],
  ['light', 8],
  ['tier', 8],
  ['dataState', 10],
  ['reporters', 24],
  ['reason', 48],
];
const KEYS = HISTORY_COLUMNS.map(([k]) => k);

const zh = (key: BulletinMessageKey, params: MessageParams = {}): string => formatMessage(BULLETIN_ZH, key, params);
const header = (key: HistoryKey): string => zh(`bulletin.history.column.${key}`);

/** The rows of the sheet: marker, keys (both hidden), title, header, then one row per record. */
export const HISTORY_ROWS = { marker: 1, keys: 2, title: 3, header: 4, first: 5 } as const;

const SCOPE_WORD: Readonly<Record<HistoryScope, string>> = {
  total: zh('bulletin.scope.total'),
  department: zh('bulletin.scope.department'),
};
const STATE_WORD: Readonly<Record<HistoryDataState, string>> = {
  reported: WORDS_ZH['data.valid'],
  doubtful: WORDS_ZH['data.doubtful'],
  invalid: WORDS_ZH['data.invalid'],
  blank: WORDS_ZH['data.blank'],
};
const LIGHT_WORD: Readonly<Record<Light, string>> = {
  0: WORDS_ZH['light.0'],
  1: WORDS_ZH['light.1'],
  2: WORDS_ZH['light.2'],
  3: WORDS_ZH['light.3'],
};
/** Between the departments of 填报单位. */
const LIST_SEPARATOR = '、';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** A record's cells: words for scope, light and data state, as leaders read them; text is always written as text. */
function recordRow(r: HistoryRecord): CellSpec[] {
  const num = (v: number | null, numberFormat?: string): CellSpec => ({
    value: v,
    style: 'number',
    ...(numberFormat && v !== null ? { numberFormat } : {}),
  });
  const light =
    r.light !== null
      ? LIGHT_WORD[r.light]
      : r.scope === 'total' && r.dataState !== 'invalid'
        ? WORDS_ZH['light.unknown']
        : null;
  return [
    { value: `${r.year}-${pad2(r.month)}`, style: 'center' },
    { value: r.code, style: 'center' },
    { value: SCOPE_WORD[r.scope], style: 'center' },
    { value: r.department, style: 'text' },
    num(r.actual),
    num(r.expected, PERCENT_FORMAT),
    num(r.attainment, PERCENT_FORMAT),
    { value: light, style: 'center' },
    num(r.tier),
    { value: STATE_WORD[r.dataState], style: 'center' },
    { value: r.reporters.length > 0 ? r.reporters.join(LIST_SEPARATOR) : null, style: 'text' },
    { value: r.reason === '' ? null : r.reason, style: 'text' },
  ];
}

/** 历史 as a SheetSpec: the records sorted (compareRecords), whatever order they come in. */
export function historySheet(records: readonly HistoryRecord[], plan: { id: string; year: number }): SheetSpec {
  const rows = [...records].sort(compareRecords).map(recordRow);
  const lastColumn = columnLetters(HISTORY_COLUMNS.length);
  const border = { border: THIN_BORDER, vertical: 'center' } as const;
  return writableSpec({
    name: HISTORY_SHEET,
    marker: { type: HISTORY_MARKER_TYPE, v: HISTORY_VERSION, plan: plan.id, year: plan.year },
    styles: {
      title: { font: { bold: true, size: 14 }, horizontal: 'left', vertical: 'center' },
      header: HEADER_STYLE,
      center: { ...border, horizontal: 'center' },
      text: { ...border, horizontal: 'left', wrap: true, numberFormat: TEXT_FORMAT },
      number: { ...border, horizontal: 'right' },
    },
    blocks: [
      { at: `A${HISTORY_ROWS.keys}`, rows: [KEYS.map((k) => ({ value: k }))] },
      {
        at: `A${HISTORY_ROWS.title}`,
        rows: [[{ value: zh('bulletin.history.title', { year: plan.year }), style: 'title' }]],
      },
      { at: `A${HISTORY_ROWS.header}`, rows: [KEYS.map((k) => ({ value: header(k), style: 'header' })), ...rows] },
    ],
    columnWidths: HISTORY_COLUMNS.map(([, width], i) => ({ column: columnLetters(i + 1), width })),
    rowHeights: [
      { row: HISTORY_ROWS.marker, height: 15, hidden: true },
      { row: HISTORY_ROWS.keys, height: 15, hidden: true },
      { row: HISTORY_ROWS.title, height: 28 },
    ],
    merges: [`A${HISTORY_ROWS.title}:${lastColumn}${HISTORY_ROWS.title}`],
    freeze: { rows: HISTORY_ROWS.header, columns: 2 },
    print: {
      orientation: 'landscape',
      fitToPagesWide: 1,
      printTitleRows: `$${HISTORY_ROWS.header}:$${HISTORY_ROWS.header}`,
    },
    tabColor: '#7F7F7F',
  });
}

// ————— reading it back —————

export interface HistoryProblem {
  readonly severity: Severity;
  readonly sheet: string;
  readonly cell: string;
  readonly indicator?: string;
  readonly key: BulletinMessageKey;
  readonly params: MessageParams;
}

export interface HistoryReading {
  /** The rows read without a problem, sorted. */
  readonly records: readonly HistoryRecord[];
  readonly problems: readonly HistoryProblem[];
  readonly marker?: MarkerPayload;
}

export interface HistoryReadOptions {
  /** The plan's indicator codes: any other is a problem. */
  readonly codes: Iterable<string>;
  /** The plan's year: a period of another year is a problem. */
  readonly year: number;
}

const SCOPES = new Map<string, HistoryScope>([
  [SCOPE_WORD.total, 'total'],
  [SCOPE_WORD.department, 'department'],
  ['total', 'total'],
  ['department', 'department'],
]);
const STATES = new Map<string, HistoryDataState>([
  ...Object.entries(STATE_WORD).map(([k, v]) => [v, k as HistoryDataState] as const),
  ...Object.keys(STATE_WORD).map((k) => [k, k as HistoryDataState] as const),
]);
const LIGHTS = new Map<string, Light | null>([
  ...Object.entries(LIGHT_WORD).map(([k, v]) => [v, Number(k) as Light] as const),
  [WORDS_ZH['light.unknown'], null],
]);

/** The 历史 sheet's records, and every problem of it with its cell. */
export function readHistorySheet(sheet: SheetData, options: HistoryReadOptions): HistoryReading {
  const problems: HistoryProblem[] = [];
  const report = (
    severity: Severity,
    cell: string,
    key: BulletinMessageKey,
    params: MessageParams = {},
    indicator?: string,
  ): void => {
    problems.push({ severity, sheet: sheet.name, cell, key, params, ...(indicator ? { indicator } : {}) });
  };
  const values = sheet.values;
  const found = lookUpMarker(values, HISTORY_MARKER_TYPE);
  if (found.kind === 'missing') report('error', 'A1', 'bulletin.history.markerMissing');
  else if (found.kind === 'damaged')
    report('error', found.found.cell, 'bulletin.history.markerDamaged', { text: markerText(found.found) });
  const marker = found.kind === 'found' || found.kind === 'moved' ? found.found.payload : undefined;
  const withMarker = (r: Omit<HistoryReading, 'marker'>): HistoryReading => (marker ? { ...r, marker } : r);

  const keys = findKeysRow(values, KEYS, ['period', 'code']);
  if (!keys) {
    report('error', 'A1', 'bulletin.history.keysMissing');
    return withMarker({ records: [], problems });
  }
  for (const k of keys.missing)
    report('error', cellAddress(1, keys.row), 'bulletin.history.keyMissing', { label: header(k), column: k });
  for (const k of keys.duplicated) {
    const cells = (keys.positions.get(k) ?? []).map((c) => cellAddress(c, keys.row));
    report('error', cells[0] ?? 'A1', 'bulletin.history.keyDuplicated', {
      label: header(k),
      column: k,
      cells: cells.join('、'),
    });
  }
  // A broken structure is reported, not guessed around: no row is read.
  if (keys.missing.length > 0 || keys.duplicated.length > 0) return withMarker({ records: [], problems });

  const columnOf = (k: HistoryKey): number => keys.columns[k] ?? 1;
  const codes = new Set(options.codes);
  const records: HistoryRecord[] = [];
  const firstRow = new Map<string, number>();
  for (let row = keys.row + 1; row <= values.length; row++) {
    const cells: RowCells = {
      at: (k) => cellAt(values, row, columnOf(k)),
      where: (k) => cellAddress(columnOf(k), row),
    };
    const data = KEYS.filter((k) => k !== 'period').some((k) => !isBlankValue(cells.at(k)));
    if (!data) continue; // the title, an empty row
    if (displayText(cells.at('code')) === header('code')) continue; // the header row
    const record = readRow(cells, codes, options.year, report);
    if (!record) continue;
    const key = recordKey(record);
    const first = firstRow.get(key);
    if (first !== undefined) {
      const { code, year, month, department } = record;
      report(
        'error',
        cells.where('code'),
        'bulletin.history.duplicate',
        { code, year, month, department, first },
        code,
      );
      continue;
    }
    firstRow.set(key, row);
    records.push(record);
  }
  return withMarker({ records: records.sort(compareRecords), problems });
}

interface RowCells {
  readonly at: (k: HistoryKey) => CellValue;
  readonly where: (k: HistoryKey) => string;
}

type Report = (
  severity: Severity,
  cell: string,
  key: BulletinMessageKey,
  params?: MessageParams,
  indicator?: string,
) => void;

/** One row of 历史 as a record, or, with every problem of it reported, undefined. */
function readRow(cells: RowCells, codes: ReadonlySet<string>, year: number, report: Report): HistoryRecord | undefined {
  const { at, where } = cells;
  let problems = 0;
  const code = normaliseCode(at('code'));
  const bad = (k: HistoryKey, key: BulletinMessageKey, params: MessageParams = {}): void => {
    problems++;
    report('error', where(k), key, params, code || undefined);
  };
  const text = (k: HistoryKey): string => displayText(at(k));

  const period = readPeriod(at('period'));
  if (typeof period !== 'object') bad('period', 'bulletin.history.badPeriod', { text: text('period') });
  else if (period.year !== year)
    bad('period', 'bulletin.history.wrongYear', { year: period.year, month: period.month, planYear: year });
  if (!codes.has(code)) bad('code', 'bulletin.history.unknownCode', { text: text('code') });
  const scope = SCOPES.get(text('scope'));
  if (!scope) bad('scope', 'bulletin.history.badScope', { text: text('scope') });
  const department = text('department');
  if (department === '') bad('department', 'bulletin.history.noDepartment');
  const number = (k: 'actual' | 'expected' | 'attainment'): number | null => {
    const v = at(k);
    if (isBlankValue(v)) return null;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    bad(k, 'bulletin.history.notANumber', { label: header(k), text: text(k) });
    return null;
  };
  const actual = number('actual');
  const expected = number('expected');
  const attainment = number('attainment');
  const lightCell = at('light');
  let light: Light | null = null;
  if (typeof lightCell === 'number' && [0, 1, 2, 3].includes(lightCell)) light = lightCell as Light;
  else if (!isBlankValue(lightCell)) {
    const word = LIGHTS.get(text('light'));
    if (word === undefined) bad('light', 'bulletin.history.badLight', { text: text('light') });
    else light = word;
  }
  const tierCell = at('tier');
  let tier: number | null = null;
  if (typeof tierCell === 'number' && [0, 1, 2].includes(tierCell)) tier = tierCell;
  else if (!isBlankValue(tierCell)) bad('tier', 'bulletin.history.badTier', { text: text('tier') });
  const dataState = STATES.get(text('dataState'));
  if (!dataState) bad('dataState', 'bulletin.history.badDataState', { text: text('dataState') });
  const reporters = text('reporters')
    .split(/[、,，]/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const reasonCell = at('reason');
  const reason = typeof reasonCell === 'string' ? reasonCell : displayText(reasonCell);

  if (problems > 0 || typeof period !== 'object' || !scope || !dataState) return undefined;
  const { month } = period;
  return {
    year,
    month,
    code,
    scope,
    department,
    actual,
    expected,
    attainment,
    light,
    tier,
    dataState,
    reporters,
    reason,
  };
}
