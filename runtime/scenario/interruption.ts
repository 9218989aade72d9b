/**
 * A run that ends before it finished (a stop request or signal, or its process died) keeps what is
 * left as one incomplete execution of Make's engine-side type ExecutionInterruptedError, at the first
 * module with no context: retrying it replays the run's journal and runs the rest (retry.ts).
 */
import type { ExecutionOutcome, IncompleteExecution } from './types';

export const INTERRUPTED = 'ExecutionInterruptedError';

export function interruptionItem(
  firstModuleId: string,
  at: string,
  outcome: ExecutionOutcome,
  message: string,
): IncompleteExecution {
  return {
    moduleId: firstModuleId,
    bundle: {},
    error: { type: INTERRUPTED, message },
    // Due at once, for a retry of every due execution as well as a retry of the run.
    retry: { enabled: true, count: 1, intervalMinutes: 0 },
    attempts: 0,
    nextAttemptAt: at,
    status: 'pending',
    outcome,
  };
}

export function isInterruption(inc: Pick<IncompleteExecution, 'error'>): boolean {
  return inc.error.type === INTERRUPTED;
}
