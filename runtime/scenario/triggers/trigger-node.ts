/**
 * A scenario's trigger: its first module, when that is a polling trigger or an instant trigger.
 * Make puts a trigger first and nowhere else; a trigger further down the flow is a blueprint error.
 */
import type { App, ModuleInfo } from '../../types/app';
import { BlueprintError, buildScenario, type ScenarioModel, type ScenarioNode } from '../blueprint';

export interface TriggerNode {
  node: ScenarioNode;
  module: ModuleInfo;
  kind: 'trigger' | 'instant_trigger';
}

const TRIGGERS = new Set(['trigger', 'instant_trigger']);

export function moduleOf(app: App, node: ScenarioNode): ModuleInfo | undefined {
  return node.kind === 'app' ? app.modules.find((m) => m.id === node.appModuleId) : undefined;
}

/** The scenario's trigger, or undefined when its first module is not one. Throws for a misplaced one. */
export function triggerOf(app: App, model: ScenarioModel): TriggerNode | undefined {
  const misplaced = [...model.nodes.values()].filter(
    (n) => n !== model.flow[0] && TRIGGERS.has(moduleOf(app, n)?.type ?? ''),
  );
  if (misplaced.length > 0)
    throw new BlueprintError(
      misplaced.map(
        (n) =>
          `module ${n.id} (${n.module}) is a trigger: a trigger can only be the first module of a scenario`,
      ),
    );
  const node = model.flow[0];
  const module = moduleOf(app, node);
  if (!module || !TRIGGERS.has(module.type)) return undefined;
  return { node, module, kind: module.type as TriggerNode['kind'] };
}

/** The trigger a blueprint starts with, for callers outside the runner (the CLI, the workbench). */
export function scenarioTrigger(
  app: App,
  blueprint: unknown,
): { moduleId: string; type: 'trigger' | 'instant_trigger' } | undefined {
  const found = triggerOf(app, buildScenario(app, blueprint));
  return found && { moduleId: found.module.id, type: found.kind };
}
