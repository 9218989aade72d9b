/**
 * The run journal: a run is written as it happens, so a run cut short still shows what it did.
 * - beginRun: the run row (status running, its writer, a retry's plan), and the incomplete executions a
 *   retry takes over, in one transaction.
 * - step: each app module execution as it commits — masked input, outputs, error — one small INSERT.
 * - incomplete: each incomplete execution (Break, interruption) as it is stored.
 * - finish: status, counters and built-ins' bundles; what a retry took over becomes resolved.
 * Everything is masked before it is written. Statements are prepared once per store.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { isInterruption } from '../interruption';
import { maskedJson, type Masker } from './mask';
import type { IncompleteExecution, ScenarioRun, StepRecord } from '../types';
import type { RunPlan } from './rows';
import type { HistoryStore } from './store';
import { setTriggerState, type StoredTriggerState } from './trigger-state';
import { markInterrupted, startedWriting, stoppedWriting, writer } from './writers';

export interface BeginRun {
  id: string;
  name: string;
  /** Already masked. */
  blueprint: unknown;
  startedAt: string;
  retryOf?: string;
  plan?: RunPlan;
  /**
   * A polling trigger's items and its new state: journaled as the run's first step (the trigger module's
   * execution, its outputs the items) and saved under `key`, in the run's first transaction.
   */
  trigger?: TriggerStart;
  /** More work for the run's first transaction (throw to start nothing): a delivery taking its item. */
  atBegin?: () => void;
}

export interface TriggerStart {
  /** The scenario key the state is kept under (none: the state is not kept). */
  key?: string;
  /** The trigger module's id in the blueprint. */
  moduleId: string;
  /** What it was run with (masked like every input). */
  input?: unknown;
  items: Record<string, unknown>[];
  /** The state to keep under `key` (none for an instant trigger: a delivery has no state). */
  state?: StoredTriggerState;
  operations?: number;
  durationMs?: number;
}

export class RunJournal {
  private stepSeq = 0;
  private incompleteSeq = 0;
  private replayed: string[] = [];
  private readonly insertStep: Database.Statement;

  constructor(
    private readonly store: HistoryStore,
    readonly runId: string,
    private readonly mask: Masker,
  ) {
    this.insertStep = store.statement(
      `INSERT INTO run_steps (run_id, seq, module_id, at, duration_ms, operations, input, outputs, outputs_count, error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /**
   * While a replay runs, a Break that the replayed runs already stored is not stored again: it is still
   * theirs to retry (or was retried already). What those runs were themselves retrying when they were
   * cut short does not count: the replay redoes it.
   */
  replaying(runs: string[]): void {
    this.replayed = runs;
  }

  /** One app module execution, committed before the runner goes on (its own transaction). */
  step(rec: StepRecord): void {
    this.insertStep.run(
      this.runId,
      this.stepSeq++,
      rec.moduleId,
      Date.now(),
      Math.round(rec.durationMs),
      rec.operations,
      maskedJson(this.mask, rec.input ?? null),
      maskedJson(this.mask, rec.outputs),
      rec.outputs.length,
      rec.error ? maskedJson(this.mask, rec.error) : null,
    );
  }

  /**
   * Stores an incomplete execution (giving it an id); false when a replayed run already stored the same
   * one (same module, same context): it is that run's to retry, not this one's.
   */
  incomplete(inc: IncompleteExecution): boolean {
    const masked = this.mask(inc) as IncompleteExecution;
    if (this.replayed.length > 0 && !isInterruption(inc)) {
      const context = JSON.stringify(masked.bundle);
      const chain = JSON.stringify(this.replayed);
      const seen = this.store
        .statement(
          `SELECT 1 FROM incomplete WHERE run_id IN (SELECT value FROM json_each(?)) AND module_id = ? AND context = ?
           AND NOT (status = 'retrying' AND resolved_by IN (SELECT value FROM json_each(?))) LIMIT 1`,
        )
        .get(chain, masked.moduleId, context, chain);
      if (seen) return false;
    }
    inc.id ??= randomUUID();
    this.store.insertIncomplete(this.runId, this.incompleteSeq++, {
      ...masked,
      id: inc.id,
      attempts: inc.attempts ?? 0,
      nextAttemptAt: inc.nextAttemptAt ?? null,
      outcome: inc.outcome ?? 'failed',
    });
    return true;
  }

  /**
   * The run's end (the run already masked): status, counters, built-ins' bundles; what it took over is
   * resolved unless it was interrupted.
   */
  finish(masked: ScenarioRun): void {
    this.store.db.transaction(() => {
      this.store
        .statement(`UPDATE runs SET status = ?, operations = ?, finished_at = ?, stopped_by = ? WHERE id = ?`)
        .run(masked.status, masked.operations, masked.finishedAt, masked.stoppedBy ?? null, this.runId);
      this.store.insertModules(this.runId, masked.modules);
      // A run stopped before it finished has not done what it took over: that stays with it until the
      // run that finishes it resolves both.
      if (masked.status !== 'interrupted') resolveTakenOver(this.store, this.runId);
    })();
    stoppedWriting(this.runId);
    this.store.checkpoint();
  }

  /** The run threw instead of ending: it is interrupted now, as if its process had died. */
  abandon(why: string): void {
    stoppedWriting(this.runId);
    markInterrupted(this.store, this.runId, why);
  }
}

/**
 * Journals a run's start. The incomplete executions in `plan` are taken over (status retrying) in the
 * same transaction; those another process took first are left out, and the plan lists only what this
 * run took. Returns the journal and the plan as taken, or undefined (nothing written) when a plan found
 * nothing left to take.
 */
export function beginRun(
  store: HistoryStore,
  begin: BeginRun,
  mask: Masker,
): { journal: RunJournal; plan?: RunPlan } | undefined {
  let taken: RunPlan | undefined;
  let begun = false;
  const journal = new RunJournal(store, begin.id, mask);
  store.db
    .transaction(() => {
      if (begin.plan) {
        const take = store.statement(
          `UPDATE incomplete SET status = 'retrying', resolved_by = ? WHERE id = ? AND status = 'pending'`,
        );
        const mine = (id: string) => take.run(begin.id, id).changes === 1;
        taken = { resume: begin.plan.resume.filter(mine) };
        if (begin.plan.replay) {
          // The replayed run's interruption is what this run finishes.
          const interruption = store
            .incompleteOf(begin.plan.replay)
            .find((i) => i.status === 'pending' && isInterruption(i));
          if (interruption && mine(interruption.id)) taken.replay = begin.plan.replay;
        }
        if (!taken.replay && taken.resume.length === 0) return;
      }
      begun = true;
      insertRun();
      if (begin.trigger) {
        const t = begin.trigger;
        journal.step({
          moduleId: t.moduleId,
          durationMs: t.durationMs ?? 0,
          operations: t.operations ?? 1,
          input: t.input ?? {},
          outputs: t.items,
        });
        if (t.key !== undefined && t.state !== undefined) setTriggerState(store, t.key, t.state, begin.id);
      }
      begin.atBegin?.();
    })
    .immediate();
  if (!begun) return undefined;
  startedWriting(begin.id, store);
  return { journal, plan: taken };

  function insertRun(): void {
    store
      .statement(
        `INSERT INTO runs (id, name, status, operations, started_at, finished_at, stopped_by, retry_of, blueprint, writer_host, writer_pid, plan, heartbeat_at)
           VALUES (?, ?, 'running', 0, ?, ?, NULL, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        begin.id,
        begin.name,
        begin.startedAt,
        begin.startedAt,
        begin.retryOf ?? null,
        JSON.stringify(begin.blueprint),
        writer.host,
        writer.pid,
        taken ? JSON.stringify(taken) : null,
        Date.now(),
      );
  }
}

/**
 * Resolves what a finished run took over; where that was another run's interruption, also what that
 * run had taken over (it finished it), and so on down the chain of cut-short retries.
 */
function resolveTakenOver(store: HistoryStore, runId: string): void {
  const taken = store
    .statement(`SELECT id, run_id, error FROM incomplete WHERE resolved_by = ? AND status = 'retrying'`)
    .all(runId) as { id: string; run_id: string; error: string }[];
  store
    .statement(`UPDATE incomplete SET status = 'resolved' WHERE resolved_by = ? AND status = 'retrying'`)
    .run(runId);
  for (const t of taken) {
    if (isInterruption({ error: JSON.parse(t.error) })) resolveTakenOver(store, t.run_id);
  }
}
