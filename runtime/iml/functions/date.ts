/**
 * Date and time functions (iml-functions.md §8), with Moment's rules since Make's tokens and
 * arithmetic are Moment's. Results are Date values (Make's date type). The zone is the function's
 * `timezone` argument when it names a valid IANA zone, else the evaluation's zone (default UTC);
 * add* and set* work on the wall clock of the evaluation's zone (decisions.md).
 */
import type { Env } from '../env';
import { EvalFailure } from '../position';
import { describe, numberArg, toText } from '../values';
import { daysInMonth, weekdayOf } from '../calendar';
import { readDateText } from '../date-text';
import { instantOf, isUtc, isValidZone, wallClockAsUtc, wallClockAt, WallClock } from '../zoned-time';
import { DAYS, formatWith, inZone, MONTHS } from './date-format';
import { parseByFormat, UnsupportedFormat } from './date-parse';
import { FnSpec, passEmptyWithEnv } from './registry';

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
  const date = typeof v === 'string' ? readDateText(v, env.tz) : undefined;
  if (date) return date;
  throw new EvalFailure(`${fn}: cannot read ${describe(v)} as a date`);
}

function zoneArg(tz: unknown, env: Env): string {
  // An unknown zone is ignored and the default used, as Make documents.
  if (typeof tz === 'string' && tz !== '' && isValidZone(tz)) return tz;
  return env.tz;
}

const DAY_NAMES = DAYS.map((day) => day.toLowerCase());
const MONTH_NAMES = MONTHS.map((month) => month.toLowerCase());

function namedOrNumber(v: unknown, names: string[], fn: string): number {
  if (typeof v === 'string') {
    const i = names.indexOf(v.trim().toLowerCase());
    if (i >= 0) return i + 1;
  }
  return Math.trunc(numberArg(v, fn));
}

/** Moment rounds calendar amounts (days, months) half away from zero: 2.5 → 3, −2.5 → −3. */
const absRound = (n: number): number => Math.sign(n) * Math.round(Math.abs(n));

/** Absolute time: Moment adds hours and smaller units as exact milliseconds, fractions included. */
const TIME_UNIT_MS = { second: 1e3, minute: 6e4, hour: 36e5 };
const DAY_MS = 864e5;

/** The month `month` (1-based, may run past 12 or below 1), the day clamped to that month's end. */
function withMonth(w: WallClock, month: number): WallClock {
  const total = w.year * 12 + month - 1;
  const year = Math.floor(total / 12);
  const m = total - year * 12 + 1;
  return { ...w, year, month: m, day: Math.min(w.day, daysInMonth(year, m)) };
}

/**
 * Changes the wall clock of `date` in `tz` and resolves it again (fields past their range roll over;
 * a time in a daylight-saving gap moves forward, as in Moment Timezone; the date's own offset is
 * kept while it is still valid).
 */
function onWallClock(name: string, date: Date, tz: string, change: (w: WallClock) => WallClock): Date {
  const t = date.getTime();
  const w = wallClockAt(t, tz);
  return validResult(name, instantOf(change(w), tz, Math.round((wallClockAsUtc(w) - t) / 60_000)));
}

/** A result past JavaScript's date range (±275,760 years) fails rather than being an Invalid Date. */
function validResult(name: string, ms: number): Date {
  const date = new Date(ms);
  if (isNaN(date.getTime())) throw new EvalFailure(`${name}: the result is not a valid date`);
  return date;
}

function adder(unit: 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year', name: string): FnSpec {
  return passEmptyWithEnv(2, 2, (env, date, n) => {
    const amount = numberArg(n, name);
    const d = toDate(date, env, name);
    if (unit === 'second' || unit === 'minute' || unit === 'hour') {
      return validResult(name, d.getTime() + amount * TIME_UNIT_MS[unit]);
    }
    if (unit === 'day') {
      const days = absRound(amount);
      // UTC has no daylight saving: a day is always 24 hours there.
      if (isUtc(env.tz)) return validResult(name, d.getTime() + days * DAY_MS);
      return onWallClock(name, d, env.tz, (w) => ({ ...w, day: w.day + days }));
    }
    // Moment turns years into months before rounding: addYears(1.5) adds 18 months.
    const months = absRound(unit === 'year' ? amount * 12 : amount);
    return onWallClock(name, d, env.tz, (w) => withMonth(w, w.month + months));
  });
}

function setter(
  name: string,
  apply: (w: WallClock, n: number) => WallClock,
  parse: (v: unknown) => number,
): FnSpec {
  return passEmptyWithEnv(2, 2, (env, date, n) => {
    const value = parse(n);
    return onWallClock(name, toDate(date, env, name), env.tz, (w) => apply(w, value));
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
    const f = toText(format);
    let outcome;
    try {
      outcome = parseByFormat(s, f, zoneArg(tz, env), env.currentTime());
    } catch (e) {
      if (e instanceof UnsupportedFormat) throw new EvalFailure(`parseDate: ${e.message}`);
      throw e;
    }
    if ('ms' in outcome) return new Date(outcome.ms);
    const problem = outcome.failure === 'no match' ? 'does not match' : 'is not a valid date for';
    throw new EvalFailure(`parseDate: "${s.slice(0, 40)}" ${problem} the format "${f}"`);
  }),
  addSeconds: adder('second', 'addSeconds'),
  addMinutes: adder('minute', 'addMinutes'),
  addHours: adder('hour', 'addHours'),
  addDays: adder('day', 'addDays'),
  addMonths: adder('month', 'addMonths'),
  addYears: adder('year', 'addYears'),
  setSecond: setter('setSecond', (w, second) => ({ ...w, second }), int('setSecond')),
  setMinute: setter('setMinute', (w, minute) => ({ ...w, minute }), int('setMinute')),
  setHour: setter('setHour', (w, hour) => ({ ...w, hour }), int('setHour')),
  // Sunday = 1 … Saturday = 7, or an English day name; other numbers move into other weeks.
  setDay: setter(
    'setDay',
    (w, n) => ({ ...w, day: w.day + n - 1 - weekdayOf(w) }),
    (v) => namedOrNumber(v, DAY_NAMES, 'setDay'),
  ),
  setDate: setter('setDate', (w, day) => ({ ...w, day }), int('setDate')),
  setMonth: setter('setMonth', withMonth, (v) => namedOrNumber(v, MONTH_NAMES, 'setMonth')),
  setYear: setter(
    'setYear',
    (w, year) => ({ ...w, year, day: Math.min(w.day, daysInMonth(year, w.month)) }),
    int('setYear'),
  ),
};
