/** The database layer: a file made by an earlier version gains new columns in place, data kept. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../../sandbox/db/open';

it('adds subscriptions.connected_to to an older database file without losing rows', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-db-'));
  try {
    const file = path.join(dir, 'old.db');
    const old = new Database(file);
    old.exec(`CREATE TABLE subscriptions (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, metrics_uuid TEXT NOT NULL UNIQUE,
      customer_id INTEGER NOT NULL, data_source_id INTEGER NOT NULL, external_id TEXT NOT NULL, set_external_id TEXT,
      cancellation_dates TEXT NOT NULL DEFAULT '[]', created_at INTEGER NOT NULL, UNIQUE(customer_id, external_id));
      INSERT INTO subscriptions(uuid, metrics_uuid, customer_id, data_source_id, external_id, created_at) VALUES ('sub_1', 'm1', 1, 1, 'e', 0);`);
    old.close();
    const { db, isNew } = openDatabase(file);
    expect(isNew).toBe(false);
    expect(db.prepare('SELECT uuid, connected_to FROM subscriptions').all()).toEqual([
      { uuid: 'sub_1', connected_to: null },
    ]);
    db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
