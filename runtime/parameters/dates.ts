/**
 * Date parameters: Make accepts many input forms and hands the request UTC ISO 8601 with
 * milliseconds, `YYYY-MM-DDTHH:mm:ss.sssZ` (make-format.md §5.3). A date without an offset (or a
 * date without a time) means that wall-clock time in the scenario's timezone.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezonePlugin from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezonePlugin);

const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Below this a number is Unix seconds, above it milliseconds (10^11 s is the year 5138). */
const SECONDS_LIMIT = 1e11;

export interface DateOptions {
  timezone?: string;
  now?: Date;
}

/** The UTC ISO string for a date input, or undefined when the input is not a date. */
export function toIsoDate(value: unknown, opts: DateOptions = {}): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    return new Date(Math.abs(value) < SECONDS_LIMIT ? value * 1000 : value).toISOString();
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text.toLowerCase() === 'now') return (opts.now ?? new Date()).toISOString();
  if (/^-?\d+(\.\d+)?$/.test(text)) return toIsoDate(Number(text), opts);
  const m = ISO_LIKE.exec(text);
  if (m) return fromParts(m, opts.timezone ?? 'UTC');
  // Other textual forms Date understands unambiguously only when they name their zone (RFC 2822).
  if (/(GMT|UTC|[+-]\d{4})\s*$/i.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return new Date(ms).toISOString();
  }
  return undefined;
}

function fromParts(m: RegExpExecArray, timezone: string): string | undefined {
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  const ms = Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const wallClockUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const offset = m[8];
  if (offset) {
    if (offset.toUpperCase() === 'Z') return new Date(wallClockUtc).toISOString();
    const digits = offset.replace(':', '');
    const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || 0);
    const sign = digits[0] === '-' ? -1 : 1;
    return new Date(wallClockUtc - sign * minutes * 60_000).toISOString();
  }
  if (timezone === 'UTC') return new Date(wallClockUtc).toISOString();
  const local = dayjs.tz(new Date(wallClockUtc).toISOString().slice(0, 23), timezone);
  return Number.isNaN(local.valueOf()) ? undefined : local.toDate().toISOString();
}
