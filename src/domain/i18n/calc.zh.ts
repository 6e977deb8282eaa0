/** The custom functions' messages (SPEC §9): the only catalogue functions.js carries. Chinese, the source of the keys. */
export const CALC_ZH = {
  'calc.blank': '未填报',
  'calc.noTarget': '未设定确保目标或力争目标',
  'calc.notANumber': '参数 {arg} 不是数字：“{text}”',
  'calc.unknownKind':
    '参数 {arg} 不是已知的指标类型：“{text}”（可用：total、count、level、growth、share、floor、rank、milestone 或 总量、个数、水平、增速、比重、下限、排名、进度）',
  'calc.unknownMode': '参数 {arg} 应为 "month" 或 "day"：“{text}”',
  'calc.badDate': '参数 {arg} 不是有效日期：“{text}”（可填日期或 "2019-06"）',
} as const;

export type CalcMessageKey = keyof typeof CALC_ZH;
