/**
 * Run history in SQLite (better-sqlite3): one file per app folder, beside the sandbox's database
 * (`<app>/.sandbox/history.db`), or the file `--history` / `historyPath` names. Runs are journaled as
 * they happen (journal.ts): the run row when it starts, each app module execution and each incomplete
 * execution as it commits, the counters when it ends. Reading first settles runs whose writer is gone
 * (writers.ts). The schema changes only through migrations.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ModuleSummary, ScenarioRun, ScenarioRunSummary } from '../types';
import { migrateHistory } from './migrations';
import {
  incompleteFromRow,
  moduleFromRow,
  modulesFromSteps,
  type IncompleteRow,
  type JournaledStep,
  type ModuleRow,
  type RunPlan,
  type RunRow,
  type StepRow,
  type StoredIncomplete,
} from './rows';
import { settleAbandonedRuns } from './writers';

export type { StoredIncomplete, RunPlan } from './rows';

/** Pages the WAL may hold before a commit checkpoints it (SQLite's default is 1,000: 4 MB). */
const WAL_BACKSTOP_PAGES = 10_000;

export class HistoryStore {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly file: string) {
    if (file !== ':memory:') createPrivately(file);
    // Required when a history is first opened: the package main re-exports the runner, and loading
    // the native SQLite binding is not free for commands that never touch history.
    const Sqlite = require('better-sqlite3') as typeof Database;
    this.db = new Sqlite(file);
    this.db.pragma('journal_mode = WAL');
    // A commit is a WAL append without fsync: it survives the process being killed (the journal's
    // purpose); only an OS crash may lose the last commits. The journal writes on the runner's hot path.
    this.db.pragma('synchronous = NORMAL');
    // The journal commits once per module execution (~3 WAL pages each) and checkpoints when a run ends
    // (RunJournal.finish): the automatic checkpoint is only the backstop of a long run, so a 1,000-bundle
    // run copies each page once at its end instead of stalling five of its steps on a checkpoint's fsyncs.
    // The WAL file is cut back to 4 MB after it is reset, as large as SQLite's default lets it grow.
    this.db.pragma(`wal_autocheckpoint = ${WAL_BACKSTOP_PAGES}`);
    this.db.pragma('journal_size_limit = 4194304');
    this.db.pragma('busy_timeout = 5000');
    migrateHistory(this.db);
  }

  /**
   * Copies what the WAL holds into the database, without waiting for readers (a run's end). One that
   * cannot run now (another process checkpointing) is left to the next: the commits are in the WAL.
   */
  checkpoint(): void {
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // busy: the next checkpoint copies it
    }
  }

  /** A prepared statement, prepared once per store (the journal runs them per module execution). */
  statement(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Stores a whole finished run at once (already masked): runs written before the journal, and tests. */
  saveRun(run: ScenarioRun, blueprint: unknown): void {
    this.db.transaction(() => {
      this.statement(
        `INSERT INTO runs (id, name, status, operations, started_at, finished_at, stopped_by, retry_of, blueprint)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        run.id,
        run.name ?? 'Scenario',
        run.status,
        run.operations,
        run.startedAt,
        run.finishedAt,
        run.stoppedBy ?? null,
        run.retryOf ?? null,
        JSON.stringify(blueprint),
      );
      this.insertModules(run.id, run.modules);
      run.incomplete.forEach((inc, seq) => this.insertIncomplete(run.id, seq, inc as StoredIncomplete));
    })();
  }

  /** A run's module summaries (already masked), with the bundles they carry (built-ins', or all for saveRun). */
  insertModules(runId: string, modules: ModuleSummary[]): void {
    const insert = this.statement(
      `INSERT INTO run_modules (run_id, seq, module_id, module, operations, bundles_in, bundles_out, duration_ms, errors, inputs, outputs)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    modules.forEach((m, seq) =>
      insert.run(
        runId,
        seq,
        m.id,
        m.module,
        m.operations,
        m.bundlesIn,
        m.bundlesOut,
        Math.round(m.durationMs ?? 0),
        JSON.stringify(m.errors),
        JSON.stringify(m.inputs ?? []),
        JSON.stringify(m.outputs ?? []),
      ),
    );
  }

  insertIncomplete(runId: string, seq: number, inc: Omit<StoredIncomplete, 'runId'>): void {
    this.statement(
      `INSERT INTO incomplete (id, run_id, seq, module_id, context, error, retry, attempts, next_attempt_at, status, outcome)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      inc.id,
      runId,
      seq,
      inc.moduleId,
      JSON.stringify(inc.bundle),
      JSON.stringify(inc.error),
      JSON.stringify(inc.retry),
      inc.attempts ?? 0,
      inc.nextAttemptAt ?? null,
      inc.status ?? 'pending',
      inc.outcome ?? 'failed',
    );
  }

  listRuns(limit = 50): ScenarioRunSummary[] {
    settleAbandonedRuns(this);
    const rows = this.statement(
      `SELECT r.*, (SELECT COUNT(*) FROM incomplete i WHERE i.run_id = r.id AND i.status = 'pending') AS pending
       FROM runs r ORDER BY r.started_at DESC, r.rowid DESC LIMIT ?`,
    ).all(limit) as (RunRow & { pending: number })[];
    return rows.map((r) => {
      const s: ScenarioRunSummary = {
        id: r.id,
        name: r.name,
        status: r.status,
        operations: r.status === 'running' ? this.journaledOperations(r.id) : r.operations,
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
    settleAbandonedRuns(this);
    const r = this.findRun(idOrPrefix);
    if (!r) return undefined;
    const steps = this.statement('SELECT * FROM run_steps WHERE run_id = ? ORDER BY seq').all(
      r.id,
    ) as StepRow[];
    const summaries = this.statement('SELECT * FROM run_modules WHERE run_id = ? ORDER BY seq').all(
      r.id,
    ) as ModuleRow[];
    // A run that ended has its counters; one still running, or cut short, is counted from its journal.
    const modules =
      summaries.length > 0 ? summaries.map(moduleFromRow) : modulesFromSteps(JSON.parse(r.blueprint), steps);
    // App modules' bundles are in the journal, built-ins' in the summaries (runs from before the journal
    // have all of them there).
    for (const m of modules) {
      m.inputs ??= [];
      m.outputs ??= [];
    }
    const byId = new Map(modules.map((m) => [m.id, m]));
    for (const s of steps) {
      const m = byId.get(s.module_id);
      if (!m) continue;
      m.inputs!.push(JSON.parse(s.input));
      m.outputs!.push(...(JSON.parse(s.outputs) as unknown[]));
    }
    const run: ScenarioRun = {
      id: r.id,
      name: r.name,
      status: r.status,
      operations: summaries.length > 0 ? r.operations : modules.reduce((n, m) => n + m.operations, 0),
      modules,
      incomplete: this.incompleteOf(r.id),
      startedAt: r.started_at,
      finishedAt: r.finished_at,
    };
    if (r.stopped_by) run.stoppedBy = r.stopped_by;
    if (r.retry_of) run.retryOf = r.retry_of;
    return run;
  }

  private journaledOperations(runId: string): number {
    const row = this.statement(
      'SELECT COALESCE(SUM(operations), 0) AS n FROM run_steps WHERE run_id = ?',
    ).get(runId) as { n: number };
    return row.n;
  }

  runRow(runId: string): RunRow | undefined {
    return this.statement('SELECT * FROM runs WHERE id = ?').get(runId) as RunRow | undefined;
  }

  private findRun(idOrPrefix: string): RunRow | undefined {
    const exact = this.runRow(idOrPrefix);
    if (exact) return exact;
    const [only, ...others] = this.runIdsStartingWith(idOrPrefix, 2);
    return only !== undefined && others.length === 0 ? this.runRow(only) : undefined;
  }

  /** Ids of at most `limit` runs whose id starts with `prefix`, newest first. */
  runIdsStartingWith(prefix: string, limit: number): string[] {
    if (prefix === '') return [];
    const rows = this.statement(
      `SELECT id FROM runs WHERE substr(id, 1, ?) = ? ORDER BY started_at DESC, rowid DESC LIMIT ?`,
    ).all(prefix.length, prefix, limit) as { id: string }[];
    return rows.map((r) => r.id);
  }

  blueprintOf(runId: string): unknown {
    const r = this.runRow(runId);
    return r ? JSON.parse(r.blueprint) : undefined;
  }

  /** What a retry run was asked to do (undefined for a run of the scenario from its trigger). */
  planOf(runId: string): RunPlan | undefined {
    const plan = this.runRow(runId)?.plan;
    return plan ? (JSON.parse(plan) as RunPlan) : undefined;
  }

  incompleteOf(runId: string): StoredIncomplete[] {
    return (
      this.statement('SELECT * FROM incomplete WHERE run_id = ? ORDER BY seq').all(runId) as IncompleteRow[]
    ).map(incompleteFromRow);
  }

  incompleteById(id: string): StoredIncomplete | undefined {
    const row = this.statement('SELECT * FROM incomplete WHERE id = ?').get(id) as IncompleteRow | undefined;
    return row && incompleteFromRow(row);
  }

  /** Pending incomplete executions, of one run or of all runs, oldest first. */
  pending(runId?: string): StoredIncomplete[] {
    settleAbandonedRuns(this);
    const rows = runId
      ? this.statement(`SELECT * FROM incomplete WHERE status = 'pending' AND run_id = ? ORDER BY seq`).all(
          runId,
        )
      : this.statement(
          `SELECT i.* FROM incomplete i JOIN runs r ON r.id = i.run_id WHERE i.status = 'pending' ORDER BY r.started_at, i.seq`,
        ).all();
    return (rows as IncompleteRow[]).map(incompleteFromRow);
  }

  /** At most `limit` journaled steps of a run after `afterSeq`, in order. */
  stepsAfter(runId: string, afterSeq: number, limit: number): JournaledStep[] {
    const rows = this.statement(
      'SELECT seq, module_id, outputs, error FROM run_steps WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    ).all(runId, afterSeq, limit) as Pick<StepRow, 'seq' | 'module_id' | 'outputs' | 'error'>[];
    return rows.map((r) => ({
      seq: r.seq,
      moduleId: r.module_id,
      outputs: JSON.parse(r.outputs),
      ...(r.error ? { error: JSON.parse(r.error) } : {}),
    }));
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

const open = new Map<string, HistoryStore>();

/** One store per file per process (runs and the CLI's history command share it). */
export function openHistory(file: string): HistoryStore {
  // ':memory:' is SQLite's in-memory database, not a file name to resolve (that wrote a file named so).
  const key = file === ':memory:' ? file : path.resolve(file);
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
    if (file === undefined || key === (file === ':memory:' ? file : path.resolve(file))) {
      store.close();
      open.delete(key);
    }
  }
}
