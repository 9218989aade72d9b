// `trigger state BLUEPRINT [--reset | --from DATE|ID]` and `--history FILE` (DESIGN "Round 2 additions"):
// the state a scenario's trigger keeps under its key, shown, forgotten and set; in-process CLI against the
// feed fixture app and its loopback API.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeHistory } from '../../runtime/index';
import { startFeedServer, type FeedServer } from '../fixtures/feed-server';
import { FEED_APP_DIR } from '../scenario/hooks/helpers';
import { runCli } from './run-cli';

let feed: FeedServer;
let dir: string;
beforeEach(async () => {
  feed = await startFeedServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-trigger-'));
  for (const [file, module] of [
    ['by-seq.json', 'watchBySeqAsc'],
    ['by-date.json', 'watchByDateDesc'],
  ])
    fs.writeFileSync(
      path.join(dir, file),
      JSON.stringify({
        name: file,
        flow: [{ id: 1, module: `app#feed:${module}`, parameters: { limit: 10 }, mapper: null }],
      }),
    );
  for (let i = 0; i < 3; i++) feed.add();
});
afterEach(async () => {
  closeHistory();
  await feed.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[]) => runCli([...args, '--app', FEED_APP_DIR, '--history', 'h.db'], { cwd: dir });
const api = ['--api-key', 'feed-key-1', '--base-url'];
const state = async (file: string) => JSON.parse((await cli(['trigger', 'state', file, '--json'])).stdout);

test('a run keeps the state under the file’s real path; trigger state shows, sets and resets it', async () => {
  expect(await state('by-seq.json')).toEqual({
    key: fs.realpathSync(path.join(dir, 'by-seq.json')),
    state: null,
  });
  const run = await cli(['scenario', 'by-seq.json', ...api, feed.url, '--json']);
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout).modules[0].bundlesOut).toBe(3);
  expect((await state('by-seq.json')).state).toEqual({ lastID: 3 });
  expect(fs.existsSync(path.join(dir, 'h.db'))).toBe(true); // --history FILE, relative to the working directory

  const from = await cli(['trigger', 'state', 'by-seq.json', '--from', '1']);
  expect(from.code).toBe(0);
  expect(JSON.parse(from.stdout)).toEqual({ lastID: 1 });
  const again = await cli(['scenario', 'by-seq.json', ...api, feed.url, '--json']);
  expect(JSON.parse(again.stdout).modules[0].bundlesOut).toBe(2);

  const reset = await cli(['trigger', 'state', 'by-seq.json', '--reset']);
  expect(reset.stdout).toMatch(/No state: the next run polls every item/);
  expect((await state('by-seq.json')).state).toBeNull();
});

test('--from a date on a date trigger starts since it; --key names the scenario instead of the path', async () => {
  const r = await cli([
    'trigger',
    'state',
    'by-date.json',
    '--key',
    'mine',
    '--from',
    '2026-01-01T00:00:02Z',
    '--json',
  ]);
  expect(JSON.parse(r.stdout)).toEqual({
    key: 'mine',
    state: { lastDate: '2026-01-01T00:00:02.000Z', seenIDs: [] },
  });
  const run = await cli(['scenario', 'by-date.json', '--key', 'mine', ...api, feed.url, '--json']);
  expect(JSON.parse(run.stdout).modules[0].bundlesOut).toBe(2);
});

test('mistakes: a date for an id trigger, an id for a date trigger, --reset with --from, not a trigger', async () => {
  expect((await cli(['trigger', 'state', 'by-seq.json', '--from', '2026-01-01'])).code).toBe(2);
  expect((await cli(['trigger', 'state', 'by-date.json', '--from', 'abc'])).code).toBe(2);
  expect((await cli(['trigger', 'state', 'by-seq.json', '--reset', '--from', '1'])).code).toBe(2);
  expect((await cli(['trigger', 'list', 'by-seq.json'])).code).toBe(2);
  fs.writeFileSync(
    path.join(dir, 'get.json'),
    JSON.stringify({ flow: [{ id: 1, module: 'app#feed:getItem', mapper: {} }] }),
  );
  const notTrigger = await cli(['trigger', 'state', 'get.json', '--from', '1']);
  expect(notTrigger.code).toBe(2);
  expect(notTrigger.stderr).toMatch(/does not start with a polling trigger/);
});
