/**
 * Moment-style format tokens (iml-functions.md §8.1), compiled once per format string into a list of
 * renderers that read the instant's wall clock in the zone (Intl only: the host's zone never
 * enters). `[text]` is literal.
 */
import { dayOfYear, ISO_WEEKS, LOCALE_WEEKS, weekdayOf, weekOfYear } from '../calendar';
import { wallClockAsUtc, wallClockAt, WallClock } from '../zoned-time';

/** An instant as seen in a zone: its wall clock, weekday (0 = Sunday) and offset in minutes. */
export interface Zoned {
  ms: number;
  wall: WallClock;
  weekday: number;
  offset: number;
}

export function inZone(date: Date, tz: string): Zoned {
  const ms = date.getTime();
  const wall = wallClockAt(ms, tz);
  return { ms, wall, weekday: weekdayOf(wall), offset: Math.round((wallClockAsUtc(wall) - ms) / 60_000) };
}

type Render = (z: Zoned) => string;

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

export function ordinal(n: number): string {
  const m100 = n % 100;
  if (m100 >= 11 && m100 <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

function offset({ offset: total }: Zoned, colon: boolean): string {
  const sign = total < 0 ? '-' : '+';
  const abs = Math.abs(total);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${colon ? ':' : ''}${pad(abs % 60, 2)}`;
}

const h12 = ({ wall }: Zoned): number => wall.hour % 12 || 12;
const year = (z: Zoned): number => z.wall.year;
const month0 = (z: Zoned): number => z.wall.month - 1;
const hour = (z: Zoned): number => z.wall.hour;
const isoWeek = (z: Zoned) => weekOfYear(z.wall, ISO_WEEKS);
const localeWeek = (z: Zoned) => weekOfYear(z.wall, LOCALE_WEEKS);

const TOKENS: Record<string, Render> = {
  YYYYYY: (d) => (year(d) < 0 ? '-' : '+') + pad(Math.abs(year(d)), 6),
  YYYY: (d) => pad(year(d), 4),
  YY: (d) => pad(year(d) % 100, 2),
  Y: (d) => (year(d) > 9999 ? `+${year(d)}` : String(year(d))),
  Qo: (d) => ordinal(Math.floor(month0(d) / 3) + 1),
  Q: (d) => String(Math.floor(month0(d) / 3) + 1),
  MMMM: (d) => MONTHS[month0(d)],
  MMM: (d) => MONTHS[month0(d)].slice(0, 3),
  MM: (d) => pad(month0(d) + 1, 2),
  Mo: (d) => ordinal(month0(d) + 1),
  M: (d) => String(month0(d) + 1),
  DDDD: (d) => pad(dayOfYear(d.wall), 3),
  DDDo: (d) => ordinal(dayOfYear(d.wall)),
  DDD: (d) => String(dayOfYear(d.wall)),
  DD: (d) => pad(d.wall.day, 2),
  Do: (d) => ordinal(d.wall.day),
  D: (d) => String(d.wall.day),
  dddd: (d) => DAYS[d.weekday],
  ddd: (d) => DAYS[d.weekday].slice(0, 3),
  dd: (d) => DAYS[d.weekday].slice(0, 2),
  do: (d) => ordinal(d.weekday),
  d: (d) => String(d.weekday),
  E: (d) => String(d.weekday || 7),
  // Moment's locale weekday, 0 (Sunday) … 6: missing from Make's table, but Moment, hence Make, writes it.
  e: (d) => String((7 + d.weekday - LOCALE_WEEKS.dow) % 7),
  wo: (d) => ordinal(localeWeek(d).week),
  ww: (d) => pad(localeWeek(d).week, 2),
  w: (d) => String(localeWeek(d).week),
  Wo: (d) => ordinal(isoWeek(d).week),
  WW: (d) => pad(isoWeek(d).week, 2),
  W: (d) => String(isoWeek(d).week),
  gggg: (d) => pad(localeWeek(d).year, 4),
  gg: (d) => pad(localeWeek(d).year % 100, 2),
  GGGG: (d) => pad(isoWeek(d).year, 4),
  GG: (d) => pad(isoWeek(d).year % 100, 2),
  HH: (d) => pad(hour(d), 2),
  H: (d) => String(hour(d)),
  hh: (d) => pad(h12(d), 2),
  h: (d) => String(h12(d)),
  kk: (d) => pad(hour(d) || 24, 2),
  k: (d) => String(hour(d) || 24),
  A: (d) => (hour(d) < 12 ? 'AM' : 'PM'),
  a: (d) => (hour(d) < 12 ? 'am' : 'pm'),
  mm: (d) => pad(d.wall.minute, 2),
  m: (d) => String(d.wall.minute),
  ss: (d) => pad(d.wall.second, 2),
  s: (d) => String(d.wall.second),
  ZZ: (d) => offset(d, false),
  Z: (d) => offset(d, true),
  X: (d) => String(Math.floor(d.ms / 1000)),
  x: (d) => String(d.ms),
};

/** English localized formats (Moment's `L`, `LT`, …), expanded before
 * tokenizing, for writing and for reading, as Moment does. */
const LOCALIZED: Record<string, string> = {
  LTS: 'h:mm:ss A',
  LT: 'h:mm A',
  L: 'MM/DD/YYYY',
  LL: 'MMMM D, YYYY',
  LLL: 'MMMM D, YYYY h:mm A',
  LLLL: 'dddd, MMMM D, YYYY h:mm A',
  l: 'M/D/YYYY',
  ll: 'MMM D, YYYY',
  lll: 'MMM D, YYYY h:mm A',
  llll: 'ddd, MMM D, YYYY h:mm A',
};

/** The format with its localized tokens written out (bracketed text and `\\L` stay as they are). */
export function expandLocalized(format: string): string {
  return format.replace(/(\[[^[]*\])|(\\)?(LTS|LT|LL?L?L?|l{1,4})/g, (all, bracket, escaped, name) =>
    bracket || escaped ? all : LOCALIZED[name as string],
  );
}

const TOKEN_RE =
  /\[[^\]]*\]|\\.|S{1,9}|YYYYYY|YYYY|YY|Y|Qo|Q|MMMM|MMM|MM|Mo|M|DDDD|DDDo|DDD|DD|Do|D|dddd|ddd|dd|do|d|E|e|wo|ww|w|Wo|WW|W|gggg|gg|GGGG|GG|HH|H|hh|h|kk|k|A|a|mm|m|ss|s|ZZ|Z|X|x/g;

/**
 * TOKEN_RE without `[…]`, for the text after the last `]`: there `\[[^\]]*\]` would scan to the end
 * from every `[` and never match, quadratic on a hostile format (issue 16).
 */
const TOKEN_RE_NO_BRACKETS = new RegExp(TOKEN_RE.source.replace('\\[[^\\]]*\\]|', ''), 'g');

/** TOKEN_RE's matches; no token crosses the last `]`, so the two parts tokenize as the whole would. */
function* tokens(format: string): Generator<{ index: number; text: string }> {
  const split = format.lastIndexOf(']') + 1;
  for (const m of format.slice(0, split).matchAll(TOKEN_RE)) yield { index: m.index!, text: m[0] };
  for (const m of format.slice(split).matchAll(TOKEN_RE_NO_BRACKETS))
    yield { index: split + m.index!, text: m[0] };
}

const cache = new Map<string, Render[]>();

function fraction(width: number): Render {
  return (d) => (pad(d.wall.millisecond, 3) + '000000').slice(0, width);
}

export function compileFormat(format: string): Render[] {
  let parts = cache.get(format);
  if (parts) return parts;
  parts = [];
  const expanded = expandLocalized(format);
  let last = 0;
  let literal = '';
  const flush = () => {
    if (literal) {
      const text = literal;
      parts!.push(() => text);
      literal = '';
    }
  };
  for (const m of tokens(expanded)) {
    literal += expanded.slice(last, m.index);
    last = m.index + m.text.length;
    const tok = m.text;
    if (tok.startsWith('[') || tok.startsWith('\\')) {
      // `[text]` and `\X` are literal, as in Moment.
      literal += tok.startsWith('[') ? tok.slice(1, -1) : tok.slice(1);
      continue;
    }
    flush();
    parts.push(tok[0] === 'S' ? fraction(tok.length) : TOKENS[tok]);
  }
  literal += expanded.slice(last);
  flush();
  if (cache.size > 1000) cache.clear();
  cache.set(format, parts);
  return parts;
}

export function formatWith(d: Zoned, format: string): string {
  const parts = compileFormat(format);
  let out = '';
  for (const p of parts) out += p(d);
  return out;
}
