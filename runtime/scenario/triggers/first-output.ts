/**
 * A run that starts from a trigger (decisions.md "Triggers"): the trigger's output is had BEFORE the run
 * begins (a poll from the state kept under the scenario key, or a delivered item through the instant
 * trigger), so the run's first transaction can journal it as the trigger's step together with the new
 * state (journal.ts beginRun `trigger`), and the runner then serves it to the flow as that step. A
 * trigger that fails starts the run all the same: the runner meets its error as the first module's.
 */
import type * as Communication from '../../communication';
import type { ConnectionOptions } from '../../communication/connection-data';
import type { App } from '../../types/app';
import type { ScenarioNode } from '../blueprint';
import { engineOptionsOf } from '../executor';
import type { StoredTriggerState } from '../history/trigger-state';
import type { Bundle, ModuleExecutor, ScenarioOptions } from '../types';

/** What the trigger gave: its bundles (and a polling trigger's new state), or its error. */
export type FirstOutput =
  | { input: unknown; bundles: Bundle[]; state?: StoredTriggerState; durationMs: number }
  | { input: unknown; error: unknown; durationMs: number };

/** Produces the trigger module's bundles from its mapped parameters and the run's connection. */
export type FirstOutputSource = (
  node: ScenarioNode,
  parameters: Record<string, unknown>,
  connection: ConnectionOptions | undefined,
) => Promise<{ bundles: Bundle[]; state?: StoredTriggerState }>;

const engine = (): typeof Communication => require('../../communication') as typeof Communication;

/** Engine options of the run, for the trigger's own execution. */
function engineOptions(options: ScenarioOptions, connection: ConnectionOptions | undefined) {
  return { ...(connection ? { connection } : {}), ...engineOptionsOf(options), signal: options.signal };
}

/** A polling trigger's source: one poll from `state`. */
export function pollFrom(
  app: App,
  options: ScenarioOptions,
  state: StoredTriggerState | undefined,
): FirstOutputSource {
  return async (node, parameters, connection) => {
    const result = await engine().runTrigger(app, node.appModuleId as string, {
      ...engineOptions(options, connection),
      parameters,
      ...(state ? { state } : {}),
    });
    return { bundles: result.bundles, state: result.state as StoredTriggerState };
  };
}

/** An instant trigger's source: the delivered item through the module (`payload`, `webhook.*`). */
export function deliveredItem(
  app: App,
  options: ScenarioOptions,
  payload: unknown,
  webhook: Record<string, unknown>,
): FirstOutputSource {
  return async (node, parameters, connection) => {
    const result = await engine().runModule(app, node.appModuleId as string, {
      ...engineOptions(options, connection),
      parameters,
      payload,
      webhook,
    });
    return { bundles: result.bundles };
  };
}

export async function firstOutput(
  source: FirstOutputSource,
  node: ScenarioNode,
  parameters: () => Record<string, unknown>,
  connection: () => Promise<ConnectionOptions | undefined>,
): Promise<FirstOutput> {
  const started = performance.now();
  let input: unknown = null;
  try {
    const params = parameters();
    input = params;
    const out = await source(node, params, await connection());
    return { input, ...out, durationMs: performance.now() - started };
  } catch (error) {
    return { input, error, durationMs: performance.now() - started };
  }
}

/**
 * The run's executor with the trigger's execution served from `first`, once: its bundles as a step the
 * journal already holds (counted, not journaled again), or its error as the module's own.
 */
export function servingFirst(inner: ModuleExecutor, nodeId: string, first: FirstOutput): ModuleExecutor {
  let served = false;
  return async (node, parameters, connection) => {
    if (served || node.id !== nodeId) return inner(node, parameters, connection);
    served = true;
    if ('error' in first) throw first.error;
    return { bundles: first.bundles, operations: 1, replayed: true };
  };
}

/** A dry run of a polling trigger renders its requests with the kept state (data.lastDate…). */
export function dryPolling(
  inner: ModuleExecutor,
  app: App,
  nodeId: string,
  options: ScenarioOptions,
  state: StoredTriggerState | undefined,
): ModuleExecutor {
  return async (node, parameters, connection) => {
    if (node.id !== nodeId) return inner(node, parameters, connection);
    const result = await engine().runTrigger(app, node.appModuleId as string, {
      ...engineOptions(options, connection ?? options.connection),
      parameters,
      ...(state ? { state } : {}),
      dryRun: true,
    });
    return { bundles: [], operations: 1, requests: result.requests };
  };
}
