/**
 * The run history's schema: the baseline (the tables as the first release with a history file wrote them,
 * up to commit 1995186) and every change since, each a named migration applied once, in list order, in a
 * transaction of its own, and recorded by name in `schema_migrations` — the same rule as the sandbox's
 * database (docs/decisions.md, "Round 2: who owns what"), written separately because runtime/ never
 * imports sandbox/.
 *
 * Adding a table or a column: append ONE entry to HISTORY_MIGRATIONS at the end, e.g.
 *     { name: 'triggers-state', up: (db) => db.exec('CREATE TABLE trigger_state (…)') },
 * named `<area>-<what>` (unique, stable). Never rename, reorder or edit a migration that has shipped: a
 * file already migrated would not run it again. `up` runs inside the transaction; throw to refuse.
 */
import type Database from 'better-sqlite3';
import { HOOK_MIGRATIONS } from '../hooks/schema';
import { SCHEDULE_MIGRATIONS } from '../schedules/schema';
import { SCENARIO_RUN_MIGRATIONS } from '../triggers/scenario-runs';

export type Db = Database.Database;

export interface Migration {
  /** Unique and stable: `<area>-<what>`, e.g. `journal-steps`. */
  name: string;
  up(db: Db): void;
}

/** The tables as of commit 1995186 (a file written then has exactly these, and no schema_migrations). */
const BASELINE = `
CREATE TABLE IF NOT EXISTS runs (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  operations INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  stopped_by TEXT,
  retry_of TEXT,
  blueprint TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_started ON runs (started_at);
CREATE TABLE IF NOT EXISTS run_modules (
  run_id TEXT NOT NULL REFERENCES runs (id),
  seq INTEGER NOT NULL,
  module_id TEXT NOT NULL,
  module TEXT NOT NULL,
  operations INTEGER NOT NULL,
  bundles_in INTEGER NOT NULL,
  bundles_out INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL DEFAULT 0,
  errors TEXT NOT NULL,
  inputs TEXT NOT NULL,
  outputs TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
);
CREATE TABLE IF NOT EXISTS incomplete (
  id TEXT PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs (id),
  seq INTEGER NOT NULL,
  module_id TEXT NOT NULL,
  context TEXT NOT NULL,
  error TEXT NOT NULL,
  retry TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at TEXT,
  status TEXT NOT NULL,
  resolved_by TEXT
);
CREATE INDEX IF NOT EXISTS incomplete_pending ON incomplete (status, run_id);
`;

/** Every migration after the baseline, oldest first. Areas append theirs at the end. */
export const HISTORY_MIGRATIONS: Migration[] = [
  {
    // A run is written when it starts (status running) by a known process, so one whose process died
    // can be told from one still going; a retry run records what it retries (its plan).
    name: 'journal-runs',
    up: (db) =>
      db.exec(`
        ALTER TABLE runs ADD COLUMN writer_host TEXT;
        ALTER TABLE runs ADD COLUMN writer_pid INTEGER;
        ALTER TABLE runs ADD COLUMN plan TEXT;
        CREATE INDEX runs_running ON runs (status) WHERE status = 'running';
      `),
  },
  {
    // Each app module execution, appended as it commits: what a run did, even when it never ends.
    name: 'journal-steps',
    up: (db) =>
      db.exec(`
        CREATE TABLE run_steps (
          run_id TEXT NOT NULL REFERENCES runs (id),
          seq INTEGER NOT NULL,
          module_id TEXT NOT NULL,
          at INTEGER NOT NULL,
          duration_ms INTEGER NOT NULL,
          operations INTEGER NOT NULL,
          input TEXT NOT NULL,
          outputs TEXT NOT NULL,
          outputs_count INTEGER NOT NULL,
          error TEXT,
          PRIMARY KEY (run_id, seq)
        );
      `),
  },
  {
    // Whether an incomplete execution may have taken effect. Files from before could not tell; a
    // ConnectionError is the one that may be a lost reply, so those are taken as unknown.
    name: 'journal-outcomes',
    up: (db) =>
      db.exec(`
        ALTER TABLE incomplete ADD COLUMN outcome TEXT NOT NULL DEFAULT 'failed';
        UPDATE incomplete SET outcome = 'unknown' WHERE json_extract(error, '$.type') = 'ConnectionError';
        CREATE INDEX incomplete_run ON incomplete (run_id, module_id);
      `),
  },
  ...HOOK_MIGRATIONS,
  {
    // A polling trigger's state by scenario key (DESIGN "Scenario identity"), written with the run whose
    // journal holds the items polled with it.
    name: 'triggers-state',
    up: (db) =>
      db.exec(`
        CREATE TABLE trigger_state (
          key TEXT PRIMARY KEY,
          state TEXT NOT NULL,
          run_id TEXT,
          updated_at TEXT NOT NULL
        );
      `),
  },
  {
    // The workbench page's autosave: a scenario (its blueprint) by scenario key, revisioned so a save
    // based on an older revision can be refused.
    name: 'page-saved-scenarios',
    up: (db) =>
      db.exec(`
        CREATE TABLE saved_scenarios (
          key TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          blueprint TEXT NOT NULL,
          origin TEXT,
          revision INTEGER NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE INDEX saved_scenarios_updated ON saved_scenarios (updated_at);
      `),
  },
  ...SCHEDULE_MIGRATIONS,
  ...SCENARIO_RUN_MIGRATIONS,
  {
    // When the process writing a running run last said it was alive (ms since the epoch): the only sign
    // of life of a run written on another host, whose process cannot be checked from here.
    name: 'journal-heartbeat',
    up: (db) => db.exec('ALTER TABLE runs ADD COLUMN heartbeat_at INTEGER'),
  },
];

/** Creates the baseline where it is missing, then applies the migrations not yet recorded. */
export function migrateHistory(db: Db, migrations: readonly Migration[] = HISTORY_MIGRATIONS): string[] {
  db.exec(BASELINE);
  // Files from before per-module durations (the only change made before migrations were named).
  if (!columnsOf(db, 'run_modules').includes('duration_ms'))
    db.exec('ALTER TABLE run_modules ADD COLUMN duration_ms INTEGER NOT NULL DEFAULT 0');
  return applyMigrations(db, migrations);
}

export function applyMigrations(db: Db, migrations: readonly Migration[]): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const seen = new Set<string>();
  for (const m of migrations) {
    if (seen.has(m.name)) throw new Error(`history migration "${m.name}" is listed twice`);
    seen.add(m.name);
  }
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE name = ?');
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  const ran: string[] = [];
  for (const m of migrations) {
    if (isApplied.get(m.name)) continue;
    try {
      // IMMEDIATE takes the write lock first and the check is repeated under it: two processes opening
      // the same file at once apply each migration once.
      const applied = db
        .transaction(() => {
          if (isApplied.get(m.name)) return false;
          m.up(db);
          record.run(m.name, new Date().toISOString());
          return true;
        })
        .immediate();
      if (applied) ran.push(m.name);
    } catch (e) {
      throw new Error(`history migration "${m.name}" failed: ${(e as Error).message}`, { cause: e });
    }
  }
  return ran;
}

export function columnsOf(db: Db, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}
