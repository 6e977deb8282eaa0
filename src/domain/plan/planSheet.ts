import { columnLetters } from '../grid/address';
import { PLAN_MARKER_TYPE } from '../grid/ownSheets';
import { KIND_ZH, POINTS_FORMAT, isRateKind, type Kind } from '../calc/kinds';
import { writableSpec, type CellSpec, type SheetSpec } from '../grid/sheetSpec';
import { DEFAULT_THRESHOLDS, type Plan, type Thresholds } from './schema';
import { settingEntries, type SettingGroup, type SettingRange } from './settings';

/**
 * The plan as a sheet (指标库) an office can read and edit for another year. One row per indicator with its
 * campaign's data repeated, so that the sheet sorts and filters like any Excel table. Reading it back through
 * the plan schema is the templates issue's; this writes it.
 */
/**
 * 2: a share change's target in 个百分点 (1 = 1 point; version 1 stored 0.01), and the columns 配合部门 and the
 * English names. 3: the columns 权重 and 1月计划…12月计划 (分月计划), and the settings block right of the table.
 */
export const PLAN_SHEET_VERSION = 3;

/** The 分月计划 columns, one per month: keys monthly1…monthly12, headers 1月计划…12月计划. */
export const MONTHLY_KEYS = [
  'monthly1',
  'monthly2',
  'monthly3',
  'monthly4',
  'monthly5',
  'monthly6',
  'monthly7',
  'monthly8',
  'monthly9',
  'monthly10',
  'monthly11',
  'monthly12',
] as const;

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
  ['weight', '权重', 7],
  ...MONTHLY_KEYS.map((key, i) => [key, `${i + 1}月计划`, 9] as const),
] as const;

/**
 * The settings block (SPEC §2: light bands, escalation counts, scoring constants, reporting deadline), right of the
 * indicator table after one blank column, so that rows added to the table never run into it: one row per setting
 * under the table's header row, found by the keys of its columns in the hidden keys row and by each setting's key.
 * A blank 取值 is the default (the 说明 says which).
 */
export const SETTING_COLUMNS = [
  ['setting', '设置编码', 24],
  ['settingLabel', '设置项', 30],
  ['settingValue', '取值', 9],
  ['settingNote', '说明', 40],
] as const;

/** The light bands (the plan's `thresholds`) as settings of the block: fractions, shown as percentages. */
export const BAND_SETTINGS = {
  yellowBand: { min: 0, max: 1, integer: false, default: DEFAULT_THRESHOLDS.yellowBand },
  growthYellowBand: { min: 0, max: 1, integer: false, default: DEFAULT_THRESHOLDS.growthYellowBand },
} as const;

/** Every setting the block holds: its key in the sheet (group.name), label, range and default. */
export interface SettingRow {
  readonly key: string;
  readonly group: 'lights' | SettingGroup;
  readonly name: string;
  readonly label: string;
  readonly range: SettingRange & { readonly default: number };
  readonly percent: boolean;
}

const SETTING_LABEL: Readonly<Record<string, string>> = {
  'lights.yellowBand': '黄灯区间：完成率低于序时进度不超过',
  'lights.growthYellowBand': '黄灯区间（增速类）：低于目标增速不超过',
  'escalation.supervisionAfter': '督办：连续黄灯或红灯的月数',
  'escalation.inspectionAfter': '效能监察：连续红灯的月数',
  'scores.full': '指标满分（达到序时目标）',
  'scores.stretchBonus': '达力争加分',
  'scores.supervisionPenalty': '每项督办扣分',
  'scores.inspectionPenalty': '每项效能监察扣分',
  'scores.rankDecimals': '排名时得分保留的小数位数',
  'timeliness.deadlineDay': '报送截止日（次月几日，含当日）',
  'timeliness.utcOffsetMinutes': '时区：与 UTC 相差的分钟数（北京时间 480）',
};

export const SETTING_ROWS: readonly SettingRow[] = [
  ...Object.entries(BAND_SETTINGS).map(([name, range]) => ({ group: 'lights' as const, name, range, percent: true })),
  ...settingEntries().map((e) => ({ ...e, percent: false })),
].map((e) => ({ ...e, key: `${e.group}.${e.name}`, label: SETTING_LABEL[`${e.group}.${e.name}`] ?? e.name }));

/** The range of a setting as the sheet says it: "默认 2；1～12 的整数". */
export function settingRangeText(s: SettingRow): string {
  const show = (v: number): string => (s.percent ? `${Math.round(v * 1000) / 10}%` : String(v));
  return `默认 ${show(s.range.default)}；${show(s.range.min)}～${show(s.range.max)}${s.range.integer ? ' 的整数' : ''}`;
}

/** A setting's value in a plan (undefined: not set, the default applies). */
export function settingValue(plan: Plan, s: SettingRow): number | undefined {
  if (s.group === 'lights') return plan.thresholds?.[s.name as keyof Thresholds];
  const group = plan.settings?.[s.group] as Readonly<Record<string, number | undefined>> | undefined;
  return group?.[s.name];
}

/** How a target is shown: rates as percentages, a share change in points (SPEC §3), other figures as typed. */
function targetFormat(kind: Kind, unit: string): string {
  if (kind === 'share') return POINTS_FORMAT;
  return unit === '%' || isRateKind(kind) ? '0.0%' : 'General';
}

export function buildPlanSheet(plan: Plan, name = '指标库'): SheetSpec {
  return writableSpec(planSheetSpec(plan, name));
}

/** One row per indicator, its campaign's fields repeated. */
function indicatorRows(plan: Plan): CellSpec[][] {
  return plan.campaigns.flatMap((c) =>
    c.indicators.map((ind): CellSpec[] => {
      const num = (v: number | undefined): CellSpec =>
        v === undefined
          ? { value: null, style: 'cell' }
          : { value: v, style: 'cell', numberFormat: targetFormat(ind.kind, ind.unit) };
      return [
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
        { value: ind.weight ?? null, style: 'cell' },
        ...MONTHLY_KEYS.map((_, m) => num(ind.monthlyPlan?.[m])),
      ];
    }),
  );
}

/** The settings block's rows: key, label, value (blank: the default), what the default and the range are. */
function settingRows(plan: Plan): CellSpec[][] {
  return SETTING_ROWS.map((s) => {
    const v = settingValue(plan, s);
    return [
      { value: s.key, style: 'cell' },
      { value: s.label, style: 'cell' },
      v === undefined
        ? { value: null, style: 'cell' }
        : { value: v, style: 'cell', numberFormat: s.percent ? '0.0%' : 'General' },
      { value: settingRangeText(s), style: 'wrap' },
    ];
  });
}

function planSheetSpec(plan: Plan, name: string): SheetSpec {
  const header: CellSpec[] = PLAN_COLUMNS.map(([, label]) => ({ value: label, style: 'header' }));
  const keys: CellSpec[] = PLAN_COLUMNS.map(([k]) => ({ value: k }));
  const rows = indicatorRows(plan);
  const lastCol = columnLetters(PLAN_COLUMNS.length);
  const settingsAt = PLAN_COLUMNS.length + 2; // one blank column between the table and the block
  const settingKeys: CellSpec[] = SETTING_COLUMNS.map(([k]) => ({ value: k }));
  const settingHeader: CellSpec[] = SETTING_COLUMNS.map(([, label]) => ({ value: label, style: 'header' }));
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
      { at: `${columnLetters(settingsAt)}2`, rows: [settingKeys] },
      { at: `${columnLetters(settingsAt)}4`, rows: [settingHeader, ...settingRows(plan)] },
    ],
    rowHeights: [
      { row: 1, height: 15, hidden: true },
      { row: 2, height: 15, hidden: true },
    ],
    columnWidths: [
      ...PLAN_COLUMNS.map(([, , w], i) => ({ column: columnLetters(i + 1), width: w })),
      { column: columnLetters(settingsAt - 1), width: 3 },
      ...SETTING_COLUMNS.map(([, , w], i) => ({ column: columnLetters(settingsAt + i), width: w })),
    ],
    merges: [`A3:${lastCol}3`],
    freeze: { rows: 4, columns: 7 },
    table: { name: 'PlanIndicators', range: `A4:${lastCol}${4 + rows.length}`, style: 'TableStyleLight9' },
    print: { orientation: 'landscape', fitToPagesWide: 1, printTitleRows: '$4:$4' },
    tabColor: '#217346',
  };
}
