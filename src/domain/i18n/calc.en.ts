import type { CalcMessageKey } from './calc.zh';

/** The custom functions' messages (SPEC §9): the only catalogue functions.js carries. English. */
export const CALC_EN: Readonly<Record<CalcMessageKey, string>> = {
  'calc.blank': 'Not reported',
  'calc.noTarget': 'No target or stretch target is set',
  'calc.notANumber': 'Argument {arg} is not a number: "{text}"',
  'calc.unknownKind':
    'Argument {arg} is not a known indicator kind: "{text}" (use total, count, level, growth, share, floor, rank, milestone)',
  'calc.unknownMode': 'Argument {arg} must be "month" or "day": "{text}"',
  'calc.badDate': 'Argument {arg} is not a valid date: "{text}" (use a date or "2019-06")',
};
