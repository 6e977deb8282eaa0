/**
 * The office's time (SPEC §10: deadlines and save times are judged in it; the plan's timeliness.utcOffsetMinutes,
 * UTC+8 by default): its name in 汇总's and 明细's notes, and a save time as the office reads it.
 */

/** The office's time zone in words: 北京时间 for UTC+8, else UTC±h[:mm]. */
export function officeTime(utcOffsetMinutes: number): string {
  if (utcOffsetMinutes === 480) return '北京时间';
  const m = Math.abs(utcOffsetMinutes);
  const hm = `${Math.floor(m / 60)}${m % 60 === 0 ? '' : `:${String(m % 60).padStart(2, '0')}`}`;
  return `UTC${utcOffsetMinutes < 0 ? '−' : '+'}${hm}`;
}

/**
 * A save time as the office reads it: "2019-07-04 10:30" in its own time (UTC+8 unless the plan says otherwise), the
 * time by which a correction superseded and 逾期 is judged.
 */
export function officeTimeText(savedAt: string, utcOffsetMinutes: number): string {
  const at = Date.parse(savedAt);
  if (!Number.isFinite(at)) return savedAt;
  const local = new Date(at + utcOffsetMinutes * 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${local.getUTCFullYear()}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())} ` +
    `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`
  );
}
