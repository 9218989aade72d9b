/** Opens (and if needed creates) the sandbox database: WAL journal, foreign keys, schema, migrations. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA, countTriggers, DATA_TABLES } from './schema';
import { applyMigrations } from './migrations';

export type Db = Database.Database;

export interface OpenedDb {
  db: Db;
  /** True when the file did not exist before (or the database is in memory). */
  isNew: boolean;
}

export function openDatabase(dbPath: string): OpenedDb {
  const inMemory = dbPath === ':memory:' || dbPath === '';
  let isNew = true;
  if (!inMemory) {
    fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true, mode: 0o700 });
    isNew = !fs.existsSync(dbPath) || fs.statSync(dbPath).size === 0;
    // Owner-only from the first byte: the data may be real customers' (SQLite gives the -wal and -shm
    // files the database file's mode).
    if (!fs.existsSync(dbPath)) fs.closeSync(fs.openSync(dbPath, 'a', 0o600));
  }
  const db = new Database(inMemory ? ':memory:' : dbPath);
  if (!inMemory) db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives a killed process (the OS keeps the written pages); only power loss could cost
  // the last transactions.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // 32 MB of page cache: a 100,000-customer database then serves pages from memory.
  db.pragma('cache_size = -32000');
  addMissingColumns(db);
  db.exec(SCHEMA);
  db.exec(countTriggers());
  applyMigrations(db);
  return { db, isNew };
}

/** Columns added after a database file may have been created: added in place, nothing is lost. */
function addMissingColumns(db: Db): void {
  const table = db
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'subscriptions'`)
    .get();
  if (!table) return;
  const columns = (db.prepare('PRAGMA table_info(subscriptions)').all() as { name: string }[]).map(
    (c) => c.name,
  );
  if (!columns.includes('connected_to')) db.exec('ALTER TABLE subscriptions ADD COLUMN connected_to INTEGER');
}

/** Empties every data table (the admin reset); ids keep counting so no id is ever reused. */
export function emptyDatabase(db: Db): void {
  db.transaction(() => {
    for (const table of DATA_TABLES) db.prepare(`DELETE FROM ${table}`).run();
    db.prepare(`DELETE FROM meta WHERE key NOT IN ('id_counter', 'account_id')`).run();
  })();
}
