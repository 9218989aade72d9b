/**
 * The run journal, in process, with the runner's executor interface standing in for the app (the
 * kill -9 and signal tests with the real CLI, engine and sandbox are in journal.e2e.test.ts): a run is
 * readable while it runs; a run whose writer is gone is interrupted; a retry replays its journal without
 * sending what it holds and finishes it; outcomes say whether an execution may have taken effect.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ConnectionError, DuplicateDataError } from '../../runtime/errors';
import { getRun, listRuns } from '../../runtime/scenario/history/queries';
import { closeHistory, openHistory } from '../../runtime/scenario/history/store';
import { beatAll, SILENCE_MS, stoppedWriting } from '../../runtime/scenario/history/writers';
import { retryIncompleteWith } from '../../runtime/scenario/retry';
import { runScenarioWith } from '../../runtime/scenario/run';
import type { ScenarioRun } from '../../runtime/scenario/types';
import { FakeModules, blueprint, mod, tempDir, testApp, things } from './fixtures';

const connection = { apiKey: 'sk_journal_0123456789' };
const T0 = new Date('2026-01-01T10:00:00Z');

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

/** A promise the test opens when it wants. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { opened, open };
}

/** list a..e → update (writes) → echo; update of `hangOn` never answers (the process "dies" there). */
function writes(
  ids: string[],
  opts: { hangOn?: string; failOn?: Set<string>; duplicateOn?: Set<string> } = {},
) {
  const reached = gate();
  const fake = new FakeModules({
    listThings: () => things(ids),
    updateThing: async (p) => {
      const id = String(p.id);
      if (id === opts.hangOn) {
        reached.open();
        await new Promise(() => undefined);
      }
      if (opts.duplicateOn?.has(id)) throw new DuplicateDataError(`[422] ${id} already exists`);
      if (opts.failOn?.has(id))
        throw Object.assign(new ConnectionError(`reply to ${id} lost`), { outcome: 'unknown' });
      return [{ id, written: true }];
    },
    echo: (p) => [p],
  });
  return { fake, reached };
}

const flow = (onerror?: unknown[]) =>
  blueprint([
    mod(1, 'listThings'),
    mod(2, 'updateThing', { id: '{{1.id}}' }, onerror ? { onerror } : {}),
    mod(3, 'echo', { id: '{{2.id}}' }),
  ]);

/** Starts a run that hangs inside updateThing(`hangOn`), then forgets it as a killed process would. */
async function killedRun(ids: string[], hangOn: string, onerror?: unknown[], failOn?: Set<string>) {
  const app = testApp(dir);
  const { fake, reached } = writes(ids, { hangOn, failOn });
  void runScenarioWith(
    app,
    flow(onerror),
    { connection, runId: 'r1', now: T0, historyPath },
    { executor: fake.executor },
  );
  await reached.opened;
  // This process no longer writes r1: as far as the history can tell, its writer is gone.
  stoppedWriting('r1');
  return { app, fake };
}

test('a run is in the history from its start: running, with each committed step, then its end', async () => {
  const app = testApp(dir);
  const held = gate();
  let atC!: () => void;
  const cReached = new Promise<void>((r) => (atC = r));
  const fake = new FakeModules({
    listThings: () => things(['a', 'b', 'c']),
    updateThing: async (p) => {
      if (p.id === 'c') {
        atC();
        await held.opened;
      }
      return [{ id: p.id }];
    },
    echo: (p) => [p],
  });
  const done = runScenarioWith(
    app,
    flow(),
    { connection, runId: 'r1', historyPath },
    { executor: fake.executor },
  );
  await cReached;
  const [listed] = await listRuns({ historyPath });
  expect(listed).toMatchObject({ id: 'r1', status: 'running', operations: 5 });
  const running = await getRun('r1', { historyPath });
  expect(running.modules.map((m) => [m.id, m.operations, m.bundlesOut])).toEqual([
    ['1', 1, 3],
    ['2', 2, 2],
    ['3', 2, 2],
  ]);
  expect(running.modules[1].inputs).toEqual([{ id: 'a' }, { id: 'b' }]);
  held.open();
  await done;
  const finished = await getRun('r1', { historyPath });
  expect(finished).toMatchObject({ status: 'success', operations: 7 });
  expect(finished.modules[1]).toMatchObject({ operations: 3, bundlesIn: 3, bundlesOut: 3 });
  expect(finished.modules[1].outputs).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
});

test('a running run whose process is gone is interrupted, with what it did and one execution that finishes it', async () => {
  await killedRun(['a', 'b', 'c', 'd'], 'c');
  const [listed] = await listRuns({ historyPath });
  expect(listed).toMatchObject({ id: 'r1', status: 'interrupted', operations: 5, incomplete: 1 });
  const run = await getRun('r1', { historyPath });
  expect(run.modules.map((m) => [m.id, m.operations])).toEqual([
    ['1', 1],
    ['2', 2],
    ['3', 2],
  ]);
  expect(run.incomplete).toEqual([
    expect.objectContaining({
      moduleId: '1',
      bundle: {},
      error: { type: 'ExecutionInterruptedError', message: expect.stringContaining('process ended') },
      outcome: 'unknown',
      status: 'pending',
    }),
  ]);

  // Another process's run: interrupted once that process has exited, not while it lives.
  const store = openHistory(historyPath);
  const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  const deadPid = Number(exited.stdout.toString());
  for (const [id, pid] of [
    ['alive', process.ppid],
    ['dead', deadPid],
  ] as const) {
    store.db
      .prepare(
        `INSERT INTO runs (id, name, status, operations, started_at, finished_at, blueprint, writer_host, writer_pid)
         VALUES (?, 'x', 'running', 0, ?, ?, '{"flow":[{"id":1}]}', (SELECT writer_host FROM runs WHERE id = 'r1'), ?)`,
      )
      .run(id, T0.toISOString(), T0.toISOString(), pid);
  }
  expect((await getRun('alive', { historyPath })).status).toBe('running');
  expect((await getRun('dead', { historyPath })).status).toBe('interrupted');
});

test('a run written on another host is interrupted once its writer has been silent too long', async () => {
  // Another machine's process cannot be checked from here (a container gets a new host name each start):
  // its runs count as alive while they beat or journal steps, and as abandoned after SILENCE_MS of neither.
  const store = openHistory(historyPath);
  const now = Date.now();
  const insert = store.db.prepare(
    `INSERT INTO runs (id, name, status, operations, started_at, finished_at, blueprint, writer_host, writer_pid, heartbeat_at)
     VALUES (?, 'x', 'running', 0, ?, ?, '{"flow":[{"id":1}]}', 'another-host', 1, ?)`,
  );
  const old = new Date(now - SILENCE_MS - 60_000).toISOString();
  insert.run('beating', old, old, now - 1000);
  insert.run('silent', old, old, now - SILENCE_MS - 60_000);
  // Written before heartbeats: its last journaled step is the sign of life.
  insert.run('stepping', old, old, null);
  insert.run('quiet', old, old, null);
  store.db
    .prepare(
      `INSERT INTO run_steps (run_id, seq, module_id, at, duration_ms, operations, input, outputs, outputs_count)
       VALUES ('stepping', 0, '1', ?, 1, 1, '{}', '[]', 0)`,
    )
    .run(now - 1000);
  const status = async (id: string) => (await getRun(id, { historyPath })).status;
  expect(await status('beating')).toBe('running');
  expect(await status('stepping')).toBe('running');
  expect(await status('silent')).toBe('interrupted');
  expect(await status('quiet')).toBe('interrupted');
  expect((await getRun('silent', { historyPath })).incomplete).toEqual([
    expect.objectContaining({
      error: expect.objectContaining({
        type: 'ExecutionInterruptedError',
        message: expect.stringContaining('another-host'),
      }),
      outcome: 'unknown',
      status: 'pending',
    }),
  ]);
});

test('a writer marks the runs it is writing alive, and stops when it no longer writes them', async () => {
  const { fake, reached } = writes(['a', 'b'], { hangOn: 'b' });
  void runScenarioWith(
    testApp(dir),
    flow(),
    { connection, runId: 'r1', now: T0, historyPath },
    { executor: fake.executor },
  );
  await reached.opened;
  const store = openHistory(historyPath);
  const heartbeat = () =>
    (store.db.prepare(`SELECT heartbeat_at AS at FROM runs WHERE id = 'r1'`).get() as { at: number | null })
      .at;
  expect(heartbeat()).toEqual(expect.any(Number)); // from the run's start
  beatAll(42_000);
  expect(heartbeat()).toBe(42_000);
  stoppedWriting('r1');
  beatAll(43_000);
  expect(heartbeat()).toBe(42_000);
});

test('a retry replays the journal (nothing it holds is sent again) and finishes the run', async () => {
  const { app, fake } = await killedRun(['a', 'b', 'c', 'd'], 'c');
  const before = fake.calls.length;
  const done = writes(['a', 'b', 'c', 'd']).fake;
  const [retry] = await retryIncompleteWith(
    app,
    { connection, runId: 'r1', historyPath },
    { executorFor: () => done.executor },
  );
  expect(fake.calls.length).toBe(before);
  // The list and a, b came from the journal; c (in flight when the process died) and d are sent.
  expect(done.trace()).toEqual(['updateThing:c', 'echo:c', 'updateThing:d', 'echo:d']);
  expect(retry).toMatchObject({ status: 'success', retryOf: 'r1', operations: 4 });
  expect((await getRun('r1', { historyPath })).incomplete[0]).toMatchObject({ status: 'resolved' });
  expect(
    await retryIncompleteWith(app, { connection, historyPath }, { executorFor: () => done.executor }),
  ).toEqual([]);
});

test('the retry of an interrupted run takes the in-flight write that answers DuplicateDataError as applied', async () => {
  const { app } = await killedRun(['a', 'b', 'c'], 'c', [{ id: 9, module: 'builtin:Break', mapper: {} }]);
  // c had landed before the process died: repeating it now answers "already exists".
  const again = writes(['a', 'b', 'c'], { duplicateOn: new Set(['c']) }).fake;
  const [retry] = await retryIncompleteWith(
    app,
    { connection, runId: 'r1', historyPath },
    { executorFor: () => again.executor },
  );
  expect(again.trace()).toEqual(['updateThing:c']);
  // Not stored again: it can never succeed, and it need not.
  expect(retry.incomplete).toEqual([]);
  expect((await listRuns({ historyPath })).reduce((n, r) => n + r.incomplete, 0)).toBe(0);
});

test('Ctrl-C (a stop request) ends the run interrupted, nothing in flight; the retry runs only what is left', async () => {
  const app = testApp(dir);
  const controller = new AbortController();
  const fake = new FakeModules({
    listThings: () => things(['a', 'b', 'c']),
    updateThing: (p) => {
      if (p.id === 'a') controller.abort();
      return [{ id: p.id }];
    },
    echo: (p) => [p],
  });
  const run = await runScenarioWith(
    app,
    flow(),
    { connection, runId: 'r1', historyPath, signal: controller.signal, now: T0 },
    { executor: fake.executor },
  );
  expect(run).toMatchObject({ status: 'interrupted', stoppedBy: 'abort', operations: 3 });
  expect(run.incomplete).toEqual([
    expect.objectContaining({
      error: expect.objectContaining({ type: 'ExecutionInterruptedError' }),
      outcome: 'failed',
    }),
  ]);
  const rest = writes(['a', 'b', 'c']).fake;
  // Due at once: a retry of everything due finishes it too.
  const [retry] = await retryIncompleteWith(
    app,
    { connection, historyPath, now: T0 },
    { executorFor: () => rest.executor },
  );
  expect(rest.trace()).toEqual(['updateThing:b', 'echo:b', 'updateThing:c', 'echo:c']);
  expect(retry.status).toBe('success');
});

test('a Break stored before the process died is not stored again by the replay; it is retried once, on its own', async () => {
  const breakFor = [{ id: 9, module: 'builtin:Break', mapper: { retry: true, count: '3', interval: '1' } }];
  const { app } = await killedRun(['a', 'b', 'c', 'd'], 'c', breakFor, new Set(['a']));
  const first = await getRun('r1', { historyPath });
  expect(first.incomplete.map((i) => [i.moduleId, i.error.type, i.outcome])).toEqual([
    ['2', 'ConnectionError', 'unknown'],
    ['1', 'ExecutionInterruptedError', 'unknown'],
  ]);
  const healthy = writes(['a', 'b', 'c', 'd']).fake;
  const later = new Date(Date.now() + 5 * 60_000);
  const [retry] = await retryIncompleteWith(
    app,
    { connection, historyPath, now: later },
    { executorFor: () => healthy.executor },
  );
  // a's Break is resumed once (after the replay), c and d sent once each; b came from the journal.
  expect(healthy.trace().sort()).toEqual([
    'echo:a',
    'echo:c',
    'echo:d',
    'updateThing:a',
    'updateThing:c',
    'updateThing:d',
  ]);
  expect(retry).toMatchObject({ status: 'success', incomplete: [] });
  expect((await getRun('r1', { historyPath })).incomplete.map((i) => i.status)).toEqual([
    'resolved',
    'resolved',
  ]);
});

test('a retry cut short is finished by the next one, which serves both journals and resolves what each took', async () => {
  const { app } = await killedRun(['a', 'b', 'c', 'd'], 'b');
  // The first retry dies too, inside c.
  const second = writes(['a', 'b', 'c', 'd'], { hangOn: 'c' });
  const runs: ScenarioRun[] = [];
  void retryIncompleteWith(
    app,
    { connection, runId: 'r1', historyPath },
    { executorFor: () => second.fake.executor },
  ).then((r) => runs.push(...r));
  await second.reached.opened;
  const [r2] = (await listRuns({ historyPath })).filter((r) => r.retryOf === 'r1');
  stoppedWriting(r2.id);
  expect((await getRun('r1', { historyPath })).incomplete[0].status).toBe('retrying');
  expect((await getRun(r2.id, { historyPath })).status).toBe('interrupted');

  const third = writes(['a', 'b', 'c', 'd']).fake;
  const [r3] = await retryIncompleteWith(
    app,
    { connection, historyPath },
    { executorFor: () => third.executor },
  );
  expect(r3.retryOf).toBe(r2.id);
  // a came from r1's journal, b from r2's; c was in flight when r2 died.
  expect(third.trace()).toEqual(['updateThing:c', 'echo:c', 'updateThing:d', 'echo:d']);
  expect((await getRun('r1', { historyPath })).incomplete[0].status).toBe('resolved');
  expect((await getRun(r2.id, { historyPath })).incomplete[0].status).toBe('resolved');
  // The cut-short retry never returned (its "process" died).
  expect(runs).toEqual([]);
});

test('a retry stopped by a signal ends interrupted after the bundle in flight; the next retry finishes the chain', async () => {
  const { app } = await killedRun(['a', 'b', 'c', 'd'], 'b');
  // The retry is asked to stop while c is being written: c finishes, d is left for later.
  const controller = new AbortController();
  const inFlight = gate();
  const release = gate();
  const second = new FakeModules({
    listThings: () => things(['a', 'b', 'c', 'd']),
    updateThing: async (p) => {
      if (p.id === 'c') {
        inFlight.open();
        await release.opened;
      }
      return [{ id: p.id, written: true }];
    },
    echo: (p) => [p],
  });
  const stopped = retryIncompleteWith(
    app,
    { connection, runId: 'r1', historyPath, signal: controller.signal },
    { executorFor: () => second.executor },
  );
  await inFlight.opened;
  controller.abort('SIGINT');
  release.open();
  const [r2] = await stopped;
  // b was in flight when r1's process died: it is sent again (outcome unknown), then c, in flight at the stop.
  expect(second.trace()).toEqual(['updateThing:b', 'echo:b', 'updateThing:c', 'echo:c']);
  expect(r2).toMatchObject({ status: 'interrupted', stoppedBy: 'abort', retryOf: 'r1' });
  expect((await getRun(r2.id, { historyPath })).incomplete).toEqual([
    expect.objectContaining({
      error: expect.objectContaining({ type: 'ExecutionInterruptedError' }),
      outcome: 'failed',
      status: 'pending',
    }),
  ]);
  // What r2 took over is not done yet: it stays with r2 until the run that finishes r2 resolves both.
  expect((await getRun('r1', { historyPath })).incomplete[0].status).toBe('retrying');

  const third = writes(['a', 'b', 'c', 'd']).fake;
  const [r3] = await retryIncompleteWith(
    app,
    { connection, runId: r2.id, historyPath },
    { executorFor: () => third.executor },
  );
  expect(r3).toMatchObject({ status: 'success', retryOf: r2.id });
  expect(third.trace()).toEqual(['updateThing:d', 'echo:d']);
  expect((await getRun('r1', { historyPath })).incomplete[0].status).toBe('resolved');
  expect((await getRun(r2.id, { historyPath })).incomplete[0].status).toBe('resolved');
});

test('a retry of Breaks stopped by a signal leaves the ones it did not reach for the next retry', async () => {
  const app = testApp(dir);
  const breakFor = [{ id: 9, module: 'builtin:Break', mapper: {} }];
  const failing = writes(['a', 'b', 'c'], { failOn: new Set(['a', 'b', 'c']) }).fake;
  const r1 = await runScenarioWith(
    app,
    flow(breakFor),
    { connection, runId: 'r1', historyPath },
    { executor: failing.executor },
  );
  expect(r1.incomplete).toHaveLength(3);
  const controller = new AbortController();
  const second = new FakeModules({
    updateThing: async (p) => {
      // The stop request comes while the first Break is retried.
      controller.abort('SIGTERM');
      return [{ id: p.id, written: true }];
    },
    echo: (p) => [p],
  });
  const [r2] = await retryIncompleteWith(
    app,
    { connection, runId: 'r1', historyPath, signal: controller.signal },
    { executorFor: () => second.executor },
  );
  expect(second.trace()).toEqual(['updateThing:a', 'echo:a']);
  expect(r2).toMatchObject({ status: 'interrupted', stoppedBy: 'abort' });
  expect((await getRun('r1', { historyPath })).incomplete.map((i) => i.status)).toEqual([
    'retrying',
    'retrying',
    'retrying',
  ]);

  const third = writes(['a', 'b', 'c']).fake;
  const [r3] = await retryIncompleteWith(
    app,
    { connection, runId: r2.id, historyPath },
    { executorFor: () => third.executor },
  );
  expect(r3.status).toBe('success');
  expect(third.trace()).toEqual(['updateThing:b', 'echo:b', 'updateThing:c', 'echo:c']);
  expect((await getRun('r1', { historyPath })).incomplete.map((i) => i.status)).toEqual([
    'resolved',
    'resolved',
    'resolved',
  ]);
});

test('a write whose reply was lost is stored with outcome unknown; its retry that meets DuplicateDataError resolves it', async () => {
  const app = testApp(dir);
  const breakFor = [{ id: 9, module: 'builtin:Break', mapper: {} }];
  const lost = writes(['a', 'b'], { failOn: new Set(['a']) }).fake;
  const run = await runScenarioWith(
    app,
    flow(breakFor),
    { connection, runId: 'r1', historyPath },
    { executor: lost.executor },
  );
  expect(run.incomplete).toEqual([expect.objectContaining({ moduleId: '2', outcome: 'unknown' })]);
  const landed = writes(['a', 'b'], { duplicateOn: new Set(['a']) }).fake;
  const [retry] = await retryIncompleteWith(
    app,
    { connection, runId: 'r1', historyPath },
    { executorFor: () => landed.executor },
  );
  expect(landed.trace()).toEqual(['updateThing:a']);
  expect(retry).toMatchObject({ status: 'warning', incomplete: [] });
  expect((await getRun('r1', { historyPath })).incomplete[0].status).toBe('resolved');
  // A DuplicateDataError for a write that had definitely failed is stored again as usual.
  const failed = writes(['x'], { duplicateOn: new Set(['x']) }).fake;
  const plain = await runScenarioWith(
    app,
    flow(breakFor),
    { connection, runId: 'r2', historyPath },
    { executor: failed.executor },
  );
  expect(plain.incomplete).toEqual([
    expect.objectContaining({
      outcome: 'failed',
      error: expect.objectContaining({ type: 'DuplicateDataError' }),
    }),
  ]);
});

test("a run's end copies its journal into the database file: the WAL is not left to grow until the backstop", async () => {
  const app = testApp(dir);
  const big = 'x'.repeat(10_000);
  const fake = new FakeModules({
    listThings: () => things(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']),
    updateThing: (p) => [{ id: p.id, big }],
    echo: (p) => [p],
  });
  await runScenarioWith(app, flow(), { connection, runId: 'r1', historyPath }, { executor: fake.executor });
  // Ten 10 kB outputs are far below SQLite's own checkpoint threshold (1,000 pages): only the run's
  // end puts them in the database file itself.
  expect(fs.statSync(historyPath).size).toBeGreaterThan(10 * big.length);
  expect((await getRun('r1', { historyPath })).modules[1].outputs).toHaveLength(10);
});
