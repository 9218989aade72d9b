// What the runner refuses a whole blueprint for, seen per step before anything runs: a module it does
// not know, a module after a Router in the same flow (a Router ends its flow: runtime/scenario/blueprint.ts),
// and a trigger anywhere but first (runtime/scenario/triggers/trigger-node.ts).
// test/server/page-blueprint-check compares these with the runner's own check.
import { BUILTIN_LABELS } from './blueprint.js';
import { isDirective, isRouter, locate, moduleIdOf } from './edit.js';

/**
 * Problems of step `id`'s module and place: [{ path: '', message }] (no field to point at).
 * `knownModule(moduleId)`: whether this app has that module; `isTrigger(moduleId)`: whether it is a trigger.
 */
export function placeProblems(flow, id, knownModule, isTrigger = () => false) {
  const at = locate(flow, id);
  if (!at) return [];
  const { node, list, index } = at;
  const problems = [];
  const moduleId = moduleIdOf(node);
  if (!BUILTIN_LABELS[node.module] && !(moduleId && knownModule(moduleId)))
    problems.push({ path: '', message: `Unknown module "${node.module}": this app has no such module` });
  if (moduleId && isTrigger(moduleId) && flow[0] !== node)
    problems.push({
      path: '',
      message:
        'A trigger can only be the first module of a scenario: move it there, or remove the steps before it',
    });
  const router = list.slice(0, index).find(isRouter);
  if (router && !isDirective(node))
    problems.push({
      path: '',
      message: `Follows the Router (step ${router.id}) and would never run: a Router ends its flow, move it into one of its routes`,
    });
  return problems;
}
