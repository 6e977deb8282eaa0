import type { ConditionalFormatSpec, ValidationRule, ValidationSpec } from '../../../domain/grid/sheetSpec';
import type { StyleTable } from './styles';
import { storedFormula } from './cells';
import { el, num, textEl } from './xml';

/**
 * Data validation and conditional formats as the Excel adapter sets them (renderSheet.ts queueValidation,
 * queueConditionalFormat), in the file's terms.
 */

/** "A1:A3,C5" (a spec's range list) as an sqref: space-separated, without "$". */
export function sqref(range: string): string {
  return range
    .split(',')
    .map((r) => r.trim().replace(/\$/g, ''))
    .join(' ');
}

/** A formula operand as the file holds it: no leading "=" (a number as written). */
const operand = (f: number | string): string => (typeof f === 'number' ? num(f) : storedFormula(f));

/** Excel's own limits on validation texts (input title 32, input message 255, error message 225), as the adapter clips. */
const clip = (value: string, max: number): string => (value.length <= max ? value : value.slice(0, max));

const OPERATOR = {
  between: 'between',
  notBetween: 'notBetween',
  equalTo: 'equal',
  notEqualTo: 'notEqual',
  greaterThan: 'greaterThan',
  lessThan: 'lessThan',
  greaterThanOrEqualTo: 'greaterThanOrEqual',
  lessThanOrEqualTo: 'lessThanOrEqual',
} as const;

/** A list's source as Excel stores it: one quoted, comma-separated string of at most 255 characters. */
export const LIST_SOURCE_MAX = 255;

function listSource(items: readonly string[]): string {
  // As the adapter does (one comma-separated string), an item cannot itself hold a comma.
  const joined = items.join(',');
  // Longer is refused by Excel (through Office.js as in a file, where it is a corrupt part): the builder's error.
  if (joined.length > LIST_SOURCE_MAX)
    throw new RangeError(`a validation list of ${joined.length} characters is longer than Excel's ${LIST_SOURCE_MAX}`);
  return `"${joined.replace(/"/g, '""')}"`;
}

function ruleParts(rule: ValidationRule): { type: string; operator?: string; formulas: string[] } {
  switch (rule.type) {
    case 'decimal':
    case 'wholeNumber':
      return {
        type: rule.type === 'decimal' ? 'decimal' : 'whole',
        operator: OPERATOR[rule.operator],
        formulas: [operand(rule.formula1), ...(rule.formula2 === undefined ? [] : [operand(rule.formula2)])],
      };
    case 'list':
      return { type: 'list', formulas: [listSource(rule.source)] };
    case 'textLength':
      return { type: 'textLength', operator: OPERATOR[rule.operator], formulas: [operand(rule.formula1)] };
    case 'custom':
      return { type: 'custom', formulas: [operand(rule.formula)] };
  }
}

/**
 * One `<dataValidation>`. The error alert is always on: a rule set through Office.js shows Excel's stop alert unless
 * told otherwise (and the memory workbook refuses such a value likewise); the spec's alert gives style and texts.
 */
export function validationXml(v: ValidationSpec): string {
  const { type, operator, formulas } = ruleParts(v.rule);
  const alert = v.errorAlert;
  const content = formulas.map((f, i) => textEl(`formula${i + 1}`, f)).join('');
  return el(
    'dataValidation',
    {
      type,
      errorStyle: alert && alert.style !== 'stop' ? alert.style : undefined,
      operator: operator === 'between' ? undefined : operator,
      allowBlank: v.allowBlank || undefined,
      showInputMessage: v.prompt ? true : undefined,
      showErrorMessage: true,
      errorTitle: alert ? clip(alert.title, 32) : undefined,
      error: alert ? clip(alert.message, 225) : undefined,
      promptTitle: v.prompt ? clip(v.prompt.title, 32) : undefined,
      prompt: v.prompt ? clip(v.prompt.message, 255) : undefined,
      sqref: sqref(v.range),
    },
    content,
  );
}

export function validationsXml(validations: readonly ValidationSpec[]): string {
  return validations.length === 0
    ? ''
    : el('dataValidations', { count: validations.length }, validations.map(validationXml).join(''));
}

const CF_OPERATOR = {
  equalTo: 'equal',
  between: 'between',
  greaterThan: 'greaterThan',
  lessThan: 'lessThan',
  greaterThanOrEqual: 'greaterThanOrEqual',
  lessThanOrEqual: 'lessThanOrEqual',
  notEqualTo: 'notEqual',
} as const;

/**
 * The conditional formats, each its own `<conditionalFormatting>`. Office.js adds each new format "at the first/top
 * priority" (ConditionalFormatCollection.add), so the spec's last format has priority 1 and its first the lowest.
 */
export function conditionalFormatsXml(formats: readonly ConditionalFormatSpec[], styles: StyleTable): string {
  return formats
    .map((cf, i) => {
      const rule = cf.rule;
      const formulas =
        rule.type === 'cellValue'
          ? [rule.formula1, ...(rule.formula2 === undefined ? [] : [rule.formula2])]
          : [rule.formula];
      const cfRule = el(
        'cfRule',
        {
          type: rule.type === 'cellValue' ? 'cellIs' : 'expression',
          dxfId: styles.differentialFormat(cf.format),
          priority: formats.length - i,
          stopIfTrue: cf.stopIfTrue ? true : undefined,
          operator: rule.type === 'cellValue' ? CF_OPERATOR[rule.operator] : undefined,
        },
        formulas.map((f) => textEl('formula', operand(f))).join(''),
      );
      return el('conditionalFormatting', { sqref: sqref(cf.range) }, cfRule);
    })
    .join('');
}
