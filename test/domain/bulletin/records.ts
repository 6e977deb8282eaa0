import type { Light } from '../../../src/domain/calc/calc';
import type { HistoryRecord } from '../../../src/domain/bulletin/history';

/** A district record of 2019 with sensible defaults: reported, paced (E = m/12), light and tier as given. */
export function rec(
  code: string,
  month: number,
  light: Light | null,
  more: Partial<HistoryRecord> = {},
): HistoryRecord {
  return {
    year: 2019,
    month,
    code,
    scope: 'total',
    department: '经信商务局',
    actual: 1,
    expected: month / 12,
    attainment: month / 12,
    light,
    tier: light === 3 ? 1 : light === null || light === 0 ? null : 0,
    dataState: light === 0 ? 'blank' : 'reported',
    reporters: light === 0 ? [] : ['经信商务局'],
    reason: '',
    ...more,
  };
}
