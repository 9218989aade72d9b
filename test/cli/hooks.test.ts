// The hooks command and `scenario --listen` (DESIGN "Webhooks"), in-process: hooks create runs attach
// and prints the hook (its id and URL in full: this is the one place they show), hooks lists and
// deletes; --listen serves the hook and runs the scenario per delivered item until stopped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeHistory } from '../../runtime/index';
import { startFeedServer, type FeedServer } from '../fixtures/feed-server';
import { FEED_APP_DIR, instantBlueprint, postJson, until } from '../scenario/hooks/helpers';
import { MemoryStream, runCli } from './run-cli';

let feed: FeedServer;
let dir: string;
let appDir: string;
let blueprint: string;

beforeEach(async () => {
  feed = await startFeedServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-hooks-'));
  appDir = path.join(dir, 'app');
  fs.cpSync(FEED_APP_DIR, appDir, { recursive: true });
  blueprint = path.join(dir, 'on-event.json');
  fs.writeFileSync(
    blueprint,
    JSON.stringify(
      instantBlueprint('watchItemEvents', { topic: 'items' }, [
        { module: 'getItem', mapper: { id: '{{1.id}}' } },
      ]),
    ),
  );
});
afterEach(async () => {
  closeHistory();
  await feed.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[], extra: Parameters<typeof runCli>[1] = {}) =>
  runCli([...args, '--app', appDir, '--api-key', 'feed-key-1', '--base-url', feed.url], {
    cwd: dir,
    ...extra,
  });

test('hooks create / hooks / hooks delete, with --json', async () => {
  const created = await cli([
    'hooks',
    'create',
    'on-event.json',
    '--public-url',
    'https://tunnel.example.test',
    '--json',
  ]);
  expect(created.code).toBe(0);
  const hook = JSON.parse(created.stdout);
  expect(hook).toMatchObject({ scenarioKey: fs.realpathSync(blueprint), attached: true, type: 'web' });
  expect(hook.url).toMatch(/^https:\/\/tunnel\.example\.test\/hooks\/[a-z0-9]{32}$/);
  expect([...feed.webhooks.values()][0].url).toBe(hook.url);

  const listed = await cli(['hooks']);
  expect(listed.stdout).toContain(hook.id);
  expect(listed.stdout).toContain(hook.url);

  const again = await cli(['hooks', 'create', 'on-event.json']);
  expect(again.code).toBe(1);
  expect(again.stderr).toMatch(/already has hook/);

  const deleted = await cli(['hooks', 'delete', hook.id]);
  expect(deleted.code).toBe(0);
  expect(feed.webhooks.size).toBe(0);
  expect(JSON.parse((await cli(['hooks', '--json'])).stdout)).toEqual([]);
});

test('a webhook without attach: hooks create says to paste the URL', async () => {
  fs.writeFileSync(blueprint, JSON.stringify(instantBlueprint('watchAccountEvents', {})));
  const created = await cli(['hooks', 'create', 'on-event.json', '--key', 'acct']);
  expect(created.code).toBe(0);
  expect(created.stderr).toMatch(
    /has no attach: paste http:\/\/127\.0\.0\.1:8080\/hooks\/[a-z0-9]{32} into the service/,
  );
});

test('usage mistakes: unknown action, no blueprint, unknown hook id, --port without --listen', async () => {
  expect((await cli(['hooks', 'make'])).code).toBe(2);
  expect((await cli(['hooks', 'create'])).code).toBe(2);
  expect((await cli(['hooks', 'delete', 'nope'])).stderr).toMatch(/no hook nope/);
  const port = await cli(['scenario', 'on-event.json', '--port', '9']);
  expect(port.code).toBe(2);
  expect(port.stderr).toMatch(/--port goes with --listen/);
});

test('scenario --listen serves the hook, runs the scenario per item, and stops on Ctrl-C', async () => {
  await cli(['hooks', 'create', 'on-event.json']);
  const controller = new AbortController();
  const stdout = new MemoryStream();
  const stderr = new MemoryStream();
  const item = feed.add();
  const listening = cli(['scenario', 'on-event.json', '--listen', '--port', '0'], {
    signal: controller.signal,
    stdout,
    stderr,
  });
  let url = '';
  await until(() => {
    url = /Listening at (\S+hooks\/[a-z0-9]{32})/.exec(stderr.text)?.[1] ?? '';
    return url !== '';
  });
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks\//);
  const answer = await postJson(url, { type: 'batch', events: [{ id: item.id }] });
  expect(answer.status).toBe(202);
  await until(() => stdout.text.includes('success'));
  controller.abort();
  const done = await listening;
  expect(done.code).toBe(0);
  expect(feed.log.filter((r) => r.path === `/items/${item.id}`)).toHaveLength(1);
  // The registered URL (default origin, port 8080) is not where this listener serves: it says so.
  expect(done.stderr).toMatch(/the service was given http:\/\/127\.0\.0\.1:8080\/hooks/);
});
