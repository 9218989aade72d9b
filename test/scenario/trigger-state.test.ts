/**
 * Trigger state in the run history (DESIGN "Run journal and trigger state"): kept by scenario key, and
 * written in one transaction with the run that starts from the items polled with it; the items are that
 * run's first journaled step, which a retry of the run serves instead of polling again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getTriggerState, setTriggerState } from '../../runtime';
import { createMasker } from '../../runtime/scenario/history/mask';
import { beginRun } from '../../runtime/scenario/history/journal';
import { getRun } from '../../runtime/scenario/history/queries';
import { closeHistory, openHistory } from '../../runtime/scenario/history/store';
import { ReplayFeed } from '../../runtime/scenario/replay';
import { tempDir } from './fixtures';

let dir: string;
let historyPath: string;
beforeEach(() => {
  dir = tempDir();
  historyPath = path.join(dir, 'history.db');
});
afterEach(() => {
  closeHistory();
  fs.rmSync(dir, { recursive: true, force: true });
});

const blueprint = {
  name: 'Watch',
  flow: [
    { id: 1, module: 'app#x:watchThings' },
    { id: 2, module: 'app#x:echo' },
  ],
};
const at = '2026-01-01T00:00:00.000Z';

test('get/set by scenario key, through the package main; undefined removes; reading creates no file', async () => {
  expect(await getTriggerState('/tmp/a.json', { historyPath })).toBeUndefined();
  expect(fs.existsSync(historyPath)).toBe(false);
  await setTriggerState('/tmp/a.json', { lastID: 41 }, { historyPath });
  await setTriggerState('/tmp/b.json', { lastDate: at }, { historyPath });
  await setTriggerState('/tmp/a.json', { lastID: 42 }, { historyPath });
  expect(await getTriggerState('/tmp/a.json', { historyPath })).toEqual({ lastID: 42 });
  expect(await getTriggerState('/tmp/b.json', { historyPath })).toEqual({ lastDate: at });
  await setTriggerState('/tmp/a.json', undefined, { historyPath });
  expect(await getTriggerState('/tmp/a.json', { historyPath })).toBeUndefined();
});

test('a run starts with the polled items and the new state in one transaction; the replay serves the items', async () => {
  const store = openHistory(historyPath);
  const items = [{ id: 43 }, { id: 44 }];
  const mask = createMasker({ apiKey: 'sk_trigger_secret' });
  const begun = beginRun(
    store,
    {
      id: 'r1',
      name: 'Watch',
      blueprint,
      startedAt: at,
      trigger: {
        key: 'watch',
        moduleId: '1',
        input: { token: 'sk_trigger_secret' },
        items,
        state: { lastID: 44 },
      },
    },
    mask,
  );
  expect(await getTriggerState('watch', { historyPath })).toEqual({ lastID: 44 });
  // Steps after the trigger's follow it in the journal.
  begun!.journal.step({
    moduleId: '2',
    durationMs: 1,
    operations: 1,
    input: { id: 43 },
    outputs: [{ id: 43 }],
  });
  const run = await getRun('r1', { historyPath });
  expect(run.modules.map((m) => [m.id, m.operations, m.bundlesOut])).toEqual([
    ['1', 1, 2],
    ['2', 1, 1],
  ]);
  expect(run.modules[0].inputs).toEqual([{ token: '********' }]);
  const feed = new ReplayFeed(['r1'], (...a) => store.stepsAfter(...a));
  expect(feed.take('1')?.outputs).toEqual(items);
  expect(feed.take('2')?.outputs).toEqual([{ id: 43 }]);

  // A run that cannot start (its id is taken) moves no state.
  expect(() =>
    beginRun(
      store,
      {
        id: 'r1',
        name: 'Watch',
        blueprint,
        startedAt: at,
        trigger: { key: 'watch', moduleId: '1', items: [{ id: 45 }], state: { lastID: 45 } },
      },
      mask,
    ),
  ).toThrow(/UNIQUE/);
  expect(await getTriggerState('watch', { historyPath })).toEqual({ lastID: 44 });
  const db = store.db.prepare('SELECT COUNT(*) AS n FROM run_steps WHERE run_id = ?').get('r1') as {
    n: number;
  };
  expect(db.n).toBe(2);
});
