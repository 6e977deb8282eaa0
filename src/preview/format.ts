import { SSF } from '@e965/xlsx';
import type { CellValue } from '../domain/grid/cells';

/** Shows a value with an Excel number format, as Excel would (SheetJS's SSF formatter). */
export function displayValue(value: CellValue, numberFormat: string): string {
  if (value === null) return '';
  if (typeof value === 'object') return value.error;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  try {
    return SSF.format(numberFormat || 'General', value);
  } catch {
    return String(value);
  }
}
