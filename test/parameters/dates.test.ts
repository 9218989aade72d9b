/**
 * Date parameters (make-format.md §5.3, iml-functions.md §4.2): every documented text form becomes
 * UTC ISO with milliseconds, zone-less text is read in the scenario's timezone, the keywords `now` and
 * `timestamp` are the current time, and numbers follow the decision in docs/decisions.md (Engine).
 */
import { prepareParameters, toIsoDate } from '../../runtime/parameters';
import type { ParameterSpec } from '../../runtime/types/app';

const prague = { timezone: 'Europe/Prague' };

describe('date parameters read the forms of Make’s coercion list', () => {
  const forms: [string, string][] = [
    ['2016-06-20 19:26:44 GMT+02:00', '2016-06-20T17:26:44.000Z'],
    ['2016/06/20 17:26:44', '2016-06-20T17:26:44.000Z'],
    ['06/20/2016 5:26 PM', '2016-06-20T17:26:00.000Z'],
    ['20.6.2016', '2016-06-20T00:00:00.000Z'],
    ['20.6.2016 17:26:44', '2016-06-20T17:26:44.000Z'],
    ['2016-06-20 19:26+0200', '2016-06-20T17:26:00.000Z'],
    ['2016/06/20 5:26 PM', '2016-06-20T17:26:00.000Z'],
    ['2016-06-20T17:26:44.356Z', '2016-06-20T17:26:44.356Z'],
  ];
  test.each(forms)('%s', (text, expected) => expect(toIsoDate(text)).toBe(expected));

  test('zone-less text is wall-clock time in the scenario’s timezone', () => {
    expect(toIsoDate('20.6.2016 17:26:44', prague)).toBe('2016-06-20T15:26:44.000Z');
    expect(toIsoDate('06/20/2016 5:26 PM', prague)).toBe('2016-06-20T15:26:00.000Z');
    expect(toIsoDate('2016-06-20 19:26:44 GMT+02:00', prague)).toBe('2016-06-20T17:26:44.000Z');
  });

  test('a prepared date parameter is sent as UTC ISO', () => {
    const specs = [{ name: 'd', type: 'date' }] as ParameterSpec[];
    expect(prepareParameters({}, specs, { d: '2016/06/20 17:26:44' }, prague)).toEqual({
      d: '2016-06-20T15:26:44.000Z',
    });
  });

  test('impossible dates are no date', () => {
    for (const text of ['2016-02-30', '31.6.2016', '06/20/2016 13:00 PM', 'soon'])
      expect([text, toIsoDate(text)]).toEqual([text, undefined]);
  });
});

describe('date parameter keywords and numbers', () => {
  const now = new Date('2025-01-02T03:04:05.678Z');

  test('decision: the keywords now and timestamp, as text, are the current time', () => {
    expect(toIsoDate('now', { now })).toBe('2025-01-02T03:04:05.678Z');
    expect(toIsoDate('timestamp', { now })).toBe('2025-01-02T03:04:05.678Z');
    expect(toIsoDate(' NOW ', { now })).toBe('2025-01-02T03:04:05.678Z');
  });

  test('decision: numbers below 10^11 are Unix seconds (the timestamp keyword), larger ones milliseconds', () => {
    expect(toIsoDate(1700000000)).toBe('2023-11-14T22:13:20.000Z');
    expect(toIsoDate(1700000000123)).toBe('2023-11-14T22:13:20.123Z');
    expect(toIsoDate('1700000000')).toBe('2023-11-14T22:13:20.000Z');
  });

  test('a number beyond the representable dates is no date', () => {
    expect(toIsoDate(1e20)).toBeUndefined();
  });
});
