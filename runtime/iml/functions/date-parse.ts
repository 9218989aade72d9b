/**
 * A fast path for parsing UTC wall-clock text by a format of numeric tokens: the same algorithm as
 * dayjs' customParseFormat (its token table, its unanchored matches, its way of consuming the input,
 * its defaults and its Date.UTC call), with the format's parser built once per format instead of on
 * every call. Formats with tokens it does not handle (meridiem, ordinals, month names, weeks,
 * quarters, escapes, localized formats) get no parser, and the caller uses dayjs itself.
 * test/iml/date-parse.test.ts compares the two on generated inputs.
 */

/** Fields one parse collects (named as dayjs names them). */
interface Parsed {
  year?: number;
  month?: number;
  day?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  milliseconds?: number;
  offset?: number;
}

type Setter = (time: Parsed, value: string) => void;

const match2 = /\d\d/;
const match3 = /\d{3}/;
const match4 = /\d{4}/;
const match1 = /\d/;
const match1to2 = /\d\d?/;
const matchSigned = /[+-]?\d+/;
const matchOffset = /[+-]\d\d:?(\d\d)?|Z/;

// Same alternation and order as dayjs, so a format splits into the same tokens.
const FORMATTING_TOKENS =
  /(\[[^[]*\])|([-_:/.,()\s]+)|(A|a|Q|YYYY|YY?|ww?|MM?M?M?|Do|DD?|hh?|HH?|mm?|ss?|S{1,3}|z|ZZ?)/g;

/** dayjs parses these through the locale or other plugins: no fast path for a format using them. */
const UNSUPPORTED = new Set(['A', 'a', 'Q', 'Do', 'MMM', 'MMMM', 'w', 'ww']);

const set =
  (field: keyof Parsed): Setter =>
  (time, value) => {
    time[field] = +value;
  };

function offsetMinutes(text: string): number {
  if (text === 'Z') return 0;
  const parts = text.match(/([+-]|\d\d)/g) as string[];
  const minutes = +parts[1] * 60 + (+parts[2] || 0);
  return minutes === 0 ? 0 : parts[0] === '+' ? -minutes : minutes;
}

const TOKENS: Record<string, [RegExp, Setter]> = {
  S: [match1, (t, v) => (t.milliseconds = +v * 100)],
  SS: [match2, (t, v) => (t.milliseconds = +v * 10)],
  SSS: [match3, set('milliseconds')],
  s: [match1to2, set('seconds')],
  ss: [match1to2, set('seconds')],
  m: [match1to2, set('minutes')],
  mm: [match1to2, set('minutes')],
  H: [match1to2, set('hours')],
  h: [match1to2, set('hours')],
  HH: [match1to2, set('hours')],
  hh: [match1to2, set('hours')],
  D: [match1to2, set('day')],
  DD: [match2, set('day')],
  M: [match1to2, set('month')],
  MM: [match2, set('month')],
  Y: [matchSigned, set('year')],
  YY: [match2, (t, v) => (t.year = +v + (+v > 68 ? 1900 : 2000))],
  YYYY: [match4, set('year')],
  Z: [matchOffset, (t, v) => (t.offset = offsetMinutes(v))],
  ZZ: [matchOffset, (t, v) => (t.offset = offsetMinutes(v))],
};

/** A literal's length (skipped, not checked, as dayjs does), or a token to match. */
type Step = number | [RegExp, Setter];

export type UtcParser = (input: string) => Date;

const parsers = new Map<string, UtcParser | null>();
const MAX_CACHED_FORMATS = 512;

/** The parser for `format`, or undefined when dayjs must parse it. */
export function utcParser(format: string): UtcParser | undefined {
  let parser = parsers.get(format);
  if (parser === undefined) {
    parser = build(format);
    if (parsers.size >= MAX_CACHED_FORMATS) parsers.clear();
    parsers.set(format, parser);
  }
  return parser ?? undefined;
}

function build(format: string): UtcParser | null {
  // Brackets and L/l would go through dayjs' localized-format expansion first.
  if (/[[\]Ll]/.test(format) || format === 'x' || format === 'X') return null;
  const tokens = format.match(FORMATTING_TOKENS);
  if (!tokens) return null; // dayjs fails on a format without tokens; keep its answer
  const steps: Step[] = [];
  for (const token of tokens) {
    if (UNSUPPORTED.has(token)) return null;
    steps.push(TOKENS[token] ?? token.length);
  }
  return (text) => parse(steps, text);
}

function parse(steps: Step[], text: string): Date {
  const time: Parsed = {};
  let input = text;
  let start = 0;
  for (const step of steps) {
    if (typeof step === 'number') {
      start += step;
      continue;
    }
    const match = step[0].exec(input.slice(start));
    if (!match) return new Date(NaN);
    step[1](time, match[0]);
    input = input.replace(match[0], '');
  }
  return toUtcDate(time);
}

/** dayjs' defaults for missing fields (today's date, this year, January when only a year is given). */
function toUtcDate({ year, month, day, hours, minutes, seconds, milliseconds, offset }: Parsed): Date {
  const now = day && year && month ? undefined : new Date();
  const d = day || (!year && !month ? now!.getDate() : 1);
  const y = year || now!.getFullYear();
  const M = year && !month ? 0 : (month as number) > 0 ? (month as number) - 1 : now!.getMonth();
  const ms = (milliseconds || 0) + (offset !== undefined ? offset * 60 * 1000 : 0);
  return new Date(Date.UTC(y, M, d, hours || 0, minutes || 0, seconds || 0, ms));
}
