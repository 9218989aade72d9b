/** Bulk JSON imports: the queued payload, then the outcome per record. */
import type { Migration } from '../migrations';

export const importJsonImports: Migration = {
  name: 'import-json-imports',
  up: (db) =>
    db.exec(`
CREATE TABLE json_imports (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
  data_source_id INTEGER NOT NULL REFERENCES data_sources(id) ON DELETE CASCADE,
  external_id TEXT, status TEXT NOT NULL, payload TEXT NOT NULL, status_details TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, UNIQUE(data_source_id, external_id));
CREATE INDEX json_imports_status ON json_imports(status, id);`),
};
