/**
 * Run history in SQLite (better-sqlite3): runs, each module's counters and (masked) input and output
 * bundles, and incomplete executions with their retry settings. One file per app folder, beside the
 * sandbox's database: `<app>/.sandbox/history.db`. Everything a run produced is written in one
 * transaction when the run ends.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { IncompleteExecution, ModuleSummary, ScenarioRun, ScenarioRunSummary } from '../types';
import { migrateHistory } from './migrations';

export interface StoredIncomplete extends IncompleteExecution {
  id: string;
  runId: string;
  attempts: number;
  nextAttemptAt: string | null;
}

interface RunRow {
  id: string;
  name: string;
  status: ScenarioRun['status'];
  operations: number;
  started_at: string;
  finished_at: string;
  stopped_by: ScenarioRun['stoppedBy'] | null;
  retry_of: string | null;
  blueprint: string;
}

interface IncompleteRow {
  id: string;
  run_id: string;
  module_id: string;
  context: string;
  error: string;
  retry: string;
  attempts: number;
  next_attempt_at: string | null;
  status: NonNullable<IncompleteExecution['status']>;
}

export class HistoryStore {
  readonly db: Database.Database;

  constructor(readonly file: string) {
    if (file !== ':memory:') createPrivately(file);
    // Required when a history is first opened: the package main re-exports the runner, and loading
    // the native SQLite binding is not free for commands that never touch history.
    const Sqlite = require('better-sqlite3') as typeof Database;
    this.db = new Sqlite(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    migrateHistory(this.db);
  }

  /** Stores a finished run (already masked) with its blueprint, so its incomplete executions can be retried. */
  saveRun(run: ScenarioRun, blueprint: unknown): void {
    const insertRun = this.db.prepare(
      `INSERT INTO runs (id, name, status, operations, started_at, finished_at, stopped_by, retry_of, blueprint)
       VALUES (@id, @name, @status, @operations, @startedAt, @finishedAt, @stoppedBy, @retryOf, @blueprint)`,
    );
    const insertModule = this.db.prepare(
      `INSERT INTO run_modules (run_id, seq, module_id, module, operations, bundles_in, bundles_out, duration_ms, errors, inputs, outputs)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertIncomplete = this.db.prepare(
      `INSERT INTO incomplete (id, run_id, seq, module_id, context, error, retry, attempts, next_attempt_at, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      insertRun.run({
        id: run.id,
        name: run.name ?? 'Scenario',
        status: run.status,
        operations: run.operations,
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
        stoppedBy: run.stoppedBy ?? null,
        retryOf: run.retryOf ?? null,
        blueprint: JSON.stringify(blueprint),
      });
      run.modules.forEach((m, seq) =>
        insertModule.run(
          run.id,
          seq,
          m.id,
          m.module,
          m.operations,
          m.bundlesIn,
          m.bundlesOut,
          m.durationMs ?? 0,
          JSON.stringify(m.errors),
          JSON.stringify(m.inputs ?? []),
          JSON.stringify(m.outputs ?? []),
        ),
      );
      run.incomplete.forEach((inc, seq) =>
        insertIncomplete.run(
          inc.id,
          run.id,
          seq,
          inc.moduleId,
          JSON.stringify(inc.bundle),
          JSON.stringify(inc.error),
          JSON.stringify(inc.retry),
          inc.attempts ?? 0,
          inc.nextAttemptAt ?? null,
          inc.status ?? 'pending',
        ),
      );
    })();
  }

  listRuns(limit = 50): ScenarioRunSummary[] {
    const rows = this.db
      .prepare(
        `SELECT r.*, (SELECT COUNT(*) FROM incomplete i WHERE i.run_id = r.id AND i.status = 'pending') AS pending
         FROM runs r ORDER BY r.started_at DESC, r.rowid DESC LIMIT ?`,
      )
      .all(limit) as (RunRow & { pending: number })[];
    return rows.map((r) => {
      const s: ScenarioRunSummary = {
        id: r.id,
        name: r.name,
        status: r.status,
        operations: r.operations,
        incomplete: r.pending,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
      };
      if (r.retry_of) s.retryOf = r.retry_of;
      return s;
    });
  }

  /** A run by id, or by an id prefix that no other run shares. */
  getRun(idOrPrefix: string): ScenarioRun | undefined {
    const r = this.findRun(idOrPrefix);
    if (!r) return undefined;
    const id = r.id;
    const modules = (
      this.db.prepare('SELECT * FROM run_modules WHERE run_id = ? ORDER BY seq').all(id) as Record<
        string,
        string | number
      >[]
    ).map((m): ModuleSummary => ({
      id: String(m.module_id),
      module: String(m.module),
      operations: Number(m.operations),
      bundlesIn: Number(m.bundles_in),
      bundlesOut: Number(m.bundles_out),
      durationMs: Number(m.duration_ms),
      errors: JSON.parse(String(m.errors)),
      inputs: JSON.parse(String(m.inputs)),
      outputs: JSON.parse(String(m.outputs)),
    }));
    const run: ScenarioRun = {
      id: r.id,
      name: r.name,
      status: r.status,
      operations: r.operations,
      modules,
      incomplete: this.incompleteOf(id),
      startedAt: r.started_at,
      finishedAt: r.finished_at,
    };
    if (r.stopped_by) run.stoppedBy = r.stopped_by;
    if (r.retry_of) run.retryOf = r.retry_of;
    return run;
  }

  private findRun(idOrPrefix: string): RunRow | undefined {
    const exact = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(idOrPrefix) as RunRow | undefined;
    if (exact) return exact;
    const [only, ...others] = this.runIdsStartingWith(idOrPrefix, 2);
    return only !== undefined && others.length === 0
      ? (this.db.prepare('SELECT * FROM runs WHERE id = ?').get(only) as RunRow)
      : undefined;
  }

  /** Ids of at most `limit` runs whose id starts with `prefix`, newest first. */
  runIdsStartingWith(prefix: string, limit: number): string[] {
    if (prefix === '') return [];
    const rows = this.db
      .prepare(`SELECT id FROM runs WHERE substr(id, 1, ?) = ? ORDER BY started_at DESC, rowid DESC LIMIT ?`)
      .all(prefix.length, prefix, limit) as { id: string }[];
    return rows.map((r) => r.id);
  }

  blueprintOf(runId: string): unknown {
    const r = this.db.prepare('SELECT blueprint FROM runs WHERE id = ?').get(runId) as
      { blueprint: string } | undefined;
    return r ? JSON.parse(r.blueprint) : undefined;
  }

  incompleteOf(runId: string): StoredIncomplete[] {
    return (
      this.db.prepare('SELECT * FROM incomplete WHERE run_id = ? ORDER BY seq').all(runId) as IncompleteRow[]
    ).map(fromRow);
  }

  /** Pending incomplete executions, of one run or of all runs, oldest first. */
  pending(runId?: string): StoredIncomplete[] {
    const rows = runId
      ? this.db
          .prepare(`SELECT * FROM incomplete WHERE status = 'pending' AND run_id = ? ORDER BY seq`)
          .all(runId)
      : this.db
          .prepare(
            `SELECT i.* FROM incomplete i JOIN runs r ON r.id = i.run_id WHERE i.status = 'pending' ORDER BY r.started_at, i.seq`,
          )
          .all();
    return (rows as IncompleteRow[]).map(fromRow);
  }

  markResolved(ids: string[], byRunId: string): void {
    const stmt = this.db.prepare(`UPDATE incomplete SET status = 'resolved', resolved_by = ? WHERE id = ?`);
    this.db.transaction(() => ids.forEach((id) => stmt.run(byRunId, id)))();
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Bundles and errors are the user's data: a new history file (and its folder, when this creates it) is
 * readable by its owner only. SQLite gives the -wal and -shm files the database file's mode.
 */
function createPrivately(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // An empty file is an empty SQLite database; 'wx' leaves an existing history untouched.
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

function fromRow(r: IncompleteRow): StoredIncomplete {
  return {
    id: r.id,
    runId: r.run_id,
    moduleId: r.module_id,
    bundle: JSON.parse(r.context),
    error: JSON.parse(r.error),
    retry: JSON.parse(r.retry),
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    status: r.status,
  };
}

const open = new Map<string, HistoryStore>();

/** One store per file per process (runs and the CLI's history command share it). */
export function openHistory(file: string): HistoryStore {
  const key = path.resolve(file);
  let store = open.get(key);
  if (!store) {
    store = new HistoryStore(key);
    open.set(key, store);
  }
  return store;
}

/** Closes one history file (or all), e.g. before a test deletes its temp folder. */
export function closeHistory(file?: string): void {
  for (const [key, store] of open) {
    if (file === undefined || key === path.resolve(file)) {
      store.close();
      open.delete(key);
    }
  }
}
