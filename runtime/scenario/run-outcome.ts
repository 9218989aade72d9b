/**
 * How a run is ending (what stopped it, whether with a warning) and the incomplete executions it leaves
 * for a retry: a Break's item, a trigger's items it did not finish, a stop request's interruption. Kept
 * apart from the flow walk so that the walk only asks "halted?" and says what happened, while the rules
 * for what is kept, and when it is due again, live in one place.
 */
import type { ScenarioNode } from './blueprint';
import { interruptionItem } from './interruption';
import type { Context, RunnerOptions } from './runner';
import type {
  Bundle,
  ExecutionOutcome,
  IncompleteExecution,
  RetrySettings,
  ScenarioError,
  ScenarioRun,
} from './types';

/** How an item a trigger's run did not finish is retried: at once, up to 3 attempts (Make's count). */
const KEPT_RETRY: RetrySettings = { enabled: true, count: 3, intervalMinutes: 0 };

/** Where an error or a Rollback stopped the run, or where a Break stores its item. */
export interface Failure {
  node: ScenarioNode;
  context: Context;
  error: ScenarioError;
  outcome: ExecutionOutcome;
}

export class RunOutcome {
  stoppedBy: ScenarioRun['stoppedBy'];
  /** The run ends with a warning even though nothing stopped it (e.g. a DuplicateDataError). */
  warning = false;
  readonly incomplete: IncompleteExecution[] = [];
  /** Attempts before this one of what is being resumed (0 in a run of the scenario). */
  attempt = 0;
  /** The first place an error or a Rollback stopped the run, until a trigger's run keeps it. */
  private failure?: Failure;

  constructor(private readonly opts: Pick<RunnerOptions, 'clock' | 'journal' | 'keepUnfinished'>) {}

  /** Nothing more runs; a stop request ('abort') instead lets the trigger bundle in flight finish. */
  get halted(): boolean {
    return this.stoppedBy !== undefined && this.stoppedBy !== 'abort';
  }

  /** Stops the run on an error or a Rollback, remembering where first (a trigger's run keeps that item). */
  stop(by: 'error' | 'rollback', at: Failure): void {
    this.stoppedBy = by;
    this.failure ??= at;
  }

  status(): ScenarioRun['status'] {
    return this.stoppedBy === 'rollback' || this.stoppedBy === 'error'
      ? 'error'
      : this.stoppedBy === 'abort'
        ? 'interrupted'
        : this.warning || this.incomplete.length > 0
          ? 'warning'
          : 'success';
  }

  /** Stores an incomplete execution of this run (unless the replayed run already holds it). */
  keep(item: IncompleteExecution): void {
    if (this.opts.journal?.incomplete(item) !== false) this.incomplete.push(item);
  }

  /** A stop request ended the run: what is left is one interruption at the first module. */
  keepInterruption(firstModuleId: string): void {
    const at = this.opts.clock().toISOString();
    this.keep(interruptionItem(firstModuleId, at, 'failed', 'The run was stopped before it finished.'));
  }

  /** Stores the execution that failed for a retry (a Break's, or a trigger's kept failure). */
  keepForRetry(at: Failure, retry: RetrySettings): void {
    const attempts = this.attempt;
    this.keep({
      moduleId: at.node.id,
      bundle: at.context,
      error: at.error,
      retry,
      attempts,
      // Auto retries stop once `count` attempts are used up; a manual retry remains possible.
      nextAttemptAt: retry.enabled && attempts < retry.count ? nextAttempt(retry, this.opts.clock()) : null,
      status: 'pending',
      outcome: at.outcome,
    });
  }

  /**
   * A trigger's run stopped by an error or a Rollback keeps the item that failed, like a Break would,
   * due at once (the next tick or retry takes it) for up to KEPT_RETRY.count attempts.
   */
  keepFailure(): void {
    const f = this.failure;
    if (!this.opts.keepUnfinished || !f || this.stoppedBy === 'commit') return;
    this.failure = undefined;
    this.keepForRetry(f, { ...KEPT_RETRY });
  }

  /**
   * ...and each of its items that did not start (at the module after the trigger, due at once). Commit
   * ends the run as Make's does: the items after it are not processed and not kept.
   */
  keepUnfinishedItems(
    next: ScenarioNode | undefined,
    trigger: ScenarioNode,
    context: Context,
    rest: Bundle[],
  ): void {
    if (!this.opts.keepUnfinished || this.stoppedBy === 'commit') return;
    const stoppedAt = this.failure?.node.id;
    this.keepFailure();
    if (!next) return;
    const at = this.opts.clock().toISOString();
    for (const output of rest) {
      this.keep({
        moduleId: next.id,
        bundle: { ...context, [trigger.id]: output },
        error: {
          type: 'RuntimeError',
          message: `Not processed: the run stopped (${this.stoppedBy}${stoppedAt ? ` at module ${stoppedAt}` : ''}) before this item.`,
        },
        retry: { ...KEPT_RETRY },
        attempts: 0,
        nextAttemptAt: at,
        status: 'pending',
        outcome: 'failed',
      });
    }
  }
}

/** When a stored incomplete execution is next due (null: only a manual retry runs it). */
export function nextAttempt(retry: RetrySettings, from: Date): string | null {
  return retry.enabled ? new Date(from.getTime() + retry.intervalMinutes * 60_000).toISOString() : null;
}

/** Break's `mapper {retry, count, interval}` (strings in exports: "3", "15"); interval in minutes. */
export function retrySettings(raw: unknown): RetrySettings {
  const m = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const enabled = m.retry === true || m.retry === 'true';
  const count = Number(m.count);
  const interval = Number(m.interval);
  return {
    enabled,
    count: Number.isInteger(count) && count > 0 ? count : 3,
    intervalMinutes: Number.isFinite(interval) && interval >= 0 ? interval : 15,
  };
}
