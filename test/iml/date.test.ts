/** Date and time functions (iml-functions.md §8): documented examples with doc errors corrected. */
import { evaluate } from '../../runtime/iml';
import { runTable, Row } from './table';

const d = (iso: string) => new Date(iso);
const prague = { timezone: 'Europe/Prague' };
const created = {
  1: {
    created: new Date('2018-10-01T07:32:00Z'),
    date: '2018-06-15T10:00:00Z',
    dow: 1,
    n: 2,
    a: new Date('2020-01-01T00:00:00Z'),
    b: new Date('2020-01-11T00:00:00Z'),
  },
};

const documented: Row[] = [
  { t: '{{formatDate(1.created; MM/DD/YYYY )}}', out: '10/01/2018', opts: prague },
  { t: '{{formatDate(1.created; YYYY-MM-DD hh:mm A )}}', out: '2018-10-01 09:32 AM', opts: prague },
  { t: '{{formatDate(1.created; DD.MM.YYYY HH:mm ; UTC )}}', out: '01.10.2018 07:32', opts: prague },
  {
    t: '{{formatDate(now;DD.MM.YYYY HH:mm)}}',
    out: '19.03.2019 15:30',
    opts: { ...prague, now: '2019-03-19T14:30:00Z' },
  },
  { t: '{{parseDate( 2016-12-28 ; YYYY-MM-DD )}}', out: d('2016-12-28T00:00:00.000Z') },
  { t: '{{parseDate( 2016-12-28 16:03 ; YYYY-MM-DD HH:mm )}}', out: d('2016-12-28T16:03:00.000Z') },
  {
    t: '{{parseDate( 2016-12-28 04:03 pm ; YYYY-MM-DD hh:mm a )}}',
    out: d('2016-12-28T16:03:00.000Z'),
    name: 'parseDate with pm — doc error corrected',
  },
  { t: '{{parseDate( 1482940986 ; X )}}', out: d('2016-12-28T16:03:06.000Z') },
  { t: '{{addDays( 2016-12-08T15:55:57.536Z ; 2 )}}', out: d('2016-12-10T15:55:57.536Z') },
  { t: '{{addDays( 2016-12-08T15:55:57.536Z ; -2 )}}', out: d('2016-12-06T15:55:57.536Z') },
  { t: '{{addHours( 2016-12-08T15:55:57.536Z ; 2 )}}', out: d('2016-12-08T17:55:57.536Z') },
  { t: '{{addHours( 2016-12-08T15:55:57.536Z ; -2 )}}', out: d('2016-12-08T13:55:57.536Z') },
  { t: '{{addMinutes( 2016-12-08T15:55:57.536Z ; 2 )}}', out: d('2016-12-08T15:57:57.536Z') },
  { t: '{{addMinutes( 2016-12-08T15:55:57.536Z ; -2 )}}', out: d('2016-12-08T15:53:57.536Z') },
  { t: '{{addMonths( 2016-10-08T15:55:57.536Z ; 2 )}}', out: d('2016-12-08T15:55:57.536Z') },
  { t: '{{addMonths( 2016-10-08T15:55:57.536Z ; -2 )}}', out: d('2016-08-08T15:55:57.536Z') },
  { t: '{{addMonths(2016-08-08T15:55:57.536Z;2)}}', out: d('2016-10-08T15:55:57.536Z') },
  { t: '{{addMonths(2016-08-08T15:55:57.536Z;-2)}}', out: d('2016-06-08T15:55:57.536Z') },
  { t: '{{addSeconds(2016-12-08T15:55:57.536Z;2)}}', out: d('2016-12-08T15:55:59.536Z') },
  { t: '{{addSeconds(2016-12-08T15:55:57.536Z;-2)}}', out: d('2016-12-08T15:55:55.536Z') },
  { t: '{{addYears( 2016-12-08T15:55:57.536Z ; 2 )}}', out: d('2018-12-08T15:55:57.536Z') },
  { t: '{{addYears( 2016-12-08T15:55:57.536Z ; -2 )}}', out: d('2014-12-08T15:55:57.536Z') },
  { t: '{{addYears(2016-08-08T15:55:57.536Z;2)}}', out: d('2018-08-08T15:55:57.536Z') },
  { t: '{{setSecond( 2015-10-07T11:36:39.138Z ; 10 )}}', out: d('2015-10-07T11:36:10.138Z') },
  { t: '{{setSecond( 2015-10-07T11:36:39.138Z ; 61 )}}', out: d('2015-10-07T11:37:01.138Z') },
  { t: '{{setMinute( 2015-10-07T11:36:39.138Z ; 10 )}}', out: d('2015-10-07T11:10:39.138Z') },
  { t: '{{setMinute( 2015-10-07T11:36:39.138Z ; 61 )}}', out: d('2015-10-07T12:01:39.138Z') },
  { t: '{{setHour(2015-08-07T11:36:39.138Z;6)}}', out: d('2015-08-07T06:36:39.138Z') },
  { t: '{{setHour(2015-08-07T11:36:39.138Z;-6)}}', out: d('2015-08-06T18:36:39.138Z') },
  { t: '{{setDay( 2018-06-27T11:36:39.138Z ; monday )}}', out: d('2018-06-25T11:36:39.138Z') },
  { t: '{{setDay( 2018-06-27T11:36:39.138Z ; Monday )}}', out: d('2018-06-25T11:36:39.138Z') },
  { t: '{{setDay( 2018-06-27T11:36:39.138Z ; 1 )}}', out: d('2018-06-24T11:36:39.138Z') },
  { t: '{{setDay( 2018-06-27T11:36:39.138Z ; 7 )}}', out: d('2018-06-30T11:36:39.138Z') },
  {
    t: '{{setDay( 2018-06-27T11:36:39.138Z ; 8 )}}',
    out: d('2018-07-01T11:36:39.138Z'),
    name: 'setDay beyond 7 moves into the next week',
  },
  { t: '{{setDate( 2015-08-07T11:36:39.138Z ; 5 )}}', out: d('2015-08-05T11:36:39.138Z') },
  { t: '{{setDate( 2015-08-07T11:36:39.138Z ; 32 )}}', out: d('2015-09-01T11:36:39.138Z') },
  { t: '{{setMonth( 2015-08-07T11:36:39.138Z ; 5 )}}', out: d('2015-05-07T11:36:39.138Z') },
  { t: '{{setMonth( 2015-08-07T11:36:39.138Z ; 17 )}}', out: d('2016-05-07T11:36:39.138Z') },
  {
    t: '{{setMonth( 2015-08-07T11:36:39.138Z ; january )}}',
    out: d('2015-01-07T12:36:39.138Z'),
    opts: prague,
    name: 'setMonth keeps the Prague wall clock across DST',
  },
  {
    t: '{{setMonth( 2015-08-07T11:36:39.138Z ; january )}}',
    out: d('2015-01-07T11:36:39.138Z'),
    name: 'setMonth in UTC',
  },
  { t: '{{setYear( 2015-08-07T11:36:39.138Z ; 2017 )}}', out: d('2017-08-07T11:36:39.138Z') },
  {
    t: '{{addDays(setDate(now; 1); -1)}}',
    out: d('2019-02-28T10:00:00.000Z'),
    opts: { now: '2019-03-19T10:00:00Z' },
    name: 'last day of the previous month',
  },
  {
    t: '{{parseDate(parseDate(formatDate(now; "YYYYMM01"); "YYYYMMDD"; "UTC") - 1; "x")}}',
    out: d('2019-02-28T23:59:59.999Z'),
    opts: { now: '2019-03-19T10:00:00Z' },
    name: 'last millisecond of the previous month',
  },
  { t: '{{round((1.b - 1.a) / 1000 / 60 / 60 / 24)}}', out: 10, ctx: created, name: 'days between dates' },
  {
    t: '{{formatDate(addDays(setDate(1.date; 1); "-" + 1.dow); "E")}}',
    out: '4',
    ctx: created,
    name: 'n-th weekday recipe step',
  },
];

const tokens: Row[] = [
  ['YY', '18'],
  ['YYYY', '2018'],
  ['Y', '2018'],
  ['Q', '4'],
  ['Qo', '4th'],
  ['M', '10'],
  ['Mo', '10th'],
  ['MM', '10'],
  ['MMM', 'Oct'],
  ['MMMM', 'October'],
  ['D', '1'],
  ['Do', '1st'],
  ['DD', '01'],
  ['DDD', '274'],
  ['DDDo', '274th'],
  ['DDDD', '274'],
  ['d', '1'],
  ['do', '1st'],
  ['dd', 'Mo'],
  ['ddd', 'Mon'],
  ['dddd', 'Monday'],
  ['E', '1'],
  ['e', '1'],
  ['w', '40'],
  ['wo', '40th'],
  ['ww', '40'],
  ['W', '40'],
  ['Wo', '40th'],
  ['WW', '40'],
  ['gg', '18'],
  ['gggg', '2018'],
  ['GG', '18'],
  ['GGGG', '2018'],
  ['H', '7'],
  ['HH', '07'],
  ['h', '7'],
  ['hh', '07'],
  ['k', '7'],
  ['kk', '07'],
  ['A', 'AM'],
  ['a', 'am'],
  ['m', '32'],
  ['mm', '32'],
  ['s', '5'],
  ['ss', '05'],
  ['S', '0'],
  ['SS', '04'],
  ['SSS', '045'],
  ['SSSS', '0450'],
  ['Z', '+00:00'],
  ['ZZ', '+0000'],
  ['X', '1538379125'],
  ['x', '1538379125045'],
  ['[Week] W [of] GGGG', 'Week 40 of 2018'],
  ['YYYY-MM-DDTHH:mm:ssZ', '2018-10-01T07:32:05+00:00'],
  ['L', '10/01/2018'],
  ['LLLL', 'Monday, October 1, 2018 7:32 AM'],
  ['[L] L', 'L 10/01/2018'],
  ['\\Y YYYY', 'Y 2018'],
].map(([format, out]) => ({ t: `{{formatDate(when, '${format}')}}`, out, name: `format token ${format}` }));

const app: Row[] = [
  ...tokens,
  { t: "{{formatDate(when, 'HH:mm Z', 'Asia/Kolkata')}}", out: '13:02 +05:30' },
  { t: "{{formatDate(when, 'HH:mm', 'Not/AZone')}}", out: '07:32', name: 'an unknown zone is ignored' },
  {
    t: "{{formatDate('2018-10-01', 'YYYY-MM-DD HH:mm')}}",
    out: '2018-10-01 00:00',
    name: 'text coerced to a date',
  },
  { t: "{{formatDate('2016/06/20 5:26 PM', 'HH:mm')}}", out: '17:26' },
  { t: "{{formatDate('06/20/2016 17:26', 'YYYY-MM-DD HH:mm')}}", out: '2016-06-20 17:26' },
  { t: "{{formatDate('20.6.2016', 'YYYY-MM-DD')}}", out: '2016-06-20' },
  { t: "{{formatDate('2016-06-20 19:26:44 GMT+02:00', 'HH:mm')}}", out: '17:26' },
  { t: "{{formatDate('2016-06-20 19:26+0200', 'HH:mm')}}", out: '17:26' },
  { t: "{{formatDate('2016-06-20 17:26', 'x', 'UTC')}}", out: String(Date.UTC(2016, 5, 20, 17, 26)) },
  {
    t: "{{formatDate('2016-06-20 17:26', 'HH:mm Z')}}",
    out: '17:26 +02:00',
    opts: prague,
    name: 'zone-less text reads in the evaluation zone',
  },
  { t: '{{formatDate(1538379125045, "YYYY")}}', out: '2018', name: 'a number is epoch milliseconds' },
  { t: "{{formatDate('yesterday', 'YYYY')}}", err: 'formatDate: cannot read text "yesterday" as a date' },
  { t: '{{formatDate(missing, "YYYY")}}', out: undefined, name: 'empty in, empty out' },
  {
    t: "{{parseDate('28.12.2016 16:03', 'DD.MM.YYYY HH:mm', 'Europe/Prague')}}",
    out: d('2016-12-28T15:03:00Z'),
  },
  {
    t: "{{parseDate('2016-12-28 16:03', 'YYYY-MM-DD HH:mm')}}",
    out: d('2016-12-28T15:03:00Z'),
    opts: prague,
    name: 'parseDate default zone is the evaluation zone',
  },
  { t: "{{parseDate('1410715640579', 'x')}}", out: d('2014-09-14T17:27:20.579Z') },
  { t: "{{parseDate('2016-12-28T16:03:00+02:00', 'YYYY-MM-DDTHH:mm:ssZ')}}", out: d('2016-12-28T14:03:00Z') },
  { t: "{{parseDate('December 5, 2020', 'MMMM D, YYYY')}}", out: d('2020-12-05T00:00:00Z') },
  {
    t: "{{parseDate('nonsense', 'YYYY-MM-DD')}}",
    err: 'parseDate: "nonsense" does not match the format "YYYY-MM-DD"',
  },
  {
    t: "{{addMonths('2021-01-31T00:00:00Z', 1)}}",
    out: d('2021-02-28T00:00:00Z'),
    name: 'decision: month-end overflow clamps to the last day',
  },
  {
    t: "{{addDays('2021-03-27T12:00:00Z', 1)}}",
    out: d('2021-03-28T11:00:00Z'),
    opts: prague,
    name: 'addDays keeps the wall clock across DST',
  },
  {
    t: "{{addHours('2021-03-28T00:30:00Z', 1)}}",
    out: d('2021-03-28T01:30:00Z'),
    opts: prague,
    name: 'addHours is absolute time',
  },
  { t: "{{addDays(when, '-3')}}", out: d('2018-09-28T07:32:05.045Z'), name: 'a numeric text amount' },
  { t: "{{addDays(when, 'x')}}", err: 'addDays: number must be a number' },
  {
    t: '{{now - when > 0}}',
    out: true,
    opts: { now: '2020-01-01T00:00:00Z' },
    name: 'date − date is milliseconds',
  },
  { t: '{{when + 1}}', out: 1538379125046, name: 'decision: date + number is milliseconds' },
  { t: "{{'at ' + when}}", out: 'at 2018-10-01T07:32:05.045Z', name: 'text + date is ISO text' },
  {
    t: '{{when == parseDate("2018-10-01T07:32:05.045Z", "YYYY-MM-DDTHH:mm:ss.SSSZ")}}',
    out: true,
    name: 'dates compare by instant',
  },
];

runTable('date functions, documented examples (scenario dialect)', documented, {
  dialect: 'scenario',
  ctx: created,
});
// Issue 16: `[` without a closing `]` made the format tokenizer rescan to the end from each one.
runTable(
  'date functions, hostile format',
  [
    {
      t: '{{formatDate(when, f)}}',
      out: `2018${'['.repeat(300_000)}`,
      ctx: { when: new Date('2018-10-01T07:32:05.045Z'), f: `YYYY${'['.repeat(300_000)}` },
      name: 'a format of 300,000 unclosed “[”',
    },
    {
      t: "{{formatDate(when, '[Y]YYYY[[Q]Q')}}",
      out: 'Y2018[Q4',
      ctx: { when: new Date('2018-10-01T07:32:05.045Z') },
      name: 'brackets before the last “]” still escape',
    },
  ],
  { dialect: 'app', ctx: {} },
);

runTable('date functions, app dialect', app, {
  dialect: 'app',
  ctx: { when: new Date('2018-10-01T07:32:05.045Z') },
});

const arithmetic: Row[] = [
  {
    t: '{{addDays(d, 2.5)}}',
    out: d('2016-12-11T15:55:57.536Z'),
    name: 'decision: addDays rounds 2.5 up (Moment)',
  },
  {
    t: '{{addDays(d, -2.5)}}',
    out: d('2016-12-05T15:55:57.536Z'),
    name: 'decision: addDays rounds −2.5 away from zero',
  },
  {
    t: '{{addMonths(d, 1.5)}}',
    out: d('2017-02-08T15:55:57.536Z'),
    name: 'decision: addMonths rounds 1.5 to 2 (Moment)',
  },
  {
    t: '{{addMonths(d, -0.5)}}',
    out: d('2016-11-08T15:55:57.536Z'),
    name: 'decision: addMonths rounds −0.5 to −1',
  },
  {
    t: '{{addMonths(d, 1.4)}}',
    out: d('2017-01-08T15:55:57.536Z'),
    name: 'decision: addMonths rounds 1.4 to 1',
  },
  {
    t: '{{addYears(d, 1.5)}}',
    out: d('2018-06-08T15:55:57.536Z'),
    name: 'decision: addYears(1.5) adds 18 months',
  },
  {
    t: '{{addYears(d, 0.3)}}',
    out: d('2017-04-08T15:55:57.536Z'),
    name: 'decision: addYears(0.3) adds 4 months',
  },
  { t: '{{addHours(d, 1.5)}}', out: d('2016-12-08T17:25:57.536Z'), name: 'addHours adds fractions exactly' },
  {
    t: '{{setHour("2026-03-29T00:30:00Z", 2)}}',
    out: d('2026-03-29T01:30:00Z'),
    opts: { timezone: 'Europe/Prague' },
    name: 'decision: setHour into the spring-forward gap moves forward (02:30 → 03:30 CEST)',
  },
  {
    t: '{{setSecond("2026-10-25T01:30:00Z", 10)}}',
    out: d('2026-10-25T01:30:10Z'),
    opts: { timezone: 'Europe/Prague' },
    name: 'decision: a set* in the repeated hour keeps the date’s own offset',
  },
  {
    t: '{{addDays("2026-10-24T00:30:00Z", 1)}}',
    out: d('2026-10-25T00:30:00Z'),
    opts: { timezone: 'Europe/Prague' },
    name: 'addDays onto the repeated hour keeps the date’s offset (02:30 CEST)',
  },
  {
    t: '{{addDays(d, 1e9)}}',
    err: 'addDays: the result is not a valid date',
    opts: { timezone: 'Europe/Prague' },
    name: 'a result past the date range fails',
  },
  {
    t: '{{setYear(d, 300000)}}',
    err: 'setYear: the result is not a valid date',
    name: 'setYear past the date range fails',
  },
  {
    t: '{{setYear("2016-02-29T10:00:00Z", 2017)}}',
    out: d('2017-02-28T10:00:00Z'),
    name: 'setYear from 29 February clamps to 28 February',
  },
];

runTable('date arithmetic, Moment rules', arithmetic, {
  dialect: 'app',
  ctx: { d: new Date('2016-12-08T15:55:57.536Z') },
});

// In UTC, addSeconds … addDays are arithmetic on the instant; they must agree with the wall-clock
// path every other zone takes (Etc/GMT is UTC read through Intl), amount rounding included.
describe('add* in UTC agree with the wall-clock path', () => {
  const dates = [
    '2016-12-08T15:55:57.536Z',
    '2020-02-28T23:59:59.999Z',
    '2019-12-31T12:00:00.000Z',
    '1969-12-31T23:59:59.001Z',
    '2024-03-31T01:30:00.000Z',
  ];
  const amounts = [0, 1, -1, 2.5, -2.5, 0.4, -0.6, 59.99, 1000, -400, 36500];
  const fns = ['addSeconds', 'addMinutes', 'addHours', 'addDays', 'addMonths', 'addYears'];
  test.each(fns)('%s', (fn) => {
    for (const iso of dates)
      for (const n of amounts) {
        const ctx = { d: new Date(iso), n };
        const viaIntl = evaluate(`{{${fn}(d, n)}}`, ctx, { timezone: 'Etc/GMT' });
        expect([iso, n, evaluate(`{{${fn}(d, n)}}`, ctx)]).toEqual([iso, n, viaIntl]);
      }
  });
});

// The host's zone must never show through (the runner is run with TZ=UTC, Pacific/Kiritimati and
// America/New_York too). 02:30 in Prague on 8 March 2026 does not exist in New York, where the
// clocks jump that night: read through the host's clock, it became 03:30.
describe('date functions ignore the host’s time zone', () => {
  const hostZone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'America/New_York';
  });
  afterAll(() => {
    if (hostZone === undefined) delete process.env.TZ;
    else process.env.TZ = hostZone;
  });

  test('formatDate in a zone whose wall time the host skips', () => {
    const d = new Date('2026-03-08T01:30:00Z');
    expect(evaluate('{{formatDate(d, "YYYY-MM-DD HH:mm Z", "Europe/Prague")}}', { d })).toBe(
      '2026-03-08 02:30 +01:00',
    );
  });

  test('formatDate week tokens near midnight in a zone ahead of UTC', () => {
    // 23:34 UTC on Saturday 18 October 2036 is already Sunday in Prague: ISO week 42, day 7.
    const d = new Date('2036-10-18T23:34:58Z');
    expect(evaluate('{{formatDate(d, "GGGG-[W]WW-E")}}', { d }, { timezone: 'Europe/Prague' })).toBe(
      '2036-W42-7',
    );
  });

  test('parseDate and addDays in a zone whose wall time the host skips', () => {
    const opts = { timezone: 'Europe/Prague' };
    expect(evaluate('{{parseDate("2026-03-08 02:30", "YYYY-MM-DD HH:mm")}}', {}, opts)).toEqual(
      new Date('2026-03-08T01:30:00Z'),
    );
    expect(evaluate('{{addDays("2026-03-07 02:30", 1)}}', {}, opts)).toEqual(
      new Date('2026-03-08T01:30:00Z'),
    );
  });
});
