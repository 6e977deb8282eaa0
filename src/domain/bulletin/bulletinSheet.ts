import { LIGHT, type Light } from '../calc/calc';
import type { CampaignSummary, IndicatorSummary, LightCounts } from '../consolidation/aggregate';
import type { Consolidation } from '../consolidation/consolidate';
import {
  OUT_OF_RANGE,
  STYLES,
  SUMMARY_SHEET,
  SheetBuilder,
  formulaCell,
  notesPart,
  sheetRef,
  valueCell,
  type SpanPart,
} from '../consolidation/sheetParts';
import { SUMMARY_COL, summaryRowsByCode } from '../consolidation/summarySections';
import { columnLetters, parseCell } from '../grid/address';
import { BULLETIN_MARKER_TYPE } from '../grid/ownSheets';
import {
  writableSpec,
  type CellSpec,
  type ChartSpec,
  type ConditionalFormatSpec,
  type SheetSpec,
} from '../grid/sheetSpec';
import { WORDS_ZH } from '../i18n/words.zh';
import { LIGHT_STYLES } from '../template/formats';
import { levelKey, runMessage } from './escalation';
import { mergeHistory, recordsOf, type HistoryRecord } from './history';
import type { MonthBulletin } from './monthBulletin';
import { roundTo } from './scores';
import { DEFAULT_TIMELINESS, type TimelinessSettings } from './timeliness';
import { trendKey, type Trend } from './trend';
import {
  bulletinWords,
  overviewSentences,
  timelinessOfCell,
  type BulletinLanguage,
  type ColumnName,
  type Words,
} from './bulletinText';

/**
 * 通报 (SPEC §10): the month's printable 督查通报 as a declarative sheet, built from what 一键汇总 already has — the
 * month's consolidation (the figures 汇总 shows), the month's bulletin (trend, runs, 督办清单, scores) and the
 * history (lights by month for the chart). Pure: nothing is read back from any sheet.
 *
 * Top to bottom: title and subtitle (the print title rows, repeated on every page), 一、总体情况 (generated
 * sentences and a visible check cell), 二、各攻坚战亮灯情况 (written counts per campaign, a 合计 row, and beneath
 * it the same counts as live COUNTIF formulas over 汇总's 状态 column, each row checked 一致/不一致), 三、滞后指标及
 * 原因 (红 first, then 黄, as 汇总's lagging list), 四、督办事项 (the run of lights by month and each month's reason),
 * 五、部门得分及排名, 六、报送情况 (the submission matrix, with 逾期 where the save time is known), and an annex: per
 * campaign the lights by month, each with a native stacked-column chart beside its data.
 *
 * Every text — reasons and names copied from sources included — is a cell `value`, which the adapters write as text
 * (never a formula); formulas hold only the add-in's own words and cell references. The spec goes out through
 * writableSpec, so that no text exceeds a cell's limit.
 */

/** The sheet's name (Chinese, the default; the English UI's is Bulletin): a use case finds an earlier one by its marker. */
export const BULLETIN_SHEET = '通报';

/** The version of the 通报 layout, in its marker. */
export const BULLETIN_VERSION = 1;

/**
 * What the 通报 is built from. No plan: the consolidation already carries what the sheet shows of it (campaigns,
 * names, responsible departments, the plan's title and id), so the 通报 cannot disagree with 汇总 about it.
 */
export interface BulletinSheetInput {
  /** The month's consolidation: the one 汇总 is written from in the same click. */
  readonly result: Consolidation;
  /** monthBulletin over `history` for the result's period, under the plan's settings. */
  readonly bulletin: MonthBulletin;
  /** The history after this run (its own records merged in; merged again here, which changes nothing then). */
  readonly history: readonly HistoryRecord[];
}

/** Where 汇总 keeps each indicator's light: the cells the check formulas count. */
export interface SummaryCells {
  readonly sheet: string;
  /** Column letter of 汇总's 状态 (light) column. */
  readonly lightColumn: string;
  /** 1-based row of each indicator's line in 汇总's indicator table. */
  readonly rowsByCode: ReadonlyMap<string, number>;
}

export interface BulletinSheetOptions {
  /** 'zh' (default): the sheet in Chinese; 'en': the English UI's. */
  readonly language?: BulletinLanguage;
  /** The sheet's name; default 通报 (zh) or Bulletin (en). */
  readonly name?: string;
  /** 汇总's cells to reconcile with; default: 汇总 as summarySheet lays it out for `result`. */
  readonly summary?: SummaryCells;
  /** The deadline for 逾期 (the plan's settings); default SPEC §10's. */
  readonly timeliness?: TimelinessSettings;
}

/** The sheet's width in columns (A…L); 六 grows it when there are more than six campaigns. */
const WIDTH = 12;
/** Rows fixed at the top: the hidden marker, then the print title rows. */
export const BULLETIN_ROWS = { marker: 1, title: 2, subtitle: 3 } as const;
/** A chart's height in rows, beside its month table. */
const CHART_ROWS = 15;
/** The chart's series in the lights' own colours (绿, 黄, 红): a printed 绿 in Excel's default blue misleads. */
export const LIGHT_SERIES_COLORS = ['#00B050', '#FFC000', '#C00000'] as const;

const BULLETIN_STYLES = {
  ...STYLES,
  paragraph: { font: { size: 11 }, horizontal: 'left', vertical: 'top', wrap: true },
  light: { font: { bold: true }, horizontal: 'center', vertical: 'center', border: STYLES.center?.border },
  score: { horizontal: 'right', vertical: 'center', border: STYLES.center?.border, numberFormat: '0.00' },
} as const satisfies SheetSpec['styles'];

const MISMATCH = { fill: '#FFC7CE', fontColor: '#9C0006' } as const;
const MATCH = { fill: '#C6EFCE', fontColor: '#006100' } as const;

/** The 通报 sheet of the month. The result must have a period, the bulletin's (programmer misuse throws). */
export function bulletinSheet(input: BulletinSheetInput, options: BulletinSheetOptions = {}): SheetSpec {
  return bulletinWithSections(input, options).spec;
}

/** The sections of the 通报, in order: what the pane links to. */
export const BULLETIN_SECTIONS = [
  'overview',
  'campaigns',
  'lagging',
  'supervision',
  'scores',
  'submissions',
  'chart',
] as const;
export type BulletinSection = (typeof BULLETIN_SECTIONS)[number];

/** The sheet, and the cell of each section's heading (A5 …), for the pane's links to each section. */
export function bulletinWithSections(
  input: BulletinSheetInput,
  options: BulletinSheetOptions = {},
): { readonly spec: SheetSpec; readonly sections: Readonly<Record<BulletinSection, string>> } {
  const w = bulletinWords(options.language ?? 'zh');
  const spec = writableSpec(bulletinSpec(input, options, w), w.table);
  const headings = new Map<unknown, string>();
  for (const block of spec.blocks) {
    const at = parseCell(block.at);
    block.rows.forEach((row, r) => {
      if (row[0]?.style === 'section') headings.set(row[0].value, `A${at.row + r}`);
    });
  }
  const sections = Object.fromEntries(
    BULLETIN_SECTIONS.map((k) => [k, headings.get(w.t(`bulletinSheet.section.${k}`)) ?? `A${BULLETIN_ROWS.title}`]),
  ) as Record<BulletinSection, string>;
  return { spec, sections };
}

function defaultSummaryCells(result: Consolidation): SummaryCells {
  return { sheet: SUMMARY_SHEET, lightColumn: SUMMARY_COL.light, rowsByCode: summaryRowsByCode(result) };
}

function bulletinSpec(input: BulletinSheetInput, options: BulletinSheetOptions, w: Words): SheetSpec {
  const { result, bulletin } = input;
  const period = result.period;
  if (!period || period.year !== bulletin.period.year || period.month !== bulletin.period.month)
    throw new Error('bulletinSheet: the consolidation and the bulletin must be of the same period');
  const summary = options.summary ?? defaultSummaryCells(result);
  const settings = options.timeliness ?? DEFAULT_TIMELINESS;
  const width = Math.max(WIDTH, 6 + result.matrix.campaignIds.length);
  const b = new SheetBuilder(width, BULLETIN_ROWS.title);
  const heights: RowHeight[] = [];

  b.section();
  heights.push({ row: b.addWide(valueCell(bulletinTitle(input, w), 'title')), height: 36 });
  heights.push({ row: b.addWide(valueCell(subtitle(input, summary.sheet, w), 'subtitle')), height: 30 });
  const campaignsFirst = addOverview(b, input, summary, w, settings, heights);
  addCampaigns(b, input, summary, w, campaignsFirst);
  addLagging(b, input, w, heights);
  addSupervision(b, input, w, heights);
  addScores(b, input, w);
  addSubmissions(b, input, w, settings);
  const charts = addCharts(b, input, w);

  return {
    name: options.name ?? w.t('bulletinSheet.name'),
    marker: {
      type: BULLETIN_MARKER_TYPE,
      v: BULLETIN_VERSION,
      plan: result.planId,
      year: period.year,
      month: period.month,
    },
    styles: BULLETIN_STYLES,
    blocks: b.blocks,
    columnWidths: columnWidths(width),
    rowHeights: [{ row: BULLETIN_ROWS.marker, height: 15, hidden: true }, ...heights],
    merges: b.merges,
    conditionalFormats: b.conditionalFormats,
    charts,
    print: {
      orientation: 'landscape',
      paperSize: 'A4',
      fitToPagesWide: 1,
      printTitleRows: `$${BULLETIN_ROWS.title}:$${BULLETIN_ROWS.subtitle}`,
      centerHorizontally: true,
    },
    tabColor: '#C00000',
  };
}

// ————— title —————

/** The campaigns' collective name from the plan title (关于打赢“五大攻坚战”的总体方案 → 五大攻坚战). */
function planName(title: string): string {
  return /“([^”]+)”/u.exec(title)?.[1] ?? title;
}

export function bulletinTitle(input: Pick<BulletinSheetInput, 'result' | 'bulletin'>, w: Words): string {
  const p = input.bulletin.period;
  return w.t('bulletinSheet.title', { year: p.year, month: p.month, plan: planName(input.result.planTitle) });
}

function subtitle(input: BulletinSheetInput, summarySheet: string, w: Words): string {
  const p = input.bulletin.period;
  const range = p.month === 1 ? w.t('bulletinSheet.range.single') : w.t('bulletinSheet.range.many', { month: p.month });
  const pace = (Math.round((input.result.expected ?? p.month / 12) * 1000) / 10).toFixed(1);
  return w.t('bulletinSheet.subtitle', { year: p.year, month: p.month, range, pace, summary: summarySheet });
}

interface RowHeight {
  readonly row: number;
  readonly height: number;
}

/**
 * About how many characters fit on a line of a merged cell over columns `from`…`to` (1-based): Excel does not fit a
 * merged cell's height to its wrapped text, so the builder sets it. A Chinese character is two widths.
 */
function charsPerLine(w: Words, from: number, to: number): number {
  let width = 0;
  for (let c = from; c <= to; c++) width += COLUMN_WIDTHS[c - 1] ?? DEFAULT_WIDTH;
  return Math.max(1, Math.floor(w.language === 'zh' ? width / 2 : width * 0.9));
}

/** A wrapped text's row height in points, for `perLine` characters a line (Excel's row limit: 409). */
function textHeight(text: string, perLine: number): number {
  const lines = text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / perLine)), 0);
  return Math.min(409, Math.max(20, 15 * lines + 5));
}

// ————— 一、总体情况 —————

/**
 * The generated sentences, then the visible check cell: 一致 when every check of 二 (each campaign, 合计, and the
 * 汇总表计数 row) is. Its formula needs 二's rows, which follow directly: a gap, 二's heading and header, then its
 * first row, returned so that 二 can assert it starts there.
 */
function addOverview(
  b: SheetBuilder,
  input: BulletinSheetInput,
  summary: SummaryCells,
  w: Words,
  settings: TimelinessSettings,
  heights: RowHeight[],
): number {
  b.section(1);
  b.addWide(valueCell(w.t('bulletinSheet.section.overview'), 'section'));
  for (const s of overviewSentences(input, w, settings))
    heights.push({ row: b.addWide(valueCell(s, 'paragraph')), height: textHeight(s, charsPerLine(w, 1, b.width)) });
  const checkRow = b.row;
  const first = checkRow + 4;
  const checks = input.result.campaigns.length + 2; // each campaign, 合计, 汇总表计数
  const range = `$L$${first}:$L$${first + checks - 1}`;
  const ok = w.t('consolidation.check.ok');
  const mismatch = w.t('consolidation.check.mismatch');
  b.addSpans([
    { span: 3, cell: valueCell(w.t('bulletinSheet.check.label', { summary: summary.sheet }), 'label') },
    { span: 2, cell: formulaCell(`=IF(COUNTIF(${range},"${ok}")=${checks},"${ok}","${mismatch}")`, 'check') },
    notesPart(w.t('bulletinSheet.check.note', { summary: summary.sheet, ok }), b.width - 5),
  ]);
  heights.push({ row: checkRow, height: 30 });
  b.format(...checkFormats(`D${checkRow}`, ok, mismatch));
  return first;
}

function checkFormats(range: string, ok: string, mismatch: string): ConditionalFormatSpec[] {
  const first = range.split(':')[0] ?? range;
  return [
    { range, rule: { type: 'expression', formula: `=${first}="${mismatch}"` }, format: MISMATCH, stopIfTrue: true },
    { range, rule: { type: 'expression', formula: `=${first}="${ok}"` }, format: MATCH, stopIfTrue: true },
  ];
}

// ————— 二、各攻坚战亮灯情况 —————

/** The five lights 汇总's 状态 column shows, as COUNTIF criteria: 3/2/1/0 are numbers, 数据有误 its word (Chinese). */
const COUNTED: readonly { readonly key: keyof LightCounts; readonly criterion: string }[] = [
  { key: 'green', criterion: String(LIGHT.green) },
  { key: 'yellow', criterion: String(LIGHT.yellow) },
  { key: 'red', criterion: String(LIGHT.red) },
  { key: 'none', criterion: String(LIGHT.none) },
  // 汇总 is written in Chinese whatever the 通报's language.
  { key: 'invalid', criterion: `"${WORDS_ZH['data.invalid']}"` },
];

/** 汇总's 状态 cells of some indicators, as one range per run of consecutive rows. */
function lightRanges(summary: SummaryCells, codes: readonly string[]): string[] {
  const rows = [...new Set(codes.flatMap((c) => summary.rowsByCode.get(c) ?? []))].sort((a, b) => a - b);
  const ranges: string[] = [];
  let start: number | undefined;
  rows.forEach((r, i) => {
    start ??= r;
    if (rows[i + 1] !== r + 1) {
      const col = summary.lightColumn;
      ranges.push(sheetRef(summary.sheet, `$${col}$${start}:$${col}$${r}`));
      start = undefined;
    }
  });
  return ranges;
}

/** COUNTIF over several ranges (a campaign's rows are consecutive in 汇总: usually one). */
function countIf(ranges: readonly string[], criterion: string): string {
  return ranges.length === 0 ? '0' : ranges.map((r) => `COUNTIF(${r},${criterion})`).join('+');
}

function trendCounts(trends: readonly Trend[], codes: ReadonlySet<string>): { better: number; worse: number } {
  const mine = trends.filter((t) => codes.has(t.code));
  return {
    better: mine.filter((t) => t.change === 'better').length,
    worse: mine.filter((t) => t.change === 'worse').length,
  };
}

function addCampaigns(
  b: SheetBuilder,
  input: BulletinSheetInput,
  summary: SummaryCells,
  w: Words,
  expectedFirst: number,
): void {
  const { result, bulletin } = input;
  const ok = w.t('consolidation.check.ok');
  const mismatch = w.t('consolidation.check.mismatch');
  b.section(1);
  b.addWide(valueCell(w.t('bulletinSheet.section.campaigns'), 'section'));
  const headers = [
    'seq',
    'campaign',
    'indicators',
    'green',
    'yellow',
    'red',
    'none',
    'invalid',
    'doubtful',
    'better',
    'worse',
    'check',
  ] as const;
  b.addSpans(headers.map((h) => ({ span: 1, cell: valueCell(w.t(`bulletinSheet.column.${h}`), 'header') })));
  const first = b.row;
  if (first !== expectedFirst) throw new Error(`bulletinSheet: 二 starts at row ${first}, not ${expectedFirst}`);
  // Written counts (D…H) beside live counts of the same campaign's rows in 汇总, compared in L.
  const check = (r: number, ranges: readonly string[]): CellSpec => {
    const same = COUNTED.map((c, i) => `${countIf(ranges, c.criterion)}=${columnLetters(4 + i)}${r}`).join(',');
    return formulaCell(`=IFERROR(IF(AND(${same}),"${ok}","${mismatch}"),"${mismatch}")`, 'check');
  };
  const countsRow = (seq: CellSpec, name: string, n: LightCounts, total: number, codes: ReadonlySet<string>) => {
    const { better, worse } = trendCounts(bulletin.trends, codes);
    return [
      seq,
      valueCell(name, 'center'),
      valueCell(total, 'center'),
      ...COUNTED.map((c) => valueCell(n[c.key], 'center')),
      valueCell(n.doubtful, 'center'),
      valueCell(better, 'center'),
      valueCell(worse, 'center'),
    ];
  };
  result.campaigns.forEach((c: CampaignSummary, i) => {
    const codes = c.indicators.map((s) => s.code);
    const r = b.row;
    b.add([
      ...countsRow(valueCell(i + 1, 'center'), c.name, c.counts, codes.length, new Set(codes)),
      check(r, lightRanges(summary, codes)),
    ]);
  });
  const all = result.campaigns.flatMap((c) => c.indicators.map((s) => s.code));
  const totalRow = b.row;
  b.add([
    ...countsRow(valueCell(w.t('bulletinSheet.row.total'), 'label'), '', result.counts, all.length, new Set(all)),
    check(totalRow, lightRanges(summary, all)),
  ]);
  b.merges.push(`A${totalRow}:B${totalRow}`);
  // The same counts as formulas, visible beneath the written 合计, and compared with it.
  const ranges = lightRanges(summary, all);
  const live = b.row;
  b.add([
    valueCell(w.t('bulletinSheet.row.summaryCount', { summary: summary.sheet }), 'label'),
    valueCell(null, 'center'),
    valueCell(null, 'center'),
    ...COUNTED.map((c) => formulaCell(`=${countIf(ranges, c.criterion)}`, 'center')),
    valueCell(null, 'center'),
    valueCell(null, 'center'),
    valueCell(null, 'center'),
    formulaCell(
      `=IFERROR(IF(AND(${COUNTED.map((_, i) => `${columnLetters(4 + i)}${live}=${columnLetters(4 + i)}${totalRow}`).join(',')}),"${ok}","${mismatch}"),"${mismatch}")`,
      'check',
    ),
  ]);
  b.merges.push(`A${live}:C${live}`);
  b.format(...checkFormats(`L${first}:L${live}`, ok, mismatch));
}

// ————— 三、滞后指标及原因 —————

function lightWord(light: Light | null, w: Words): string {
  return light === null ? w.t('light.unknown') : w.t(`light.${light}`);
}

/** Light words coloured as the lights (the 通报 prints them as words, never by colour alone). */
function lightWordFormats(column: string, first: number, last: number, w: Words): ConditionalFormatSpec[] {
  return LIGHT_STYLES.map((l) => ({
    range: `${column}${first}:${column}${last}`,
    rule: { type: 'expression', formula: `=$${column}${first}="${w.t(`light.${l.value}`)}"` },
    format: { fill: l.fill, fontColor: l.fontColor },
    stopIfTrue: true,
  }));
}

function reasonsOf(s: IndicatorSummary, w: Words): string {
  if (s.reasons.length === 0) return w.t('bulletinSheet.noReason');
  if (s.reasons.length === 1) return s.reasons[0]?.text ?? '';
  return s.reasons.map((r) => `${r.department}：${r.text}`).join('\n');
}

function addLagging(b: SheetBuilder, input: BulletinSheetInput, w: Words, heights: RowHeight[]): void {
  const { result, bulletin } = input;
  b.section(1);
  b.addWide(valueCell(w.t('bulletinSheet.section.lagging'), 'section'));
  const h = (k: ColumnName): CellSpec => valueCell(w.t(`bulletinSheet.column.${k}`), 'header');
  b.addSpans([
    { span: 1, cell: h('seq') },
    { span: 1, cell: h('campaign') },
    { span: 1, cell: h('code') },
    { span: 2, cell: h('name') },
    { span: 1, cell: h('department') },
    { span: 1, cell: h('attainment') },
    { span: 1, cell: h('expected') },
    { span: 1, cell: h('light') },
    { span: 1, cell: h('change') },
    { span: b.width - 10, cell: h('reason') },
  ]);
  // 汇总's lagging list is already 红 first, then 黄, each in plan order.
  const lagging = result.lagging;
  if (lagging.length === 0) {
    b.addWide(valueCell(w.t('bulletinSheet.noLagging'), 'center'));
    return;
  }
  const campaignName = new Map(result.campaigns.map((c) => [c.id, c.name]));
  const trendOf = new Map(bulletin.trends.map((t) => [t.code, t]));
  const first = b.row;
  lagging.forEach((s, i) => {
    const trend = trendOf.get(s.code);
    const reason = reasonsOf(s, w);
    const row = b.addSpans([
      { span: 1, cell: valueCell(i + 1, 'center') },
      { span: 1, cell: valueCell(campaignName.get(s.campaignId) ?? s.campaignId, 'center') },
      { span: 1, cell: valueCell(s.code, 'center') },
      { span: 2, cell: valueCell(s.name, 'text') },
      { span: 1, cell: valueCell(s.department, 'text') },
      {
        span: 1,
        cell: s.outOfRange.includes('attainment')
          ? valueCell(OUT_OF_RANGE, 'number')
          : valueCell(s.attainment, 'percent'),
      },
      { span: 1, cell: valueCell(s.expected, 'percent') },
      { span: 1, cell: valueCell(lightWord(s.light, w), 'light') },
      { span: 1, cell: valueCell(trend ? w.t(trendKey(trend)) : null, 'center') },
      { span: b.width - 10, cell: valueCell(reason, 'text') },
    ]);
    heights.push({ row, height: textHeight(reason, charsPerLine(w, 11, b.width)) });
  });
  b.format(...lightWordFormats('I', first, b.row - 1, w));
}

// ————— 四、督办事项 —————

function addSupervision(b: SheetBuilder, input: BulletinSheetInput, w: Words, heights: RowHeight[]): void {
  const { result, bulletin } = input;
  b.section(1);
  b.addWide(valueCell(w.t('bulletinSheet.section.supervision'), 'section'));
  const h = (k: ColumnName): CellSpec => valueCell(w.t(`bulletinSheet.column.${k}`), 'header');
  const reasonsSpan = b.width - 9;
  b.addSpans([
    { span: 1, cell: h('seq') },
    { span: 1, cell: h('level') },
    { span: 1, cell: h('code') },
    { span: 2, cell: h('name') },
    { span: 1, cell: h('department') },
    { span: 1, cell: h('run') },
    { span: 2, cell: h('lights') },
    { span: reasonsSpan, cell: h('reasons') },
  ]);
  if (bulletin.supervision.length === 0) {
    b.addWide(valueCell(w.t('bulletinSheet.noSupervision'), 'center'));
    return;
  }
  const nameOf = new Map(result.campaigns.flatMap((c) => c.indicators.map((s) => [s.code, s.name] as const)));
  bulletin.supervision.forEach((item, i) => {
    const runText = w.describe(runMessage(item));
    const lights = item.months
      .map((m) => w.t('bulletinSheet.runMonth', { month: m.month, light: lightWord(m.light, w) }))
      .join(w.language === 'zh' ? '→' : ' → ');
    const reasons = item.months
      .map((m) =>
        w.t('bulletinSheet.runReason', {
          month: m.month,
          reason: m.reason === '' ? w.t('bulletinSheet.noReason') : m.reason,
        }),
      )
      .join('\n');
    const row = b.addSpans([
      { span: 1, cell: valueCell(i + 1, 'center') },
      { span: 1, cell: valueCell(w.t(levelKey(item.level)), 'state') },
      { span: 1, cell: valueCell(item.code, 'center') },
      { span: 2, cell: valueCell(nameOf.get(item.code) ?? '', 'text') },
      { span: 1, cell: valueCell(item.department, 'text') },
      { span: 1, cell: valueCell(runText, 'center') },
      { span: 2, cell: valueCell(lights, 'text') },
      { span: reasonsSpan, cell: valueCell(reasons, 'text') },
    ]);
    heights.push({ row, height: textHeight(reasons, charsPerLine(w, 10, b.width)) });
  });
}

// ————— 五、部门得分及排名 —————

function addScores(b: SheetBuilder, input: BulletinSheetInput, w: Words): void {
  const { bulletin } = input;
  b.section(1);
  b.addWide(valueCell(w.t('bulletinSheet.section.scores'), 'section'));
  const h = (k: ColumnName): CellSpec => valueCell(w.t(`bulletinSheet.column.${k}`), 'header');
  b.addSpans([
    { span: 1, cell: h('rank') },
    { span: 2, cell: h('department') },
    { span: 1, cell: h('scored') },
    { span: 1, cell: h('mean') },
    { span: 1, cell: h('supervised') },
    { span: 1, cell: h('inspected') },
    { span: 1, cell: h('penalty') },
    { span: 1, cell: h('score') },
    { span: b.width - 9, cell: h('scoreNote') },
  ]);
  if (bulletin.scores.length === 0) {
    b.addWide(valueCell(w.t('bulletinSheet.noScores'), 'center'));
    return;
  }
  const none = w.t('bulletinSheet.noScore');
  for (const s of bulletin.scores) {
    const count = (basis: string): number => s.indicators.filter((p) => p.basis === basis).length;
    const bonus = s.indicators.filter((p) => p.bonus > 0).length;
    const notes = [
      ...(count('notReported') > 0 ? [w.t('bulletinSheet.score.notReported', { count: count('notReported') })] : []),
      ...(count('invalid') > 0 ? [w.t('bulletinSheet.score.invalid', { count: count('invalid') })] : []),
      ...(count('unscored') > 0 ? [w.t('bulletinSheet.score.unscored', { count: count('unscored') })] : []),
      ...(bonus > 0 ? [w.t('bulletinSheet.score.bonus', { count: bonus })] : []),
    ];
    const scored = s.indicators.filter((p) => p.points !== null).length;
    b.addSpans([
      { span: 1, cell: valueCell(s.rank ?? none, 'center') },
      { span: 2, cell: valueCell(s.department, 'text') },
      { span: 1, cell: valueCell(scored, 'center') },
      { span: 1, cell: valueCell(s.mean === null ? none : roundTo(s.mean, 2), 'score') },
      { span: 1, cell: valueCell(s.supervised, 'center') },
      { span: 1, cell: valueCell(s.inspected, 'center') },
      { span: 1, cell: valueCell(s.penalty, 'center') },
      { span: 1, cell: valueCell(s.score === null ? none : roundTo(s.score, 2), 'score') },
      { span: b.width - 9, cell: valueCell(notes.join(w.language === 'zh' ? '；' : '; '), 'text') },
    ]);
  }
}

// ————— 六、报送情况 —————

function addSubmissions(b: SheetBuilder, input: BulletinSheetInput, w: Words, settings: TimelinessSettings): void {
  const { result } = input;
  b.section(1);
  b.addWide(valueCell(w.t('bulletinSheet.section.submissions'), 'section'));
  const campaigns = result.matrix.campaignIds.map((id) => result.campaigns.find((c) => c.id === id)?.name ?? id);
  const h = (k: ColumnName): CellSpec => valueCell(w.t(`bulletinSheet.column.${k}`), 'header');
  const tail = b.width - 3 - campaigns.length - 2;
  b.addSpans([
    { span: 1, cell: h('seq') },
    { span: 2, cell: h('reporter') },
    ...campaigns.map((name) => ({ span: 1, cell: valueCell(name, 'header') })),
    { span: 1, cell: h('onTime') },
    { span: 1, cell: h('overdue') },
    { span: tail, cell: h('timeUnknown') },
  ]);
  const first = b.row;
  result.matrix.rows.forEach((cells, i) => {
    const times = cells.map((c) => timelinessOfCell(result, c, settings));
    const count = (t: string): number => times.filter((x) => x === t).length;
    const parts: SpanPart[] = [
      { span: 1, cell: valueCell(i + 1, 'center') },
      { span: 2, cell: valueCell(result.matrix.departments[i] ?? '', 'text') },
      ...cells.map((c, j) => ({ span: 1, cell: valueCell(w.matrixText(c, times[j] === 'overdue'), 'state') })),
      { span: 1, cell: valueCell(count('onTime'), 'center') },
      { span: 1, cell: valueCell(count('overdue'), 'center') },
      { span: tail, cell: valueCell(count('unknown'), 'center') },
    ];
    b.addSpans(parts);
  });
  if (result.matrix.rows.length > 0 && campaigns.length > 0) {
    const overdue = w.t('bulletinSheet.matrix.overdue');
    const range = `D${first}:${columnLetters(3 + campaigns.length)}${b.row - 1}`;
    b.format({
      range,
      rule: { type: 'expression', formula: `=ISNUMBER(SEARCH("${overdue}",D${first}))` },
      format: MISMATCH,
      stopIfTrue: true,
    });
  }
  b.addNotes(w.t('bulletinSheet.matrixNote', { deadlineDay: settings.deadlineDay }));
}

// ————— annex: lights by month per campaign, and the charts —————

/** Per campaign and month 1…period: the 绿/黄/红 counts of its indicators in the history (this run's month merged). */
export function lightsByMonth(input: Pick<BulletinSheetInput, 'result' | 'bulletin' | 'history'>): {
  readonly campaignId: string;
  readonly months: readonly { month: number; green: number; yellow: number; red: number }[];
}[] {
  const { result, bulletin } = input;
  const p = bulletin.period;
  const history = mergeHistory(input.history, p, recordsOf(result));
  return result.campaigns.map((c) => {
    const codes = new Set(c.indicators.map((s) => s.code));
    const months = Array.from({ length: p.month }, (_, i) => {
      const mine = history.filter(
        (r) => r.scope === 'total' && r.year === p.year && r.month === i + 1 && codes.has(r.code),
      );
      const n = (l: Light): number => mine.filter((r) => r.light === l).length;
      return { month: i + 1, green: n(LIGHT.green), yellow: n(LIGHT.yellow), red: n(LIGHT.red) };
    });
    return { campaignId: c.id, months };
  });
}

function addCharts(b: SheetBuilder, input: BulletinSheetInput, w: Words): ChartSpec[] {
  const { result } = input;
  b.section(1);
  b.addWide(valueCell(w.t('bulletinSheet.section.chart'), 'section'));
  const charts: ChartSpec[] = [];
  const name = new Map(result.campaigns.map((c) => [c.id, c.name]));
  lightsByMonth(input).forEach((c, i) => {
    b.section(i === 0 ? 0 : 1);
    const header = b.add([
      valueCell(name.get(c.campaignId) ?? c.campaignId, 'header'),
      valueCell(w.t('light.3'), 'header'),
      valueCell(w.t('light.2'), 'header'),
      valueCell(w.t('light.1'), 'header'),
    ]);
    for (const m of c.months)
      b.add([
        valueCell(w.t('bulletinSheet.month', { month: m.month }), 'center'),
        valueCell(m.green, 'center'),
        valueCell(m.yellow, 'center'),
        valueCell(m.red, 'center'),
      ]);
    const last = header + c.months.length;
    b.skip(Math.max(0, CHART_ROWS - (last - header + 1)));
    charts.push({
      name: `LightsByMonth${i + 1}`,
      type: 'columnStacked',
      source: `A${header}:D${last}`,
      seriesBy: 'columns',
      title: w.t('bulletinSheet.chartTitle', { campaign: name.get(c.campaignId) ?? c.campaignId }),
      from: `F${header}`,
      to: `${columnLetters(b.width)}${header + CHART_ROWS - 1}`,
      seriesColors: LIGHT_SERIES_COLORS,
    });
  });
  return charts;
}

/** Column widths A…L (characters), a compromise across the sections; a wider 六 adds columns of DEFAULT_WIDTH. */
const COLUMN_WIDTHS = [8, 12, 10, 10, 10, 12, 10, 10, 10, 12, 16, 26] as const;
const DEFAULT_WIDTH = 10;

function columnWidths(width: number): { readonly column: string; readonly width: number }[] {
  return Array.from({ length: width }, (_, i) => ({
    column: columnLetters(i + 1),
    width: COLUMN_WIDTHS[i] ?? DEFAULT_WIDTH,
  }));
}
