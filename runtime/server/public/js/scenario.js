// The scenario area: the blueprint is the model; its steps are derived from it and shown with the
// toolbar's state. Import/export, running, saving and the step list each live in their own module.
import { initAutosave } from './autosave.js';
import { stepsOf } from './blueprint.js';
import { initBlueprintIo } from './blueprint-io.js';
import { renderCanvas } from './canvas.js';
import { initCanvasView } from './canvas-view.js';
import { dropTarget } from './builder.js';
import { $ } from './dom.js';
import { locate } from './edit.js';
import { canRedo, canUndo, initEditHistory, redo, undo } from './edit-history.js';
import { closeMappingPanel } from './mapping-panel.js';
import { renderRunSummary } from './run-summary.js';
import { runScenario } from './scenario-run.js';
import { initSavedScenarios, openImported, startNew } from './saved-scenarios.js';
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
  document.addEventListener('keydown', globalKeys);
  initCanvasView();
  dropTarget($('#steps-area'), () => ({}));
  subscribe(render);
}

/**
 * Keys that work wherever the focus is (but in a dialog or the module runner): Ctrl+Z undoes,
 * Ctrl+Shift+Z (or Ctrl+Y) redoes, Ctrl+Enter runs the scenario, F2 goes to the selected step's first
 * field, Escape in its settings back to the step.
 */
function globalKeys(event) {
  if (event.target.closest?.('dialog, #module-runner')) return;
  const key = event.key.toLowerCase();
  const ctrl = (event.ctrlKey || event.metaKey) && !event.altKey;
  if (ctrl && (key === 'z' || key === 'y') && !event.target.closest?.('#module-filter')) {
    event.preventDefault();
    if (key === 'y' || event.shiftKey) redo();
    else undo();
  } else if (ctrl && key === 'enter') {
    event.preventDefault();
    runScenario();
  } else if (event.key === 'F2' && store.selectedStep != null) {
    event.preventDefault();
    focusFirstField(String(store.selectedStep));
  } else if (event.key === 'Escape' && closeMappingPanel()) {
    // Escape first closes the mapping panel, the focus staying in its field.
  } else if (event.key === 'Escape' && event.target.closest?.('#step-editor')) {
    document
      .querySelector(`#steps li[data-step-id="${CSS.escape(String(store.selectedStep))}"] > .step-button`)
      ?.focus();
  }
}

/** The first field of step `id`'s settings, once they show that step (they render on the next frame). */
function focusFirstField(id, frames = 10) {
  const title = $('#step-editor-title')?.textContent ?? '';
  if (!title.startsWith(`${id}.`)) {
    if (frames > 0) requestAnimationFrame(() => focusFirstField(id, frames - 1));
    return;
  }
  const editor = $('#step-editor');
  const first =
    editor.querySelector('#step-form .field :is(input, select, textarea):not([disabled])') ??
    editor.querySelector(':is(input, select, textarea, button):not([disabled])');
  first?.focus();
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
  $('#scenario-run').textContent = running
    ? store.run.status === 'waiting'
      ? 'Waiting…'
      : 'Running…'
    : 'Run scenario';
  renderCanvas();
  renderRunSummary();
  if (store.reveal) revealPart();
}

/** After a click on a link's filter or a module's bubble: that part of the panel, with the focus. */
function revealPart() {
  const part = store.reveal;
  store.reveal = null;
  requestAnimationFrame(() => {
    const target = part === 'filter' ? ($('#filter-name') ?? $('#filter-add')) : $('#inspector');
    target?.scrollIntoView({ block: 'nearest' });
    target?.focus({ preventScroll: true });
  });
}
