/**
 * Moment-style format tokens (iml-functions.md §8.1), compiled once per format string into a list of
 * renderers that read the calendar fields dayjs computes for the zone. `[text]` is literal.
 */
import type { Dayjs } from './dayjs-setup';

type Render = (d: Dayjs) => string;

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

function offset(d: Dayjs, colon: boolean): string {
  const total = d.utcOffset();
  const sign = total < 0 ? '-' : '+';
  const abs = Math.abs(total);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${colon ? ':' : ''}${pad(abs % 60, 2)}`;
}

const h12 = (d: Dayjs): number => d.hour() % 12 || 12;

const TOKENS: Record<string, Render> = {
  YYYYYY: (d) => (d.year() < 0 ? '-' : '+') + pad(Math.abs(d.year()), 6),
  YYYY: (d) => pad(d.year(), 4),
  YY: (d) => pad(d.year() % 100, 2),
  Y: (d) => (d.year() > 9999 ? `+${d.year()}` : String(d.year())),
  Qo: (d) => ordinal(Math.floor(d.month() / 3) + 1),
  Q: (d) => String(Math.floor(d.month() / 3) + 1),
  MMMM: (d) => MONTHS[d.month()],
  MMM: (d) => MONTHS[d.month()].slice(0, 3),
  MM: (d) => pad(d.month() + 1, 2),
  Mo: (d) => ordinal(d.month() + 1),
  M: (d) => String(d.month() + 1),
  DDDD: (d) => pad(d.dayOfYear(), 3),
  DDDo: (d) => ordinal(d.dayOfYear()),
  DDD: (d) => String(d.dayOfYear()),
  DD: (d) => pad(d.date(), 2),
  Do: (d) => ordinal(d.date()),
  D: (d) => String(d.date()),
  dddd: (d) => DAYS[d.day()],
  ddd: (d) => DAYS[d.day()].slice(0, 3),
  dd: (d) => DAYS[d.day()].slice(0, 2),
  do: (d) => ordinal(d.day()),
  d: (d) => String(d.day()),
  E: (d) => String(d.isoWeekday()),
  wo: (d) => ordinal(d.week()),
  ww: (d) => pad(d.week(), 2),
  w: (d) => String(d.week()),
  Wo: (d) => ordinal(d.isoWeek()),
  WW: (d) => pad(d.isoWeek(), 2),
  W: (d) => String(d.isoWeek()),
  gggg: (d) => pad(d.weekYear(), 4),
  gg: (d) => pad(d.weekYear() % 100, 2),
  GGGG: (d) => pad(d.isoWeekYear(), 4),
  GG: (d) => pad(d.isoWeekYear() % 100, 2),
  HH: (d) => pad(d.hour(), 2),
  H: (d) => String(d.hour()),
  hh: (d) => pad(h12(d), 2),
  h: (d) => String(h12(d)),
  kk: (d) => pad(d.hour() || 24, 2),
  k: (d) => String(d.hour() || 24),
  A: (d) => (d.hour() < 12 ? 'AM' : 'PM'),
  a: (d) => (d.hour() < 12 ? 'am' : 'pm'),
  mm: (d) => pad(d.minute(), 2),
  m: (d) => String(d.minute()),
  ss: (d) => pad(d.second(), 2),
  s: (d) => String(d.second()),
  ZZ: (d) => offset(d, false),
  Z: (d) => offset(d, true),
  X: (d) => String(Math.floor(d.valueOf() / 1000)),
  x: (d) => String(d.valueOf()),
};

const TOKEN_RE =
  /\[[^\]]*\]|S{1,9}|YYYYYY|YYYY|YY|Y|Qo|Q|MMMM|MMM|MM|Mo|M|DDDD|DDDo|DDD|DD|Do|D|dddd|ddd|dd|do|d|E|wo|ww|w|Wo|WW|W|gggg|gg|GGGG|GG|HH|H|hh|h|kk|k|A|a|mm|m|ss|s|ZZ|Z|X|x/g;

const cache = new Map<string, Render[]>();

function fraction(width: number): Render {
  return (d) => (pad(d.millisecond(), 3) + '000000').slice(0, width);
}

export function compileFormat(format: string): Render[] {
  let parts = cache.get(format);
  if (parts) return parts;
  parts = [];
  let last = 0;
  let literal = '';
  const flush = () => {
    if (literal) {
      const text = literal;
      parts!.push(() => text);
      literal = '';
    }
  };
  for (const m of format.matchAll(TOKEN_RE)) {
    literal += format.slice(last, m.index);
    last = m.index! + m[0].length;
    const tok = m[0];
    if (tok.startsWith('[')) {
      literal += tok.slice(1, -1);
      continue;
    }
    flush();
    parts.push(tok[0] === 'S' ? fraction(tok.length) : TOKENS[tok]);
  }
  literal += format.slice(last);
  flush();
  if (cache.size > 1000) cache.clear();
  cache.set(format, parts);
  return parts;
}

export function formatWith(d: Dayjs, format: string): string {
  const parts = compileFormat(format);
  let out = '';
  for (const p of parts) out += p(d);
  return out;
}
