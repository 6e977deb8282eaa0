import type { MessageKey, MessageParams } from '../i18n/messages';
import { KINDS, isRateKind, parseKind, type Kind } from '../calc/kinds';
import { cellAddress } from '../grid/address';
import { isPercentFormat, readNumberText, roundFloat } from '../grid/numberText';
import { cellAt, formatAt, type Grid, type SheetData } from '../grid/sheet';
import {
  PLAN_MARKER_TYPE,
  findKeysRow,
  keysIn,
  lookUpMarker,
  markerText,
  type FoundMarker,
  type KeysRow,
  type MarkerPayload,
} from '../grid/ownSheets';
import { displayText, isBlankValue, type CellValue } from '../grid/cells';
import { structureReporter, type ReportStructure, type SheetProblem } from '../grid/problems';
import {
  MONTHLY_KEYS,
  PLAN_COLUMNS,
  PLAN_SHEET_VERSION,
  SETTING_COLUMNS,
  SETTING_ROWS,
  type SettingRow,
} from './planSheet';
import { inRange, type PlanSettings } from './settings';
import { splitDepartments } from './departments';
import { aggregationsFor, planSchema, DEFAULT_THRESHOLDS, type Aggregation, type Plan } from './schema';

/**
 * Reading a 指标库 sheet (written by buildPlanSheet, possibly edited by an office for another year) back into a
 * plan (SPEC §2): columns by their hidden keys, one row per indicator, campaign fields repeated on each row.
 * Everything that is wrong is reported with its cell: cells that cannot be read (blank, unknown kind, text in a
 * number cell …), campaign data that disagrees between rows, and every issue of the plan schema, mapped from its
 * path back to the row and column it came from. A plan is returned only when there is no error.
 *
 * Not in the sheet, so never in the plan read from it: the organisation and a campaign's own 配合部门 (the sheet
 * lists 配合部门 per indicator). The campaign number is the campaign's order of first appearance. A sheet of version 1
 * stored a share change's target as a fraction (0.01 = 1个百分点): read as the points it meant, and said so. Sheets
 * of versions 1 and 2 have no 权重, 分月计划 or settings block: read with the defaults (weight 1, m/12, SPEC
 * settings), silently; a version-3 sheet without them is warned about. A 分月计划 is all twelve months or none.
 */

type PlanKey = (typeof PLAN_COLUMNS)[number][0];
const KEYS: readonly PlanKey[] = PLAN_COLUMNS.map(([key]) => key);
const LABEL = Object.fromEntries(PLAN_COLUMNS.map(([key, label]) => [key, label])) as Readonly<Record<PlanKey, string>>;

const HEADER_SEARCH = 20;
const TITLE_SUFFIX = /\s*[（(]\s*(\d{4})\s*年\s*[）)]\s*指标库\s*$|\s*指标库\s*$/u;

/** Columns a missing one of which makes the sheet unreadable; a missing 说明 column only loses the notes. */
const OPTIONAL_COLUMNS: ReadonlySet<PlanKey> = new Set<PlanKey>(['note']);
/** Columns that a sheet of an earlier version does not have: missing, nothing is lost and nothing is said. */
const LATER_COLUMNS: ReadonlySet<PlanKey> = new Set<PlanKey>(['contributors', 'campaignNameEn', 'nameEn']);
/** Columns of version 3: missing from a sheet of an earlier version, silently; from a version-3 sheet, warned. */
const V3_COLUMNS: ReadonlySet<PlanKey> = new Set<PlanKey>(['weight', ...MONTHLY_KEYS]);
type SettingKey = (typeof SETTING_COLUMNS)[number][0];
const SETTING_KEYS: readonly SettingKey[] = SETTING_COLUMNS.map(([key]) => key);
const isMonthlyKey = (key: string): boolean => MONTHLY_KEYS.some((m) => m === key);
const REQUIRED_CAMPAIGN_FIELDS = ['campaignName', 'commander', 'deputyCommander', 'leadDepartment'] as const;
const CAMPAIGN_FIELDS = [...REQUIRED_CAMPAIGN_FIELDS, 'campaignNameEn'] as const;
type CampaignField = (typeof CAMPAIGN_FIELDS)[number];
const REQUIRED_TEXT = ['code', 'name', 'unit', 'department', 'wording'] as const;

const PACED: ReadonlyMap<string, boolean> = new Map([
  ['是', true],
  ['否', false],
  ['yes', true],
  ['no', false],
  ['true', true],
  ['false', false],
]);
/** The words a 指标库 sheet uses for each aggregation (what staff type, and what a message tells them to type). */
const AGGREGATION_WORD: Readonly<Record<string, string>> = { sum: '求和', growth: '增速', single: '单一' };
const AGGREGATION: ReadonlyMap<string, Aggregation> = new Map<string, Aggregation>([
  ['求和', 'sum'],
  ['增速', 'growth'],
  ['单一', 'single'],
  ['sum', 'sum'],
  ['growth', 'growth'],
  ['single', 'single'],
]);

/** Schema field → sheet column, for issues on a campaign and on an indicator. */
const CAMPAIGN_COLUMN: Readonly<Record<string, PlanKey>> = {
  id: 'campaignId',
  number: 'campaignId',
  name: 'campaignName',
  nameEn: 'campaignNameEn',
  commander: 'commander',
  deputyCommander: 'deputyCommander',
  leadDepartment: 'leadDepartment',
  indicators: 'campaignId',
};
const INDICATOR_COLUMN: Readonly<Record<string, PlanKey>> = {
  code: 'code',
  name: 'name',
  nameEn: 'nameEn',
  unit: 'unit',
  kind: 'kind',
  target: 'target',
  stretch: 'stretch',
  paced: 'paced',
  aggregation: 'aggregation',
  department: 'department',
  contributors: 'contributors',
  weight: 'weight',
  monthlyPlan: 'monthly1',
  wording: 'wording',
  note: 'note',
};

interface IndicatorRow {
  readonly row: number;
  readonly data: Record<string, unknown>;
}

interface CampaignGroup {
  readonly id: string;
  readonly firstRow: number;
  /** Where each campaign field's value was taken from. */
  readonly source: Partial<Record<CampaignField, { readonly row: number; readonly text: string }>>;
  readonly rows: IndicatorRow[];
}

/** What the steps of reading a 指标库 sheet share: its cells, where its columns are, and the problems so far. */
interface Reading {
  readonly values: Grid;
  readonly problems: SheetProblem[];
  readonly report: ReportStructure;
  /** Cells with an error already reported: a schema issue at the same cell says the same thing again. */
  readonly reported: ReadonlySet<string>;
  readonly keys: KeysRow<PlanKey>;
  readonly cellOf: (key: PlanKey, row: number) => string;
  readonly valueOf: (key: PlanKey, row: number) => CellValue;
  /** The cell's number format, when the sheet was read with its formats. */
  readonly formatOf: (key: PlanKey, row: number) => string | undefined;
  /** The sheet's version (its marker's `v`): 1 stored share targets as fractions. */
  readonly version: number;
  readonly numberFormats: SheetData['numberFormats'];
  /** Where each setting's value was read from (its 取值 cell), for the schema's issues. */
  readonly settingCells: Map<string, string>;
}

/** Where the plan's id and year come from, and the title. */
interface Heading {
  readonly markerCell: string;
  readonly planId: string | undefined;
  readonly title: string;
  readonly titleCell: string;
  readonly year: number | undefined;
  readonly yearCell: string;
}

export function readPlanSheet(sheet: SheetData): { plan?: Plan; problems: SheetProblem[] } {
  const layout = readLayout(sheet);
  if (!layout.ok) return { problems: layout.problems };
  const r = layout.reading;
  const headerRow = findHeaderRow(r);
  const heading = readHeading(r, layout.marker, headerRow);
  const campaigns = readRows(r, (headerRow ?? r.keys.row + 1) + 1);
  const settings = readSettings(r, (headerRow ?? r.keys.row + 1) + 1);
  if (campaigns.length === 0) {
    if (!hasErrors(r.problems)) r.report('error', r.cellOf('code', headerRow ?? r.keys.row), 'plan.noIndicators');
    return { problems: r.problems };
  }
  for (const g of campaigns) {
    for (const field of REQUIRED_CAMPAIGN_FIELDS) {
      if (!g.source[field]) r.report('error', r.cellOf(field, g.firstRow), 'plan.blank', { label: LABEL[field] });
    }
  }
  const plan = validateCandidate(r, heading, campaigns, settings);
  if (!plan || hasErrors(r.problems)) return { problems: r.problems };
  return { plan, problems: r.problems };
}

const hasErrors = (problems: readonly SheetProblem[]): boolean => problems.some((p) => p.severity === 'error');

/** The marker and the keys row; a problem with either (or a key column missing or twice) stops the reading. */
type Layout =
  | { readonly ok: false; readonly problems: SheetProblem[] }
  | { readonly ok: true; readonly reading: Reading; readonly marker: FoundMarker & { payload: MarkerPayload } };

function readLayout(sheet: SheetData): Layout {
  const values: Grid = sheet.values;
  const problems: SheetProblem[] = [];
  const reported = new Set<string>();
  const push = structureReporter(sheet.name, problems);
  const report: ReportStructure = (severity, cell, ...rest) => {
    if (severity === 'error') reported.add(cell);
    push(severity, cell, ...rest);
  };

  const lookup = lookUpMarker(values, PLAN_MARKER_TYPE);
  if (lookup.kind === 'missing') {
    report('error', 'A1', 'plan.markerMissing');
    return { ok: false, problems };
  }
  if (lookup.kind === 'damaged') {
    report('error', lookup.found.cell, 'plan.markerUnreadable', { text: markerText(lookup.found) });
    return { ok: false, problems };
  }
  // A column inserted before A: the sheet reads, but a listing of the workbook would not find it as the plan.
  if (lookup.kind === 'moved') report('error', lookup.found.cell, 'plan.markerMoved', { found: lookup.found.cell });
  const marker = lookup.found;
  const keys = findKeysRow(values, KEYS, ['campaignId', 'code']);
  if (!keys) {
    report('error', cellAddress(1, marker.row + 1), 'plan.keysRowMissing');
    return { ok: false, problems };
  }
  const version = typeof marker.payload.v === 'number' ? marker.payload.v : PLAN_SHEET_VERSION;
  const v3Missing = keys.missing.filter((key) => V3_COLUMNS.has(key));
  // One warning for the 分月计划 columns, not twelve.
  const firstMonthMissing = v3Missing.find((key) => key !== 'weight');
  const missing = keys.missing.filter((key) => !isMonthlyKey(key) || key === firstMonthMissing);
  for (const key of missing) {
    if (LATER_COLUMNS.has(key) || (V3_COLUMNS.has(key) && version < 3)) continue;
    const optional = OPTIONAL_COLUMNS.has(key) || V3_COLUMNS.has(key);
    report(optional ? 'warning' : 'error', cellAddress(1, keys.row), 'plan.keyMissing', {
      label: LABEL[key],
      column: key,
    });
  }
  for (const key of keys.duplicated) {
    const cells = (keys.positions.get(key) ?? []).map((c) => cellAddress(c, keys.row));
    report('error', cells[1] ?? cellAddress(1, keys.row), 'plan.keyDuplicated', {
      label: LABEL[key],
      column: key,
      cells: cells.join('、'),
    });
  }
  if (hasErrors(problems)) return { ok: false, problems };
  const columnOf = (key: PlanKey): number | undefined => keys.columns[key];
  const reading: Reading = {
    values,
    problems,
    report,
    reported,
    keys,
    cellOf: (key, row) => cellAddress(columnOf(key) ?? 1, row),
    valueOf: (key, row) => {
      const c = columnOf(key);
      return c === undefined ? null : cellAt(values, row, c);
    },
    version,
    numberFormats: sheet.numberFormats,
    settingCells: new Map(),
    formatOf: (key, row) => {
      const c = columnOf(key);
      return c === undefined ? undefined : formatAt(sheet.numberFormats, row, c);
    },
  };
  return { ok: true, reading, marker };
}

/** The header row below the keys (warned about when missing or changed: the keys, not the labels, are what count). */
function findHeaderRow(r: Reading): number | undefined {
  const { keys, values } = r;
  let headerRow: number | undefined;
  for (let row = keys.row + 1; row <= Math.min(keys.row + HEADER_SEARCH, values.length); row++) {
    if (
      displayText(r.valueOf('code', row)) === LABEL.code ||
      displayText(r.valueOf('campaignId', row)) === LABEL.campaignId
    ) {
      headerRow = row;
      break;
    }
  }
  if (headerRow === undefined) {
    r.report('warning', r.cellOf('code', keys.row + 1), 'plan.headerMissing');
    return undefined;
  }
  for (const key of KEYS) {
    const c = keys.columns[key];
    if (c === undefined) continue;
    const found = displayText(cellAt(values, headerRow, c));
    if (found !== LABEL[key])
      r.report('warning', cellAddress(c, headerRow), 'plan.headerChanged', { found, expected: LABEL[key] });
  }
  return headerRow;
}

/**
 * The plan's id (from the marker), title and year: the title is the first text between the keys and the header,
 * without its "（2019年）指标库" suffix; an office editing the plan for another year changes the visible title, not
 * the hidden marker, so a year in the title wins (with a warning).
 */
function readHeading(r: Reading, marker: FoundMarker & { payload: MarkerPayload }, headerRow?: number): Heading {
  const markerYear = typeof marker.payload.year === 'number' ? marker.payload.year : undefined;
  const planId = typeof marker.payload.plan === 'string' ? marker.payload.plan : undefined;
  let title: string | undefined;
  let titleCell = cellAddress(1, r.keys.row + 1);
  let titleYear: number | undefined;
  for (let row = r.keys.row + 1; row < (headerRow ?? r.keys.row + 2) && title === undefined; row++) {
    const cells = r.values[row - 1] ?? [];
    const c = cells.findIndex((v) => !isBlankValue(v ?? null));
    if (c < 0) continue;
    const text = displayText(cells[c] ?? null);
    titleCell = cellAddress(c + 1, row);
    const m = TITLE_SUFFIX.exec(text);
    if (m?.[1] !== undefined) titleYear = Number(m[1]);
    title = text.replace(TITLE_SUFFIX, '').trim();
  }
  if (title === undefined || title === '') {
    title = planId ?? '';
    r.report('warning', titleCell, 'plan.titleMissing', { title });
  }
  if (titleYear !== undefined && titleYear !== markerYear) {
    r.report('warning', titleCell, 'plan.titleYear', { year: titleYear, markerYear: markerYear ?? '' });
    return { markerCell: marker.cell, planId, title, titleCell, year: titleYear, yearCell: titleCell };
  }
  return { markerCell: marker.cell, planId, title, titleCell, year: markerYear, yearCell: marker.cell };
}

/** Every indicator row below the header, grouped by campaign in order of first appearance. */
function readRows(r: Reading, firstRow: number): CampaignGroup[] {
  const groups = new Map<string, CampaignGroup>();
  /** Checked here, not only by the schema, whose plan-wide checks run only once every row is otherwise valid. */
  const firstRowOfCode = new Map<string, number>();
  for (let row = firstRow; row <= r.values.length; row++) {
    if (KEYS.every((k) => isBlankValue(r.valueOf(k, row)))) continue;
    const code = displayText(r.valueOf('code', row));
    const indicator = code === '' ? undefined : code;
    const text = rowText(r, row, indicator);
    const campaignId = text('campaignId', true);
    if (campaignId === undefined) continue;
    let group = groups.get(campaignId);
    if (!group) {
      group = { id: campaignId, firstRow: row, source: {}, rows: [] };
      groups.set(campaignId, group);
    }
    readCampaignFields(r, group, row, indicator, text);
    if (indicator !== undefined) {
      const first = firstRowOfCode.get(indicator);
      if (first === undefined) firstRowOfCode.set(indicator, row);
      else {
        const params = { text: indicator, first: r.cellOf('code', first) };
        r.report('error', r.cellOf('code', row), 'plan.duplicateCode', params, indicator);
      }
    }
    group.rows.push({ row, data: readIndicator(r, row, indicator, text) });
  }
  return [...groups.values()];
}

type RowText = (key: PlanKey, required: boolean) => string | undefined;

/** A text cell of a row: an error value or a required blank is reported (and undefined). */
function rowText(r: Reading, row: number, indicator: string | undefined): RowText {
  return (key, required) => {
    const v = r.valueOf(key, row);
    if (typeof v === 'object' && v !== null) {
      r.report('error', r.cellOf(key, row), 'plan.errorValue', { label: LABEL[key], text: v.error }, indicator);
      return undefined;
    }
    const t = displayText(v);
    if (t === '') {
      if (required) r.report('error', r.cellOf(key, row), 'plan.blank', { label: LABEL[key] }, indicator);
      return undefined;
    }
    return t;
  };
}

/** The campaign's fields repeated on the row: the first value stands, a different one is an error. */
function readCampaignFields(
  r: Reading,
  group: CampaignGroup,
  row: number,
  indicator: string | undefined,
  text: RowText,
): void {
  for (const field of CAMPAIGN_FIELDS) {
    const t = text(field, false);
    if (t === undefined) continue; // a blank repeat is a merged cell or an omission: the first value stands
    const first = group.source[field];
    if (!first) group.source[field] = { row, text: t };
    else if (first.text !== t) {
      const params = {
        campaign: group.id,
        label: LABEL[field],
        first: first.text,
        firstCell: r.cellOf(field, first.row),
        text: t,
      };
      r.report('error', r.cellOf(field, row), 'plan.inconsistentCampaign', params, indicator);
    }
  }
}

/** One indicator's fields as data for the schema; what cannot be read is reported at its cell and left out. */
function readIndicator(r: Reading, row: number, indicator: string | undefined, text: RowText): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of REQUIRED_TEXT) data[field] = text(field, true);
  const note = text('note', false);
  if (note !== undefined) data.note = note;
  const nameEn = text('nameEn', false);
  if (nameEn !== undefined) data.nameEn = nameEn;
  const contributors = text('contributors', false);
  if (contributors !== undefined) {
    data.contributors = splitDepartments(contributors);
    // Read all the same: a 配合部门's figure of a 单一 indicator is shown in 明细 but not counted (SPEC §8).
    if (text('aggregation', false) === '单一' || text('aggregation', false)?.toLowerCase() === 'single')
      r.report('warning', r.cellOf('contributors', row), 'plan.contributorsSingle', { text: contributors }, indicator);
  }

  const kindText = text('kind', true);
  const kind = kindText === undefined ? undefined : parseKind(kindText);
  if (kindText !== undefined && kind === undefined)
    r.report('error', r.cellOf('kind', row), 'plan.unknownKind', { text: kindText }, indicator);
  data.kind = kind ?? kindText;

  const unit = typeof data.unit === 'string' ? data.unit : '';
  for (const field of ['target', 'stretch'] as const) {
    const at = {
      label: LABEL[field],
      cell: r.cellOf(field, row),
      indicator,
      format: r.formatOf(field, row),
      version: r.version,
    };
    const n = readTarget(r.valueOf(field, row), unit, kind, at, r.report);
    if (n !== undefined) data[field] = n;
  }

  const weight = readTarget(r.valueOf('weight', row), '', undefined, targetCell(r, 'weight', row, indicator), r.report);
  if (weight !== undefined) data.weight = weight;
  const monthlyPlan = readMonthlyPlan(r, row, indicator, unit, kind);
  if (monthlyPlan !== undefined) data.monthlyPlan = monthlyPlan;

  const pacedValue = r.valueOf('paced', row);
  if (typeof pacedValue === 'boolean') data.paced = pacedValue;
  else {
    const t = text('paced', true);
    if (t !== undefined) {
      data.paced = PACED.get(t.toLowerCase());
      if (data.paced === undefined) r.report('error', r.cellOf('paced', row), 'plan.badPaced', { text: t }, indicator);
    }
  }
  const aggText = text('aggregation', true);
  if (aggText !== undefined) {
    data.aggregation = AGGREGATION.get(aggText.toLowerCase());
    if (data.aggregation === undefined)
      r.report('error', r.cellOf('aggregation', row), 'plan.badAggregation', { text: aggText }, indicator);
  }
  return data;
}

function targetCell(r: Reading, key: PlanKey, row: number, indicator: string | undefined): TargetCell {
  return { label: LABEL[key], cell: r.cellOf(key, row), indicator, format: r.formatOf(key, row), version: r.version };
}

/**
 * The row's 分月计划: undefined when its twelve cells are blank (or its columns missing); reported when only some
 * are filled (at the first blank one) or a cell is not a number. Numbers as the target's (rates as fractions).
 */
function readMonthlyPlan(
  r: Reading,
  row: number,
  indicator: string | undefined,
  unit: string,
  kind: Kind | undefined,
): number[] | undefined {
  const present = MONTHLY_KEYS.filter((key) => r.keys.columns[key] !== undefined);
  const blank = present.filter((key) => isBlankValue(r.valueOf(key, row)));
  if (blank.length === present.length) return undefined;
  const figures = present.map((key) =>
    readTarget(r.valueOf(key, row), unit, kind, targetCell(r, key, row, indicator), r.report),
  );
  const [firstBlank] = blank;
  if (firstBlank !== undefined) {
    const params = { code: indicator ?? '', count: present.length - blank.length, cell: r.cellOf(firstBlank, row) };
    r.report('error', r.cellOf(firstBlank, row), 'plan.monthlyPlanCount', params, indicator);
    return undefined;
  }
  if (present.length < MONTHLY_KEYS.length) return undefined; // a missing column is reported as such
  return figures.every((f): f is number => f !== undefined) ? figures : undefined;
}

/** What the settings block gives the plan: the light bands (`thresholds`) and the other settings, each if set. */
interface SettingsRead {
  readonly thresholds?: { yellowBand: number; growthYellowBand: number };
  readonly settings?: PlanSettings;
}

/**
 * The settings block right of the table (planSheet.ts): one row per setting, by its key. A blank value is the
 * default; an unknown or repeated key, a value that is not a number or out of its range is an error at its cell
 * (and the setting is left at its default meanwhile, so that one slip does not hide the rest).
 */
function readSettings(r: Reading, firstRow: number): SettingsRead {
  const found = keysIn(r.values[r.keys.row - 1] ?? [], SETTING_KEYS);
  const keyCol = found.columns.setting;
  const valueCol = found.columns.settingValue;
  if (keyCol === undefined || valueCol === undefined) {
    if (r.version >= 3)
      r.report('warning', cellAddress(1, r.keys.row), 'plan.settingsMissing', { columns: SETTING_KEYS.join('、') });
    return {};
  }
  const known = new Map(SETTING_ROWS.map((s) => [s.key, s]));
  const first = new Map<string, string>();
  const values = new Map<SettingRow, number>();
  for (let row = firstRow; row <= r.values.length; row++) {
    const key = displayText(cellAt(r.values, row, keyCol));
    if (key === '') continue;
    const keyCell = cellAddress(keyCol, row);
    const setting = known.get(key);
    if (!setting) {
      r.report('error', keyCell, 'plan.settingUnknown', { text: key, known: [...known.keys()].join('、') });
      continue;
    }
    const earlier = first.get(key);
    if (earlier !== undefined) {
      r.report('error', keyCell, 'plan.settingTwice', { key, label: setting.label, first: earlier });
      continue;
    }
    first.set(key, keyCell);
    const cell = cellAddress(valueCol, row);
    r.settingCells.set(key, cell);
    const at: TargetCell = {
      label: setting.label,
      cell,
      indicator: undefined,
      format: formatAt(r.numberFormats, row, valueCol),
      version: r.version,
    };
    const v = readTarget(cellAt(r.values, row, valueCol), setting.percent ? '%' : '', undefined, at, r.report);
    if (v === undefined) continue;
    if (!inRange(setting.range, v)) {
      const show = (n: number): string => (setting.percent ? `${roundFloat(n * 100)}%` : String(n));
      const { min, max, integer } = setting.range;
      const params = { key, label: setting.label, value: show(v), min: show(min), max: show(max) };
      r.report('error', cell, integer ? 'plan.settingRangeWhole' : 'plan.settingRange', {
        ...params,
        default: show(setting.range.default),
      });
      continue;
    }
    values.set(setting, v);
  }
  const bands = [...values].filter(([s]) => s.group === 'lights');
  const thresholds =
    bands.length === 0
      ? undefined
      : { ...DEFAULT_THRESHOLDS, ...Object.fromEntries(bands.map(([s, v]) => [s.name, v])) };
  const groups: Record<string, Record<string, number>> = {};
  for (const [s, v] of values) {
    if (s.group === 'lights') continue;
    (groups[s.group] ??= {})[s.name] = v;
  }
  return {
    ...(thresholds ? { thresholds } : {}),
    ...(Object.keys(groups).length > 0 ? { settings: groups as PlanSettings } : {}),
  };
}

/** The plan schema over what was read; every issue reported at the cell its path comes from. */
function validateCandidate(
  r: Reading,
  heading: Heading,
  campaigns: readonly CampaignGroup[],
  settings: SettingsRead,
): Plan | undefined {
  const candidate = {
    id: heading.planId,
    year: heading.year,
    title: heading.title,
    ...settings,
    campaigns: campaigns.map((g, i) => ({
      id: g.id,
      number: i + 1,
      name: g.source.campaignName?.text,
      ...(g.source.campaignNameEn ? { nameEn: g.source.campaignNameEn.text } : {}),
      commander: g.source.commander?.text,
      deputyCommander: g.source.deputyCommander?.text,
      leadDepartment: g.source.leadDepartment?.text,
      indicators: g.rows.map((row) => row.data),
    })),
  };
  const parsed = planSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const seen = new Set<string>();
  const at = { ...heading, columnOf: (key: PlanKey) => r.keys.columns[key], settingCells: r.settingCells };
  for (const issue of parsed.error.issues) {
    const where = locate(issue.path, campaigns, at);
    if (r.reported.has(where.cell)) continue;
    const { key, params } = describeIssue(issue, where, candidate);
    const id = `${where.cell}|${key}`;
    if (seen.has(id)) continue;
    seen.add(id);
    r.report('error', where.cell, key, params, where.indicator);
  }
  return undefined;
}

/** Where a target cell is: its column's label, address, indicator and number format (when read). */
interface TargetCell {
  readonly label: string;
  readonly cell: string;
  readonly indicator: string | undefined;
  readonly format: string | undefined;
  readonly version: number;
}

/** A target or stretch cell: a number, or blank. Text and rates typed as whole percentages are reported. */
function readTarget(
  v: CellValue,
  unit: string,
  kind: Kind | undefined,
  at: TargetCell,
  report: ReportStructure,
): number | undefined {
  const { label, cell, indicator } = at;
  if (v === null || isBlankValue(v)) return undefined;
  const rate = kind !== 'share' && (unit === '%' || (kind !== undefined && isRateKind(kind)));
  if (typeof v === 'object') {
    report('error', cell, 'plan.errorValue', { label, text: v.error }, indicator);
    return undefined;
  }
  if (typeof v === 'boolean') {
    report('error', cell, 'plan.notANumber', { label, text: v ? 'TRUE' : 'FALSE' }, indicator);
    return undefined;
  }
  if (typeof v === 'string') {
    const read = readNumberText(v, unit);
    if (read.kind === 'number' && (rate || kind === 'share' || !read.notes.includes('percentSign'))) {
      // A share change is points: "1%" or "1个百分点" in its cell means 1.
      const percent = read.notes.includes('percentSign');
      const fix = kind === 'share' && percent ? roundFloat(read.value * 100) : read.value;
      report('error', cell, 'plan.notANumberFix', { label, text: v.trim(), fix }, indicator, fix);
    } else report('error', cell, 'plan.notANumber', { label, text: v.trim() }, indicator);
    return undefined;
  }
  if (!Number.isFinite(v)) {
    report('error', cell, 'plan.notANumber', { label, text: String(v) }, indicator);
    return undefined;
  }
  if (kind === 'share') return shareTarget(v, at, report);
  // Rates are fractions (10% = 0.1): a growth of 10 would be 1000%, a rank is not a rate.
  if (rate && kind !== 'rank' && Math.abs(v) > 1) {
    const fix = roundFloat(v / 100);
    const params = { label, value: v, unit, fix, percent: String(roundFloat(v)) };
    report('error', cell, 'plan.percentConfusion', params, indicator, Math.abs(v) <= 100 ? fix : undefined);
    return undefined;
  }
  return v;
}

/**
 * A share change's target, in percentage points (SPEC §3). A 指标库 of version 1 stored it as a fraction shown as
 * a percentage (1个百分点 = 0.01, "1.0%"), as does a target typed "1%": read, by the sheet's version or the cell's
 * percent format, as the points it means, and said so. A fraction otherwise (its format lost, or not read) is not
 * guessed at but reported with the fix.
 */
function shareTarget(v: number, at: TargetCell, report: ReportStructure): number | undefined {
  const { label, cell, indicator } = at;
  if ((at.version < 2 && Math.abs(v) < 1) || isPercentFormat(at.format)) {
    const points = roundFloat(v * 100);
    report('warning', cell, 'plan.sharePercentRead', { label, value: v, points }, indicator);
    return points;
  }
  if (v !== 0 && Math.abs(v) < 0.1) {
    const fix = roundFloat(v * 100);
    report('error', cell, 'plan.sharePoints', { label, value: v, fix }, indicator, fix);
    return undefined;
  }
  if (Math.abs(v) > 100) {
    report('error', cell, 'plan.shareRange', { label, value: v }, indicator);
    return undefined;
  }
  return v;
}

interface Location {
  readonly cell: string;
  readonly indicator?: string;
  readonly column?: PlanKey;
  /** The plan-level field ('id', 'year', 'title') when the issue is not on a row. */
  readonly planField?: string;
}

function locate(
  path: readonly PropertyKey[],
  campaigns: readonly CampaignGroup[],
  at: {
    markerCell: string;
    yearCell: string;
    titleCell: string;
    columnOf: (key: PlanKey) => number | undefined;
    settingCells: ReadonlyMap<string, string>;
  },
): Location {
  const cellOf = (key: PlanKey, row: number): string => cellAddress(at.columnOf(key) ?? 1, row);
  const [top, ci, sub, ii, field, month] = path;
  if ((top === 'settings' || top === 'thresholds') && typeof ci === 'string') {
    const key = top === 'thresholds' ? `lights.${ci}` : `${ci}.${String(sub)}`;
    return { cell: at.settingCells.get(key) ?? at.markerCell, planField: 'settings' };
  }
  if (top === 'campaigns' && typeof ci === 'number') {
    const g = campaigns[ci];
    if (g) {
      if (sub === 'indicators' && typeof ii === 'number') {
        const r = g.rows[ii];
        if (r) {
          const column =
            field === 'monthlyPlan' && typeof month === 'number'
              ? (MONTHLY_KEYS[month] ?? 'monthly1')
              : ((typeof field === 'string' ? INDICATOR_COLUMN[field] : undefined) ?? 'code');
          const code = typeof r.data.code === 'string' ? r.data.code : undefined;
          return { cell: cellOf(column, r.row), column, ...(code ? { indicator: code } : {}) };
        }
      }
      const column = (typeof sub === 'string' ? CAMPAIGN_COLUMN[sub] : undefined) ?? 'campaignId';
      const row = CAMPAIGN_FIELDS.includes(column as CampaignField)
        ? (g.source[column as CampaignField]?.row ?? g.firstRow)
        : g.firstRow;
      return { cell: cellOf(column, row), column };
    }
  }
  if (top === 'title') return { cell: at.titleCell, planField: 'title' };
  if (top === 'year') return { cell: at.yearCell, planField: 'year' };
  return { cell: at.markerCell, planField: typeof top === 'string' ? top : 'id' };
}

const PLAN_FIELD_LABEL: Readonly<Record<string, string>> = { id: '计划编号', year: '年度', title: '标题' };

interface Issue {
  readonly code: string;
  readonly message: string;
  readonly path: readonly PropertyKey[];
}

interface Candidate {
  readonly id?: unknown;
  readonly year?: unknown;
  readonly campaigns: readonly { readonly id?: unknown; readonly indicators: readonly Record<string, unknown>[] }[];
}

/**
 * A schema issue as a localisable message. The plan schema's own custom checks are recognised by their wording
 * (pinned by the tests, one case each); anything else keeps zod's message as the detail of 'plan.invalid'.
 */
function describeIssue(
  issue: Issue,
  where: Location,
  candidate: Candidate,
): { key: MessageKey; params: MessageParams } {
  const [, ci, , ii, field] = issue.path;
  const ind = typeof ci === 'number' && typeof ii === 'number' ? candidate.campaigns[ci]?.indicators[ii] : undefined;
  const show = (v: unknown): string | number => (typeof v === 'number' || typeof v === 'string' ? v : '');
  const label = where.column ? LABEL[where.column] : (PLAN_FIELD_LABEL[where.planField ?? 'id'] ?? '');
  const value = ind && typeof field === 'string' ? show(ind[field]) : '';
  const code = show(ind?.code);
  const m = issue.message;

  if (issue.code === 'custom' && field === 'monthlyPlan') return describeMonthlyPlanIssue(m, issue.path, label, ind);
  if (issue.code === 'custom') {
    if (m.includes('a weight cannot be negative')) return { key: 'plan.weightNegative', params: { value } };
    if (m.includes('needs a target or a stretch')) return { key: 'plan.targetMissing', params: { code } };
    if (m.includes('stretch target must be at least'))
      return { key: 'plan.stretchOrder', params: { code, stretch: show(ind?.stretch), target: show(ind?.target) } };
    if (m.includes('count target must be a whole')) return { key: 'plan.countWhole', params: { label, value } };
    if (m.includes('rank target must be')) return { key: 'plan.rankTarget', params: { label, value } };
    if (m.includes('growth target must be above')) return { key: 'plan.growthTarget', params: { value } };
    if (m.includes('milestone target is a progress')) return { key: 'plan.milestoneTarget', params: { value } };
    if (m.includes('cannot be aggregated by')) {
      const kind = show(ind?.kind);
      const allowed = KINDS.find((k) => k === kind);
      return {
        key: 'plan.aggregationKind',
        params: {
          kind,
          aggregation: AGGREGATION_WORD[show(ind?.aggregation)] ?? show(ind?.aggregation),
          allowed: allowed
            ? aggregationsFor(allowed)
                .map((a) => `“${AGGREGATION_WORD[a] ?? a}”`)
                .join('、')
            : '',
        },
      };
    }
    if (m.includes('a target of 0 leaves')) return { key: 'plan.targetZero', params: { label, code } };
    if (m.includes('cannot be negative'))
      return { key: 'plan.targetNegative', params: { label, value, kind: show(ind?.kind) } };
    if (m.includes('responsible department is not also'))
      return { key: 'plan.contributorResponsible', params: { code, department: show(ind?.department) } };
    if (m.includes('contributing department is named twice')) return { key: 'plan.contributorTwice', params: { code } };
  }
  if (issue.code === 'invalid_format') {
    if (where.column === 'code') return { key: 'plan.badCode', params: { text: value } };
    if (where.column === 'campaignId')
      return {
        key: 'plan.badCampaignId',
        params: { text: show(typeof ci === 'number' ? candidate.campaigns[ci]?.id : '') },
      };
    if (where.planField === 'id') return { key: 'plan.badPlanId', params: { text: show(candidate.id) } };
  }
  if (
    where.planField === 'year' &&
    (issue.code === 'too_small' || issue.code === 'too_big' || issue.code === 'invalid_type')
  ) {
    return { key: 'plan.badYear', params: { text: show(candidate.year) } };
  }
  return { key: 'plan.invalid', params: { label, detail: m } };
}

/** An issue of the schema's 分月计划 checks (schema.ts checkMonthlyPlan), by its wording. */
function describeMonthlyPlanIssue(
  m: string,
  path: readonly PropertyKey[],
  label: string,
  ind: Record<string, unknown> | undefined,
): { key: MessageKey; params: MessageParams } {
  const show = (v: unknown): string | number => (typeof v === 'number' || typeof v === 'string' ? v : '');
  const plan = Array.isArray(ind?.monthlyPlan) ? (ind.monthlyPlan as unknown[]) : [];
  const month = typeof path[5] === 'number' ? path[5] : 0;
  const value = show(plan[month]);
  const code = show(ind?.code);
  if (m.includes('has no monthly plan'))
    return { key: 'plan.monthlyPlanKind', params: { code, kind: show(ind?.kind) } };
  if (m.includes('needs a paced indicator')) return { key: 'plan.monthlyPlanPaced', params: { code } };
  if (m.includes('whole numbers')) return { key: 'plan.monthlyPlanWhole', params: { label, value } };
  if (m.includes('cannot be negative')) return { key: 'plan.monthlyPlanNegative', params: { label, value } };
  if (m.includes('cannot decrease'))
    return { key: 'plan.monthlyPlanDecreasing', params: { label, value, previous: show(plan[month - 1]) } };
  if (m.includes('December equals the target')) {
    const hasTarget = typeof ind?.target === 'number';
    const goal = hasTarget ? ind.target : (ind?.stretch ?? 1);
    const goalLabel = hasTarget ? LABEL.target : typeof ind?.stretch === 'number' ? LABEL.stretch : '100%';
    return { key: 'plan.monthlyPlanLast', params: { code, value, goal: show(goal), goalLabel } };
  }
  return { key: 'plan.monthlyPlanCount', params: { code, count: plan.length, cell: '' } };
}
