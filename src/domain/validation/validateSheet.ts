import { cellAt, findLabel, formatAt, valueRightOf, type SheetData } from '../grid/sheet';
import {
  INDICATOR_CODE,
  TEMPLATE_MARKER_TYPE,
  findKeysRow,
  isSheetOfType,
  lookUpMarker,
  markerText,
  normaliseCode,
  templateMarkerOf,
  type KeysRow,
  type MarkerLookup,
  type TemplateMarker,
} from '../grid/ownSheets';
import { structureReporter, type Field, type SheetProblem } from '../grid/problems';
import type { Campaign, Indicator, Plan } from '../plan/schema';
import { COLUMN_KEYS, actualHeader, columnHeaders, type ColumnKey } from '../template/layout';
import { cellAddress } from '../grid/address';
import { validatePeriod, type Period } from './period';
import { displayText, isBlankValue, type CellValue } from '../grid/cells';
import { validateRow, type Problem, type RowInput, type RowNumbers } from './validateRow';

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
  /** 滞后原因及措施 as trimmed text, or null when there is none. */
  readonly reason: string | null;
}

export interface TemplateReading {
  /** What its marker says (campaign, department, the period it was made for …). */
  readonly marker: TemplateMarker;
  readonly campaignId: string;
  readonly department: string;
  /** The report period; undefined when the period cell is blank or malformed (an error is listed). */
  readonly period?: Period;
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

function checkTemplate(sheet: SheetData, plan: Plan): Checked {
  const values = sheet.values;
  const problems: SheetProblem[] = [];
  const structure = structureReporter(sheet.name, problems);

  // ── marker ──
  const lookup = lookUpTemplateMarker(values);
  if (lookup.kind === 'missing') {
    structure('error', 'A1', 'structure.markerMissing');
    return { problems };
  }
  if (lookup.kind === 'damaged') {
    structure('error', lookup.found.cell, 'structure.markerUnreadable', { text: markerText(lookup.found) });
    return { problems };
  }
  const markerCell = lookup.found.cell;
  const payload = lookup.found.payload;
  const marker = templateMarkerOf(payload);
  if (!marker) throw new Error('lookUpTemplateMarker returned an incomplete template marker');
  if (lookup.kind === 'moved') structure('error', markerCell, 'structure.markerMoved', { found: markerCell });
  if (marker.plan !== plan.id)
    structure('warning', markerCell, 'structure.planMismatch', { sheetPlan: marker.plan, plan: plan.id });
  const campaign = plan.campaigns.find((c) => c.id === marker.campaign);
  if (!campaign) {
    structure('error', markerCell, 'structure.unknownCampaign', { campaign: marker.campaign, plan: plan.id });
    return { problems };
  }

  // ── keys row: every column is found by its key ──
  const keys = findKeysRow(values, COLUMN_KEYS, ['code', 'actual']);
  if (!keys) {
    structure('error', cellAddress(1, lookup.found.row + 1), 'structure.keysRowMissing');
    return { problems, campaign };
  }
  const headersOfMonth = columnHeaders(marker.month);
  for (const key of keys.missing)
    structure('error', cellAddress(1, keys.row), 'structure.keyMissing', { key, header: headersOfMonth[key] });
  for (const key of keys.duplicated) {
    const cols = keys.positions.get(key) ?? [];
    const cells = cols.map((c) => cellAddress(c, keys.row));
    structure('error', cells[1] ?? cellAddress(1, keys.row), 'structure.keyDuplicated', {
      key,
      header: headersOfMonth[key],
      cells: cells.join('、'),
    });
  }
  const col = keys.columns;
  const codeCol = col.code;
  const actualCol = col.actual;
  if (codeCol === undefined || actualCol === undefined) return { problems, campaign };

  // ── header row: the first row below the keys that reads like the template's header ──
  const headerRow = findHeaderRow(values, keys);

  // ── report period (SPEC §7: missing or malformed is an error) and department ──
  const headingEnd = (headerRow ?? keys.row + HEADER_SEARCH) - 1;
  const periodLabel = findLabel(values, PERIOD_LABEL, 1, headingEnd);
  const markerPeriod: Period = { year: marker.year, month: marker.month };
  let period: Period | undefined;
  let periodCell = markerCell;
  const periodProblems: Problem[] = [];
  if (periodLabel) {
    const found = valueRightOf(values, periodLabel, HEADING_LABELS);
    periodCell = cellAddress(found?.column ?? periodLabel.column, periodLabel.row);
    const r = validatePeriod(found?.value ?? null, plan.year);
    periodProblems.push(...r.problems);
    period = r.period;
    if (period && (period.year !== marker.year || period.month !== marker.month)) {
      structure('warning', periodCell, 'structure.periodMismatch', {
        year: period.year,
        month: period.month,
        markerYear: marker.year,
        markerMonth: marker.month,
      });
    }
  } else {
    structure('warning', markerCell, 'structure.periodLabelMissing', { year: marker.year, month: marker.month });
    period = markerPeriod;
    if (marker.year !== plan.year)
      periodProblems.push({
        severity: 'warning',
        field: 'period',
        key: 'period.wrongYear',
        params: { year: marker.year, planYear: plan.year },
      });
  }
  for (const p of periodProblems)
    problems.push({
      severity: p.severity,
      sheet: sheet.name,
      cell: periodCell,
      field: 'period',
      key: p.key,
      params: p.params,
    });

  const departmentLabel = findLabel(values, DEPARTMENT_LABEL, 1, headingEnd);
  const departmentValue = departmentLabel ? valueRightOf(values, departmentLabel, HEADING_LABELS) : undefined;
  const departmentCell =
    departmentLabel && departmentValue ? cellAddress(departmentValue.column, departmentLabel.row) : markerCell;
  if (departmentValue && displayText(departmentValue.value) !== marker.department) {
    structure('warning', departmentCell, 'structure.departmentMismatch', {
      found: displayText(departmentValue.value),
      department: marker.department,
    });
  }

  if (headerRow === undefined) {
    structure('warning', cellAddress(codeCol, keys.row + 1), 'structure.headerMissing');
  } else {
    const months = new Set([marker.month, ...(period ? [period.month] : [])]);
    for (const key of COLUMN_KEYS) {
      const c = col[key];
      if (c === undefined) continue;
      const found = displayText(cellAt(values, headerRow, c));
      const accepted = key === 'actual' ? [...months].map(actualHeader) : [headersOfMonth[key]];
      if (!accepted.some((h) => normaliseHeader(h) === normaliseHeader(found))) {
        structure('warning', cellAddress(c, headerRow), 'structure.headerChanged', {
          found,
          expected: accepted[0] ?? '',
        });
      }
    }
  }

  // ── indicator rows, matched by code ──
  const firstRow = (headerRow ?? keys.row) + 1;
  const ownCodes = new Map(campaign.indicators.map((i) => [i.code, i]));
  const campaignOf = new Map(plan.campaigns.flatMap((c) => c.indicators.map((i) => [i.code, c.id] as const)));
  const occurrences = new Map<string, number[]>();
  for (let row = firstRow; row <= values.length; row++) {
    const raw = cellAt(values, row, codeCol);
    if (isBlankValue(raw)) continue;
    const code = normaliseCode(raw);
    // Without a header row the heading rows cannot be told apart: only what looks like a code counts.
    if (headerRow === undefined && !INDICATOR_CODE.test(code)) continue;
    if (ownCodes.has(code)) {
      occurrences.set(code, [...(occurrences.get(code) ?? []), row]);
      continue;
    }
    const other = campaignOf.get(code);
    const at = cellAddress(codeCol, row);
    if (other !== undefined)
      structure('error', at, 'structure.codeOfOtherCampaign', { code, other, campaign: campaign.id }, code);
    else structure('error', at, 'structure.unknownCode', { code: displayText(raw), plan: plan.id });
  }

  const expected = (period ?? markerPeriod).month / 12;
  const rows: TemplateRow[] = [];
  for (const ind of campaign.indicators) {
    const at = occurrences.get(ind.code) ?? [];
    if (at.length === 0) {
      structure(
        'error',
        cellAddress(codeCol, headerRow ?? keys.row),
        'structure.missingCode',
        { code: ind.code, name: ind.name },
        ind.code,
      );
      continue;
    }
    if (at.length > 1) {
      const cells = at.map((r) => cellAddress(codeCol, r));
      for (const extra of cells.slice(1))
        structure('error', extra, 'structure.duplicateCode', { code: ind.code, cells: cells.join('、') }, ind.code);
    }
    for (const row of at) {
      const read = readRow(sheet, ind, row, col, expected, plan, periodCell);
      problems.push(...read.problems);
      if (at.length === 1) rows.push(read.row);
    }
  }

  const template: TemplateReading = {
    marker,
    campaignId: campaign.id,
    department: marker.department,
    ...(period ? { period } : {}),
    rows,
  };
  return { template, problems, departmentCell, campaign };
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
  expected: number,
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
  const actualFormat = format('actual');
  const priorFormat = isGrowth ? format('prior') : undefined;
  const input: RowInput = {
    actual: value('actual') ?? null,
    ...(isGrowth ? { prior: value('prior') ?? null } : {}),
    reason: value('reason') ?? null,
    formats: {
      ...(actualFormat !== undefined ? { actual: actualFormat } : {}),
      ...(priorFormat !== undefined ? { prior: priorFormat } : {}),
    },
  };
  const ctx = { expected, ...(plan.thresholds ? { thresholds: plan.thresholds } : {}) };
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
      ...(p.fix && fixCell !== undefined ? { fix: { cell: fixCell, value: p.fix.value } } : {}),
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
    if (!isTemplateSheet(sheet) && lookUpTemplateMarker(sheet.values).kind === 'missing') continue;
    templates++;
    const checked = checkTemplate(sheet, plan);
    problems.push(...checked.problems);
    const reading = checked.template;
    if (!reading || !checked.campaign) continue;
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
