// Make blueprints: parsing what the user imports, and the tree of steps the page shows.

/** Parses imported text into a blueprint, or throws an Error that says what is wrong. */
export function parseBlueprint(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`Not valid JSON: ${err.message}`);
  }
  // Make's API wraps exports as { blueprint: {...} } (sometimes as a JSON string); accept both.
  if (value && typeof value === 'object' && !Array.isArray(value.flow) && value.blueprint) {
    value = typeof value.blueprint === 'string' ? JSON.parse(value.blueprint) : value.blueprint;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new Error('A blueprint is a JSON object');
  if (!Array.isArray(value.flow)) throw new Error('This JSON has no "flow": it is not a Make blueprint');
  if (value.flow.length === 0) throw new Error('The blueprint\'s "flow" is empty');
  return value;
}

/** The part of "app#chartmogul-x1y2:listCustomers" after the colon, or the whole name for built-ins. */
export function moduleName(module) {
  const text = String(module || '');
  return text.startsWith('app#') || text.startsWith('chartmogul') ? text.slice(text.indexOf(':') + 1) : text;
}

/** Make's built-in modules the runner knows (directives included), by the label Make shows. */
export const BUILTIN_LABELS = {
  'builtin:BasicRouter': 'Router',
  'builtin:BasicFeeder': 'Iterator',
  'builtin:BasicAggregator': 'Array aggregator',
  'util:SetVariable2': 'Set variable',
  'json:ParseJSON': 'Parse JSON',
  'builtin:Ignore': 'Ignore',
  'builtin:Resume': 'Resume',
  'builtin:Commit': 'Commit',
  'builtin:Rollback': 'Rollback',
  'builtin:Break': 'Break',
};

/**
 * The label of a module reference, the one source for every step the page lists (a blueprint's or a
 * run's from the history): Make's label for a built-in, else this app's (`labelOf(moduleId)`), else its name.
 */
export function moduleLabel(module, labelOf) {
  return BUILTIN_LABELS[module] || labelOf(moduleName(module)) || moduleName(module);
}

/**
 * The steps of a flow as a tree: { id, module, label, filter, routes: Step[][], onerror: Step[] }.
 * `labelOf(moduleId)` gives this app's label for one of its modules.
 */
export function stepsOf(flow, labelOf) {
  return (flow || []).map((node) => ({
    id: String(node.id),
    module: String(node.module || ''),
    label:
      (node.metadata && node.metadata.designer && node.metadata.designer.name) ||
      moduleLabel(node.module, labelOf),
    filter: node.filter && node.filter.name ? node.filter.name : node.filter ? true : null, // true: unnamed
    routes: Array.isArray(node.routes) ? node.routes.map((route) => stepsOf(route.flow, labelOf)) : [],
    onerror: Array.isArray(node.onerror) ? stepsOf(node.onerror, labelOf) : [],
  }));
}

/** Every step of the tree, depth-first. */
export function allSteps(steps) {
  return steps.flatMap((s) => [s, ...s.routes.flatMap(allSteps), ...allSteps(s.onerror)]);
}
