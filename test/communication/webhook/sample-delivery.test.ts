// runModule with dryRun on an instant trigger and no delivery (issue 20): the module's samples are
// delivered to its webhook, read by the webhook's communication, and each item goes through the
// module's own communication, dry. On copies of the feed fixture app with samples of this test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadApp } from '../../../runtime/definitions';
import { runModule } from '../../../runtime/communication';

const FEED_APP = path.join(__dirname, '..', '..', 'fixtures', 'feed-app');
const copies: string[] = [];
afterAll(() => copies.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A copy of the feed app with `samples` as the module's samples. */
async function appWithSamples(moduleId: string, samples: unknown) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sample-delivery-'));
  copies.push(dir);
  fs.cpSync(FEED_APP, dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, `modules/${moduleId}/${moduleId}.samples.iml.json`),
    JSON.stringify(samples),
  );
  return loadApp(dir);
}

const connection = { apiKey: 'fk_RECOGNIZABLE_FEED_KEY' };

test('the webhook’s iterate and output make the items; a module without communication gives them as bundles', async () => {
  const app = await appWithSamples('watchItemEvents', {
    type: 'created',
    events: [
      { id: 'it_1', type: 'created' },
      { id: 'it_2', type: 'updated' },
    ],
  });
  const result = await runModule(app, 'watchItemEvents', { dryRun: true, connection });
  expect(result).toMatchObject({ type: 'instant_trigger', requests: [] });
  expect(result.bundles).toEqual([
    { id: 'it_1', type: 'created' },
    { id: 'it_2', type: 'updated' },
  ]);
});

test('each item goes through the module’s communication as its payload: the request is rendered, not sent', async () => {
  const app = await appWithSamples('watchAccountEvents', {
    account: 'acc_1',
    events: [{ id: 'it_7', type: 'x' }],
  });
  const result = await runModule(app, 'watchAccountEvents', {
    dryRun: true,
    connection,
    target: 'http://127.0.0.1:9', // nothing listens: a request sent would fail the test
  });
  expect(result.bundles).toEqual([]);
  expect(result.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET http://127.0.0.1:9/items/it_7']);
  expect(JSON.stringify(result.requests)).not.toContain(connection.apiKey);
});

test('a delivery the webhook’s condition turns away yields nothing', async () => {
  const app = await appWithSamples('watchItemEvents', { type: 'ping', events: [{ id: 'it_1' }] });
  const result = await runModule(app, 'watchItemEvents', { dryRun: true, connection });
  expect([result.bundles, result.requests]).toEqual([[], []]);
});

test('a payload given is delivered instead of the samples', async () => {
  const app = await appWithSamples('watchItemEvents', { type: 'created', events: [{ id: 'it_1' }] });
  const result = await runModule(app, 'watchItemEvents', { payload: { id: 'given' }, connection });
  expect(result.bundles).toEqual([{ id: 'given' }]);
});
