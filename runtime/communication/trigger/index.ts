/**
 * Triggers (DESIGN.md "Round 2 additions"): polling triggers (poll.ts, select.ts, state.ts), where they
 * start (epoch.ts), and the module types that are not a request → bundles run. Loading this folder
 * registers them with runModule.
 */
import type { App, ModuleInfo } from '../../types/app';
import { runByType, type ModuleResult, type RunOptions } from '../run';
import { runTrigger } from './poll';

export { runTrigger, type TriggerOptions, type TriggerResult } from './poll';
export { runEpoch, startState, startStateOf, type EpochChoice, type EpochItem } from './epoch';
export { checkState, type TriggerState } from './state';

/** runModule on a polling trigger: one poll from no state ("All"), the Limit applying, oldest first. */
runByType.trigger = async (app: App, module: ModuleInfo, opts: RunOptions): Promise<ModuleResult> => {
  const result = await runTrigger(app, module.id, opts);
  return {
    moduleId: module.id,
    type: 'trigger',
    bundles: result.bundles,
    operations: result.operations,
    requests: result.requests,
  };
};
