/**
 * Who is writing a run, and what happens to a run whose writer is gone. A run is journaled with its
 * writer's host name and process id; it stays `running` while that process lives. A reader that finds a
 * running run whose process is gone (kill -9, a crash, a second Ctrl-C) settles it as `interrupted`:
 * operations counted from its journal, finished when its last step was, and one incomplete execution
 * (ExecutionInterruptedError, outcome unknown: a step may have been in flight) that a retry finishes it
 * with. A process on another host cannot be checked from here (a container even gets a new host name
 * each start), so a writer also beats: every HEARTBEAT_MS it marks the runs it writes alive, and a run
 * from another host that has neither beaten nor journaled a step for SILENCE_MS is taken as abandoned.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { interruptionItem } from '../interruption';
import type { HistoryStore } from './store';

/** A writer marks its running runs alive this often, */
export const HEARTBEAT_MS = 30_000;
/** and a run from another host silent this long (no beat, no step) is abandoned: 20 missed beats. */
export const SILENCE_MS = 10 * 60_000;

/**
 * Runs this process is writing now, with their history (a run of this process id not in here was written
 * by an earlier one).
 */
const writing = new Map<string, HistoryStore>();
let beating: NodeJS.Timeout | undefined;

export const writer = { host: os.hostname(), pid: process.pid };

export function startedWriting(runId: string, store: HistoryStore): void {
  writing.set(runId, store);
  if (!beating) {
    beating = setInterval(() => beatAll(), HEARTBEAT_MS);
    // The beat never keeps a finished command alive.
    beating.unref();
  }
}

export function stoppedWriting(runId: string): void {
  writing.delete(runId);
  if (writing.size === 0 && beating) {
    clearInterval(beating);
    beating = undefined;
  }
}

/** Marks every run this process is writing as alive at `now`. */
export function beatAll(now = Date.now()): void {
  for (const [runId, store] of writing) {
    if (!store.db.open) {
      stoppedWriting(runId);
      continue;
    }
    try {
      store.statement(`UPDATE runs SET heartbeat_at = ? WHERE id = ? AND status = 'running'`).run(now, runId);
    } catch {
      // A busy file: the next beat tries again, long before the run could look abandoned.
    }
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface RunningRow {
  id: string;
  writer_host: string | null;
  writer_pid: number | null;
  /** The later of its last beat and its last journaled step (ms since the epoch), null for neither. */
  last_sign: number | null;
  started_at: string;
}

/** Why the run's writer is taken as gone, or undefined while it may still be writing. */
function goneWriter(r: RunningRow, now: number): string | undefined {
  if (r.writer_host === null || r.writer_pid === null) return undefined;
  if (r.writer_host !== writer.host) {
    const last = r.last_sign ?? Date.parse(r.started_at);
    return now - last > SILENCE_MS
      ? `its writer on host ${r.writer_host} has given no sign of life for over ${SILENCE_MS / 60_000} minutes`
      : undefined;
  }
  const gone = r.writer_pid === writer.pid ? !writing.has(r.id) : !isAlive(r.writer_pid);
  return gone ? 'its process ended before the run finished' : undefined;
}

/** Settles every running run whose writer is gone. Cheap when none is running (a partial index). */
export function settleAbandonedRuns(store: HistoryStore): void {
  const running = store
    .statement(
      `SELECT id, writer_host, writer_pid, started_at,
         NULLIF(MAX(COALESCE(heartbeat_at, 0), COALESCE((SELECT MAX(at) FROM run_steps s WHERE s.run_id = r.id), 0)), 0)
           AS last_sign
       FROM runs r WHERE status = 'running'`,
    )
    .all() as RunningRow[];
  const now = Date.now();
  for (const r of running) {
    const why = goneWriter(r, now);
    if (why) markInterrupted(store, r.id, why);
  }
}

/**
 * Ends a running run as interrupted, from its journal, with the incomplete execution that finishes it.
 * Does nothing to a run that is no longer running (another reader settled it first).
 */
export function markInterrupted(store: HistoryStore, runId: string, why: string): void {
  store.db
    .transaction(() => {
      const run = store.runRow(runId);
      if (!run || run.status !== 'running') return;
      const journal = store
        .statement(
          'SELECT COALESCE(SUM(operations), 0) AS ops, MAX(at) AS last FROM run_steps WHERE run_id = ?',
        )
        .get(runId) as { ops: number; last: number | null };
      const finishedAt = journal.last === null ? run.started_at : new Date(journal.last).toISOString();
      store
        .statement(`UPDATE runs SET status = 'interrupted', operations = ?, finished_at = ? WHERE id = ?`)
        .run(journal.ops, finishedAt, runId);
      const next = store
        .statement('SELECT COALESCE(MAX(seq), -1) + 1 AS seq FROM incomplete WHERE run_id = ?')
        .get(runId) as { seq: number };
      const firstModule = String(
        (JSON.parse(run.blueprint) as { flow?: { id?: unknown }[] }).flow?.[0]?.id ?? '',
      );
      const item = interruptionItem(firstModule, finishedAt, 'unknown', `The run was interrupted: ${why}.`);
      store.insertIncomplete(runId, next.seq, {
        ...item,
        id: randomUUID(),
        attempts: 0,
        nextAttemptAt: finishedAt,
        outcome: 'unknown',
      });
    })
    .immediate();
}
