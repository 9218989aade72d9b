/** The history table of saved schedules (store.ts), applied through the history's named migrations. */
import type { Migration } from '../history/migrations';

export const SCHEDULE_MIGRATIONS: Migration[] = [
  {
    name: 'schedules-schedules',
    up: (db) =>
      db.exec(`
CREATE TABLE schedules (
  scenario_key TEXT PRIMARY KEY,
  every TEXT NOT NULL,
  active INTEGER NOT NULL,
  deactivated TEXT,             -- why the schedule stopped itself, when it did
  updated_at TEXT NOT NULL
);
`),
  },
];
