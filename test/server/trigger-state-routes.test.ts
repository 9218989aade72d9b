// GET|PUT|DELETE /api/scenarios/:key/trigger-state (DESIGN "Workbench routes"): the trigger state kept
// under a scenario key, read, set ({ state } or a start choice { epoch }), forgotten; behind the token.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeHistory, getTriggerState, startServer } from '../../runtime/index';
import { startFeedServer } from '../fixtures/feed-server';
import { finishedRun, request, workbenchCaller } from './http';

const APP_DIR = path.join(__dirname, '..', 'fixtures', 'feed-app');
let dir: string;
let historyPath: string;
let blueprintFile: string;
let server: Awaited<ReturnType<typeof startServer>>;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-trigger-state-'));
  historyPath = path.join(dir, 'history.db');
  blueprintFile = path.join(dir, 'watch.json');
  fs.writeFileSync(
    blueprintFile,
    JSON.stringify({
      flow: [{ id: 1, module: 'app#feed:watchByDateDesc', parameters: { limit: 5 }, mapper: null }],
    }),
  );
  server = await startServer({
    port: 0,
    appDir: APP_DIR,
    historyPath,
    connection: { apiKey: 'k' },
    target: 'http://127.0.0.1:9',
  });
});
afterEach(async () => {
  await server.close();
  closeHistory(historyPath);
  fs.rmSync(dir, { recursive: true, force: true });
});

const route = (key: string) => `/api/scenarios/${encodeURIComponent(key)}/trigger-state`;
const call = (method: string, key: string, value?: unknown, token = true) =>
  request(new URL(server.url).origin, route(key), {
    method,
    headers: {
      ...(token ? { 'x-workbench-token': server.token } : {}),
      ...(value === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(value === undefined ? {} : { body: JSON.stringify(value) }),
  });

test('read, set a state, set a start choice, forget', async () => {
  expect((await call('GET', blueprintFile)).json()).toEqual({ key: blueprintFile, state: null });
  const set = await call('PUT', blueprintFile, { state: { lastDate: '2026-05-01T10:00:00+02:00' } });
  expect(set.status).toBe(200);
  expect(set.json()).toEqual({ key: blueprintFile, state: { lastDate: '2026-05-01T08:00:00.000Z' } });
  expect(await getTriggerState(blueprintFile, { historyPath })).toEqual({
    lastDate: '2026-05-01T08:00:00.000Z',
  });
  const since = await call('PUT', blueprintFile, { epoch: { type: 'since', date: '2026-06-01' } });
  expect(since.json().state).toEqual({ lastDate: '2026-06-01T00:00:00.000Z', seenIDs: [] });
  expect((await call('DELETE', blueprintFile)).json()).toEqual({ key: blueprintFile, state: null });
  expect(await getTriggerState(blueprintFile, { historyPath })).toBeUndefined();
});

test('bad input is a 400 naming the field; a start choice for a key without a scenario is a 404', async () => {
  const bad = await call('PUT', blueprintFile, { state: { lastDate: 'soon' } });
  expect(bad.status).toBe(400);
  expect(bad.json().error.problems).toEqual([expect.objectContaining({ field: 'state.lastDate' })]);
  expect((await call('PUT', blueprintFile, { state: {}, epoch: { type: 'all' } })).status).toBe(400);
  expect((await call('PUT', blueprintFile, { epoch: { type: 'item', id: 3 } })).status).toBe(400);
  expect((await call('PUT', path.join(dir, 'none.json'), { epoch: { type: 'all' } })).status).toBe(404);
});

test('every method needs the token', async () => {
  expect((await call('GET', blueprintFile, undefined, false)).status).toBe(401);
  expect((await call('PUT', blueprintFile, { state: {} }, false)).status).toBe(401);
  expect((await call('DELETE', blueprintFile, undefined, false)).status).toBe(401);
});

test('a run of the page (POST /api/scenarios/run with its key) polls from the state kept under the key', async () => {
  const feed = await startFeedServer();
  try {
    feed.add({ id: 'a' });
    feed.add({ id: 'b' });
    const own = await startServer({
      port: 0,
      appDir: APP_DIR,
      historyPath,
      connection: { apiKey: 'k' },
      target: feed.url,
    });
    const call = workbenchCaller(() => own);
    const blueprint = JSON.parse(fs.readFileSync(blueprintFile, 'utf8'));
    const runOnce = async (key?: string) => {
      const started = await call('POST', '/api/scenarios/run', { blueprint, ...(key ? { key } : {}) });
      expect(started.status).toBe(202);
      const run = await finishedRun(call, started.json().runId);
      return run.modules[0].bundlesOut;
    };
    try {
      expect(await runOnce('page-key')).toBe(2);
      expect(await getTriggerState('page-key', { historyPath })).toMatchObject({
        lastDate: expect.any(String),
      });
      expect(await runOnce('page-key')).toBe(0); // nothing new since
      feed.add({ id: 'c' });
      expect(await runOnce('page-key')).toBe(1);
      expect(await runOnce()).toBe(3); // no key: no state, every item
      expect((await call('POST', '/api/scenarios/run', { blueprint, key: '' })).status).toBe(400);
    } finally {
      await own.close();
    }
  } finally {
    await feed.close();
  }
});
