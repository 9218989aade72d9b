/**
 * Form-encoded deliveries and query strings (the receiver's own parsing): a repeated field is an
 * array, and a field named like a member of Object.prototype (`toString`, `constructor`, `__proto__`)
 * is plain data — it neither merges with the inherited member nor changes the object's prototype.
 * The webhook here outputs what the receiver parsed, so the queued item shows it.
 */
import { startEchoReceiver, type EchoReceiver } from './helpers';

let echo: EchoReceiver;

beforeAll(async () => {
  echo = await startEchoReceiver('forms');
});
afterAll(() => echo.close());

/** Sends one delivery and takes its queued item off the queue. */
async function deliver(query: string, form: string): Promise<{ body: unknown; query: unknown }> {
  const answer = await echo.send(`?${query}`, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  expect(answer.status).toBe(200);
  return echo.take() as { body: unknown; query: unknown };
}

test('a repeated field is an array; one given once stays text', async () => {
  const item = await deliver('page=2&tag=a&tag=b', 'name=Ann&email=ann%40example.com&ids=1&ids=2&ids=3');
  expect(item).toEqual({
    body: { name: 'Ann', email: 'ann@example.com', ids: ['1', '2', '3'] },
    query: { page: '2', tag: ['a', 'b'] },
  });
});

test('fields named like Object.prototype members are plain data', async () => {
  const fields = 'toString=a&constructor=b&hasOwnProperty=c&__proto__=d&valueOf=e&valueOf=f';
  const item = await deliver(fields, fields);
  const expected = {
    toString: 'a',
    constructor: 'b',
    hasOwnProperty: 'c',
    ['__proto__']: 'd',
    valueOf: ['e', 'f'],
  };
  // A computed `['__proto__']` key is an own key, as the receiver's must be; compared as JSON text.
  expect(JSON.stringify(item)).toBe(JSON.stringify({ body: expected, query: expected }));
  expect(Object.getPrototypeOf(item.body)).toBe(Object.prototype);
  expect(({} as Record<string, unknown>).d).toBeUndefined();
});
