/** dayjs with the plugins the date functions need, configured once. */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import weekOfYear from 'dayjs/plugin/weekOfYear';
import weekYear from 'dayjs/plugin/weekYear';
import isoWeek from 'dayjs/plugin/isoWeek';
import dayOfYear from 'dayjs/plugin/dayOfYear';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(customParseFormat);
dayjs.extend(weekOfYear);
dayjs.extend(weekYear);
dayjs.extend(isoWeek);
dayjs.extend(dayOfYear);

export { dayjs };
export type Dayjs = dayjs.Dayjs;

const zoneValidity = new Map<string, boolean>();

/** True for an IANA zone name the platform knows. */
export function isValidZone(tz: string): boolean {
  let ok = zoneValidity.get(tz);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      ok = true;
    } catch {
      ok = false;
    }
    if (zoneValidity.size < 1000) zoneValidity.set(tz, ok);
  }
  return ok;
}

/** The instant seen as wall-clock time in a zone (UTC fast path: no Intl work). */
export function inZone(date: Date, tz: string): Dayjs {
  return tz === 'UTC' || tz === 'Etc/UTC' ? dayjs.utc(date) : dayjs(date).tz(tz);
}
