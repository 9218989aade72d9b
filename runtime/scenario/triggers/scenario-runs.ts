/**
 * Which runs belong to which scenario key: written in each run's first transaction (a run of a scenario
 * with a key, and every retry of one), so a scenario's schedule can finish its own runs' incomplete
 * executions at its next tick (decisions.md "Triggers"), and nothing else's.
 */
import type { Migration } from '../history/migrations';
import type { HistoryStore } from '../history/store';

export const SCENARIO_RUN_MIGRATIONS: Migration[] = [
  {
    name: 'triggers-scenario-runs',
    up: (db) =>
      db.exec(`
CREATE TABLE scenario_runs (
  run_id TEXT PRIMARY KEY,
  scenario_key TEXT NOT NULL
);
CREATE INDEX scenario_runs_key ON scenario_runs (scenario_key);
`),
  },
];

export function recordScenarioRun(store: HistoryStore, runId: string, key: string): void {
  store.statement('INSERT OR IGNORE INTO scenario_runs (run_id, scenario_key) VALUES (?, ?)').run(runId, key);
}

export function scenarioKeyOfRun(store: HistoryStore, runId: string): string | undefined {
  const row = store.statement('SELECT scenario_key FROM scenario_runs WHERE run_id = ?').get(runId) as
    { scenario_key: string } | undefined;
  return row?.scenario_key;
}

/** The runs of a scenario key that still have pending incomplete executions, oldest first. */
export function runsWithPending(store: HistoryStore, key: string): string[] {
  return (
    store
      .statement(
        `SELECT DISTINCT s.run_id, r.started_at FROM scenario_runs s JOIN runs r ON r.id = s.run_id
         JOIN incomplete i ON i.run_id = s.run_id AND i.status = 'pending'
         WHERE s.scenario_key = ? ORDER BY r.started_at`,
      )
      .all(key) as { run_id: string }[]
  ).map((r) => r.run_id);
}
