/**
 * Date parameters: Make accepts many input forms and hands the request UTC ISO 8601 with
 * milliseconds, `YYYY-MM-DDTHH:mm:ss.sssZ` (make-format.md §5.3). Text is read by the IML's date
 * reader (the forms of Make's type-coercion list); a date without an offset (or without a time) is
 * that wall-clock time in the scenario's timezone.
 */
import { readDateText } from '../iml/date-text';

/**
 * Below this a number is Unix seconds, above it milliseconds (10^11 s is the year 5138; 10^11 ms is
 * March 1973). Seconds because a date field accepts the `timestamp` keyword (unix seconds,
 * make-format.md §5.3), milliseconds as Make's coercion table says for every later date.
 */
const SECONDS_LIMIT = 1e11;

/** Keywords a date field accepts as text: both mean the current time. */
const NOW_KEYWORDS = /^(?:now|timestamp)$/i;

export interface DateOptions {
  timezone?: string;
  now?: Date;
}

/** The UTC ISO string for a date input, or undefined when the input is not a date. */
export function toIsoDate(value: unknown, opts: DateOptions = {}): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    const date = new Date(Math.abs(value) < SECONDS_LIMIT ? value * 1000 : value);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (NOW_KEYWORDS.test(text)) return (opts.now ?? new Date()).toISOString();
  if (/^-?\d+(\.\d+)?$/.test(text)) return toIsoDate(Number(text), opts);
  return readDateText(text, opts.timezone ?? 'UTC')?.toISOString();
}
