// What each step of a scenario puts out, as interface specs (the mapping panel lists them): an app
// module's interface; for Make's built-in tools, what the runner's built-ins emit.
import { locate, moduleIdOf } from './edit.js';
import { store } from './store.js';

/** The output specs of a blueprint node (`flow`: the whole scenario, for tools that read other steps). */
export function stepOutputSpecs(node, flow, depth = 0) {
  const id = moduleIdOf(node);
  if (id) return store.app?.modules.find((m) => m.id === id)?.interface || [];
  return depth > 8 ? [] : builtinOutputs(node, flow, depth + 1);
}

const COUNTERS = [
  { name: '__IMTINDEX__', label: 'Bundle order position', type: 'uinteger' },
  { name: '__IMTLENGTH__', label: 'Total number of bundles', type: 'uinteger' },
];

function builtinOutputs(node, flow, depth) {
  switch (node.module) {
    case 'util:SetVariable2': {
      const name = node.mapper?.name;
      return typeof name === 'string' && name && !name.includes('{{')
        ? [{ name, label: name, type: 'any' }]
        : [];
    }
    case 'builtin:BasicAggregator':
      return [
        { name: 'array', label: 'Array', type: 'array', spec: aggregatedItem(node, flow, depth) },
        { name: '__IMTAGGLENGTH__', label: 'Total number of bundles', type: 'uinteger' },
      ];
    case 'builtin:BasicFeeder':
      // Objects keep their fields; anything else is `value` (the runner's iterate).
      return [
        ...(iteratedItem(node, flow, depth) ?? [{ name: 'value', label: 'Value', type: 'any' }]),
        ...COUNTERS,
      ];
    default:
      return [];
  }
}

/** What an aggregator's array holds: the fields it maps, else its source's whole bundles. */
function aggregatedItem(node, flow, depth) {
  const source = node.parameters?.feeder != null ? locate(flow, node.parameters.feeder)?.node : null;
  const sourceSpecs = source ? stepOutputSpecs(source, flow, depth) : [];
  const keys = Object.keys(node.mapper && typeof node.mapper === 'object' ? node.mapper : {});
  if (!keys.length) return sourceSpecs;
  return keys.map(
    (key) => sourceSpecs.find((s) => s?.name === key) ?? { name: key, label: key, type: 'any' },
  );
}

/** The fields of the items an iterator splits, when its array maps an array whose items are known. */
function iteratedItem(node, flow, depth) {
  const m = /^\{\{\s*(\d+)\.([^{}]+?)\s*\}\}$/.exec(String(node.mapper?.array ?? ''));
  const source = m ? locate(flow, m[1])?.node : null;
  if (!source) return null;
  let specs = stepOutputSpecs(source, flow, depth);
  let spec = null;
  for (const segment of m[2].replace(/`/g, '').split('.')) {
    spec = (specs || []).find((s) => s?.name === segment.replace(/\[\]$/, ''));
    if (!spec) return null;
    specs = spec.type === 'array' ? itemSpecs(spec.spec) : spec.spec;
  }
  return spec?.type === 'array' ? itemSpecs(spec.spec) : null;
}

const itemSpecs = (spec) =>
  Array.isArray(spec) ? spec : spec?.type === 'collection' && Array.isArray(spec.spec) ? spec.spec : null;
