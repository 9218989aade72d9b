/**
 * Calendar arithmetic on year/month/day alone (no instant, no zone, no host clock): month lengths,
 * valid fields, day of the year, weekday, and week numbering as Moment computes it (its weekOfYear / dayOfYearFromWeeks), for ISO
 * weeks and for the English locale's weeks that Make's `w`/`gggg` tokens use.
 */
import { wallClockAsUtc, WallClock } from './zoned-time';

/** Moment's week rule: `dow` is the week's first day (0 = Sunday); week 1 holds 7 + dow − doy January. */
export interface WeekRule {
  dow: number;
  doy: number;
}

/** ISO 8601: weeks start on Monday, week 1 holds 4 January. */
export const ISO_WEEKS: WeekRule = { dow: 1, doy: 4 };
/** Moment's English locale: weeks start on Sunday, week 1 holds 1 January. */
export const LOCALE_WEEKS: WeekRule = { dow: 0, doy: 6 };

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

/** Every field in its calendar range; 24:00:00.000 is allowed (midnight ending the day). */
export function isValidWallClock(w: WallClock): boolean {
  const endOfDay = w.hour === 24 && w.minute === 0 && w.second === 0 && w.millisecond === 0;
  return (
    w.month >= 1 &&
    w.month <= 12 &&
    w.day >= 1 &&
    w.day <= daysInMonth(w.year, w.month) &&
    w.hour >= 0 &&
    (w.hour <= 23 || endOfDay) &&
    w.minute >= 0 &&
    w.minute <= 59 &&
    w.second >= 0 &&
    w.second <= 59 &&
    w.millisecond >= 0 &&
    w.millisecond <= 999
  );
}

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

const daysInYear = (year: number): number => (isLeapYear(year) ? 366 : 365);

/** 0 (Sunday) … 6 (Saturday). */
export function weekdayOf({ year, month, day }: CalendarDay): number {
  const ms = wallClockAsUtc({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 });
  return new Date(ms).getUTCDay();
}

/** 1 … 366. */
export function dayOfYear({ year, month, day }: CalendarDay): number {
  let days = day;
  for (let m = 1; m < month; m++) days += daysInMonth(year, m);
  return days;
}

/** The month and day of day `n` (1-based, within the year) of `year`. */
export function fromDayOfYear(year: number, n: number): CalendarDay {
  let day = n;
  let month = 1;
  while (month < 12 && day > daysInMonth(year, month)) day -= daysInMonth(year, month++);
  return { year, month, day };
}

/** Where week 1 starts, as a day of the year (0 or below: in December of the year before). */
function firstWeekOffset(year: number, { dow, doy }: WeekRule): number {
  const fwd = 7 + dow - doy;
  const fwdWeekday = (7 + weekdayOf({ year, month: 1, day: fwd }) - dow) % 7;
  return -fwdWeekday + fwd - 1;
}

export function weeksInYear(year: number, rule: WeekRule): number {
  return (daysInYear(year) - firstWeekOffset(year, rule) + firstWeekOffset(year + 1, rule)) / 7;
}

/** The week and the week-numbering year a day falls in. */
export function weekOfYear(date: CalendarDay, rule: WeekRule): { week: number; year: number } {
  const week = Math.floor((dayOfYear(date) - firstWeekOffset(date.year, rule) - 1) / 7) + 1;
  if (week < 1) return { week: week + weeksInYear(date.year - 1, rule), year: date.year - 1 };
  const weeks = weeksInYear(date.year, rule);
  return week > weeks ? { week: week - weeks, year: date.year + 1 } : { week, year: date.year };
}

/** The day of `week` in week-numbering `year`; `weekday` is 0 (Sunday) … 6, or 7 for Sunday (ISO). */
export function fromWeek(year: number, week: number, weekday: number, rule: WeekRule): CalendarDay {
  const n = 1 + 7 * (week - 1) + ((7 + weekday - rule.dow) % 7) + firstWeekOffset(year, rule);
  if (n <= 0) return fromDayOfYear(year - 1, daysInYear(year - 1) + n);
  if (n > daysInYear(year)) return fromDayOfYear(year + 1, n - daysInYear(year));
  return fromDayOfYear(year, n);
}
