/**
 * The one reader of date text, shared by the IML's date coercion, date parameters and date filters:
 * the forms of Make's type-coercion list (iml-functions.md §4.2), each with optional seconds,
 * fraction, meridiem and offset. Text without an offset is wall-clock time in the caller's zone.
 */
import { isValidWallClock } from './calendar';
import { instantOf, wallClockAsUtc, WallClock } from './zoned-time';

/** Day, month and year in the four orders Make lists; named groups feed the fields. */
const DATE_FORMS = [
  String.raw`(?<year>\d{4})-(?<month>\d{1,2})-(?<day>\d{1,2})`,
  String.raw`(?<year>\d{4})/(?<month>\d{1,2})/(?<day>\d{1,2})`,
  String.raw`(?<month>\d{1,2})/(?<day>\d{1,2})/(?<year>\d{4})`,
  String.raw`(?<day>\d{1,2})\.(?<month>\d{1,2})\.(?<year>\d{4})`,
];

/** `T` or spaces, then H:mm[:ss[.fraction]] [am|pm], then an offset: `Z`, `±hh[:mm]`, `GMT±hh:mm`. */
const TIME = String.raw`(?:(?:T|\s+)(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:[.,](?<fraction>\d+))?)?(?:\s*(?<meridiem>[ap])\.?m\.?)?(?:\s*(?<offset>Z|(?:GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}(?::?\d{2})?))?)?`;

/** Longer than any form above, including a Date#toString with a long zone name. */
const MAX_DATE_TEXT = 120;

const FORMS = DATE_FORMS.map((date) => new RegExp(`^${date}${TIME}$`, 'i'));

/**
 * Other text JavaScript reads (RFC 2822 `Mon, 20 Jun 2016 17:26:44 GMT`, Date#toString
 * `Mon Jun 20 2016 19:26:44 GMT+0200 (CEST)`), only when it ends by naming its zone: without one,
 * JavaScript would read it in the host's zone.
 */
const NAMES_ITS_ZONE = /(?:GMT|UTC|UT|Z|[+-]\d{4})(?:\s*\([^)]*\))?$/i;

/** Minutes east of UTC for an offset as written (`Z`, `GMT`, `+02:00`, `-0530`, `GMT+2`). */
export function offsetMinutes(text: string): number {
  const m = /([+-])(\d{1,2}):?(\d{2})?$/.exec(text);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

/** Digits after the decimal point of a second, to the millisecond: `3` is 300, `123456` is 123. */
export const millisecondsOf = (fraction: string): number => Number(`${fraction}00`.slice(0, 3));

/** Calendar-valid fields (no Feb 30, no 25:00), with a 12-hour clock turned to 24 hours. */
function wallClockOf(g: Record<string, string | undefined>): WallClock | undefined {
  const [year, month, day] = [Number(g.year), Number(g.month), Number(g.day)];
  let hour = Number(g.hour ?? 0);
  if (g.meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (g.meridiem.toLowerCase() === 'p' ? 12 : 0);
  }
  const w: WallClock = {
    year,
    month,
    day,
    hour,
    minute: Number(g.minute ?? 0),
    second: Number(g.second ?? 0),
    millisecond: millisecondsOf(g.fraction ?? '0'),
  };
  return isValidWallClock(w) ? w : undefined;
}

/**
 * The instant date text names, or undefined when it is none of the accepted forms or names no real
 * calendar date. `timezone` is the zone of text without an offset.
 */
export function readDateText(text: string, timezone: string): Date | undefined {
  const s = text.trim();
  // No date text is longer; the limit keeps the patterns' work small on any input.
  if (s.length > MAX_DATE_TEXT) return undefined;
  for (const form of FORMS) {
    const groups = form.exec(s)?.groups;
    if (!groups) continue;
    const wall = wallClockOf(groups);
    if (!wall) return undefined;
    const ms =
      groups.offset === undefined
        ? instantOf(wall, timezone)
        : wallClockAsUtc(wall) - offsetMinutes(groups.offset) * 60_000;
    return new Date(ms);
  }
  if (NAMES_ITS_ZONE.test(s)) {
    const ms = Date.parse(s);
    if (!Number.isNaN(ms)) return new Date(ms);
  }
  return undefined;
}
