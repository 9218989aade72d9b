// The Run panel: status, operations, a progress bar while running, and the run's error.
import { allSteps } from './blueprint.js';
import { $, clear, countOf, el } from './dom.js';
import { incompleteText, openIncomplete } from './incomplete.js';
import { refusalError } from './scenario-run.js';
import { store } from './store.js';

/** Why a run ended before its last bundle (the runner's `stoppedBy`). */
const STOPPED = {
  commit: 'stopped by Commit',
  rollback: 'stopped by Rollback',
  error: 'stopped by an error',
  abort: 'stopped',
};

export function renderRunSummary() {
  const box = clear($('#run-summary'));
  const errorBox = $('#run-error');
  const run = store.run;
  if (!run) {
    box.append(el('span', { class: 'muted' }, 'No run yet.'));
    errorBox.hidden = true;
    return;
  }
  if (run.status === 'refused') return renderRefusal(box, errorBox);
  const steps = allSteps(store.steps);
  const ended = steps.filter((s) => ['done', 'error'].includes(store.results[s.id]?.state)).length;
  box.append(
    ...[
      el('span', { class: `state ${run.status}`, id: 'run-status' }, run.status),
      el('span', { id: 'run-operations' }, countOf(run.operations, 'operation')),
      run.stoppedBy && STOPPED[run.stoppedBy]
        ? el('span', { id: 'run-stopped' }, STOPPED[run.stoppedBy])
        : null,
      run.incomplete && run.id
        ? el(
            'button',
            { type: 'button', class: 'button small', id: 'run-incomplete', onclick: openIncomplete },
            incompleteText(run),
          )
        : null,
      run.id ? el('span', { class: 'muted', id: 'run-id' }, `run ${run.id}`) : null,
    ].filter(Boolean),
  );
  if (!run.finished && steps.length) {
    const pct = Math.round((ended / steps.length) * 100);
    const bar = el('span');
    bar.style.width = `${pct}%`; // CSSOM, not a style attribute: the page's CSP forbids inline styles
    box.append(
      el(
        'div',
        {
          class: 'progress',
          role: 'progressbar',
          'aria-label': 'Steps finished',
          'aria-valuemin': '0',
          'aria-valuemax': '100',
          'aria-valuenow': String(pct),
        },
        bar,
      ),
    );
  }
  errorBox.hidden = !run.error;
  errorBox.textContent = run.error ? `${run.error.type}: ${run.error.message}` : '';
}

/** A refused run names what is still to fix; once nothing is, it says the scenario can run. */
function renderRefusal(box, errorBox) {
  const error = refusalError();
  box.append(
    error
      ? el('span', { class: 'state refused', id: 'run-status' }, 'refused')
      : el('span', { class: 'muted', id: 'run-ready' }, 'Fixed: the scenario can run.'),
  );
  errorBox.hidden = !error;
  errorBox.textContent = error ? `${error.type}: ${error.message}` : '';
}
