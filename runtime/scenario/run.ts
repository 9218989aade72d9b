/**
 * Running a blueprint: check it, run it through the runner with the given executor, mask secrets,
 * store the run. The executor is a parameter so the runner's semantics can be pinned with a plain
 * in-process module implementation; the public runScenario (index.ts) always passes the engine.
 */
import { randomUUID } from 'node:crypto';
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
import type { MappingEnv } from './mapping';
import { ScenarioRunner } from './runner';
import type { ModuleExecutor, ScenarioOptions, ScenarioRun } from './types';

export interface RunDeps {
  /** Runs the app's modules. */
  executor: ModuleExecutor;
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
  const runId = options.runId ?? randomUUID();
  const connection = runConnection(app, options);
  const masker = liveMasker(() => connection.current(), secretParameterNames(app));
  const record = options.history !== false && !options.dryRun;
  const env = mappingEnv(app, runId, options);
  const clock = clockOf(options);
  const startedAt = clock().toISOString();
  let journal: RunJournal | undefined;
  if (record) {
    const begun = beginRun(
      openHistory(historyPathFor(app, options)),
      { id: runId, name: model.name, blueprint: masker(blueprint), startedAt },
      masker,
    );
    journal = begun?.journal;
  }
  const runner = new ScenarioRunner(model, {
    runId,
    executor: withRunConnection(deps.executor, connection),
    env,
    clock,
    signal: options.signal,
    onEvent: options.onEvent && maskedEvents(options.onEvent, masker),
    onProgress: options.onProgress,
    recordBundles: record,
    journal,
    startedAt,
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
