// A scenario that starts with a polling trigger (issue 19 item 2; decisions.md "Triggers"): it polls from
// the state kept under its scenario key, journals the items with the new state in its first
// transaction, and items it does not finish stay incomplete executions of that run (finished by a
// retry or the schedule's next tick); a later poll never reads them again. Real engine, loopback feed.
import fs from 'node:fs';
import path from 'node:path';
import {
  closeHistory,
  getRun,
  getTriggerState,
  retryIncomplete,
  runScenario,
  scheduleScenario,
} from '../../runtime';
import type { ScenarioRun } from '../../runtime';
import type { App } from '../../runtime/types/app';
import { startFeedServer, type FeedServer } from '../fixtures/feed-server';
import { loadFeedApp } from './hooks/helpers';
import { tempDir } from './fixtures';

let app: App;
let feed: FeedServer;
let dir: string;
let historyPath: string;

beforeAll(async () => {
  app = await loadFeedApp();
});
beforeEach(async () => {
  feed = await startFeedServer();
  dir = tempDir();
  historyPath = path.join(dir, 'history.db');
});
afterEach(async () => {
  closeHistory();
  await feed.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const KEY = 'watch-items';
const directive = (name: string) => ({ id: 99, module: `builtin:${name}`, version: 1 });

/** Watch by sequence (asc, integer ids) → Get an Item for each; `onerror` on the get. */
function watchAndGet(onerror?: unknown[], limit = 10) {
  return {
    name: 'Watch and get',
    flow: [
      {
        id: 1,
        module: 'app#feed:watchBySeqAsc',
        version: 1,
        parameters: { limit, pageSize: 5 },
        mapper: null,
      },
      {
        id: 2,
        module: 'app#feed:getItem',
        version: 1,
        mapper: { id: '{{1.id}}' },
        ...(onerror ? { onerror } : {}),
      },
    ],
  };
}

const options = (extra: Record<string, unknown> = {}) => ({
  connection: { apiKey: 'k' },
  target: feed.url,
  historyPath,
  scenarioKey: KEY,
  ...extra,
});
const gets = (id: string) => feed.log.filter((r) => r.path === `/items/${id}`).length;
const items = (n: number) => Array.from({ length: n }, () => feed.add());

test('each run polls from the kept state: every item once, the state moved with the run', async () => {
  const first = items(3);
  const r1 = await runScenario(app, watchAndGet(), options());
  expect(r1.status).toBe('success');
  expect(first.map((i) => gets(i.id))).toEqual([1, 1, 1]);
  expect(await getTriggerState(KEY, { historyPath })).toEqual({ lastID: 3 });
  const stored = await getRun(r1.id, { historyPath });
  expect(stored.modules.map((m) => [m.id, m.operations, m.bundlesOut])).toEqual([
    ['1', 1, 3],
    ['2', 3, 3],
  ]);
  const r2 = await runScenario(app, watchAndGet(), options());
  expect(r2.modules.find((m) => m.id === '2')?.bundlesIn).toBe(0);
  const later = items(2);
  await runScenario(app, watchAndGet(), options());
  expect([...first, ...later].map((i) => gets(i.id))).toEqual([1, 1, 1, 1, 1]);
  expect(await getTriggerState(KEY, { historyPath })).toEqual({ lastID: 5 });
});

test('the Limit leaves the rest for the next run; another key has its own state', async () => {
  const all = items(5);
  await runScenario(app, watchAndGet(undefined, 2), options());
  await runScenario(app, watchAndGet(undefined, 2), options({ scenarioKey: 'other' }));
  expect(all.map((i) => gets(i.id))).toEqual([2, 2, 0, 0, 0]);
  await runScenario(app, watchAndGet(undefined, 2), options());
  expect(await getTriggerState(KEY, { historyPath })).toEqual({ lastID: 4 });
  expect(await getTriggerState('other', { historyPath })).toEqual({ lastID: 2 });
});

test('Break: the failing item is kept as a Break keeps it, the other items go on', async () => {
  const [a, b, c] = items(3);
  feed.failNext.set(b.id, 1);
  const run = await runScenario(app, watchAndGet([directive('Break')]), options());
  expect(run.status).toBe('warning');
  expect(run.incomplete).toHaveLength(1);
  expect([a, b, c].map((i) => gets(i.id))).toEqual([1, 1, 1]);
  const [retried] = await retryIncomplete(app, { ...options(), runId: run.id });
  expect(retried.status).toBe('success');
  expect(gets(b.id)).toBe(2); // refused once, then fetched
});

test.each([
  ['Rollback', [directive('Rollback')]],
  ['an error without a handler', undefined],
])(
  '%s: the failed item and those not started stay incomplete executions; the next poll skips them; a retry finishes them',
  async (_name, onerror) => {
    const [a, b, c, d] = items(4);
    feed.failNext.set(b.id, 1);
    const run = await runScenario(app, watchAndGet(onerror), options());
    expect(run.status).toBe('error');
    expect([a, b, c, d].map((i) => gets(i.id))).toEqual([1, 1, 0, 0]);
    expect(run.incomplete.map((i) => [i.moduleId, (i.bundle['1'] as { id: string }).id])).toEqual([
      ['2', b.id],
      ['2', c.id],
      ['2', d.id],
    ]);
    // The state moved with the run: a later poll never reads them again.
    expect(await getTriggerState(KEY, { historyPath })).toEqual({ lastID: 4 });
    const again = await runScenario(app, watchAndGet(onerror), options());
    expect(again.modules.find((m) => m.id === '2')?.bundlesIn).toBe(0);
    const [retried] = await retryIncomplete(app, { ...options(), runId: run.id });
    expect(retried.status).toBe('success');
    expect([a, b, c, d].map((i) => gets(i.id))).toEqual([1, 2, 1, 1]);
  },
);

test('Commit ends the run as Make’s does: the items after it are neither processed nor kept', async () => {
  const [a, b, c] = items(3);
  feed.failNext.set(a.id, 1);
  const run = await runScenario(app, watchAndGet([directive('Commit')]), options());
  expect(run.stoppedBy).toBe('commit');
  expect(run.incomplete).toEqual([]);
  expect([a, b, c].map((i) => gets(i.id))).toEqual([1, 0, 0]);
  expect(await getTriggerState(KEY, { historyPath })).toEqual({ lastID: 3 });
});

test('a trigger whose request fails moves no state: the next run polls the same items', async () => {
  const [a] = items(1);
  feed.listFails = true;
  const failed = await runScenario(app, watchAndGet(), options());
  expect(failed.status).toBe('error');
  expect(failed.modules[0].errors).toEqual([expect.objectContaining({ type: 'RuntimeError' })]);
  expect(await getTriggerState(KEY, { historyPath })).toBeUndefined();
  feed.listFails = false;
  await runScenario(app, watchAndGet(), options());
  expect(gets(a.id)).toBe(1);
});

test('without a scenario key a trigger polls from no state and keeps none', async () => {
  const [a] = items(1);
  const { scenarioKey: _k, ...noKey } = options();
  await runScenario(app, watchAndGet(), noKey);
  await runScenario(app, watchAndGet(), noKey);
  expect(gets(a.id)).toBe(2);
  expect(await getTriggerState(KEY, { historyPath })).toBeUndefined();
});

test('a dry run renders the poll with the kept state and sends nothing', async () => {
  const bp = {
    name: 'Dry',
    flow: [{ id: 1, module: 'app#feed:watchByDateAsc', parameters: { limit: 5 }, mapper: null }],
  };
  items(2);
  await runScenario(app, bp, options());
  const state = (await getTriggerState(KEY, { historyPath })) as { lastDate: string };
  const before = feed.log.length;
  const dry = await runScenario(app, bp, options({ dryRun: true }));
  expect(feed.log.length).toBe(before);
  expect((dry.requests as { url: string }[])[0].url).toContain(
    `created_since=${encodeURIComponent(state.lastDate)}`,
  );
});

test('a trigger anywhere but first is a blueprint error', async () => {
  const bp = watchAndGet();
  bp.flow.reverse();
  await expect(runScenario(app, bp, options())).rejects.toThrow(/a trigger can only be the first module/);
});

test('the schedule’s next tick finishes what an earlier run of the scenario left, then polls', async () => {
  const [a, b, c] = items(3);
  feed.failNext.set(b.id, 1);
  const left = await runScenario(app, watchAndGet(), options());
  expect(left.incomplete).toHaveLength(2);
  const later = items(1);
  const runs: ScenarioRun[] = [];
  const schedule = scheduleScenario(app, watchAndGet(), {
    ...options(),
    every: '1h',
    onEvent: (e) => {
      if (e.type === 'run:end') runs.push(e.run);
    },
  });
  while (runs.length < 2) await new Promise((r) => setTimeout(r, 20));
  await schedule.stop();
  expect(runs.map((r) => [r.retryOf === left.id, r.status])).toEqual([
    [true, 'success'],
    [false, 'success'],
  ]);
  expect([a, b, c, ...later].map((i) => gets(i.id))).toEqual([1, 2, 1, 1]);
});

test('a retry that fails again keeps the item (one attempt more) and those it did not reach, until one succeeds', async () => {
  const [a, b, c] = items(3);
  feed.failNext.set(b.id, 2);
  const run = await runScenario(app, watchAndGet([directive('Rollback')]), options());
  expect(run.incomplete).toHaveLength(2);
  const [second] = await retryIncomplete(app, { ...options(), runId: run.id });
  expect(second.status).toBe('error');
  expect(second.incomplete.map((i) => [(i.bundle['1'] as { id: string }).id, i.attempts])).toEqual([
    [b.id, 1],
    [c.id, 0],
  ]);
  const [third] = await retryIncomplete(app, { ...options(), runId: second.id });
  expect(third.status).toBe('success');
  expect([a, b, c].map((i) => gets(i.id))).toEqual([1, 3, 1]);
});

test('a scenario that starts with an instant trigger runs per delivery, not on its own', async () => {
  const bp = {
    flow: [{ id: 1, module: 'app#feed:watchItemEvents', parameters: { topic: 'items' }, mapper: null }],
  };
  await expect(runScenario(app, bp, options())).rejects.toThrow(/starts with an instant trigger .*--listen/);
  const dry = await runScenario(app, bp, options({ dryRun: true }));
  expect(dry.status).toBe('success');
});
