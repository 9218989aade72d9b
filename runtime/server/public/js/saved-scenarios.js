// Which scenario is on screen, and the saved ones to go back to. Every scenario has a key (the id the
// server saves it under, also in the address: #scenario=KEY); New, an import and a copy of a History run
// each start a scenario of their own, so the one left behind stays saved and listed. Only edits the
// server has not confirmed can be lost: replacing a scenario that has some asks first.
import { api } from './api.js';
import { hasUnsavedEdits, onSaved, saveNow, scenarioKey, track } from './autosave.js';
import { confirmAction } from './confirm.js';
import { stopWaiting } from './delivery-wait.js';
import { $, clear, el, formatTime } from './dom.js';
import { resetEditHistory } from './edit-history.js';
import { emptyBlueprint } from './edit.js';
import { userScenarios } from './module-delivery.js';
import { changed, store } from './store.js';

const HASH = /^#scenario=([A-Za-z0-9_-]{1,64})$/;
let listed = [];

export function initSavedScenarios() {
  onSaved((summary) => {
    const known = listed.find((s) => s.key === summary.key);
    if (!known || known.name !== summary.name) refreshScenarioList();
    else renderScenarioList();
  });
}

/** A new scenario key: random, and a plain token the server takes as is. */
export function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Whether the scenario on screen may be replaced: when the server has all of it (edits not saved yet are
 * saved first), else only if the user says so.
 */
export async function mayReplace() {
  if (!hasUnsavedEdits() || (await saveNow())) return true;
  return confirmAction(
    'The last edits of this scenario are not saved yet: the server has not confirmed them. Replace it anyway and lose those edits?',
    'Replace it',
  );
}

/**
 * Puts a scenario on screen. `saved`: the JSON the server has for it (see autosave's track);
 * `origin`: where it came from ({ runId } for a copy of a History run).
 */
export function showScenario(blueprint, { key = newKey(), revision, origin, saved = null } = {}) {
  stopWaiting(); // a delivery to the scenario left behind is not this one's run
  store.blueprint = blueprint;
  store.origin = origin ?? null;
  store.results = {};
  store.run = null;
  store.selectedStep = blueprint.flow[0] ? String(blueprint.flow[0].id) : null;
  store.selectedRoute = null;
  resetEditHistory();
  track({ key, revision, origin, saved });
  history.replaceState(null, '', `#scenario=${key}`);
  renderScenarioList();
  changed();
}

/** New: an empty scenario, saved at its first edit. */
export async function startNew() {
  if (!(await mayReplace())) return false;
  const blueprint = emptyBlueprint();
  showScenario(blueprint, { saved: JSON.stringify(blueprint) });
  return true;
}

/** An imported (or pasted) blueprint: a scenario of its own, saved at once. */
export async function openImported(blueprint) {
  if (!(await mayReplace())) return false;
  showScenario(blueprint);
  return true;
}

/** A copy of a stored run's blueprint, saved (as a scenario of its own) at its first edit. */
export async function openCopyOfRun(blueprint, runId) {
  if (!(await mayReplace())) return false;
  showScenario(blueprint, { origin: { runId }, saved: JSON.stringify(blueprint) });
  return true;
}

export async function openSaved(key, ask = true) {
  if (ask && key !== scenarioKey() && !(await mayReplace())) return false;
  const saved = await api.savedScenario(key);
  showScenario(saved.blueprint, {
    key,
    revision: saved.revision,
    origin: saved.origin,
    saved: JSON.stringify(saved.blueprint),
  });
  return true;
}

/** At start: the scenario the address names, else the one saved last, else a new one. */
export async function openInitialScenario() {
  const named = HASH.exec(location.hash)?.[1];
  await refreshScenarioList();
  const key =
    named &&
    (await api.savedScenario(named).then(
      () => named,
      () => null,
    ));
  if (key || listed[0]) return openSaved(key || listed[0].key, false);
  const blueprint = emptyBlueprint();
  showScenario(blueprint, { saved: JSON.stringify(blueprint) });
}

export async function refreshScenarioList() {
  try {
    listed = userScenarios(await api.savedScenarios());
  } catch {
    listed = [];
  }
  renderScenarioList();
}

function renderScenarioList() {
  const list = $('#scenario-list');
  if (!list) return;
  clear(list);
  if (!listed.length) list.append(el('li', { class: 'muted' }, 'Nothing saved yet.'));
  for (const s of listed) {
    const current = s.key === scenarioKey();
    list.append(
      el(
        'li',
        { class: 'saved-scenario' },
        el(
          'button',
          {
            type: 'button',
            class: 'open-scenario',
            'aria-current': current ? 'true' : undefined,
            dataset: { scenarioKey: s.key },
            onclick: () => openSaved(s.key),
          },
          el('span', { class: 'name' }, s.name),
          el('span', { class: 'when' }, formatTime(s.updatedAt)),
        ),
        el(
          'button',
          {
            type: 'button',
            class: 'button small link',
            'aria-label': `Delete the saved scenario ${s.name}`,
            onclick: () => deleteSaved(s),
          },
          '✕',
        ),
      ),
    );
  }
}

async function deleteSaved(summary) {
  const sure = await confirmAction(
    `Delete the saved scenario "${summary.name}"? Its runs stay in the history.`,
    'Delete it',
  );
  if (!sure) return;
  await api.deleteSavedScenario(summary.key).catch(() => undefined);
  await refreshScenarioList();
  if (summary.key !== scenarioKey()) return;
  // The scenario on screen was the one deleted: the next saved one takes its place, else a new one.
  if (listed[0]) return openSaved(listed[0].key, false);
  const blueprint = emptyBlueprint();
  showScenario(blueprint, { saved: JSON.stringify(blueprint) });
}
