// The scenario area: the blueprint is the model; its steps are derived from it and shown with the
// toolbar's state. Import/export, running, saving and the step list each live in their own module.
import { initAutosave } from './autosave.js';
import { stepsOf } from './blueprint.js';
import { initBlueprintIo } from './blueprint-io.js';
import { dropTarget } from './builder.js';
import { $ } from './dom.js';
import { locate } from './edit.js';
import { canRedo, canUndo, initEditHistory, redo, undo } from './edit-history.js';
import { renderRunSummary } from './run-summary.js';
import { runScenario } from './scenario-run.js';
import { initSavedScenarios, openImported, startNew } from './saved-scenarios.js';
import { renderStepList } from './step-list.js';
import { changed, store, subscribe } from './store.js';

export function initScenario() {
  initEditHistory(restoreBlueprint);
  initAutosave();
  initSavedScenarios();
  initBlueprintIo({ open: openImported, replace: replaceBlueprint });
  $('#scenario-run').addEventListener('click', runScenario);
  $('#blueprint-new').addEventListener('click', startNew);
  $('#undo').addEventListener('click', undo);
  $('#redo').addEventListener('click', redo);
  $('#scenario-name').addEventListener('input', (event) => {
    if (!store.blueprint) return;
    store.blueprint.name = event.target.value;
    changed();
  });
  document.addEventListener('keydown', undoKeys);
  dropTarget($('#steps-area'), () => ({}));
  subscribe(render);
}

/** Ctrl+Z undoes, Ctrl+Shift+Z (or Ctrl+Y) redoes, wherever the focus is but in a dialog or the module runner. */
function undoKeys(event) {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
  const key = event.key.toLowerCase();
  if (key !== 'z' && key !== 'y') return;
  if (event.target.closest?.('dialog, #module-runner, #module-filter')) return;
  event.preventDefault();
  if (key === 'y' || event.shiftKey) redo();
  else undo();
}

/** After an edit: the steps again from the blueprint, keeping results; `focusStep` gets the focus. */
export function refreshSteps(focusStep) {
  store.steps = store.blueprint ? stepsOf(store.blueprint.flow, labelOf) : [];
  changed();
  if (focusStep != null)
    requestAnimationFrame(() =>
      requestAnimationFrame(() =>
        document
          .querySelector(`#steps li[data-step-id="${CSS.escape(String(focusStep))}"] > .step-button`)
          ?.focus(),
      ),
    );
}

/** Edit JSON: the scenario on screen gets this blueprint (one edit, undone like any other). */
function replaceBlueprint(blueprint) {
  store.blueprint = blueprint;
  keepSelection();
  refreshSteps();
}

/** Undo and redo put a recorded blueprint back; the selection stays where it still can. */
function restoreBlueprint(blueprint) {
  const focused = document.activeElement?.closest?.('#steps li[data-step-id]')?.dataset.stepId;
  store.blueprint = blueprint;
  keepSelection();
  refreshSteps(focused && locate(blueprint.flow, focused) ? focused : undefined);
}

function keepSelection() {
  const exists = (id) => Boolean(locate(store.blueprint.flow, id));
  if (store.selectedStep != null && !exists(store.selectedStep))
    store.selectedStep = store.blueprint.flow[0] ? String(store.blueprint.flow[0].id) : null;
  if (store.selectedRoute && !exists(store.selectedRoute[0])) store.selectedRoute = null;
}

function labelOf(moduleId) {
  const module = store.app?.modules.find((m) => m.id === moduleId);
  return module ? module.label : null;
}

function render() {
  const blueprint = store.blueprint;
  const hasSteps = Boolean(blueprint?.flow.length);
  // The blueprint is the model: edits (a filter, a handler) show in the steps at once.
  store.steps = blueprint ? stepsOf(blueprint.flow, labelOf) : [];
  const name = $('#scenario-name');
  if (document.activeElement !== name) name.value = blueprint?.name ?? '';
  name.disabled = !blueprint;
  const origin = store.origin?.runId;
  $('#scenario-origin').hidden = !origin;
  $('#scenario-origin').textContent = origin
    ? `Copy of run ${origin}: edits are saved as a scenario of its own.`
    : '';
  $('#blueprint-empty').hidden = store.steps.length > 0;
  $('#blueprint-edit').disabled = !blueprint;
  $('#blueprint-export').disabled = !hasSteps;
  $('#undo').disabled = !canUndo();
  $('#redo').disabled = !canRedo();
  const running = Boolean(store.run && !store.run.finished);
  $('#scenario-run').disabled = !hasSteps || running;
  $('#scenario-run').textContent = running ? 'Running…' : 'Run scenario';
  renderStepList();
  renderRunSummary();
}
