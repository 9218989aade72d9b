// Editing the blueprint in place: the blueprint object is the model; the step tree is derived from it.

export const ROUTER = 'builtin:BasicRouter';

/** An error handler route's directive: its last node, the one that says what the failure does. */
export const isDirective = (node) =>
  /^builtin:(Ignore|Resume|Commit|Rollback|Break)$/.test(String(node?.module || ''));

/** Where the steps of a list end: before an error handler route's directive, which stays last. */
const stepsEnd = (list) => list.length - (isDirective(list[list.length - 1]) ? 1 : 0);

export function emptyBlueprint() {
  return {
    name: 'New scenario',
    flow: [],
    metadata: {
      instant: false,
      version: 1,
      scenario: { roundtrips: 1, maxErrors: 3, autoCommit: true, sequential: false },
      designer: { orphans: [] },
    },
  };
}

/** Every node of a flow (routes and error handlers included), depth-first. */
export function allNodes(flow) {
  return (flow || []).flatMap((n) => [
    n,
    ...(n.routes || []).flatMap((r) => allNodes(r.flow)),
    ...allNodes(n.onerror || []),
  ]);
}

export function nextId(blueprint) {
  return allNodes(blueprint.flow).reduce((max, n) => Math.max(max, Number(n.id) || 0), 0) + 1;
}

/** Where a node lives: { list, index, node }, or null. Searches routes and error handlers too. */
export function locate(flow, id) {
  const list = flow || [];
  for (let index = 0; index < list.length; index++) {
    const node = list[index];
    if (String(node.id) === String(id)) return { list, index, node };
    for (const route of node.routes || []) {
      const found = locate(route.flow, id);
      if (found) return found;
    }
    const found = locate(node.onerror, id);
    if (found) return found;
  }
  return null;
}

/** Nodes that run before `id` on its path (their outputs can be mapped into it). */
export function earlierNodes(flow, id, before = []) {
  for (const node of flow || []) {
    if (String(node.id) === String(id)) return before;
    for (const route of node.routes || []) {
      const found = earlierNodes(route.flow, id, [...before, node]);
      if (found) return found;
    }
    const found = earlierNodes(node.onerror, id, [...before, node]);
    if (found) return found;
    before = [...before, node];
  }
  return null;
}

/**
 * `app#<name>:` for a new step: the prefix the blueprint's app steps already use (a blueprint exported
 * from Make carries the deployed app's name), else the loaded app's name.
 */
export function appPrefix(blueprint, appName) {
  const used = allNodes(blueprint.flow).find((n) => /^app#[^:]+:/.test(n.module || ''));
  return used ? used.module.slice(0, used.module.indexOf(':') + 1) : `app#${appName}:`;
}

export function newModuleNode(blueprint, module, x, appName) {
  const parameters = {};
  const mapper = {};
  for (const p of module.staticParams || []) if (p.default !== undefined) parameters[p.name] = p.default;
  for (const p of module.mappableParams || []) if (p.default !== undefined) mapper[p.name] = p.default;
  return {
    id: nextId(blueprint),
    module: `${appPrefix(blueprint, appName)}${module.id}`,
    version: 1,
    parameters: { __IMTCONN__: 1, ...parameters },
    mapper,
    metadata: { designer: { x, y: 0 } },
  };
}

export function newRouterNode(blueprint, x) {
  return {
    id: nextId(blueprint),
    module: ROUTER,
    version: 1,
    mapper: null,
    metadata: { designer: { x, y: 0 } },
    routes: [{ flow: [] }, { flow: [] }],
  };
}

export const isRouter = (node) => node?.module === ROUTER;

/**
 * Where a step goes that would follow `router`: the end of its route 1 (and on down when that ends
 * with a router too). A Router ends its flow (the runner refuses a module after one; Make's editor
 * offers no place there), so "after the router" means into its first route, as Make adds it.
 */
function afterRouter(router) {
  const list = router.routes[0].flow;
  const last = list[list.length - 1];
  return isRouter(last) ? afterRouter(last) : { list, index: list.length };
}

/** The list and index a place means (see insertNode), with "after a router" turned into its route 1. */
function resolvePlace(blueprint, place) {
  let target = null;
  const router = place.route ? locate(blueprint.flow, place.route[0])?.node : null;
  const route = router?.routes?.[place.route[1]]?.flow;
  const handler = place.handler != null ? locate(blueprint.flow, place.handler)?.node?.onerror : null;
  const before = place.before != null ? locate(blueprint.flow, place.before) : null;
  const after = place.after != null ? locate(blueprint.flow, place.after) : null;
  if (route) target = { list: route, index: place.first ? 0 : route.length };
  else if (Array.isArray(handler)) target = { list: handler, index: stepsEnd(handler) };
  else if (before) target = { list: before.list, index: before.index };
  else if (after) target = { list: after.list, index: Math.min(after.index + 1, stepsEnd(after.list)) };
  else target = { list: blueprint.flow, index: blueprint.flow.length };
  const previous = target.list[target.index - 1];
  return isRouter(previous) && target.index === stepsEnd(target.list) ? afterRouter(previous) : target;
}

/**
 * Inserts `node` at a place: { after: stepId } (same list, next position), { before: stepId },
 * { route: [routerId, i], first? } (end, or start, of that route), { handler: stepId } (end of that
 * step's error handler route, before its directive), or {} (end of the main flow). No step goes after
 * a handler's directive, nor after a router: that place is the end of the router's route 1. A router
 * put between steps takes the steps after it into its route 1, as Make's editor does.
 */
export function insertNode(blueprint, node, place = {}) {
  const { list, index } = resolvePlace(blueprint, place);
  list.splice(index, 0, node);
  if (!isRouter(node)) return;
  const followers = list.splice(index + 1, stepsEnd(list) - index - 1);
  const into = afterRouter(node);
  into.list.splice(into.index, 0, ...followers);
}

/** Whether no step follows a router in `list` (a handler's directive aside). */
const routerEndsList = (list) => {
  const router = list.findIndex(isRouter);
  return router < 0 || router >= stepsEnd(list) - 1;
};

export function removeNode(blueprint, id) {
  const at = locate(blueprint.flow, id);
  if (at) at.list.splice(at.index, 1);
  return at?.node ?? null;
}

/** Moves a step up (-1) or down (+1) within its list (a handler's directive stays last). Returns whether it moved. */
export function moveNode(blueprint, id, delta) {
  const at = locate(blueprint.flow, id);
  if (!at || isDirective(at.node)) return false;
  const to = at.index + delta;
  if (to < 0 || to >= stepsEnd(at.list)) return false;
  const valid = routerEndsList(at.list);
  at.list.splice(at.index, 1);
  at.list.splice(to, 0, at.node);
  if (!valid || routerEndsList(at.list)) return true;
  // A step may not pass below a router (nor a router above a step): undo.
  at.list.splice(to, 1);
  at.list.splice(at.index, 0, at.node);
  return false;
}

/**
 * Moves a step to a place (see insertNode); refuses to move a step into itself (its routes or its
 * handler) and to move a handler's directive, which belongs to its handler.
 */
export function moveNodeTo(blueprint, id, place) {
  if (String(place.after) === String(id) || String(place.before) === String(id)) return false;
  const at = locate(blueprint.flow, id);
  if (!at || isDirective(at.node)) return false;
  const inside = allNodes([at.node]).map((n) => String(n.id));
  if (place.after != null && inside.includes(String(place.after))) return false;
  if (place.before != null && inside.includes(String(place.before))) return false;
  if (place.route && inside.includes(String(place.route[0]))) return false;
  if (place.handler != null && inside.includes(String(place.handler))) return false;
  at.list.splice(at.index, 1);
  insertNode(blueprint, at.node, place);
  return true;
}

/**
 * The places a node holds steps in, in the order Alt+→ walks them: a router's routes, then a
 * module's error handler route (when it has one). Each: { place (for insertNode), list, route | handler }.
 */
export function placesOf(node) {
  const places = (node?.routes || []).map((r, i) => ({
    place: { route: [node.id, i] },
    list: r.flow || [],
    route: i + 1,
  }));
  if (Array.isArray(node?.onerror) && node.onerror.length)
    places.push({ place: { handler: node.id }, list: node.onerror, handler: true });
  return places;
}

/** The node and place a step sits directly in: { owner, index, places }, or null (the main flow). */
export function enclosingPlace(flow, id) {
  for (const node of flow || []) {
    const places = placesOf(node);
    for (const [index, { list }] of places.entries()) {
      if (list.some((n) => String(n.id) === String(id))) return { owner: node, index, places };
      const found = enclosingPlace(list, id);
      if (found) return found;
    }
  }
  return null;
}

export function moduleIdOf(node) {
  const m = /^app#[^:]+:(.+)$/.exec(String(node?.module || ''));
  return m ? m[1] : null;
}
