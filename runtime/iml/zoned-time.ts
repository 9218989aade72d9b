/**
 * Wall-clock time in an IANA zone, both ways, on the platform's Intl data alone: the host's own zone
 * (process TZ) never enters, so results are the same on every machine. Used by the date-text reader
 * and every date function.
 */

/** Calendar fields of a wall-clock time; `month` is 1–12. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export const isUtc = (tz: string): boolean => tz === 'UTC' || tz === 'Etc/UTC';

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
    if (zoneValidity.size < 1000) zoneValidity.set(tz, ok); // bounded: zone names can come from data
  }
  return ok;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    if (formatters.size < 1000) formatters.set(tz, f);
  }
  return f;
}

/** The wall clock of instant `ms` in `tz`. */
export function wallClockAt(ms: number, tz: string): WallClock {
  const d = new Date(ms);
  if (isUtc(tz)) {
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      millisecond: d.getUTCMilliseconds(),
    };
  }
  const parts: Record<string, string> = {};
  for (const p of formatterFor(tz).formatToParts(d)) parts[p.type] = p.value;
  const year = Number(parts.year);
  return {
    // Intl counts years before 1 as "1 BC"; astronomical years (0, −1, …) keep arithmetic simple.
    year: parts.era === 'BC' || parts.era === 'B' ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: d.getUTCMilliseconds(),
  };
}

/** The wall clock read as if it were UTC: Date.UTC, except that years 0–99 stay years 0–99. */
export function wallClockAsUtc(w: WallClock): number {
  const ms = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
  if (w.year < 0 || w.year > 99) return ms;
  const d = new Date(ms);
  d.setUTCFullYear(d.getUTCFullYear() - 1900);
  return d.getTime();
}

const DAY_MS = 86_400_000;
const MAX_MS = 8.64e15;

/** Minutes `tz` is ahead of UTC at instant `ms`. */
export function offsetAt(ms: number, tz: string): number {
  if (isUtc(tz)) return 0;
  // Clamped to JavaScript's date range, which Intl refuses to leave.
  const whole = Math.floor(Math.min(Math.max(ms, -MAX_MS), MAX_MS) / 1000) * 1000;
  return Math.round((wallClockAsUtc(wallClockAt(whole, tz)) - whole) / 60_000);
}

/**
 * The instant a wall-clock time names in `tz`, as Moment Timezone resolves it: a time that occurs
 * twice (clocks going back) is the earlier one; a time that does not exist (clocks going forward)
 * moves forward by the gap, i.e. it is read with the offset in force before the change.
 * `keepOffset` (minutes) wins while it is valid for the time, so changing a date that sits in the
 * repeated hour does not jump to the other occurrence. Out-of-range fields roll over as in Date.UTC
 * (callers that must reject them check first).
 */
export function instantOf(w: WallClock, tz: string, keepOffset?: number): number {
  const local = wallClockAsUtc(w);
  if (isUtc(tz) || Number.isNaN(local)) return local;
  if (keepOffset !== undefined && offsetAt(local - keepOffset * 60_000, tz) === keepOffset) {
    return local - keepOffset * 60_000;
  }
  // Zone changes are far more than a day apart, so the offsets a day before and after are the only
  // two candidates; the larger offset gives the earlier instant.
  const before = offsetAt(local - DAY_MS, tz);
  const after = offsetAt(local + DAY_MS, tz);
  if (before === after) return local - before * 60_000;
  for (const offset of before >= after ? [before, after] : [after, before]) {
    const t = local - offset * 60_000;
    if (offsetAt(t, tz) === offset) return t;
  }
  return local - before * 60_000;
}
