/**
 * Issue 16: `parseJSON('{"__proto__":{"polluted":1}}')` gave an object whose `.polluted` read 1
 * through `omit`. Decision (decisions.md "JSON keys named __proto__"): parsed JSON keeps an own
 * `__proto__` key as data (as JSON.parse, and so Make's engine, do), and no function or copy ever
 * turns it into a prototype.
 */
import { evaluate } from '../../runtime/iml';

const HOSTILE = `parseJSON('{"__proto__":{"polluted":1},"a":2}')`;
const read = (template: string) => evaluate(template, {});

afterEach(() => {
  // A test that failed could have polluted every object of the process: undo it, and say so.
  const leaked = (Object.prototype as Record<string, unknown>).polluted;
  delete (Object.prototype as Record<string, unknown>).polluted;
  expect(leaked).toBeUndefined();
});

test.each([
  `{{${HOSTILE}.polluted}}`,
  `{{omit(${HOSTILE}, 'a').polluted}}`,
  `{{omit(${HOSTILE}, 'x').polluted}}`,
  `{{pick(${HOSTILE}, 'a').polluted}}`,
  `{{get(${HOSTILE}, 'polluted')}}`,
  `{{get(omit(${HOSTILE}, 'a'), 'polluted')}}`,
  `{{mergeCollections(${HOSTILE}, parseJSON('{}')).polluted}}`,
  `{{toCollection(toArray(${HOSTILE}), 'key', 'value').polluted}}`,
  `{{first(deduplicate(parseJSON('[{"__proto__":{"polluted":1}}]'))).polluted}}`,
])('%s reads nothing through a prototype', (template) => {
  expect(read(template)).toBeUndefined();
});

test('the own __proto__ key stays as data, through omit too', () => {
  expect(read(`{{keys(omit(${HOSTILE}, 'a'))}}`)).toEqual(['__proto__']);
  expect(read(`{{createJSON(omit(${HOSTILE}, 'a'))}}`)).toBe('{"__proto__":{"polluted":1}}');
  const out = read(`{{omit(${HOSTILE}, 'a')}}`) as object;
  expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
});
