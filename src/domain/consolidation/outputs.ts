import { DEFAULT_STATUS_THRESHOLDS, endOfMonth, toExcelSerial } from '../calc/calc';
import { CALC_ZH } from '../i18n/calc.zh';
import { CONSOLIDATION_ZH } from '../i18n/consolidation.zh';
import { describeProblem, formatMessage, type MessageKey } from '../i18n/messages';
import { PLAN_ZH } from '../i18n/plan.zh';
import { VALIDATION_ZH } from '../i18n/validation.zh';
import { WORDS_ZH } from '../i18n/words.zh';
import type { Plan } from '../plan/schema';
import type {
  BlockSpec,
  BorderSpec,
  CellSpec,
  ChartSpec,
  ConditionalFormatSpec,
  SheetSpec,
  StyleSpec,
} from '../grid/sheetSpec';
import type { LiteralValue } from '../grid/cells';
import {
  LIGHT_STYLES,
  PERCENT_FORMAT,
  PERIOD_FORMAT,
  STATUS_FORMAT,
  STRETCH_ONLY_TIER_FORMAT,
  TEXT_FORMAT,
  TIER_FORMAT,
  TIER_STYLES,
  fitWidth,
  valueFormat,
} from '../template/formats';
import { actualHeader } from '../template/layout';
import { columnLetters } from '../grid/address';
import type { Period } from '../validation/period';
import { DETAIL_MARKER_TYPE, SUMMARY_MARKER_TYPE } from '../grid/ownSheets';
import type { CampaignSummary, IndicatorSummary } from './aggregate';
import type { Consolidation } from './consolidate';
import type { DetailRecord } from './details';
import type { MatrixCell, SubmissionState } from './matrix';
import type { ConsolidationProblem } from './problems';
import type { Origin } from './sources';

/**
 * The sheets 一键汇总 writes (SPEC §8), as declarative SheetSpecs: 汇总 (the summary, its lagging list, the
 * submission matrix and charts) and 明细 (every source value with its origin, a live reconciliation of every
 * summary row, and the problem list). Regenerated in place from the consolidation alone, so that a re-run of the
 * same sources writes the same sheets.
 *
 * Every text copied from a source (reasons, department, file and sheet names) goes into a cell's `value`, which
 * the adapters always write as text; no formula is ever built from source text. Formulas hold only the add-in's
 * own words and cell references. 明细 refers to 汇总, so 汇总 is written first.
 */

/** The version of the 汇总 and 明细 sheets' layout, in their markers. */
export const OUTPUT_VERSION = 1;

export const SUMMARY_SHEET = '汇总';
export const DETAIL_SHEET = '明细';

/** The sheets are written in Chinese: every message they show, in that language. */
const SHEET_WORDS = { ...CALC_ZH, ...WORDS_ZH, ...PLAN_ZH, ...VALIDATION_ZH, ...CONSOLIDATION_ZH };

const zh = (key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string =>
  formatMessage(SHEET_WORDS, key, params);

/**
 * The tolerance of the reconciliation, as a plain decimal (HyperFormula does not parse `1E-9`). Booleans in
 * formulas are written TRUE() and FALSE(): valid Excel, and the only spelling HyperFormula reads.
 */
const TOL = '0.000000001';
/** The ideographic space that separates items on one line of Chinese text. */
const SEP = '\u3000';
/** Excel's limit on the text of one cell. */
const CELL_TEXT_LIMIT = 32767;

const BORDER: BorderSpec = { style: 'thin', color: '#BFBFBF' };

const STYLES: Readonly<Record<string, StyleSpec>> = {
  title: { font: { bold: true, size: 16 }, horizontal: 'center', vertical: 'center' },
  subtitle: { font: { size: 10, color: '#404040' }, horizontal: 'center', vertical: 'center', wrap: true },
  section: { font: { bold: true, size: 12, color: '#1F4E79' }, horizontal: 'left', vertical: 'center' },
  header: {
    font: { bold: true },
    fill: '#DDEBF7',
    horizontal: 'center',
    vertical: 'center',
    wrap: true,
    border: BORDER,
  },
  campaign: { font: { bold: true }, fill: '#F2F2F2', horizontal: 'left', vertical: 'center', border: BORDER },
  campaignNo: { font: { bold: true }, fill: '#F2F2F2', horizontal: 'center', vertical: 'center', border: BORDER },
  center: { horizontal: 'center', vertical: 'center', border: BORDER },
  text: { horizontal: 'left', vertical: 'center', wrap: true, border: BORDER, numberFormat: TEXT_FORMAT },
  number: { horizontal: 'right', vertical: 'center', border: BORDER },
  percent: { horizontal: 'right', vertical: 'center', border: BORDER, numberFormat: PERCENT_FORMAT },
  gap: { horizontal: 'right', vertical: 'center', border: BORDER, numberFormat: '+0.0;[Red]-0.0;0.0' },
  tier: { horizontal: 'center', vertical: 'center', border: BORDER, numberFormat: TIER_FORMAT },
  status: {
    font: { bold: true },
    horizontal: 'center',
    vertical: 'center',
    border: BORDER,
    numberFormat: STATUS_FORMAT,
  },
  state: { font: { bold: true }, horizontal: 'center', vertical: 'center', border: BORDER },
  period: { horizontal: 'center', vertical: 'center', border: BORDER, numberFormat: PERIOD_FORMAT },
  bool: { horizontal: 'center', vertical: 'center', border: BORDER },
  link: {
    font: { color: '#0563C1' },
    horizontal: 'left',
    vertical: 'center',
    wrap: true,
    border: BORDER,
    numberFormat: TEXT_FORMAT,
  },
  check: { font: { bold: true }, horizontal: 'center', vertical: 'center', border: BORDER },
  label: { font: { bold: true }, fill: '#F2F2F2', horizontal: 'center', vertical: 'center', border: BORDER },
  notes: { font: { size: 9, color: '#595959' }, horizontal: 'left', vertical: 'top', wrap: true },
};

// ————— shared bits —————

/** 1 → 一, 12 → 十二, 25 → 二十五 (campaign numbers in headings). */
export function chineseNumeral(n: number): string {
  const d = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return d[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : (d[tens] ?? '')}十${ones === 0 ? '' : (d[ones] ?? '')}`;
}

/** "1-6月" (a January report: "1月"). */
export function monthRange(month: number): string {
  return month === 1 ? '1月' : `1-${month}月`;
}

/** The campaigns' collective name from the plan title (关于打赢“五大攻坚战”的总体方案 → 五大攻坚战). */
function planName(title: string): string {
  return /“([^”]+)”/u.exec(title)?.[1] ?? title;
}

export function summaryTitle(result: Pick<Consolidation, 'planTitle' | 'period'>): string {
  const p = result.period;
  return `${planName(result.planTitle)}指标完成情况汇总表（${p ? `${p.year}年${monthRange(p.month)}` : '未选定报告期'}）`;
}

export function detailTitle(result: Pick<Consolidation, 'planTitle' | 'period'>): string {
  const p = result.period;
  return `${planName(result.planTitle)}指标汇总明细（${p ? `${p.year}年${monthRange(p.month)}` : '未选定报告期'}）`;
}

const periodSerial = (p: Period | undefined): number | null => (p ? toExcelSerial(endOfMonth(p.year, p.month)) : null);

function clip(text: string): string {
  return text.length <= CELL_TEXT_LIMIT ? text : `${text.slice(0, CELL_TEXT_LIMIT - 12)}…（详见明细表）`;
}

const v = (value: LiteralValue, style: string, numberFormat?: string): CellSpec =>
  numberFormat ? { value, style, numberFormat } : { value, style };
const f = (formula: string, style: string, numberFormat?: string): CellSpec =>
  numberFormat ? { formula, style, numberFormat } : { formula, style };
const blank = (style: string): CellSpec => ({ style });

/** A row of `width` cells starting at column A, with `parts` laid out from the left; spans are merged. */
function spanned(
  row: number,
  width: number,
  parts: readonly { span: number; cell: CellSpec }[],
  merges: string[],
): CellSpec[] {
  const cells: CellSpec[] = [];
  for (const { span, cell } of parts) {
    const first = cells.length + 1;
    cells.push(cell, ...Array.from({ length: span - 1 }, (): CellSpec => (cell.style ? { style: cell.style } : {})));
    if (span > 1) merges.push(`${columnLetters(first)}${row}:${columnLetters(first + span - 1)}${row}`);
  }
  while (cells.length < width) cells.push({});
  return cells;
}

/** A quoted sheet reference for a formula or a hyperlink: 'it''s'!H7. */
export function sheetRef(sheet: string, cell: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${cell}`;
}

function originFile(o: Origin): string {
  return o.kind === 'file' ? o.file : zh('consolidation.thisWorkbook');
}

// ————— 汇总 —————

/** Columns of the summary table (A…O). */
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
  'department',
  'reporters',
  'reasons',
] as const;
type SummaryKey = (typeof SUMMARY_COLUMNS)[number];
const SUMMARY_COL: Readonly<Record<SummaryKey, string>> = Object.fromEntries(
  SUMMARY_COLUMNS.map((k, i) => [k, columnLetters(i + 1)]),
) as Record<SummaryKey, string>;
const WIDTH = SUMMARY_COLUMNS.length;

function summaryHeaders(month: number | undefined): Readonly<Record<SummaryKey, string>> {
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
    department: '责任单位',
    reporters: '报送单位数',
    reasons: '滞后原因及措施',
  };
}

/** Rows of the summary sheet, fixed at the top. */
export const SUMMARY_ROWS = { marker: 1, title: 2, subtitle: 3, header: 4, first: 5 } as const;

function reasonsText(s: IndicatorSummary): string {
  return clip(s.reasons.map((r) => `${r.department}：${r.text}`).join('\n'));
}

/** The cells of one indicator row; `last` is the summary's 报送单位数 or, in the lagging list, the campaign. */
function indicatorCells(s: IndicatorSummary, seq: number, last: CellSpec): CellSpec[] {
  const fmt = valueFormat(s.kind, s.unit);
  const stretchOnly = s.target === null && s.stretch !== null;
  const cells: Record<SummaryKey, CellSpec> = {
    seq: v(seq, 'center'),
    code: v(s.code, 'center'),
    name: v(s.name, 'text'),
    unit: v(s.unit, 'center'),
    target: v(s.target, 'number', fmt),
    stretch: v(s.stretch, 'number', fmt),
    actual: v(s.actual, 'number', fmt),
    attainment: v(s.attainment, 'percent'),
    tier: stretchOnly ? v(s.tier, 'tier', STRETCH_ONLY_TIER_FORMAT) : v(s.tier, 'tier'),
    expected: v(s.expected, 'percent'),
    paceGap: v(s.paceGap, 'gap'),
    // A light that cannot be computed is said in words, not shown as 未填报 (a problem explains it).
    light: s.light === null ? v('无法计算', 'center') : v(s.light, 'status'),
    department: v(s.department, 'text'),
    reporters: last,
    reasons: v(s.reasons.length ? reasonsText(s) : null, 'text'),
  };
  return SUMMARY_COLUMNS.map((k) => cells[k]);
}

function campaignRow(c: CampaignSummary, row: number, merges: string[]): CellSpec[] {
  const n = c.counts;
  return spanned(
    row,
    WIDTH,
    [
      { span: 1, cell: v(chineseNumeral(c.number), 'campaignNo') },
      { span: 3, cell: v(`${c.name}攻坚战`, 'campaign') },
      { span: 3, cell: v(`指挥长：${c.commander}`, 'campaign') },
      { span: 4, cell: v(`牵头部门：${c.leadDepartment}`, 'campaign') },
      { span: 4, cell: v(`绿 ${n.green}${SEP}黄 ${n.yellow}${SEP}红 ${n.red}${SEP}未填报 ${n.none}`, 'campaign') },
    ],
    merges,
  );
}

const STATE_FILLS: Readonly<Record<SubmissionState, { fill: string; fontColor: string }>> = {
  submitted: { fill: '#C6EFCE', fontColor: '#006100' },
  missing: { fill: '#D9D9D9', fontColor: '#404040' },
  invalid: { fill: '#FFC7CE', fontColor: '#9C0006' },
  conflict: { fill: '#F4B084', fontColor: '#833C0B' },
  otherPeriod: { fill: '#FFEB9C', fontColor: '#9C5700' },
  notExpected: { fill: '#FFFFFF', fontColor: '#A6A6A6' },
};
const STATES: readonly SubmissionState[] = [
  'submitted',
  'missing',
  'invalid',
  'conflict',
  'otherPeriod',
  'notExpected',
];

export function stateText(state: SubmissionState): string {
  return zh(`consolidation.state.${state}`);
}

function lightConditionalFormats(range: string): ConditionalFormatSpec[] {
  return LIGHT_STYLES.map((l): ConditionalFormatSpec => ({
    range,
    rule: { type: 'cellValue', operator: 'equalTo', formula1: String(l.value) },
    format: { fill: l.fill, fontColor: l.fontColor, numberFormat: l.numberFormat },
    stopIfTrue: true,
  }));
}

/** Tier colours by expression: a blank tier (未填报) would otherwise count as 0 in a cell-value rule. */
function tierConditionalFormats(column: string, first: number, last: number): ConditionalFormatSpec[] {
  return TIER_STYLES.map((t): ConditionalFormatSpec => ({
    range: `${column}${first}:${column}${last}`,
    rule: { type: 'expression', formula: `=AND(ISNUMBER($${column}${first}),$${column}${first}=${t.value})` },
    format: { fill: t.fill, fontColor: t.fontColor },
    stopIfTrue: true,
  }));
}

function notesText(plan: Plan): string {
  const t = plan.thresholds ?? DEFAULT_STATUS_THRESHOLDS;
  const pts = (x: number): string => String(Math.round(x * 1000) / 10);
  return [
    '说明：',
    '1. 累计完成：求和类为各单位填报值之和；增速类为 Σ本期累计 ÷ Σ上年同期 − 1（只计本期数与上年同期数都有效的单位），本栏显示增速；单一类取责任单位的填报值。',
    '2. 完成率按指标类型计算（增速类为 (1+实际增速)÷(1+目标增速)，排名类达到目标位次为 100%），不封顶；只有力争目标的指标按力争目标计算。',
    '3. 序时进度：按序时考核的指标为 月份÷12，其余为 100%。快慢序时 = 完成率 − 序时进度（增速类为实际增速 − 目标增速），单位为百分点，负数为滞后。',
    `4. 状态：绿 = 达到序时进度（或目标）；黄 = 滞后 ${pts(t.yellowBand)} 个百分点以内（增速类 ${pts(t.growthYellowBand)} 个百分点以内）；红 = 严重滞后；未填报 = 无有效数据。黄、红须写明滞后原因及措施。`,
    '5. 各攻坚战平均完成率按已填报指标计算，单项完成率超过 120% 的按 120% 计。',
    '6. 报送情况：已报 = 按期报送并计入；未报 = 应报未报；有误 = 报表结构或数值有错误；冲突 = 同一单位同一攻坚战报送了两份及以上，均未计入；期别不符 = 只报送了其他报告期的报表；— = 无须报送。',
    `7. 每个数值的来源（单位、文件、工作表、单元格）、汇总核对和问题清单见“${DETAIL_SHEET}”表。本表由加载项生成，重新汇总时整表重写，请勿在本表中填报。`,
  ].join('\n');
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

/** 汇总: title, one header row per campaign and one row per indicator, lagging list, submission matrix, charts. */
export function summarySheet(result: Consolidation, plan: Plan): SheetSpec {
  const merges: string[] = [];
  const blocks: BlockSpec[] = [];
  const cfs: ConditionalFormatSpec[] = [];
  const headers = summaryHeaders(result.period?.month);
  const headerCells = SUMMARY_COLUMNS.map((k) => v(headers[k], 'header'));
  const p = result.period;

  // ── title and subtitle ──
  const matrixCells = result.matrix.rows.flat();
  const count = (s: SubmissionState): number => matrixCells.filter((c) => c.expected && c.state === s).length;
  const expectedCount = matrixCells.filter((c) => c.expected).length;
  const subtitle = p
    ? `报告期：${p.year}年${monthRange(p.month)}累计${SEP}序时进度：${(Math.round((result.expected ?? 0) * 1000) / 10).toFixed(1)}%（${p.month}/12）${SEP}` +
      `应报 ${expectedCount} 份：已报 ${count('submitted')}，未报 ${count('missing') + count('otherPeriod')}，有误 ${count('invalid')}，冲突 ${count('conflict')}${SEP}` +
      `指标 ${result.campaigns.reduce((n, c) => n + c.indicators.length, 0)} 项：绿 ${result.counts.green}，黄 ${result.counts.yellow}，红 ${result.counts.red}，未填报 ${result.counts.none}`
    : '没有可汇总的报表';
  blocks.push({
    at: `A${SUMMARY_ROWS.title}`,
    rows: [
      spanned(SUMMARY_ROWS.title, WIDTH, [{ span: WIDTH, cell: v(summaryTitle(result), 'title') }], merges),
      spanned(SUMMARY_ROWS.subtitle, WIDTH, [{ span: WIDTH, cell: v(subtitle, 'subtitle') }], merges),
      headerCells,
    ],
  });

  // ── the summary table ──
  const body: CellSpec[][] = [];
  let row = SUMMARY_ROWS.first;
  for (const c of result.campaigns) {
    body.push(campaignRow(c, row++, merges));
    c.indicators.forEach((s, i) => {
      body.push(indicatorCells(s, i + 1, v(s.counted.length, 'center')));
      row++;
    });
  }
  blocks.push({ at: `A${SUMMARY_ROWS.first}`, rows: body });
  const lastBody = row - 1;
  cfs.push(...lightConditionalFormats(`${SUMMARY_COL.light}${SUMMARY_ROWS.first}:${SUMMARY_COL.light}${lastBody}`));
  cfs.push(...tierConditionalFormats(SUMMARY_COL.tier, SUMMARY_ROWS.first, lastBody));

  // ── 滞后指标清单 ──
  row++;
  const lagSection = row;
  const yellow = result.lagging.filter((s) => s.light === 2).length;
  const red = result.lagging.filter((s) => s.light === 1).length;
  const lagHeaders = SUMMARY_COLUMNS.map((k) => v(k === 'reporters' ? '攻坚战' : headers[k], 'header'));
  const campaignName = new Map(result.campaigns.map((c) => [c.id, c.name]));
  const lagRows: CellSpec[][] = [
    spanned(
      row,
      WIDTH,
      [{ span: WIDTH, cell: v(`滞后指标清单（红灯 ${red} 项，黄灯 ${yellow} 项）`, 'section') }],
      merges,
    ),
    lagHeaders,
  ];
  row += 2;
  const lagFirst = row;
  if (result.lagging.length === 0) {
    lagRows.push(spanned(row++, WIDTH, [{ span: WIDTH, cell: v('无黄灯、红灯指标', 'center') }], merges));
  } else {
    result.lagging.forEach((s, i) => {
      const cells = indicatorCells(s, i + 1, v(campaignName.get(s.campaignId) ?? s.campaignId, 'center'));
      const reasonsAt = SUMMARY_COLUMNS.indexOf('reasons');
      if (s.reasons.length === 0) cells[reasonsAt] = v('（未填写滞后原因及措施）', 'text');
      lagRows.push(cells);
      row++;
    });
    cfs.push(...lightConditionalFormats(`${SUMMARY_COL.light}${lagFirst}:${SUMMARY_COL.light}${row - 1}`));
    cfs.push(...tierConditionalFormats(SUMMARY_COL.tier, lagFirst, row - 1));
  }
  blocks.push({ at: `A${lagSection}`, rows: lagRows });

  // ── 报送情况 ──
  row++;
  const matrixSection = row;
  const campaigns = result.matrix.campaignIds.map((id) => result.campaigns.find((c) => c.id === id));
  const matrixWidth = Math.max(WIDTH, 3 + campaigns.length);
  const matrixRows: CellSpec[][] = [
    spanned(
      row,
      WIDTH,
      [{ span: WIDTH, cell: v(`报送情况${p ? `（${p.year}年${p.month}月）` : ''}`, 'section') }],
      merges,
    ),
    spanned(
      row + 1,
      matrixWidth,
      [
        { span: 1, cell: v('序号', 'header') },
        { span: 2, cell: v('填报单位', 'header') },
        ...campaigns.map((c) => ({ span: 1, cell: v(c ? `${c.name}` : '', 'header') })),
      ],
      merges,
    ),
  ];
  row += 2;
  const matrixFirst = row;
  result.matrix.rows.forEach((cells, i) => {
    const department = result.matrix.departments[i] ?? '';
    matrixRows.push(
      spanned(
        row++,
        matrixWidth,
        [
          { span: 1, cell: v(i + 1, 'center') },
          { span: 2, cell: v(department, 'text') },
          ...cells.map((c: MatrixCell) => ({ span: 1, cell: v(stateText(c.state), 'state') })),
        ],
        merges,
      ),
    );
  });
  if (result.matrix.rows.length > 0 && campaigns.length > 0) {
    const first = columnLetters(4);
    const last = columnLetters(3 + campaigns.length);
    for (const s of STATES) {
      cfs.push({
        range: `${first}${matrixFirst}:${last}${row - 1}`,
        rule: { type: 'expression', formula: `=${first}${matrixFirst}="${stateText(s)}"` },
        format: STATE_FILLS[s],
        stopIfTrue: true,
      });
    }
  }
  blocks.push({ at: `A${matrixSection}`, rows: matrixRows });

  // ── chart data and charts ──
  row++;
  const chartSection = row;
  const dataHeader = row + 1;
  const n = result.campaigns.length;
  const chartRows: CellSpec[][] = [
    spanned(
      row,
      WIDTH,
      [{ span: WIDTH, cell: v('图表数据（各攻坚战平均完成率与序时进度、亮灯情况）', 'section') }],
      merges,
    ),
    [
      null,
      v('攻坚战', 'header'),
      v('平均完成率', 'header'),
      v('平均序时进度', 'header'),
      null,
      v('攻坚战', 'header'),
      v('绿', 'header'),
      v('黄', 'header'),
      v('红', 'header'),
      v('未填报', 'header'),
    ].map((c) => c ?? {}),
    ...result.campaigns.map((c) => [
      {},
      v(c.name, 'center'),
      v(c.averageAttainment, 'percent'),
      v(c.averageExpected, 'percent'),
      {},
      v(c.name, 'center'),
      v(c.counts.green, 'center'),
      v(c.counts.yellow, 'center'),
      v(c.counts.red, 'center'),
      v(c.counts.none, 'center'),
    ]),
  ];
  blocks.push({ at: `A${chartSection}`, rows: chartRows });
  row = dataHeader + n + 2;
  const chartTop = row;
  const chartBottom = chartTop + 17;
  const charts: ChartSpec[] = [
    {
      name: 'AttainmentVsPace',
      type: 'columnClustered',
      source: `B${dataHeader}:D${dataHeader + n}`,
      seriesBy: 'columns',
      title: '各攻坚战平均完成率与序时进度',
      from: `A${chartTop}`,
      to: `G${chartBottom}`,
    },
    {
      name: 'LightsByCampaign',
      type: 'columnStacked',
      source: `F${dataHeader}:J${dataHeader + n}`,
      seriesBy: 'columns',
      title: '各攻坚战亮灯情况（指标数）',
      from: `H${chartTop}`,
      to: `O${chartBottom}`,
    },
  ];

  // ── notes ──
  const notesRow = chartBottom + 2;
  blocks.push({
    at: `A${notesRow}`,
    rows: [spanned(notesRow, WIDTH, [{ span: WIDTH, cell: v(notesText(plan), 'notes') }], merges)],
  });

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
    tier: fitWidth(['未达确保'], 10, 12),
    expected: 9,
    paceGap: 11,
    light: 8,
    department: fitWidth(
      ['责任单位', ...all.map((s) => s.department), ...result.matrix.departments.map((d) => d.slice(0, 8))],
      12,
      18,
    ),
    reporters: 8,
    reasons: 44,
  };

  return {
    name: SUMMARY_SHEET,
    marker: {
      type: SUMMARY_MARKER_TYPE,
      v: OUTPUT_VERSION,
      plan: result.planId,
      ...(p ? { year: p.year, month: p.month } : {}),
    },
    styles: STYLES,
    blocks,
    columnWidths: SUMMARY_COLUMNS.map((k) => ({ column: SUMMARY_COL[k], width: widths[k] })),
    rowHeights: [
      { row: SUMMARY_ROWS.marker, height: 15, hidden: true },
      { row: SUMMARY_ROWS.title, height: 36 },
      { row: SUMMARY_ROWS.subtitle, height: 30 },
      { row: SUMMARY_ROWS.header, height: 32 },
      { row: notesRow, height: 150 },
    ],
    merges,
    conditionalFormats: cfs,
    freeze: { rows: SUMMARY_ROWS.header, columns: 3 },
    charts,
    print: {
      orientation: 'landscape',
      fitToPagesWide: 1,
      printTitleRows: `$${SUMMARY_ROWS.header}:$${SUMMARY_ROWS.header}`,
      centerHorizontally: true,
    },
    tabColor: '#1F4E79',
  };
}

// ————— 明细 —————

/** Columns of the detail list (A…M); C, F, G and H are what the reconciliation formulas read. */
export const DETAIL_COLUMNS = [
  'seq',
  'campaign',
  'code',
  'name',
  'department',
  'field',
  'value',
  'used',
  'why',
  'period',
  'file',
  'sheet',
  'cell',
] as const;
type DetailKey = (typeof DETAIL_COLUMNS)[number];
export const DETAIL_COL: Readonly<Record<DetailKey, string>> = Object.fromEntries(
  DETAIL_COLUMNS.map((k, i) => [k, columnLetters(i + 1)]),
) as Record<DetailKey, string>;
const DETAIL_WIDTH = DETAIL_COLUMNS.length;

const DETAIL_HEADERS: Readonly<Record<DetailKey, string>> = {
  seq: '序号',
  campaign: '攻坚战',
  code: '指标编码',
  name: '指标名称',
  department: '填报单位',
  field: '项目',
  value: '填报值',
  used: '计入汇总',
  why: '说明',
  period: '报告期',
  file: '来源文件',
  sheet: '工作表',
  cell: '单元格',
};

/** Columns of the reconciliation table, above the detail list (A…K). */
const RECON_HEADERS = [
  '序号',
  '攻坚战',
  '指标编码',
  '指标名称',
  '汇总方式',
  '汇总表数值',
  '明细合计（累计完成）',
  '明细合计（上年同期）',
  '按明细计算',
  '计入条数',
  '核对',
] as const;

/** Rows of the detail sheet, fixed at the top. */
export const DETAIL_ROWS = { marker: 1, title: 2, check: 3, reconSection: 5, reconHeader: 6, reconFirst: 7 } as const;

const FIELD_TEXT: Readonly<Record<DetailRecord['field'], string>> = {
  actual: zh('field.actual'),
  prior: zh('field.prior'),
  reason: zh('field.reason'),
};

function whyText(d: DetailRecord): string | null {
  if (!d.why) return null;
  return zh(`consolidation.why.${d.why}`, d.period ? { year: d.period.year, month: d.period.month } : {});
}

function link(o: Origin, cell: string): CellSpec['hyperlink'] {
  return o.kind === 'sheet' ? { documentReference: sheetRef(o.sheet, cell), tooltip: `${o.sheet}!${cell}` } : undefined;
}

function originCells(o: Origin, cell: string | undefined): CellSpec[] {
  const target = cell === undefined ? undefined : link(o, cell);
  const withLink = (value: LiteralValue): CellSpec =>
    target ? { value, style: 'link', hyperlink: target } : v(value, 'text');
  // One hyperlink a row (on the cell address): thousands of links are most of 明细's write payload.
  return [v(originFile(o), 'text'), v(o.sheet, 'text'), cell === undefined ? v(null, 'center') : withLink(cell)];
}

function detailValue(d: DetailRecord): CellSpec {
  if (typeof d.value === 'string') return v(d.value, 'text');
  if (typeof d.value === 'boolean') return v(d.value, 'bool');
  return v(d.value, 'number', 'General');
}

/**
 * 明细: the overall check, the reconciliation of every summary row (native formulas over the detail list, so
 * that it stays live), every source value with its origin, and the problem list.
 */
export function detailSheet(result: Consolidation): SheetSpec {
  const merges: string[] = [];
  const blocks: BlockSpec[] = [];
  const cfs: ConditionalFormatSpec[] = [];
  const campaignName = new Map(result.campaigns.map((c) => [c.id, c.name]));
  const summaries = result.campaigns.flatMap((c) => c.indicators);
  const summaryRows = summaryRowsByCode(result);
  const ok = zh('consolidation.check.ok');
  const mismatch = zh('consolidation.check.mismatch');

  // Layout first: the reconciliation formulas need the detail list's rows.
  const reconFirst = DETAIL_ROWS.reconFirst;
  const reconLast = reconFirst + summaries.length - 1;
  const detailSection = reconLast + 2;
  const detailHeader = detailSection + 1;
  const detailFirst = detailHeader + 1;
  const detailLast = detailFirst + Math.max(result.details.length, 1) - 1;
  const problemSection = detailLast + 2;

  // ── title and overall check ──
  const checkRange = `$K$${reconFirst}:$K$${Math.max(reconLast, reconFirst)}`;
  blocks.push({
    at: `A${DETAIL_ROWS.title}`,
    rows: [
      spanned(DETAIL_ROWS.title, DETAIL_WIDTH, [{ span: DETAIL_WIDTH, cell: v(detailTitle(result), 'title') }], merges),
      spanned(
        DETAIL_ROWS.check,
        DETAIL_WIDTH,
        [
          { span: 2, cell: v('核对结果', 'label') },
          {
            span: 4,
            cell: f(
              `=IF(COUNTIF(${checkRange},"${mismatch}")=0,"全部${ok}（"&COUNTIF(${checkRange},"${ok}")&" 项）","有 "&COUNTIF(${checkRange},"${mismatch}")&" 项${mismatch}")`,
              'check',
            ),
          },
          {
            span: 7,
            cell: v(
              `每个填报值一行；“计入汇总”为 TRUE 的数值计入“${SUMMARY_SHEET}”表。核对：“${SUMMARY_SHEET}”表的数值与按本表明细重新计算的结果比较（公式实时计算）。`,
              'notes',
            ),
          },
        ],
        merges,
      ),
    ],
  });
  cfs.push({
    range: `C${DETAIL_ROWS.check}`,
    rule: { type: 'expression', formula: `=COUNTIF(${checkRange},"${mismatch}")>0` },
    format: { fill: '#FFC7CE', fontColor: '#9C0006' },
  });

  // ── 汇总核对 ──
  const col = (key: DetailKey): string => DETAIL_COL[key];
  const range = (key: DetailKey): string => `$${col(key)}$${detailFirst}:$${col(key)}$${detailLast}`;
  const sumOf = (r: number, field: string): string =>
    `SUMIFS(${range('value')},${range('code')},$C${r},${range('field')},"${field}",${range('used')},TRUE())`;
  const reconRows: CellSpec[][] = [
    spanned(
      DETAIL_ROWS.reconSection,
      DETAIL_WIDTH,
      [{ span: DETAIL_WIDTH, cell: v('一、汇总核对（汇总表数值 = 按明细中计入汇总的数值重新计算）', 'section') }],
      merges,
    ),
    [...RECON_HEADERS.map((h) => v(h, 'header')), {}, {}],
  ];
  summaries.forEach((s, i) => {
    const r = reconFirst + i;
    const at = summaryRows.get(s.code) ?? SUMMARY_ROWS.first;
    const summaryCell = sheetRef(SUMMARY_SHEET, `$${SUMMARY_COL.actual}$${at}`);
    const growth = s.kind === 'growth';
    const fmt = valueFormat(s.kind, s.unit);
    const amount = growth ? 'General' : fmt;
    const recomputed = growth ? `=IF(J${r}=0,"",IF(H${r}>0,G${r}/H${r}-1,""))` : `=IF(J${r}=0,"",G${r})`;
    reconRows.push([
      v(i + 1, 'center'),
      v(campaignName.get(s.campaignId) ?? s.campaignId, 'center'),
      v(s.code, 'center'),
      v(s.name, 'text'),
      v(zh(`consolidation.aggregation.${s.aggregation}`), 'center'),
      f(`=IF(ISBLANK(${summaryCell}),"",${summaryCell})`, 'number', fmt),
      f(`=${sumOf(r, FIELD_TEXT.actual)}`, 'number', amount),
      growth ? f(`=${sumOf(r, FIELD_TEXT.prior)}`, 'number', amount) : v(null, 'number'),
      f(recomputed, 'number', fmt),
      f(
        `=COUNTIFS(${range('code')},$C${r},${range('field')},"${FIELD_TEXT.actual}",${range('used')},TRUE())`,
        'center',
      ),
      f(
        `=IF(AND(F${r}="",I${r}=""),"${ok}",IF(OR(F${r}="",I${r}=""),"${mismatch}",IF(ABS(F${r}-I${r})<=${TOL}*MAX(1,ABS(F${r}),ABS(I${r})),"${ok}","${mismatch}")))`,
        'check',
      ),
      {},
      {},
    ]);
  });
  blocks.push({ at: `A${DETAIL_ROWS.reconSection}`, rows: reconRows });
  if (summaries.length > 0) {
    cfs.push({
      range: `K${reconFirst}:K${reconLast}`,
      rule: { type: 'expression', formula: `=K${reconFirst}="${mismatch}"` },
      format: { fill: '#FFC7CE', fontColor: '#9C0006' },
      stopIfTrue: true,
    });
    cfs.push({
      range: `K${reconFirst}:K${reconLast}`,
      rule: { type: 'expression', formula: `=K${reconFirst}="${ok}"` },
      format: { fill: '#C6EFCE', fontColor: '#006100' },
      stopIfTrue: true,
    });
  }

  // ── 数据明细 ──
  const used = result.details.filter((d) => d.used).length;
  const detailRows: CellSpec[][] = [
    spanned(
      detailSection,
      DETAIL_WIDTH,
      [
        {
          span: DETAIL_WIDTH,
          cell: v(`二、数据明细（共 ${result.details.length} 条，计入汇总 ${used} 条）`, 'section'),
        },
      ],
      merges,
    ),
    DETAIL_COLUMNS.map((k) => v(DETAIL_HEADERS[k], 'header')),
  ];
  const nameOf = new Map(summaries.map((s) => [s.code, s.name]));
  if (result.details.length === 0) {
    detailRows.push(
      spanned(detailFirst, DETAIL_WIDTH, [{ span: DETAIL_WIDTH, cell: v('没有填报值', 'center') }], merges),
    );
  }
  result.details.forEach((d, i) => {
    const cells: Record<DetailKey, CellSpec> = {
      seq: v(i + 1, 'center'),
      campaign: v(campaignName.get(d.campaignId) ?? d.campaignId, 'center'),
      code: v(d.code, 'center'),
      name: v(nameOf.get(d.code) ?? '', 'text'),
      department: v(d.department, 'text'),
      field: v(FIELD_TEXT[d.field], 'center'),
      value: detailValue(d),
      used: v(d.used, 'bool'),
      why: v(whyText(d), 'text'),
      period: v(periodSerial(d.period), 'period'),
      file: blank('text'),
      sheet: blank('text'),
      cell: blank('text'),
    };
    const [file, sheet, cell] = originCells(d.origin, d.cell);
    cells.file = file ?? cells.file;
    cells.sheet = sheet ?? cells.sheet;
    cells.cell = cell ?? cells.cell;
    detailRows.push(DETAIL_COLUMNS.map((k) => cells[k]));
  });
  blocks.push({ at: `A${detailSection}`, rows: detailRows });
  if (result.details.length > 0) {
    cfs.push({
      range: `A${detailFirst}:${columnLetters(DETAIL_WIDTH)}${detailLast}`,
      rule: { type: 'expression', formula: `=$${col('used')}${detailFirst}=FALSE()` },
      format: { fontColor: '#7F7F7F' },
    });
  }

  // ── 问题清单 ──
  const errors = result.problems.filter((q) => q.severity === 'error').length;
  const problemRows: CellSpec[][] = [
    spanned(
      problemSection,
      DETAIL_WIDTH,
      [
        {
          span: DETAIL_WIDTH,
          cell: v(`三、问题清单（错误 ${errors} 条，警告 ${result.problems.length - errors} 条）`, 'section'),
        },
      ],
      merges,
    ),
    spanned(
      problemSection + 1,
      DETAIL_WIDTH,
      [
        { span: 1, cell: v('序号', 'header') },
        { span: 1, cell: v('严重程度', 'header') },
        { span: 1, cell: v('指标编码', 'header') },
        { span: 5, cell: v('问题说明', 'header') },
        { span: 1, cell: v('填报单位', 'header') },
        { span: 1, cell: v('攻坚战', 'header') },
        { span: 1, cell: v('来源文件', 'header') },
        { span: 1, cell: v('工作表', 'header') },
        { span: 1, cell: v('单元格', 'header') },
      ],
      merges,
    ),
  ];
  const problemFirst = problemSection + 2;
  if (result.problems.length === 0) {
    problemRows.push(
      spanned(problemFirst, DETAIL_WIDTH, [{ span: DETAIL_WIDTH, cell: v('没有问题', 'center') }], merges),
    );
  }
  result.problems.forEach((q: ConsolidationProblem, i) => {
    const r = problemFirst + i;
    const origin = q.origin ? originCells(q.origin, q.cell) : [v(null, 'text'), v(null, 'text'), v(null, 'center')];
    problemRows.push(
      spanned(
        r,
        DETAIL_WIDTH,
        [
          { span: 1, cell: v(i + 1, 'center') },
          { span: 1, cell: v(zh(`severity.${q.severity}`), 'center') },
          { span: 1, cell: v(q.indicator ?? null, 'center') },
          // Not merged: the message overflows into the empty E:H, and a merge a row would weigh on the write.
          { span: 1, cell: v(describeProblem(q, SHEET_WORDS), 'text') },
          ...Array.from({ length: 4 }, () => ({ span: 1, cell: v(null, 'text') })),
          { span: 1, cell: v(q.department ?? null, 'text') },
          {
            span: 1,
            cell: v(q.campaignId !== undefined ? (campaignName.get(q.campaignId) ?? q.campaignId) : null, 'center'),
          },
          ...origin.map((cell) => ({ span: 1, cell })),
        ],
        merges,
      ),
    );
  });
  blocks.push({ at: `A${problemSection}`, rows: problemRows });
  if (result.problems.length > 0) {
    cfs.push({
      range: `B${problemFirst}:B${problemFirst + result.problems.length - 1}`,
      rule: { type: 'expression', formula: `=$B${problemFirst}="${zh('severity.error')}"` },
      format: { fontColor: '#9C0006', bold: true },
    });
  }

  const texts = (pick: (d: DetailRecord) => string): string[] => result.details.slice(0, 500).map(pick);
  const widths: Record<DetailKey, number> = {
    seq: 6,
    campaign: 10,
    code: 10,
    name: fitWidth(['指标名称', ...summaries.map((s) => s.name)], 20, 32),
    department: fitWidth(['填报单位', ...texts((d) => d.department)], 12, 18),
    field: 14,
    value: 14,
    used: 9,
    why: 30,
    period: 10,
    file: fitWidth(['来源文件', zh('consolidation.thisWorkbook'), ...texts((d) => originFile(d.origin))], 12, 28),
    sheet: fitWidth(['工作表', ...texts((d) => d.origin.sheet)], 14, 32),
    cell: 8,
  };

  return {
    name: DETAIL_SHEET,
    marker: {
      type: DETAIL_MARKER_TYPE,
      v: OUTPUT_VERSION,
      plan: result.planId,
      ...(result.period ? { year: result.period.year, month: result.period.month } : {}),
    },
    styles: STYLES,
    blocks,
    columnWidths: DETAIL_COLUMNS.map((k) => ({ column: DETAIL_COL[k], width: widths[k] })),
    rowHeights: [
      { row: DETAIL_ROWS.marker, height: 15, hidden: true },
      { row: DETAIL_ROWS.title, height: 32 },
      { row: DETAIL_ROWS.check, height: 30 },
      { row: DETAIL_ROWS.reconHeader, height: 32 },
      { row: detailHeader, height: 20 },
    ],
    merges,
    conditionalFormats: cfs,
    freeze: { rows: DETAIL_ROWS.check, columns: 0 },
    print: { orientation: 'landscape', fitToPagesWide: 1, centerHorizontally: true },
    tabColor: '#1F4E79',
  };
}
