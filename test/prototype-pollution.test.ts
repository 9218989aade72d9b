/**
 * Issue 16 (decisions.md "JSON keys named __proto__"): JSON from an API response, a webhook, a
 * mapping or a parameters file may carry an own `__proto__` key. Every place that copies such data
 * keeps it as an own key; none sets a prototype, and none reaches Object.prototype.
 */
import { mergeTemp } from '../runtime/communication/scope';
import { Secrets } from '../runtime/communication/sanitize';
import { mapValue } from '../runtime/scenario/mapping';
import { normalizeLevel } from '../runtime/parameters/normalize';
import type { App } from '../runtime/types/app';

const hostile = () => JSON.parse('{"__proto__":{"polluted":1},"a":2}') as Record<string, unknown>;

afterEach(() => {
  const leaked = (Object.prototype as Record<string, unknown>).polluted;
  delete (Object.prototype as Record<string, unknown>).polluted;
  expect(leaked).toBeUndefined();
});

function expectClean(out: unknown): void {
  expect((out as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  expect(Object.keys(out as object)).toContain('__proto__');
}

test('temp merging (a response’s `temp: {{body}}`) never writes into Object.prototype', () => {
  const temp: Record<string, unknown> = {};
  mergeTemp(temp, hostile());
  mergeTemp(temp, hostile());
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expectClean(temp);
});

test('scrubbed copies of response data (logs, dry runs) keep __proto__ as data', () => {
  expectClean(new Secrets().scrubValue(hostile()));
});

test('a mapped value built from parsed JSON keeps __proto__ as data', () => {
  const env = { timezone: 'UTC', executionId: 'x', app: {} as App };
  expectClean(mapValue(`{{parseJSON('{"__proto__":{"polluted":1},"a":2}')}}`, {}, env));
});

test('unknown parameters passed through (dynamic fields) keep __proto__ as data', () => {
  expectClean(normalizeLevel([], hostile(), { keepUnknown: true }));
});
