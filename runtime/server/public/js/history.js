// The run history: recent runs; opening one shows its scenario with its counts, errors and bundles.
import { api } from './api.js';
import { $, clear, countOf, el, formatTime, showBanner } from './dom.js';
import { applyFinishedRun } from './run-state.js';
import { openCopyOfRun } from './saved-scenarios.js';
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
            dataset: { runId: run.id },
            'aria-label': `Run ${run.id}, ${run.status}, ${formatTime(run.startedAt)}${
              run.incomplete ? `, ${countOf(run.incomplete, 'incomplete execution')} pending` : ''
            }${run.retryOf ? `, a retry of run ${run.retryOf}` : ''}`,
          },
          el('span', { class: `state ${run.status}` }, run.status),
          el('span', {}, run.name || run.scenario || `${run.operations ?? 0} ops`),
          el(
            'span',
            { class: 'when' },
            formatTime(run.startedAt),
            run.retryOf ? el('span', { class: 'retry-of' }, ` · retry of ${run.retryOf}`) : null,
            run.incomplete ? el('span', { class: 'incomplete-count' }, `${run.incomplete} incomplete`) : null,
          ),
        ),
      ),
    );
  }
}

/**
 * Opens a run: on the scenario it ran when that is the one on screen, else as a copy of the whole
 * scenario it ran (routes and error handlers included), which can be edited and run again and is
 * saved as a scenario of its own at its first edit. Either way the run's results show on its steps.
 */
export async function openRun(id) {
  try {
    const run = await api.run(id);
    if (run.status === 'running') return; // the live view already shows it
    const blueprint = await api.runBlueprint(run.id);
    const onScreen = store.blueprint && JSON.stringify(store.blueprint) === JSON.stringify(blueprint);
    if (!onScreen && !(await openCopyOfRun(blueprint, run.id))) return;
    store.results = {};
    store.run = null;
    applyFinishedRun(run);
    selectTab('scenario'); // the run shows there: from the Module tab it would load out of sight
    changed();
  } catch (err) {
    showBanner(`Could not open run ${id}: ${err.message}`);
  }
}
