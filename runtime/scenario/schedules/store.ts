/**
 * Saved schedules (DESIGN "Workbench routes": `PUT /api/scenarios/:key/schedule` persists across
 * restarts): a scenario key's interval, and whether the schedule deactivated itself (Make deactivates a
 * scenario after `maxErrors` consecutive failed runs); a new PUT reactivates it.
 */
import { historyPathOf, type HistoryOptions } from '../history/queries';
import { openHistory } from '../history/store';

export interface SavedSchedule {
  key: string;
  every: string;
  active: boolean;
  /** Why it deactivated itself (maxErrors consecutive failed runs, an invalid configuration). */
  deactivated?: string;
  updatedAt: string;
}

interface Row {
  scenario_key: string;
  every: string;
  active: number;
  deactivated: string | null;
  updated_at: string;
}

const fromRow = (r: Row): SavedSchedule => ({
  key: r.scenario_key,
  every: r.every,
  active: r.active === 1,
  ...(r.deactivated ? { deactivated: r.deactivated } : {}),
  updatedAt: r.updated_at,
});

const dbOf = (options: HistoryOptions) => openHistory(historyPathOf(options)).db;

/** Saves (and activates) a key's schedule; `every` null removes it. */
export function saveSchedule(
  key: string,
  every: string | null,
  options: HistoryOptions,
): SavedSchedule | undefined {
  const db = dbOf(options);
  if (every === null) {
    db.prepare('DELETE FROM schedules WHERE scenario_key = ?').run(key);
    return undefined;
  }
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO schedules (scenario_key, every, active, deactivated, updated_at) VALUES (?, ?, 1, NULL, ?)
     ON CONFLICT (scenario_key) DO UPDATE SET every = excluded.every, active = 1, deactivated = NULL, updated_at = excluded.updated_at`,
  ).run(key, every, now);
  return { key, every, active: true, updatedAt: now };
}

/** Records that a key's schedule stopped itself. */
export function deactivateSchedule(key: string, reason: string, options: HistoryOptions): void {
  dbOf(options)
    .prepare('UPDATE schedules SET active = 0, deactivated = ?, updated_at = ? WHERE scenario_key = ?')
    .run(reason, new Date().toISOString(), key);
}

export function listSchedules(options: HistoryOptions): SavedSchedule[] {
  return (dbOf(options).prepare('SELECT * FROM schedules ORDER BY scenario_key').all() as Row[]).map(fromRow);
}
