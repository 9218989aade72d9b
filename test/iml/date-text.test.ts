/**
 * The shared date-text reader: every form of Make's type-coercion list (iml-functions.md §4.2) with
 * optional seconds and fraction, zone-less text in the caller's zone, and no impossible dates. The
 * IML's date functions, date parameters and date filters all read text through it.
 */
import { readDateText } from '../../runtime/iml/date-text';
import { runTable, Row } from './table';

const iso = (text: string, tz = 'UTC') => readDateText(text, tz)?.toISOString();

describe('date text: the forms of Make’s coercion list', () => {
  // 17:26:44 UTC on 20 June 2016 (19:26:44 in Prague, CEST), written every documented way.
  const forms: [string, string][] = [
    ['2016-06-20T17:26:44.356Z', '2016-06-20T17:26:44.356Z'],
    ['2016-06-20 19:26:44 GMT+02:00', '2016-06-20T17:26:44.000Z'],
    ['2016-06-20 19:26+0200', '2016-06-20T17:26:00.000Z'],
    ['2016-06-20 17:26:44', '2016-06-20T17:26:44.000Z'],
    ['2016-06-20', '2016-06-20T00:00:00.000Z'],
    ['2016/06/20 17:26:44', '2016-06-20T17:26:44.000Z'],
    ['2016/06/20 19:26:44+02:00', '2016-06-20T17:26:44.000Z'],
    ['2016/06/20 17:26', '2016-06-20T17:26:00.000Z'],
    ['2016/06/20 5:26 PM', '2016-06-20T17:26:00.000Z'],
    ['2016/06/20', '2016-06-20T00:00:00.000Z'],
    ['06/20/2016 17:26:44', '2016-06-20T17:26:44.000Z'],
    ['06/20/2016 19:26:44+02:00', '2016-06-20T17:26:44.000Z'],
    ['06/20/2016 17:26', '2016-06-20T17:26:00.000Z'],
    ['06/20/2016 5:26 PM', '2016-06-20T17:26:00.000Z'],
    ['06/20/2016', '2016-06-20T00:00:00.000Z'],
    ['20.6.2016 17:26:44', '2016-06-20T17:26:44.000Z'],
    ['20.6.2016 19:26:44+02:00', '2016-06-20T17:26:44.000Z'],
    ['20.6.2016 17:26', '2016-06-20T17:26:00.000Z'],
    ['20.6.2016', '2016-06-20T00:00:00.000Z'],
  ];
  test.each(forms)('%s', (text, expected) => expect(iso(text)).toBe(expected));

  test('seconds and fraction are optional in every form', () => {
    expect(iso('2016-06-20T17:26:44')).toBe('2016-06-20T17:26:44.000Z');
    expect(iso('2016-06-20T17:26')).toBe('2016-06-20T17:26:00.000Z');
    expect(iso('2016-06-20 17:26:44.3')).toBe('2016-06-20T17:26:44.300Z');
    expect(iso('2016-06-20T17:26:44.123456Z')).toBe('2016-06-20T17:26:44.123Z');
    expect(iso('20.6.2016 5:26:44.5 pm')).toBe('2016-06-20T17:26:44.500Z');
  });

  test('text without an offset is wall-clock time in the given zone', () => {
    expect(iso('2016-06-20 19:26:44', 'Europe/Prague')).toBe('2016-06-20T17:26:44.000Z');
    expect(iso('20.1.2016', 'Europe/Prague')).toBe('2016-01-19T23:00:00.000Z');
    expect(iso('06/20/2016 5:26 PM', 'America/New_York')).toBe('2016-06-20T21:26:00.000Z');
    expect(iso('2016-06-20T17:26:44Z', 'Europe/Prague')).toBe('2016-06-20T17:26:44.000Z');
  });

  test('text that names its zone the JavaScript way is read too', () => {
    expect(iso('Mon, 20 Jun 2016 17:26:44 GMT')).toBe('2016-06-20T17:26:44.000Z');
    expect(iso('Mon Jun 20 2016 19:26:44 GMT+0200 (Central European Summer Time)')).toBe(
      '2016-06-20T17:26:44.000Z',
    );
  });

  test('text longer than any date form is no date, however it ends', () => {
    expect(iso(`${'Z('.repeat(50_000)}2016-06-20 GMT`)).toBeUndefined();
  });

  test('impossible dates and other text are no date', () => {
    for (const text of [
      '2016-02-30',
      '13/20/2016',
      '20.13.2016',
      '2016-06-20 25:00',
      '2016/06/20 13:00 PM',
      'yesterday',
      '17:26',
      '',
    ])
      expect([text, iso(text)]).toEqual([text, undefined]);
  });
});

const coercion: Row[] = [
  ...[
    ['2016-06-20 17:26:44', '2016-06-21T17:26:44Z'],
    ['2016-06-20T17:26:44', '2016-06-21T17:26:44Z'],
    ['2016-06-20T17:26', '2016-06-21T17:26:00Z'],
    ['2016-06-20 17:26:44.3', '2016-06-21T17:26:44.300Z'],
  ].map(([text, out]) => ({
    t: `{{addDays("${text}"; 1)}}`,
    out: new Date(out),
    name: `IML date functions read ${text}`,
  })),
  {
    t: '{{addDays("2016-06-20 17:26:44"; 1)}}',
    out: new Date('2016-06-21T15:26:44Z'),
    opts: { timezone: 'Europe/Prague' },
    name: 'IML date functions read zone-less text in the evaluation zone',
  },
];

runTable('date text in IML date functions', coercion, { dialect: 'scenario' });
