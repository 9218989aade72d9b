import fs from 'node:fs';
import path from 'node:path';
import { ConnectionError } from '../../runtime/errors';
import { findAppDir, loadApp } from '../../runtime/definitions';
import * as publicApi from '../../runtime';
import { getRun, historyPathOf, listRuns } from '../../runtime/scenario/history/queries';
import Database from 'better-sqlite3';
import { closeHistory, HistoryStore } from '../../runtime/scenario/history/store';
import { createMasker } from '../../runtime/scenario/history/mask';
import { retryIncompleteWith } from '../../runtime/scenario/retry';
import { historyPathFor, runScenarioWith } from '../../runtime/scenario/run';
import { FakeModules, blueprint, mod, tempDir, testApp, things } from './fixtures';

const KEY = 'sk_live_0123456789abcdef';
const connection = { apiKey: KEY };

let dir: string;
let historyPath: string;
beforeEach(() => {
  dir = tempDir();
  historyPath = path.join(dir, '.sandbox', 'history.db');
});
afterEach(() => {
  closeHistory();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('run history', () => {
  test('a run is stored in <app>/.sandbox/history.db with each module’s masked input and output bundles', async () => {
    const app = testApp(dir);
    const fake = new FakeModules({
      listThings: () => things(['a', 'b']),
      // A module that echoes what it was given, credentials included, must not leak them into history.
      updateThing: (p) => [
        {
          id: p.id,
          echoed: `key=${KEY}`,
          headers: { Authorization: `Basic ${Buffer.from(`${KEY}:`).toString('base64')}` },
        },
      ],
    });
    const run = await runScenarioWith(
      app,
      blueprint([mod(1, 'listThings'), mod(2, 'updateThing', { id: '{{1.id}}', note: `token ${KEY}` })]),
      { connection, runId: 'r1' },
      { executor: fake.executor },
    );
    expect(fs.existsSync(historyPath)).toBe(true);
    // runScenario itself returns counters only.
    expect(run.modules[1]).toEqual({
      id: '2',
      module: 'app#chartmogul-x1y2z3:updateThing',
      operations: 2,
      bundlesIn: 2,
      bundlesOut: 2,
      durationMs: expect.any(Number),
      errors: [],
    });

    const stored = await getRun('r1', { historyPath });
    expect(stored).toMatchObject({ id: 'r1', name: 'Test scenario', status: 'success', operations: 3 });
    const update = stored.modules.find((m) => m.id === '2');
    expect(update?.inputs).toEqual([
      { id: 'a', note: 'token ********' },
      { id: 'b', note: 'token ********' },
    ]);
    expect(update?.outputs?.[0]).toEqual({
      id: 'a',
      echoed: 'key=********',
      headers: { Authorization: '********' },
    });
    const raw =
      fs.readFileSync(historyPath).toString('latin1') +
      (fs.existsSync(`${historyPath}-wal`) ? fs.readFileSync(`${historyPath}-wal`).toString('latin1') : '');
    expect(raw.includes(KEY)).toBe(false);
    expect(raw.includes(Buffer.from(`${KEY}:`).toString('base64'))).toBe(false);
  });

  test('listRuns lists the newest first, with limit; history:false stores nothing', async () => {
    const app = testApp(dir);
    const fake = new FakeModules({ listThings: () => things(['a']) });
    const bp = blueprint([mod(1, 'listThings')]);
    for (const [i, runId] of ['r1', 'r2', 'r3'].entries()) {
      await runScenarioWith(
        app,
        bp,
        { runId, now: new Date(Date.UTC(2026, 0, 1, 10, i)) },
        { executor: fake.executor },
      );
    }
    await runScenarioWith(app, bp, { runId: 'not-stored', history: false }, { executor: fake.executor });
    const runs = await listRuns({ historyPath });
    expect(runs.map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
    expect(runs[0]).toMatchObject({
      name: 'Test scenario',
      status: 'success',
      operations: 1,
      incomplete: 0,
      startedAt: '2026-01-01T10:02:00.000Z',
    });
    expect((await listRuns({ historyPath, limit: 1 })).map((r) => r.id)).toEqual(['r3']);
    await expect(getRun('not-stored', { historyPath })).rejects.toThrow('No run not-stored');
  });

  test('an id prefix names the one run it begins, however short; a prefix of several runs lists them', async () => {
    const app = testApp(dir);
    const fake = new FakeModules({ listThings: () => things(['a']) });
    for (const [i, runId] of ['a-1', 'b-1', 'b-2'].entries())
      await runScenarioWith(
        app,
        blueprint([mod(1, 'listThings')]),
        { runId, now: new Date(Date.UTC(2026, 0, 1, 10, i)) },
        { executor: fake.executor },
      );
    expect((await getRun('a', { historyPath })).id).toBe('a-1');
    const ambiguous = getRun('b-', { historyPath });
    await expect(ambiguous).rejects.toThrow('Run id prefix b- matches several runs: b-2, b-1');
    await expect(ambiguous).rejects.toMatchObject({ matches: ['b-2', 'b-1'] });
  });

  test('outside any app folder, listRuns/getRun read the file runScenario writes for loadApp(), and create none', async () => {
    const outside = tempDir(); // under the OS temp folder: no makecomapp.json upward
    const cwd = process.cwd();
    process.chdir(outside);
    try {
      // loadApp() falls back to the package's own app; its runs go to historyPathFor(app), and the
      // public readers default to the same folder.
      const app = await loadApp();
      expect(historyPathOf({ appDir: findAppDir() })).toBe(historyPathFor(app, {}));
      await publicApi.listRuns({ limit: 1 });
      await expect(publicApi.getRun('no-such-run')).rejects.toThrow('No run no-such-run');
      expect(fs.readdirSync(outside)).toEqual([]);
    } finally {
      process.chdir(cwd);
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  test('reading a history that does not exist yet lists nothing and creates no file', async () => {
    expect(await listRuns({ appDir: dir })).toEqual([]);
    await expect(getRun('r1', { appDir: dir })).rejects.toThrow('No run r1 in the history');
    expect(fs.existsSync(path.join(dir, '.sandbox'))).toBe(false);
  });

  test('a history file from before per-module durations is upgraded in place', () => {
    const file = path.join(dir, 'old.db');
    const old = new Database(file);
    old.exec(
      'CREATE TABLE run_modules (run_id TEXT NOT NULL, seq INTEGER NOT NULL, module_id TEXT NOT NULL, module TEXT NOT NULL, operations INTEGER NOT NULL, bundles_in INTEGER NOT NULL, bundles_out INTEGER NOT NULL, errors TEXT NOT NULL, inputs TEXT NOT NULL, outputs TEXT NOT NULL, PRIMARY KEY (run_id, seq))',
    );
    old.close();
    const store = new HistoryStore(file);
    const run = {
      id: 'r',
      status: 'success' as const,
      operations: 1,
      incomplete: [],
      startedAt: 'a',
      finishedAt: 'b',
      modules: [
        { id: '1', module: 'm', operations: 1, bundlesIn: 1, bundlesOut: 1, durationMs: 7, errors: [] },
      ],
    };
    store.saveRun(run, {});
    expect(store.getRun('r')?.modules[0].durationMs).toBe(7);
    store.close();
  });

  test('the masker cuts the key, Basic credentials and Authorization-like values out of any depth', () => {
    const mask = createMasker({ apiKey: KEY, secretKey: 'another-secret' });
    expect(
      mask({
        a: [{ b: `x${KEY}y` }],
        authorization: 'anything',
        'X-Api-Key': 'k',
        s: 'another-secret',
        d: new Date(0),
        n: 1,
      }),
    ).toEqual({
      a: [{ b: 'x********y' }],
      authorization: '********',
      'X-Api-Key': '********',
      s: '********',
      d: '1970-01-01T00:00:00.000Z',
      n: 1,
    });
  });
});

describe('incomplete executions and retries', () => {
  const T0 = new Date('2026-01-01T10:00:00Z');
  const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
  const breakWith = (mapper?: Record<string, unknown>) => [
    { id: 9, module: 'builtin:Break', version: 1, ...(mapper ? { mapper } : {}) },
  ];
  const bp = (mapper?: Record<string, unknown>) =>
    blueprint([
      mod(1, 'listThings'),
      mod(2, 'updateThing', { id: '{{1.id}}' }, { onerror: breakWith(mapper) }),
      mod(3, 'echo', { id: '{{2.id}}' }),
    ]);

  /** updateThing fails for the ids in `down` (a mutable set the test changes between runs). */
  function service(down: Set<string>) {
    return new FakeModules({
      listThings: () => things(['a', 'b', 'c']),
      updateThing: (p) => {
        if (down.has(String(p.id))) throw new ConnectionError(`503 for ${String(p.id)}`);
        return [{ id: p.id, updated: true }];
      },
      echo: (p) => [p],
    });
  }

  test('a due incomplete execution resumes at the failed module with its stored context and completes', async () => {
    const app = testApp(dir);
    const down = new Set(['b', 'c']);
    const fake = service(down);
    const first = await runScenarioWith(
      app,
      bp({ retry: true, count: '3', interval: '15' }),
      { connection, runId: 'r1', now: T0 },
      { executor: fake.executor },
    );
    expect(first.status).toBe('warning');
    expect(first.incomplete.map((i) => i.bundle['1'].id)).toEqual(['b', 'c']);
    expect((await listRuns({ historyPath }))[0]).toMatchObject({ id: 'r1', incomplete: 2 });

    down.clear();
    // Not due yet at +10 minutes.
    expect(
      await retryIncompleteWith(app, { connection, now: minutes(10) }, { executorFor: () => fake.executor }),
    ).toEqual([]);
    const before = fake.calls.length;
    const retried = await retryIncompleteWith(
      app,
      { connection, now: minutes(16) },
      { executorFor: () => fake.executor },
    );
    expect(retried).toHaveLength(1);
    expect(retried[0]).toMatchObject({ status: 'success', retryOf: 'r1', operations: 4, incomplete: [] });
    // Only the failed module and what follows ran again: not the list.
    expect(fake.calls.slice(before).map((c) => `${c.moduleId}:${String(c.params.id)}`)).toEqual([
      'updateThing:b',
      'echo:b',
      'updateThing:c',
      'echo:c',
    ]);

    const original = await getRun('r1', { historyPath });
    expect(original.incomplete.map((i) => i.status)).toEqual(['resolved', 'resolved']);
    expect((await listRuns({ historyPath }))[0]).toMatchObject({ retryOf: 'r1', incomplete: 0 });
    // Nothing is left to retry.
    expect(
      await retryIncompleteWith(app, { connection, now: minutes(60) }, { executorFor: () => fake.executor }),
    ).toEqual([]);
  });

  test('a retry that breaks again counts the attempt; auto retries stop after `count`, a manual retry still runs', async () => {
    const app = testApp(dir);
    const down = new Set(['b']);
    const fake = service(down);
    await runScenarioWith(
      app,
      bp({ retry: true, count: '2', interval: '5' }),
      { connection, runId: 'r1', now: T0 },
      { executor: fake.executor },
    );

    const [second] = await retryIncompleteWith(
      app,
      { connection, now: minutes(6) },
      { executorFor: () => fake.executor },
    );
    expect(second.status).toBe('warning');
    expect(second.incomplete[0]).toMatchObject({
      attempts: 1,
      nextAttemptAt: minutes(11).toISOString(),
      status: 'pending',
    });

    const [third] = await retryIncompleteWith(
      app,
      { connection, now: minutes(12) },
      { executorFor: () => fake.executor },
    );
    expect(third.incomplete[0]).toMatchObject({ attempts: 2, nextAttemptAt: null });
    // Auto retries are used up.
    expect(
      await retryIncompleteWith(app, { connection, now: minutes(600) }, { executorFor: () => fake.executor }),
    ).toEqual([]);

    down.clear();
    const [manual] = await retryIncompleteWith(
      app,
      { runId: third.id, connection, now: minutes(601) },
      { executorFor: () => fake.executor },
    );
    expect(manual).toMatchObject({ status: 'success', retryOf: third.id });
  });

  test('without retry settings only a manual retry of the named run runs it', async () => {
    const app = testApp(dir);
    const down = new Set(['a']);
    const fake = service(down);
    await runScenarioWith(app, bp(), { connection, runId: 'r1', now: T0 }, { executor: fake.executor });
    expect(
      await retryIncompleteWith(
        app,
        { connection, now: minutes(1000) },
        { executorFor: () => fake.executor },
      ),
    ).toEqual([]);
    down.clear();
    const runs = await retryIncompleteWith(
      app,
      { runId: 'r1', connection, now: T0 },
      { executorFor: () => fake.executor },
    );
    expect(runs.map((r) => r.status)).toEqual(['success']);
  });
});
