// Running the built scenario: refuse it while fields are invalid, else start it and follow its events.
import { api } from './api.js';
import { scenarioKey } from './autosave.js';
import { settle } from './checks.js';
import { runOnDelivery } from './delivery-wait.js';
import { allNodes } from './edit.js';
import { refreshHistory } from './history.js';
import { applyEvent, applyFinishedRun, failedRun } from './run-state.js';
import { problemsText, stepProblems } from './step-editor.js';
import { changed, store } from './store.js';
import { refreshTriggerState, scenarioTrigger } from './triggers.js';

const EVENT_TYPES = ['module:start', 'bundle', 'module:end', 'run:end', 'run:error'];
let events = null;

/** Steps whose fields do not pass their specs: [{ id, problems }]. */
export function invalidSteps() {
  if (!store.blueprint) return [];
  return allNodes(store.blueprint.flow)
    .map((node) => ({ id: String(node.id), problems: stepProblems(node) }))
    .filter((s) => s.problems.length);
}

export async function runScenario() {
  if (!store.blueprint || (store.run && !store.run.finished)) return;
  invalidSteps(); // asks the runtime about every template and date not asked yet…
  await settle(); // …and waits for its answers
  const invalid = invalidSteps();
  if (invalid.length) {
    refuse(invalid);
    return;
  }
  events?.close();
  // An instant trigger's items come from deliveries: Run once waits for the next one.
  if (scenarioTrigger() === 'instant_trigger') return runOnDelivery();
  store.results = {};
  store.run = { id: null, status: 'starting', operations: 0, error: null, finished: false };
  changed();
  try {
    // Under the scenario's key: a trigger polls from where it stopped last time (or where it was told).
    const { runId } = await api.runScenario(store.blueprint, scenarioKey());
    store.run.id = runId;
    store.run.status = 'running';
    changed();
    follow(runId);
  } catch (err) {
    store.run = failedRun(err);
    changed();
  }
}

/** Refused before anything is sent: the first invalid step is selected so its fields say what to fix. */
function refuse(invalid) {
  store.selectedStep = invalid[0].id;
  store.selectedRoute = null;
  store.run = { id: null, status: 'refused', operations: 0, error: null, finished: true };
  changed();
}

/**
 * Why a refused run was refused, read again at every render: a field fixed since drops out of it at
 * once (the refusal stood as first written). Null once nothing is left to fix.
 */
export function refusalError() {
  const invalid = invalidSteps();
  if (!invalid.length) return null;
  const onlyFields = invalid.flatMap((s) => s.problems).every((p) => p.path);
  return {
    type: onlyFields ? 'Invalid fields' : 'Cannot run',
    message: invalid.map((s) => `step ${s.id}: ${problemsText(s.problems)}`).join('; '),
  };
}

function follow(runId) {
  const source = api.runEvents(runId);
  events = source;
  for (const type of EVENT_TYPES) {
    source.addEventListener(type, (message) => {
      if (store.run?.id !== runId) return source.close();
      applyEvent(type, JSON.parse(message.data));
      if (type === 'run:end' || type === 'run:error') {
        source.close();
        refreshHistory();
        if (scenarioTrigger() === 'trigger') refreshTriggerState();
        if (type === 'run:end') loadStoredBundles(runId);
      }
      changed();
    });
  }
}

/** The stored run adds what events do not carry: each module's inputs, failed executions included. */
async function loadStoredBundles(runId) {
  try {
    const stored = await api.run(runId);
    if (store.run?.id !== runId) return;
    applyFinishedRun(stored);
    changed();
  } catch {
    // A run kept out of the history: the live bundles are all there is.
  }
}
