// Run once of a scenario that starts with an instant trigger: as in Make, it waits for the next delivery
// to the trigger's hook (showing where to send it). The server runs the saved scenario for the delivered
// item; the page finds that run in the history (a new run of this scenario's name) and shows it, its
// operation bubbles included, as it shows any other run.
import { refreshHistory } from './history.js';
import { applyFinishedRun, failedRun } from './run-state.js';
import { finishedRun, knownRunIds, nextRunNamed } from './run-wait.js';
import { changed, store } from './store.js';
import { ensureHook, refreshTriggerState } from './triggers.js';

let waiting = null; // the wait under way (a token), null when none

export async function runOnDelivery() {
  const token = {};
  waiting = token;
  store.results = {};
  store.run = { id: null, status: 'waiting', operations: 0, error: null, finished: false };
  changed();
  try {
    const active = () => waiting === token;
    const before = await knownRunIds();
    const hook = await ensureHook();
    if (!active()) return;
    store.run.waitingAt = hook.url;
    changed();
    const found = await nextRunNamed(store.blueprint.name ?? '', before, active);
    if (!found) return;
    store.run = { id: found.id, status: 'running', operations: 0, error: null, finished: false };
    changed();
    const run = await finishedRun(found.id, active);
    if (!run) return;
    applyFinishedRun(run);
    refreshHistory();
    refreshTriggerState();
  } catch (err) {
    if (waiting !== token) return;
    store.run = failedRun(err);
  } finally {
    if (waiting === token) waiting = null;
    changed();
  }
}

/** Stops waiting (Stop in the run bar): the hook stays, and a later delivery still runs the scenario. */
export function stopWaiting() {
  if (!waiting) return;
  waiting = null;
  store.run = null;
  changed();
}

/** Whether the page is waiting for a delivery (opening another scenario stops it). */
export const isWaiting = () => waiting !== null;
