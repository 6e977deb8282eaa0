import { CONFIRM_WORD } from '../calc/dataState';
import type { Indicator } from '../plan/schema';
import type { ValidationRule, ValidationSpec } from '../grid/sheetSpec';
import { actualHeader } from './layout';

/**
 * Native data validation of the input cells (SPEC §7), with a Chinese input prompt and a stop alert. It only
 * guards typing: Excel does not check pasted values, so the add-in re-validates before it consolidates.
 *
 * Excel's limits: prompt and alert titles ≤ 32 characters, prompt message ≤ 255, alert message ≤ 225.
 */
export const PROMPT_TITLE_MAX = 32;
export const PROMPT_MESSAGE_MAX = 255;
export const ERROR_MESSAGE_MAX = 225;

const ERROR_TITLE = '输入有误';
export const PERCENT_HINT = '请输入百分数，如 1% 而不是 1';
export const REASON_MAX_LENGTH = 500;

/** Progress steps offered for a milestone. Excel turns the chosen "50%" into the number 0.5, as if typed. */
export const MILESTONE_STEPS: readonly string[] = Array.from({ length: 11 }, (_, i) => `${i * 10}%`);

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

interface RuleText {
  readonly rule: ValidationRule;
  readonly title: string;
  readonly instruction: string;
  readonly error: string;
}

function actualRule(ind: Indicator, month: number): RuleText {
  const header = actualHeader(month);
  const unit = ind.unit;
  switch (ind.kind) {
    case 'total':
      return {
        rule: { type: 'decimal', operator: 'greaterThanOrEqualTo', formula1: 0 },
        title: `${header}（${unit}）`,
        instruction: `填写${header}数，单位：${unit}，只填数字。`,
        error: `请输入不小于 0 的数字（单位：${unit}），不要输入单位或文字。`,
      };
    case 'count':
      return {
        rule: { type: 'wholeNumber', operator: 'greaterThanOrEqualTo', formula1: 0 },
        title: `${header}（${unit}）`,
        instruction: `填写${header}数，单位：${unit}，填整数。`,
        error: `请输入不小于 0 的整数（单位：${unit}）。`,
      };
    case 'level':
      return {
        rule: { type: 'decimal', operator: 'greaterThanOrEqualTo', formula1: 0 },
        title: `当前水平（${unit}）`,
        instruction: `水平类指标：本栏填当前达到的水平（不是累计数），单位：${unit}。`,
        error: `请输入不小于 0 的数字（单位：${unit}），不要输入单位或文字。`,
      };
    case 'rank':
      return {
        rule: { type: 'wholeNumber', operator: 'greaterThanOrEqualTo', formula1: 1 },
        title: '当前位次',
        instruction: '排名类指标：本栏填当前全市位次，如第 2 位填 2（数字越小越好）。',
        error: '位次应为不小于 1 的整数。',
      };
    case 'growth':
      return {
        rule: { type: 'decimal', operator: 'greaterThanOrEqualTo', formula1: 0 },
        title: '本年累计值',
        instruction: `增速类指标：本栏填本年${header.replace('完成', '')}值（不是增速），上年同期值填在“上年同期”栏，增速和完成率自动计算。`,
        error: '请输入不小于 0 的本年累计值（不是增速）。',
      };
    case 'share':
      return {
        rule: { type: 'decimal', operator: 'between', formula1: -100, formula2: 100 },
        title: '比重提高（个百分点）',
        instruction: '填写提高的百分点数，如提高 0.6 个百分点填 0.6（下降填负数），不要加 % 号。',
        error: '请输入 -100～100 之间的数字（个百分点），如提高 0.6 个百分点填 0.6。',
      };
    case 'floor':
      return {
        rule: { type: 'decimal', operator: 'between', formula1: 0, formula2: 1 },
        title: '当前比率',
        instruction: `${PERCENT_HINT}（如 50% 输入 50%）。`,
        error: '请输入 0%～100% 之间的百分数，如 50%。',
      };
    case 'milestone':
      return {
        rule: { type: 'list', source: MILESTONE_STEPS },
        title: '工作进度',
        instruction: '进度类指标：从下拉列表选择工作进度，已完成为 100%。',
        error: '请从下拉列表中选择进度（0%～100%）。',
      };
  }
}

function spec(range: string, t: RuleText, detail: string): ValidationSpec {
  return {
    range,
    rule: t.rule,
    allowBlank: true,
    prompt: { title: clip(t.title, PROMPT_TITLE_MAX), message: clip(`${t.instruction}${detail}`, PROMPT_MESSAGE_MAX) },
    errorAlert: { style: 'stop', title: ERROR_TITLE, message: clip(t.error, ERROR_MESSAGE_MAX) },
  };
}

/** The rule of the 累计完成 (or 当前水平) cell; the prompt quotes the plan's wording. */
export function actualValidation(ind: Indicator, month: number, address: string): ValidationSpec {
  return spec(address, actualRule(ind, month), `\n计划：${ind.wording}`);
}

/** The rule of the 上年同期 cell of a growth row. */
export function priorValidation(month: number, address: string): ValidationSpec {
  return spec(
    address,
    {
      rule: { type: 'decimal', operator: 'greaterThan', formula1: 0 },
      title: '上年同期',
      instruction: `填写上年${actualHeader(month).replace('完成', '')}值，须大于 0，单位与本年累计值相同。`,
      error: '上年同期值应大于 0，否则无法计算增速。',
    },
    '',
  );
}

/** The rule of the 滞后原因及措施 cells. */
export function reasonValidation(range: string): ValidationSpec {
  return spec(
    range,
    {
      rule: { type: 'textLength', operator: 'lessThanOrEqualTo', formula1: REASON_MAX_LENGTH },
      title: '滞后原因及措施',
      instruction: `状态为黄、红的指标必须填写滞后原因及下一步措施，${REASON_MAX_LENGTH} 字以内。`,
      error: `滞后原因及措施请控制在 ${REASON_MAX_LENGTH} 字以内。`,
    },
    '',
  );
}

/**
 * The rule of the 备注 cells: free text, with a prompt that says how a department confirms a doubtful value (SPEC §6
 * Data states): "已核实" in the row's 备注, which the template's 状态 and validation read.
 */
export function noteValidation(range: string): ValidationSpec {
  return spec(
    range,
    {
      rule: { type: 'textLength', operator: 'lessThanOrEqualTo', formula1: REASON_MAX_LENGTH },
      title: '备注',
      instruction: `状态为“待核实”的指标（如数值超过目标 10 倍），核对无误后在本栏填写“${CONFIRM_WORD}”（可附说明），即确认该数值；“数据有误”须改正数值，不能以此确认。`,
      error: `备注请控制在 ${REASON_MAX_LENGTH} 字以内。`,
    },
    '',
  );
}
