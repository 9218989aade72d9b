// Webhooks on the workbench: /hooks/:hookId receives without a token (its own Host rule: the loopback
// names and the public URL's host), the token-guarded /api/hooks lists, creates (attach) and deletes
// (detach) hooks, and a delivery runs the scenario its key names (here a blueprint file's path).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import * as api from '../../runtime/index';
import { closeHistory, listRuns, startServer } from '../../runtime/index';
import { startFeedServer, type FeedServer } from '../fixtures/feed-server';
import { instantBlueprint, until } from '../scenario/hooks/helpers';
import { request } from './http';

const APP_DIR = path.join(__dirname, '..', 'fixtures', 'feed-app');
const PUBLIC = 'https://tunnel.example.test';

let feed: FeedServer;
let server: Awaited<ReturnType<typeof startServer>>;
let dir: string;
let historyPath: string;
let blueprintFile: string;

beforeEach(async () => {
  feed = await startFeedServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-hooks-'));
  historyPath = path.join(dir, 'history.db');
  blueprintFile = path.join(dir, 'on-event.json');
  fs.writeFileSync(
    blueprintFile,
    JSON.stringify(
      instantBlueprint('watchItemEvents', { topic: 'items' }, [
        { module: 'getItem', mapper: { id: '{{1.id}}' } },
      ]),
    ),
  );
  server = await startServer({
    port: 0,
    appDir: APP_DIR,
    historyPath,
    connection: { apiKey: 'feed-key-1' },
    target: feed.url,
    publicUrl: PUBLIC,
  });
});

afterEach(async () => {
  await server.close();
  await feed.close();
  closeHistory(historyPath);
});

const base = () => new URL(server.url).origin;
const token = () => ({ 'x-workbench-token': server.token });
const json = (value: unknown) => ({
  headers: { ...token(), 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

test('every /api/hooks route needs the token', async () => {
  for (const [method, route] of [
    ['GET', '/api/hooks'],
    ['POST', '/api/hooks'],
    ['DELETE', '/api/hooks/abc'],
  ]) {
    const withBody = { headers: { 'content-type': 'application/json' }, body: '{}' };
    const r = await request(base(), route, { method, ...(method === 'POST' ? withBody : {}) });
    expect([route, r.status]).toEqual([route, 401]);
  }
});

test('create, list, deliver (the scenario runs), delete', async () => {
  const created = await request(base(), '/api/hooks', { method: 'POST', ...json({ key: blueprintFile }) });
  expect(created.status).toBe(201);
  const hook = created.json();
  expect(hook).toMatchObject({ scenarioKey: blueprintFile, attached: true, type: 'web' });
  expect(hook.url).toMatch(new RegExp(`^${PUBLIC}/hooks/[a-z0-9]{32}$`));
  expect([...feed.webhooks.values()][0].url).toBe(hook.url);

  const listed = await request(base(), '/api/hooks', { headers: token() });
  expect(listed.json()).toEqual([hook]);

  const item = feed.add();
  const hookPath = new URL(hook.url).pathname;
  // No token: a sender has none. The public URL's host is accepted as well as the loopback ones.
  const delivered = await request(base(), hookPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json', host: 'tunnel.example.test' },
    body: JSON.stringify({ type: 'batch', events: [{ id: item.id }] }),
  });
  expect(delivered.status).toBe(202);
  await until(() => feed.log.some((r) => r.path === `/items/${item.id}`));
  await until(async () => (await listRuns({ historyPath })).length === 1);

  const deleted = await request(base(), `/api/hooks/${hook.id}`, { method: 'DELETE', headers: token() });
  expect(deleted.status).toBe(200);
  expect(feed.webhooks.size).toBe(0);
  const gone = await request(base(), hookPath, { method: 'POST', ...json({ events: [] }) });
  expect(gone.status).toBe(404);
});

test('/hooks refuses a foreign Host, and an unknown id is the bare 404 of any unknown path', async () => {
  const created = (
    await request(base(), '/api/hooks', { method: 'POST', ...json({ key: blueprintFile }) })
  ).json();
  const hookPath = new URL(created.url).pathname;
  const foreign = await request(base(), hookPath, {
    method: 'POST',
    headers: { host: 'evil.example', 'content-type': 'application/json' },
    body: '{"events":[{"id":1}]}',
  });
  expect(foreign.status).toBe(403);
  const unknown = await request(base(), `/hooks/${'b'.repeat(32)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  const nowhere = await request(base(), '/nowhere', { headers: token() });
  expect(unknown.status).toBe(404);
  expect(unknown.text).toBe(nowhere.text);
});

test('POST /api/hooks for a key with no saved scenario and no blueprint is a 404; a bad key a 400', async () => {
  const missing = await request(base(), '/api/hooks', {
    method: 'POST',
    ...json({ key: '/no/such/file.json' }),
  });
  expect(missing.status).toBe(404);
  const bad = await request(base(), '/api/hooks', { method: 'POST', ...json({ key: '' }) });
  expect(bad.status).toBe(400);
});

test('/hooks decodes a gzip delivery, and refuses one nested 50,000 deep with a 400, queueing nothing', async () => {
  const created = (
    await request(base(), '/api/hooks', { method: 'POST', ...json({ key: blueprintFile }) })
  ).json();
  const hookPath = new URL(created.url).pathname;
  const deliver = (body: Buffer | string, encoding?: string) =>
    request(base(), hookPath, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(encoding ? { 'content-encoding': encoding } : {}),
      },
      body,
    });
  const deep = `{"events":[${'['.repeat(50_000)}${']'.repeat(50_000)}]}`;
  for (const r of [await deliver(deep), await deliver(zlib.gzipSync(deep), 'gzip')]) {
    expect(r.status).toBe(400);
    expect(r.json().error.type).toBe('NestedTooDeep');
  }
  expect(api.listHooks({ historyPath })[0].queued).toBe(0);

  const item = feed.add();
  const gzipped = await deliver(
    zlib.gzipSync(JSON.stringify({ type: 'batch', events: [{ id: item.id }] })),
    'gzip',
  );
  expect(gzipped.status).toBe(202);
  await until(() => feed.log.some((r) => r.path === `/items/${item.id}`));
  await until(async () => (await listRuns({ historyPath })).length === 1);
});
