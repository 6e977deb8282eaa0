import fc from 'fast-check';
import { BULLETIN_ZH } from '../../../src/domain/i18n/bulletin.zh';
import {
  DEFAULT_TIMELINESS,
  deadlineOf,
  savedInstant,
  timeliness,
  timelinessKey,
} from '../../../src/domain/bulletin/timeliness';

const JUNE = { year: 2019, month: 6 };

describe('timeliness (SPEC §10): due by the end of the 5th of the next month, China time', () => {
  it.each<[string, string | undefined, string]>([
    ['the 5th at noon, China time', '2019-07-05T12:00:00+08:00', 'onTime'],
    ['the last millisecond of the 5th, China time', '2019-07-05T23:59:59.999+08:00', 'onTime'],
    ['midnight starting the 6th, China time', '2019-07-06T00:00:00+08:00', 'overdue'],
    ['the 5th 16:00 UTC is the 6th 00:00 in China', '2019-07-05T16:00:00Z', 'overdue'],
    ['the 5th 15:59 UTC is still the 5th in China', '2019-07-05T15:59:00Z', 'onTime'],
    ['no zone: read as China time', '2019-07-05T23:30:00', 'onTime'],
    ['a date alone: its midnight, China time', '2019-07-06', 'overdue'],
    ['during the month itself', '2019-06-28T09:00:00+08:00', 'onTime'],
    ['a space instead of T, and a zone without a colon', '2019-07-05 23:00:00+0800', 'onTime'],
    ['no save time', undefined, 'unknown'],
    ['unreadable', '5 July 2019', 'unknown'],
    ['not a date', '2019-02-30T10:00:00Z', 'unknown'],
  ])('%s', (_case, savedAt, expected) => {
    expect(timeliness(JUNE, savedAt)).toBe(expected);
    expect(BULLETIN_ZH[timelinessKey(timeliness(JUNE, savedAt))]).toBe(
      { onTime: '按时', overdue: '逾期', unknown: '报送时间不详' }[expected],
    );
  });

  it('December is due on 5 January of the next year; a deadline day past the month’s end is its last day', () => {
    expect(new Date(deadlineOf({ year: 2019, month: 12 })).toISOString()).toBe('2020-01-05T16:00:00.000Z');
    expect(
      new Date(deadlineOf({ year: 2020, month: 1 }, { ...DEFAULT_TIMELINESS, deadlineDay: 31 })).toISOString(),
    ).toBe('2020-02-29T16:00:00.000Z');
    expect(timeliness(JUNE, '2019-07-10T10:00:00+08:00', { ...DEFAULT_TIMELINESS, deadlineDay: 10 })).toBe('onTime');
  });

  it('a later save is never on time when an earlier one is overdue (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2019-06-01T00:00:00Z'), max: new Date('2019-08-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 10 * 86_400_000 }),
        (d, later) => {
          const a = timeliness(JUNE, d.toISOString());
          const b = timeliness(JUNE, new Date(d.getTime() + later).toISOString());
          if (a === 'overdue') expect(b).toBe('overdue');
          expect(savedInstant(d.toISOString())).toBe(d.getTime());
        },
      ),
    );
  });
});
