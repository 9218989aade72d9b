// PUT /api/scenarios/:key/schedule (DESIGN "Workbench routes"): runs the key's scenario on an interval,
// persists across a restart (the schedule resumes), `{ every: null }` stops it; behind the token.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeHistory, listRuns, listSchedules, saveScenario, startServer } from '../../runtime/index';
import { startFeedServer, type FeedServer } from '../fixtures/feed-server';
import { until } from '../scenario/hooks/helpers';
import { request } from './http';

const APP_DIR = path.join(__dirname, '..', 'fixtures', 'feed-app');
let feed: FeedServer;
let dir: string;
let historyPath: string;
let blueprintFile: string;
let server: Awaited<ReturnType<typeof startServer>> | undefined;

beforeEach(async () => {
  feed = await startFeedServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-schedule-'));
  historyPath = path.join(dir, 'history.db');
  blueprintFile = path.join(dir, 'get.json');
  feed.add({ id: 'item-1' });
  fs.writeFileSync(
    blueprintFile,
    JSON.stringify({ name: 'Get', flow: [{ id: 1, module: 'app#feed:getItem', mapper: { id: 'item-1' } }] }),
  );
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await feed.close();
  closeHistory(historyPath);
});

const start = async () => {
  server = await startServer({
    port: 0,
    appDir: APP_DIR,
    historyPath,
    connection: { apiKey: 'k' },
    target: feed.url,
  });
  return server;
};
const put = (s: NonNullable<typeof server>, key: string, body: unknown, withToken = true) =>
  request(new URL(s.url).origin, `/api/scenarios/${encodeURIComponent(key)}/schedule`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...(withToken ? { 'x-workbench-token': s.token } : {}) },
    body: JSON.stringify(body),
  });
const runCount = async () => (await listRuns({ historyPath })).length;

test('a schedule runs at once, is saved, resumes after a restart, and stops with every: null', async () => {
  let s = await start();
  const r = await put(s, blueprintFile, { every: '1h' });
  expect(r.status).toBe(200);
  expect(r.json()).toMatchObject({ key: blueprintFile, every: '1h', active: true });
  await until(async () => (await runCount()) === 1);
  await s.close();
  s = await start(); // the saved schedule starts again, and its first run is at once
  await until(async () => (await runCount()) === 2);
  expect(listSchedules({ historyPath })).toEqual([
    expect.objectContaining({ key: blueprintFile, active: true }),
  ]);
  const stopped = await put(s, blueprintFile, { every: null });
  expect(stopped.json()).toEqual({ key: blueprintFile, every: null, active: false });
  expect(listSchedules({ historyPath })).toEqual([]);
});

test('a bad interval is a 400, an unknown key a 404, and the token is needed', async () => {
  const s = await start();
  expect((await put(s, blueprintFile, { every: 'often' })).status).toBe(400);
  expect((await put(s, path.join(dir, 'none.json'), { every: '1h' })).status).toBe(404);
  expect((await put(s, blueprintFile, { every: '1h' }, false)).status).toBe(401);
  expect(listSchedules({ historyPath })).toEqual([]);
});

test('a key of the page’s saved scenarios schedules that scenario', async () => {
  await saveScenario(
    'page-1',
    { blueprint: JSON.parse(fs.readFileSync(blueprintFile, 'utf8')) },
    { historyPath },
  );
  const s = await start();
  expect((await put(s, 'page-1', { every: '1h' })).status).toBe(200);
  await until(async () => (await runCount()) === 1);
});

test('GET says whether a key is scheduled, as PUT left it (the page shows it)', async () => {
  const s = await start();
  const get = async () =>
    (
      await request(new URL(s.url).origin, `/api/scenarios/${encodeURIComponent(blueprintFile)}/schedule`, {
        headers: { 'x-workbench-token': s.token },
      })
    ).json();
  expect(await get()).toEqual({ key: blueprintFile, every: null, active: false });
  await put(s, blueprintFile, { every: '1h' });
  expect(await get()).toMatchObject({ key: blueprintFile, every: '1h', active: true });
  await put(s, blueprintFile, { every: null });
  expect(await get()).toEqual({ key: blueprintFile, every: null, active: false });
  const noToken = await request(new URL(s.url).origin, `/api/scenarios/x/schedule`);
  expect(noToken.status).toBe(401);
});
