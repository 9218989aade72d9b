/** Per-evaluation state: the context, the time settings and the step budget. */
import type { Dialect } from './ast';
import { LIMITS } from './limits';
import { EvalFailure } from './position';

export interface RunOptions {
  /** IANA time zone for date functions and text → date coercion; default UTC. */
  timezone?: string;
  /** Fixed clock: `now` and `timestamp` read this; default the real time, frozen per evaluation. */
  now?: Date | string | number;
  /** Value of the scenario keyword `executionId`. */
  executionId?: string;
}

export class Env {
  steps = 0;
  private nowValue: Date | undefined;
  readonly tz: string;
  readonly executionId: string | undefined;

  constructor(
    readonly ctx: unknown,
    readonly dialect: Dialect,
    private readonly opts: RunOptions | undefined,
  ) {
    this.tz = opts?.timezone || 'UTC';
    this.executionId = opts?.executionId;
  }

  /** `now`, the same instant throughout one evaluation. A fresh Date each read, so callers may keep it. */
  currentTime(): Date {
    if (this.nowValue === undefined) {
      const fixed = this.opts?.now;
      this.nowValue = fixed === undefined ? new Date() : new Date(fixed instanceof Date ? fixed.getTime() : fixed);
    }
    return new Date(this.nowValue.getTime());
  }

  /** Charges work units; fails once the evaluation's budget is spent. */
  charge(units: number): void {
    this.steps += units;
    if (this.steps > LIMITS.maxSteps) throw new EvalFailure(`Evaluation budget of ${LIMITS.maxSteps} steps exceeded`);
  }
}
