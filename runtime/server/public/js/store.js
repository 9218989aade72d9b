// The page's state and a tiny publish/subscribe so panels re-render when it changes.

const listeners = new Set();
let scheduled = false;

export const store = {
  app: null, // { modules, rpcs, groups, connection }
  blueprint: null,
  origin: null, // where the scenario on screen came from: { runId } for a copy of a History run
  steps: [], // tree from blueprint.stepsOf
  /** Per step id: { state, operations, bundles: [{ input, output }], error } */
  results: {},
  run: null, // { id, status, operations, error, finished }
  selectedStep: null,
};

export function emptyResult() {
  return {
    state: 'idle',
    operations: 0,
    bundles: [],
    executions: [], // live: [{ input, outputs, failed? }] per execution, from the events
    inputs: null,
    outputs: null,
    error: null,
    truncated: false,
  };
}

export function resultFor(stepId) {
  const id = String(stepId);
  if (!store.results[id]) store.results[id] = emptyResult();
  return store.results[id];
}

export function subscribe(listener) {
  listeners.add(listener);
}

/** Re-render on the next frame, however many events arrived meanwhile. */
export function changed() {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    for (const listener of listeners) listener(store);
  });
}
