/**
 * Replaying a run's journal. A retry of an interrupted run runs the scenario again from the start (or
 * a cut-short retry's plan again) with an executor that serves each app module execution from the
 * journal, in order, as long as the next journaled step is of the module being run: its outputs, or
 * its error again. Nothing is sent for a served step, and it is not journaled again. From the first
 * step the journal does not hold (or the first that differs), modules run for real.
 */
import { ERROR_TYPES, isErrorTypeName, RuntimeError } from '../errors';
import type { JournaledStep } from './history/rows';
import type { ModuleExecutor, ScenarioError } from './types';

const replayedErrors = new WeakSet<object>();

/** Was this error served from a journal (rather than raised by a module just now)? */
export function isReplayed(err: unknown): boolean {
  return typeof err === 'object' && err !== null && replayedErrors.has(err);
}

/** Reads steps page by page: the journal of a long run is not held in memory at once. */
export type StepPages = (runId: string, afterSeq: number, limit: number) => JournaledStep[];

const PAGE = 500;

/** The journaled steps of one or more runs (a run, then the retries that replayed it), in order. */
export class ReplayFeed {
  private page: JournaledStep[] = [];
  private runIndex = 0;
  private afterSeq = -1;
  private done = false;
  /** Steps served so far. */
  served = 0;

  constructor(
    private readonly runs: string[],
    private readonly read: StepPages,
  ) {}

  /** The next journaled step when it is of this module; otherwise the replay ends here for good. */
  take(moduleId: string): JournaledStep | undefined {
    const next = this.peek();
    if (!next || next.moduleId !== moduleId) {
      this.done = true;
      return undefined;
    }
    this.page.shift();
    this.afterSeq = next.seq;
    this.served++;
    return next;
  }

  private peek(): JournaledStep | undefined {
    while (!this.done && this.page.length === 0) {
      if (this.runIndex >= this.runs.length) {
        this.done = true;
        break;
      }
      this.page = this.read(this.runs[this.runIndex], this.afterSeq, PAGE);
      if (this.page.length === 0) {
        this.runIndex++;
        this.afterSeq = -1;
      }
    }
    return this.done ? undefined : this.page[0];
  }
}

export function replayingExecutor(inner: ModuleExecutor, feed: ReplayFeed): ModuleExecutor {
  return async (node, parameters, connection) => {
    const step = feed.take(node.id);
    if (!step) return inner(node, parameters, connection);
    if (step.error) throw replayedError(step.error);
    return { bundles: step.outputs, operations: 0, replayed: true };
  };
}

function replayedError(e: ScenarioError): Error {
  const Type = isErrorTypeName(e.type) ? ERROR_TYPES[e.type] : RuntimeError;
  const err = new Type(e.message);
  // Types the engine names but errors.ts has no class for keep their name.
  if (err.name !== e.type) err.name = e.type;
  replayedErrors.add(err);
  return err;
}
