/**
 * Per-evaluation settings for the functions and keywords that read them: the time zone, the frozen
 * clock, the execution id. Made on first use; the step budget is a counter of the generated code.
 */
import { RegexBudget, regexBudget } from './regex';

/**
 * The app's custom functions (the `function` component), as the engine hands them to an evaluation:
 * IML only calls them; running them, isolated and on a budget, is runtime/functions' job.
 */
export interface CustomFunctionCaller {
  /** The names templates may call. */
  readonly names: readonly string[];
  call(name: string, args: unknown[], context: { timezone: string }): unknown;
}

export interface RunOptions {
  /** IANA time zone for date functions and text → date coercion; default UTC. */
  timezone?: string;
  /** Fixed clock: `now` and `timestamp` read this; default the real time, frozen per evaluation. */
  now?: Date | string | number;
  /** Value of the scenario keyword `executionId`. */
  executionId?: string;
  /** The app's custom functions, for templates compiled with their names (app dialect only). */
  functions?: CustomFunctionCaller;
}

export class Env {
  // `declare` fields: assigned in the constructor only, so creating an Env (once per evaluation) stays
  // a plain fixed-shape allocation rather than a series of property definitions.
  declare readonly tz: string;
  declare readonly executionId: string | undefined;
  declare private nowValue: Date | undefined;
  declare private readonly opts: RunOptions | undefined;
  declare private regexSteps: RegexBudget | undefined;

  constructor(opts: RunOptions | undefined) {
    this.opts = opts;
    this.nowValue = undefined;
    this.tz = (opts && opts.timezone) || 'UTC';
    this.executionId = opts && opts.executionId;
    this.regexSteps = undefined;
  }

  /** The regex step budget all of this evaluation's searches share (decisions.md "Regex budgets"). */
  regexBudget(): RegexBudget {
    return (this.regexSteps ??= regexBudget());
  }

  /** `now`, the same instant throughout one evaluation. A fresh Date each read, so callers may keep it. */
  currentTime(): Date {
    if (this.nowValue === undefined) {
      const fixed = this.opts?.now;
      this.nowValue =
        fixed === undefined ? new Date() : new Date(fixed instanceof Date ? fixed.getTime() : fixed);
    }
    return new Date(this.nowValue.getTime());
  }
}
