// Hooks end to end (make-format.md §4.6; DESIGN "Webhooks"): hooks create runs attach and persists the
// hook; listenScenario serves /hooks/:id, queues each delivery durably before answering and runs the
// scenario once per item; verification, respond and a responder answer the caller; malformed deliveries
// get a clear status and queue nothing; an unknown id is a bare 404; a shared webhook routes by uid.
import { closeHistory, getRun } from '../../../runtime/scenario';
import { openHistory } from '../../../runtime/scenario/history/store';
import {
  createHook,
  deleteHook,
  listHooks,
  listenScenario,
  type Listener,
} from '../../../runtime/scenario/hooks';
import { hookStore } from '../../../runtime/scenario/hooks/manage';
import type { ScenarioRun } from '../../../runtime/scenario';
import type { App } from '../../../runtime/types/app';
import { startFeedServer, type FeedServer } from '../../fixtures/feed-server';
import { instantBlueprint, loadFeedApp, postJson, send, tempHistory, until } from './helpers';

let app: App;
let feed: FeedServer;
let historyPath: string;
let listener: Listener | undefined;
const runs: ScenarioRun[] = [];

beforeAll(async () => {
  app = await loadFeedApp();
});
beforeEach(async () => {
  feed = await startFeedServer();
  historyPath = tempHistory().historyPath;
  runs.length = 0;
});
afterEach(async () => {
  await listener?.stop();
  listener = undefined;
  await feed.close();
  closeHistory(historyPath);
});

const connection = { apiKey: 'feed-key-1' };
const PUBLIC = 'https://tunnel.example.test';

/** Creates the hook of a scenario (attach against the feed), as `hooks create` does. */
const hookFor = (blueprint: Record<string, unknown>, key: string) =>
  createHook(app, blueprint, {
    scenarioKey: key,
    historyPath,
    connection,
    target: feed.url,
    publicUrl: PUBLIC,
  });

async function listen(blueprint: Record<string, unknown>, key = 'events', extra = {}) {
  listener = await listenScenario(app, blueprint, {
    scenarioKey: key,
    historyPath,
    connection,
    target: feed.url,
    port: 0,
    onEvent: (e) => {
      if (e.type === 'run:end') runs.push(e.run);
    },
    ...extra,
  });
  return { listener, port: new URL(listener.localUrl).port };
}

function localUrl(l: Listener, port: string): string {
  const path = new URL(l.hooks[0].url).pathname;
  return `http://127.0.0.1:${port}${path}`;
}

const itemsBlueprint = instantBlueprint('watchItemEvents', { topic: 'items' }, [
  { module: 'getItem', mapper: { id: '{{1.id}}' } },
]);

test('hooks create runs attach with the hook URL and keeps the saved data; the URL survives a reopened history', async () => {
  const hook = await hookFor(itemsBlueprint, 'events');
  expect(hook).toMatchObject({
    scenarioKey: 'events',
    webhook: 'itemEvents',
    module: 'watchItemEvents',
    type: 'web',
    attached: true,
    queued: 0,
  });
  expect(hook.url).toMatch(new RegExp(`^${PUBLIC}/hooks/[a-z0-9]{32}$`));
  expect([...feed.webhooks.values()]).toEqual([expect.objectContaining({ url: hook.url, topic: 'items' })]);
  closeHistory(historyPath);
  expect(listHooks({ historyPath })).toEqual([hook]);
  expect(hookStore(historyPath).get(hook.id)?.data).toMatchObject({ externalId: 'wh_1' });
  await expect(hookFor(itemsBlueprint, 'events')).rejects.toThrow(new RegExp(`already has hook ${hook.id}`));
  const deleted = await deleteHook(app, hook.id, { historyPath, connection, target: feed.url });
  expect(deleted.id).toBe(hook.id);
  expect(feed.webhooks.size).toBe(0);
  expect(listHooks({ historyPath })).toEqual([]);
});

test('a webhook without attach: the hook is created unattached, its URL for the user to paste', async () => {
  const bp = instantBlueprint('watchAccountEvents', {});
  const hook = await hookFor(bp, 'acct');
  expect(hook).toMatchObject({ type: 'web-shared', attached: false });
  expect(feed.webhooks.size).toBe(0);
});

test('hooks create refuses a scenario that does not start with an instant trigger', async () => {
  const bp = { flow: [{ id: 1, module: 'app#feed:getItem', mapper: { id: 'x' } }] };
  await expect(createHook(app, bp, { scenarioKey: 'x', historyPath, publicUrl: PUBLIC })).rejects.toThrow(
    /not an instant trigger/,
  );
});

test('each item of a delivery is queued, answered with the webhook’s respond, and runs the scenario once', async () => {
  await hookFor(itemsBlueprint, 'events');
  const { listener: l, port } = await listen(itemsBlueprint);
  const a = feed.add();
  const b = feed.add();
  const answer = await postJson(localUrl(l, port), { type: 'batch', events: [{ id: a.id }, { id: b.id }] });
  expect(answer).toMatchObject({ status: 202, body: '{"received":2}' });
  await until(() => runs.length === 2);
  expect(runs.map((r) => r.status)).toEqual(['success', 'success']);
  expect(feed.log.filter((r) => r.path.startsWith('/items/')).map((r) => r.path)).toEqual([
    `/items/${a.id}`,
    `/items/${b.id}`,
  ]);
  expect(hookStore(historyPath).queued()).toBe(0);
});

test('a verification is answered at once and queues nothing', async () => {
  await hookFor(itemsBlueprint, 'events');
  const { listener: l, port } = await listen(itemsBlueprint);
  const r = await postJson(localUrl(l, port), { type: 'url_verification', challenge: 'abc' });
  expect(r).toMatchObject({ status: 200, body: '{"challenge":"abc"}' });
  expect(hookStore(historyPath).queued()).toBe(0);
});

describe('malformed deliveries get a clear status and queue nothing', () => {
  let url: string;
  beforeEach(async () => {
    await hookFor(itemsBlueprint, 'events');
    // The scenario does not run here: its listener is started with a blueprint that cannot resolve items.
    const { listener: l, port } = await listen(itemsBlueprint, 'events', { answerTimeoutMs: 1 });
    url = localUrl(l, port);
  });

  test.each([
    [
      'not JSON',
      { headers: { 'content-type': 'application/json' }, body: '{"events": [' },
      400,
      'MalformedJson',
    ],
    [
      'an unsupported body',
      { headers: { 'content-type': 'text/csv' }, body: 'a,b' },
      415,
      'UnsupportedMediaType',
    ],
    [
      'nested 50,000 deep (a 4xx: a sender resends a 5xx)',
      { headers: { 'content-type': 'application/json' }, body: '['.repeat(50_000) + ']'.repeat(50_000) },
      400,
      'NestedTooDeep',
    ],
    [
      'gzip that does not decode',
      { headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: '{}' },
      400,
      'MalformedBody',
    ],
    ['a method Make does not accept', { method: 'OPTIONS' }, 405, 'MethodNotAllowed'],
    [
      'too large',
      { headers: { 'content-type': 'application/json' }, body: Buffer.alloc(5 * 1024 * 1024 + 1, 32) },
      413,
      'PayloadTooLarge',
    ],
  ])('%s', async (_name, request, status, type) => {
    const r = await send(url, request);
    expect(r.status).toBe(status);
    expect(JSON.parse(r.body).error.type).toBe(type);
    if (status === 405) expect(r.headers.allow).toBe('GET, POST, PUT, PATCH, DELETE');
    expect(hookStore(historyPath).queued()).toBe(0);
    expect(runs).toEqual([]);
  });

  test('an unknown hook id answers the bare 404 any unknown path gets', async () => {
    const other = url.replace(/[a-z0-9]{32}$/, 'a'.repeat(32));
    const unknown = await postJson(other, { events: [{ id: 1 }] });
    const nonsense = await send(url.replace(/hooks\/.*$/, 'elsewhere'));
    expect(unknown.status).toBe(404);
    expect(unknown.body).toBe(nonsense.body);
    expect(unknown.body).not.toMatch(/hook/i);
    expect(hookStore(historyPath).queued()).toBe(0);
  });

  test('a foreign Host is refused; the public URL’s host is accepted', async () => {
    const foreign = await send(url, {
      headers: { host: 'evil.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
  });
});

test('a listener with a public URL shows it in the hook URL and accepts requests addressed to its host', async () => {
  await hookFor(itemsBlueprint, 'events');
  const l = await listenScenario(app, itemsBlueprint, {
    scenarioKey: 'events',
    historyPath,
    connection,
    target: feed.url,
    port: 0,
    publicUrl: `${PUBLIC}/`,
  });
  listener = l;
  expect(l.url).toBe(PUBLIC);
  expect(l.hooks[0].url).toMatch(new RegExp(`^${PUBLIC}/hooks/[a-z0-9]{32}$`));
  const hookPath = new URL(l.hooks[0].url).pathname;
  const r = await postJson(`${l.localUrl}${hookPath}`, { type: 'ping' }, { host: 'tunnel.example.test' });
  expect(r).toMatchObject({ status: 202 });
});

test('a responder in the scenario answers the caller', async () => {
  const bp = instantBlueprint('watchItemEvents', { topic: 'items' }, [
    { module: 'respondToWebhook', mapper: { status: 201, body: '{{1.n}}', tag: 'seen' } },
  ]);
  await hookFor(bp, 'reply');
  const { listener: l, port } = await listen(bp, 'reply');
  const r = await postJson(localUrl(l, port), { type: 'batch', events: [{ n: 7 }] });
  expect(r.status).toBe(201);
  expect(r.headers['x-feed']).toBe('seen');
  expect(r.body).toBe('7');
});

test('a shared webhook: one URL for every hook, each delivery queued for the hooks of its uid', async () => {
  const bp = instantBlueprint('watchAccountEvents', {});
  const one = await hookFor(bp, 'a');
  const two = await hookFor(bp, 'b');
  expect(two.url).toBe(one.url);
  expect(two.id).not.toBe(one.id);
  const item = feed.add();
  const { listener: l, port } = await listen(bp, 'a');
  const mine = await postJson(localUrl(l, port), {
    account: 'acct_1',
    events: [{ id: item.id, type: 'item.created' }],
  });
  expect(mine).toMatchObject({ status: 200, body: 'Accepted' });
  await until(() => runs.length === 1);
  expect(hookStore(historyPath).queued('b')).toBe(1); // b's listener is not running: its item waits
  const theirs = await postJson(localUrl(l, port), { account: 'acct_2', events: [{ id: item.id }] });
  expect(theirs.status).toBe(200);
  expect(hookStore(historyPath).queued()).toBe(1);
});

test('a hook’s id never reaches the run history, even when a delivery carries its URL', async () => {
  const hook = await hookFor(itemsBlueprint, 'events');
  const echo = instantBlueprint('watchItemEvents', { topic: 'items' });
  // The listener runs a blueprint of the instant trigger alone: its output is the delivered item as is.
  const { listener: l, port } = await listen(echo);
  await postJson(localUrl(l, port), { type: 'batch', events: [{ id: 'x', callback: hook.url }] });
  await until(() => runs.length === 1);
  const stored = await getRun(runs[0].id, { historyPath });
  const text = JSON.stringify(stored);
  expect(text).not.toContain(hook.id);
  expect(text).toContain('********');
  // Nor does any table but the hooks' own: the queue drops the item once its run holds it.
  const db = openHistory(historyPath).db;
  const tables = (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'hooks'`).all() as {
      name: string;
    }[]
  ).map((t) => t.name);
  // (A queued item names its hook by id, as the hooks row does: a reference, not a copy of a delivery.)
  const rows = (table: string) =>
    (db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[]).map(
      ({ hook_id: _h, ...r }) => r,
    );
  for (const table of tables)
    expect([table, JSON.stringify(rows(table))]).not.toEqual([table, expect.stringContaining(hook.id)]);
});
