/** What every store function needs: the database, the id generator and the clock. */
import type Database from 'better-sqlite3';
import type { Db } from '../db/open';
import type { IdGenerator } from '../lib/ids';
import type { Clock } from '../lib/clock';

export interface Store {
  db: Db;
  ids: IdGenerator;
  clock: Clock;
}

/** Prepared statements are cached per database and SQL text: preparing is the slow part of a query. */
type Statement = Database.Statement<unknown[]>;
const cache = new WeakMap<Db, Map<string, Statement>>();

export function sql(db: Db, text: string): Statement {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  let stmt = perDb.get(text);
  if (!stmt) perDb.set(text, (stmt = db.prepare<unknown[]>(text)));
  return stmt;
}

/** Whether an external id is in use in the table within the data source (they are unique per source). */
export function externalIdTaken(
  store: Store,
  table: 'plans' | 'invoices' | 'line_items' | 'transactions',
  dataSourceId: number,
  externalId: string,
): boolean {
  return (
    sql(store.db, `SELECT 1 FROM ${table} WHERE data_source_id = ? AND external_id = ?`).get(
      dataSourceId,
      externalId,
    ) !== undefined
  );
}

export function totalRows(db: Db, table: string): number {
  return (sql(db, 'SELECT n FROM row_counts WHERE name = ?').get(table) as { n: number } | undefined)?.n ?? 0;
}
