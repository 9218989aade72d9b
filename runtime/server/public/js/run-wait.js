// Waiting on the history for a run a delivery starts (the scenario's Run once on an instant trigger, and
// Run alone on one in the Module tab): the page polls, as the run is started by the server, not by it.
import { api } from './api.js';

const POLL_MS = 600;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The ids of the latest runs, taken before waiting: a run found later that is not among them is new. */
export async function knownRunIds() {
  return new Set((await api.runs(100)).map((r) => r.id));
}

/** The first run named `name` that is not in `before`; null once `active()` says to stop looking. */
export async function nextRunNamed(name, before, active) {
  while (active()) {
    await sleep(POLL_MS);
    const found = (await api.runs(20)).find((r) => !before.has(r.id) && (r.name ?? '') === name);
    if (found) return found;
  }
  return null;
}

/** The run `id` once it has finished; null once `active()` says to stop waiting. */
export async function finishedRun(id, active) {
  let run = await api.run(id);
  while (active() && run.status === 'running') {
    await sleep(POLL_MS);
    run = await api.run(id);
  }
  return active() ? run : null;
}
