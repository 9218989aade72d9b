/** What the IML treats as a collection (isPlainObject), with its fast answer for literal and JSON objects. */
import { ImlKeywordValue, isPlainObject } from '../../runtime/iml/values';

test('collections: literals, parsed JSON, null-prototype objects and class instances', () => {
  class Point {
    x = 1;
  }
  for (const v of [
    {},
    JSON.parse('{"a":1}'),
    Object.create(null),
    new Point(),
    Object.create({ inherited: 1 }),
  ])
    expect(isPlainObject(v)).toBe(true);
});

test('not collections: arrays, dates, buffers, keywords and primitives, whatever their prototype', () => {
  const arrayAsObject = Object.setPrototypeOf([1], Object.prototype);
  for (const v of [
    [],
    arrayAsObject,
    new Date(0),
    Buffer.from('x'),
    new ImlKeywordValue('erase'),
    null,
    'x',
    1,
    true,
  ])
    expect(isPlainObject(v)).toBe(false);
});
