/** 一键汇总's problems, states and words (SPEC §8), and the problems of imported files. Chinese, the source of the keys. */
export const CONSOLIDATION_ZH = {
  'consolidation.noSources': '没有找到填报模板：请先插入模板并填报，或导入各部门报送的 .xlsx 文件',
  'consolidation.otherPeriod':
    '本表报告期为 {year} 年 {month} 月，本次汇总的报告期为 {periodYear} 年 {periodMonth} 月，未计入汇总',
  'consolidation.conflict':
    '{department}的“{campaign}”{year} 年 {month} 月报表报送了 {count} 份（另见{others}），确认以哪一份为准之前均未计入汇总',
  'consolidation.conflictIdentical':
    '{department}的“{campaign}”{year} 年 {month} 月报表报送了 {count} 份且内容相同（另见{others}），删除多余的一份后才计入汇总',
  'consolidation.superseded':
    '{department}的“{campaign}”{year} 年 {month} 月报表另有较晚保存的一份（{by}），以其为准；本表已被更正，未计入汇总',
  'consolidation.supersededByPick':
    '{department}的“{campaign}”{year} 年 {month} 月报表已确认以{by}为准（以此为准）；本表已被更正，未计入汇总',
  'consolidation.pickGone':
    '之前的“以此为准”（{department}的“{campaign}”{year} 年 {month} 月以{picked}为准）已取消：该报表已不在本次汇总的来源中',
  'consolidation.pickOvertaken':
    '之前的“以此为准”（{department}的“{campaign}”{year} 年 {month} 月以{picked}为准）已取消：此后又报送了较晚保存的{by}',
  'consolidation.picksUnreadable':
    '“汇总”表标记中有 {count} 项“以此为准”的确认无法读取，已取消，请在任务窗格中重新确认',
  'consolidation.structure': '报表结构有错误，整表未计入汇总；请按本表的其他问题更正',
  'consolidation.noPeriod': '报告期无法识别，整表未计入汇总',
  'consolidation.missing': '{department}未报送“{campaign}”{year} 年 {month} 月报表',
  'consolidation.singleDiffers':
    '{code}“{name}”以{responsible}的填报为准（{responsibleValue}）；{department}填报的{field} {value} 与之不一致，未计入汇总',
  'consolidation.singleNotResponsible':
    '{code}“{name}”以{responsible}的填报为准，但其未填报有效数值；{department}填报的{field} {value} 未计入汇总',
  'consolidation.priorNotApplicable': '{code}“{name}”不是增速类指标，上年同期栏的“{value}”未计入汇总',
  'consolidation.lagWithoutReason': '{code}“{name}”汇总后状态为{light}，但没有单位填写滞后原因及措施',
  'consolidation.outOfRange':
    '{code}“{name}”的汇总结果超出 Excel 可表示的数值范围，汇总表显示 #NUM!；{department}填报的{field} {value} 计入了该结果，请核对',
  'consolidation.calcFailed': '{code}“{name}”无法计算完成率或状态（{problem}），请检查计划目标和填报值',
  'consolidation.calc.noTarget': '未设定确保目标或力争目标',
  'consolidation.calc.divByZero': '目标为 0，无法计算比率',
  'consolidation.calc.invalidNumber': '数值超出可计算范围',
  'consolidation.originSheet': '工作表“{sheet}”',
  'consolidation.originFile': '文件“{file}”的工作表“{sheet}”',
  'consolidation.thisWorkbook': '本工作簿',
  'consolidation.why.otherPeriod': '报告期为 {year} 年 {month} 月，不是本次汇总的报告期',
  'consolidation.why.superseded': '已被更正：以同一单位较晚保存或确认“以此为准”的一份为准，不计入',
  'consolidation.why.conflict': '冲突：同一单位同一报告期报送了多份，确认以哪一份为准之前不计入',
  'consolidation.why.structure': '报表结构有错误，整表不计入',
  'consolidation.why.noPeriod': '报告期无法识别，整表不计入',
  'consolidation.why.invalid': '数值无效，不计入（见问题清单）',
  'consolidation.why.blank': '只有空格，按未填报处理',
  'consolidation.why.notText': '不是文字，不作为滞后原因',
  'consolidation.why.growthUnpaired': '本期数与上年同期数未同时有效，不计入增速',
  'consolidation.why.notApplicable': '非增速类指标不填上年同期，不计入',
  'consolidation.why.notResponsible': '非责任单位填报，不计入',
  'consolidation.why.differsFromResponsible': '与责任单位填报值不一致，不计入',
  'consolidation.why.sameAsResponsible': '与责任单位填报值一致，不重复计入',
  'consolidation.why.shareOfSingle': '配合部门填报的数：该指标为“单一”汇总，只取责任单位的数，不计入',
  'consolidation.why.notShared': '该单位不是此指标的配合部门，不计入',
  'consolidation.why.shareReason': '配合部门的数不单独亮灯，滞后原因以责任单位填写的为准，不列入汇总',
  'consolidation.shareCounted': '配合部门分担的数，与责任单位的数相加',
  'consolidation.state.submitted': '已报',
  'consolidation.state.missing': '未报',
  'consolidation.state.invalid': '有误',
  'consolidation.state.conflict': '冲突',
  'consolidation.state.otherPeriod': '期别不符',
  'consolidation.state.notExpected': '—',
  'consolidation.state.corrected': '已更正',
  'consolidation.check.ok': '一致',
  'consolidation.check.mismatch': '不一致',
  'consolidation.aggregation.sum': '求和',
  'consolidation.aggregation.growth': '增速',
  'consolidation.aggregation.single': '单一',
  'consolidation.file.fileTooLarge': '文件“{file}”过大（{count}，上限 {limit}），未读取',
  'consolidation.file.fileUnreadable':
    '文件“{file}”无法读取（已损坏，或不是 Excel/WPS 工作簿；可读取 .xlsx、.xlsm、.xls、.xlsb、.ods、.et），未计入汇总',
  'consolidation.file.fileEmpty': '文件“{file}”是空文件，未读取',
  'consolidation.file.fileEncrypted': '文件“{file}”设有打开密码（已加密），无法读取；请取消密码后重新保存再发送',
  'consolidation.file.fileNotSpreadsheet':
    '文件“{file}”是文档或演示文稿，不是电子表格，未读取；请发送填报模板所在的工作簿（.xlsx 等）',
  'consolidation.file.fileTextFormat':
    '文件“{file}”是 {detail} 格式的文本文件，不能作为工作簿读取；请在 Excel/WPS 中打开并另存为 .xlsx 后发送',
  'consolidation.file.fileExpandsTooMuch':
    '文件“{file}”解压后过大（{count}，上限 {limit}），可能是异常或恶意构造的文件，未读取',
  'consolidation.file.fileCompressionRatio':
    '文件“{file}”中的“{detail}”压缩比异常（{count} 倍，上限 {limit} 倍），可能是恶意构造的文件，未读取',
  'consolidation.file.tooManyCells':
    '文件“{file}”的单元格过多（读到 {count} 个即停止，每个文件上限 {limit} 个），未读取；请删除多余的工作表或内容后发送',
  'consolidation.file.tooManyRows':
    '文件“{file}”的行数过多（读到 {count} 行即停止，每个文件上限 {limit} 行），未读取；请删除多余的行后发送',
  'consolidation.file.fileTimeout': '文件“{file}”读取超时（超过 {limit} 秒），已停止读取，未计入汇总',
  'consolidation.file.sheetMissing':
    '文件“{file}”列出的工作表“{sheet}”在文件中缺失或无法读取，未计入汇总；请在 Excel/WPS 中打开、重新保存后发送',
  'consolidation.file.sheetTooLarge': '文件“{file}”的工作表“{sheet}”过大，未读取',
  'consolidation.file.noTemplates': '文件“{file}”中没有填报模板（共 {sheets} 张工作表），可能发错了文件',
} as const;

export type ConsolidationMessageKey = keyof typeof CONSOLIDATION_ZH;
