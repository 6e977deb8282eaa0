import type { BulletinMessageKey } from '../i18n/bulletin.zh';
import type { Period } from '../validation/period';

/**
 * 逾期 (SPEC §10): a submission for month m is due by the end of day `deadlineDay` of month m + 1 (default the 5th;
 * December's report by 5 January of the next year), in China time (UTC+8, no daylight saving): the office works on
 * Beijing time whatever the machine's zone. Saved after that instant it is 逾期; exactly at 23:59:59.999 on the
 * 5th it is on time. A day beyond the month's length is its last day (deadlineDay 31 in February: the 28th/29th).
 * A save time without a zone (some files' document properties) is read as China time; an unreadable or missing one
 * is `unknown`, never guessed: the matrix and the 通报 then say 报送时间不详.
 */

export interface TimelinessSettings {
  /** Day of the month after the period by which the report is due, inclusive (default 5). */
  readonly deadlineDay: number;
  /** The office's offset from UTC in minutes (default 480: China, UTC+8). */
  readonly utcOffsetMinutes: number;
}

export const DEFAULT_TIMELINESS: TimelinessSettings = { deadlineDay: 5, utcOffsetMinutes: 480 };

export type Timeliness = 'onTime' | 'overdue' | 'unknown';

const MINUTE = 60_000;

/** The first instant (ms since the epoch) that is late: midnight after the deadline day, office time. */
export function deadlineOf(period: Period, settings: TimelinessSettings = DEFAULT_TIMELINESS): number {
  const year = period.month === 12 ? period.year + 1 : period.year;
  const month = period.month === 12 ? 1 : period.month + 1; // 1-based
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(Math.max(1, Math.floor(settings.deadlineDay)), lastDay);
  return Date.UTC(year, month - 1, day + 1) - settings.utcOffsetMinutes * MINUTE;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** An ISO 8601 save time as ms since the epoch; without a zone, office time; undefined when unreadable. */
export function savedInstant(savedAt: string, settings: TimelinessSettings = DEFAULT_TIMELINESS): number | undefined {
  const m = ISO.exec(savedAt.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  const ms = Math.floor(Number(`0.${frac}`) * 1000);
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const check = new Date(local);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23) return undefined;
  let offset = settings.utcOffsetMinutes;
  if (zone && zone.toUpperCase() === 'Z') offset = 0;
  else if (zone) {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
    if (!z) return undefined;
    offset = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3]));
  }
  return local - offset * MINUTE;
}

/** Whether a submission for `period` saved at `savedAt` (ISO 8601) is on time. */
export function timeliness(
  period: Period,
  savedAt: string | undefined,
  settings: TimelinessSettings = DEFAULT_TIMELINESS,
): Timeliness {
  const at = savedAt === undefined ? undefined : savedInstant(savedAt, settings);
  if (at === undefined) return 'unknown';
  return at < deadlineOf(period, settings) ? 'onTime' : 'overdue';
}

/** The words of a timeliness: 按时 / 逾期 / 报送时间不详. */
export function timelinessKey(t: Timeliness): BulletinMessageKey {
  return `bulletin.timeliness.${t}`;
}
