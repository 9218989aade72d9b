// How many bundles passed a step's filter in the last run: the bundles the step received (its
// bundlesIn: the runner counts them after the filter), of those the link into it carried — the outputs
// of the step before it, the bundles a router handed to its routes, the errors an error handler took.
import { enclosingPlace, locate } from './edit.js';
import { store } from './store.js';

/** { passed, offered? } for the filter of step `id` in the last run, or null when there was none. */
export function filterCounts(id) {
  if (!store.run?.finished || store.run.status === 'refused' || !store.blueprint) return null;
  const into = store.results[String(id)];
  if (!into || into.bundlesIn === undefined) return null;
  const from = incoming(String(id));
  const source = from ? store.results[String(from.id)] : undefined;
  const offered =
    from?.kind === 'route'
      ? source?.bundlesIn
      : from?.kind === 'error'
        ? source?.errorCount
        : source?.bundlesOut;
  return offered === undefined ? { passed: into.bundlesIn } : { passed: into.bundlesIn, offered };
}

/** Where step `id`'s bundles come from: { id, kind: 'flow' | 'route' | 'error' }, or null (the first step). */
function incoming(id) {
  const flow = store.blueprint.flow;
  const at = locate(flow, id);
  if (!at) return null;
  if (at.index > 0) return { id: at.list[at.index - 1].id, kind: 'flow' };
  const inside = enclosingPlace(flow, id);
  if (!inside) return null;
  return { id: inside.owner.id, kind: inside.places[inside.index].handler ? 'error' : 'route' };
}
