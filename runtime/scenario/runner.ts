/**
 * Make's execution model (make-format.md §9): the first module runs once; every bundle it emits flows
 * depth-first through the modules after it; a search or an iterator fans out; filters drop bundles;
 * a router sends each bundle down every route whose first filter passes; an aggregator collects what
 * its feeder's bundles produced and then emits one bundle. Errors go to the module's `onerror` route
 * and its directive (§8.2). Operations are counted per module execution.
 *
 * This file is the walk itself and the run's entry points (a trigger's run, a retry's resume, a dry
 * run). Its parts: module-execution.ts runs one module, error-handling.ts follows `onerror` routes and
 * their directives, run-outcome.ts says how the run ends and what it keeps for a retry, and
 * module-accounting.ts counts each module's operations and bundles.
 */
import type { ScenarioModel, ScenarioNode } from './blueprint';
import { describeError } from './error-facts';
import { ErrorHandling, type FlowWalk } from './error-handling';
import { passesFilter } from './filter';
import { mapParameters, mapValue, type MappingEnv } from './mapping';
import { ModuleAccounting } from './module-accounting';
import { ModuleExecution } from './module-execution';
import { RunOutcome } from './run-outcome';
import type {
  Bundle,
  ExecutionOutcome,
  IncompleteExecution,
  ModuleExecutor,
  ScenarioEvent,
  ScenarioOptions,
  ScenarioRun,
  StepRecord,
} from './types';

export { describeError } from './error-facts';
export { nextAttempt, retrySettings } from './run-outcome';

export type Context = Record<string, Bundle>;

export interface RunnerOptions {
  runId: string;
  executor: ModuleExecutor;
  env: MappingEnv;
  /** The run's clock, for incomplete executions' retry times. */
  clock: () => Date;
  signal?: AbortSignal;
  onEvent?: (e: ScenarioEvent) => void;
  onProgress?: ScenarioOptions['onProgress'];
  /** Keep built-in modules' inputs and outputs (for the history; app modules' go to the journal). */
  recordBundles: boolean;
  /** Where app module executions and incomplete executions are written as they happen. */
  journal?: RunnerJournal;
  /** When the run started, as its journal says (default: now). */
  startedAt?: string;
  /**
   * The run started from a trigger, whose items no later poll reads again: items it does not finish
   * because of an error or a Rollback stay incomplete executions of the run (decisions.md "Triggers").
   */
  keepUnfinished?: boolean;
}

/** The runner's view of the run journal (history/journal.ts). */
export interface RunnerJournal {
  step(rec: StepRecord): void;
  /** Stores it (giving it an id); false when it is already stored by the run being replayed. */
  incomplete(inc: IncompleteExecution): boolean;
}

type Location = { flow: ScenarioNode[]; index: number };

export class ScenarioRunner {
  private readonly startedAt: string;
  private readonly locations = new Map<string, Location>();
  private readonly aggregations = new Map<string, unknown[]>();
  private requests: unknown[] | undefined;
  private readonly outcome: RunOutcome;
  private readonly accounting: ModuleAccounting;
  private readonly executions: ModuleExecution;
  private readonly errors: ErrorHandling;

  constructor(
    private readonly model: ScenarioModel,
    private readonly opts: RunnerOptions,
  ) {
    this.startedAt = opts.startedAt ?? opts.clock().toISOString();
    const locate = (flow: ScenarioNode[]) =>
      flow.forEach((node, index) => {
        this.locations.set(node.id, { flow, index });
        node.routes.forEach(locate);
        if (node.onerror) locate(node.onerror.route);
      });
    locate(model.flow);
    this.outcome = new RunOutcome(opts);
    this.accounting = new ModuleAccounting(model.nodes.values(), opts.recordBundles, opts.onEvent);
    this.executions = new ModuleExecution(opts, this.accounting);
    const walk: FlowWalk = {
      runAt: (flow, index, context) => this.runAt(flow, index, context),
      resumeWith: (at, substitute) =>
        this.continueWith(at.flow, at.index, at.node, at.context, [substitute], false),
    };
    this.errors = new ErrorHandling(walk, this.outcome, this.executions, this.accounting, opts.env);
  }

  /**
   * A replay of a run whose process died (outcome unknown): the first app module execution sent rather
   * than served from the journal may repeat the one that was in flight.
   */
  doubtAfterReplay(outcome: ExecutionOutcome): void {
    this.executions.uncertainAfterReplay = outcome === 'unknown';
  }

  /**
   * Runs the scenario from its first module, once. A stop request ends the run as interrupted, keeping
   * what is left as one incomplete execution.
   */
  async runTrigger(): Promise<void> {
    await this.runAt(this.model.flow, 0, {}, true);
    if (this.outcome.stoppedBy === 'abort') this.outcome.keepInterruption(this.model.flow[0].id);
  }

  /**
   * A retry: runs the module that failed with the context it failed with, then everything after it.
   * `attempts` counts the tries before this one; `outcome: 'unknown'` marks the resumed execution as one
   * that may already have taken effect. Returns the incomplete executions this attempt produced.
   */
  async resume(
    moduleId: string,
    context: Context,
    previous: Partial<IncompleteExecution> = {},
  ): Promise<IncompleteExecution[]> {
    const loc = this.locations.get(moduleId);
    if (!loc) throw new Error(`The scenario has no module ${moduleId} to resume from`);
    const before = this.outcome.incomplete.length;
    this.outcome.attempt = (previous.attempts ?? 0) + 1;
    this.executions.uncertainNext = previous.outcome === 'unknown';
    if (!this.halted) {
      await this.runAt(loc.flow, loc.index, context);
      if (this.halted) this.outcome.keepFailure();
    } else if (this.opts.keepUnfinished && previous.error && previous.retry) {
      // The run stopped before this one's turn: it stays as it was, due again.
      this.outcome.keep({
        moduleId,
        bundle: context,
        error: previous.error,
        retry: previous.retry,
        attempts: previous.attempts ?? 0,
        nextAttemptAt: this.opts.clock().toISOString(),
        status: 'pending',
        outcome: previous.outcome ?? 'failed',
      });
    }
    this.outcome.attempt = 0;
    this.executions.uncertainNext = false;
    return this.outcome.incomplete.slice(before);
  }

  /** Dry run: map and render the first module only. */
  async dryRun(): Promise<ScenarioRun> {
    const node = this.model.flow[0];
    const stats = this.accounting.of(node);
    if (node.kind === 'app') {
      const params = mapParameters(node, {}, this.opts.env);
      const result = await this.opts.executor(node, params);
      this.requests = result.requests ?? [];
      stats.inputs.push(params);
    }
    return { ...this.result(), requests: this.requests ?? [] };
  }

  /** The run so far: status, counters, incomplete executions. */
  result(): ScenarioRun {
    const modules = this.accounting.summaries();
    const run: ScenarioRun = {
      id: this.opts.runId,
      name: this.model.name,
      status: this.outcome.status(),
      operations: modules.reduce((n, m) => n + m.operations, 0),
      modules,
      incomplete: this.outcome.incomplete,
      startedAt: this.startedAt,
      finishedAt: this.opts.clock().toISOString(),
    };
    if (this.outcome.stoppedBy) run.stoppedBy = this.outcome.stoppedBy;
    return run;
  }

  private get halted(): boolean {
    return this.outcome.halted;
  }

  /** Runs `flow[index]` for one incoming bundle (the context), then everything after it. */
  private async runAt(
    flow: ScenarioNode[],
    index: number,
    context: Context,
    isTrigger = false,
  ): Promise<void> {
    if (this.halted || index >= flow.length) return;
    const node = flow[index];
    if (node.kind === 'directive') return this.errors.reach(node, context);
    try {
      if (node.filter && !passesFilter(node.filter, context, this.opts.env)) return;
      if (node.kind === 'aggregator') return this.collect(node, context);
    } catch (err) {
      // A filter or an aggregator's mapping that fails to evaluate is that module's error.
      this.accounting.of(node).errors.push(describeError(err));
      return this.errors.handle(flow, index, node, context, err, isTrigger);
    }

    if (node.kind === 'router') {
      this.accounting.of(node).bundlesIn += 1;
      for (const route of node.routes) {
        if (this.halted || this.errors.decided) return;
        await this.runAt(route, 0, context);
      }
      return;
    }
    let outputs: Bundle[];
    try {
      outputs = await this.executions.run(node, context);
    } catch (err) {
      await this.errors.handle(flow, index, node, context, err, isTrigger);
      return;
    }
    await this.continueWith(flow, index, node, context, outputs, isTrigger);
  }

  /** Sends each output bundle down the rest of the flow, then releases the aggregators it feeds. */
  private async continueWith(
    flow: ScenarioNode[],
    index: number,
    node: ScenarioNode,
    context: Context,
    outputs: Bundle[],
    isTrigger: boolean,
  ): Promise<void> {
    const fed = this.model.aggregatorsByFeeder.get(node.id) ?? [];
    for (const agg of fed) this.aggregations.set(agg.id, []);
    let done = 0;
    if (isTrigger) this.opts.onProgress?.(done, outputs.length);
    for (const output of outputs) {
      if (this.halted) break;
      // A stop request lets the trigger bundle in flight finish its whole depth-first path.
      if (isTrigger && this.opts.signal?.aborted) {
        this.outcome.stoppedBy = 'abort';
        this.outcome.warning = true;
        break;
      }
      await this.runAt(flow, index + 1, { ...context, [node.id]: output });
      done += 1; // not inside onProgress?.(…): its arguments are not evaluated when there is none
      if (isTrigger) this.opts.onProgress?.(done, outputs.length);
    }
    if (isTrigger && this.halted)
      this.outcome.keepUnfinishedItems(flow[index + 1], node, context, outputs.slice(done));
    for (const agg of fed) {
      const items = this.aggregations.get(agg.id) ?? [];
      this.aggregations.delete(agg.id);
      // An aggregator that received nothing emits nothing (as in Make).
      if (items.length === 0 || this.halted) continue;
      const stats = this.accounting.of(agg);
      stats.operations += 1;
      const output: Bundle = { array: items, __IMTAGGLENGTH__: items.length };
      this.accounting.output(agg, items.length, output);
      const loc = this.locations.get(agg.id) as Location;
      await this.runAt(loc.flow, loc.index + 1, { ...context, [agg.id]: output });
    }
  }

  private collect(node: ScenarioNode, context: Context): void {
    const items = this.aggregations.get(node.id);
    const stats = this.accounting.of(node);
    stats.bundlesIn += 1;
    if (!items) return; // its feeder is not upstream of this bundle: nothing to aggregate into
    const feederId = String(node.parameters.feeder);
    const mapped =
      Object.keys(node.mapper).length > 0 ? mapValue(node.mapper, context, this.opts.env) : context[feederId];
    items.push(mapped);
  }
}
