/** The real executor: every app module of a scenario runs through the engine's runModule. */
import type * as Communication from '../communication';
import type { App } from '../types/app';
import type { ModuleExecutor, ScenarioOptions } from './types';

/** `extra`: engine options for every module of the run (a delivery's `payload` for its instant trigger). */
export function createEngineExecutor(
  app: App,
  options: ScenarioOptions,
  extra: Pick<Communication.RunOptions, 'payload' | 'webhook'> = {},
): ModuleExecutor {
  // Required when a scenario runs, not at import: the package main re-exports the runner, and commands
  // that never run a module (validate, iml, modules) should not load axios and the engine.
  const { runModule } = require('../communication') as typeof Communication;
  return async (node, parameters, connection = options.connection) => {
    const result = await runModule(app, node.appModuleId as string, {
      parameters,
      connection,
      ...engineOptionsOf(options),
      dryRun: options.dryRun,
      ...extra,
    });
    return { bundles: result.bundles, operations: result.operations, requests: result.requests };
  };
}

/** What every engine call of a run takes from the run's options: a module's, a trigger's, a connection check's. */
export function engineOptionsOf(options: ScenarioOptions) {
  return {
    target: options.target,
    limits: options.limits,
    retry: options.retry,
    timezone: options.timezone,
    now: options.now,
    logger: options.logger,
  };
}
