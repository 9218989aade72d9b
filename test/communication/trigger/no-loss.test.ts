// No loss, no duplicate (issue 19 "Must show"): across 20 polls of each kind of trigger against the
// loopback feed, with items created while a poll pages, several items sharing a timestamp across a
// page boundary, the last item seen deleted and ids that sort before existing ones, the union of the
// items the polls emitted is the set of items created, each exactly once.
import path from 'node:path';
import { loadApp } from '../../../runtime/definitions';
import { runTrigger, type TriggerState } from '../../../runtime/communication/trigger';
import type { App } from '../../../runtime/types/app';
import { startFeedServer, type FeedServer } from '../../fixtures/feed-server';

let app: App;
beforeAll(async () => {
  app = await loadApp(path.join(__dirname, '..', '..', 'fixtures', 'feed-app'));
});

/** A small deterministic generator, so a failure replays. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

interface Churn {
  feed: FeedServer;
  created: string[];
  emitted: string[];
  /** The service's clock: creation times never go back, even when the newest item is deleted. */
  clock: number;
}

/** Creates items the way the listed cases need: ties with the newest, ids that sort first, plain ones. */
function create(c: Churn, rnd: () => number, n: number): void {
  for (let i = 0; i < n; i++) {
    const tie = rnd() < 0.5;
    const lowId = rnd() < 0.3;
    if (!tie) c.clock += 1000;
    const item = c.feed.add({
      at: c.clock,
      ...(lowId ? { id: `0000${String(c.created.length).padStart(4, '0')}-low` } : {}),
    });
    c.created.push(item.title);
  }
}

test.each(['watchByDateDesc', 'watchByDateAsc', 'watchBySeqDesc', 'watchByUuidDesc', 'watchByUuidAsc'])(
  '%s: 20 polls under churn emit every created item exactly once',
  async (moduleId) => {
    const feed = await startFeedServer();
    const c: Churn = { feed, created: [], emitted: [], clock: Date.parse('2026-01-01T00:00:00Z') };
    const rnd = random(moduleId.length * 7919);
    let state: TriggerState | undefined;
    try {
      create(c, rnd, 9);
      const poll = async () => {
        const r = await runTrigger(app, moduleId, {
          connection: { apiKey: 'k' },
          target: feed.url,
          parameters: { limit: 4, pageSize: 3 },
          ...(state ? { state } : {}),
        });
        c.emitted.push(...r.bundles.map((b) => String(b.title)));
        state = r.state;
        return r;
      };
      for (let n = 0; n < 20; n++) {
        // Items created while this poll pages: after its first page, sharing the newest timestamp or not.
        feed.onPage = (page) => {
          if (page === 2 && rnd() < 0.6) create(c, rnd, 1 + Math.floor(rnd() * 2));
        };
        const r = await poll();
        feed.onPage = undefined;
        // The last item seen deleted now and then (it was emitted, so nothing is lost with it).
        const lastTitle = r.bundles.at(-1)?.title;
        if (lastTitle !== undefined && rnd() < 0.3) {
          const last = feed.items.find((i) => i.title === lastTitle);
          if (last) feed.remove(last.id);
        }
        create(c, rnd, Math.floor(rnd() * 5));
      }
      // Drain what the Limit left for later.
      for (let n = 0; n < 30; n++) if ((await poll()).bundles.length === 0) break;
      expect(new Set(c.emitted).size).toBe(c.emitted.length); // each once
      expect([...c.emitted].sort()).toEqual([...c.created].sort()); // none lost
      expect(c.created.length).toBeGreaterThan(40);
    } finally {
      await feed.close();
    }
  },
);
