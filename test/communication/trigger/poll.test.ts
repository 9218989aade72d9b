// Polling triggers (make-format.md §4.5; decisions.md "Triggers"): which items are new against the
// stored state, how far a poll pages, the Limit, oldest first, and the state a poll leaves. Against the
// feed fixture app and its loopback server.
import path from 'node:path';
import { loadApp } from '../../../runtime/definitions';
import { runModule } from '../../../runtime/communication';
import { runTrigger, type TriggerState } from '../../../runtime/communication/trigger';
import type { App } from '../../../runtime/types/app';
import { startFeedServer, type FeedServer } from '../../fixtures/feed-server';

let app: App;
let feed: FeedServer;

beforeAll(async () => {
  app = await loadApp(path.join(__dirname, '..', '..', 'fixtures', 'feed-app'));
});

beforeEach(async () => {
  feed = await startFeedServer();
});

afterEach(() => feed.close());

const poll = (moduleId: string, state?: TriggerState, parameters: Record<string, unknown> = {}) =>
  runTrigger(app, moduleId, {
    connection: { apiKey: 'k' },
    target: feed.url,
    parameters: { limit: 100, pageSize: 5, ...parameters },
    ...(state ? { state } : {}),
  });

const titles = (bundles: Record<string, unknown>[]) => bundles.map((b) => b.title);

function addItems(n: number): void {
  for (let i = 0; i < n; i++) feed.add();
}

describe('type date', () => {
  test('no state: every item is new, oldest first, with __IMTINDEX__/__IMTLENGTH__; the state is the newest', async () => {
    addItems(7);
    const r = await poll('watchByDateDesc');
    expect(titles(r.bundles)).toEqual(feed.items.map((i) => i.title));
    expect(r.bundles[0]).toMatchObject({ __IMTINDEX__: 1, __IMTLENGTH__: 7 });
    const newest = feed.items[6];
    expect(r.state).toEqual({ lastID: newest.id, lastDate: newest.created_at, seenIDs: [newest.id] });
    expect(r.operations).toBe(1);
  });

  test('desc: a poll with nothing new reads one page and stops at the first item already seen', async () => {
    addItems(23);
    const first = await poll('watchByDateDesc');
    const before = feed.requests('/items');
    const second = await poll('watchByDateDesc', first.state);
    expect(second.bundles).toEqual([]);
    expect(feed.requests('/items') - before).toBe(1);
    expect(second.state).toEqual(first.state);
  });

  test('desc: only items newer than lastDate, read down to the first older page', async () => {
    addItems(20);
    const first = await poll('watchByDateDesc');
    addItems(7); // 7 new: pages of 5, so the second page holds the boundary
    const before = feed.requests('/items');
    const second = await poll('watchByDateDesc', first.state);
    expect(titles(second.bundles)).toEqual(feed.items.slice(20).map((i) => i.title));
    expect(feed.requests('/items') - before).toBe(2);
  });

  test('the Limit: the oldest new items, and the rest on the next poll (none lost)', async () => {
    addItems(4);
    const first = await poll('watchByDateDesc');
    addItems(9);
    const second = await poll('watchByDateDesc', first.state, { limit: 4 });
    expect(titles(second.bundles)).toEqual(feed.items.slice(4, 8).map((i) => i.title));
    const third = await poll('watchByDateDesc', second.state, { limit: 4 });
    expect(titles(third.bundles)).toEqual(feed.items.slice(8, 12).map((i) => i.title));
    const fourth = await poll('watchByDateDesc', third.state, { limit: 4 });
    expect(titles(fourth.bundles)).toEqual(feed.items.slice(12).map((i) => i.title));
  });

  test('items sharing a timestamp across a page boundary and the Limit: each once', async () => {
    const at = Date.parse('2026-02-01T00:00:00Z');
    for (let i = 0; i < 8; i++) feed.add({ at }); // one timestamp, two pages
    const seen: unknown[] = [];
    let state: TriggerState | undefined;
    for (let n = 0; n < 4; n++) {
      const r = await poll('watchByDateDesc', state, { limit: 3 });
      seen.push(...titles(r.bundles));
      state = r.state;
    }
    expect(seen.sort()).toEqual(feed.items.map((i) => i.title).sort());
    expect(state?.lastDate).toBe('2026-02-01T00:00:00.000Z');
    expect(state?.seenIDs).toHaveLength(8);
  });

  test('a state Make wrote ({ lastDate } alone): every item of that date was seen', async () => {
    const at = Date.parse('2026-02-01T00:00:00Z');
    feed.add({ at });
    feed.add({ at });
    feed.add({ at: at + 1 });
    const r = await poll('watchByDateDesc', { lastDate: '2026-02-01T00:00:00Z' });
    expect(titles(r.bundles)).toEqual([feed.items[2].title]);
  });

  test('the last item seen deleted: a date trigger is not affected', async () => {
    addItems(6);
    const first = await poll('watchByDateDesc');
    feed.remove(feed.items[5].id);
    addItems(2);
    const second = await poll('watchByDateDesc', first.state);
    expect(titles(second.bundles)).toEqual(feed.items.slice(5).map((i) => i.title));
  });

  test('asc: data.lastDate reaches the request, so the API returns only the new ones', async () => {
    addItems(12);
    const first = await poll('watchByDateAsc');
    expect(feed.log.at(-1)?.query.get('created_since')).toBeNull(); // undefined drops the key
    addItems(3);
    const second = await poll('watchByDateAsc', first.state);
    expect(feed.log.at(-1)?.query.get('created_since')).toBe(first.state.lastDate);
    expect(titles(second.bundles)).toEqual(feed.items.slice(12).map((i) => i.title));
  });

  test('asc: paging stops once the Limit is met', async () => {
    addItems(30);
    const before = feed.requests('/items');
    const r = await poll('watchByDateAsc', undefined, { limit: 7 });
    expect(titles(r.bundles)).toEqual(feed.items.slice(0, 7).map((i) => i.title));
    expect(feed.requests('/items') - before).toBe(2);
  });

  test('unordered: every page is read and the new items sorted oldest first', async () => {
    addItems(13);
    const first = await poll('watchByDateUnordered', undefined, { limit: 5 });
    expect(feed.requests('/items')).toBe(3);
    expect(titles(first.bundles)).toEqual(feed.items.slice(0, 5).map((i) => i.title));
    const second = await poll('watchByDateUnordered', first.state, { limit: 100 });
    expect(titles(second.bundles)).toEqual(feed.items.slice(5).map((i) => i.title));
  });

  test('an item whose date does not read as one fails the poll, naming it', async () => {
    feed.add();
    feed.items[0].created_at = 'yesterday-ish';
    await expect(poll('watchByDateDesc')).rejects.toThrow(
      new RegExp(`trigger.date of item ${feed.items[0].id} is not a date`),
    );
  });
});

describe('type id', () => {
  test('integer ids: newer = greater; desc stops at the first id not greater than lastID', async () => {
    addItems(12);
    const first = await poll('watchBySeqDesc');
    expect(first.state).toEqual({ lastID: 12 });
    addItems(2);
    const before = feed.requests('/items');
    const second = await poll('watchBySeqDesc', first.state);
    expect(second.bundles.map((b) => b.seq)).toEqual([13, 14]);
    expect(feed.requests('/items') - before).toBe(1);
    expect(second.state).toEqual({ lastID: 14 });
  });

  test('integer ids asc and unordered, with the Limit: oldest (smallest) first, none lost', async () => {
    addItems(11);
    for (const moduleId of ['watchBySeqAsc', 'watchBySeqUnordered']) {
      const seen: unknown[] = [];
      let state: TriggerState | undefined;
      for (let n = 0; n < 3; n++) {
        const r = await poll(moduleId, state, { limit: 4 });
        seen.push(...r.bundles.map((b) => b.seq));
        state = r.state;
      }
      expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    }
  });

  test('ids that are not integers (uuids): desc, new = listed before the first one already emitted', async () => {
    addItems(6);
    const first = await poll('watchByUuidDesc');
    expect(first.state.lastID).toBe(feed.items[5].id);
    expect(first.state.seenIDs?.[0]).toBe(feed.items[5].id);
    // New ids that sort before the existing ones change nothing: the listing's order decides.
    feed.add({ id: '00000000-0000-4000-8000-000000000001' });
    feed.add({ id: '00000000-0000-4000-8000-000000000000' });
    const before = feed.requests('/items');
    const second = await poll('watchByUuidDesc', first.state);
    expect(titles(second.bundles)).toEqual(feed.items.slice(6).map((i) => i.title));
    expect(feed.requests('/items') - before).toBe(1);
  });

  test('uuids desc with the last emitted item deleted: an earlier remembered one marks the boundary', async () => {
    addItems(6);
    const first = await poll('watchByUuidDesc');
    feed.remove(feed.items[5].id);
    addItems(3);
    const second = await poll('watchByUuidDesc', first.state);
    expect(titles(second.bundles)).toEqual(feed.items.slice(5).map((i) => i.title));
  });

  test('uuids asc and unordered: new = after the last remembered one / not remembered', async () => {
    addItems(8);
    for (const moduleId of ['watchByUuidAsc', 'watchByUuidUnordered']) {
      const first = await poll(moduleId, undefined, { limit: 5 });
      const second = await poll(moduleId, first.state, { limit: 5 });
      const third = await poll(moduleId, second.state, { limit: 5 });
      expect([...titles(first.bundles), ...titles(second.bundles)].sort()).toEqual(
        feed.items.map((i) => i.title).sort(),
      );
      expect(third.bundles).toEqual([]);
    }
  });
});

test('a dry run renders the requests with data.lastDate, sends nothing and keeps the state', async () => {
  const state = { lastDate: '2026-03-01T10:00:00.000Z', lastID: 'x', seenIDs: ['x'] };
  const r = await runTrigger(app, 'watchByDateAsc', {
    connection: { apiKey: 'secret-key-123' },
    target: feed.url,
    parameters: { limit: 10 },
    state,
    dryRun: true,
  });
  expect(feed.requests()).toBe(0);
  expect(r.bundles).toEqual([]);
  expect(r.state).toEqual(state);
  expect(r.requests[0].url).toContain(`created_since=${encodeURIComponent(state.lastDate)}`);
  expect(JSON.stringify(r.requests)).not.toContain('secret-key-123');
});

test('runModule on a trigger is one poll from no state, typed trigger', async () => {
  addItems(3);
  const r = await runModule(app, 'watchByDateDesc', {
    connection: { apiKey: 'k' },
    target: feed.url,
    parameters: { limit: 2 },
  });
  expect(r.type).toBe('trigger');
  expect(titles(r.bundles)).toEqual([feed.items[0].title, feed.items[1].title]);
});

test('a state of the wrong shape fails before any request, naming the field', async () => {
  await expect(poll('watchByDateDesc', { lastDate: 'soon' } as TriggerState)).rejects.toMatchObject({
    name: 'BundleValidationError',
    problems: [{ field: 'state.lastDate', message: expect.stringContaining('not a date') }],
  });
  await expect(poll('watchByDateDesc', { lastId: 3 } as unknown as TriggerState)).rejects.toMatchObject({
    problems: [{ field: 'state.lastId' }],
  });
  expect(feed.requests()).toBe(0);
});

test('runTrigger on a module that is not a trigger is refused', async () => {
  await expect(poll('getItem')).rejects.toThrow(/getItem is an action module, not a polling trigger/);
});
