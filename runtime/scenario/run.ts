/**
 * Running a blueprint: check it, run it through the runner with the given executor, mask secrets,
 * store the run. The executor is a parameter so the runner's semantics can be pinned with a plain
 * in-process module implementation; the public runScenario (index.ts) always passes the engine.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { InvalidConfigurationError } from '../errors';
import type { App } from '../types/app';
import { isValidZone } from '../iml';
import { buildScenario } from './blueprint';
import { runConnection, withRunConnection } from './connection';
import { secretParameterNames } from '../communication/connection-data';
import { liveMasker, type Masker } from './history/mask';
import { beginRun, type RunJournal } from './history/journal';
import { defaultHistoryPath } from './history/queries';
import { openHistory } from './history/store';
import { mapParameters, type MappingEnv } from './mapping';
import { getTriggerState, type StoredTriggerState } from './history/trigger-state';
import {
  dryPolling,
  firstOutput,
  pollFrom,
  servingFirst,
  type FirstOutput,
  type FirstOutputSource,
} from './triggers/first-output';
import { recordScenarioRun } from './triggers/scenario-runs';
import { triggerOf } from './triggers/trigger-node';
import { withSecrets } from './triggers/secrets';
import { ScenarioRunner } from './runner';
import type { ModuleExecutor, ScenarioOptions, ScenarioRun } from './types';

export interface RunDeps {
  /** Runs the app's modules. */
  executor: ModuleExecutor;
  /** Where the trigger's items come from when not from a poll (a delivered item). */
  firstOutput?: FirstOutputSource;
  /** More work for the run's first transaction (a delivery taking its queued item); throw to start nothing. */
  atBegin?: () => void;
  /** More values to mask everywhere the run is stored or reported (a hook's id and URL). */
  secrets?: string[];
}

export function historyPathFor(app: App, options: { historyPath?: string }): string {
  return options.historyPath ?? defaultHistoryPath(app.dir);
}

/** Throws InvalidConfigurationError for a time zone the platform does not know. */
export function checkTimezone(timezone: string): void {
  if (!isValidZone(timezone))
    throw new InvalidConfigurationError(
      `Unknown time zone "${timezone}" (use an IANA name such as Europe/Prague)`,
    );
}

export function mappingEnv(app: App, runId: string, options: ScenarioOptions): MappingEnv {
  const timezone = options.timezone ?? 'UTC';
  checkTimezone(timezone);
  const env: MappingEnv = { app, timezone, executionId: runId };
  if (options.now) env.now = options.now;
  return env;
}

export function clockOf(options: { now?: Date }): () => Date {
  const fixed = options.now;
  return fixed ? () => new Date(fixed.getTime()) : () => new Date();
}

export async function runScenarioWith(
  app: App,
  blueprint: unknown,
  options: ScenarioOptions,
  deps: RunDeps,
): Promise<ScenarioRun> {
  const model = buildScenario(app, blueprint);
  const trigger = triggerOf(app, model);
  const runId = options.runId ?? randomUUID();
  const connection = runConnection(app, options);
  const masker = withSecrets(
    liveMasker(() => connection.current(), secretParameterNames(app)),
    deps.secrets,
  );
  const record = options.history !== false && !options.dryRun;
  const env = mappingEnv(app, runId, options);
  const clock = clockOf(options);
  const startedAt = clock().toISOString();
  const key = options.scenarioKey;
  let executor = deps.executor;
  // A trigger's items are had first, so the run's first transaction journals them with the new state.
  let first: FirstOutput | undefined;
  if (trigger && options.dryRun && trigger.kind === 'trigger')
    executor = dryPolling(executor, app, trigger.node.id, options, keptState(app, options));
  else if (trigger && !options.dryRun) {
    if (trigger.kind === 'instant_trigger' && !deps.firstOutput)
      throw new InvalidConfigurationError(
        `The scenario starts with an instant trigger (module ${trigger.node.id}): it runs once per delivered item; serve its hook with listenScenario (\`scenario BLUEPRINT --listen\`)`,
      );
    const source =
      deps.firstOutput ??
      (trigger.kind === 'trigger'
        ? pollFrom(app, options, record ? keptState(app, options) : undefined)
        : undefined);
    if (source) {
      first = await firstOutput(
        source,
        trigger.node,
        () => mapParameters(trigger.node, {}, env),
        () => connection.connection(),
      );
      executor = servingFirst(executor, trigger.node.id, first);
    }
  }
  let journal: RunJournal | undefined;
  if (record) {
    const store = openHistory(historyPathFor(app, options));
    const begun = beginRun(
      store,
      {
        id: runId,
        name: model.name,
        blueprint: masker(blueprint),
        startedAt,
        ...(first && 'bundles' in first
          ? {
              trigger: {
                ...(key !== undefined ? { key } : {}),
                moduleId: trigger!.node.id,
                input: first.input,
                items: first.bundles,
                ...(first.state !== undefined ? { state: first.state } : {}),
                operations: 1,
                durationMs: first.durationMs,
              },
            }
          : {}),
        atBegin: () => {
          if (key !== undefined) recordScenarioRun(store, runId, key);
          deps.atBegin?.();
        },
      },
      masker,
    );
    journal = begun?.journal;
  }
  const runner = new ScenarioRunner(model, {
    runId,
    executor: withRunConnection(executor, connection),
    env,
    clock,
    signal: options.signal,
    onEvent: options.onEvent && maskedEvents(options.onEvent, masker),
    onProgress: options.onProgress,
    recordBundles: record,
    journal,
    startedAt,
    keepUnfinished: trigger !== undefined,
  });
  let run: ScenarioRun;
  if (options.dryRun) {
    run = await runner.dryRun();
  } else {
    await whileHonouring(options.signal, () => runner.runTrigger()).catch((err: unknown) => {
      journal?.abandon(`the runner failed (${err instanceof Error ? err.message : String(err)})`);
      throw err;
    });
    run = runner.result();
  }
  const stored = finishRun(run, masker);
  journal?.finish(stored);
  const result = withoutBundles(stored);
  options.onEvent?.({ type: 'run:end', run: result });
  return result;
}

/** The trigger state kept under the run's scenario key (none without a key or a history file). */
function keptState(app: App, options: ScenarioOptions): StoredTriggerState | undefined {
  const file = historyPathFor(app, options);
  if (options.scenarioKey === undefined || !fs.existsSync(file)) return undefined;
  return getTriggerState(openHistory(file), options.scenarioKey);
}

/**
 * Runs `work` with a listener on the stop signal, so whoever raised it knows the run honours it (the
 * CLI then lets the trigger bundle in flight finish instead of exiting at once).
 */
export async function whileHonouring<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  const noted = (): void => undefined;
  signal?.addEventListener('abort', noted);
  try {
    return await work();
  } finally {
    signal?.removeEventListener('abort', noted);
  }
}

/** Masks secrets and gives every incomplete execution its id. */
export function finishRun(run: ScenarioRun, masker: Masker): ScenarioRun {
  return masker({
    ...run,
    incomplete: run.incomplete.map((inc) => ({ ...inc, id: inc.id ?? randomUUID() })),
  }) as ScenarioRun;
}

/** ScenarioRun as runScenario returns it: counters, no bundles (getRun adds them). */
export function withoutBundles(run: ScenarioRun): ScenarioRun {
  return { ...run, modules: run.modules.map(({ inputs: _i, outputs: _o, ...m }) => m) };
}

function maskedEvents(
  onEvent: NonNullable<ScenarioOptions['onEvent']>,
  masker: Masker,
): ScenarioOptions['onEvent'] {
  return (e) => onEvent(e.type === 'bundle' ? (masker(e) as typeof e) : e);
}
