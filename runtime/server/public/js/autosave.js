// The scenario is saved by the server under its scenario key as it is edited (PUT /api/scenarios/:key),
// so it survives a reload, another port and a restart. A save that fails is tried again; until the
// server has the latest edit the scenario counts as unsaved: the page asks before replacing it and
// the browser before leaving. The status line says which it is.
import { api } from './api.js';
import { $ } from './dom.js';
import { onEdit } from './edit-history.js';
import { store } from './store.js';

const DELAY_MS = 400; // after the last edit
const RETRY_MS = [1000, 2000, 5000]; // the server is local: trying again every few seconds costs nothing

let current = null; // { key, revision, origin, saved: JSON the server has (null: nothing yet) }
let timer = null;
let saving = null; // the save in flight
let failures = 0;
let state = 'idle';
let message = '';
const savedListeners = new Set();

export function initAutosave() {
  onEdit(() => schedule(DELAY_MS));
  window.addEventListener('beforeunload', (event) => {
    if (!hasUnsavedEdits()) return;
    event.preventDefault();
    event.returnValue = ''; // older browsers ask only when this is set
  });
}

/** Called after each save with the saved scenario's summary. */
export function onSaved(listener) {
  savedListeners.add(listener);
}

/**
 * The scenario on screen from now on. `saved`: the JSON the server already has for it (an opened
 * saved scenario), `null` when it has nothing (imported: saved at once), or the JSON of a scenario
 * with nothing worth saving yet (New: saved at its first edit).
 */
export function track({ key, revision = undefined, origin = undefined, saved = null }) {
  clearTimeout(timer);
  failures = 0;
  current = { key, revision, origin, saved };
  setState(saved === null ? 'saving' : 'idle');
  if (saved === null) schedule(0);
  else if (store.blueprint && saved === JSON.stringify(store.blueprint) && revision !== undefined)
    setState('saved');
}

export const scenarioKey = () => current?.key ?? null;
export const scenarioOrigin = () => current?.origin ?? null;

/** Whether the server lacks the scenario's latest edit. */
export function hasUnsavedEdits() {
  return Boolean(current && store.blueprint && JSON.stringify(store.blueprint) !== current.saved);
}

function schedule(delay) {
  clearTimeout(timer);
  if (!current) return;
  if (state !== 'error') setState('saving');
  timer = setTimeout(save, delay);
}

/**
 * Saves now what is not saved yet (a pending edit, a failed save); whether the server has it all.
 * Replacing the scenario does this first, and asks only when it fails.
 */
export async function saveNow() {
  clearTimeout(timer);
  await save();
  return !hasUnsavedEdits();
}

async function save() {
  while (saving) await saving.catch(() => undefined); // one save at a time, the latest edit last
  const scenario = current;
  if (!scenario || !store.blueprint) return;
  const json = JSON.stringify(store.blueprint);
  if (json === scenario.saved) return setState(scenario.revision === undefined ? 'idle' : 'saved');
  const body = { blueprint: JSON.parse(json) };
  if (scenario.revision !== undefined) body.revision = scenario.revision;
  if (scenario.origin) body.origin = scenario.origin;
  saving = api.saveScenario(scenario.key, body);
  try {
    const summary = await saving;
    failures = 0;
    scenario.saved = json;
    scenario.revision = summary.revision;
    if (current === scenario) {
      if (JSON.stringify(store.blueprint) !== json) schedule(DELAY_MS);
      else setState('saved');
    }
    for (const listener of savedListeners) listener(summary);
  } catch (err) {
    if (current !== scenario) return;
    if (err.status === 409) {
      // Another window saved this scenario since: this page's edits stay unsaved, never silently lost.
      return setState(
        'error',
        'Not saved: this scenario was saved in another window since; reload to see it',
      );
    }
    setState('error', `Not saved: ${err.message}`);
    timer = setTimeout(save, RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)]);
  } finally {
    saving = null;
  }
}

function setState(next, text = '') {
  state = next;
  message = text;
  render();
}

function render() {
  const box = $('#save-status');
  if (!box) return;
  box.dataset.state = state;
  box.textContent =
    state === 'saving' ? 'Saving…' : state === 'saved' ? 'Saved' : state === 'error' ? message : '';
}
