/**
 * The page's date picker conversions (runtime/server/public/js/date-field.js, browser code), run in a
 * child node process with a fixed local time zone: the picker shows local time and the blueprint
 * gets Make's UTC ISO form; what the picker cannot show (a mapping, a keyword) is left to the text field.
 */
import { inPageModule, js } from './page-module';

function call(fn: 'pickerText' | 'isoFromPicker', value: unknown, withTime: boolean): unknown {
  return inPageModule('date-field.js', `m.${fn}(${js(value)}, ${withTime})`, { TZ: 'Europe/Prague' });
}

test('a picked local date and time becomes the UTC instant with milliseconds, summer and winter time', () => {
  expect(call('isoFromPicker', '2024-05-01T10:30', true)).toBe('2024-05-01T08:30:00.000Z');
  expect(call('isoFromPicker', '2024-01-15T10:30:45', true)).toBe('2024-01-15T09:30:45.000Z');
  // A day alone (time: false) is that day's local midnight, as in Make.
  expect(call('isoFromPicker', '2024-05-01', false)).toBe('2024-04-30T22:00:00.000Z');
  expect(call('isoFromPicker', '', true)).toBeUndefined();
});

test('a stored value shows in local time; seconds only when it has them; a bare day is that local day', () => {
  expect(call('pickerText', '2024-05-01T08:30:00.000Z', true)).toBe('2024-05-01T10:30');
  expect(call('pickerText', '2024-05-01T08:30:15.000Z', true)).toBe('2024-05-01T10:30:15');
  expect(call('pickerText', '2024-04-30T22:00:00.000Z', false)).toBe('2024-05-01');
  expect(call('pickerText', '2024-05-01', false)).toBe('2024-05-01');
  expect(call('pickerText', '2024-05-01', true)).toBe('2024-05-01T00:00');
  expect(call('pickerText', undefined, true)).toBe('');
});

test('what the picker cannot show is null: mappings, keywords, numbers, nonsense', () => {
  expect(call('pickerText', '{{1.created_at}}', true)).toBeNull();
  expect(call('pickerText', 'now', true)).toBeNull();
  expect(call('pickerText', 1714552200, true)).toBeNull();
  expect(call('pickerText', 'soon', false)).toBeNull();
});
