import { cellAt, findLabel, formatAt, presentRows, valueRightOf, type SheetData } from '../grid/sheet';
import {
  INDICATOR_CODE,
  TEMPLATE_MARKER_TYPE,
  findKeysRow,
  findMarkers,
  isSheetOfType,
  lookUpMarker,
  markerText,
  normaliseCode,
  templateMarkerOf,
  type KeysRow,
  type MarkerLookup,
  type TemplateMarker,
} from '../grid/ownSheets';
import { structureReporter, type Field, type ReportStructure, type SheetProblem } from '../grid/problems';
import { departmentRole, indicatorsFor, roleOf, type DepartmentRole } from '../plan/departments';
import type { Campaign, Indicator, Plan } from '../plan/schema';
import { expectedProgress } from '../plan/monthlyPlan';
import { COLUMN_KEYS, actualHeader, columnHeaders, type ColumnKey } from '../template/layout';
import { campaignTitle, departmentText } from '../template/template';
import { cellAddress, contains, parseCell, parseRange, rangeAddress, type RangeRef } from '../grid/address';
import { validatePeriod, type Period } from './period';
import { displayText, isBlankValue, type CellValue } from '../grid/cells';
import { validateRow, type Problem, type RowInput, type RowNumbers } from './validateRow';
import type { DataState } from '../calc/dataState';

/**
 * Validation of whole template sheets (SPEC §7, §8): the structure a department might have broken (marker, keys,
 * headers, indicator codes, report period) and every indicator row's values, each problem with its sheet and cell.
 * Pure: values in, problems out. Templates are found by their marker, columns by their keys and rows by their
 * indicator code, so inserted rows and columns change addresses, never results. What cannot be read unambiguously
 * is reported, never guessed around.
 */

export interface TemplateRow {
  readonly code: string;
  /** 1-based. */
  readonly row: number;
  /** The address of each column found in the keys row, on this row. */
  readonly cells: Readonly<Partial<Record<ColumnKey, string>>>;
  /** Valid numbers only; an invalid value is null here and listed in the problems. */
  readonly numbers: RowNumbers;
  readonly light: number | undefined;
  /** 未填报, 数据有误, 待核实, 已核实 or valid (SPEC §6 Data states), as validateRow judges the row. */
  readonly state: DataState;
  /** 滞后原因及措施 as trimmed text, or null when there is none. */
  readonly reason: string | null;
}

export interface TemplateReading {
  /** What its marker says (campaign, department, the period it was made for …). */
  readonly marker: TemplateMarker;
  readonly campaignId: string;
  readonly department: string;
  /**
   * The department's role on the sheet: its marker's, else the plan's (a template made before roles were
   * recorded). A 配合部门 ('contributor') reports shares: no light, no 滞后原因 (SPEC §6, §8).
   */
  readonly role?: DepartmentRole;
  /** The report period; undefined when the period cell is blank or malformed (an error is listed). */
  readonly period?: Period;
  /**
   * Set when 填报单位 names another department than the marker (an error is listed): the sheet is not that
   * department's submission, nor the marker's — it counts for neither and supersedes nothing (issue 12, 5a).
   */
  readonly disputed?: true;
  /** One entry per plan indicator found exactly once (a duplicated code is ambiguous and left out). */
  readonly rows: readonly TemplateRow[];
}

/** Where the header row is looked for, below the keys row. */
const HEADER_SEARCH = 20;

const PERIOD_LABEL = '报告期';
const DEPARTMENT_LABEL = '填报单位';
/** Labels of the heading rows: reaching one of them means the value before it was cleared. */
const HEADING_LABELS: ReadonlySet<string> = new Set([
  '指挥长',
  '副指挥长',
  '牵头部门',
  '配合部门',
  '填报单位',
  '报告期',
  '填报人',
  '联系电话',
]);

/** Headers compared as a person reads them: spaces and the kind of dash do not matter. */
function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/[-–—~～]/gu, '–');
}

/** Where a template's marker is: column A (found), another column (moved), damaged, or missing. */
function lookUpTemplateMarker(values: SheetData['values']): MarkerLookup {
  return lookUpMarker(values, TEMPLATE_MARKER_TYPE, (payload) => templateMarkerOf(payload) !== undefined);
}

/** A template marker (type 'kpi-template') in column A, rows 1–20. */
export function isTemplateSheet(sheet: SheetData): boolean {
  return isSheetOfType(sheet.values, TEMPLATE_MARKER_TYPE);
}

/**
 * A sheet without any marker that still has a template's keys row and header row: a template whose hidden marker row
 * was deleted (issue 12, observation 4c). `recognised` when its heading cells say, unambiguously and as the plan
 * knows them, which campaign (the title, not contradicted by the codes), department (填报单位, one the plan names
 * for the campaign) and period (报告期, of the plan year) it reports — the marker it would have had; `ambiguous`
 * otherwise, with what each of the three cells says. Undefined: not a template.
 */
export type HeaderRecognition =
  | { readonly kind: 'recognised'; readonly marker: TemplateMarker; readonly cell: string; readonly keysRow: number }
  | {
      readonly kind: 'ambiguous';
      readonly cell: string;
      readonly campaign: string;
      readonly department: string;
      readonly period: string;
    };

export function recogniseByHeader(sheet: SheetData, plan: Plan): HeaderRecognition | undefined {
  const { values } = sheet;
  if (findMarkers(values).length > 0) return undefined; // the add-in's sheet of some kind, or a damaged marker
  const keys = findKeysRow(values, COLUMN_KEYS, ['code', 'actual']);
  // A template's keys row, not a row that happens to hold "code" and "actual": all but a few deleted columns' keys.
  if (!keys || keys.missing.length > RECOGNISED_KEYS_MISSING) return undefined;
  const headerRow = findHeaderRow(values, keys);
  if (headerRow === undefined) return undefined;
  const headingEnd = headerRow - 1;

  // The campaign: its title, and no indicator code of another campaign.
  let titleCell: string | undefined;
  const titled = new Set<Campaign>();
  for (let row = 1; row <= headingEnd; row++) {
    (values[row - 1] ?? []).forEach((v, i) => {
      const text = normaliseHeader(displayText(v));
      const c = text === '' ? undefined : plan.campaigns.find((x) => normaliseHeader(campaignTitle(x)) === text);
      if (!c) return;
      titled.add(c);
      titleCell ??= cellAddress(i + 1, row);
    });
  }
  const codeColumn = keys.columns.code ?? 1;
  const campaignOfCode = new Map(plan.campaigns.flatMap((x) => x.indicators.map((i) => [i.code, x] as const)));
  const coded = new Set<Campaign>();
  for (let row = headerRow + 1; row <= values.length; row++) {
    const c = campaignOfCode.get(normaliseCode(cellAt(values, row, codeColumn)));
    if (c) coded.add(c);
  }
  const [onlyTitled] = titled;
  const campaign = titled.size === 1 && [...coded].every((c) => c === onlyTitled) ? onlyTitled : undefined;

  // The department: 填报单位 as the template writes it, one the plan names for the campaign.
  const deptLabel = findLabel(values, DEPARTMENT_LABEL, 1, headingEnd);
  const deptValue = deptLabel ? valueRightOf(values, deptLabel, HEADING_LABELS) : undefined;
  const deptText = deptValue ? displayText(deptValue.value).trim() : '';
  const contributor = deptText.endsWith(CONTRIBUTOR_SUFFIX);
  const department = contributor ? deptText.slice(0, -CONTRIBUTOR_SUFFIX.length).trim() : deptText;
  const role = campaign && department !== '' ? roleOf(campaign, department) : undefined;
  const departmentOk = role !== undefined && (!contributor || role === 'contributor');

  // The period: 报告期 of the plan year.
  const periodLabel = findLabel(values, PERIOD_LABEL, 1, headingEnd);
  const periodValue = periodLabel ? valueRightOf(values, periodLabel, HEADING_LABELS) : undefined;
  const period = periodValue ? validatePeriod(periodValue.value, plan.year).period : undefined;
  const periodOk = period !== undefined && period.year === plan.year;

  const cell = titleCell ?? cellAddress(keys.columns.seq ?? 1, headerRow);
  if (campaign && departmentOk && period && periodOk)
    return {
      kind: 'recognised',
      cell,
      keysRow: keys.row,
      marker: {
        type: TEMPLATE_MARKER_TYPE,
        plan: plan.id,
        campaign: campaign.id,
        department,
        year: period.year,
        month: period.month,
        ...(contributor ? { role: 'contributor' } : {}),
      },
    };
  const unknown = '？';
  return {
    kind: 'ambiguous',
    cell,
    campaign: campaign ? campaign.name : titled.size > 1 ? [...titled].map((c) => c.name).join('/') : unknown,
    department: deptText === '' ? unknown : deptText,
    period: period ? `${period.year}-${String(period.month).padStart(2, '0')}` : unknown,
  };
}

/** How many keys a template's keys row may lack (columns staff deleted) and still be recognised without a marker. */
const RECOGNISED_KEYS_MISSING = 3;

/** How a 配合部门's sheet writes its 填报单位 (departmentText). */
const CONTRIBUTOR_SUFFIX = '（配合部门）';

/** What validateWorkbookSheets needs beyond the public result. */
interface Checked {
  readonly template?: TemplateReading;
  readonly problems: readonly SheetProblem[];
  /** The 填报单位 value cell (or the marker cell), where a duplicate submission is reported. */
  readonly departmentCell?: string;
  readonly campaign?: Campaign;
}

export function validateTemplateSheet(
  sheet: SheetData,
  plan: Plan,
): { readonly template?: TemplateReading; readonly problems: readonly SheetProblem[] } {
  const { template, problems } = checkTemplate(sheet, plan);
  return template ? { template, problems } : { problems };
}

/** What the steps of checking a template share: the sheet, the plan, its campaign, the marker, the problems. */
interface Check {
  readonly sheet: SheetData;
  readonly plan: Plan;
  readonly campaign: Campaign;
  readonly marker: TemplateMarker;
  readonly markerCell: string;
  readonly role?: DepartmentRole;
  readonly problems: SheetProblem[];
  readonly structure: ReportStructure;
}

/** The report period found in the heading rows (or the marker's, when its label is gone), and its cell. */
interface PeriodReading {
  readonly period?: Period;
  readonly cell: string;
}

function checkTemplate(sheet: SheetData, plan: Plan): Checked {
  const problems: SheetProblem[] = [];
  const structure = structureReporter(sheet.name, problems);
  const found = checkMarker(sheet, plan, structure);
  if (!found.campaign) return { problems };
  const role = departmentRole(found.marker.role) ?? roleOf(found.campaign, found.marker.department);
  const check: Check = {
    sheet,
    plan,
    ...found,
    campaign: found.campaign,
    ...(role ? { role } : {}),
    problems,
    structure,
  };

  const keys = checkKeys(check, found.markerRow);
  const codeColumn = keys?.columns.code;
  if (!keys || codeColumn === undefined || keys.columns.actual === undefined)
    return { problems, campaign: check.campaign };

  const headerRow = findHeaderRow(sheet.values, keys);
  const headingEnd = (headerRow ?? keys.row + HEADER_SEARCH) - 1;
  const periodRead = readPeriodCell(check, headingEnd);
  const department = checkDepartment(check, headingEnd);
  checkHeaders(check, keys, headerRow, periodRead.period);

  const rowsAt = findIndicatorRows(check, codeColumn, (headerRow ?? keys.row) + 1, headerRow !== undefined);
  const rows = checkMerges(check, readIndicatorRows(check, keys, rowsAt, headerRow ?? keys.row, periodRead));
  const template: TemplateReading = {
    marker: check.marker,
    campaignId: check.campaign.id,
    department: check.marker.department,
    ...(check.role ? { role: check.role } : {}),
    ...(periodRead.period ? { period: periodRead.period } : {}),
    ...(department.disputed ? { disputed: true as const } : {}),
    rows,
  };
  return { template, problems, departmentCell: department.cell, campaign: check.campaign };
}

/** The marker: missing or damaged stops the check; moved, another plan's, or an unknown campaign are said. */
function checkMarker(
  sheet: SheetData,
  plan: Plan,
  structure: ReportStructure,
): { campaign?: Campaign; marker: TemplateMarker; markerCell: string; markerRow: number } | { campaign?: undefined } {
  const lookup = lookUpTemplateMarker(sheet.values);
  if (lookup.kind === 'missing') {
    const byHeader = recogniseByHeader(sheet, plan);
    if (byHeader?.kind === 'recognised') {
      const { marker, cell } = byHeader;
      const campaign = plan.campaigns.find((c) => c.id === marker.campaign);
      structure('warning', cell, 'structure.markerDeleted', {
        campaign: campaign?.name ?? marker.campaign,
        department: marker.department,
        year: marker.year,
        month: marker.month,
      });
      return { ...(campaign ? { campaign } : {}), marker, markerCell: cell, markerRow: byHeader.keysRow - 1 };
    }
    if (byHeader?.kind === 'ambiguous') {
      const { campaign, department, period } = byHeader;
      structure('error', byHeader.cell, 'structure.markerDeletedAmbiguous', { campaign, department, period });
      return {};
    }
    structure('error', 'A1', 'structure.markerMissing');
    return {};
  }
  if (lookup.kind === 'damaged') {
    structure('error', lookup.found.cell, 'structure.markerUnreadable', { text: markerText(lookup.found) });
    return {};
  }
  const markerCell = lookup.found.cell;
  const marker = templateMarkerOf(lookup.found.payload);
  if (!marker) throw new Error('lookUpTemplateMarker returned an incomplete template marker');
  if (lookup.kind === 'moved') structure('error', markerCell, 'structure.markerMoved', { found: markerCell });
  if (marker.plan !== plan.id)
    structure('warning', markerCell, 'structure.planMismatch', { sheetPlan: marker.plan, plan: plan.id });
  const campaign = plan.campaigns.find((c) => c.id === marker.campaign);
  if (!campaign)
    structure('error', markerCell, 'structure.unknownCampaign', { campaign: marker.campaign, plan: plan.id });
  return { ...(campaign ? { campaign } : {}), marker, markerCell, markerRow: lookup.found.row };
}

/** The keys row: every column is found by its key; a key missing or twice is an error. */
function checkKeys(c: Check, markerRow: number): KeysRow<ColumnKey> | undefined {
  const keys = findKeysRow(c.sheet.values, COLUMN_KEYS, ['code', 'actual']);
  if (!keys) {
    c.structure('error', cellAddress(1, markerRow + 1), 'structure.keysRowMissing');
    return undefined;
  }
  const headersOfMonth = columnHeaders(c.marker.month);
  for (const key of keys.missing)
    c.structure('error', cellAddress(1, keys.row), 'structure.keyMissing', { key, header: headersOfMonth[key] });
  for (const key of keys.duplicated) {
    const cells = (keys.positions.get(key) ?? []).map((col) => cellAddress(col, keys.row));
    c.structure('error', cells[1] ?? cellAddress(1, keys.row), 'structure.keyDuplicated', {
      key,
      header: headersOfMonth[key],
      cells: cells.join('、'),
    });
  }
  return keys;
}

/** The report period (SPEC §7: missing or malformed is an error), and whether it agrees with the marker's. */
function readPeriodCell(c: Check, headingEnd: number): PeriodReading {
  const { sheet, plan, marker } = c;
  const label = findLabel(sheet.values, PERIOD_LABEL, 1, headingEnd);
  let reading: PeriodReading;
  let found: readonly Problem[];
  if (label) {
    const value = valueRightOf(sheet.values, label, HEADING_LABELS);
    const cell = cellAddress(value?.column ?? label.column, label.row);
    const r = validatePeriod(value?.value ?? null, plan.year);
    reading = { cell, ...(r.period ? { period: r.period } : {}) };
    found = r.problems;
    if (r.period && (r.period.year !== marker.year || r.period.month !== marker.month)) {
      c.structure('warning', cell, 'structure.periodMismatch', {
        year: r.period.year,
        month: r.period.month,
        markerYear: marker.year,
        markerMonth: marker.month,
      });
    }
  } else {
    c.structure('warning', c.markerCell, 'structure.periodLabelMissing', { year: marker.year, month: marker.month });
    reading = { cell: c.markerCell, period: { year: marker.year, month: marker.month } };
    found =
      marker.year === plan.year
        ? []
        : [
            {
              severity: 'warning',
              field: 'period',
              key: 'period.wrongYear',
              params: { year: marker.year, planYear: plan.year },
            },
          ];
  }
  for (const p of found)
    c.problems.push({
      severity: p.severity,
      sheet: sheet.name,
      cell: reading.cell,
      field: 'period',
      key: p.key,
      params: p.params,
    });
  return reading;
}

/**
 * The 填报单位 cell, where a duplicate submission is reported. A department other than the marker's (a template copied
 * by another department, 填报单位 retyped) is an error: whose figures they are cannot be told, so the sheet counts for
 * neither (issue 12, observation 5a). Spaces and full-width forms do not matter; a 配合部门's sheet names its role
 * there ("发展改革局（配合部门）").
 */
function checkDepartment(c: Check, headingEnd: number): { cell: string; disputed: boolean } {
  const label = findLabel(c.sheet.values, DEPARTMENT_LABEL, 1, headingEnd);
  const value = label ? valueRightOf(c.sheet.values, label, HEADING_LABELS) : undefined;
  const cell = label && value ? cellAddress(value.column, label.row) : c.markerCell;
  const accepted = new Set([c.marker.department, departmentText(c.marker.department, c.role)].map(normaliseName));
  const found = value ? displayText(value.value) : undefined;
  if (found === undefined || accepted.has(normaliseName(found))) return { cell, disputed: false };
  c.structure('error', cell, 'structure.departmentMismatch', { found, department: c.marker.department });
  return { cell, disputed: true };
}

/** A department's name as a person reads it: spaces and full-width forms do not matter. */
function normaliseName(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}

/** The header row's labels (a changed one is warned about: the keys, not the labels, locate the columns). */
function checkHeaders(c: Check, keys: KeysRow<ColumnKey>, headerRow: number | undefined, period?: Period): void {
  if (headerRow === undefined) {
    c.structure('warning', cellAddress(keys.columns.code ?? 1, keys.row + 1), 'structure.headerMissing');
    return;
  }
  const headersOfMonth = columnHeaders(c.marker.month);
  const months = new Set([c.marker.month, ...(period ? [period.month] : [])]);
  for (const key of COLUMN_KEYS) {
    const column = keys.columns[key];
    if (column === undefined) continue;
    const found = displayText(cellAt(c.sheet.values, headerRow, column));
    const accepted = key === 'actual' ? [...months].map(actualHeader) : [headersOfMonth[key]];
    if (!accepted.some((h) => normaliseHeader(h) === normaliseHeader(found)))
      c.structure('warning', cellAddress(column, headerRow), 'structure.headerChanged', {
        found,
        expected: accepted[0] ?? '',
      });
  }
}

/**
 * The rows of the campaign's indicators, by code (inserted or moved rows do not matter); a code of another
 * campaign or of no campaign is an error. Without a header row the heading rows cannot be told apart: only what
 * looks like a code counts.
 */
function findIndicatorRows(
  c: Check,
  codeColumn: number,
  firstRow: number,
  hasHeader: boolean,
): ReadonlyMap<string, readonly number[]> {
  const { sheet, plan, campaign } = c;
  const ownCodes = new Set(campaign.indicators.map((i) => i.code));
  const campaignOf = new Map(plan.campaigns.flatMap((x) => x.indicators.map((i) => [i.code, x.id] as const)));
  const occurrences = new Map<string, number[]>();
  for (const row of presentRows(sheet.values, firstRow)) {
    const raw = cellAt(sheet.values, row, codeColumn);
    if (isBlankValue(raw)) continue;
    const code = normaliseCode(raw);
    if (!hasHeader && !INDICATOR_CODE.test(code)) continue;
    if (ownCodes.has(code)) {
      occurrences.set(code, [...(occurrences.get(code) ?? []), row]);
      continue;
    }
    const other = campaignOf.get(code);
    const at = cellAddress(codeColumn, row);
    if (other !== undefined)
      c.structure('error', at, 'structure.codeOfOtherCampaign', { code, other, campaign: campaign.id }, code);
    else c.structure('error', at, 'structure.unknownCode', { code: displayText(raw), plan: plan.id });
  }
  return occurrences;
}

/**
 * The rows a sheet is to have: every indicator's; on a 配合部门's sheet, those of the indicators it contributes to as
 * the plan says now — none when the plan no longer names it a 配合部门 (the rows it has are what it reports).
 */
function rowsWanted(c: Check): ReadonlySet<string> {
  const { campaign, marker } = c;
  if (c.role !== 'contributor') return new Set(campaign.indicators.map((i) => i.code));
  if (roleOf(campaign, marker.department) !== 'contributor') return new Set();
  return new Set(indicatorsFor(campaign, marker.department, 'contributor').map((i) => i.code));
}

/**
 * Each indicator's row read and validated; a missing code is an error (on a 配合部门's sheet, a warning: a share not
 * reported breaks nothing), a duplicated one leaves the row out. A 配合部门's rows are shares: no light, no 滞后原因;
 * a figure in the row of an indicator it does not contribute to is said (it is not counted, SPEC §8).
 */
function readIndicatorRows(
  c: Check,
  keys: KeysRow<ColumnKey>,
  rowsAt: ReadonlyMap<string, readonly number[]>,
  missingAt: number,
  period: PeriodReading,
): TemplateRow[] {
  const codeColumn = keys.columns.code ?? 1;
  const month = (period.period ?? { month: c.marker.month }).month;
  // Each indicator's own 序时进度 (its 分月计划, else m/12), as the template's 序时进度 cell and 一键汇总 (SPEC §5).
  const expectedOf = (ind: Indicator): number =>
    Number.isInteger(month) && month >= 1 && month <= 12 ? expectedProgress(ind, month) : month / 12;
  const share = c.role === 'contributor';
  const wanted = rowsWanted(c);
  const shared = new Set(indicatorsFor(c.campaign, c.marker.department, c.role).map((i) => i.code));
  const rows: TemplateRow[] = [];
  for (const ind of c.campaign.indicators) {
    const at = rowsAt.get(ind.code) ?? [];
    if (at.length === 0) {
      const params = { code: ind.code, name: ind.name };
      const missingCell = cellAddress(codeColumn, missingAt);
      if (!share) c.structure('error', missingCell, 'structure.missingCode', params, ind.code);
      else if (wanted.has(ind.code)) c.structure('warning', missingCell, 'structure.missingShare', params, ind.code);
      continue;
    }
    if (at.length > 1) {
      const cells = at.map((r) => cellAddress(codeColumn, r));
      for (const extra of cells.slice(1))
        c.structure('error', extra, 'structure.duplicateCode', { code: ind.code, cells: cells.join('、') }, ind.code);
    }
    for (const row of at) {
      const read = readRow(c.sheet, ind, row, keys.columns, { expected: expectedOf(ind), share }, c.plan, period.cell);
      c.problems.push(...read.problems);
      if (share && !shared.has(ind.code)) notShared(c, ind, read.row);
      if (at.length === 1) rows.push(read.row);
    }
  }
  return rows;
}

/**
 * Merged input cells (issue 12, observation 4d): a merge over an indicator's 累计完成 (or a growth row's 上年同期)
 * keeps only its top-left value, so an indicator it covers would read as 未填报 and the value it shows could be
 * anyone's. Each indicator whose input cell is covered gets an error at that cell naming the merged range and every
 * indicator it covers; its value is not used (数据有误, never a silent 未填报).
 */
function checkMerges(c: Check, rows: TemplateRow[]): TemplateRow[] {
  const merges = (c.sheet.merges ?? []).flatMap((a): RangeRef[] => {
    try {
      return [parseRange(a)];
    } catch {
      return [];
    }
  });
  if (merges.length === 0) return rows;
  const kindOf = new Map(c.campaign.indicators.map((i) => [i.code, i.kind]));
  const inputs = rows.flatMap((row) =>
    (['actual', 'prior'] as const).flatMap((field) => {
      const at = row.cells[field];
      if (at === undefined || (field === 'prior' && kindOf.get(row.code) !== 'growth')) return [];
      return [{ row, field, at, ref: parseCell(at) }];
    }),
  );
  const covered = new Map<TemplateRow, { field: 'actual' | 'prior'; at: string; area: RangeRef }[]>();
  for (const area of merges) {
    const inside = inputs.filter((i) => contains(area, i.ref));
    if (inside.length === 0) continue;
    const codes = [...new Set(inside.map((i) => i.row.code))];
    for (const i of inside) {
      covered.set(i.row, [...(covered.get(i.row) ?? []), { field: i.field, at: i.at, area }]);
      c.problems.push({
        severity: 'error',
        sheet: c.sheet.name,
        cell: i.at,
        indicator: i.row.code,
        field: i.field,
        key: 'value.mergedInput',
        params: { range: rangeAddress(area), codes: codes.join('、'), fieldKey: `field.${i.field}` },
      });
    }
  }
  return rows.map((row) => {
    const fields = covered.get(row);
    if (!fields) return row;
    const numbers = { ...row.numbers };
    for (const f of fields) numbers[f.field] = null;
    return { ...row, numbers, state: 'invalid', ...(numbers.actual === null ? { light: undefined } : {}) };
  });
}

/** A 配合部门's figure in the row of an indicator it does not contribute to: read, listed, not counted (SPEC §8). */
function notShared(c: Check, ind: Indicator, row: TemplateRow): void {
  const cells = (['actual', 'prior'] as const).flatMap((f) => {
    const at = row.cells[f];
    if (at === undefined) return [];
    const p = parseCell(at);
    return isBlankValue(cellAt(c.sheet.values, p.row, p.column)) ? [] : [at];
  });
  const [first] = cells;
  if (first === undefined) return;
  c.problems.push({
    severity: 'warning',
    sheet: c.sheet.name,
    cell: first,
    indicator: ind.code,
    field: first === row.cells.actual ? 'actual' : 'prior',
    key: 'value.notShared',
    params: { code: ind.code, department: c.marker.department },
  });
}

/** The first row below the keys whose 序号, 指标编码 or 指标名称 cell holds that header. */
function findHeaderRow(values: SheetData['values'], keys: KeysRow<ColumnKey>): number | undefined {
  const fixed = columnHeaders(1);
  const probes = (['seq', 'code', 'name'] as const).flatMap((k) => {
    const c = keys.columns[k];
    return c === undefined ? [] : [{ column: c, header: normaliseHeader(fixed[k]) }];
  });
  for (let row = keys.row + 1; row <= Math.min(keys.row + HEADER_SEARCH, values.length); row++) {
    if (probes.some((p) => normaliseHeader(displayText(cellAt(values, row, p.column))) === p.header)) return row;
  }
  return undefined;
}

function readRow(
  sheet: SheetData,
  ind: Indicator,
  row: number,
  col: Readonly<Partial<Record<ColumnKey, number>>>,
  { expected, share }: { readonly expected: number; readonly share: boolean },
  plan: Plan,
  periodCell: string,
): { row: TemplateRow; problems: SheetProblem[] } {
  const value = (key: ColumnKey): CellValue | undefined => {
    const c = col[key];
    return c === undefined ? undefined : cellAt(sheet.values, row, c);
  };
  const format = (key: ColumnKey): string | undefined => {
    const c = col[key];
    return c === undefined ? undefined : formatAt(sheet.numberFormats, row, c);
  };
  const isGrowth = ind.kind === 'growth';
  // A formula input cell without a cached result (issue 12): an error naming the cell, never a silent 未填报.
  const noResult = new Set(sheet.uncalculated ?? []);
  const uncalculated = (['actual', 'prior'] as const).filter((key) => {
    const c = col[key];
    return c !== undefined && (key === 'actual' || isGrowth) && noResult.has(cellAddress(c, row));
  });
  const actualFormat = format('actual');
  const priorFormat = isGrowth ? format('prior') : undefined;
  const input: RowInput = {
    actual: value('actual') ?? null,
    ...(isGrowth ? { prior: value('prior') ?? null } : {}),
    reason: value('reason') ?? null,
    note: value('note') ?? null,
    formats: {
      ...(actualFormat !== undefined ? { actual: actualFormat } : {}),
      ...(priorFormat !== undefined ? { prior: priorFormat } : {}),
    },
    ...(uncalculated.length > 0 ? { uncalculated } : {}),
  };
  const ctx = { expected, share, ...(plan.thresholds ? { thresholds: plan.thresholds } : {}) };
  const result = validateRow(ind, input, ctx);

  const cellOf = (field: Field): string | undefined => {
    if (field === 'period') return periodCell;
    const c = col[field];
    return c === undefined ? undefined : cellAddress(c, row);
  };
  const problems: SheetProblem[] = [];
  // validateRow suggests only fixes that are themselves valid: they are offered as they are.
  for (const p of result.problems) {
    // A problem of a column that is missing is already reported as the missing column.
    const cell = cellOf(p.field);
    if (cell === undefined) continue;
    const fixCell = p.fix ? cellOf(p.fix.field) : undefined;
    problems.push({
      severity: p.severity,
      sheet: sheet.name,
      cell,
      indicator: ind.code,
      field: p.field,
      key: p.key,
      params: p.params,
      ...(p.fix && fixCell !== undefined ? { fix: sheetFix(p.fix, fixCell) } : {}),
    });
  }

  const cells: Partial<Record<ColumnKey, string>> = {};
  for (const key of COLUMN_KEYS) {
    const c = col[key];
    if (c !== undefined) cells[key] = cellAddress(c, row);
  }
  const reason = value('reason');
  return {
    row: {
      code: ind.code,
      row,
      cells,
      numbers: result.numbers,
      light: result.light,
      state: result.state,
      reason: typeof reason === 'string' && reason.trim() !== '' ? reason.trim() : null,
    },
    problems,
  };
}

/**
 * Validates every template sheet of a workbook (sheets without a template marker are skipped) and flags the same
 * department, campaign and period submitted on more than one sheet (SPEC §8: a conflict the office resolves).
 */
export function validateWorkbookSheets(
  sheets: readonly SheetData[],
  plan: Plan,
): { readonly templates: number; readonly problems: readonly SheetProblem[] } {
  let templates = 0;
  const problems: SheetProblem[] = [];
  const submissions = new Map<
    string,
    { sheet: string; cell: string; reading: TemplateReading; campaign: Campaign; period: Period }[]
  >();
  for (const sheet of sheets) {
    // A damaged or displaced template marker is still a template's: reported rather than skipped.
    // So is a template whose marker row was deleted, recognised by its keys and header rows (issue 12, 4c).
    if (
      !isTemplateSheet(sheet) &&
      lookUpTemplateMarker(sheet.values).kind === 'missing' &&
      recogniseByHeader(sheet, plan) === undefined
    )
      continue;
    templates++;
    const checked = checkTemplate(sheet, plan);
    problems.push(...checked.problems);
    const reading = checked.template;
    // A sheet whose 填报单位 disputes its marker is nobody's submission: no duplicate of either department's.
    if (!reading || !checked.campaign || reading.disputed) continue;
    const year = reading.period?.year ?? reading.marker.year;
    const month = reading.period?.month ?? reading.marker.month;
    const key = JSON.stringify([reading.department, reading.campaignId, year, month]);
    const list = submissions.get(key) ?? [];
    list.push({
      sheet: sheet.name,
      cell: checked.departmentCell ?? 'A1',
      reading,
      campaign: checked.campaign,
      period: { year, month },
    });
    submissions.set(key, list);
  }
  for (const list of submissions.values()) {
    if (list.length < 2) continue;
    for (const s of list) {
      problems.push({
        severity: 'warning',
        sheet: s.sheet,
        cell: s.cell,
        field: 'structure',
        key: 'structure.duplicateSubmission',
        params: {
          department: s.reading.department,
          campaign: s.campaign.name,
          year: s.period.year,
          month: s.period.month,
          other: list
            .filter((o) => o !== s)
            .map((o) => o.sheet)
            .join('、'),
        },
      });
    }
  }
  return { templates, problems };
}

/** A row's fix at its cell. */
function sheetFix(fix: NonNullable<Problem['fix']>, cell: string): NonNullable<SheetProblem['fix']> {
  return fix.numberFormat === undefined
    ? { cell, value: fix.value }
    : { cell, value: fix.value, numberFormat: fix.numberFormat };
}
