// `run TRIGGER [--state JSON]` is one poll (DESIGN "Round 2 additions"), and `modules` shows the
// trigger types; against the feed fixture app and its loopback API.
import path from 'node:path';
import { startFeedServer, type FeedServer } from '../fixtures/feed-server';
import { runCli } from './run-cli';

const APP = path.join(__dirname, '..', 'fixtures', 'feed-app');
let feed: FeedServer;
beforeEach(async () => {
  feed = await startFeedServer();
  for (let i = 0; i < 5; i++) feed.add();
});
afterEach(() => feed.close());

const cli = (args: string[]) =>
  runCli([...args, '--app', APP, '--api-key', 'feed-key-1', '--base-url', feed.url]);

test('run TRIGGER polls from no state: every item, oldest first, and the state to store', async () => {
  const r = await cli(['run', 'watchBySeqDesc', '--param', 'limit=3', '--json']);
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out.bundles.map((b: { seq: number }) => b.seq)).toEqual([1, 2, 3]);
  expect(out.state).toEqual({ lastID: 3 });
});

test('run TRIGGER --state JSON polls from that state; text output notes the state after', async () => {
  const r = await cli(['run', 'watchBySeqDesc', '--param', 'limit=10', '--state', '{"lastID":3}']);
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout).map((b: { seq: number }) => b.seq)).toEqual([4, 5]);
  expect(r.stderr).toContain('2 new item(s) from watchBySeqDesc');
  expect(r.stderr).toContain('state after: {"lastID":5}');
});

test('--state that is not a state object, or on a module that is not a trigger, is a usage error', async () => {
  expect((await cli(['run', 'watchBySeqDesc', '--param', 'limit=1', '--state', '{lastID'])).code).toBe(2);
  expect((await cli(['run', 'watchBySeqDesc', '--param', 'limit=1', '--state', '[1]'])).code).toBe(2);
  const wrong = await cli(['run', 'watchBySeqDesc', '--param', 'limit=1', '--state', '{"lastId":1}']);
  expect(wrong.code).toBe(2);
  expect(wrong.stderr).toContain('state.lastId');
  const action = await cli(['run', 'getItem', '--param', 'id=x', '--state', '{}']);
  expect(action.code).toBe(2);
  expect(action.stderr).toMatch(/--state is a polling trigger's; getItem is an action/);
});

test('modules lists the trigger types', async () => {
  const r = await runCli(['modules', '--app', APP, '--json']);
  const types = Object.fromEntries(
    JSON.parse(r.stdout).map((m: { id: string; type: string }) => [m.id, m.type]),
  );
  expect(types).toMatchObject({
    watchByDateDesc: 'trigger',
    watchItemEvents: 'instant_trigger',
    respondToWebhook: 'responder',
    getItem: 'action',
  });
});
