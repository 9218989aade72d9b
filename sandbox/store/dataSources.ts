/** Data sources: the containers of customers, plans and invoices. */
import { sql, type Store } from './context';

export interface DataSourceRow {
  id: number;
  uuid: string;
  name: string;
  system: string;
  created_at: number;
}

/** System label of sources created through the API (the newest recordings say "Custom"). */
export const API_SYSTEM = 'Custom';

export function findDataSource(store: Store, uuid: string): DataSourceRow | undefined {
  return sql(store.db, 'SELECT * FROM data_sources WHERE uuid = ?').get(uuid) as DataSourceRow | undefined;
}

export function findDataSourceById(store: Store, id: number): DataSourceRow {
  return sql(store.db, 'SELECT * FROM data_sources WHERE id = ?').get(id) as DataSourceRow;
}

export function dataSourceNameTaken(store: Store, name: string): boolean {
  return sql(store.db, 'SELECT 1 FROM data_sources WHERE name = ?').get(name) !== undefined;
}

export function listDataSources(store: Store, filter: { name?: string; system?: string }): DataSourceRow[] {
  return sql(
    store.db,
    `SELECT * FROM data_sources WHERE (@name IS NULL OR name = @name) AND (@system IS NULL OR system = @system) ORDER BY id`,
  ).all({ name: filter.name ?? null, system: filter.system ?? null }) as DataSourceRow[];
}

export function insertDataSource(store: Store, name: string, system = API_SYSTEM): DataSourceRow {
  const row = { uuid: store.ids.prefixed('ds'), name, system, created_at: store.clock.now() };
  const { lastInsertRowid } = sql(
    store.db,
    'INSERT INTO data_sources(uuid, name, system, created_at) VALUES (@uuid, @name, @system, @created_at)',
  ).run(row);
  return { id: Number(lastInsertRowid), ...row };
}

/** Deletes the source; its customers, plans, invoices and subscriptions cascade with it. */
export function deleteDataSource(store: Store, id: number): void {
  sql(store.db, 'DELETE FROM data_sources WHERE id = ?').run(id);
}

/** Counts shown in `processing_status` when a client asks for it. */
export function processedInvoices(store: Store, id: number): number {
  return (
    sql(store.db, 'SELECT COUNT(*) AS n FROM invoices WHERE data_source_id = ?').get(id) as { n: number }
  ).n;
}
