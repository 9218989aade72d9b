/**
 * The run history's schema changes: named migrations applied once each, and a history written by the code
 * of commit 1995186 (fixtures/history-1995186.db, see fixtures/README.md) opening with today's code and
 * keeping its runs, bundles and incomplete executions, one of which is then retried through the real
 * engine against a sandbox.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadApp, retryIncomplete } from '../../runtime';
import { getRun, listRuns } from '../../runtime/scenario/history/queries';
import {
  applyMigrations,
  HISTORY_MIGRATIONS,
  type Migration,
} from '../../runtime/scenario/history/migrations';
import { closeHistory, openHistory } from '../../runtime/scenario/history/store';
import { startSandbox } from '../../sandbox';
import { tempDir } from './fixtures';

const ROOT = path.join(__dirname, '..', '..');
const FIXTURE = path.join(__dirname, 'fixtures', 'history-1995186.db');

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => {
  closeHistory();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a history written by the code of commit 1995186', () => {
  let historyPath: string;
  beforeEach(() => {
    historyPath = path.join(dir, 'history.db');
    fs.copyFileSync(FIXTURE, historyPath);
  });

  test('opens with every migration applied, and lists and shows its runs as they were', async () => {
    const runs = await listRuns({ historyPath });
    expect(runs.map((r) => [r.name, r.status, r.operations, r.incomplete])).toEqual([
      ['Ping with an auto-retry Break', 'success', 1, 0],
      ['List customers while the service is down (warning)', 'warning', 1, 0],
      ['Ping with an auto-retry Break', 'warning', 2, 0],
      ['Ping with a manual Break', 'warning', 2, 1],
      ['Get a missing customer (error)', 'error', 2, 0],
      ['Tag past-due customers', 'success', 4, 0],
    ]);
    const [retried, , autoBreak] = runs;
    expect(retried.retryOf).toBe(autoBreak.id);

    const tagged = await getRun(runs[5].id, { historyPath });
    expect(tagged.modules.map((m) => [m.id, m.operations, m.bundlesIn, m.bundlesOut])).toEqual([
      ['1', 1, 1, 3],
      ['2', 3, 3, 3],
    ]);
    expect(tagged.modules[0].outputs).toHaveLength(3);
    expect(tagged.modules[0].inputs).toEqual([{ limit: 200, status: 'Past_Due' }]);
    expect(tagged.modules[1].inputs?.[0]).toMatchObject({ method: 'POST', body: { tags: ['past-due'] } });

    const failed = await getRun(runs[4].id, { historyPath });
    expect(failed).toMatchObject({ status: 'error', stoppedBy: 'error' });
    expect(failed.modules[1].errors[0]).toMatchObject({
      type: 'RuntimeError',
      message: expect.stringMatching(/^\[404\]/),
    });

    const resolved = await getRun(autoBreak.id, { historyPath });
    expect(resolved.incomplete).toEqual([
      expect.objectContaining({ moduleId: '2', status: 'resolved', attempts: 0 }),
    ]);

    const db = new Database(historyPath, { readonly: true });
    const names = (
      db.prepare('SELECT name FROM schema_migrations ORDER BY rowid').all() as { name: string }[]
    ).map((r) => r.name);
    db.close();
    expect(names).toEqual(HISTORY_MIGRATIONS.map((m) => m.name));
  });

  test('its pending incomplete execution is retried by the real engine and resolved', async () => {
    const [pendingRun] = (await listRuns({ historyPath })).filter((r) => r.incomplete > 0);
    const before = await getRun(pendingRun.id, { historyPath });
    expect(before.incomplete).toEqual([
      expect.objectContaining({
        moduleId: '2',
        status: 'pending',
        nextAttemptAt: null,
        error: { type: 'ConnectionError', message: '[503] Service Unavailable' },
        bundle: { '1': { label: 'fixture' } },
      }),
    ]);
    const app = await loadApp(ROOT);
    const sb = await startSandbox({ limits: false });
    try {
      const [retry] = await retryIncomplete(app, {
        runId: pendingRun.id,
        connection: { apiKey: sb.apiKey },
        target: sb.url,
        historyPath,
      });
      expect(retry).toMatchObject({ status: 'success', retryOf: pendingRun.id, operations: 1 });
      const after = await getRun(pendingRun.id, { historyPath });
      expect(after.incomplete[0]).toMatchObject({ status: 'resolved' });
      const shown = await getRun(retry.id, { historyPath });
      expect(shown.modules.find((m) => m.id === '2')?.outputs).toEqual([
        expect.objectContaining({ statusCode: 200, body: { data: 'pong!' } }),
      ]);
    } finally {
      await sb.close();
    }
  });
});

describe('named migrations', () => {
  const open = () => new Database(path.join(dir, 'm.db'));

  test('apply once each, in list order, recorded by name; a later list applies only what is new', () => {
    const db = open();
    const order: string[] = [];
    const first: Migration[] = [
      { name: 'a-one', up: (d) => (order.push('a-one'), d.exec('CREATE TABLE one (x)')) },
      { name: 'b-two', up: (d) => (order.push('b-two'), d.exec('CREATE TABLE two (x)')) },
    ];
    expect(applyMigrations(db, first)).toEqual(['a-one', 'b-two']);
    expect(applyMigrations(db, first)).toEqual([]);
    const later = [
      ...first,
      { name: 'c-three', up: (d: Database.Database) => void d.exec('CREATE TABLE three (x)') },
    ];
    expect(applyMigrations(db, later)).toEqual(['c-three']);
    expect(order).toEqual(['a-one', 'b-two']);
    db.close();
  });

  test('a migration that fails leaves nothing of itself behind and names itself; a name listed twice is refused', () => {
    const db = open();
    const failing: Migration = {
      name: 'x-broken',
      up: (d) => {
        d.exec('CREATE TABLE half (x)');
        d.exec('INSERT INTO no_such_table VALUES (1)');
      },
    };
    expect(() => applyMigrations(db, [failing])).toThrow(
      /history migration "x-broken" failed: no such table/,
    );
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: 0 });
    const twice = { name: 'y-dup', up: () => undefined };
    expect(() => applyMigrations(db, [twice, twice])).toThrow('history migration "y-dup" is listed twice');
    db.close();
  });
});

describe('file mode', () => {
  const mode = (file: string) => fs.statSync(file).mode & 0o777;

  test('a new history file (and its WAL) is readable by its owner only; an existing file keeps its mode', () => {
    const file = path.join(dir, 'new', '.sandbox', 'history.db');
    const store = openHistory(file);
    store.saveRun(
      {
        id: 'r',
        status: 'success',
        operations: 0,
        modules: [],
        incomplete: [],
        startedAt: 'a',
        finishedAt: 'b',
      },
      {},
    );
    expect(mode(file)).toBe(0o600);
    expect(mode(`${file}-wal`)).toBe(0o600);
    expect(mode(path.dirname(file))).toBe(0o700);
    closeHistory();

    const shared = path.join(dir, 'shared.db');
    fs.writeFileSync(shared, '', { mode: 0o640 });
    fs.chmodSync(shared, 0o640);
    openHistory(shared);
    expect(mode(shared)).toBe(0o640);
  });
});
