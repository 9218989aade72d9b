/**
 * A database's generation: a pair that moves whenever its data may have changed, read for a few
 * microseconds. Work that depends on the data alone (a customer's JSON text, whether any derivation or
 * import is due) can be kept while the generation stays the same instead of being read again per request.
 *
 * - `total_changes()` counts every row this connection inserted, updated or deleted, trigger writes
 *   included; a rolled-back write still counts (it moves the generation without changing the data, which
 *   only costs a cache refill).
 * - `PRAGMA data_version` moves when another connection (another process, or a second handle in this
 *   one) commits. Reading it starts a read snapshot (~5 µs in WAL mode), so one read serves the rest of
 *   the synchronous run that asked for it: nothing else in this process runs in between, and a commit by
 *   another process during that run is seen by the next run.
 */
import type { Db } from './open';

export interface Generation {
  /** total_changes() of the sandbox's connection. */
  readonly changes: number;
  /** PRAGMA data_version: another connection's commits. */
  readonly version: number;
}

interface State {
  changes: () => number;
  version: () => number;
  /** data_version as read in this synchronous run; undefined once the run is over. */
  versionNow: number | undefined;
  /** total_changes() when last read outside a transaction: what is committed (or rolled back). */
  committedChanges: number | undefined;
}

const states = new WeakMap<Db, State>();

function stateOf(db: Db): State {
  let state = states.get(db);
  if (!state) {
    const changes = db.prepare<[], number>('SELECT total_changes()').pluck();
    const version = db.prepare<[], number>('PRAGMA data_version').pluck();
    state = {
      changes: () => changes.get()!,
      version: () => version.get()!,
      versionNow: undefined,
      committedChanges: undefined,
    };
    states.set(db, state);
  }
  return state;
}

/** The database's generation now. */
export function generationOf(db: Db): Generation {
  const state = stateOf(db);
  if (state.versionNow === undefined) {
    state.versionNow = state.version();
    queueMicrotask(() => (state.versionNow = undefined));
  }
  const changes = state.changes();
  if (!db.inTransaction) state.committedChanges = changes;
  return { changes, version: state.versionNow };
}

export function sameGeneration(a: Generation | undefined, b: Generation): boolean {
  return a !== undefined && a.changes === b.changes && a.version === b.version;
}

/**
 * Whether what this connection reads now is committed data: it has written nothing since it was last seen
 * outside a transaction. A value computed inside a transaction that wrote (and may still roll back) must
 * not be kept: a rollback leaves total_changes() where the write moved it.
 */
export function readsCommittedData(db: Db): boolean {
  const state = stateOf(db);
  return !db.inTransaction || state.changes() === state.committedChanges;
}
