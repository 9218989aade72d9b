/**
 * Date and time functions (iml-functions.md §8) on dayjs with its utc/timezone/customParseFormat
 * plugins. Results are Date values (Make's date type). The zone is the function's `timezone` argument
 * when it names a valid IANA zone, else the evaluation's zone (default UTC); add* and set* work on
 * the wall clock of the evaluation's zone (decisions.md).
 */
import type { Env } from '../env';
import { EvalFailure } from '../position';
import { describe, numberArg, toText } from '../values';
import { dayjs, Dayjs, inZone, isValidZone } from './dayjs-setup';
import { formatWith } from './date-format';
import { utcParser } from './date-parse';
import { FnSpec, passEmptyWithEnv } from './registry';

/** Text forms Make coerces to a date (iml-functions.md §4.2), tried in order; first match wins. */
const TEXT_DATE_FORMATS: [RegExp, string][] = [
  [/^\d{4}-\d{1,2}-\d{1,2}T\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/, 'YYYY-MM-DDTHH:mm:ss.SSS'],
  [/^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}:\d{2} GMT[+-]\d{2}:?\d{2}$/, 'YYYY-MM-DD HH:mm:ss [GMT]Z'],
  [/^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}[+-]\d{2}:?\d{2}$/, 'YYYY-MM-DD HH:mmZ'],
  [/^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}:\d{2}(\.\d+)?$/, 'YYYY-MM-DD HH:mm:ss.SSS'],
  [/^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}$/, 'YYYY-MM-DD HH:mm'],
  [/^\d{4}-\d{1,2}-\d{1,2}$/, 'YYYY-MM-DD'],
  [/^\d{4}\/\d{1,2}\/\d{1,2} \d{1,2}:\d{2}:\d{2}[+-]\d{2}:?\d{2}$/, 'YYYY/MM/DD HH:mm:ssZ'],
  [/^\d{4}\/\d{1,2}\/\d{1,2} \d{1,2}:\d{2}:\d{2}$/, 'YYYY/MM/DD HH:mm:ss'],
  [/^\d{4}\/\d{1,2}\/\d{1,2} \d{1,2}:\d{2} [AaPp][Mm]$/, 'YYYY/MM/DD h:mm A'],
  [/^\d{4}\/\d{1,2}\/\d{1,2} \d{1,2}:\d{2}$/, 'YYYY/MM/DD HH:mm'],
  [/^\d{4}\/\d{1,2}\/\d{1,2}$/, 'YYYY/MM/DD'],
  [/^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2}[+-]\d{2}:?\d{2}$/, 'MM/DD/YYYY HH:mm:ssZ'],
  [/^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2}$/, 'MM/DD/YYYY HH:mm:ss'],
  [/^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2} [AaPp][Mm]$/, 'MM/DD/YYYY h:mm A'],
  [/^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}$/, 'MM/DD/YYYY HH:mm'],
  [/^\d{1,2}\/\d{1,2}\/\d{4}$/, 'MM/DD/YYYY'],
  [/^\d{1,2}\.\d{1,2}\.\d{4} \d{1,2}:\d{2}:\d{2}[+-]\d{2}:?\d{2}$/, 'D.M.YYYY HH:mm:ssZ'],
  [/^\d{1,2}\.\d{1,2}\.\d{4} \d{1,2}:\d{2}:\d{2}$/, 'D.M.YYYY HH:mm:ss'],
  [/^\d{1,2}\.\d{1,2}\.\d{4} \d{1,2}:\d{2}$/, 'D.M.YYYY HH:mm'],
  [/^\d{1,2}\.\d{1,2}\.\d{4}$/, 'D.M.YYYY'],
];

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function isUtc(tz: string): boolean {
  return tz === 'UTC' || tz === 'Etc/UTC';
}

/** Parses `text` by `format` as wall-clock time in `tz` (an offset in the text wins). */
function parseIn(text: string, format: string, tz: string): Date {
  if (isUtc(tz) || /Z/.test(format.replace(/\[[^\]]*\]/g, '')) || /^[Xx]$/.test(format)) {
    const fast = utcParser(format);
    return fast ? fast(text) : dayjs.utc(text, format).toDate();
  }
  return dayjs.tz(text, format, tz).toDate();
}

/** Make's date coercion: dates as they are, numbers as epoch ms, text in the listed forms. */
export function toDate(v: unknown, env: Env, fn: string): Date {
  if (v instanceof Date) {
    if (isNaN(v.getTime())) throw new EvalFailure(`${fn}: invalid date`);
    return v;
  }
  if (typeof v === 'number') {
    const d = new Date(v);
    if (isNaN(d.getTime())) throw new EvalFailure(`${fn}: ${v} is not a valid date`);
    return d;
  }
  if (typeof v === 'string') {
    const s = v.trim();
    if (ISO_WITH_ZONE.test(s)) {
      const d = new Date(s);
      if (!isNaN(d.getTime())) return d;
    }
    for (const [re, format] of TEXT_DATE_FORMATS) {
      if (!re.test(s)) continue;
      const date = parseIn(
        s.replace(/ ([ap])m$/i, (_m, x: string) => ` ${x.toUpperCase()}M`),
        format,
        env.tz,
      );
      if (!isNaN(date.getTime())) return date;
    }
  }
  throw new EvalFailure(`${fn}: cannot read ${describe(v)} as a date`);
}

function zoneArg(tz: unknown, env: Env): string {
  // An unknown zone is ignored and the default used, as Make documents.
  if (typeof tz === 'string' && tz !== '' && isValidZone(tz)) return tz;
  return env.tz;
}

const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function namedOrNumber(v: unknown, names: string[], fn: string): number {
  if (typeof v === 'string') {
    const i = names.indexOf(v.trim().toLowerCase());
    if (i >= 0) return i + 1;
  }
  return Math.trunc(numberArg(v, fn));
}

type Unit = 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year';

/**
 * Milliseconds of one unit where adding it in UTC is plain arithmetic (days: UTC has no daylight
 * saving). dayjs rounds a day amount to a whole number and adds seconds to hours exactly; so does
 * this. Months and years are calendar arithmetic and stay with dayjs.
 */
const UTC_UNIT_MS: Partial<Record<Unit, number>> = { second: 1e3, minute: 6e4, hour: 36e5, day: 864e5 };

function adder(unit: Unit, name: string): FnSpec {
  const unitMs = UTC_UNIT_MS[unit];
  return passEmptyWithEnv(2, 2, (env, date, n) => {
    const amount = numberArg(n, name);
    if (unitMs !== undefined && isUtc(env.tz)) {
      const t = toDate(date, env, name).getTime() + (unit === 'day' ? Math.round(amount) : amount) * unitMs;
      return new Date(t);
    }
    const d = inZone(toDate(date, env, name), env.tz).add(amount, unit);
    return (unit === 'day' || unit === 'month' || unit === 'year') && !isUtc(env.tz)
      ? d.tz(env.tz, true).toDate()
      : d.toDate();
  });
}

function setter(name: string, apply: (d: Dayjs, n: number) => Dayjs, parse: (v: unknown) => number): FnSpec {
  return passEmptyWithEnv(2, 2, (env, date, n) => {
    const d = apply(inZone(toDate(date, env, name), env.tz), parse(n));
    // Re-read the wall clock in the zone so a daylight-saving change picks the right offset.
    return isUtc(env.tz) ? d.toDate() : d.tz(env.tz, true).toDate();
  });
}

const int = (name: string) => (v: unknown) => Math.trunc(numberArg(v, name));

export const dates: Record<string, FnSpec> = {
  formatDate: passEmptyWithEnv(2, 3, (env, date, format, tz) => {
    const d = toDate(date, env, 'formatDate');
    return formatWith(inZone(d, zoneArg(tz, env)), toText(format));
  }),
  parseDate: passEmptyWithEnv(2, 3, (env, text, format, tz) => {
    if (text instanceof Date) return text;
    const s = toText(text).trim();
    // The Date's own validity, not dayjs's isValid(), which formats the date as text to find out.
    const date = parseIn(s, toText(format), zoneArg(tz, env));
    if (isNaN(date.getTime()))
      throw new EvalFailure(`parseDate: "${s.slice(0, 40)}" does not match the format "${toText(format)}"`);
    return date;
  }),
  addSeconds: adder('second', 'addSeconds'),
  addMinutes: adder('minute', 'addMinutes'),
  addHours: adder('hour', 'addHours'),
  addDays: adder('day', 'addDays'),
  addMonths: adder('month', 'addMonths'),
  addYears: adder('year', 'addYears'),
  setSecond: setter('setSecond', (d, n) => d.second(n), int('setSecond')),
  setMinute: setter('setMinute', (d, n) => d.minute(n), int('setMinute')),
  setHour: setter('setHour', (d, n) => d.hour(n), int('setHour')),
  // Sunday = 1 … Saturday = 7, or an English day name; other numbers move into other weeks.
  setDay: setter(
    'setDay',
    (d, n) => d.day(n - 1),
    (v) => namedOrNumber(v, DAY_NAMES, 'setDay'),
  ),
  setDate: setter('setDate', (d, n) => d.date(n), int('setDate')),
  setMonth: setter(
    'setMonth',
    (d, n) => d.month(n - 1),
    (v) => namedOrNumber(v, MONTH_NAMES, 'setMonth'),
  ),
  setYear: setter('setYear', (d, n) => d.year(n), int('setYear')),
};
