// What each step of a scenario puts out, as interface specs (the mapping panel lists them): an app
// module's interface; for Make's built-in tools, what the runner's built-ins emit.
import { moduleIdOf } from './edit.js';
import { store } from './store.js';

/** The output specs of a blueprint node (`flow`: the whole scenario, for tools that read other steps). */
export function stepOutputSpecs(node, flow) {
  const id = moduleIdOf(node);
  if (id) return store.app?.modules.find((m) => m.id === id)?.interface || [];
  return builtinOutputs(node, flow);
}

function builtinOutputs(node) {
  switch (node.module) {
    case 'util:SetVariable2': {
      const name = node.mapper?.name;
      return typeof name === 'string' && name && !name.includes('{{')
        ? [{ name, label: name, type: 'any' }]
        : [];
    }
    case 'builtin:BasicAggregator':
      return [
        { name: 'array', label: 'Array', type: 'array' },
        { name: '__IMTAGGLENGTH__', label: 'Total number of bundles', type: 'uinteger' },
      ];
    case 'builtin:BasicFeeder':
      return [
        { name: 'value', label: 'Value', type: 'any' },
        { name: '__IMTINDEX__', label: 'Bundle order position', type: 'uinteger' },
        { name: '__IMTLENGTH__', label: 'Total number of bundles', type: 'uinteger' },
      ];
    default:
      return [];
  }
}
