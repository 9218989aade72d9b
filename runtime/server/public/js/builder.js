// Building a scenario: modules go in from the palette by drag and drop or keyboard; steps are
// reordered and removed by drag or keyboard. Every edit changes store.blueprint and re-derives the steps.
import { $ } from './dom.js';
import { newToolNode, toolOf } from './builtin-tools.js';
import {
  earlierNodes,
  enclosingPlace,
  insertNode,
  isDirective,
  isRouter,
  locate,
  moveNode,
  moveNodeTo,
  newModuleNode,
  newRouterNode,
  nextId,
  placesOf,
  removeNode,
} from './edit.js';
import { refreshSteps } from './scenario.js';
import { store } from './store.js';

const MODULE_TYPE = 'application/x-workbench-module';
const STEP_TYPE = 'application/x-workbench-step';
export const ROUTER_ITEM = '__router__';

/** Where an added module goes: the chosen slot or route, after the selected step, or at the end. */
function currentPlace() {
  if (store.insertPlace) return store.insertPlace;
  if (store.selectedRoute) return { route: store.selectedRoute };
  if (store.selectedStep != null && store.blueprint && locate(store.blueprint.flow, store.selectedStep))
    return { after: store.selectedStep };
  return {};
}

/** Adds a module (a tool by its module reference, a router for ROUTER_ITEM) and selects it. */
export function addToScenario(moduleId, place = currentPlace()) {
  if (!store.blueprint) return;
  const x = (nextId(store.blueprint) - 1) * 300;
  let node;
  const tool = toolOf({ module: moduleId });
  if (moduleId === ROUTER_ITEM) node = newRouterNode(store.blueprint, x);
  else if (tool) node = newToolNode(store.blueprint, tool, x);
  else {
    const module = store.app?.modules.find((m) => m.id === moduleId);
    if (!module) return;
    node = newModuleNode(store.blueprint, module, x, store.app.name);
  }
  insertNode(store.blueprint, node, place);
  // An aggregator collects what the step just before it puts out, as Make proposes.
  if (node.module === 'builtin:BasicAggregator') {
    const source = (earlierNodes(store.blueprint.flow, node.id) || []).filter((n) => !isRouter(n)).pop();
    if (source) node.parameters.feeder = source.id;
  }
  store.selectedStep = String(node.id);
  store.selectedRoute = null;
  store.insertPlace = null;
  announce(`Added step ${node.id}. F2 edits it.`);
  refreshSteps();
}

export function removeStep(id) {
  const at = locate(store.blueprint.flow, id);
  if (!at) return;
  const neighbour = at.list[at.index + 1] || at.list[at.index - 1];
  removeNode(store.blueprint, id);
  store.selectedStep = neighbour ? String(neighbour.id) : null;
  delete store.results[String(id)];
  announce(`Removed step ${id}. Ctrl+Z brings it back.`);
  refreshSteps(neighbour ? String(neighbour.id) : null);
}

export function moveStep(id, delta) {
  if (isDirective(locate(store.blueprint.flow, id)?.node)) return directiveStays(id);
  if (moveNode(store.blueprint, id, delta)) {
    announce(`Moved step ${id} ${delta < 0 ? 'up' : 'down'}.`);
    refreshSteps(String(id));
    return;
  }
  // Refused only for the router rule when the neighbour is a plain step: say so, not nothing.
  const at = locate(store.blueprint.flow, id);
  const other = at?.list[at.index + delta];
  if (other && !isDirective(other) && (isRouter(other) || isRouter(at.node)))
    announce(`Step ${id} stays: a Router ends its flow (Alt+→ moves a step into its routes).`);
}

/** The words for a place of `owner` (see placesOf): "route 2 of step 5", "the error handler of step 3". */
const placeText = (owner, p) =>
  p.handler ? `the error handler of step ${owner.id}` : `route ${p.route} of step ${owner.id}`;

const directiveStays = (id) =>
  announce(`Step ${id} is an error handler's directive: it stays at the end of its handler.`);

/**
 * Alt+Right / Alt+Left walk a step through the places around a router or a module with an error
 * handler, one at a time: just before a router → its route 1 (at the start) → route 2 → … and back;
 * just after a module → its error handler route (before the directive) and back. Going on, a step goes
 * to the end of a route. A router just below the step, or a handler just above it, takes it first, so
 * nested ones are reached the same way. Nothing lands after a router: a Router ends its flow.
 */
export function moveStepAcrossRoutes(id, direction) {
  const blueprint = store.blueprint;
  const at = locate(blueprint.flow, id);
  if (!at) return;
  if (isDirective(at.node)) return directiveStays(id);
  const inside = enclosingPlace(blueprint.flow, id);
  const move = direction > 0 ? placeRight(id, at, inside) : placeLeft(id, inside);
  if (move.refused) return announce(move.refused);
  if (moveNodeTo(blueprint, id, move.place)) {
    announce(`Moved step ${id} ${move.done}.`);
    refreshSteps(String(id));
  }
}

/** Where Alt+Right takes a step: { place, done } or { refused: why not }. */
function placeRight(id, at, inside) {
  const above = at.list[at.index - 1];
  const handlerAbove = placesOf(above).find((p) => p.handler);
  const below = at.list[at.index + 1];
  const next = inside?.places[inside.index + 1];
  if (handlerAbove) return { place: handlerAbove.place, done: `into ${placeText(above, handlerAbove)}` };
  if (isRouter(below)) {
    const first = placesOf(below)[0];
    return { place: { ...first.place, first: true }, done: `into ${placeText(below, first)}` };
  }
  if (next) return { place: next.place, done: `into ${placeText(inside.owner, next)}` };
  if (!inside)
    return { refused: `Step ${id} has no router just below it or error handler just above it to move into.` };
  const last = inside.places[inside.index];
  return {
    refused: last.handler
      ? `Step ${id} is already in ${placeText(inside.owner, last)}.`
      : `Step ${id} is already in the last route of step ${inside.owner.id}.`,
  };
}

/** Where Alt+Left takes a step: the previous route, or out: before its router, after its handler's module. */
function placeLeft(id, inside) {
  if (!inside) return { refused: `Step ${id} is not in a route or an error handler.` };
  if (inside.index > 0) {
    const previous = inside.places[inside.index - 1];
    return { place: previous.place, done: `into ${placeText(inside.owner, previous)}` };
  }
  return inside.places[0].handler
    ? {
        place: { after: inside.owner.id },
        done: `out of the error handler of step ${inside.owner.id}, after it`,
      }
    : { place: { before: inside.owner.id }, done: `out of the routes of step ${inside.owner.id}, before it` };
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
  dragging(event.target);
}

export function dragStep(event, stepId) {
  event.stopPropagation();
  event.dataTransfer.setData(STEP_TYPE, String(stepId));
  event.dataTransfer.effectAllowed = 'move';
  dragging(event.target);
}

/** While something is dragged, the canvas shows where it can go (the handles on its links). */
function dragging(source) {
  const canvas = $('#steps-area');
  canvas?.classList.add('dragging');
  source.addEventListener('dragend', () => canvas?.classList.remove('dragging'), { once: true });
}

/**
 * A slot at the end of a flow was chosen: the next module added goes there (a route's slot selects
 * that route, as before); the module search gets the focus to pick it.
 */
export function chooseSlot(cell) {
  store.insertPlace = cell.place;
  if (cell.place.route) {
    store.selectedRoute = cell.place.route;
    store.selectedStep = String(cell.place.route[0]);
  }
  announce('Choose the module to add there in the list of modules.');
  refreshSteps();
  requestAnimationFrame(() => $('#module-filter')?.focus());
}

/** The filter on the link into a step: its settings open, the focus in them. */
export function openFilterOf(stepId) {
  store.selectedStep = String(stepId);
  store.selectedRoute = null;
  store.insertPlace = null;
  store.reveal = 'filter';
  refreshSteps();
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

/** Says what happened in the live region; emptied first, so the same words twice are read twice. */
function announce(text) {
  const live = $('#builder-status');
  if (!live) return;
  live.textContent = '';
  requestAnimationFrame(() => (live.textContent = text));
}
