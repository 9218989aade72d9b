/**
 * The shared date-text reader: every form of Make's type-coercion list (iml-functions.md §4.2) with
 * optional seconds and fraction, zone-less text in the caller's zone, and no impossible dates. The
 * IML's date functions, date parameters and date filters all read text through it.
 */
import { readByPatterns, readDateText } from '../../runtime/iml/date-text';
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

describe('the fast path for ISO-like text', () => {
  // readDateText reads `YYYY-MM-DD[THH:mm[:ss[.f]]][Z|±HH[[:]mm]]` without the patterns; it must read
  // every text exactly as the patterns do, malformed ones included (those go to the patterns).
  test('reads 20,000 generated texts, valid and not, as the patterns read them', () => {
    let seed = 23;
    const pick = <T>(list: readonly T[]): T => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return list[Math.floor(seed / 65536) % list.length];
    };
    const parts = {
      year: ['2024', '2023', '0000', '0099', '1900', '9999', '202', '20x4'],
      month: ['01', '02', '12', '13', '00', '1', '1a'],
      day: ['01', '15', '28', '29', '30', '31', '00', '5'],
      sep: ['T', 't', ' ', '', 'T', 'T', 'x'],
      hour: ['00', '09', '12', '23', '24', '25', '7', ''],
      minute: [':00', ':30', ':59', ':60', ':5', ''],
      second: ['', ':00', ':59', ':60', ':7'],
      fraction: ['', '', '.5', '.12', '.123', '.1234567', ',25', '.', '.x'],
      zone: [
        '',
        '',
        'Z',
        'z',
        '+02:00',
        '-05:30',
        '+0530',
        '-03',
        '+2',
        '+02:',
        'GMT+2',
        ' Z',
        'Zx',
        ' pm',
        '+02:00x',
      ],
    };
    const zones = ['UTC', 'Europe/Prague', 'America/New_York'];
    const at = (d: Date | undefined) => (d === undefined ? undefined : d.getTime());
    let fast = 0;
    for (let n = 0; n < 20_000; n++) {
      const text =
        `${pick(parts.year)}-${pick(parts.month)}-${pick(parts.day)}` +
        (pick([true, false, false])
          ? ''
          : `${pick(parts.sep)}${pick(parts.hour)}${pick(parts.minute)}${pick(parts.second)}${pick(parts.fraction)}${pick(parts.zone)}`);
      const tz = pick(zones);
      const got = readDateText(text, tz);
      if (got !== undefined) fast++;
      expect([text, tz, at(got)]).toEqual([text, tz, at(readByPatterns(text.trim(), tz))]);
    }
    // The generator reaches both valid and invalid texts.
    expect(fast).toBeGreaterThan(2_000);
    expect(fast).toBeLessThan(18_000);
  });
});
