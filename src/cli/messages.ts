import type { Messages } from '../domain/i18n/messages';

/**
 * The command line's own words (its help, progress and summaries), Chinese first; problems are described with the
 * domain's tables, as in the task pane. `{name}` placeholders, `{n, plural, one {…} other {…}}` as elsewhere.
 */

export const CLI_ZH = {
  'cli.help':
    '用法：kpi-campaign <命令> [选项]\n' +
    '\n' +
    '“五大攻坚战”指标推进的命令行：不需要 Excel 或加载项，给使用 WPS、LibreOffice 或未装加载项的 Excel 的单位出模板、校验和汇总。\n' +
    '\n' +
    '命令：\n' +
    '  templates --month 2019-06 --out 目录 [--plan 指标库.xlsx] [--mode native|kpi] [--campaign C1]\n' +
    '      为当月每个攻坚战的每个单位（牵头、责任、配合部门）各写一个模板文件：“攻坚战-单位-2019年6月.xlsx”。\n' +
    '      默认使用原生 Excel 公式（没有加载项也能计算）；--mode kpi 写 KPI.* 自定义函数。\n' +
    '  validate 文件… [--plan 指标库.xlsx]\n' +
    '      校验各单位报回的文件，逐条列出问题（文件、工作表、单元格、说明）。有错误时退出码为 1。\n' +
    '  consolidate 文件或目录… -o 汇总.xlsx [--month 2019-06] [--plan 指标库.xlsx] [--previous 上月汇总.xlsx] [--json]\n' +
    '      把各单位的文件汇总为一个工作簿：汇总、明细、历史和通报（原生公式）。目录中的表格文件都会读取。\n' +
    '      --previous 取上月汇总工作簿中的“历史”表，用于较上月、亮灯督办和考核得分。--json 向标准输出写机器可读的结果。\n' +
    '\n' +
    '通用选项：\n' +
    '  --lang zh-CN|en-US   输出语言（默认中文）\n' +
    '  -h, --help           显示本帮助（英文：kpi-campaign --help --lang en-US）\n' +
    '  -v, --version        显示版本\n' +
    '\n' +
    '退出码：0 成功；1 校验发现错误；2 用法或读写错误。不会覆盖任何输入文件。',
  'cli.unknownCommand': '未知命令“{command}”。运行 kpi-campaign --help 查看用法。',
  'cli.usage': '{message}。运行 kpi-campaign --help 查看用法。',
  'cli.missingOption': '缺少选项 {option}',
  'cli.badMonth': '--month 应为“年-月”，例如 2019-06，而不是“{value}”',
  'cli.badMode': '--mode 应为 native 或 kpi，而不是“{value}”',
  'cli.badLang': '--lang 应为 zh-CN 或 en-US，而不是“{value}”',
  'cli.noInputs': '没有给出要读取的文件或目录',
  'cli.noFilesFound': '在给出的位置没有找到表格文件（.xlsx、.xlsm、.xls、.xlsb、.ods、.et）',
  'cli.ioError': '无法{action}“{path}”：{reason}',
  'cli.action.read': '读取',
  'cli.action.write': '写入',
  'cli.action.create': '创建目录',
  'cli.outputIsInput': '输出文件“{path}”也是输入文件：不会覆盖输入，请换一个输出文件名',
  'cli.planInvalid': '指标库“{file}”有 {count} 处错误，未使用：',
  'cli.planNone': '“{file}”中没有指标库表（标记为 kpi-plan 的工作表）',
  'cli.templates.done': '已写入 {count} 个模板到 {dir}（{year}年{month}月，{mode}）',
  'cli.templates.file': '  {file}',
  'cli.mode.native': '原生公式',
  'cli.mode.kpi': 'KPI 自定义函数',
  'cli.validate.file': '{file}：',
  'cli.validate.ok': '  未发现问题（{sheets} 个模板）',
  'cli.validate.noTemplates': '  没有找到模板工作表',
  'cli.validate.problem': '  {severity} {place}：{message}',
  'cli.problemNoPlace': '  {severity}：{message}',
  'cli.validate.summary': '共 {files} 个文件：错误 {errors} 处，警告 {warnings} 处。有错误，退出码为 1。',
  'cli.validate.clean': '共 {files} 个文件：错误 0 处，警告 {warnings} 处。',
  'cli.severity.error': '错误',
  'cli.severity.warning': '警告',
  'cli.progress': '读取文件 {done}/{total}',
  'cli.consolidate.done':
    '已写入 {output}：{period}，来源 {sources} 张，计入 {used} 张；应报 {expected} 份，已报 {submitted} 份。',
  'cli.consolidate.lights': '亮灯：红 {red}，黄 {yellow}，绿 {green}；未填报 {none}，数据有误 {invalid}。',
  'cli.consolidate.problems': '问题 {errors} 处错误、{warnings} 处警告（详见“明细”表）：',
  'cli.consolidate.failed': '汇总未完成：{reason}',
  'cli.consolidate.noPeriod': '没有可汇总的报告期',
  'cli.period': '{year}年{month}月',
  'cli.previousNoHistory': '“{file}”中没有“历史”表，较上月和督办只依据本次的文件',
} as const;

export type CliMessageKey = keyof typeof CLI_ZH;

export const CLI_EN: Messages<CliMessageKey> = {
  'cli.help':
    'Usage: kpi-campaign <command> [options]\n' +
    '\n' +
    'The 五大攻坚战 (five campaigns) tracker on the command line: templates, validation and consolidation without\n' +
    'Excel or the add-in, for departments on WPS, LibreOffice or Excel without the add-in.\n' +
    '\n' +
    'Commands:\n' +
    '  templates --month 2019-06 --out DIR [--plan plan.xlsx] [--mode native|kpi] [--campaign C1]\n' +
    '      Writes one template file per department (lead, responsible, contributing) of every campaign for the\n' +
    '      month: "campaign-department-2019年6月.xlsx". Native Excel formulas by default (they calculate without the\n' +
    '      add-in); --mode kpi writes KPI.* custom functions.\n' +
    '  validate FILE… [--plan plan.xlsx]\n' +
    '      Checks the files departments sent back and lists every problem (file, sheet, cell, message). Exit code 1\n' +
    '      when there are errors.\n' +
    '  consolidate FILE|DIR… -o summary.xlsx [--month 2019-06] [--plan plan.xlsx] [--previous last.xlsx] [--json]\n' +
    "      Consolidates the departments' files into one workbook: 汇总 (summary), 明细 (detail), 历史 (history) and\n" +
    '      the bulletin, with native formulas. Every spreadsheet file in a folder is read. --previous takes the\n' +
    "      history sheet of last month's summary workbook (for trends, escalation and scores). --json writes a\n" +
    '      machine-readable result to standard output.\n' +
    '\n' +
    'Options:\n' +
    '  --lang zh-CN|en-US   language of the output (default Chinese)\n' +
    '  -h, --help           this help (中文：kpi-campaign --help)\n' +
    '  -v, --version        the version\n' +
    '\n' +
    'Exit codes: 0 success; 1 validation found errors; 2 usage or I/O error. Input files are never overwritten.',
  'cli.unknownCommand': 'Unknown command "{command}". Run kpi-campaign --help --lang en-US for usage.',
  'cli.usage': '{message}. Run kpi-campaign --help --lang en-US for usage.',
  'cli.missingOption': 'Option {option} is missing',
  'cli.badMonth': '--month takes year-month, e.g. 2019-06, not "{value}"',
  'cli.badMode': '--mode takes native or kpi, not "{value}"',
  'cli.badLang': '--lang takes zh-CN or en-US, not "{value}"',
  'cli.noInputs': 'No files or folders to read were given',
  'cli.noFilesFound': 'No spreadsheet files (.xlsx, .xlsm, .xls, .xlsb, .ods, .et) found where given',
  'cli.ioError': 'Could not {action} "{path}": {reason}',
  'cli.action.read': 'read',
  'cli.action.write': 'write',
  'cli.action.create': 'create the folder',
  'cli.outputIsInput': 'The output file "{path}" is also an input: inputs are never overwritten; choose another name',
  'cli.planInvalid': 'The plan "{file}" has {count, plural, one {# error} other {# errors}} and was not used:',
  'cli.planNone': '"{file}" has no plan sheet (a sheet marked kpi-plan)',
  'cli.templates.done':
    '{count, plural, one {# template} other {# templates}} written to {dir} ({year}-{month}, {mode})',
  'cli.templates.file': '  {file}',
  'cli.mode.native': 'native formulas',
  'cli.mode.kpi': 'KPI custom functions',
  'cli.validate.file': '{file}:',
  'cli.validate.ok': '  no problems ({sheets, plural, one {# template} other {# templates}})',
  'cli.validate.noTemplates': '  no template sheet found',
  'cli.validate.problem': '  {severity} {place}: {message}',
  'cli.problemNoPlace': '  {severity}: {message}',
  'cli.validate.summary':
    '{files, plural, one {# file} other {# files}}: {errors, plural, one {# error} other {# errors}}, {warnings, plural, one {# warning} other {# warnings}}. Exit code 1.',
  'cli.validate.clean':
    '{files, plural, one {# file} other {# files}}: 0 errors, {warnings, plural, one {# warning} other {# warnings}}.',
  'cli.severity.error': 'error',
  'cli.severity.warning': 'warning',
  'cli.progress': 'Reading files {done}/{total}',
  'cli.consolidate.done':
    'Wrote {output}: {period}, {sources} source sheets, {used} used; {submitted} of {expected} expected reports submitted.',
  'cli.consolidate.lights':
    'Lights: {red} red, {yellow} yellow, {green} green; {none} not reported, {invalid} invalid.',
  'cli.consolidate.problems':
    '{errors, plural, one {# error} other {# errors}} and {warnings, plural, one {# warning} other {# warnings}} (see the 明细 sheet):',
  'cli.consolidate.failed': 'Consolidation did not complete: {reason}',
  'cli.consolidate.noPeriod': 'no report period to consolidate',
  'cli.period': '{year}-{month}',
  'cli.previousNoHistory': '"{file}" has no history sheet: trends and escalation rest on these files only',
};
