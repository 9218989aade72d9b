/**
 * parseDate reads Moment's parsing tokens (iml-functions.md §8.2) with Moment's rules: forgiving
 * matching, invalid on overflow, missing parts from the frozen `now` in the evaluation zone, and a
 * clear failure for every Moment token it does not implement (never a silently wrong date).
 */
import { evaluate } from '../../runtime/iml';
import { seededRandom } from '../../sandbox/lib/random';
import { runTable, Row } from './table';

const d = (iso: string) => new Date(iso);
const now = '2030-06-15T12:00:00Z';
const parse = (text: string, format: string, out: string, name: string, tz?: string): Row => ({
  t: tz ? `{{parseDate("${text}"; "${format}"; "${tz}")}}` : `{{parseDate("${text}"; "${format}")}}`,
  out: d(out),
  name,
});
const fails = (text: string, format: string, err: string, name: string): Row => ({
  t: `{{parseDate("${text}"; "${format}")}}`,
  err,
  name,
});

const tokens: Row[] = [
  parse('16-12-28', 'YYYY-MM-DD', '2016-12-28T00:00:00Z', 'YYYY takes a 2-digit year'),
  parse('79-12-28', 'YYYY-MM-DD', '1979-12-28T00:00:00Z', 'YYYY: 2-digit years above 68 are 19xx'),
  parse('2016-12-28', 'YYYY-MM-DD', '2016-12-28T00:00:00Z', 'YYYY takes a 4-digit year'),
  parse('2016 363', 'YYYY DDD', '2016-12-28T00:00:00Z', 'DDD is the day of the year'),
  parse('2016 363', 'YYYY DDDD', '2016-12-28T00:00:00Z', 'DDDD is the day of the year'),
  parse('2015 365', 'YYYY DDD', '2015-12-31T00:00:00Z', 'DDD in a common year'),
  parse('2016 52 3', 'GGGG WW E', '2016-12-28T00:00:00Z', 'GGGG WW E is an ISO week date'),
  parse(
    '16 1',
    'GG W',
    '2016-01-04T00:00:00Z',
    'GG W: ISO week 1 starts on the Monday of the week of 4 January',
  ),
  parse('2015-W53-7', 'GGGG-[W]WW-E', '2016-01-03T00:00:00Z', 'ISO week 53 exists in 2015'),
  parse(
    '2016 52 3',
    'gggg ww e',
    '2016-12-21T00:00:00Z',
    'gggg ww e: locale weeks start on Sunday, week 1 holds 1 January',
  ),
  parse('2016 1 0', 'gggg w d', '2015-12-27T00:00:00Z', 'gggg w d: locale week 1 of 2016 starts in 2015'),
  parse('2030 10', 'GGGG W', '2030-03-04T00:00:00Z', 'an ISO week without a weekday is its Monday'),
  parse('2016-12-28 4:03 p', 'YYYY-MM-DD h:mm a', '2016-12-28T16:03:00Z', 'a accepts the one-letter p'),
  parse('2016-12-28 4:03 a', 'YYYY-MM-DD h:mm a', '2016-12-28T04:03:00Z', 'a accepts the one-letter a'),
  parse('2016-12-28 12:03 AM', 'YYYY-MM-DD hh:mm A', '2016-12-28T00:03:00Z', 'A: 12 AM is midnight'),
  parse('2016-12-28 12:03 PM', 'YYYY-MM-DD hh:mm A', '2016-12-28T12:03:00Z', 'A: 12 PM is noon'),
  parse('2016-12-28 16', 'YYYY-MM-DD kk', '2016-12-28T16:00:00Z', 'kk is the 1–24 hour'),
  parse(
    '2016-12-28 24:30',
    'YYYY-MM-DD kk:mm',
    '2016-12-28T00:30:00Z',
    'decision: kk 24 is the midnight starting the same day (Moment; formatDate kk writes 00:30 as 24:30)',
  ),
  parse(
    '2016-12-28 24:00',
    'YYYY-MM-DD HH:mm',
    '2016-12-29T00:00:00Z',
    'HH 24:00 is the midnight ending the day',
  ),
  parse(
    '2026-12-05T10:00:00.123456Z',
    'YYYY-MM-DDTHH:mm:ss.SSSSSSZ',
    '2026-12-05T10:00:00.123Z',
    'S… read a fraction of a second, to the millisecond',
  ),
  parse('10:00:00.3', 'HH:mm:ss.S', '2030-06-15T10:00:00.300Z', 'S: one digit is tenths'),
  parse('10:00:00.05', 'HH:mm:ss.SS', '2030-06-15T10:00:00.050Z', 'SS: two digits are hundredths'),
  parse('2016 3', 'YYYY Q', '2016-07-01T00:00:00Z', 'Q sets the first month of the quarter'),
  parse('Dec 5th, 2020', 'MMM Do, YYYY', '2020-12-05T00:00:00Z', 'MMM and Do'),
  parse('July 4, 2016', 'MMMM D, YYYY', '2016-07-04T00:00:00Z', 'MMMM tells July from June'),
  parse('4 may 2016', 'D MMM YYYY', '2016-05-04T00:00:00Z', 'MMM tells May from March, in any case'),
  parse('Sat, 2 Jan 2016', 'ddd, D MMM YYYY', '2016-01-02T00:00:00Z', 'ddd tells Saturday from Sunday'),
  parse('Wed, 28 Dec 2016', 'ddd, D MMM YYYY', '2016-12-28T00:00:00Z', 'a day name matching the date'),
  parse('12/28/2016', 'L', '2016-12-28T00:00:00Z', 'L is the English MM/DD/YYYY'),
  parse('December 28, 2016 4:03 PM', 'LLL', '2016-12-28T16:03:00Z', 'LLL is the English long date and time'),
  parse('1482940986.5', 'X', '2016-12-28T16:03:06.500Z', 'X takes fractional seconds'),
  parse('at 2016-12-28', '[at] YYYY-MM-DD', '2016-12-28T00:00:00Z', 'bracketed text is literal'),
  parse('2016 12 28', 'YYYY-MM-DD', '2016-12-28T00:00:00Z', 'missing literals are skipped, as in Moment'),
];

const invalid: Row[] = [
  fails(
    '2016-13-45',
    'YYYY-MM-DD',
    'is not a valid date for the format',
    'decision: overflow (month 13) is invalid, not rolled over',
  ),
  fails(
    '2016-02-30',
    'YYYY-MM-DD',
    'is not a valid date for the format',
    'overflow (30 February) is invalid',
  ),
  fails(
    '2016-02-28 25:00',
    'YYYY-MM-DD HH:mm',
    'is not a valid date for the format',
    'overflow (25:00) is invalid',
  ),
  fails(
    '2016-02-28 24:30',
    'YYYY-MM-DD HH:mm',
    'is not a valid date for the format',
    'only 24:00 exactly ends a day',
  ),
  fails(
    '2015 366',
    'YYYY DDD',
    'is not a valid date for the format',
    'overflow (day 366 of a common year) is invalid',
  ),
  fails(
    '2016-W53',
    'GGGG-[W]WW',
    'is not a valid date for the format',
    'overflow (ISO week 53 of 2016) is invalid',
  ),
  fails(
    '2016 52 8',
    'GGGG WW E',
    'is not a valid date for the format',
    'overflow (ISO weekday 8) is invalid',
  ),
  fails('2016 54', 'gggg ww', 'is not a valid date for the format', 'overflow (locale week 54) is invalid'),
  fails(
    '2016 52 7',
    'gggg ww e',
    'is not a valid date for the format',
    'overflow (locale weekday 7) is invalid',
  ),
  fails(
    'Thu, 28 Dec 2016',
    'ddd, D MMM YYYY',
    'is not a valid date for the format',
    'a day name contradicting the date is invalid',
  ),
  fails(
    '100000000000000000000',
    'x',
    'is not a valid date for the format',
    'an instant past the date range is invalid',
  ),
  fails(
    '99999999999999',
    'X',
    'is not a valid date for the format',
    'a Unix time past the date range is invalid',
  ),
  fails(
    'nonsense',
    'YYYY-MM-DD',
    'does not match the format "YYYY-MM-DD"',
    'text without any token is no date',
  ),
];

const unsupported: Row[] = [
  ['52nd', 'Wo', '"Wo"'],
  ['1st', 'Mo', '"Mo"'],
  ['3rd', 'Qo', '"Qo"'],
  ['CET', 'zz', '"zz"'],
  ['AD 2016', 'N YYYY', '"N"'],
  ['1630', 'Hmm', '"Hmm"'],
].map(([text, format, token]) =>
  fails(
    text,
    format,
    `parseDate: the format token ${token} is not supported`,
    `decision: unsupported token ${format} fails clearly`,
  ),
);

const clock: Row[] = [
  {
    t: '{{parseDate("14:30"; "HH:mm")}}',
    out: d('2020-01-05T14:30:00Z'),
    opts: { now: '2020-01-05T12:00:00Z' },
    name: 'decision: missing date parts come from the frozen now',
  },
  {
    t: '{{parseDate("14:30"; "HH:mm")}}',
    out: d('2020-01-06T00:30:00Z'),
    opts: { now: '2020-01-05T12:00:00Z', timezone: 'Pacific/Kiritimati' },
    name: 'decision: missing date parts are today in the evaluation zone (already 6 January at UTC+14)',
  },
  { t: '{{parseDate("15"; "D")}}', out: d('2030-06-15T00:00:00Z'), name: 'a day alone: this month and year' },
  { t: '{{parseDate("3"; "M")}}', out: d('2030-03-01T00:00:00Z'), name: 'a month alone: this year, the 1st' },
  { t: '{{parseDate("2019"; "YYYY")}}', out: d('2019-01-01T00:00:00Z'), name: 'a year alone: 1 January' },
  {
    t: '{{parseDate("Wed"; "ddd")}}',
    out: d('2030-06-12T00:00:00Z'),
    name: 'a day name alone is that day of this Sunday-first week (now is Saturday 15 June 2030)',
  },
  {
    t: '{{parseDate("2026-03-29 02:30"; "YYYY-MM-DD HH:mm"; "Europe/Prague")}}',
    out: d('2026-03-29T01:30:00Z'),
    name: 'decision: a time in the spring-forward gap moves forward (Moment Timezone)',
  },
  {
    t: '{{parseDate("2026-10-25 02:30"; "YYYY-MM-DD HH:mm"; "Europe/Prague")}}',
    out: d('2026-10-25T00:30:00Z'),
    name: 'decision: a time that occurs twice is the earlier one (Moment Timezone)',
  },
];

runTable('parseDate tokens', tokens, { dialect: 'scenario', opts: { now } });
runTable('parseDate validity', invalid, { dialect: 'scenario', opts: { now } });
runTable('parseDate unsupported tokens', unsupported, { dialect: 'scenario', opts: { now } });
runTable('parseDate clock and zone', clock, { dialect: 'scenario', opts: { now } });

// Whatever formatDate writes with a format that names the instant, parseDate reads back: every
// supported token against its formatting twin, on generated instants (two-digit years stay in
// 1969–2068), in zones with and without daylight saving.
describe('parseDate reads back what formatDate writes', () => {
  const rnd = seededRandom(20261125);
  const instants = Array.from(
    { length: 300 },
    () => new Date(Date.UTC(1970, 0, 1) + Math.floor(rnd() * 2.84e12)),
  );
  const anyZone = [
    'YYYY-MM-DDTHH:mm:ss.SSSZ',
    'GGGG-[W]WW-E HH:mm:ss.SSS ZZ',
    'YYYY DDDD hh:mm:ss.SSSSSS a Z',
    'dddd, MMMM Do YYYY, kk:mm:ss.SS Z',
    'ddd D MMM YY h:m:s.S A ZZ',
    'gggg-ww-e HH:mm:ss.SSS Z',
    'gg w d H:mm:ss.SSS Z',
    'x',
  ];
  const utcOnly = [
    'YYYY-MM-DD HH:mm:ss.SSS',
    'M/D/Y H:mm:ss.SSS',
    'GG W E HH:mm:ss.SSS',
    'YYYY DDD H:mm:ss.SSS',
  ];
  const cases: [string, string][] = [
    ...utcOnly.map((f): [string, string] => [f, 'UTC']),
    ...['UTC', 'Europe/Prague', 'America/New_York', 'Asia/Kolkata'].flatMap((tz) =>
      anyZone.map((f): [string, string] => [f, tz]),
    ),
  ];
  test.each(cases)('%s in %s', (format, timezone) => {
    // Formats with fewer than three fraction digits keep what they write.
    const digits = Math.min(3, (/S+/.exec(format)?.[0] ?? 'SSS').length);
    for (const instant of instants) {
      const kept = new Date(instant.getTime() - (instant.getTime() % 10 ** (3 - digits)));
      const text = evaluate('{{formatDate(d, f)}}', { d: kept, f: format }, { timezone });
      const back = evaluate('{{parseDate(t, f)}}', { t: text, f: format }, { timezone });
      expect([text, back]).toEqual([text, kept]);
    }
  });
});
