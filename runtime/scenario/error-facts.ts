/**
 * What the runner knows of a module's error: the description history and events show, and whether the
 * write it answered may have landed. Kept apart from the flow walk because the execution that learns
 * these facts and the error handling that acts on them are separate steps of the run.
 */
import { DuplicateDataError } from '../errors';
import type { ExecutionOutcome, ScenarioError } from './types';

/** What the runner learnt about an error of an app module execution. */
export interface ErrorFacts {
  outcome: ExecutionOutcome;
  /** A DuplicateDataError answering a write whose first reply was lost: that write had landed. */
  applied: boolean;
}

/**
 * `unknown` when the engine says the request may have been applied (a write whose reply was lost), or
 * when the execution repeats one whose outcome was already unknown and got no definite answer either.
 */
export function factsOf(err: object, uncertain: boolean): ErrorFacts {
  const unknown = uncertain || (err as { outcome?: unknown }).outcome === 'unknown';
  return { outcome: unknown ? 'unknown' : 'failed', applied: uncertain && err instanceof DuplicateDataError };
}

export function describeError(err: unknown): ScenarioError {
  if (err instanceof Error) return { type: err.name || 'RuntimeError', message: err.message };
  return { type: 'RuntimeError', message: String(err) };
}
