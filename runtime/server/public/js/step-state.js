// One answer to "what did this step do in the run", for the step list and the inspector alike, from
// the run's module summaries (bundles in and out, operations, errors) and, while it runs, its events.
import { allSteps } from './blueprint.js';
import { countOf } from './dom.js';
import { isDirective, ROUTER } from './edit.js';
import { emptyResult, store } from './store.js';

/**
 * { state: 'idle' | 'running' | 'done' | 'error', result, note }: `note` says what a step that does
 * no work of its own did (a router passing bundles on, a directive handling errors), or null.
 */
export function stepStatus(step) {
  const result = store.results[step.id] || emptyResult();
  // A run from the history lists a router without its routes: its module says what it is.
  if (step.module === ROUTER) return routerStatus(step, result);
  if (isDirective({ module: step.module })) return directiveStatus(step, result);
  return { state: result.state, result, note: null };
}

/**
 * A router counts no operation (Make's rule, and the runner's) and sends no events: it ran when
 * bundles reached it (its summary's bundlesIn), even if every route's filter stopped them. Until the
 * summary is in, its routes' progress is all there is to show: it ran if a step in them did.
 */
function routerStatus(step, result) {
  const reached = result.bundlesIn || 0;
  if (reached > 0)
    return {
      state: 'done',
      result,
      // Each route's filter decides whether a bundle goes on: the router only hands them out.
      note: `${countOf(reached, 'bundle')} reached it and ${reached === 1 ? 'was' : 'were'} offered to its routes.`,
    };
  const inner = step.routes.flat().flatMap((s) => allSteps([s]));
  const states = store.run?.finished ? [] : inner.map((s) => stepStatus(s).state);
  const state = states.includes('running')
    ? 'running'
    : states.some((s) => s === 'done' || s === 'error')
      ? 'done'
      : 'idle';
  return { state, result, note: null };
}

/**
 * A directive is not a module the runner reports: it ran once for each error of the step whose
 * handler it ends (Break storing each as an incomplete execution).
 */
function directiveStatus(step, result) {
  const owner = allSteps(store.steps).find((s) => s.onerror.some((d) => d.id === step.id));
  const handled = owner ? store.results[owner.id]?.errorCount || 0 : 0;
  if (!handled) return { state: result.state, result, note: null };
  const what = /Break$/.test(step.module)
    ? `; the run stored ${countOf(store.run?.incomplete ?? 0, 'incomplete execution')}`
    : '';
  return {
    state: 'done',
    result,
    note: `Handled ${countOf(handled, 'error')} of step ${owner.id}${what}.`,
  };
}
