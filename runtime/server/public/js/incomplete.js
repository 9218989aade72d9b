// A run's incomplete executions (what a Break handler stored): listed with their error and where they
// stand, retried from the page (the runtime retries those due: a named run's manual ones, and those
// whose automatic retry has come), the retry runs linked, and the counts on the page brought up to date.
import { api } from './api.js';
import { $, clear, countOf, el, errorParts, formatTime } from './dom.js';
import { openRun, refreshHistory } from './history.js';
import { changed, store } from './store.js';

let shownRun = null;

export function initIncomplete() {
  $('#incomplete-retry').addEventListener('click', retry);
}

/** What the run bar says of the shown run's incomplete executions ('' when it has none). */
export function incompleteText(run) {
  const total = run?.incomplete ?? 0;
  if (!total) return '';
  const pending = run.incompletePending ?? total;
  return pending > 0
    ? `${countOf(pending, 'incomplete execution')} stored`
    : `${countOf(total, 'incomplete execution')}, retried`;
}

export async function openIncomplete() {
  const runId = store.run?.id;
  if (!runId) return;
  shownRun = runId;
  $('#incomplete-heading').textContent = `Incomplete executions of run ${runId}`;
  $('#incomplete-result').textContent = '';
  clear($('#incomplete-list'));
  $('#incomplete-dialog').showModal();
  await load(runId);
}

async function load(runId) {
  let listed;
  try {
    listed = await api.incomplete(runId);
  } catch (err) {
    $('#incomplete-summary').textContent = `Could not list them: ${err.message}`;
    return;
  }
  if (shownRun !== runId) return;
  const items = listed.incomplete;
  const pending = items.filter((e) => e.status === 'pending').length;
  if (store.run?.id === runId) {
    store.run.incomplete = items.length;
    store.run.incompletePending = pending;
    changed();
  }
  $('#incomplete-summary').textContent = `${countOf(items.length, 'execution')}, ${pending} pending.`;
  $('#incomplete-retry').disabled = pending === 0;
  clear($('#incomplete-list')).append(...items.map(item));
  if (listed.retries.length) $('#incomplete-result').replaceChildren(...listed.retries.map(retryLine));
}

function item(execution) {
  const error = errorParts(execution.error);
  const label = store.steps && stepLabel(execution.moduleId);
  const status = [
    execution.status,
    // A lost reply: the failed write may have been applied (the runtime's journal could not tell).
    execution.outcome === 'unknown' ? '(it may have taken effect)' : '',
    execution.attempts ? `, ${countOf(execution.attempts, 'attempt')}` : '',
    execution.status === 'pending' && execution.nextAttemptAt
      ? `; automatic retry at ${formatTime(execution.nextAttemptAt)}`
      : '',
  ].join(' ');
  return el(
    'li',
    { class: 'incomplete-item' },
    el('span', { class: 'incomplete-module' }, `${execution.moduleId}. ${label}`),
    el('span', { class: 'incomplete-error' }, `${error.type}: ${error.message}`),
    el('span', { class: `incomplete-status ${execution.status}` }, status.replace(/\s+,/g, ',').trim()),
  );
}

function stepLabel(moduleId) {
  const find = (steps) => {
    for (const s of steps) {
      if (s.id === String(moduleId)) return s;
      const inner = find([...s.routes.flat(), ...s.onerror]);
      if (inner) return inner;
    }
    return null;
  };
  return find(store.steps)?.label ?? 'step';
}

/** A retry run: its status, and a link that opens it. */
function retryLine(run) {
  return el(
    'p',
    { class: 'retry-outcome' },
    `Retried in run ${run.id}: ${run.status}, ${countOf(run.operations, 'operation')}. `,
    el(
      'button',
      {
        type: 'button',
        class: 'button small link retry-run-link',
        dataset: { runId: run.id },
        onclick: () => {
          $('#incomplete-dialog').close();
          openRun(run.id);
        },
      },
      'Open it',
    ),
  );
}

async function retry() {
  const runId = shownRun;
  const button = $('#incomplete-retry');
  button.disabled = true;
  $('#incomplete-result').textContent = 'Retrying…';
  try {
    const { runs } = await api.retryIncomplete(runId);
    if (!runs.length) $('#incomplete-result').textContent = 'Nothing was due to retry.';
  } catch (err) {
    $('#incomplete-result').textContent = `The retry failed: ${err.message}`;
  }
  await load(runId);
  refreshHistory();
}
