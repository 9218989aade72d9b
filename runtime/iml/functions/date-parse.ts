/**
 * parseDate's reader: Moment's parsing tokens (iml-functions.md §8.2, help.make.com
 * tokens-for-datetime-parsing) with Moment's forgiving matching — each token's pattern is searched
 * for in the rest of the text, literals may be missing — and Moment's validity: a field out of
 * range (month 13, Feb 30, 25:00, week 54) makes the date invalid instead of rolling over. A Moment
 * token this reader does not implement fails the format, so no token is ever silently ignored.
 * Missing date parts come from `now` seen in the zone (Moment: today, but midnight and the 1st of
 * January / of the month once a larger part is given).
 */
import { millisecondsOf, offsetMinutes } from '../date-text';
import { instantOf, wallClockAsUtc, wallClockAt, WallClock } from '../zoned-time';
import {
  fromDayOfYear,
  isLeapYear,
  isValidWallClock,
  fromWeek,
  ISO_WEEKS,
  LOCALE_WEEKS,
  weekdayOf,
  weekOfYear,
  weeksInYear,
} from '../calendar';
import { DAYS, expandLocalized, MONTHS } from './date-format';

/** What the tokens of one format read from one text. `month` is 1–12, `weekday` 0 (Sunday)–6. */
interface Parsed {
  year?: number;
  month?: number;
  day?: number;
  dayOfYear?: number;
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
  pm?: boolean;
  offset?: number;
  epochMs?: number;
  isoWeekYear?: number;
  isoWeek?: number;
  isoWeekday?: number;
  localeWeekYear?: number;
  localeWeek?: number;
  localeWeekday?: number;
  weekday?: number;
}

type Setter = (p: Parsed, text: string) => void;
/** A token (its own searching regex and what a match sets) or a literal. */
type Step = { pattern: RegExp; set: Setter } | { literal: string };

/**
 * The token's pattern as a regex that searches from `lastIndex` (flag g), or, for Moment's
 * start-anchored names, matches exactly there (flag y): the text is never sliced.
 */
function searching(pattern: RegExp): RegExp {
  const anchored = pattern.source.startsWith('^');
  const flags = (anchored ? 'y' : 'g') + (pattern.ignoreCase ? 'i' : '');
  return new RegExp(anchored ? pattern.source.slice(1) : pattern.source, flags);
}

const match1 = /\d/;
const match1to2 = /\d\d?/;
const match1to3 = /\d{1,3}/;
const match1to4 = /\d{1,4}/;
const match1to6 = /[+-]?\d{1,6}/;
const match3 = /\d{3}/;
const matchUnsigned = /\d+/;
const matchSigned = /[+-]?\d+/;

/** Moment's names match at the start of the rest of the text only, in any letter case. */
const namesPattern = (names: string[]) => new RegExp(`^(?:${names.join('|')})`, 'i');
const monthNames = namesPattern([...MONTHS, ...MONTHS.map((m) => m.slice(0, 3))]);
const dayNames = namesPattern([
  ...DAYS,
  ...DAYS.map((d) => d.slice(0, 3)),
  ...DAYS.map((d) => d.slice(0, 2)),
]);
/** The name's position, by its shortest unique prefix (months: 3 letters, days: 2). */
const nameIndex = (names: string[], prefix: number, text: string) =>
  names.findIndex((n) => n.slice(0, prefix).toLowerCase() === text.slice(0, prefix).toLowerCase());
const monthOf = (text: string) => nameIndex(MONTHS, 3, text) + 1;
const weekdayNamed = (text: string) => nameIndex(DAYS, 2, text);

/** Two-digit years are 1969–2068, as in Moment. */
const twoDigitYear = (text: string) => Number(text) + (Number(text) > 68 ? 1900 : 2000);
const field =
  (name: keyof Parsed, read: (text: string) => number = Number): Setter =>
  (p, text) => {
    (p[name] as number) = read(text);
  };

const hour: [RegExp, Setter] = [match1to2, field('hour')];
const year: [RegExp, Setter] = [
  match1to4,
  field('year', (t) => (t.length === 2 ? twoDigitYear(t) : Number(t))),
];

/** Moment's non-strict pattern for each token it parses, and what the match sets. */
const TOKENS: Record<string, [RegExp, Setter]> = {
  YYYYYY: [match1to6, field('year')],
  YYYYY: [match1to6, field('year')],
  YYYY: year,
  YY: [match1to2, field('year', twoDigitYear)],
  Y: [matchSigned, field('year')],
  Q: [match1, field('month', (t) => Number(t) * 3 - 2)],
  M: [match1to2, field('month')],
  MM: [match1to2, field('month')],
  MMM: [monthNames, field('month', monthOf)],
  MMMM: [monthNames, field('month', monthOf)],
  D: [match1to2, field('day')],
  DD: [match1to2, field('day')],
  Do: [/\d{1,2}(?:th|st|nd|rd)|\d{1,2}/, field('day', (t) => parseInt(t, 10))],
  DDD: [match1to3, field('dayOfYear')],
  DDDD: [match3, field('dayOfYear')],
  dd: [dayNames, field('weekday', weekdayNamed)],
  ddd: [dayNames, field('weekday', weekdayNamed)],
  dddd: [dayNames, field('weekday', weekdayNamed)],
  GGGGG: [match1to6, field('isoWeekYear')],
  GGGG: [match1to4, field('isoWeekYear')],
  GG: [match1to2, field('isoWeekYear', twoDigitYear)],
  W: [match1to2, field('isoWeek')],
  WW: [match1to2, field('isoWeek')],
  E: [match1to2, field('isoWeekday')],
  ggggg: [match1to6, field('localeWeekYear')],
  gggg: [match1to4, field('localeWeekYear')],
  gg: [match1to2, field('localeWeekYear', twoDigitYear)],
  w: [match1to2, field('localeWeek')],
  ww: [match1to2, field('localeWeek')],
  e: [match1to2, field('localeWeekday')],
  d: [match1to2, field('weekday')],
  H: hour,
  HH: hour,
  h: hour,
  hh: hour,
  // Moment's 1–24 clock: 24 is the midnight that starts the day (formatDate's `k` writes 00:30 as 24:30).
  k: [match1to2, field('hour', (t) => Number(t) % 24)],
  kk: [match1to2, field('hour', (t) => Number(t) % 24)],
  a: [/[ap]\.?m?\.?/i, (p, t) => (p.pm = t[0].toLowerCase() === 'p')],
  A: [/[ap]\.?m?\.?/i, (p, t) => (p.pm = t[0].toLowerCase() === 'p')],
  m: [match1to2, field('minute')],
  mm: [match1to2, field('minute')],
  s: [match1to2, field('second')],
  ss: [match1to2, field('second')],
  S: [match1to3, field('millisecond', millisecondsOf)],
  SS: [match1to3, field('millisecond', millisecondsOf)],
  SSS: [match1to3, field('millisecond', millisecondsOf)],
  Z: [/Z|[+-]\d\d(?::?\d\d)?/i, field('offset', offsetMinutes)],
  ZZ: [/Z|[+-]\d\d(?::?\d\d)?/i, field('offset', offsetMinutes)],
  X: [/[+-]?\d+(?:\.\d{1,3})?/, field('epochMs', (t) => Math.round(parseFloat(t) * 1000))],
  x: [matchSigned, field('epochMs')],
};
for (let s = 'SSSS'; s.length <= 9; s += 'S')
  TOKENS[s] = [matchUnsigned, field('millisecond', millisecondsOf)];

/** Moment's tokenizer: a bracketed literal, an escaped character, a token, or any one character. */
const FORMAT_PARTS =
  /(\[[^[]*\])|(\\)?([Hh]mm(?:ss)?|Mo|MM?M?M?|Do|DDDo|DD?D?D?|ddd?d?|do?|w[ow]?|W[oW]?|Qo?|N{1,5}|YYYYYY|YYYYY|YYYY|YY|y{2,4}|yo?|gg(?:ggg?)?|GG(?:GGG?)?|e|E|a|A|hh?|HH?|kk?|mm?|ss?|S{1,9}|x|X|zz?|ZZ?|.)/g;

/** Moment tokens parseDate does not read (eras, ordinals other than Do, zone names, hmm/Hmm). */
const UNSUPPORTED = /^(?:[Hh]mm(?:ss)?|Mo|DDDo|do|wo|Wo|Qo|N{1,5}|y{2,4}|yo?|zz?)$/;

/** Thrown for a format parseDate cannot honour; the message names the token. */
export class UnsupportedFormat extends Error {}

function compile(format: string): Step[] {
  const expanded = expandLocalized(format);
  const steps: Step[] = [];
  for (const [, bracket, escaped, token] of expanded.matchAll(FORMAT_PARTS)) {
    const rule = bracket || escaped ? undefined : TOKENS[token];
    if (rule) steps.push({ pattern: searching(rule[0]), set: rule[1] });
    else if (!bracket && !escaped && UNSUPPORTED.test(token))
      throw new UnsupportedFormat(`the format token "${token}" is not supported`);
    // A literal: searched for and skipped when present; a missing literal is no error in Moment.
    else steps.push({ literal: bracket ? bracket.slice(1, -1) : token });
  }
  return steps;
}

const compiled = new Map<string, Step[] | UnsupportedFormat>();

function stepsFor(format: string): Step[] {
  let steps = compiled.get(format);
  if (steps === undefined) {
    try {
      steps = compile(format);
    } catch (e) {
      if (!(e instanceof UnsupportedFormat)) throw e;
      steps = e;
    }
    if (compiled.size >= 512) compiled.clear();
    compiled.set(format, steps);
  }
  if (steps instanceof UnsupportedFormat) throw steps;
  return steps;
}

function read(steps: Step[], text: string): Parsed | undefined {
  const parsed: Parsed = {};
  let at = 0;
  let any = false;
  for (const step of steps) {
    if ('literal' in step) {
      const found = step.literal === '' ? -1 : text.indexOf(step.literal, at);
      if (found >= 0) at = found + step.literal.length;
      continue;
    }
    step.pattern.lastIndex = at;
    const m = step.pattern.exec(text);
    if (!m || m[0] === '') continue;
    at = m.index + m[0].length;
    step.set(parsed, m[0]);
    any = true;
  }
  return any ? parsed : undefined;
}

/**
 * Sets year/month/day from week-date fields, ISO (GGGG, W, E) before locale (gggg, w, e, d, day
 * names), as Moment's dayOfYearFromWeekInfo; false when the week or the weekday is out of range.
 */
function applyWeekDate(p: Parsed, iso: boolean, today: () => WallClock): boolean {
  const rule = iso ? ISO_WEEKS : LOCALE_WEEKS;
  const current = () => weekOfYear(today(), rule);
  const year = (iso ? p.isoWeekYear : p.localeWeekYear) ?? p.year ?? current().year;
  // Moment's defaults: an ISO week is week 1 from Monday; a locale week is this week from its start.
  const week = iso ? (p.isoWeek ?? 1) : (p.localeWeek ?? current().week);
  const weekday = iso ? (p.isoWeekday ?? 1) : (p.weekday ?? (p.localeWeekday ?? 0) + rule.dow);
  const [first, last] = iso ? [1, 7] : [rule.dow, rule.dow + 6];
  if (week < 1 || week > weeksInYear(year, rule) || weekday < first || weekday > last) return false;
  Object.assign(p, fromWeek(year, week, weekday, rule));
  return true;
}

const defined = (...values: (number | undefined)[]) => values.some((v) => v !== undefined);

/** The wall clock the parsed fields name, with Moment's defaults; undefined when invalid. */
function resolve(p: Parsed, today: () => WallClock): WallClock | undefined {
  const iso = defined(p.isoWeekYear, p.isoWeek, p.isoWeekday);
  const weekDate = iso || defined(p.localeWeekYear, p.localeWeek, p.localeWeekday, p.weekday);
  if (weekDate && p.day === undefined && p.month === undefined && !applyWeekDate(p, iso, today))
    return undefined;
  if (p.dayOfYear !== undefined) {
    const year = p.year ?? today().year;
    if (p.dayOfYear < 1 || p.dayOfYear > (isLeapYear(year) ? 366 : 365)) return undefined;
    Object.assign(p, fromDayOfYear(year, p.dayOfYear));
  }
  // Today, as far down as nothing is given; below the first given part, January / the 1st.
  const year = p.year ?? today().year;
  const month = p.month ?? (p.year === undefined ? today().month : 1);
  const day = p.day ?? (p.year === undefined && p.month === undefined ? today().day : 1);
  let hour = p.hour ?? 0;
  if (p.pm === true && hour < 12) hour += 12;
  if (p.pm === false && hour === 12) hour = 0;
  const wall: WallClock = {
    year,
    month,
    day,
    hour,
    minute: p.minute ?? 0,
    second: p.second ?? 0,
    millisecond: p.millisecond ?? 0,
  };
  if (!isValidWallClock(wall)) return undefined;
  if (p.weekday !== undefined && weekdayOf(wall) !== p.weekday) return undefined;
  return wall;
}

export type ParseOutcome = { ms: number } | { failure: 'no match' | 'invalid' };

/**
 * Reads `text` by a Moment format: wall-clock time in `tz` unless the text has an offset; missing
 * date parts from `now` seen in `tz`. Throws UnsupportedFormat for a token it does not implement.
 */
export function parseByFormat(text: string, format: string, tz: string, now: Date): ParseOutcome {
  const parsed = read(stepsFor(format), text);
  if (!parsed) return { failure: 'no match' };
  if (parsed.epochMs !== undefined) return withinDateRange(parsed.epochMs);
  let nowInZone: WallClock | undefined;
  // Read only when a date part is missing: it costs an Intl lookup outside UTC.
  const wall = resolve(parsed, () => (nowInZone ??= wallClockAt(now.getTime(), tz)));
  if (!wall) return { failure: 'invalid' };
  const ms =
    parsed.offset === undefined ? instantOf(wall, tz) : wallClockAsUtc(wall) - parsed.offset * 60_000;
  return withinDateRange(ms);
}

/** JavaScript dates end 275,760 years either side of 1970; an instant beyond is no date. */
function withinDateRange(ms: number): ParseOutcome {
  return Number.isNaN(new Date(ms).getTime()) ? { failure: 'invalid' } : { ms };
}
