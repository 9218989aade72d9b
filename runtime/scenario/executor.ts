/** The real executor: every app module of a scenario runs through the engine's runModule. */
import { runModule } from '../communication';
import type { App } from '../types/app';
import type { ModuleExecutor, ScenarioOptions } from './types';

export function createEngineExecutor(app: App, options: ScenarioOptions): ModuleExecutor {
  return async (node, parameters) => {
    const result = await runModule(app, node.appModuleId as string, {
      parameters,
      connection: options.connection,
      target: options.target,
      dryRun: options.dryRun,
      limits: options.limits,
      retry: options.retry,
      timezone: options.timezone,
      now: options.now,
      logger: options.logger,
    });
    return { bundles: result.bundles, operations: result.operations, requests: result.requests };
  };
}
