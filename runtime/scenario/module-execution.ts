/**
 * One module execution: map its input, run it (an app module through the executor, a built-in here),
 * count the operation, journal what was sent, and learn what its error means. Kept apart from the flow
 * walk because the doubt about writes that may already have landed (a resumed execution, the first one
 * sent after a replayed journal) is settled here, execution by execution, whatever the walk does next.
 */
import { runBuiltin } from './builtins';
import type { ScenarioNode } from './blueprint';
import { describeError, factsOf, type ErrorFacts } from './error-facts';
import { mapParameters } from './mapping';
import type { ModuleAccounting } from './module-accounting';
import { isReplayed } from './replay';
import type { Context, RunnerOptions } from './runner';
import type { Bundle, ScenarioError } from './types';

export class ModuleExecution {
  /** The next app module execution (a resumed one) may repeat a write that already took effect. */
  uncertainNext = false;
  /** The first app module execution sent after a replayed journal ends may repeat the one in flight. */
  uncertainAfterReplay = false;
  private readonly errorFacts = new WeakMap<object, ErrorFacts>();

  constructor(
    private readonly opts: Pick<RunnerOptions, 'executor' | 'env' | 'journal' | 'onEvent'>,
    private readonly accounting: ModuleAccounting,
  ) {}

  /** What an app module execution of this run learnt about the error it threw (undefined: none). */
  factsAbout(err: unknown): ErrorFacts | undefined {
    return typeof err === 'object' && err !== null ? this.errorFacts.get(err) : undefined;
  }

  /** One module execution: map the input, run it, count the operation. Throws the module's error. */
  async run(node: ScenarioNode, context: Context): Promise<Bundle[]> {
    const stats = this.accounting.of(node);
    stats.bundlesIn += 1;
    this.opts.onEvent?.({ type: 'module:start', moduleId: node.id });
    let params: Record<string, unknown> | undefined;
    let operations = 1;
    // Only executions that reached the executor are journaled: a mapping that fails fails again the same
    // way in a replay, before the executor, so the journal and the replay stay in step.
    let called = false;
    let sent = false;
    let uncertain = false;
    const started = performance.now();
    try {
      params = mapParameters(node, context, this.opts.env);
      this.accounting.input(node, params);
      let bundles: Bundle[];
      if (node.kind === 'app') {
        // A resumed execution's doubt is its own, settled by its first execution, replayed or sent; an
        // interrupted run's belongs to the first execution sent after its journal ends.
        uncertain = this.uncertainNext;
        this.uncertainNext = false;
        called = true;
        const result = await this.opts.executor(node, params);
        sent = result.replayed !== true;
        if (sent) this.uncertainAfterReplay = false;
        bundles = result.bundles;
        operations = result.operations;
      } else {
        bundles = runBuiltin(node, params);
      }
      stats.operations += operations;
      if (sent) this.journalStep(node, params, bundles, operations, started);
      for (const b of bundles) this.accounting.output(node, params, b);
      this.opts.onEvent?.({ type: 'module:end', moduleId: node.id, operations });
      return bundles;
    } catch (err) {
      const error = describeError(err);
      if (called && !isReplayed(err)) {
        sent = true;
        const doubt = uncertain || this.uncertainAfterReplay;
        this.uncertainAfterReplay = false;
        if (typeof err === 'object' && err !== null) this.errorFacts.set(err, factsOf(err, doubt));
      }
      if (isReplayed(err)) operations = 0;
      stats.operations += operations;
      stats.errors.push(error);
      if (sent) this.journalStep(node, params, [], operations, started, error);
      this.opts.onEvent?.({ type: 'module:end', moduleId: node.id, operations, error });
      throw err;
    } finally {
      stats.durationMs += performance.now() - started;
    }
  }

  private journalStep(
    node: ScenarioNode,
    input: unknown,
    outputs: Bundle[],
    operations: number,
    started: number,
    error?: ScenarioError,
  ): void {
    this.opts.journal?.step({
      moduleId: node.id,
      durationMs: performance.now() - started,
      operations,
      input: input ?? null,
      outputs,
      ...(error ? { error } : {}),
    });
  }
}
