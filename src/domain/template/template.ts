import {
  DEFAULT_STATUS_THRESHOLDS,
  endOfMonth,
  isPacedTier,
  pace,
  tierFollowsPace,
  toExcelSerial,
  type StatusThresholds,
} from '../calc/calc';
import {
  attainmentFormula,
  besideStatus,
  growthOperand,
  paceFormula,
  plannedPaceFormula,
  shareStatusFormula,
  stateStatusFormula,
  stateTests,
  statusFormula,
  tierFormula,
  type FormulaMode,
  type StateOperands,
} from '../calc/formulas';
import { KIND_ZH } from '../calc/kinds';
import { contributorsOf, indicatorsFor, roleOf, type DepartmentRole } from '../plan/departments';
import { expectedProgress, monthlyPlanGoal } from '../plan/monthlyPlan';
import type { Campaign, Indicator, Plan } from '../plan/schema';
import {
  sanitizeSheetName,
  writableSpec,
  type BlockSpec,
  type CellSpec,
  type ConditionalFormatSpec,
  type SheetSpec,
  type StyleSpec,
  type ValidationSpec,
} from '../grid/sheetSpec';
import { type LiteralValue } from '../grid/cells';
import {
  HEADER_STYLE,
  LIGHT_STYLES,
  PERCENT_FORMAT,
  PERIOD_FORMAT,
  STATE_STYLES,
  STATE_WORDS,
  STATUS_FORMAT,
  TEXT_FORMAT,
  THIN_BORDER,
  TIER_FORMAT,
  TIER_STYLES,
  fitWidth,
  inputFormat,
  tierFormat,
  tierWords,
  valueFormat,
} from './formats';
import { actualValidation, noteValidation, priorValidation, reasonValidation } from './inputRules';
import {
  COLUMN,
  COLUMN_KEYS,
  FIRST_COLUMN,
  PERIOD_REF,
  ROWS,
  TEMPLATE_VERSION,
  columnHeaders,
  templateLayout,
  type ColumnKey,
} from './layout';
import { TEMPLATE_MARKER_TYPE } from '../grid/ownSheets';
import { columnNumber, columnLetters, parseCell } from '../grid/address';

export { TEMPLATE_MARKER_TYPE } from '../grid/ownSheets';

/**
 * The template generator: one sheet per campaign × department × month, as a declarative SheetSpec (no Office).
 *
 *   row 1  hidden  marker (A1, written by the adapter from `spec.marker`)
 *   row 2  hidden  column keys (seq … note), so that a reader finds columns after inserted columns
 *   row 3          title, merged A3:O3
 *   row 4          指挥长 / 副指挥长 / 牵头部门 / 配合部门 (labels and values in separate cells)
 *   row 5          填报单位 / 报告期 (a real date, F5) / 填报人 (input) / 联系电话 (input, text)
 *   row 6          column headers (print title row; panes frozen below it and right of 指标名称)
 *   row 7…         one row per indicator, in plan order (a 配合部门's: those it contributes to, as shares)
 *   last + 2       填表说明, merged
 */

/** Which template: one campaign of a plan, for one department and report month, with which formulas. */
export interface TemplateRequest {
  readonly plan: Plan;
  readonly campaignId: string;
  readonly department: string;
  readonly year: number;
  /** Report month 1–12: the sheet holds 1–month 累计 values. */
  readonly month: number;
  /** `kpi`: `KPI.*` custom functions; `native`: plain Excel formulas for workbooks used without the add-in. */
  readonly mode: FormulaMode;
  /**
   * The department's role the sheet is for; default: the plan's. A template rebuilt in place keeps the role its
   * marker records, so that a 配合部门's share sheet stays one whatever the plan says now.
   */
  readonly role?: DepartmentRole;
}

/** A template request with what the sheet carries over from an earlier version of itself, and the names to avoid. */
export interface TemplateInput extends TemplateRequest {
  readonly reporter?: string;
  readonly phone?: string;
  /** Sheet names already in the workbook; the new name avoids them. */
  readonly existingSheetNames?: readonly string[];
}

const BORDER = THIN_BORDER;
/** The fill of every cell staff type into. */
export const INPUT_FILL = '#FFF2CC';
/** The fill of a cell that does not apply to the row (上年同期 of a non-growth indicator). */
export const UNUSED_FILL = '#D9D9D9';

/** Style names. `input` is the only unlocked style: under protection nothing else can be typed over. */
export const STYLES: Readonly<Record<string, StyleSpec>> = {
  keys: { font: { size: 8, color: '#808080' } },
  title: { font: { bold: true, size: 16 }, horizontal: 'center', vertical: 'center' },
  label: { font: { bold: true }, fill: '#F2F2F2', horizontal: 'center', vertical: 'center', border: BORDER },
  info: { horizontal: 'left', vertical: 'center', border: BORDER },
  hint: { font: { size: 9, color: '#7F6000' }, horizontal: 'left', vertical: 'center', wrap: true },
  header: HEADER_STYLE,
  center: { horizontal: 'center', vertical: 'center', border: BORDER },
  text: { horizontal: 'left', vertical: 'center', wrap: true, border: BORDER },
  number: { horizontal: 'right', vertical: 'center', border: BORDER },
  input: { fill: INPUT_FILL, vertical: 'center', wrap: true, border: BORDER, locked: false },
  unused: { fill: UNUSED_FILL, vertical: 'center', border: BORDER },
  calc: { horizontal: 'right', vertical: 'center', border: BORDER, numberFormat: PERCENT_FORMAT },
  tier: { horizontal: 'center', vertical: 'center', border: BORDER, numberFormat: TIER_FORMAT },
  status: {
    font: { bold: true },
    horizontal: 'center',
    vertical: 'center',
    border: BORDER,
    numberFormat: STATUS_FORMAT,
  },
  notes: { font: { size: 9, color: '#595959' }, horizontal: 'left', vertical: 'top', wrap: true },
  /** A result a 配合部门's share does not have (完成率, 力争档, 状态): a word, never a number or an error. */
  none: { font: { color: '#7F7F7F' }, horizontal: 'center', vertical: 'center', border: BORDER },
};

/** What a 配合部门's row shows in place of a result judged against the district's target (SPEC §6). */
export const SHARE_WORDS = { attainment: '—', tier: '—', status: '不亮灯' } as const;

/** The 填报单位 cell: the department, and for a 配合部门 its role ("发展改革局（配合部门）"). */
export function departmentText(department: string, role: DepartmentRole | undefined): string {
  return role === 'contributor' ? `${department.trim()}（配合部门）` : department.trim();
}

/** One tab colour per campaign, by campaign number. */
const TAB_COLORS = ['#2F5597', '#548235', '#BF8F00', '#C55A11', '#7030A0', '#00838F', '#AD1457'];

export function campaignTitle(campaign: Campaign): string {
  return `${campaign.name}攻坚战 指标推进情况表`;
}

export function templateSheetName(
  campaign: Campaign,
  department: string,
  month: number,
  taken: readonly string[] = [],
): string {
  return sanitizeSheetName(`${campaign.name}-${department}-${month}月`, taken);
}

const ref = (key: ColumnKey, row: number): string => `${COLUMN[key]}${row}`;

/** A row of cells in column-key order. */
function keyed(cells: Readonly<Record<ColumnKey, CellSpec>>): CellSpec[] {
  return COLUMN_KEYS.map((k) => cells[k]);
}

interface Segment {
  readonly span: number;
  readonly cell: CellSpec;
}

/** A heading row laid out as segments from column A; a segment wider than one cell is merged. */
function segments(row: number, parts: readonly Segment[]): { readonly cells: CellSpec[]; readonly merges: string[] } {
  const cells: CellSpec[] = [];
  const merges: string[] = [];
  for (const { span, cell } of parts) {
    const first = cells.length + 1;
    cells.push(cell, ...Array.from({ length: span - 1 }, (): CellSpec => (cell.style ? { style: cell.style } : {})));
    if (span > 1) merges.push(`${columnLetters(first)}${row}:${columnLetters(first + span - 1)}${row}`);
  }
  if (cells.length !== COLUMN_KEYS.length)
    throw new Error(`heading row ${row} spans ${cells.length} columns, not ${COLUMN_KEYS.length}`);
  return { cells, merges };
}

const label = (text: string): CellSpec => ({ value: text, style: 'label' });
const info = (value: LiteralValue): CellSpec => ({ value, style: 'info' });
const inputCell = (value: LiteralValue, numberFormat: string): CellSpec => ({ value, style: 'input', numberFormat });

interface RowFormulas {
  readonly attainment: string;
  readonly tier: string;
  readonly pace: CellSpec;
  readonly status: string;
}

/**
 * The formulas of one indicator row. For `growth` the actual operand is the growth rate from 累计完成 (current)
 * and 上年同期 (prior), and both guard "not reported". A stretch-only indicator is measured against its 力争 target.
 * The tier of a paced row is compared with its 序时进度 cell, as its light is (SPEC §4). 状态 says the row's data
 * state where there is no light to give (未填报, 数据有误) or the light is doubtful (待核实), and 完成率 and 力争档 follow
 * it: blank where it leaves no number, never a raw Excel error (SPEC §6 Data states).
 */
export function rowFormulas(ind: Indicator, row: number, mode: FormulaMode, thresholds: StatusThresholds): RowFormulas {
  const h = ref('actual', row);
  const isGrowth = ind.kind === 'growth';
  const actual = isGrowth ? growthOperand(mode, h, ref('prior', row)) : h;
  const guard = isGrowth ? [h, ref('prior', row)] : [h];
  const target = ind.target === undefined ? null : ref('target', row);
  const stretch = ind.stretch === undefined ? null : ref('stretch', row);
  const goal = target ?? stretch;
  const pacedTier = ind.paced && tierFollowsPace(ind.kind) ? { expected: ref('pace', row) } : {};
  const status = ref('status', row);
  const light = statusFormula(mode, ind.kind, { actual, target: goal, guard, expected: ref('pace', row) }, thresholds);
  return {
    attainment: besideStatus(attainmentFormula(mode, ind.kind, { actual, target: goal, guard }), status, STATE_WORDS),
    tier: besideStatus(
      tierFormula(mode, ind.kind, { actual, target, stretch, guard, ...pacedTier }),
      status,
      STATE_WORDS,
    ),
    pace: paceCell(ind, mode),
    status: stateStatusFormula(light, stateTests(ind.kind, stateOperands(ind, row)), STATE_WORDS),
  };
}

/**
 * A row's 序时进度 cell: 1 when not paced; the indicator's own E(m) from its 分月计划 where it has one (in both modes);
 * otherwise the shared m / 12 (SPEC §5).
 */
function paceCell(ind: Indicator, mode: FormulaMode): CellSpec {
  if (!ind.paced) return { value: 1 };
  const goal = monthlyPlanGoal(ind);
  if (ind.monthlyPlan !== undefined && goal !== undefined && goal !== 0)
    return { formula: plannedPaceFormula(PERIOD_REF, ind.monthlyPlan, goal) };
  return { formula: paceFormula(mode, PERIOD_REF) };
}

/**
 * What a row's data-state tests read: its input cells (备注 for "已核实") and, as validateRow, the plan's target (力争
 * for a stretch-only indicator) as the magnitude checks' reference where it is one (above 0; a share change's not 0).
 */
function stateOperands(ind: Indicator, row: number): StateOperands {
  const goal = ind.target ?? ind.stretch;
  const isReference = goal !== undefined && (ind.kind === 'share' ? goal !== 0 : goal > 0);
  return {
    actual: ref('actual', row),
    ...(ind.kind === 'growth' ? { prior: ref('prior', row) } : {}),
    note: ref('note', row),
    ...(isReference ? { reference: ref(ind.target !== undefined ? 'target' : 'stretch', row) } : {}),
    unit: ind.unit,
  };
}

/** The value of a paced row's 序时进度 cell in a template of this report month: m / 12 (SPEC §5). */
function templatePace(year: number, month: number): number {
  const e = pace(endOfMonth(year, month));
  if (!e.ok) throw new RangeError(`no 序时进度 for ${year}-${month}`); // year and month are checked before
  return e.value;
}

/** Is the tier of this row compared with the paced targets (序时 words: a paced row while E < 1, SPEC §4)? */
function pacedTierIn(ind: Indicator, expected: number): boolean {
  return ind.paced && isPacedTier(ind.kind, expected);
}

function indicatorRow(
  ind: Indicator,
  index: number,
  row: number,
  expected: number,
  mode: FormulaMode,
  thresholds: StatusThresholds,
): CellSpec[] {
  const f = rowFormulas(ind, row, mode, thresholds);
  const fmt = valueFormat(ind.kind, ind.unit);
  const tierFmt = tierFormat(pacedTierIn(ind, expected), ind.target === undefined && ind.stretch !== undefined);
  return keyed({
    seq: { value: index + 1, style: 'center' },
    code: { value: ind.code, style: 'center' },
    name: { value: ind.name, style: 'text' },
    kind: { value: KIND_ZH[ind.kind], style: 'center' },
    unit: { value: ind.unit, style: 'center' },
    target: { value: ind.target ?? null, style: 'number', numberFormat: fmt },
    stretch: { value: ind.stretch ?? null, style: 'number', numberFormat: fmt },
    actual: inputCell(null, inputFormat(ind.kind, ind.unit)),
    prior: ind.kind === 'growth' ? inputCell(null, inputFormat(ind.kind, ind.unit)) : { value: null, style: 'unused' },
    attainment: { formula: f.attainment, style: 'calc' },
    tier:
      tierFmt === TIER_FORMAT
        ? { formula: f.tier, style: 'tier' }
        : { formula: f.tier, style: 'tier', numberFormat: tierFmt },
    pace: { ...f.pace, style: 'calc' },
    status: { formula: f.status, style: 'status' },
    reason: inputCell(null, TEXT_FORMAT),
    note: inputCell(null, TEXT_FORMAT),
  });
}

/**
 * A 配合部门's row (SPEC §6, §8): the share is entered as on any row, but nothing is judged against the district's
 * target — words in 完成率 and 力争档 (no formula: the same in both modes, never an error), 不亮灯 in 状态 unless the
 * share is 数据有误 or 待核实 (a native formula, the same in both modes), no 滞后原因 to give.
 */
const SHARE_CELLS: Readonly<Partial<Record<ColumnKey, CellSpec>>> = {
  attainment: { value: SHARE_WORDS.attainment, style: 'none' },
  tier: { value: SHARE_WORDS.tier, style: 'none' },
  reason: { value: null, style: 'unused' },
};

/** 状态 of a share: 不亮灯, or its data state where the share is 数据有误 or 待核实 (SPEC §6: on every row). */
function shareRow(cells: readonly CellSpec[], ind: Indicator, row: number): CellSpec[] {
  const status: CellSpec = {
    formula: shareStatusFormula(stateTests(ind.kind, stateOperands(ind, row)), STATE_WORDS, SHARE_WORDS.status),
    style: 'none',
  };
  return cells.map((cell, i) => {
    const key = COLUMN_KEYS[i];
    return key === 'status' ? status : ((key === undefined ? undefined : SHARE_CELLS[key]) ?? cell);
  });
}

function notesText(month: number): string {
  const actual = columnHeaders(month).actual;
  return [
    '填表说明：',
    '1. 黄色单元格为填报项；其余单元格由模板自动计算，请勿改动公式和表头。',
    `2. “${actual}”栏：总量、个数类填${actual}数；水平类填当前水平；排名类填当前全市位次；进度类从下拉列表选择完成进度（已完成为 100%）。`,
    '3. 增速类指标在本栏填本年累计值、在“上年同期”栏填上年同期值，增速和完成率自动计算；比率请输入百分数，如 50% 而不是 50；比重提高按个百分点填写，如提高 0.6 个百分点填 0.6。',
    '4. 只有力争目标的指标按力争目标计算完成率；进度类指标未设确保目标的，以完成（100%）为目标。',
    '5. 状态：绿 = 达到序时进度（或目标），黄 = 滞后 10 个百分点以内（增速类 2 个百分点以内），红 = 严重滞后，未填报 = 尚未填写；黄、红须填写滞后原因及措施。未显示条件格式的软件中，状态 3 为绿，0 为未填报。',
    '6. 数据有误 = 所填不是可用的数值（文字、负数、比率填成 45、只填了增速类的一栏、达到目标 1000 倍以上等），不计入汇总，请改正；待核实 = 数值可用但存疑（超过目标 10 倍等），计入汇总并标注，请核对后改正，或确认无误后在“备注”栏填写“已核实”（可附说明）。',
  ].join('\n');
}

/** The 填表说明 of a 配合部门's sheet: its share only, no light, no 滞后原因 (SPEC §6, §8). */
function shareNotesText(month: number): string {
  const actual = columnHeaders(month).actual;
  return [
    '填表说明（配合部门）：',
    '1. 黄色单元格为填报项；其余单元格由模板生成，请勿改动表头。本表只列出本单位配合的指标。',
    `2. “${actual}”栏填本单位分担完成的数（不是全区数），单位同“单位”栏；增速类指标同时在“上年同期”栏填本单位上年同期数。`,
    '3. 确保目标、力争目标是全区目标，仅供参考：本单位的数不单独计算完成率、不亮灯，也不需要填写滞后原因。',
    '4. 一键汇总时，本单位的数与责任单位的数相加，得出全区数后再计算完成率和状态；“单一”汇总的指标只取责任单位的数，本单位所填的数列入明细，不计入。',
  ].join('\n');
}

function columnWidths(
  campaign: Campaign,
  inds: readonly Indicator[],
  department: string,
  expected: number,
  headers: Readonly<Record<ColumnKey, string>>,
): SheetSpec['columnWidths'] {
  const pacedTierWords = inds.some((i) => pacedTierIn(i, expected)) ? tierWords(true, false) : [];
  const w: Record<ColumnKey, number> = {
    seq: fitWidth([headers.seq, String(inds.length)], 6, 8),
    code: fitWidth([headers.code, ...inds.map((i) => i.code)], 8, 12),
    name: fitWidth([headers.name, department, campaign.commander, ...inds.map((i) => i.name)], 24, 40),
    kind: fitWidth([headers.kind, ...inds.map((i) => KIND_ZH[i.kind])], 6, 10),
    unit: fitWidth([headers.unit, ...inds.map((i) => i.unit)], 6, 12),
    target: fitWidth([headers.target], 10, 14),
    stretch: fitWidth([headers.stretch], 10, 14),
    actual: fitWidth([headers.actual], 12, 18),
    prior: fitWidth([headers.prior], 12, 14),
    attainment: fitWidth([headers.attainment], 9, 12),
    tier: fitWidth([headers.tier, '未达确保', '未达力争', ...pacedTierWords], 10, 12),
    pace: fitWidth([headers.pace, '联系电话', '配合部门'], 10, 12),
    status: fitWidth([headers.status, '未填报', STATE_WORDS.invalid, STATE_WORDS.doubtful], 8, 10),
    reason: 40,
    note: 24,
  };
  return COLUMN_KEYS.map((key) => ({ column: COLUMN[key], width: w[key] }));
}

/** 数据有误 and 待核实 are words 状态's formula gives, in their own colours (SPEC §6 Data states). */
function stateFormats(first: number, last: number): ConditionalFormatSpec[] {
  return STATE_STYLES.map((st): ConditionalFormatSpec => ({
    range: `${ref('status', first)}:${ref('status', last)}`,
    rule: { type: 'expression', formula: `=$${ref('status', first)}="${st.text}"` },
    format: { fill: st.fill, fontColor: st.fontColor },
    stopIfTrue: true,
  }));
}

function conditionalFormats(first: number, last: number): ConditionalFormatSpec[] {
  const range = (key: ColumnKey): string => `${ref(key, first)}:${ref(key, last)}`;
  const lights = LIGHT_STYLES.map((l): ConditionalFormatSpec => ({
    range: range('status'),
    rule: { type: 'cellValue', operator: 'equalTo', formula1: String(l.value) },
    format: { fill: l.fill, fontColor: l.fontColor, numberFormat: l.numberFormat },
    stopIfTrue: true,
  }));
  const states = stateFormats(first, last);
  const tiers = TIER_STYLES.map((t): ConditionalFormatSpec => ({
    range: range('tier'),
    rule: { type: 'cellValue', operator: 'equalTo', formula1: String(t.value) },
    format: { fill: t.fill, fontColor: t.fontColor },
    stopIfTrue: true,
  }));
  // A 黄/红 row without a written reason is not properly reported (SPEC §6): the reason cell turns red.
  const s = `$${ref('status', first)}`;
  const reasonMissing: ConditionalFormatSpec = {
    range: range('reason'),
    rule: { type: 'expression', formula: `=AND(OR(${s}=1,${s}=2),LEN(TRIM($${ref('reason', first)}))=0)` },
    format: { fill: '#FFC7CE', fontColor: '#9C0006' },
  };
  return [...lights, ...states, ...tiers, reasonMissing];
}

/** The input cells' rules; a 配合部门's sheet has no 滞后原因 to give (`share`). */
function validations(
  inds: readonly Indicator[],
  month: number,
  first: number,
  last: number,
  share: boolean,
): ValidationSpec[] {
  const out: ValidationSpec[] = [];
  inds.forEach((ind, i) => {
    const row = first + i;
    out.push(actualValidation(ind, month, ref('actual', row)));
    if (ind.kind === 'growth') out.push(priorValidation(month, ref('prior', row)));
  });
  if (!share) out.push(reasonValidation(`${ref('reason', first)}:${ref('reason', last)}`));
  out.push(noteValidation(`${ref('note', first)}:${ref('note', last)}`));
  return out;
}

/** The heading rows above the table: title, 指挥长 … 配合部门, 填报单位 … 联系电话, then the column headers. */
function headingRows(
  input: TemplateInput,
  campaign: Campaign,
  role: DepartmentRole | undefined,
): { readonly rows: CellSpec[][]; readonly merges: string[] } {
  const { department, year, month } = input;
  const contributors = contributorsOf(campaign);
  const title = segments(ROWS.title, [
    { span: COLUMN_KEYS.length, cell: { value: campaignTitle(campaign), style: 'title' } },
  ]);
  const leaders = segments(ROWS.leaders, [
    { span: 2, cell: label('指挥长') },
    { span: 1, cell: info(campaign.commander) },
    { span: 2, cell: label('副指挥长') },
    { span: 2, cell: info(campaign.deputyCommander) },
    { span: 1, cell: label('牵头部门') },
    { span: 3, cell: info(campaign.leadDepartment) },
    { span: 1, cell: label('配合部门') },
    { span: 3, cell: info(contributors.length > 0 ? contributors.join('、') : null) },
  ]);
  const infoRow = segments(ROWS.info, [
    { span: 2, cell: label('填报单位') },
    { span: 1, cell: info(departmentText(department, role)) },
    { span: 2, cell: label('报告期') },
    { span: 2, cell: { value: toExcelSerial(endOfMonth(year, month)), style: 'info', numberFormat: PERIOD_FORMAT } },
    { span: 1, cell: label('填报人') },
    { span: 2, cell: inputCell(input.reporter ?? null, TEXT_FORMAT) },
    { span: 1, cell: label('联系电话') },
    { span: 2, cell: inputCell(input.phone ?? null, TEXT_FORMAT) },
    { span: 2, cell: { value: '注：黄色单元格为填报项', style: 'hint' } },
  ]);
  const headers = columnHeaders(month);
  const header = COLUMN_KEYS.map((k): CellSpec => ({ value: headers[k], style: 'header' }));
  return {
    rows: [title.cells, leaders.cells, infoRow.cells, header],
    merges: [...title.merges, ...leaders.merges, ...infoRow.merges],
  };
}

/** Builds the template sheet of one campaign for one department and month. Pure: plain data in and out. */
export function buildTemplate(input: TemplateInput): SheetSpec {
  return writableSpec(templateSpec(input));
}

function templateSpec(input: TemplateInput): SheetSpec {
  const { plan, department, year, month, mode } = input;
  const campaign = plan.campaigns.find((c) => c.id === input.campaignId);
  if (!campaign) throw new RangeError(`campaign ${input.campaignId} is not in plan ${plan.id}`);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month ${month} must be 1–12`);
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new RangeError(`year ${year} must be 1900–9999`);
  if (department.trim() === '') throw new RangeError('department must not be blank');
  const role = input.role ?? roleOf(campaign, department);
  // A 配合部门 reports its share of the indicators it contributes to: only those rows (SPEC §8).
  const share = role === 'contributor';
  const indicators = indicatorsFor(campaign, department, role);

  const layout = templateLayout(indicators.length);
  const first = layout.rows.firstIndicator;
  const last = layout.rows.lastIndicator;
  const thresholds = plan.thresholds ?? DEFAULT_STATUS_THRESHOLDS;
  const expected = templatePace(year, month);
  const heading = headingRows(input, campaign, role);
  const notes = segments(layout.rows.notes, [
    { span: COLUMN_KEYS.length, cell: { value: share ? shareNotesText(month) : notesText(month), style: 'notes' } },
  ]);

  const blocks: BlockSpec[] = [
    { at: `${FIRST_COLUMN}${ROWS.keys}`, rows: [COLUMN_KEYS.map((key): CellSpec => ({ value: key, style: 'keys' }))] },
    { at: `${FIRST_COLUMN}${ROWS.title}`, rows: heading.rows },
    {
      at: `${FIRST_COLUMN}${first}`,
      rows: indicators.map((ind, i) => {
        const cells = indicatorRow(ind, i, first + i, expectedProgress(ind, month), mode, thresholds);
        return share ? shareRow(cells, ind, first + i) : cells;
      }),
    },
    { at: `${FIRST_COLUMN}${layout.rows.notes}`, rows: [notes.cells] },
  ];

  return {
    name: templateSheetName(campaign, department.trim(), month, input.existingSheetNames),
    marker: {
      type: TEMPLATE_MARKER_TYPE,
      v: TEMPLATE_VERSION,
      plan: plan.id,
      campaign: campaign.id,
      department: department.trim(),
      year,
      month,
      mode,
      ...(role ? { role } : {}),
    },
    styles: STYLES,
    blocks,
    columnWidths: columnWidths(campaign, indicators, departmentText(department, role), expected, columnHeaders(month)),
    rowHeights: [
      { row: ROWS.marker, height: 15, hidden: true },
      { row: ROWS.keys, height: 15, hidden: true },
      { row: ROWS.title, height: 36 },
      { row: ROWS.header, height: 36 },
      { row: layout.rows.notes, height: 110 },
    ],
    merges: [...heading.merges, ...notes.merges],
    validations: validations(indicators, month, first, last, share),
    // A share has no light, tier or reason to colour.
    conditionalFormats: share ? stateFormats(first, last) : conditionalFormats(first, last),
    protect: true,
    freeze: { rows: ROWS.header, columns: 3 },
    print: {
      orientation: 'landscape',
      fitToPagesWide: 1,
      printTitleRows: `$${ROWS.header}:$${ROWS.header}`,
      centerHorizontally: true,
    },
    tabColor: TAB_COLORS[(campaign.number - 1) % TAB_COLORS.length],
  };
}

// ————— Re-applying a template: values already entered are kept —————

/** The values a department entered in one indicator row of an earlier version of its sheet. */
export interface PreviousValues {
  readonly actual?: LiteralValue;
  readonly prior?: LiteralValue;
  readonly reason?: LiteralValue;
  readonly note?: LiteralValue;
}

type InputField = keyof PreviousValues;
const INPUT_FIELDS: readonly InputField[] = ['actual', 'prior', 'reason', 'note'];

/** A value that has no place in the new sheet: reported to the user, never dropped silently. */
export interface UnplacedValue {
  readonly code: string;
  readonly field: InputField;
  readonly value: LiteralValue;
  /** `unknownCode`: the indicator is no longer in the campaign; `notAnInput`: e.g. 上年同期 of a row that is no longer `growth`. */
  readonly why: 'unknownCode' | 'notAnInput';
}

export interface ReapplyResult {
  readonly spec: SheetSpec;
  readonly placed: number;
  readonly unplaced: readonly UnplacedValue[];
}

const isBlankValue = (v: LiteralValue | undefined): v is null | undefined => v === null || v === undefined || v === '';

/**
 * Places previously entered values into a freshly built template, matching rows by indicator code (so a plan
 * whose order changed still gets every value in the right row). Only input cells receive values.
 */
export function reapplyValuesWithReport(
  spec: SheetSpec,
  previousValuesByCode: ReadonlyMap<string, PreviousValues>,
): ReapplyResult {
  if (spec.marker?.type !== TEMPLATE_MARKER_TYPE)
    throw new TypeError(`sheet ${spec.name} is not a template built by buildTemplate`);
  const codeColumn = columnNumber(COLUMN.code);
  const fieldOfColumn = new Map<number, InputField>(INPUT_FIELDS.map((f) => [columnNumber(COLUMN[f]), f]));

  const codeOfRow = new Map<number, string>();
  for (const block of spec.blocks) {
    const at = parseCell(block.at);
    block.rows.forEach((cells, r) => {
      const v = cells[codeColumn - at.column]?.value;
      if (at.row + r >= ROWS.firstIndicator && typeof v === 'string' && previousValuesByCode.has(v))
        codeOfRow.set(at.row + r, v);
    });
  }

  let placed = 0;
  const unplaced: UnplacedValue[] = [];
  const blocks = spec.blocks.map((block): BlockSpec => {
    const at = parseCell(block.at);
    return {
      ...block,
      rows: block.rows.map((cells, r) => {
        const code = codeOfRow.get(at.row + r);
        const previous = code === undefined ? undefined : previousValuesByCode.get(code);
        if (code === undefined || previous === undefined) return cells;
        return cells.map((cell, c) => {
          const field = fieldOfColumn.get(at.column + c);
          const value = field === undefined ? undefined : previous[field];
          if (field === undefined || isBlankValue(value)) return cell;
          if (cell?.style !== 'input' || cell.formula !== undefined) {
            unplaced.push({ code, field, value, why: 'notAnInput' });
            return cell;
          }
          placed++;
          return { ...cell, value };
        });
      }),
    };
  });

  const present = new Set(codeOfRow.values());
  for (const [code, previous] of previousValuesByCode) {
    if (present.has(code)) continue;
    for (const field of INPUT_FIELDS) {
      const value = previous[field];
      if (!isBlankValue(value)) unplaced.push({ code, field, value, why: 'unknownCode' });
    }
  }
  return { spec: writableSpec({ ...spec, blocks }), placed, unplaced };
}

/** `reapplyValuesWithReport` for callers that only need the sheet (see its `unplaced` for values left out). */
export function reapplyValues(spec: SheetSpec, previousValuesByCode: ReadonlyMap<string, PreviousValues>): SheetSpec {
  return reapplyValuesWithReport(spec, previousValuesByCode).spec;
}
