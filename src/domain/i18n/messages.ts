/**
 * The one typed message catalogue (zh-CN first, en-US second), shared by the domain's problems, the custom
 * functions and the task pane. A key missing in either language is a type error; placeholders are `{name}`.
 */
export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];

const zhCN = {
  // Custom-function and calculation problems (SPEC §3, §9)
  'calc.blank': '未填报',
  'calc.noTarget': '未设定确保目标或力争目标',
  'calc.notANumber': '参数 {arg} 不是数字：“{text}”',
  'calc.unknownKind': '参数 {arg} 不是已知的指标类型：“{text}”（可用：total、count、level、growth、share、floor、rank、milestone 或 总量、个数、水平、增速、比重、下限、排名、进度）',
  'calc.unknownMode': '参数 {arg} 应为 "month" 或 "day"：“{text}”',
  'calc.badDate': '参数 {arg} 不是有效日期：“{text}”（可填日期或 "2019-06"）',
  // Validation of entered values (SPEC §7)
  'value.errorValue': '{field}是错误值 {text}，请填写数字',
  'value.notANumber': '{field}“{text}”不是数字，请只填写数字（单位已在表头）',
  'value.notANumberFix': '{field}“{text}”不是数字，建议改为 {fix}',
  'value.approximate': '{field}“{text}”是约数，请填写确切数字（如确为 {fix}，可一键改正）',
  'value.unitMismatch': '{field}“{text}”的单位与本指标单位“{unit}”不一致，请换算后填写',
  'value.ambiguousComma': '{field}“{text}”中的逗号含义不明（小数点还是千分位？），请直接填写数字',
  'value.boolean': '{field}填写了逻辑值 {text}，请填写数字',
  'value.looksLikeDate': '{field}显示为日期格式（{text}），请确认填写的是数字并改为常规或数值格式',
  'value.whitespace': '{field}只有空格，按未填报处理；如已完成请填写数字',
  'value.notFinite': '{field}不是有限数字',
  'value.negative': '{field}为负数 {value}，本指标（{kind}）不应为负',
  'value.notWhole': '{field}应为整数（{unit}），当前为 {value}',
  'value.rankInvalid': '位次应为不小于 1 的整数，当前为 {value}',
  'value.percentConfusion': '{field}填写了 {value}，看起来是百分数的数字部分；比率请填 {fix}（即 {percent}%），可直接输入“{percent}%”',
  'value.milestoneRange': '进度应在 0%～100% 之间，当前为 {value}',
  'value.implausibleMagnitude': '{field} {value} 超过目标 {target} 的 10 倍，请检查单位（万元/亿元？）',
  'value.implausibleGrowth': '本期 {current} 与上年同期 {prior} 相差超过 10 倍，请检查两者单位是否一致',
  'value.growthMissingPrior': '已填本期数，但未填上年同期数，无法计算增速',
  'value.growthMissingCurrent': '已填上年同期数，但未填本期数',
  'value.priorNotPositive': '上年同期数应大于 0，当前为 {value}，无法计算增速',
  'value.reasonMissing': '状态为{light}，请填写滞后原因及措施',
  'period.missing': '报告期未填写',
  'period.malformed': '报告期“{text}”格式不正确，请填写如“2019年6月”或“2019-06”',
  'period.wrongYear': '报告期为 {year} 年，与计划年度 {planYear} 年不一致',
  // Names used inside messages
  'field.actual': '累计完成',
  'field.prior': '上年同期',
  'field.reason': '滞后原因及措施',
  'field.period': '报告期',
  'light.0': '未填报',
  'light.1': '红',
  'light.2': '黄',
  'light.3': '绿',
  'tier.0': '未达确保',
  'tier.1': '达确保',
  'tier.2': '达力争',
  'severity.error': '错误',
  'severity.warning': '警告',

  // ── Task pane (ui.*) and workbook-port errors (port.*): owned by src/taskpane; keep this block last ──
  'ui.app.title': '五大攻坚战指标推进',
  'ui.nav.label': '功能',
  'ui.nav.templates': '模板',
  'ui.nav.validation': '校验',
  'ui.nav.consolidation': '汇总',
  'ui.nav.settings': '设置',
  'ui.comingSoon.title': '即将提供',
  'ui.comingSoon.body': '此功能尚在开发中，目前不会读取或修改工作簿。',
  'ui.templates.description': '按攻坚战、部门和月份插入标准填报模板（含数据验证、条件格式和计算公式）。',
  'ui.templates.campaigns': '{year} 年计划中的攻坚战',
  'ui.templates.commander': '指挥长',
  'ui.templates.leadDepartment': '牵头部门',
  'ui.templates.indicatorCount': '指标数',
  'ui.validation.description': '检查各部门填报的数值、单位和报告期，逐条指出问题所在的工作表、单元格和指标；有明确改法的可一键改正。',
  'ui.consolidation.description': '一键汇总各部门工作表或报送的 .xlsx 文件，生成汇总表、明细表、报送情况和图表。',
  'ui.settings.description': '加载项检测到的环境，以及正在使用的计划。',
  'ui.settings.language': '界面语言',
  'ui.settings.languageValue': '{locale}（Office 显示语言：{office}）',
  'ui.settings.theme': '主题',
  'ui.settings.themeFromOffice': '{theme}（Office 主题背景色 {color}）',
  'ui.settings.themeFromFlag': '{theme}（由 Office 报告）',
  'ui.settings.themeDefault': '{theme}（未检测到 Office 主题，使用默认）',
  'ui.settings.plan': '使用的计划',
  'ui.settings.planValue': '{title}（{year} 年，内置）',
  'ui.theme.light': '浅色',
  'ui.theme.dark': '深色',
  'ui.locale.zh-CN': '简体中文',
  'ui.locale.en-US': '英语',
  'ui.status.label': '通知',
  'ui.status.dismiss': '关闭通知',
  'ui.status.errorTitle': '操作未完成',
  'ui.status.detail': '技术详情：{detail}',
  'ui.notInOffice.title': '请在 Excel 中打开',
  'ui.notInOffice.body': '此页面是 Excel 加载项的任务窗格，需要在 Excel 中打开（插入 → 加载项），开发时也可通过预览宿主（npm start）打开。',
  'port.cellEditMode': '请先退出单元格编辑模式再试',
  'port.sheetProtected': '工作表受保护，无法写入；请先撤销工作表保护再试',
  'port.payloadTooLarge': '一次写入的数据超出了 Excel 的限制；请缩小范围后再试',
  'port.nameClash': '已有同名工作表；请重命名或删除后再试',
  'port.unsupported': '当前版本的 Excel 不支持此操作；请更新 Excel 后再试',
  'port.sheetMissing': '找不到所需的工作表，可能已被重命名或删除',
  'port.unknown': '工作簿返回了意外错误，操作未完成',
} as const;

export type MessageKey = keyof typeof zhCN;

const enUS: Record<MessageKey, string> = {
  'calc.blank': 'Not reported',
  'calc.noTarget': 'No target or stretch target is set',
  'calc.notANumber': 'Argument {arg} is not a number: "{text}"',
  'calc.unknownKind': 'Argument {arg} is not a known indicator kind: "{text}" (use total, count, level, growth, share, floor, rank, milestone)',
  'calc.unknownMode': 'Argument {arg} must be "month" or "day": "{text}"',
  'calc.badDate': 'Argument {arg} is not a valid date: "{text}" (use a date or "2019-06")',
  'value.errorValue': '{field} is the error value {text}; enter a number',
  'value.notANumber': '{field} "{text}" is not a number; enter the number only (the unit is in the header)',
  'value.notANumberFix': '{field} "{text}" is not a number; suggested: {fix}',
  'value.approximate': '{field} "{text}" is an approximation; enter the exact figure (if it is {fix}, apply the fix)',
  'value.unitMismatch': '{field} "{text}" is not in this indicator\'s unit "{unit}"; convert it first',
  'value.ambiguousComma': '{field} "{text}": the comma is ambiguous (decimal or thousands?); type the plain number',
  'value.boolean': '{field} holds the logical value {text}; enter a number',
  'value.looksLikeDate': '{field} is formatted as a date ({text}); check it is a number and use a number format',
  'value.whitespace': '{field} holds only spaces and counts as not reported; enter a number if there is one',
  'value.notFinite': '{field} is not a finite number',
  'value.negative': '{field} is negative ({value}); a {kind} indicator cannot be negative',
  'value.notWhole': '{field} must be a whole number ({unit}); it is {value}',
  'value.rankInvalid': 'A rank must be a whole number of at least 1; it is {value}',
  'value.percentConfusion': '{field} is {value}, which looks like a whole percentage; a rate is {fix} ({percent}%): type "{percent}%"',
  'value.milestoneRange': 'Progress must be between 0% and 100%; it is {value}',
  'value.implausibleMagnitude': '{field} {value} is more than 10 times the target {target}: check the unit (10k yuan vs 100M yuan?)',
  'value.implausibleGrowth': 'Current {current} and prior-year {prior} differ more than tenfold: check that both use the same unit',
  'value.growthMissingPrior': 'The current value is filled in but the prior-year value is missing, so growth cannot be computed',
  'value.growthMissingCurrent': 'The prior-year value is filled in but the current value is missing',
  'value.priorNotPositive': 'The prior-year value must be above 0 to compute growth; it is {value}',
  'value.reasonMissing': 'The status is {light}: enter the reason for the delay and the next steps',
  'period.missing': 'The report period is missing',
  'period.malformed': 'The report period "{text}" is not valid; use e.g. "2019-06"',
  'period.wrongYear': 'The report period is in {year}, not in the plan year {planYear}',
  'field.actual': 'Year-to-date actual',
  'field.prior': 'Prior-year value',
  'field.reason': 'Reason and next steps',
  'field.period': 'Report period',
  'light.0': 'Not reported',
  'light.1': 'Red',
  'light.2': 'Yellow',
  'light.3': 'Green',
  'tier.0': 'Below target',
  'tier.1': 'Target reached',
  'tier.2': 'Stretch reached',
  'severity.error': 'Error',
  'severity.warning': 'Warning',

  // ── Task pane (ui.*) and workbook-port errors (port.*): owned by src/taskpane; keep this block last ──
  'ui.app.title': 'Campaign KPI Tracker',
  'ui.nav.label': 'Sections',
  'ui.nav.templates': 'Templates',
  'ui.nav.validation': 'Validation',
  'ui.nav.consolidation': 'Consolidation',
  'ui.nav.settings': 'Settings',
  'ui.comingSoon.title': 'Coming soon',
  'ui.comingSoon.body': 'This feature is not built yet; for now it neither reads nor changes the workbook.',
  'ui.templates.description': 'Insert the standard reporting template for a campaign, department and month (with data validation, conditional formats and formulas).',
  'ui.templates.campaigns': 'Campaigns in the {year} plan',
  'ui.templates.commander': 'Commander',
  'ui.templates.leadDepartment': 'Lead department',
  'ui.templates.indicatorCount': 'Indicators',
  'ui.validation.description': 'Check the values, units and report periods the departments entered, listing each problem with its sheet, cell and indicator, with a one-click fix where the fix is unambiguous.',
  'ui.consolidation.description': 'Consolidate the departments\' sheets or submitted .xlsx files in one click into a summary, a detail sheet, a submission matrix and a chart.',
  'ui.settings.description': 'What the add-in detected, and the plan it uses.',
  'ui.settings.language': 'Display language',
  'ui.settings.languageValue': '{locale} (Office display language: {office})',
  'ui.settings.theme': 'Theme',
  'ui.settings.themeFromOffice': '{theme} (Office theme background {color})',
  'ui.settings.themeFromFlag': '{theme} (as reported by Office)',
  'ui.settings.themeDefault': '{theme} (no Office theme detected; the default)',
  'ui.settings.plan': 'Plan in use',
  'ui.settings.planValue': '{title} ({year}, built in)',
  'ui.theme.light': 'Light',
  'ui.theme.dark': 'Dark',
  'ui.locale.zh-CN': 'Chinese (Simplified)',
  'ui.locale.en-US': 'English',
  'ui.status.label': 'Notifications',
  'ui.status.dismiss': 'Dismiss notification',
  'ui.status.errorTitle': 'Not done',
  'ui.status.detail': 'Technical detail: {detail}',
  'ui.notInOffice.title': 'Open this in Excel',
  'ui.notInOffice.body': 'This page is the task pane of an Excel add-in: open it in Excel (Insert → Add-ins) or, during development, through the preview host (npm start).',
  'port.cellEditMode': 'Finish editing the cell first (press Enter or Esc), then try again',
  'port.sheetProtected': 'The sheet is protected; unprotect it, then try again',
  'port.payloadTooLarge': 'Too much data for one request to Excel; try a smaller range',
  'port.nameClash': 'A sheet with that name already exists; rename or delete it, then try again',
  'port.unsupported': 'This version of Excel does not support the operation; update Excel, then try again',
  'port.sheetMissing': 'A sheet this needs was not found; it may have been renamed or deleted',
  'port.unknown': 'The workbook reported an unexpected error; the operation did not complete',
};

export const CATALOGUE: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { 'zh-CN': zhCN, 'en-US': enUS };

export type MessageParams = Readonly<Record<string, string | number>>;

/** Chinese first: any zh-* language tag gets zh-CN, everything else en-US. */
export function resolveLocale(tag: string | undefined | null): Locale {
  return tag && /^zh\b/i.test(tag) ? 'zh-CN' : 'en-US';
}

/** Formats a message; an unknown placeholder is left visible rather than silently dropped. */
export function formatMessage(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = CATALOGUE[locale][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}

/** The placeholders a template uses, for tests that check both languages agree. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}
