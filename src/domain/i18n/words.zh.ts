/**
 * Words other messages and the sheets use: input fields, lights, data states (SPEC §6), tiers, severities, kinds (by
 * their ids). Chinese, the source of the keys.
 */
export const WORDS_ZH = {
  'field.actual': '累计完成',
  'field.prior': '上年同期',
  'field.reason': '滞后原因及措施',
  'field.period': '报告期',
  'light.0': '未填报',
  'light.1': '红',
  'light.2': '黄',
  'light.3': '绿',
  'light.unknown': '无法计算',
  'data.blank': '未填报',
  'data.invalid': '数据有误',
  'data.doubtful': '待核实',
  'data.confirmed': '已核实',
  'data.valid': '有效',
  'tier.0': '未达确保',
  'tier.1': '达确保',
  'tier.2': '达力争',
  'tier.stretchOnly.0': '未达力争',
  'tier.paced.0': '序时未达',
  'tier.paced.1': '序时达确保',
  'tier.paced.2': '序时达力争',
  'severity.error': '错误',
  'severity.warning': '警告',
  'kind.total': '总量',
  'kind.count': '个数',
  'kind.level': '水平',
  'kind.growth': '增速',
  'kind.share': '比重',
  'kind.floor': '下限',
  'kind.rank': '排名',
  'kind.milestone': '进度',
  'cell.clipped': '…（原文 {length} 字，超出 Excel 单元格上限 {max} 字，已截断）',
} as const;

export type WordMessageKey = keyof typeof WORDS_ZH;
