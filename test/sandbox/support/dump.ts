/**
 * A logical dump of a sandbox database file: every table's rows in key order (id counters, migrations and
 * SQLite's AUTOINCREMENT sequence included), read through a second connection. Two dumps are equal exactly
 * when nothing was written in between.
 */
import Database from 'better-sqlite3';

export function logicalDump(dbPath: string): Record<string, unknown[]> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const tables = (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    return Object.fromEntries(
      tables.map((name) => {
        const withRowid = name !== 'sqlite_sequence';
        const order = withRowid ? 'ORDER BY rowid' : 'ORDER BY name';
        return [name, db.prepare(`SELECT * FROM "${name}" ${order}`).all()];
      }),
    );
  } finally {
    db.close();
  }
}
