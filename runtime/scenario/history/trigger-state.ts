/**
 * A polling trigger's state (Make stores `{ lastID?, lastDate? }`) by scenario key. Read and written on
 * its own (the CLI's `trigger state`, the workbench's trigger-state routes), or written together with
 * the run that starts from the items polled with it (journal.ts beginRun `trigger`): then the items are
 * that run's first journaled step and the state moves in the same transaction, so a later poll never
 * reads them again, and items the run did not finish are finished by a retry of that run (its replay
 * serves the trigger's step from the journal; nothing is polled again).
 */
import type { HistoryStore } from './store';

/** The stored state: any JSON object (the trigger's own shape is the engine's to define). */
export type StoredTriggerState = Record<string, unknown>;

export function getTriggerState(store: HistoryStore, key: string): StoredTriggerState | undefined {
  const row = store.statement('SELECT state FROM trigger_state WHERE key = ?').get(key) as
    { state: string } | undefined;
  return row ? (JSON.parse(row.state) as StoredTriggerState) : undefined;
}

/** Replaces the key's state; `undefined` removes it (the trigger starts over, as Make's reset does). */
export function setTriggerState(
  store: HistoryStore,
  key: string,
  state: StoredTriggerState | undefined,
  runId: string | null = null,
): void {
  if (state === undefined) {
    store.statement('DELETE FROM trigger_state WHERE key = ?').run(key);
    return;
  }
  store
    .statement(
      `INSERT INTO trigger_state (key, state, run_id, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET state = excluded.state, run_id = excluded.run_id, updated_at = excluded.updated_at`,
    )
    .run(key, JSON.stringify(state), runId, new Date().toISOString());
}
