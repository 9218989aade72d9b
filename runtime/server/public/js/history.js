// The run history: recent runs; opening one shows its steps, counts, errors and bundles.
import { api } from './api.js';
import { $, clear, el, formatTime, showBanner } from './dom.js';
import { allSteps, moduleLabel } from './blueprint.js';
import { applyFinishedRun } from './run-state.js';
import { changed, store } from './store.js';
import { selectTab } from './tabs.js';

export function initHistory() {
  $('#history-refresh').addEventListener('click', refreshHistory);
}

export async function refreshHistory() {
  const list = clear($('#history-list'));
  let runs;
  try {
    runs = await api.runs(30);
  } catch (err) {
    list.append(el('li', { class: 'muted' }, `History unavailable: ${err.message}`));
    return;
  }
  if (!runs.length) list.append(el('li', { class: 'muted' }, 'No runs yet.'));
  for (const run of runs) {
    list.append(
      el(
        'li',
        {},
        el(
          'button',
          {
            type: 'button',
            onclick: () => openRun(run.id),
            'aria-label': `Run ${run.id}, ${run.status}, ${formatTime(run.startedAt)}`,
          },
          el('span', { class: `state ${run.status}` }, run.status),
          el('span', {}, run.name || run.scenario || `${run.operations ?? 0} ops`),
          el('span', { class: 'when' }, formatTime(run.startedAt)),
        ),
      ),
    );
  }
}

async function openRun(id) {
  try {
    const run = await api.run(id);
    if (run.status === 'running') return; // the live view already shows it
    // Keep the steps on screen only when they are this run's blueprint (same name, same modules).
    const onScreen = new Map(allSteps(store.steps).map((s) => [s.id, s.module]));
    const modules = run.modules || [];
    const sameBlueprint =
      store.blueprint &&
      (store.blueprint.name || '') === (run.name || '') &&
      modules.every((m) => onScreen.get(String(m.id)) === String(m.module));
    if (!sameBlueprint) {
      store.blueprint = null;
      store.historyName = run.name || run.id;
      store.steps = modules.map((m) => ({
        id: String(m.id),
        module: String(m.module || ''),
        label: moduleLabel(String(m.module || ''), appLabel),
        filter: null,
        routes: [],
        onerror: [],
      }));
    }
    store.results = {};
    store.run = null;
    applyFinishedRun(run);
    store.selectedStep = store.steps[0]?.id ?? null;
    selectTab('scenario'); // the run shows there: from the Module tab it would load out of sight
    changed();
  } catch (err) {
    showBanner(`Could not open run ${id}: ${err.message}`);
  }
}

const appLabel = (moduleId) => store.app?.modules.find((m) => m.id === moduleId)?.label;
