/** The scenario runner's public face: run, schedule, history, retries (DESIGN.md "Public API"). */
import type { App } from '../types/app';
import { createEngineExecutor } from './executor';
import { retryIncompleteWith, retryOptionsOf, type RetryOptions } from './retry';
import { runScenarioWith } from './run';
import { scheduleScenarioWith, type Schedule, type ScheduleOptions } from './schedule';
import type { ScenarioOptions, ScenarioRun } from './types';

export type {
  ScenarioOptions,
  ScenarioRun,
  ScenarioRunSummary,
  ScenarioEvent,
  ModuleSummary,
  IncompleteExecution,
  ExecutionOutcome,
  RetrySettings,
  ScenarioError,
} from './types';
export type { Blueprint, BlueprintModule } from './blueprint';
export { BlueprintError } from './blueprint';
export type { RetryOptions } from './retry';
export type { ScheduleOptions, Schedule } from './schedule';
export { parseInterval } from './schedule';
export {
  listRuns,
  getRun,
  getRunBlueprint,
  getTriggerState,
  setTriggerState,
  type HistoryOptions,
} from './history/queries';
export {
  listSavedScenarios,
  getSavedScenario,
  saveScenario,
  deleteSavedScenario,
  ScenarioConflictError,
  type SavedScenario,
  type SavedScenarioSummary,
  type SaveScenarioInput,
} from './history/saved-scenarios';
export type { StoredTriggerState } from './history/trigger-state';
export { createMasker, type Masker } from './history/mask';
export { closeHistory } from './history/store';
export {
  createHook,
  deleteHook,
  listHooks,
  createHookReceiver,
  DeliveryDispatcher,
  listenScenario,
  HOOK_METHODS,
  type HookInfo,
  type HookOptions,
  type CreateHookOptions,
  type HookRegistrar,
  type ReceiverOptions,
  type DispatcherOptions,
  type DispatchTarget,
  type ListenOptions,
  type Listener,
} from './hooks';
export { scenarioTrigger } from './triggers/trigger-node';
export { saveSchedule, listSchedules, deactivateSchedule, type SavedSchedule } from './schedules/store';

export function runScenario(
  app: App,
  blueprint: unknown,
  options: ScenarioOptions = {},
): Promise<ScenarioRun> {
  return runScenarioWith(app, blueprint, options, { executor: createEngineExecutor(app, options) });
}

export function scheduleScenario(app: App, blueprint: unknown, options: ScheduleOptions): Schedule {
  return scheduleScenarioWith(app, blueprint, options, {
    executor: createEngineExecutor(app, options),
    // Each tick first finishes what this scenario's earlier runs left (decisions.md "Triggers").
    retryDue: () => retryIncomplete(app, { ...retryOptionsOf(options), scenarioKey: options.scenarioKey }),
  });
}

export function retryIncomplete(app: App, options: RetryOptions = {}): Promise<ScenarioRun[]> {
  return retryIncompleteWith(app, options, { executorFor: (o) => createEngineExecutor(app, o) });
}
