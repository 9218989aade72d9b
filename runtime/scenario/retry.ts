/**
 * Incomplete executions (Break): `retryIncomplete` runs the due ones again from the module that
 * failed, with the context it failed with, and everything after it. One new run per original run;
 * the retried executions are marked resolved in the same transaction that stores the new run, and a
 * new Break stores a fresh incomplete execution with one more attempt counted.
 */
import { randomUUID } from 'node:crypto';
import type { App } from '../types/app';
import { buildScenario } from './blueprint';
import { runConnection, withRunConnection } from './connection';
import { secretParameterNames } from '../communication/connection-data';
import { liveMasker } from './history/mask';
import { openHistory, type StoredIncomplete } from './history/store';
import { nextAttempt, ScenarioRunner } from './runner';
import { clockOf, finishRun, historyPathFor, mappingEnv, withoutBundles } from './run';
import type { ModuleExecutor, ScenarioOptions, ScenarioRun } from './types';

export interface RetryDeps {
  /** The executor for the retry's options (connection, target). */
  executorFor: (options: ScenarioOptions) => ModuleExecutor;
}

export interface RetryOptions {
  /** Retry this run's incomplete executions (those with auto retry when due, the others always). */
  runId?: string;
  connection?: ScenarioOptions['connection'];
  target?: string;
  /** The clock deciding what is due. */
  now?: Date;
  timezone?: string;
  historyPath?: string;
  onEvent?: ScenarioOptions['onEvent'];
  logger?: ScenarioOptions['logger'];
  retry?: ScenarioOptions['retry'];
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
  const due = store.pending(options.runId).filter((inc) => isDue(inc, now, options.runId !== undefined));
  const byRun = new Map<string, StoredIncomplete[]>();
  for (const inc of due) byRun.set(inc.runId, [...(byRun.get(inc.runId) ?? []), inc]);

  const runs: ScenarioRun[] = [];
  for (const [sourceRunId, incompletes] of byRun) {
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
    const executor = withRunConnection(deps.executorFor(scenarioOptions), connection);
    const clock = clockOf(options);
    const masker = liveMasker(() => connection.current(), secretParameterNames(app));
    const runner = new ScenarioRunner(model, {
      runId,
      executor,
      env: mappingEnv(app, runId, scenarioOptions),
      clock,
      onEvent: options.onEvent,
      recordBundles: true,
    });
    for (const inc of incompletes) {
      const again = await runner.resume(inc.moduleId, inc.bundle);
      for (const next of again) {
        next.attempts = inc.attempts + 1;
        // Auto retries stop once `count` attempts are used up; a manual retry remains possible.
        next.nextAttemptAt =
          next.retry.enabled && next.attempts < next.retry.count ? nextAttempt(next.retry, clock()) : null;
      }
    }
    const stored = finishRun({ ...runner.result(), retryOf: sourceRunId }, masker);
    store.db.transaction(() => {
      store.saveRun(stored, blueprint);
      store.markResolved(
        incompletes.map((inc) => inc.id),
        runId,
      );
    })();
    const result = withoutBundles(stored);
    options.onEvent?.({ type: 'run:end', run: result });
    runs.push(result);
  }
  return runs;
}
