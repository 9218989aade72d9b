/**
 * The date-time format with its fast answer for Date#toISOString text (runtime/parameters/
 * date-time-format.ts) answers exactly as ajv-formats' full date-time check, on canonical texts and on
 * every near miss around them.
 */
import { fullFormats } from 'ajv-formats/dist/formats';
import { dateTimeFormat, isDateTimeText } from '../../runtime/parameters/date-time-format';

const full = (fullFormats['date-time'] as { validate: (s: string) => boolean }).validate;

test('canonical texts and their near misses get ajv-formats’ own answer', () => {
  let seed = 7;
  const pick = <T>(list: readonly T[]): T => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return list[Math.floor(seed / 65536) % list.length];
  };
  const parts = {
    year: ['2024', '2023', '2000', '1900', '0000', '9999', '202'],
    month: ['01', '02', '04', '12', '00', '13', '1'],
    day: ['01', '28', '29', '30', '31', '32', '00'],
    sep: ['T', 'T', 't', ' ', 'x'],
    hour: ['00', '09', '23', '24'],
    minute: ['00', '59', '60'],
    second: ['00', '59', '60', '61'],
    fraction: ['.000', '.123', '.999', '.12', '.1234', '', '.x23'],
    zone: ['Z', 'Z', 'z', '+00:00', '-05:30', '', 'Zx'],
  };
  let accepted = 0;
  for (let n = 0; n < 20_000; n++) {
    const text = `${pick(parts.year)}-${pick(parts.month)}-${pick(parts.day)}${pick(parts.sep)}${pick(parts.hour)}:${pick(parts.minute)}:${pick(parts.second)}${pick(parts.fraction)}${pick(parts.zone)}`;
    const answer = isDateTimeText(text);
    if (answer) accepted++;
    expect([text, answer]).toEqual([text, full(text)]);
  }
  expect(accepted).toBeGreaterThan(500);
  expect(accepted).toBeLessThan(19_000);
});

test('what normalization produces is accepted; impossible days and times are not', () => {
  expect(isDateTimeText(new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 999)).toISOString())).toBe(true);
  expect(isDateTimeText('2023-02-29T00:00:00.000Z')).toBe(false);
  expect(isDateTimeText('2100-02-29T00:00:00.000Z')).toBe(false);
  expect(isDateTimeText('2024-04-31T00:00:00.000Z')).toBe(false);
  expect(isDateTimeText('2024-01-15T24:00:00.000Z')).toBe(false);
  // A leap second is ajv-formats' to judge (the fast answer leaves :60 to it).
  expect(isDateTimeText('2016-12-31T23:59:60.000Z')).toBe(full('2016-12-31T23:59:60.000Z'));
  expect(dateTimeFormat.type).toBe('string');
});
