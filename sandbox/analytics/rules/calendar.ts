/**
 * Calendar arithmetic in UTC (the sandbox account's time zone): days as integers since the epoch, calendar
 * months that clamp to the month's last day, and the metrics intervals (day, week, month, quarter, year) with
 * weeks starting on Monday (the account's `week_start_on`, reference §h9).
 */

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

export type Interval = 'day' | 'week' | 'month' | 'quarter' | 'year';
export const INTERVALS: readonly Interval[] = ['day', 'week', 'month', 'quarter', 'year'];

/** The day (days since 1970-01-01, UTC) an instant falls on. */
export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

export function dayStart(day: number): number {
  return day * DAY_MS;
}

/** `2016-01-31` */
export function dayText(day: number): string {
  return new Date(dayStart(day)).toISOString().slice(0, 10);
}

/** The instant `months` calendar months later (earlier when negative), clamped to the target month's last day. */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const first = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
  const target = new Date(first);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return (
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d.getUTCDate(), lastDay)) +
    (ms - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))
  );
}

function monthsOf(unit: Interval): number {
  return unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12;
}

/** The first day of the interval that contains `day`. */
export function periodStart(day: number, unit: Interval): number {
  if (unit === 'day') return day;
  // 1970-01-01 was a Thursday: Monday-based weekday = (day + 3) mod 7.
  if (unit === 'week') return day - ((((day + 3) % 7) + 7) % 7);
  const d = new Date(dayStart(day));
  const month = d.getUTCMonth() - (d.getUTCMonth() % monthsOf(unit));
  return dayOf(Date.UTC(d.getUTCFullYear(), month, 1));
}

/** The last day of the interval that contains `day` (what a metrics entry is dated). */
export function periodEnd(day: number, unit: Interval): number {
  if (unit === 'day') return day;
  if (unit === 'week') return periodStart(day, 'week') + 6;
  const start = new Date(dayStart(periodStart(day, unit)));
  return dayOf(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + monthsOf(unit), 1)) - 1;
}

/** The same day one interval earlier (a month before 31 March is 29 February or 28 February). */
export function oneIntervalBefore(day: number, unit: Interval): number {
  if (unit === 'day') return day - 1;
  if (unit === 'week') return day - 7;
  return dayOf(addMonths(dayStart(day), -monthsOf(unit)));
}

/** Whether two days fall in the same interval. */
export function samePeriod(a: number, b: number, unit: Interval): boolean {
  return periodStart(a, unit) === periodStart(b, unit);
}
