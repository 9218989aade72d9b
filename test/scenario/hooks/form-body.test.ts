/**
 * Form-encoded deliveries and query strings (the receiver's own parsing): a repeated field is an
 * array, and a field named like a member of Object.prototype (`toString`, `constructor`, `__proto__`)
 * is plain data — it neither merges with the inherited member nor changes the object's prototype.
 * The webhook here outputs what the receiver parsed, so the queued item shows it.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadApp } from '../../../runtime/definitions';
import { closeHistory } from '../../../runtime/scenario';
import { createHook } from '../../../runtime/scenario/hooks';
import { hookStore } from '../../../runtime/scenario/hooks/manage';
import { createHookReceiver } from '../../../runtime/scenario/hooks/receiver';
import type { App } from '../../../runtime/types/app';
import { startFeedServer, type FeedServer } from '../../fixtures/feed-server';
import { FEED_APP_DIR, instantBlueprint, send, tempHistory } from './helpers';

let dir: string;
let app: App;
let feed: FeedServer;
let historyPath: string;
let server: http.Server;
let hookUrl: string;

beforeAll(async () => {
  // The feed app, with a webhook that hands on the parsed body and query as its one item.
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hook-form-'));
  fs.cpSync(FEED_APP_DIR, dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'webhooks', 'itemEvents', 'itemEvents.communication.iml.json'),
    JSON.stringify({ output: { body: '{{body}}', query: '{{query}}' } }),
  );
  app = await loadApp(dir);
  feed = await startFeedServer();
  historyPath = tempHistory().historyPath;
  const hook = await createHook(app, instantBlueprint('watchItemEvents', { topic: 'items' }), {
    scenarioKey: 'forms',
    historyPath,
    connection: { apiKey: 'feed-key-1' },
    target: feed.url,
    publicUrl: 'https://tunnel.example.test',
  });
  const receive = createHookReceiver({ app: async () => app, historyPath });
  const pathId = hook.url.split('/').pop()!;
  server = http.createServer((req, res) => void receive(req, res, pathId));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/${pathId}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await feed.close();
  closeHistory(historyPath);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Sends one delivery and takes its queued item off the queue. */
async function deliver(query: string, form: string): Promise<{ body: unknown; query: unknown }> {
  const answer = await send(`${hookUrl}?${query}`, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  expect(answer.status).toBe(200);
  const store = hookStore(historyPath);
  const queued = store.nextQueued('forms')!;
  store.take(queued.seq, 'test-run');
  return queued.item as { body: unknown; query: unknown };
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
