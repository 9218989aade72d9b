/**
 * Incomplete executions: `retryIncomplete` runs the due ones again, in one new run per original run
 * (`retryOf`), journaled like any run. The retry run takes them over when it starts (status retrying)
 * and resolves them when it ends; a new Break stores a fresh incomplete execution with one more
 * attempt counted.
 * - A Break's execution resumes at the module that failed, with the context it failed with.
 * - An interrupted run's execution (ExecutionInterruptedError) replays the run: its plan again (the
 *   scenario from its trigger, or what a cut-short retry was retrying), each app module execution its
 *   journal holds served from it, the rest sent (replay.ts).
 * An execution whose outcome is unknown may have taken effect already: if repeating it meets a
 * DuplicateDataError, the write had landed (runner.ts).
 */
import { randomUUID } from 'node:crypto';
import type { App } from '../types/app';
import { buildScenario } from './blueprint';
import { runConnection, withRunConnection } from './connection';
import { secretParameterNames } from '../communication/connection-data';
import { interruptionItem, isInterruption } from './interruption';
import { beginRun } from './history/journal';
import { liveMasker } from './history/mask';
import { openHistory, type HistoryStore, type StoredIncomplete } from './history/store';
import { ReplayFeed, replayingExecutor } from './replay';
import { ScenarioRunner } from './runner';
import { recordScenarioRun, runsWithPending, scenarioKeyOfRun } from './triggers/scenario-runs';
import { triggerOf } from './triggers/trigger-node';
import { clockOf, finishRun, historyPathFor, mappingEnv, whileHonouring, withoutBundles } from './run';
import type { ModuleExecutor, ScenarioOptions, ScenarioRun } from './types';

export interface RetryDeps {
  /** The executor for the retry's options (connection, target). */
  executorFor: (options: ScenarioOptions) => ModuleExecutor;
}

export interface RetryOptions {
  /** Retry this run's incomplete executions (those with auto retry when due, the others always). */
  runId?: string;
  /** Only the due ones of this scenario's runs (its schedule's tick; beyond DESIGN). */
  scenarioKey?: string;
  connection?: ScenarioOptions['connection'];
  target?: string;
  /** The clock deciding what is due. */
  now?: Date;
  timezone?: string;
  historyPath?: string;
  onEvent?: ScenarioOptions['onEvent'];
  logger?: ScenarioOptions['logger'];
  retry?: ScenarioOptions['retry'];
  /**
   * A stop request (Ctrl-C): the bundle in flight finishes, what is left stays with this retry run, which
   * ends interrupted with one incomplete execution that the next retry finishes it with.
   */
  signal?: AbortSignal;
}

/**
 * Due: auto retry on and its time has come; or, when a run is named (a manual retry, like the
 * Retry button on Make's incomplete executions list), one whose auto retries are off or used up.
 */
export function isDue(inc: StoredIncomplete, now: Date, manual: boolean): boolean {
  if (inc.status !== 'pending') return false;
  if (inc.nextAttemptAt === null) return manual;
  return Date.parse(inc.nextAttemptAt) <= now.getTime();
}

export async function retryIncompleteWith(
  app: App,
  options: RetryOptions,
  deps: RetryDeps,
): Promise<ScenarioRun[]> {
  const store = openHistory(historyPathFor(app, options));
  const now = options.now ?? new Date();
  // pending() first: it settles runs whose process died, which gives them their interruption to retry.
  const pending = store.pending(options.runId);
  const mine =
    options.scenarioKey === undefined ? undefined : new Set(runsWithPending(store, options.scenarioKey));
  const due = pending.filter(
    (inc) => (mine ? mine.has(inc.runId) : true) && isDue(inc, now, options.runId !== undefined),
  );
  const byRun = new Map<string, StoredIncomplete[]>();
  for (const inc of due) byRun.set(inc.runId, [...(byRun.get(inc.runId) ?? []), inc]);

  const runs: ScenarioRun[] = [];
  for (const [sourceRunId, incompletes] of byRun) {
    // Stopped: the runs not retried yet keep what is due for the next retry.
    if (options.signal?.aborted) break;
    const run = await retryRun(app, store, sourceRunId, incompletes, options, deps);
    if (run) runs.push(run);
  }
  return runs;
}

async function retryRun(
  app: App,
  store: HistoryStore,
  sourceRunId: string,
  incompletes: StoredIncomplete[],
  options: RetryOptions,
  deps: RetryDeps,
): Promise<ScenarioRun | undefined> {
  const blueprint = store.blueprintOf(sourceRunId);
  const model = buildScenario(app, blueprint);
  const runId = randomUUID();
  const scenarioOptions: ScenarioOptions = {
    connection: options.connection,
    target: options.target,
    timezone: options.timezone,
    now: options.now,
    logger: options.logger,
    retry: options.retry,
  };
  const connection = runConnection(app, scenarioOptions);
  const clock = clockOf(options);
  const masker = liveMasker(() => connection.current(), secretParameterNames(app));
  const startedAt = clock().toISOString();
  const interruption = incompletes.find(isInterruption);
  const key = scenarioKeyOfRun(store, sourceRunId);
  const begun = beginRun(
    store,
    {
      id: runId,
      name: model.name,
      blueprint,
      startedAt,
      retryOf: sourceRunId,
      plan: {
        ...(interruption ? { replay: sourceRunId } : {}),
        resume: incompletes.filter((i) => !isInterruption(i)).map((i) => i.id),
      },
      // A retry of a scenario's run is that scenario's too: its schedule finishes what this one leaves.
      ...(key !== undefined ? { atBegin: () => recordScenarioRun(store, runId, key) } : {}),
    },
    masker,
  );
  // Another process took everything first.
  if (!begun?.plan) return undefined;
  const { journal, plan } = begun;
  const chain = plan.replay ? replayChain(store, plan.replay) : [];
  let executor = withRunConnection(deps.executorFor(scenarioOptions), connection);
  if (plan.replay)
    executor = replayingExecutor(executor, new ReplayFeed(chain, (...a) => store.stepsAfter(...a)));
  const runner = new ScenarioRunner(model, {
    runId,
    executor,
    env: mappingEnv(app, runId, scenarioOptions),
    clock,
    signal: options.signal,
    onEvent: options.onEvent,
    recordBundles: true,
    journal,
    startedAt,
    keepUnfinished: triggerOf(app, model) !== undefined,
  });
  const stop = new StopCheck(runner, options.signal);
  try {
    await whileHonouring(options.signal, async () => {
      if (plan.replay) {
        journal.replaying(chain);
        runner.doubtAfterReplay(interruption?.outcome ?? 'failed');
        await replayPlan(runner, store, plan.replay, stop);
        journal.replaying([]);
      }
      for (const id of plan.resume) {
        if (stop.cutShort()) break;
        const inc = incompletes.find((i) => i.id === id) as StoredIncomplete;
        await runner.resume(inc.moduleId, inc.bundle, inc);
      }
    });
  } catch (err) {
    journal.abandon(`the retry failed (${err instanceof Error ? err.message : String(err)})`);
    throw err;
  }
  const run = runner.result();
  if (stop.leftWork && run.stoppedBy !== 'abort') {
    // Stopped between two resumed executions: the rest is this run's to finish, as the runner records
    // it when stopped between two trigger bundles.
    const item = interruptionItem(
      model.flow[0].id,
      clock().toISOString(),
      'failed',
      'The retry was stopped before it finished.',
    );
    journal.incomplete(item);
    run.incomplete.push(item);
    Object.assign(run, { status: 'interrupted', stoppedBy: 'abort' });
  }
  const stored = finishRun({ ...run, retryOf: sourceRunId }, masker);
  journal.finish(stored);
  const result = withoutBundles(stored);
  options.onEvent?.({ type: 'run:end', run: result });
  return result;
}

/** Whether a stop request cut the retry short, leaving work undone (asked before each piece of work). */
class StopCheck {
  leftWork = false;
  constructor(
    private readonly runner: ScenarioRunner,
    private readonly signal: AbortSignal | undefined,
  ) {}

  cutShort(): boolean {
    if (this.signal?.aborted || this.runner.result().stoppedBy === 'abort') this.leftWork = true;
    return this.leftWork;
  }
}

/** The runs whose journals a replay of `runId` serves, in order: what it replayed first, then itself. */
function replayChain(store: HistoryStore, runId: string): string[] {
  const replayed = store.planOf(runId)?.replay;
  return [...(replayed ? replayChain(store, replayed) : []), runId];
}

/** Runs what `runId` ran: the scenario from its trigger, or a retry's plan (recursively), until stopped. */
async function replayPlan(
  runner: ScenarioRunner,
  store: HistoryStore,
  runId: string,
  stop: StopCheck,
): Promise<void> {
  const plan = store.planOf(runId);
  if (!plan) return runner.runTrigger();
  if (plan.replay) await replayPlan(runner, store, plan.replay, stop);
  for (const id of plan.resume) {
    if (stop.cutShort()) return;
    const inc = store.incompleteById(id);
    if (inc) await runner.resume(inc.moduleId, inc.bundle, inc);
  }
}
