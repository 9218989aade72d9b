/** Bulk JSON imports: queued with their payload, processed later (the payload is dropped once done). */
import { insertRow, rowBy, sql, updateColumns, type Store } from './context';

export interface JsonImportRow {
  id: number;
  uuid: string;
  data_source_id: number;
  external_id: string | null;
  /** queued, then completed, completed_with_errors or failed. */
  status: string;
  payload: string;
  status_details: string;
  created_at: number;
  updated_at: number;
}

export function insertJsonImport(
  store: Store,
  dataSourceId: number,
  externalId: string | null,
  payload: unknown,
): JsonImportRow {
  const now = store.clock.now();
  const id = insertRow(store.db, 'json_imports', {
    uuid: store.ids.uuid(),
    data_source_id: dataSourceId,
    external_id: externalId,
    status: 'queued',
    payload: JSON.stringify(payload),
    created_at: now,
    updated_at: now,
  });
  return rowBy<JsonImportRow>(store.db, 'json_imports', 'id', id)!;
}

/** An import of the source by its id or by the external id its creator gave it. */
export function findJsonImport(store: Store, dataSourceId: number, ref: string): JsonImportRow | undefined {
  return sql(
    store.db,
    'SELECT * FROM json_imports WHERE data_source_id = ? AND (uuid = ? OR external_id = ?) ORDER BY id LIMIT 1',
  ).get(dataSourceId, ref, ref) as JsonImportRow | undefined;
}

export function jsonImportExternalIdTaken(store: Store, dataSourceId: number, externalId: string): boolean {
  return (
    sql(store.db, 'SELECT 1 FROM json_imports WHERE data_source_id = ? AND external_id = ?').get(
      dataSourceId,
      externalId,
    ) !== undefined
  );
}

export function queuedJsonImports(store: Store): JsonImportRow[] {
  return sql(
    store.db,
    `SELECT * FROM json_imports WHERE status = 'queued' ORDER BY id`,
  ).all() as JsonImportRow[];
}

export function finishJsonImport(
  store: Store,
  row: JsonImportRow,
  status: string,
  details: unknown,
): JsonImportRow {
  updateColumns(store.db, 'json_imports', row.id, {
    status,
    status_details: JSON.stringify(details),
    payload: '{}',
    updated_at: store.clock.now(),
  });
  return rowBy<JsonImportRow>(store.db, 'json_imports', 'id', row.id)!;
}
