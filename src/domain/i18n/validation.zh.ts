/** Problems of entered values, report periods and template structure (SPEC §7). Chinese, the source of the keys. */
export const VALIDATION_ZH = {
  'value.errorValue': '{field}是错误值 {text}，请填写数字',
  'value.notANumber': '{field}“{text}”不是数字，请只填写数字（单位已在表头）',
  'value.notANumberFix': '{field}“{text}”不是数字，建议改为 {fix}',
  'value.notANumberPercentFix': '{field}“{text}”不是数字；比率请填 {fix}（即 {percent}%），可一键改正',
  'value.approximate': '{field}“{text}”是约数，请填写确切数字（如确为 {fix}，可一键改正）',
  'value.approximatePercent': '{field}“{text}”是约数，请填写确切比率（如确为 {percent}%，即 {fix}，可一键改正）',
  'value.unitMismatch': '{field}“{text}”的单位与本指标单位“{unit}”不一致，请换算后填写',
  'value.ambiguousComma': '{field}“{text}”中的逗号含义不明（小数点还是千分位？），请直接填写数字',
  'value.boolean': '{field}填写了逻辑值 {text}，请填写数字',
  'value.looksLikeDate': '{field}显示为日期格式（{text}），请确认填写的是数字并改为常规或数值格式',
  'value.whitespace': '{field}只有空格，按未填报处理；如已完成请填写数字',
  'value.notFinite': '{field}不是有限数字',
  'value.textTooLong': '{field}是一段 {length} 字的文本（“{text}”），不是数字：数字文本最多 {max} 字，请只填写数字',
  'value.uncalculated':
    '{field}是公式，但没有计算结果：保存该文件的软件未计算公式。请在 Excel/WPS 中打开、重新计算并保存后再发送，或直接填写数字',
  'value.negative': '{field}为负数 {value}，本指标（{kind}）不应为负',
  'value.notWhole': '{field}应为整数（{unit}），当前为 {value}',
  'value.rankInvalid': '位次应为不小于 1 的整数，当前为 {value}',
  'value.percentConfusion':
    '{field}填写了 {value}，看起来是百分数的数字部分；比率请填 {fix}（即 {percent}%），可直接输入“{percent}%”',
  'value.milestoneRange': '进度应在 0%～100% 之间，当前为 {percent}%',
  'value.rateRange': '{field}为 {percent}%，比率应在 {min}～100% 之间，请核对',
  'value.implausibleMagnitude':
    '{field} {value} 超过目标 {target} 的 10 倍，待核实：请检查单位（万元/亿元？）；如数值无误，请在备注栏注明“已核实”',
  'value.magnitudeSlip':
    '{field} {value} 达到目标 {target} 的 1000 倍以上，不可能是本指标的数值（万元填成了亿元？），按数据有误不计入汇总，请改正',
  'value.sharePercent':
    '{field}“{text}”带了 % 号：比重提高按个百分点填写，应为 {fix}（即提高 {fix} 个百分点），可一键改正',
  'value.shareHundredth':
    '{field} {value} 像是把 {text} 按小数填写了：比重提高按个百分点填写，应为 {fix}，可一键改正；如确为 {value} 个百分点，请在备注栏注明“已核实”',
  'value.shareRange': '{field} {value} 个百分点超出 -100～100，比重提高按个百分点填写（如 0.6），请核对',
  'value.shareMagnitude':
    '{field} {value} 个百分点远超目标 {target} 个百分点，待核实（是否把 0.6 写成了 60？）；如数值无误，请在备注栏注明“已核实”',
  'value.shareMagnitudeSlip':
    '{field} {value} 个百分点达到目标 {target} 个百分点的 1000 倍以上，按数据有误不计入汇总；比重提高按个百分点填写（如 0.6），请改正',
  'value.implausibleGrowth':
    '本期 {current} 与上年同期 {prior} 相差超过 10 倍，待核实：请检查两者单位是否一致；如数值无误，请在备注栏注明“已核实”',
  'value.growthMissingPrior': '已填本期数，但未填上年同期数，无法计算增速',
  'value.growthMissingCurrent': '已填上年同期数，但未填本期数',
  'value.priorNotPositive': '上年同期数应大于 0，当前为 {value}，无法计算增速',
  'value.reasonMissing': '状态为{light}，请填写滞后原因及措施',
  'value.mergedInput':
    '{field}所在的单元格 {range} 被合并了，覆盖了指标 {codes} 的填报格：合并后只有左上角的格保留数值，无法确定数值属于哪个指标，按数据有误不计入汇总；请取消合并，每个指标分别填写',
  'value.notShared': '{department}不是指标 {code} 的配合部门，本单位在此填的数不计入汇总',
  'period.missing': '报告期未填写',
  'period.malformed': '报告期“{text}”格式不正确，请填写如“2019年6月”或“2019-06”',
  'period.wrongYear': '报告期为 {year} 年，与计划年度 {planYear} 年不一致',
  'structure.markerMissing':
    '找不到模板标记（隐藏的第 1 行 A 列），无法确定本表的攻坚战、填报单位和报告期；请重新插入模板并把数据复制过去',
  'structure.markerDeleted':
    '该表是填报模板，但隐藏的标记行已被删除：按表头识别为“{campaign}”{department} {year} 年 {month} 月的报表，已计入汇总；请重新插入模板并把数据复制过去，以免以后无法识别',
  'structure.markerDeletedAmbiguous':
    '该表是填报模板，但隐藏的标记行已被删除，表头也不足以确定是哪个单位哪一期的报表（攻坚战：{campaign}；填报单位：{department}；报告期：{period}），本表未计入汇总；请重新插入模板并把数据复制过去',
  'structure.markerUnreadable': '模板标记已损坏，无法读取（{text}）；请重新插入模板并把数据复制过去',
  'structure.markerMoved': '模板标记不在 A 列（现在 {found}），可能在 A 列前插入了列；请删除该列，否则汇总时找不到本表',
  'structure.planMismatch': '本表按计划“{sheetPlan}”生成，当前使用的计划是“{plan}”；请确认指标和目标一致',
  'structure.unknownCampaign': '模板标记中的攻坚战 {campaign} 不在计划“{plan}”中',
  'structure.keysRowMissing': '找不到隐藏的列标识行（含 code、actual 等），可能已被删除，无法定位各列',
  'structure.keyMissing': '缺少“{header}”列（列标识 {key}），可能已被删除',
  'structure.keyDuplicated': '“{header}”列（列标识 {key}）出现了多次（{cells}），无法确定使用哪一列',
  'structure.headerMissing': '找不到表头行（序号、指标编码、指标名称…），可能已被删除',
  'structure.headerChanged': '表头“{found}”与模板不同（应为“{expected}”），请确认该列内容没有被改动',
  'structure.unknownCode': '指标编码“{code}”不在计划“{plan}”中，该行未读取',
  'structure.codeOfOtherCampaign': '指标编码 {code} 属于攻坚战 {other}，不属于本表的攻坚战 {campaign}，该行未读取',
  'structure.duplicateCode': '指标编码 {code} 出现了多次（{cells}），无法确定以哪一行为准，均未采用',
  'structure.missingCode': '本表缺少计划指标 {code}“{name}”，该行可能已被删除',
  'structure.missingShare': '本表缺少本单位配合的指标 {code}“{name}”：请用“更新已有模板”补上该行后填报',
  'structure.periodLabelMissing': '找不到“报告期”单元格，按模板标记取 {year} 年 {month} 月',
  'structure.periodMismatch':
    '报告期 {year} 年 {month} 月与模板生成时的 {markerYear} 年 {markerMonth} 月不一致，请确认',
  'structure.departmentMismatch':
    '填报单位“{found}”与模板标记中的“{department}”不一致：本表是为{department}生成的模板，却填成了{found}。无法确定是哪个单位的数据，汇总时两个单位都不计入本表（{department}显示为“有误”）；请{found}插入本单位的模板后填报，或把填报单位改回“{department}”',
  'structure.duplicateSubmission':
    '{department}的“{campaign}”{year} 年 {month} 月报送了不止一份（另见工作表“{other}”），汇总时为“冲突”：请删除多余的一份，或在“汇总”中对要计入的一份点“以此为准”',
} as const;

export type ValidationMessageKey = keyof typeof VALIDATION_ZH;
