// Run alone on an instant trigger (the Module tab), as Make's "Run this module only": an instant trigger
// has nothing to run until something is delivered, so Run waits for the next delivery to the module's
// hook, showing its address, and then shows the delivered bundle. It reuses what a scenario's Run once
// does (delivery-wait.js): deliveries run a saved scenario, here one of this module alone, saved under
// a key of its own that the Scenarios list leaves out; the page finds the delivery's run in the history.
import { api } from './api.js';
import { errorParts } from './dom.js';
import { emptyBlueprint, newModuleNode } from './edit.js';
import { refreshHistory } from './history.js';
import { finishedRun, knownRunIds, nextRunNamed } from './run-wait.js';
import { store } from './store.js';

const KEY_PREFIX = 'module-alone_';
let waiting = null; // the wait under way (a token), null when none

/** The scenarios the user saved: without the ones behind a module run alone. */
export const userScenarios = (list) => list.filter((s) => !String(s.key).startsWith(KEY_PREFIX));

/** A scenario of the module alone, with the Module tab's parameters (static ones as parameters). */
function aloneBlueprint(module, parameters) {
  const node = newModuleNode({ flow: [] }, module, 0, store.app.name);
  const statics = new Set((module.staticParams || []).map((p) => p.name));
  for (const [name, value] of Object.entries(parameters)) {
    if (statics.has(name)) node.parameters[name] = value;
    else node.mapper[name] = value;
  }
  return { ...emptyBlueprint(), name: `${module.label} (run alone)`, flow: [node] };
}

/** The module's hook, made (once) for its own scenario. */
async function moduleHook(key, blueprint) {
  const known = (await api.hooks()).find((h) => h.scenarioKey === key);
  return known ?? api.createHook(key, blueprint);
}

/**
 * Waits for the next delivery and resolves to what Run shows for any module ({ operations, bundles }),
 * or to null when stopped. `onWaiting(url)` is told where to send the delivery once the hook is known.
 */
export async function runAloneOnDelivery(module, parameters, onWaiting) {
  const token = {};
  waiting = token;
  try {
    const key = `${KEY_PREFIX}${module.id}`.slice(0, 64);
    const blueprint = aloneBlueprint(module, parameters);
    await api.saveScenario(key, { blueprint });
    const active = () => waiting === token;
    const before = await knownRunIds();
    const hook = await moduleHook(key, blueprint);
    if (!active()) return null;
    onWaiting(hook.url);
    const found = await nextRunNamed(blueprint.name, before, active);
    const run = found && (await finishedRun(found.id, active));
    if (!run) return null;
    refreshHistory();
    const trigger = (run.modules || []).find((m) => String(m.id) === String(blueprint.flow[0].id)) ?? {};
    const error = errorParts((trigger.errors || [])[0] ?? run.error);
    if (error) throw Object.assign(new Error(error.message), { type: error.type });
    return { operations: run.operations ?? trigger.operations, bundles: trigger.outputs || [] };
  } finally {
    if (waiting === token) waiting = null;
  }
}

/** Stops waiting (Stop in the Module tab): the hook stays for the next Run. */
export function stopModuleWait() {
  waiting = null;
}
