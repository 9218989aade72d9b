// Building a scenario: modules go in from the palette by drag and drop or keyboard; steps are
// reordered and removed by drag or keyboard. Every edit changes store.blueprint and re-derives the steps.
import { $ } from './dom.js';
import {
  emptyBlueprint,
  enclosingRoute,
  insertNode,
  locate,
  moveNode,
  moveNodeTo,
  newModuleNode,
  newRouterNode,
  nextId,
  removeNode,
} from './edit.js';
import { refreshSteps } from './scenario.js';
import { store } from './store.js';

const MODULE_TYPE = 'application/x-workbench-module';
const STEP_TYPE = 'application/x-workbench-step';
export const ROUTER_ITEM = '__router__';

/** Where an added module goes: into the selected route, after the selected step, or at the end. */
function currentPlace() {
  if (store.selectedRoute) return { route: store.selectedRoute };
  if (store.selectedStep != null && store.blueprint && locate(store.blueprint.flow, store.selectedStep))
    return { after: store.selectedStep };
  return {};
}

/** Adds a module (or a router, for ROUTER_ITEM) and selects it. */
export function addToScenario(moduleId, place = currentPlace()) {
  if (!store.blueprint) {
    store.blueprint = emptyBlueprint();
    store.historyName = null;
    store.results = {};
    store.run = null;
  }
  const x = (nextId(store.blueprint) - 1) * 300;
  let node;
  if (moduleId === ROUTER_ITEM) node = newRouterNode(store.blueprint, x);
  else {
    const module = store.app?.modules.find((m) => m.id === moduleId);
    if (!module) return;
    node = newModuleNode(store.blueprint, module, x, store.app.name);
  }
  insertNode(store.blueprint, node, place);
  store.selectedStep = String(node.id);
  store.selectedRoute = null;
  announce(`Added step ${node.id}.`);
  refreshSteps();
}

export function removeStep(id) {
  const at = locate(store.blueprint.flow, id);
  if (!at) return;
  const neighbour = at.list[at.index + 1] || at.list[at.index - 1];
  removeNode(store.blueprint, id);
  store.selectedStep = neighbour ? String(neighbour.id) : null;
  delete store.results[String(id)];
  announce(`Removed step ${id}.`);
  refreshSteps(neighbour ? String(neighbour.id) : null);
}

export function moveStep(id, delta) {
  if (moveNode(store.blueprint, id, delta)) {
    announce(`Moved step ${id} ${delta < 0 ? 'up' : 'down'}.`);
    refreshSteps(String(id));
  }
}

/**
 * Alt+Right / Alt+Left walk a step through the places around a router, one at a time: just after
 * the router → its route 1 → route 2 → … and back (the step goes to the end of a route). A router
 * just above the step takes it first, so nested routers are reached the same way.
 */
export function moveStepAcrossRoutes(id, direction) {
  const blueprint = store.blueprint;
  const at = locate(blueprint.flow, id);
  if (!at) return;
  const inside = enclosingRoute(blueprint.flow, id);
  let place = null;
  let done = '';
  if (direction > 0) {
    const above = at.list[at.index - 1];
    if (above?.routes?.length) {
      place = { route: [above.id, 0] };
      done = `into route 1 of step ${above.id}`;
    } else if (inside && inside.index + 1 < inside.router.routes.length) {
      place = { route: [inside.router.id, inside.index + 1] };
      done = `into route ${inside.index + 2} of step ${inside.router.id}`;
    } else if (inside) {
      return announce(`Step ${id} is already in the last route of step ${inside.router.id}.`);
    } else {
      return announce(`Step ${id} has no router just above it to move into.`);
    }
  } else {
    if (!inside) return announce(`Step ${id} is not in a route.`);
    if (inside.index > 0) {
      place = { route: [inside.router.id, inside.index - 1] };
      done = `into route ${inside.index} of step ${inside.router.id}`;
    } else {
      place = { after: inside.router.id };
      done = `out of the routes of step ${inside.router.id}, after it`;
    }
  }
  if (moveNodeTo(blueprint, id, place)) {
    announce(`Moved step ${id} ${done}.`);
    refreshSteps(String(id));
  }
}

/** Keys on a step: Alt+Up/Down move it, Alt+Right/Left into and out of routes, Delete removes it. */
export function stepKeydown(event, stepId) {
  if (!store.blueprint) return;
  if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
    event.preventDefault();
    moveStep(stepId, event.key === 'ArrowUp' ? -1 : 1);
  } else if (event.altKey && (event.key === 'ArrowRight' || event.key === 'ArrowLeft')) {
    event.preventDefault();
    moveStepAcrossRoutes(stepId, event.key === 'ArrowRight' ? 1 : -1);
  } else if (event.key === 'Delete') {
    event.preventDefault();
    removeStep(stepId);
  }
}

export function dragModule(event, moduleId) {
  event.dataTransfer.setData(MODULE_TYPE, moduleId);
  event.dataTransfer.effectAllowed = 'copy';
}

export function dragStep(event, stepId) {
  event.stopPropagation();
  event.dataTransfer.setData(STEP_TYPE, String(stepId));
  event.dataTransfer.effectAllowed = 'move';
}

/** Makes an element a drop target; `place()` says where a dropped module or step goes. */
export function dropTarget(node, place) {
  node.addEventListener('dragover', (event) => {
    const types = [...event.dataTransfer.types];
    if (!types.includes(MODULE_TYPE) && !types.includes(STEP_TYPE)) return;
    event.preventDefault();
    event.stopPropagation();
    node.classList.add('drop-here');
  });
  node.addEventListener('dragleave', () => node.classList.remove('drop-here'));
  node.addEventListener('drop', (event) => {
    event.preventDefault();
    event.stopPropagation();
    node.classList.remove('drop-here');
    const moduleId = event.dataTransfer.getData(MODULE_TYPE);
    const stepId = event.dataTransfer.getData(STEP_TYPE);
    if (moduleId) addToScenario(moduleId, place());
    else if (stepId && store.blueprint && moveNodeTo(store.blueprint, stepId, place())) {
      announce(`Moved step ${stepId}.`);
      refreshSteps(stepId);
    }
  });
}

/** The palette takes a dragged step back: dropping a step there removes it from the scenario. */
export function removalTarget(node) {
  node.addEventListener('dragover', (event) => {
    if (![...event.dataTransfer.types].includes(STEP_TYPE)) return;
    event.preventDefault();
    node.classList.add('drop-here');
  });
  node.addEventListener('dragleave', () => node.classList.remove('drop-here'));
  node.addEventListener('drop', (event) => {
    const stepId = event.dataTransfer.getData(STEP_TYPE);
    node.classList.remove('drop-here');
    if (!stepId || !store.blueprint) return;
    event.preventDefault();
    removeStep(stepId);
  });
}

export function newScenario() {
  store.blueprint = emptyBlueprint();
  store.historyName = null;
  store.results = {};
  store.run = null;
  store.selectedStep = null;
  store.selectedRoute = null;
  refreshSteps();
}

/** Says what happened in the live region; emptied first, so the same words twice are read twice. */
function announce(text) {
  const live = $('#builder-status');
  if (!live) return;
  live.textContent = '';
  requestAnimationFrame(() => (live.textContent = text));
}
