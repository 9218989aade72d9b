// Run once of a scenario that starts with an instant trigger: as in Make, it waits for the next delivery
// to the trigger's hook (showing where to send it). The server runs the saved scenario for the delivered
// item; the page finds that run in the history (a new run of this scenario's name) and shows it, its
// operation bubbles included, as it shows any other run.
import { api } from './api.js';
import { refreshHistory } from './history.js';
import { applyFinishedRun, failedRun } from './run-state.js';
import { changed, store } from './store.js';
import { ensureHook, refreshTriggerState } from './triggers.js';

const POLL_MS = 600;
let waiting = null; // the wait under way (a token), null when none

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runOnDelivery() {
  const token = {};
  waiting = token;
  store.results = {};
  store.run = { id: null, status: 'waiting', operations: 0, error: null, finished: false };
  changed();
  try {
    const before = new Set((await api.runs(100)).map((r) => r.id));
    const hook = await ensureHook();
    if (waiting !== token) return;
    store.run.waitingAt = hook.url;
    changed();
    const name = store.blueprint.name ?? '';
    let found = null;
    while (waiting === token && !found) {
      await sleep(POLL_MS);
      found = (await api.runs(20)).find((r) => !before.has(r.id) && (r.name ?? '') === name) ?? null;
    }
    if (!found) return;
    store.run = { id: found.id, status: 'running', operations: 0, error: null, finished: false };
    changed();
    let run = await api.run(found.id);
    while (waiting === token && run.status === 'running') {
      await sleep(POLL_MS);
      run = await api.run(found.id);
    }
    if (waiting !== token) return;
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
