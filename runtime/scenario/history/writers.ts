/**
 * Who is writing a run, and what happens to a run whose writer is gone. A run is journaled with its
 * writer's host name and process id; it stays `running` while that process lives. A reader that finds a
 * running run whose process is gone (kill -9, a crash, a second Ctrl-C) settles it as `interrupted`:
 * operations counted from its journal, finished when its last step was, and one incomplete execution
 * (ExecutionInterruptedError, outcome unknown: a step may have been in flight) that a retry finishes it
 * with. Runs written on another host are left as they are: their process cannot be checked from here.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { interruptionItem } from '../interruption';
import type { HistoryStore } from './store';

/** Runs this process is writing now (a run of this process id not in here was written by an earlier one). */
const writing = new Set<string>();

export const writer = { host: os.hostname(), pid: process.pid };

export function startedWriting(runId: string): void {
  writing.add(runId);
}

export function stoppedWriting(runId: string): void {
  writing.delete(runId);
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

function writerIsGone(runId: string, host: string | null, pid: number | null): boolean {
  if (host !== writer.host || pid === null) return false;
  if (pid === writer.pid) return !writing.has(runId);
  return !isAlive(pid);
}

/** Settles every running run whose writer is gone. Cheap when none is running (a partial index). */
export function settleAbandonedRuns(store: HistoryStore): void {
  const running = store
    .statement(`SELECT id, writer_host, writer_pid FROM runs WHERE status = 'running'`)
    .all() as { id: string; writer_host: string | null; writer_pid: number | null }[];
  for (const r of running) {
    if (writerIsGone(r.id, r.writer_host, r.writer_pid))
      markInterrupted(store, r.id, 'its process ended before the run finished');
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
