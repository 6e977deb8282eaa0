import { columnLetters } from '../grid/address';
import { PLAN_MARKER_TYPE } from '../grid/ownSheets';
import { KIND_ZH, POINTS_FORMAT, isRateKind, type Kind } from '../calc/kinds';
import { writableSpec, type CellSpec, type SheetSpec } from '../grid/sheetSpec';
import type { Plan } from './schema';

/**
 * The plan as a sheet (指标库) an office can read and edit for another year. One row per indicator with its
 * campaign's data repeated, so that the sheet sorts and filters like any Excel table. Reading it back through
 * the plan schema is the templates issue's; this writes it.
 */
/**
 * 2: a share change's target in 个百分点 (1 = 1 point; version 1 stored 0.01), and the columns 配合部门 and the
 * English names.
 */
export const PLAN_SHEET_VERSION = 2;

export const PLAN_COLUMNS = [
  ['campaignId', '攻坚战编号', 10],
  ['campaignName', '攻坚战', 12],
  ['commander', '指挥长', 9],
  ['deputyCommander', '副指挥长', 9],
  ['leadDepartment', '牵头部门', 14],
  ['code', '指标编码', 10],
  ['name', '指标名称', 30],
  ['kind', '类型', 8],
  ['unit', '单位', 10],
  ['target', '确保目标', 10],
  ['stretch', '力争目标', 10],
  ['paced', '序时考核', 9],
  ['aggregation', '汇总方式', 9],
  ['department', '责任单位', 14],
  ['wording', '原文表述', 60],
  ['note', '说明', 30],
  ['contributors', '配合部门', 16],
  ['campaignNameEn', '攻坚战（英文）', 18],
  ['nameEn', '指标名称（英文）', 30],
] as const;

/** How a target is shown: rates as percentages, a share change in points (SPEC §3), other figures as typed. */
function targetFormat(kind: Kind, unit: string): string {
  if (kind === 'share') return POINTS_FORMAT;
  return unit === '%' || isRateKind(kind) ? '0.0%' : 'General';
}

export function buildPlanSheet(plan: Plan, name = '指标库'): SheetSpec {
  return writableSpec(planSheetSpec(plan, name));
}

function planSheetSpec(plan: Plan, name: string): SheetSpec {
  const header: CellSpec[] = PLAN_COLUMNS.map(([, label]) => ({ value: label, style: 'header' }));
  const keys: CellSpec[] = PLAN_COLUMNS.map(([k]) => ({ value: k }));
  const rows: CellSpec[][] = [];
  for (const c of plan.campaigns) {
    for (const ind of c.indicators) {
      const num = (v: number | undefined): CellSpec =>
        v === undefined
          ? { value: null, style: 'cell' }
          : { value: v, style: 'cell', numberFormat: targetFormat(ind.kind, ind.unit) };
      rows.push([
        { value: c.id, style: 'cell' },
        { value: c.name, style: 'cell' },
        { value: c.commander, style: 'cell' },
        { value: c.deputyCommander, style: 'cell' },
        { value: c.leadDepartment, style: 'cell' },
        { value: ind.code, style: 'cell' },
        { value: ind.name, style: 'cell' },
        { value: KIND_ZH[ind.kind], style: 'cell' },
        { value: ind.unit, style: 'cell' },
        num(ind.target),
        num(ind.stretch),
        { value: ind.paced ? '是' : '否', style: 'cell' },
        { value: { sum: '求和', growth: '增速', single: '单一' }[ind.aggregation], style: 'cell' },
        { value: ind.department, style: 'cell' },
        { value: ind.wording, style: 'wrap' },
        { value: ind.note ?? null, style: 'wrap' },
        { value: ind.contributors?.join('、') ?? null, style: 'cell' },
        { value: c.nameEn ?? null, style: 'cell' },
        { value: ind.nameEn ?? null, style: 'cell' },
      ]);
    }
  }
  const lastCol = columnLetters(PLAN_COLUMNS.length);
  return {
    name,
    marker: { type: PLAN_MARKER_TYPE, v: PLAN_SHEET_VERSION, plan: plan.id, year: plan.year },
    styles: {
      title: { font: { bold: true, size: 14 } },
      header: {
        fill: '#217346',
        font: { bold: true, color: '#FFFFFF' },
        horizontal: 'center',
        wrap: true,
        border: { style: 'thin', color: '#BFBFBF' },
      },
      cell: { border: { style: 'thin', color: '#D9D9D9' }, vertical: 'top' },
      wrap: { border: { style: 'thin', color: '#D9D9D9' }, vertical: 'top', wrap: true },
    },
    blocks: [
      { at: 'A2', rows: [keys] },
      { at: 'A3', rows: [[{ value: `${plan.title}（${plan.year}年）指标库`, style: 'title' }]] },
      { at: 'A4', rows: [header, ...rows] },
    ],
    rowHeights: [
      { row: 1, height: 15, hidden: true },
      { row: 2, height: 15, hidden: true },
    ],
    columnWidths: PLAN_COLUMNS.map(([, , w], i) => ({ column: columnLetters(i + 1), width: w })),
    merges: [`A3:${lastCol}3`],
    freeze: { rows: 4, columns: 7 },
    table: { name: 'PlanIndicators', range: `A4:${lastCol}${4 + rows.length}`, style: 'TableStyleLight9' },
    print: { orientation: 'landscape', fitToPagesWide: 1, printTitleRows: '$4:$4' },
    tabColor: '#217346',
  };
}
