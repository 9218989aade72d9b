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
  const iso = isoFields(s);
  if (iso !== undefined) {
    if (!isValidWallClock(iso.wall)) return undefined;
    return new Date(
      iso.offset === undefined
        ? instantOf(iso.wall, timezone)
        : wallClockAsUtc(iso.wall) - iso.offset * 60_000,
    );
  }
  return readByPatterns(s, timezone);
}

/** readDateText without its fast path: every form by its pattern (exported for the test pinning the two together). */
export function readByPatterns(s: string, timezone: string): Date | undefined {
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

/** The value of `count` digits at `at`, or -1 when any of them is not a digit. */
export function digitsAt(s: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * The fields of the commonest date texts, read without the patterns (the first form's regular
 * expression and its named groups were most of reading a date parameter): `YYYY-MM-DD`, optionally
 * followed by `THH:mm`, `:ss`, a fraction, and `Z` or `±HH[[:]mm]`. Every text read here is one the
 * first form reads to the same fields; anything else (one-digit fields, spaces, a meridiem, a `GMT`
 * offset, a malformed tail) answers undefined and goes to the patterns, which decide as before.
 */
function isoFields(s: string): { wall: WallClock; offset: number | undefined } | undefined {
  const n = s.length;
  if (n < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 2);
  const day = digitsAt(s, 8, 2);
  if (year < 0 || month < 0 || day < 0) return undefined;
  const wall: WallClock = { year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 };
  if (n === 10) return { wall, offset: undefined };
  const t = s.charCodeAt(10);
  if ((t !== 84 && t !== 116) || s.charCodeAt(13) !== 58) return undefined; // `T` or `t`, then `HH:`
  wall.hour = digitsAt(s, 11, 2);
  wall.minute = digitsAt(s, 14, 2);
  if (wall.hour < 0 || wall.minute < 0) return undefined;
  let i = 16;
  if (s.charCodeAt(i) === 58) {
    wall.second = digitsAt(s, i + 1, 2);
    if (wall.second < 0) return undefined;
    i += 3;
    const mark = s.charCodeAt(i);
    if (mark === 46 || mark === 44) {
      // `.` or `,` and at least one digit; milliseconds are the first three, as millisecondsOf reads them.
      let end = i + 1;
      while (end < n && digitsAt(s, end, 1) >= 0) end++;
      if (end === i + 1) return undefined;
      for (let k = 0; k < 3; k++)
        wall.millisecond = wall.millisecond * 10 + (i + 1 + k < end ? s.charCodeAt(i + 1 + k) - 48 : 0);
      i = end;
    }
  }
  if (i === n) return { wall, offset: undefined };
  const sign = s.charCodeAt(i);
  if ((sign === 90 || sign === 122) && i + 1 === n) return { wall, offset: 0 }; // `Z` or `z`
  if (sign !== 43 && sign !== 45) return undefined;
  const hours = digitsAt(s, i + 1, 2);
  if (hours < 0) return undefined;
  let minutes = 0;
  let end = i + 3;
  if (end < n) {
    if (s.charCodeAt(end) === 58) end++;
    minutes = digitsAt(s, end, 2);
    if (minutes < 0) return undefined;
    end += 2;
  }
  if (end !== n) return undefined;
  const offset = hours * 60 + minutes;
  return { wall, offset: sign === 45 ? -offset : offset };
}
