// Hooks of webhooks without attach and an embedded service that takes hook URLs itself (the sandbox's
// webhook destinations, as its admin route lists them): creating a hook registers its URL, deleting it
// takes the URL back (a shared webhook's URL stays while another hook uses it), a webhook with attach
// leaves the registrar alone, and a listener serving the hook at another URL registers that one while
// it runs.
import { closeHistory } from '../../../runtime/scenario';
import { createHook, deleteHook, listenScenario } from '../../../runtime/scenario/hooks';
import type { App } from '../../../runtime/types/app';
import { startSandbox, type RunningSandbox } from '../../../sandbox';
import { startFeedServer, type FeedServer } from '../../fixtures/feed-server';
import { instantBlueprint, loadFeedApp, tempHistory } from './helpers';

let app: App;
let feed: FeedServer;
let sandbox: RunningSandbox;
let historyPath: string;

beforeAll(async () => {
  app = await loadFeedApp();
});
beforeEach(async () => {
  feed = await startFeedServer();
  sandbox = await startSandbox({ port: 0, seed: 'none' });
  historyPath = tempHistory().historyPath;
});
afterEach(async () => {
  closeHistory(historyPath);
  await sandbox.close();
  await feed.close();
});

/** The URLs the sandbox delivers to, read from its admin route. */
async function destinations(): Promise<string[]> {
  const res = await fetch(`${sandbox.url}/__sandbox/webhooks`);
  const body = (await res.json()) as { destinations: { url: string }[] };
  return body.destinations.map((d) => d.url);
}

const options = (scenarioKey: string) => ({
  scenarioKey,
  historyPath,
  connection: { apiKey: 'feed-key-1' },
  target: feed.url,
  publicUrl: 'https://tunnel.example.test',
  registrar: sandbox.webhookDestinations,
});

test('a hook without attach is registered with the embedded service; deleting the last hook of its URL removes it', async () => {
  const blueprint = instantBlueprint('watchAccountEvents', {});
  const first = await createHook(app, blueprint, options('acct-1'));
  expect(first).toMatchObject({ attached: false, type: 'web-shared' });
  expect(await destinations()).toEqual([first.url]);

  // A shared webhook: a second scenario's hook has the same URL, registered once.
  const second = await createHook(app, blueprint, options('acct-2'));
  expect(second.url).toBe(first.url);
  expect(await destinations()).toEqual([first.url]);

  await deleteHook(app, first.id, options('acct-1'));
  expect(await destinations()).toEqual([first.url]); // still used by the second hook
  await deleteHook(app, second.id, options('acct-2'));
  expect(await destinations()).toEqual([]);
});

test('a webhook with attach runs it and leaves the registrar alone', async () => {
  const hook = await createHook(
    app,
    instantBlueprint('watchItemEvents', { topic: 'items' }),
    options('items'),
  );
  expect(hook.attached).toBe(true);
  expect([...feed.webhooks.values()].map((w) => w.url)).toEqual([hook.url]);
  expect(await destinations()).toEqual([]);
  await deleteHook(app, hook.id, options('items'));
  expect(feed.webhooks.size).toBe(0);
  expect(await destinations()).toEqual([]);
});

test('a listener serving the hook elsewhere registers its own URL while it runs', async () => {
  const blueprint = instantBlueprint('watchAccountEvents', {});
  const hook = await createHook(app, blueprint, options('acct'));
  const { publicUrl: _public, ...run } = options('acct');
  const listener = await listenScenario(app, blueprint, { ...run, port: 0 });
  const served = listener.hooks[0].url;
  expect(served).not.toBe(hook.url);
  expect(served.startsWith(listener.localUrl)).toBe(true);
  expect((await destinations()).sort()).toEqual([hook.url, served].sort());
  await listener.stop();
  expect(await destinations()).toEqual([hook.url]);
});
