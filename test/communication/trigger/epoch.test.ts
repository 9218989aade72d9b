// Where a trigger starts (make-format.md §4.5 "Epoch"): runEpoch lists the items a user may start from,
// through the epoch code that inherits the trigger's request; each of Make's start choices gives the
// state it means, and a poll from it returns what Make's panel promises.
import path from 'node:path';
import { loadApp } from '../../../runtime/definitions';
import { runEpoch, runTrigger, type EpochChoice } from '../../../runtime/communication/trigger';
import type { App } from '../../../runtime/types/app';
import { startFeedServer, type FeedServer } from '../../fixtures/feed-server';

let app: App;
let feed: FeedServer;

beforeAll(async () => {
  app = await loadApp(path.join(__dirname, '..', '..', 'fixtures', 'feed-app'));
});
beforeEach(async () => {
  feed = await startFeedServer();
  for (let i = 0; i < 6; i++) feed.add();
});
afterEach(() => feed.close());

const base = () => ({
  connection: { apiKey: 'k' },
  target: feed.url,
  parameters: { limit: 100, pageSize: 4 },
});
const titles = (bundles: Record<string, unknown>[]) => bundles.map((b) => b.title);

test('runEpoch: the trigger’s request (url, qs, pagination) with the epoch’s output and limit', async () => {
  const items = await runEpoch(app, 'watchByDateDesc', base());
  expect(items).toEqual([...feed.items].reverse().map((i) => ({ label: i.title, date: i.created_at })));
  expect(feed.log.map((r) => [r.path, r.query.get('order'), r.query.get('page')])).toEqual([
    ['/items', 'desc', null],
    ['/items', 'desc', '2'],
  ]);
});

test('runEpoch of an id trigger gives { label, id }', async () => {
  const items = await runEpoch(app, 'watchBySeqAsc', base());
  expect(items[0]).toEqual({ label: 'Item 1', id: 1 });
});

test('a trigger without an epoch code lists nothing to choose from: a clear error', async () => {
  await expect(runEpoch(app, 'watchByDateUnordered', base())).rejects.toMatchObject({
    name: 'InvalidConfigurationError',
    message: expect.stringContaining('has no epoch code'),
  });
});

describe.each<[string, EpochChoice, (items: FeedServer['items']) => string[]]>([
  ['All', { type: 'all' }, (items) => items.map((i) => i.title)],
  ['From now on', { type: 'now' }, () => []],
  [
    'Since specific date (inclusive)',
    { type: 'since', date: '2026-01-01T00:00:04Z' },
    (items) => items.slice(3).map((i) => i.title),
  ],
  [
    'Choose manually (items after the chosen one)',
    { type: 'item', date: '2026-01-01T00:00:04Z' },
    (items) => items.slice(4).map((i) => i.title),
  ],
])('date trigger, %s', (_name, epoch, expected) => {
  test('the first poll returns what the choice promises; the next one only what is newer', async () => {
    const first = await runTrigger(app, 'watchByDateDesc', {
      ...base(),
      epoch,
      now: new Date('2026-06-01T00:00:00Z'),
    });
    expect(titles(first.bundles)).toEqual(expected(feed.items));
    const added = feed.add({ at: '2026-07-01T00:00:00Z' });
    const second = await runTrigger(app, 'watchByDateDesc', { ...base(), state: first.state });
    expect(titles(second.bundles)).toEqual([added.title]);
  });
});

test('From now on uses the run’s clock', async () => {
  const r = await runTrigger(app, 'watchByDateDesc', {
    ...base(),
    epoch: { type: 'now' },
    now: new Date('2026-01-01T00:00:03.500Z'),
  });
  expect(titles(r.bundles)).toEqual(feed.items.slice(3).map((i) => i.title));
});

test('an id trigger: All, or a chosen item (items after it); "now" and "since" are not offered', async () => {
  const all = await runTrigger(app, 'watchBySeqAsc', { ...base(), epoch: { type: 'all' } });
  expect(all.bundles.map((b) => b.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  const chosen = await runTrigger(app, 'watchBySeqAsc', { ...base(), epoch: { type: 'item', id: 4 } });
  expect(chosen.bundles.map((b) => b.seq)).toEqual([5, 6]);
  for (const epoch of [{ type: 'now' }, { type: 'since', date: '2026-01-01' }] as EpochChoice[]) {
    await expect(runTrigger(app, 'watchBySeqAsc', { ...base(), epoch })).rejects.toMatchObject({
      name: 'BundleValidationError',
      problems: [{ field: 'epoch', message: expect.stringContaining('offered for date triggers') }],
    });
  }
});

test('a chosen item of a date trigger with its id: the others sharing its date are still new', async () => {
  const at = '2026-03-01T00:00:00.000Z';
  const a = feed.add({ at });
  const b = feed.add({ at });
  const r = await runTrigger(app, 'watchByDateDesc', {
    ...base(),
    epoch: { type: 'item', date: at, id: a.id },
  });
  expect(titles(r.bundles)).toEqual([b.title]);
});
