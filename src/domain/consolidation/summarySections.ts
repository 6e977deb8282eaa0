import { DEFAULT_STATUS_THRESHOLDS, isPacedTier } from '../calc/calc';
import { columnLetters } from '../grid/address';
import { EXCEL_CELL_TEXT_LIMIT, type CellSpec, type ChartSpec, type ConditionalFormatSpec } from '../grid/sheetSpec';
import type { Plan } from '../plan/schema';
import { DEFAULT_PLAN_SETTINGS } from '../plan/settings';
import { STATE_STYLES, TIER_FORMAT, fitWidth, tierFormat, tierWords, valueFormat } from '../template/formats';
import { actualHeader } from '../template/layout';
import type { CampaignSummary, IndicatorSummary, SourceCell } from './aggregate';
import type { Consolidation } from './consolidate';
import { originPlace } from './sources';
import { officeTime } from './officeTime';
import { describeProblem } from '../i18n/messages';
import { SUBMISSION_STATES, type MatrixCell, type SubmissionState } from './matrix';
import type { SummaryExtras, SummarySupervision, SummaryTrend } from './summaryExtras';
import {
  DETAIL_SHEET,
  OUT_OF_RANGE,
  SHEET_WORDS,
  SheetBuilder,
  chineseNumeral,
  lightConditionalFormats,
  monthRange,
  sheetTitle,
  tierConditionalFormats,
  valueCell,
  zh,
} from './sheetParts';

/**
 * The sections of 汇总, top to bottom: title and subtitle, the indicator table (a header row per campaign, a row
 * per indicator), 滞后指标清单, 报送情况 (the submission matrix), the charts and their data, the notes.
 */

/** Columns of the summary table (A…S): the month, last month and the change (SPEC §10), then the words. */
export const SUMMARY_COLUMNS = [
  'seq',
  'code',
  'name',
  'unit',
  'target',
  'stretch',
  'actual',
  'attainment',
  'tier',
  'expected',
  'paceGap',
  'light',
  'lastAttainment',
  'lastLight',
  'change',
  'dataState',
  'department',
  'reporters',
  'reasons',
] as const;
type SummaryKey = (typeof SUMMARY_COLUMNS)[number];
export const SUMMARY_COL: Readonly<Record<SummaryKey, string>> = Object.fromEntries(
  SUMMARY_COLUMNS.map((k, i) => [k, columnLetters(i + 1)]),
) as Record<SummaryKey, string>;
export const SUMMARY_WIDTH = SUMMARY_COLUMNS.length;

/** Rows of the summary sheet, fixed at the top. */
export const SUMMARY_ROWS = { marker: 1, title: 2, subtitle: 3, header: 4, first: 5 } as const;

/** Where 一键汇总 leaves the selection: the title, never A1 (the hidden marker row, whose text the formula bar shows). */
export const SUMMARY_TITLE_CELL = `A${SUMMARY_ROWS.title}`;

export type SummaryHeaders = Readonly<Record<SummaryKey, string>>;

export function summaryHeaders(month: number | undefined): SummaryHeaders {
  return {
    seq: '序号',
    code: '指标编码',
    name: '指标名称',
    unit: '单位',
    target: '确保目标',
    stretch: '力争目标',
    actual: month === undefined ? '累计完成' : actualHeader(month),
    attainment: '完成率',
    tier: '力争档',
    expected: '序时进度',
    paceGap: '快慢序时（百分点）',
    light: '状态',
    lastAttainment: '上月完成率',
    lastLight: '上月状态',
    change: '较上月',
    dataState: '数据状态',
    department: '责任单位',
    reporters: '报送单位数',
    reasons: '滞后原因及措施',
  };
}

/** The ideographic space that separates items on one line of Chinese text. */
const SEP = '\u3000';
/** A long list cut where 汇总 can point to where the whole is (writableSpec would cut it without saying where). */
function clip(text: string): string {
  return text.length <= EXCEL_CELL_TEXT_LIMIT ? text : `${text.slice(0, EXCEL_CELL_TEXT_LIMIT - 12)}…（详见明细表）`;
}

export function summaryTitle(result: Pick<Consolidation, 'planTitle' | 'period'>): string {
  return sheetTitle(result, '指标完成情况汇总表');
}

export function stateText(state: SubmissionState): string {
  return zh(`consolidation.state.${state}`);
}

/**
 * A matrix cell's words: its state, with 已更正 noted where a submission superseded an earlier one (SPEC §8),
 * 待核实 where a value it submitted is still to be verified (SPEC §6) and 逾期 where the submission counted was saved
 * after the deadline (SPEC §10): 已报（已更正、待核实、逾期）.
 */
export function matrixText(cell: Pick<MatrixCell, 'state' | 'corrected' | 'doubtful'>, overdue = false): string {
  const notes = [
    ...(cell.corrected ? [zh('consolidation.state.corrected')] : []),
    ...(cell.doubtful ? [zh('data.doubtful')] : []),
    ...(overdue ? [zh('bulletin.timeliness.overdue')] : []),
  ];
  return notes.length > 0 ? `${stateText(cell.state)}（${notes.join('、')}）` : stateText(cell.state);
}

/** Where each summary row of an indicator is, for the reconciliation in 明细. */
export function summaryRowsByCode(result: Consolidation): ReadonlyMap<string, number> {
  const rows = new Map<string, number>();
  let row = SUMMARY_ROWS.first;
  for (const c of result.campaigns) {
    row++; // the campaign's header row
    for (const s of c.indicators) rows.set(s.code, row++);
  }
  return rows;
}

// ————— title and subtitle —————

/**
 * The plan's settings a reader of 汇总 is told about (deadline day, office time, escalation runs), each the plan's own
 * or its default: the notes say the rules this run applied, not the SPEC's defaults.
 */
function settingsOf(plan: Plan) {
  return {
    escalation: { ...DEFAULT_PLAN_SETTINGS.escalation, ...plan.settings?.escalation },
    timeliness: { ...DEFAULT_PLAN_SETTINGS.timeliness, ...plan.settings?.timeliness },
  };
}

/** Paced indicators whose 序时进度 comes from their own 分月计划 rather than m/12 (SPEC §5). */
function monthlyPlanned(plan: Plan): number {
  return plan.campaigns.flatMap((c) => c.indicators).filter((i) => i.paced && (i.monthlyPlan?.length ?? 0) > 0).length;
}

/** 报告期, 序时进度, the submissions expected and made, the lights: one line under the title. */
function subtitleText(result: Consolidation, plan: Plan): string {
  const p = result.period;
  if (!p) return '没有可汇总的报表';
  const matrixCells = result.matrix.rows.flat();
  const count = (s: SubmissionState): number => matrixCells.filter((c) => c.expected && c.state === s).length;
  const expectedCount = matrixCells.filter((c) => c.expected).length;
  const pace = (Math.round((result.expected ?? 0) * 1000) / 10).toFixed(1);
  const planned = monthlyPlanned(plan);
  const indicators = result.campaigns.reduce((n, c) => n + c.indicators.length, 0);
  const { green, yellow, red, none, invalid, doubtful } = result.counts;
  return (
    `报告期：${p.year}年${monthRange(p.month)}累计${SEP}序时进度：${pace}%（${p.month}/12${planned > 0 ? `；${planned} 项指标按分月计划，见“序时进度”栏` : ''}）${SEP}` +
    `应报 ${expectedCount} 份：已报 ${count('submitted')}，未报 ${count('missing') + count('otherPeriod')}，有误 ${count('invalid')}，冲突 ${count('conflict')}${SEP}` +
    `指标 ${indicators} 项：绿 ${green}，黄 ${yellow}，红 ${red}，未填报 ${none}，数据有误 ${invalid}，待核实 ${doubtful}`
  );
}

/** Title, subtitle and the table's header row (rows 2–4). */
export function addTitle(b: SheetBuilder, result: Consolidation, plan: Plan, headers: SummaryHeaders): void {
  b.section();
  b.addWide(valueCell(summaryTitle(result), 'title'));
  b.addWide(valueCell(subtitleText(result, plan), 'subtitle'));
  b.add(SUMMARY_COLUMNS.map((k) => valueCell(headers[k], 'header')));
}

// ————— the indicator table —————

function reasonsText(s: IndicatorSummary): string {
  return clip(s.reasons.map((r) => `${r.department}：${r.text}`).join('\n'));
}

/** A source cell as a person finds it: sheet!cell, with the file before it for an imported one. */
function cellName(c: SourceCell): string {
  return originPlace(c.origin, c.cell);
}

/**
 * The row's data state in words, naming the cells (SPEC §6): 数据有误 with the cells of a row with no usable value;
 * 待核实 with the cells of the counted values to verify, and 数据有误（未计入） with those left out beside them.
 */
function dataStateText(s: IndicatorSummary): string | null {
  const names = (cells: readonly SourceCell[]): string => cells.map(cellName).join('、');
  const invalid = zh('data.invalid');
  if (s.dataState === 'invalid') return clip(`${invalid}：${names(s.invalid)}`);
  const parts = [
    ...(s.doubtful.length > 0 ? [`${zh('data.doubtful')}：${names(s.doubtful)}`] : []),
    ...(s.invalid.length > 0 ? [`${invalid}（未计入）：${names(s.invalid)}`] : []),
  ];
  return parts.length > 0 ? clip(parts.join('；')) : null;
}

/** The 状态 cell: the light, 数据有误 where no value is usable (never 未填报), or that it cannot be computed. */
function lightCell(s: IndicatorSummary): CellSpec {
  if (s.dataState === 'invalid') return valueCell(zh('data.invalid'), 'status');
  // A light that cannot be computed is said in words, not shown as 未填报 (a problem explains it).
  return s.light === null ? valueCell(zh('light.unknown'), 'center') : valueCell(s.light, 'status');
}

/** Is the row's tier compared with the paced targets (序时达力争 / 序时达确保 / 序时未达, SPEC §4)? */
const pacedTier = (s: IndicatorSummary): boolean => isPacedTier(s.kind, s.expected ?? 1);

/** Last month's light: blank where there was no record or no light (the change column says why). */
function lastLightCell(t: SummaryTrend | undefined): CellSpec {
  return t === undefined || t.previousLight === null ? valueCell(null, 'center') : valueCell(t.previousLight, 'status');
}

/**
 * The cells of one indicator row; `last` is the summary's 报送单位数 or, in the lagging list, the campaign; `trend`
 * last month and the change, where the history has them.
 */
function indicatorCells(s: IndicatorSummary, seq: number, last: CellSpec, trend?: SummaryTrend): CellSpec[] {
  const fmt = valueFormat(s.kind, s.unit);
  const tierFmt = tierFormat(pacedTier(s), s.target === null && s.stretch !== null);
  const cells: Record<SummaryKey, CellSpec> = {
    seq: valueCell(seq, 'center'),
    code: valueCell(s.code, 'center'),
    name: valueCell(s.name, 'text'),
    unit: valueCell(s.unit, 'center'),
    target: valueCell(s.target, 'number', fmt),
    stretch: valueCell(s.stretch, 'number', fmt),
    actual: valueCell(s.actual, 'number', fmt),
    attainment: valueCell(s.attainment, 'percent'),
    tier: tierFmt === TIER_FORMAT ? valueCell(s.tier, 'tier') : valueCell(s.tier, 'tier', tierFmt),
    expected: valueCell(s.expected, 'percent'),
    paceGap: valueCell(s.paceGap, 'gap'),
    light: lightCell(s),
    lastAttainment: valueCell(trend?.previousAttainment ?? null, 'percent'),
    lastLight: lastLightCell(trend),
    change: valueCell(trend ? zh(trend.changeKey) : null, 'center'),
    dataState: valueCell(dataStateText(s), 'text'),
    department: valueCell(s.department, 'text'),
    reporters: last,
    reasons: valueCell(s.reasons.length ? reasonsText(s) : null, 'text'),
  };
  // A result beyond a number's range shows #NUM! (as text: it never breaks a formula that reads the row).
  for (const k of s.outOfRange) cells[k] = valueCell(OUT_OF_RANGE, 'number');
  return SUMMARY_COLUMNS.map((k) => cells[k]);
}

function addCampaignRow(b: SheetBuilder, c: CampaignSummary): void {
  const n = c.counts;
  b.addSpans([
    { span: 1, cell: valueCell(chineseNumeral(c.number), 'campaignNo') },
    { span: 3, cell: valueCell(`${c.name}攻坚战`, 'campaign') },
    { span: 3, cell: valueCell(`指挥长：${c.commander}`, 'campaign') },
    { span: 4, cell: valueCell(`牵头部门：${c.leadDepartment}`, 'campaign') },
    {
      span: SUMMARY_WIDTH - 11,
      cell: valueCell(
        `绿 ${n.green}${SEP}黄 ${n.yellow}${SEP}红 ${n.red}${SEP}未填报 ${n.none}${SEP}数据有误 ${n.invalid}${SEP}待核实 ${n.doubtful}`,
        'campaign',
      ),
    },
  ]);
}

/** Light, data-state and tier colours on rows `first`…`last` of the table's columns. */
function lightAndTierFormats(first: number, last: number): ConditionalFormatSpec[] {
  const column = (key: SummaryKey): string => `${SUMMARY_COL[key]}${first}:${SUMMARY_COL[key]}${last}`;
  // 数据有误 in 状态, and the mark in 数据状态 (it starts with its word), in the data states' colours (SPEC §6).
  const states = STATE_STYLES.flatMap((st): ConditionalFormatSpec[] => [
    {
      range: column('light'),
      rule: { type: 'expression', formula: `=$${SUMMARY_COL.light}${first}="${st.text}"` },
      format: { fill: st.fill, fontColor: st.fontColor },
      stopIfTrue: true,
    },
    {
      range: column('dataState'),
      rule: { type: 'expression', formula: `=LEFT($${SUMMARY_COL.dataState}${first},${st.text.length})="${st.text}"` },
      format: { fill: st.fill, fontColor: st.fontColor },
      stopIfTrue: true,
    },
  ]);
  const change = (word: 'better' | 'worse', fill: string, fontColor: string): ConditionalFormatSpec => ({
    range: column('change'),
    rule: { type: 'expression', formula: `=$${SUMMARY_COL.change}${first}="${zh(`bulletin.change.${word}`)}"` },
    format: { fill, fontColor },
    stopIfTrue: true,
  });
  return [
    ...lightConditionalFormats(column('light')),
    ...states,
    ...tierConditionalFormats(SUMMARY_COL.tier, first, last),
    ...lightConditionalFormats(column('lastLight')),
    change('better', '#C6EFCE', '#006100'),
    change('worse', '#FFC7CE', '#9C0006'),
  ];
}

const trendsByCode = (extras: SummaryExtras): ReadonlyMap<string, SummaryTrend> =>
  new Map((extras.trends ?? []).map((t) => [t.code, t]));

/** Per campaign a header row (指挥长, 牵头部门, light counts), then one row per indicator. */
export function addIndicatorTable(b: SheetBuilder, result: Consolidation, extras: SummaryExtras = {}): void {
  const first = b.section();
  const trends = trendsByCode(extras);
  for (const c of result.campaigns) {
    addCampaignRow(b, c);
    c.indicators.forEach((s, i) =>
      b.add(indicatorCells(s, i + 1, valueCell(s.counted.length, 'center'), trends.get(s.code))),
    );
  }
  b.format(...lightAndTierFormats(first, b.row - 1));
}

// ————— 滞后指标清单 —————

/** The 黄/红 indicators with their reasons (or a note that there are none), the campaign in place of 报送单位数. */
export function addLaggingList(
  b: SheetBuilder,
  result: Consolidation,
  headers: SummaryHeaders,
  extras: SummaryExtras = {},
): void {
  b.section(1);
  const yellow = result.lagging.filter((s) => s.light === 2).length;
  const red = result.lagging.filter((s) => s.light === 1).length;
  b.addWide(valueCell(`滞后指标清单（红灯 ${red} 项，黄灯 ${yellow} 项）`, 'section'));
  b.add(SUMMARY_COLUMNS.map((k) => valueCell(k === 'reporters' ? '攻坚战' : headers[k], 'header')));
  if (result.lagging.length === 0) {
    b.addWide(valueCell('无黄灯、红灯指标', 'center'));
    return;
  }
  const first = b.row;
  const campaignName = new Map(result.campaigns.map((c) => [c.id, c.name]));
  const reasonsAt = SUMMARY_COLUMNS.indexOf('reasons');
  const trends = trendsByCode(extras);
  result.lagging.forEach((s, i) => {
    const campaign = valueCell(campaignName.get(s.campaignId) ?? s.campaignId, 'center');
    const cells = indicatorCells(s, i + 1, campaign, trends.get(s.code));
    if (s.reasons.length === 0) cells[reasonsAt] = valueCell('（未填写滞后原因及措施）', 'text');
    b.add(cells);
  });
  b.format(...lightAndTierFormats(first, b.row - 1));
}

// ————— 报送情况 —————

const STATE_FILLS: Readonly<Record<SubmissionState, { fill: string; fontColor: string }>> = {
  submitted: { fill: '#C6EFCE', fontColor: '#006100' },
  missing: { fill: '#D9D9D9', fontColor: '#404040' },
  invalid: { fill: '#FFC7CE', fontColor: '#9C0006' },
  conflict: { fill: '#F4B084', fontColor: '#833C0B' },
  otherPeriod: { fill: '#FFEB9C', fontColor: '#9C5700' },
  notExpected: { fill: '#FFFFFF', fontColor: '#A6A6A6' },
};

/** The submission matrix: a row per department, a column per campaign (from D), each state in words and colour. */
export function addSubmissionMatrix(
  b: SheetBuilder,
  result: Consolidation,
  plan: Plan,
  extras: SummaryExtras = {},
): void {
  b.section(1);
  const late = new Set((extras.overdue ?? []).map((c) => JSON.stringify([c.department, c.campaignId])));
  const isLate = (c: MatrixCell): boolean => late.has(JSON.stringify([c.department, c.campaignId]));
  const textOf = (c: MatrixCell): string => matrixText(c, isLate(c));
  const p = result.period;
  const campaigns = result.matrix.campaignIds.map((id) => result.campaigns.find((c) => c.id === id));
  const width = Math.max(b.width, 3 + campaigns.length);
  b.addWide(valueCell(`报送情况${p ? `（${p.year}年${p.month}月）` : ''}`, 'section'));
  b.addSpans(
    [
      { span: 1, cell: valueCell('序号', 'header') },
      { span: 2, cell: valueCell('填报单位', 'header') },
      ...campaigns.map((c) => ({ span: 1, cell: valueCell(c ? `${c.name}` : '', 'header') })),
    ],
    width,
  );
  const first = b.row;
  result.matrix.rows.forEach((cells, i) => {
    b.addSpans(
      [
        { span: 1, cell: valueCell(i + 1, 'center') },
        { span: 2, cell: valueCell(result.matrix.departments[i] ?? '', 'text') },
        ...cells.map((c) => ({ span: 1, cell: valueCell(textOf(c), 'state') })),
      ],
      width,
    );
  });
  if (result.matrix.rows.length === 0 || campaigns.length === 0) return;
  const from = columnLetters(4);
  const to = columnLetters(3 + campaigns.length);
  const range = `${from}${first}:${to}${b.row - 1}`;
  const rule = (text: string, s: SubmissionState): ConditionalFormatSpec => ({
    range,
    rule: { type: 'expression', formula: `=${from}${first}="${text}"` },
    format: STATE_FILLS[s],
    stopIfTrue: true,
  });
  // Noted cells (已更正, 待核实, 逾期) coloured as their state; their rules and notes only where there are such cells.
  const cells = result.matrix.rows.flat();
  const noted = SUBMISSION_STATES.flatMap((s) => [
    ...new Set(cells.filter((c) => c.state === s && (c.corrected || c.doubtful || isLate(c))).map(textOf)),
  ]);
  const stateOf = new Map(cells.map((c) => [textOf(c), c.state]));
  b.format(
    ...SUBMISSION_STATES.map((s) => rule(stateText(s), s)),
    ...noted.map((text) => rule(text, stateOf.get(text) ?? 'submitted')),
  );
  if (cells.some((c) => c.corrected)) b.addNotes(CORRECTED_NOTE);
  if (cells.some((c) => c.doubtful)) b.addNotes(DOUBTFUL_NOTE);
  if (cells.some(isLate)) b.addNotes(overdueNote(plan));
}

function overdueNote(plan: Plan): string {
  const { deadlineDay, utcOffsetMinutes } = settingsOf(plan).timeliness;
  return (
    `注：“（逾期）”表示计入汇总的一份报表保存于报送截止日（次月 ${deadlineDay} 日，${officeTime(utcOffsetMinutes)}）之后；` +
    '只对导入的文件判断（以工作簿属性中的最后保存时间为准），本工作簿中的工作表没有各自的保存时间，不作判断。'
  );
}

// ————— 督办清单 —————

/** A month's light in words (绿/黄/红/未填报). */
const lightWord = (l: number): string => zh(`light.${l}` as 'light.1');

/**
 * 督办清单 (SPEC §10): every indicator escalated to 效能监察 or 督办, with its responsible department, the run of lights
 * month by month and each month's reason — or a line saying there is none. Left out where no history was given.
 */
export function addSupervisionList(b: SheetBuilder, result: Consolidation, extras: SummaryExtras = {}): void {
  if (!extras.supervision) return; // no history given: nothing can be said either way
  b.section(1);
  const items = extras.supervision;
  const count = (level: SummarySupervision['level']): number => items.filter((i) => i.level === level).length;
  b.addWide(valueCell(`督办清单（效能监察 ${count('inspection')} 项，督办 ${count('supervision')} 项）`, 'section'));
  const spans = [1, 2, 1, 3, 2, 2, 2, SUMMARY_WIDTH - 13] as const;
  const row = (cells: readonly CellSpec[]): number =>
    b.addSpans(cells.map((cell, i) => ({ span: spans[i] ?? 1, cell })));
  row(
    ['序号', '督办类型', '指标编码', '指标名称', '责任单位', '连续亮灯', '各月亮灯', '各月滞后原因及措施'].map((h) =>
      valueCell(h, 'header'),
    ),
  );
  if (items.length === 0) {
    b.addWide(valueCell('无督办、效能监察事项', 'center'));
    return;
  }
  const names = new Map(result.campaigns.flatMap((c) => c.indicators.map((s) => [s.code, s.name] as const)));
  const first = b.row;
  items.forEach((item, i) => {
    const lights = item.months.map((m) => `${m.month}月 ${lightWord(m.light)}`).join('、');
    const reasons = item.months.map((m) => `${m.month}月：${m.reason === '' ? '（未填写）' : m.reason}`).join('\n');
    row([
      valueCell(i + 1, 'center'),
      valueCell(zh(`bulletin.level.${item.level}`), 'state'),
      valueCell(item.code, 'center'),
      valueCell(names.get(item.code) ?? '', 'text'),
      valueCell(item.department, 'text'),
      valueCell(describeProblem(item.run, SHEET_WORDS), 'center'),
      valueCell(lights, 'text'),
      valueCell(clip(reasons), 'text'),
    ]);
  });
  // 效能监察 in red, 督办 in amber, as the lights they come from.
  const level = columnLetters(2);
  const range = `${level}${first}:${level}${b.row - 1}`;
  const levels = [
    ['inspection', '#FFC7CE', '#9C0006'],
    ['supervision', '#FFEB9C', '#9C5700'],
  ] as const;
  b.format(
    ...levels.map(([l, fill, fontColor]): ConditionalFormatSpec => ({
      range,
      rule: { type: 'expression', formula: `=$${level}${first}="${zh(`bulletin.level.${l}`)}"` },
      format: { fill, fontColor },
      stopIfTrue: true,
    })),
  );
}

const CORRECTED_NOTE =
  '注：“（已更正）”表示该单位本期报送了不止一份，以最后保存的一份（保存时间相同或无法确定时，以区考评办在任务窗格中' +
  '确认“以此为准”的一份）为准；较早的一份在“明细”表中标为“已被更正”，不计入汇总。';

const DOUBTFUL_NOTE =
  '注：“（待核实）”表示该单位报送的数值中有存疑的（如超过目标 10 倍），已计入汇总，指标表“数据状态”栏列出其单元格；' +
  '该单位核对后改正，或在其报表“备注”栏填写“已核实”确认，再次汇总即不再标注。';

// ————— chart data and charts —————

/** The charts' height in rows. */
const CHART_ROWS = 18;

/**
 * The charts' data (per campaign: average attainment and 序时进度 in B:D, light counts in F:J), then below it,
 * after an empty row, the two native charts side by side.
 */
export function addCharts(b: SheetBuilder, result: Consolidation): ChartSpec[] {
  b.section(1);
  b.addWide(valueCell('图表数据（各攻坚战平均完成率与序时进度、亮灯情况）', 'section'));
  const header = b.add(
    [
      null,
      valueCell('攻坚战', 'header'),
      valueCell('平均完成率', 'header'),
      valueCell('平均序时进度', 'header'),
      null,
      valueCell('攻坚战', 'header'),
      valueCell('绿', 'header'),
      valueCell('黄', 'header'),
      valueCell('红', 'header'),
      valueCell('未填报', 'header'),
      valueCell('数据有误', 'header'),
    ].map((c) => c ?? {}),
  );
  for (const c of result.campaigns) {
    b.add([
      {},
      valueCell(c.name, 'center'),
      valueCell(c.averageAttainment, 'percent'),
      valueCell(c.averageExpected, 'percent'),
      {},
      valueCell(c.name, 'center'),
      valueCell(c.counts.green, 'center'),
      valueCell(c.counts.yellow, 'center'),
      valueCell(c.counts.red, 'center'),
      valueCell(c.counts.none, 'center'),
      valueCell(c.counts.invalid, 'center'),
    ]);
  }
  const last = header + result.campaigns.length;
  b.skip(1);
  const top = b.row;
  const bottom = top + CHART_ROWS - 1;
  b.skip(CHART_ROWS);
  return [
    {
      name: 'AttainmentVsPace',
      type: 'columnClustered',
      source: `B${header}:D${last}`,
      seriesBy: 'columns',
      title: '各攻坚战平均完成率与序时进度',
      from: `A${top}`,
      to: `G${bottom}`,
    },
    {
      name: 'LightsByCampaign',
      type: 'columnStacked',
      source: `F${header}:K${last}`,
      seriesBy: 'columns',
      title: '各攻坚战亮灯情况（指标数）',
      from: `H${top}`,
      to: `O${bottom}`,
    },
  ];
}

// ————— notes —————

function notesText(plan: Plan): string {
  const t = plan.thresholds ?? DEFAULT_STATUS_THRESHOLDS;
  const { escalation, timeliness } = settingsOf(plan);
  const pts = (x: number): string => String(Math.round(x * 1000) / 10);
  return [
    '说明：',
    '1. 累计完成：求和类为各单位填报值之和；增速类为 Σ本期累计 ÷ Σ上年同期 − 1（只计本期数与上年同期数都有效的单位），本栏显示增速；单一类取责任单位的填报值。',
    '2. 完成率按指标类型计算（增速类为 (1+实际增速)÷(1+目标增速)，排名类达到目标位次为 100%），不封顶；只有力争目标的指标按力争目标计算。',
    '3. 序时进度：按序时考核的指标为 月份÷12，有分月计划的为 当月计划累计数÷全年目标（见“指标库”），其余为 100%。快慢序时 = 完成率 − 序时进度（增速类为实际增速 − 目标增速），单位为百分点，负数为滞后。',
    `4. 状态：绿 = 达到序时进度（或目标）；黄 = 滞后 ${pts(t.yellowBand)} 个百分点以内（增速类 ${pts(t.growthYellowBand)} 个百分点以内）；红 = 严重滞后；未填报 = 没有填报；数据有误 = 填了但没有可用的数值（文字、负数、达到目标 1000 倍以上等），不计入、不亮灯。黄、红须写明滞后原因及措施。`,
    '   数据状态：待核实 = 计入汇总但存疑的数值（如超过目标 10 倍），列出其单元格，填报单位改正或在“备注”栏填写“已核实”后不再标注；数据有误（未计入）= 同一指标其他单位的数值有误、未计入。待核实的指标同时计入其亮灯数。',
    '5. 各攻坚战平均完成率按已填报指标计算，单项完成率超过 120% 的按 120% 计。',
    `6. 报送情况：已报 = 报送并计入（“待核实”注明有存疑数值，“逾期”注明保存于次月 ${timeliness.deadlineDay} 日之后，${officeTime(timeliness.utcOffsetMinutes)}）；未报 = 应报未报；有误 = 报表结构或数值有错误；冲突 = 同一单位同一攻坚战报送了两份及以上，均未计入；期别不符 = 只报送了其他报告期的报表；— = 无须报送。`,
    `7. 上月完成率、上月状态取自“历史”表中上一个月的记录；较上月：状态变好或变差为好转或下滑，状态相同时比较快慢序时，相等为持平；上月或本月没有亮灯的，注明原因。督办清单：连续 ${escalation.supervisionAfter} 个月黄灯或红灯的指标列为督办，连续 ${escalation.inspectionAfter} 个月红灯的列为效能监察（没有亮灯的月份不计入也不中断）。`,
    `8. 每个数值的来源（单位、文件、工作表、单元格）、汇总核对和问题清单见“${DETAIL_SHEET}”表。本表由加载项生成，重新汇总时整表重写，请勿在本表中填报。`,
  ].join('\n');
}

/** How the figures are made, and where their sources are; returns the notes' row. */
export function addNotes(b: SheetBuilder, plan: Plan): number {
  b.section(1);
  return b.addNotes(notesText(plan));
}

/** Column widths, fitted to the texts where they vary. */
export function summaryColumnWidths(
  result: Consolidation,
  headers: SummaryHeaders,
): { readonly column: string; readonly width: number }[] {
  const all = result.campaigns.flatMap((c) => c.indicators);
  const widths: Record<SummaryKey, number> = {
    seq: 6,
    code: fitWidth(['指标编码', ...all.map((s) => s.code)], 9, 12),
    name: fitWidth(['指标名称', ...all.map((s) => s.name)], 24, 40),
    unit: fitWidth(['单位', ...all.map((s) => s.unit)], 7, 12),
    target: 10,
    stretch: 10,
    actual: fitWidth([headers.actual], 12, 16),
    attainment: 9,
    tier: fitWidth(['未达确保', ...(all.some(pacedTier) ? tierWords(true, false) : [])], 10, 12),
    expected: 9,
    paceGap: 11,
    light: 8,
    lastAttainment: 9,
    lastLight: 8,
    change: 11,
    // Fixed, the text wraps: the cells it names are where the values are, and a re-run of moved sheets keeps its width.
    dataState: 24,
    department: fitWidth(
      ['责任单位', ...all.map((s) => s.department), ...result.matrix.departments.map((d) => d.slice(0, 8))],
      12,
      18,
    ),
    reporters: 8,
    reasons: 44,
  };
  return SUMMARY_COLUMNS.map((k) => ({ column: SUMMARY_COL[k], width: widths[k] }));
}
