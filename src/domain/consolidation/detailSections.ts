import { endOfMonth, toExcelSerial } from '../calc/calc';
import { columnLetters } from '../grid/address';
import type { LiteralValue } from '../grid/cells';
import type { CellSpec } from '../grid/sheetSpec';
import { describeProblem } from '../i18n/messages';
import { fitWidth, valueFormat } from '../template/formats';
import type { Period } from '../validation/period';
import type { IndicatorSummary } from './aggregate';
import type { Consolidation } from './consolidate';
import type { DetailRecord } from './details';
import type { ConsolidationProblem } from './problems';
import { originKey, type Origin } from './sources';
import { compareText } from './values';
import { officeTime, officeTimeText } from './officeTime';
import {
  SHEET_WORDS,
  SUMMARY_SHEET,
  SheetBuilder,
  type SpanPart,
  formulaCell,
  notesPart,
  sheetRef,
  sheetTitle,
  valueCell,
  zh,
} from './sheetParts';
import { SUMMARY_COL, SUMMARY_ROWS, summaryRowsByCode } from './summarySections';

/**
 * The sections of 明细, top to bottom: the title and overall check, 汇总核对 (the reconciliation of every summary
 * row: native formulas over the detail list, so that it stays live), 数据明细 (every source value with its
 * origin) and 问题清单 (the problem list).
 */

/**
 * Columns of the detail list (A…N); C, F, G and H are what the reconciliation formulas read. 数据状态 (SPEC §6), the
 * last: a value's own state (数据有误, 待核实, 已核实 …), beside why it is not used.
 */
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
  'state',
] as const;
type DetailKey = (typeof DETAIL_COLUMNS)[number];
export const DETAIL_COL: Readonly<Record<DetailKey, string>> = Object.fromEntries(
  DETAIL_COLUMNS.map((k, i) => [k, columnLetters(i + 1)]),
) as Record<DetailKey, string>;
export const DETAIL_WIDTH = DETAIL_COLUMNS.length;

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
  state: '数据状态',
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

/**
 * The tolerance of the reconciliation, as a plain decimal (HyperFormula does not parse `1E-9`). Booleans in
 * formulas are written TRUE() and FALSE(): valid Excel, and the only spelling HyperFormula reads.
 */
const TOL = '0.000000001';

const FIELD_TEXT: Readonly<Record<DetailRecord['field'], string>> = {
  actual: zh('field.actual'),
  prior: zh('field.prior'),
  reason: zh('field.reason'),
};

const MISMATCH_STYLE = { fill: '#FFC7CE', fontColor: '#9C0006' } as const;

export function detailTitle(result: Pick<Consolidation, 'planTitle' | 'period'>): string {
  return sheetTitle(result, '指标汇总明细');
}

/** Where the sections of 明细 are: the reconciliation's formulas read the detail list below them. */
export interface DetailLayout {
  readonly reconFirst: number;
  readonly reconLast: number;
  readonly detailHeader: number;
  readonly detailFirst: number;
  readonly detailLast: number;
}

export function detailLayout(result: Consolidation): DetailLayout {
  const indicators = result.campaigns.reduce((n, c) => n + c.indicators.length, 0);
  const reconFirst = DETAIL_ROWS.reconFirst;
  const reconLast = reconFirst + indicators - 1;
  const detailHeader = reconLast + 3; // an empty row, the section's heading
  const detailFirst = detailHeader + 1;
  // An empty list still has a row saying so.
  return {
    reconFirst,
    reconLast,
    detailHeader,
    detailFirst,
    detailLast: detailFirst + Math.max(result.details.length, 1) - 1,
  };
}

// ————— title and overall check —————

/** The title, and a live overall check over the reconciliation's 核对 column, with how to read the sheet. */
export function addTitleAndCheck(b: SheetBuilder, result: Consolidation, layout: DetailLayout): void {
  const ok = zh('consolidation.check.ok');
  const mismatch = zh('consolidation.check.mismatch');
  const checkRange = `$K$${layout.reconFirst}:$K$${Math.max(layout.reconLast, layout.reconFirst)}`;
  const mismatches = `COUNTIF(${checkRange},"${mismatch}")`;
  b.section();
  b.addWide(valueCell(detailTitle(result), 'title'));
  const check = b.addSpans([
    { span: 2, cell: valueCell('核对结果', 'label') },
    {
      span: 4,
      cell: formulaCell(
        `=IF(${mismatches}=0,"全部${ok}（"&COUNTIF(${checkRange},"${ok}")&" 项）","有 "&${mismatches}&" 项${mismatch}")`,
        'check',
      ),
    },
    notesPart(
      `每个填报值一行；“计入汇总”为 TRUE 的数值计入“${SUMMARY_SHEET}”表。核对：“${SUMMARY_SHEET}”表的数值与按本表明细重新计算的结果比较（公式实时计算）。`,
      7,
    ),
  ]);
  b.format({
    range: `C${check}`,
    rule: { type: 'expression', formula: `=${mismatches}>0` },
    format: MISMATCH_STYLE,
  });
}

// ————— 汇总核对 —————

/** One row of the reconciliation: the summary's figure beside the same figure recomputed from the detail list. */
function reconciliationRow(
  s: IndicatorSummary,
  seq: number,
  r: number,
  campaign: string,
  summaryRow: number,
  layout: DetailLayout,
): CellSpec[] {
  const ok = zh('consolidation.check.ok');
  const mismatch = zh('consolidation.check.mismatch');
  const range = (key: DetailKey): string =>
    `$${DETAIL_COL[key]}$${layout.detailFirst}:$${DETAIL_COL[key]}$${layout.detailLast}`;
  const used = `${range('code')},$C${r},${range('field')},"${FIELD_TEXT.actual}",${range('used')},TRUE()`;
  const sumOf = (field: string): string =>
    `SUMIFS(${range('value')},${range('code')},$C${r},${range('field')},"${field}",${range('used')},TRUE())`;
  const summaryCell = sheetRef(SUMMARY_SHEET, `$${SUMMARY_COL.actual}$${summaryRow}`);
  const growth = s.kind === 'growth';
  const fmt = valueFormat(s.kind, s.unit);
  const amount = growth ? 'General' : fmt;
  const recomputed = growth ? `=IF(J${r}=0,"",IF(H${r}>0,G${r}/H${r}-1,""))` : `=IF(J${r}=0,"",G${r})`;
  const bothBlank = `AND(F${r}="",I${r}="")`;
  const oneBlank = `OR(F${r}="",I${r}="")`;
  const same = `ABS(F${r}-I${r})<=${TOL}*MAX(1,ABS(F${r}),ABS(I${r}))`;
  // A summary showing #NUM! (issue 12) cannot be checked against the details: 不符, never an error in the check.
  const check = `IF(${bothBlank},"${ok}",IF(${oneBlank},"${mismatch}",IF(${same},"${ok}","${mismatch}")))`;
  return [
    valueCell(seq, 'center'),
    valueCell(campaign, 'center'),
    valueCell(s.code, 'center'),
    valueCell(s.name, 'text'),
    valueCell(zh(`consolidation.aggregation.${s.aggregation}`), 'center'),
    formulaCell(`=IF(ISBLANK(${summaryCell}),"",${summaryCell})`, 'number', fmt),
    formulaCell(`=${sumOf(FIELD_TEXT.actual)}`, 'number', amount),
    growth ? formulaCell(`=${sumOf(FIELD_TEXT.prior)}`, 'number', amount) : valueCell(null, 'number'),
    formulaCell(recomputed, 'number', fmt),
    formulaCell(`=COUNTIFS(${used})`, 'center'),
    formulaCell(s.outOfRange.length > 0 ? `=IFERROR(${check},"${mismatch}")` : `=${check}`, 'check'),
    {},
    {},
    {},
  ];
}

/** 一、汇总核对: every summary row recomputed from the values counted in the detail list, and compared. */
export function addReconciliation(b: SheetBuilder, result: Consolidation, layout: DetailLayout): void {
  const ok = zh('consolidation.check.ok');
  const mismatch = zh('consolidation.check.mismatch');
  const campaignName = new Map(result.campaigns.map((c) => [c.id, c.name]));
  const summaryRows = summaryRowsByCode(result);
  b.section(1);
  b.addWide(valueCell('一、汇总核对（汇总表数值 = 按明细中计入汇总的数值重新计算）', 'section'));
  b.add([...RECON_HEADERS.map((h) => valueCell(h, 'header')), {}, {}, {}]);
  const summaries = result.campaigns.flatMap((c) => c.indicators);
  summaries.forEach((s, i) => {
    const campaign = campaignName.get(s.campaignId) ?? s.campaignId;
    const summaryRow = summaryRows.get(s.code) ?? SUMMARY_ROWS.first;
    b.add(reconciliationRow(s, i + 1, b.row, campaign, summaryRow, layout));
  });
  if (summaries.length === 0) return;
  const range = `K${layout.reconFirst}:K${layout.reconLast}`;
  b.format(
    {
      range,
      rule: { type: 'expression', formula: `=K${layout.reconFirst}="${mismatch}"` },
      format: MISMATCH_STYLE,
      stopIfTrue: true,
    },
    {
      range,
      rule: { type: 'expression', formula: `=K${layout.reconFirst}="${ok}"` },
      format: { fill: '#C6EFCE', fontColor: '#006100' },
      stopIfTrue: true,
    },
  );
}

// ————— 数据明细 —————

const periodSerial = (p: Period | undefined): number | null => (p ? toExcelSerial(endOfMonth(p.year, p.month)) : null);

function whyText(d: DetailRecord): string | null {
  if (!d.why) return d.share ? zh('consolidation.shareCounted') : null;
  return zh(`consolidation.why.${d.why}`, d.period ? { year: d.period.year, month: d.period.month } : {});
}

function originFile(o: Origin): string {
  return o.kind === 'file' ? o.file : zh('consolidation.thisWorkbook');
}

function link(o: Origin, cell: string): CellSpec['hyperlink'] {
  return o.kind === 'sheet' ? { documentReference: sheetRef(o.sheet, cell), tooltip: `${o.sheet}!${cell}` } : undefined;
}

/** 来源文件, 工作表, 单元格 of a value or a problem. */
function originCells(o: Origin, cell: string | undefined): [CellSpec, CellSpec, CellSpec] {
  const target = cell === undefined ? undefined : link(o, cell);
  const withLink = (value: LiteralValue): CellSpec =>
    target ? { value, style: 'link', hyperlink: target } : valueCell(value, 'text');
  // One hyperlink a row (on the cell address): thousands of links are most of 明细's write payload.
  return [
    valueCell(originFile(o), 'text'),
    valueCell(o.sheet, 'text'),
    cell === undefined ? valueCell(null, 'center') : withLink(cell),
  ];
}

function detailValue(d: DetailRecord): CellSpec {
  if (typeof d.value === 'string') return valueCell(d.value, 'text');
  if (typeof d.value === 'boolean') return valueCell(d.value, 'bool');
  return valueCell(d.value, 'number', 'General');
}

function detailCells(d: DetailRecord, seq: number, campaign: string, name: string): CellSpec[] {
  const [file, sheet, cell] = originCells(d.origin, d.cell);
  const cells: Record<DetailKey, CellSpec> = {
    seq: valueCell(seq, 'center'),
    campaign: valueCell(campaign, 'center'),
    code: valueCell(d.code, 'center'),
    name: valueCell(name, 'text'),
    department: valueCell(d.department, 'text'),
    field: valueCell(FIELD_TEXT[d.field], 'center'),
    value: detailValue(d),
    state: valueCell(d.state === undefined ? null : zh(`data.${d.state}`), 'center'),
    used: valueCell(d.used, 'bool'),
    why: valueCell(whyText(d), 'text'),
    period: valueCell(periodSerial(d.period), 'period'),
    file,
    sheet,
    cell,
  };
  return DETAIL_COLUMNS.map((k) => cells[k]);
}

/** 二、数据明细: every value found, one a row, those not counted in grey. */
export function addDetailList(b: SheetBuilder, result: Consolidation, layout: DetailLayout): void {
  const used = result.details.filter((d) => d.used).length;
  const campaignName = new Map(result.campaigns.map((c) => [c.id, c.name]));
  const nameOf = new Map(result.campaigns.flatMap((c) => c.indicators).map((s) => [s.code, s.name]));
  b.section(1);
  b.addWide(valueCell(`二、数据明细（共 ${result.details.length} 条，计入汇总 ${used} 条）`, 'section'));
  b.add(DETAIL_COLUMNS.map((k) => valueCell(DETAIL_HEADERS[k], 'header')));
  if (result.details.length === 0) {
    b.addWide(valueCell('没有填报值', 'center'));
    return;
  }
  result.details.forEach((d, i) =>
    b.add(detailCells(d, i + 1, campaignName.get(d.campaignId) ?? d.campaignId, nameOf.get(d.code) ?? '')),
  );
  b.format({
    range: `A${layout.detailFirst}:${columnLetters(DETAIL_WIDTH)}${layout.detailLast}`,
    rule: { type: 'expression', formula: `=$${DETAIL_COL.used}${layout.detailFirst}=FALSE()` },
    format: { fontColor: '#7F7F7F' },
  });
}

// ————— 问题清单 —————

function problemCells(q: ConsolidationProblem, seq: number, campaignName: ReadonlyMap<string, string>): CellSpec[] {
  const origin = q.origin
    ? originCells(q.origin, q.cell)
    : [valueCell(null, 'text'), valueCell(null, 'text'), valueCell(null, 'center')];
  return [
    valueCell(seq, 'center'),
    valueCell(zh(`severity.${q.severity}`), 'center'),
    valueCell(q.indicator ?? null, 'center'),
    // Not merged: the message overflows into the empty E:H, and a merge a row would weigh on the write.
    valueCell(describeProblem(q, SHEET_WORDS), 'text'),
    ...Array.from({ length: 4 }, () => valueCell(null, 'text')),
    valueCell(q.department ?? null, 'text'),
    valueCell(q.campaignId !== undefined ? (campaignName.get(q.campaignId) ?? q.campaignId) : null, 'center'),
    ...origin,
    {},
  ];
}

/** 三、问题清单: every problem, errors in red. */
export function addProblemList(b: SheetBuilder, result: Consolidation): void {
  const errors = result.problems.filter((q) => q.severity === 'error').length;
  const campaignName = new Map(result.campaigns.map((c) => [c.id, c.name]));
  b.section(1);
  b.addWide(valueCell(`三、问题清单（错误 ${errors} 条，警告 ${result.problems.length - errors} 条）`, 'section'));
  const header = (text: string, span = 1): SpanPart => ({ span, cell: valueCell(text, 'header') });
  b.addSpans([
    header('序号'),
    header('严重程度'),
    header('指标编码'),
    header('问题说明', 5),
    header('填报单位'),
    header('攻坚战'),
    header('来源文件'),
    header('工作表'),
    header('单元格'),
  ]);
  const first = b.row;
  if (result.problems.length === 0) {
    b.addWide(valueCell('没有问题', 'center'));
    return;
  }
  result.problems.forEach((q, i) => b.add(problemCells(q, i + 1, campaignName)));
  b.format({
    range: `B${first}:B${first + result.problems.length - 1}`,
    rule: { type: 'expression', formula: `=$B${first}="${zh('severity.error')}"` },
    format: { fontColor: '#9C0006', bold: true },
  });
}

/**
 * 四、导入文件: each imported file's template sheet with its save time and whether it counts — so that the office can
 * see, in the workbook it keeps, why a correction superseded the first sending (the later save time) and which file
 * was saved when. Only when files were imported.
 */
export function addSourceFiles(b: SheetBuilder, result: Consolidation, utcOffsetMinutes: number): void {
  // By department and campaign, then as saved: a correction right below what it corrects.
  const key = (s: (typeof result.sources)[number]) =>
    [s.department ?? '\uffff', s.campaignId ?? '\uffff', s.savedAt ?? '\uffff', originKey(s.origin)].join('\u0000');
  const files = result.sources.filter((s) => s.origin.kind === 'file').sort((a, b) => compareText(key(a), key(b)));
  if (files.length === 0) return;
  const campaignName = new Map(result.campaigns.map((c) => [c.id, c.name]));
  b.section(1);
  b.addWide(
    valueCell(
      `四、导入文件（${files.length} 张工作表；保存时间为工作簿属性中的最后保存时间，没有时取文件日期，` +
        `${officeTime(utcOffsetMinutes)}）`,
      'section',
    ),
  );
  const header = (text: string, span = 1): SpanPart => ({ span, cell: valueCell(text, 'header') });
  b.addSpans([
    header('序号'),
    header('来源文件', 4),
    header('工作表', 2),
    header('填报单位'),
    header('攻坚战'),
    header('报告期'),
    header('保存时间', 2),
    header('是否计入', 2),
  ]);
  files.forEach((s, i) => {
    const text = (v: string | null, style = 'text'): SpanPart['cell'] => valueCell(v, style);
    b.addSpans([
      { span: 1, cell: valueCell(i + 1, 'center') },
      { span: 4, cell: text(s.origin.kind === 'file' ? s.origin.file : null) },
      { span: 2, cell: text(s.origin.sheet) },
      { span: 1, cell: text(s.department ?? null) },
      { span: 1, cell: text(s.campaignId !== undefined ? (campaignName.get(s.campaignId) ?? s.campaignId) : null) },
      { span: 1, cell: text(s.period ? `${s.period.year}年${s.period.month}月` : null, 'center') },
      { span: 2, cell: text(s.savedAt !== undefined ? officeTimeText(s.savedAt, utcOffsetMinutes) : '不详', 'center') },
      {
        span: 2,
        cell: text(
          s.state === 'included'
            ? '计入'
            : zh(`consolidation.why.${s.state}`, s.period ? { year: s.period.year, month: s.period.month } : {}),
        ),
      },
    ]);
  });
}

/** Column widths, fitted to the texts where they vary (the first 500 values: enough to judge, quick to measure). */
export function detailColumnWidths(result: Consolidation): { readonly column: string; readonly width: number }[] {
  const summaries = result.campaigns.flatMap((c) => c.indicators);
  const texts = (pick: (d: DetailRecord) => string): string[] => result.details.slice(0, 500).map(pick);
  const widths: Record<DetailKey, number> = {
    seq: 6,
    campaign: 10,
    code: 10,
    name: fitWidth(['指标名称', ...summaries.map((s) => s.name)], 20, 32),
    department: fitWidth(['填报单位', ...texts((d) => d.department)], 12, 18),
    field: 14,
    value: 14,
    state: 10,
    used: 9,
    why: 30,
    period: 10,
    file: fitWidth(['来源文件', zh('consolidation.thisWorkbook'), ...texts((d) => originFile(d.origin))], 12, 28),
    sheet: fitWidth(['工作表', ...texts((d) => d.origin.sheet)], 14, 32),
    cell: 8,
  };
  return DETAIL_COLUMNS.map((k) => ({ column: DETAIL_COL[k], width: widths[k] }));
}
