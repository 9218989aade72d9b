// The scenario area: the blueprint is the model; its steps are derived from it and shown with the
// toolbar's state. Import/export, running and the step list each live in their own module.
import { allSteps, stepsOf } from './blueprint.js';
import { initBlueprintIo } from './blueprint-io.js';
import { dropTarget, newScenario } from './builder.js';
import { $ } from './dom.js';
import { renderRunSummary } from './run-summary.js';
import { runScenario } from './scenario-run.js';
import { renderStepList } from './step-list.js';
import { changed, store, subscribe } from './store.js';

export function initScenario() {
  initBlueprintIo(loadBlueprint);
  $('#scenario-run').addEventListener('click', runScenario);
  $('#blueprint-new').addEventListener('click', newScenario);
  dropTarget($('#steps-area'), () => ({}));
  subscribe(render);
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

/** Shows a blueprint's steps, forgetting any earlier run's results. */
export function loadBlueprint(blueprint) {
  store.blueprint = blueprint;
  store.historyName = null;
  store.steps = stepsOf(blueprint.flow, labelOf);
  store.results = {};
  store.run = null;
  store.selectedStep = allSteps(store.steps)[0]?.id ?? null;
  store.selectedRoute = null;
  changed();
}

function labelOf(moduleId) {
  const module = store.app?.modules.find((m) => m.id === moduleId);
  return module ? module.label : null;
}

function render() {
  const hasBlueprint = Boolean(store.blueprint);
  // The blueprint is the model: edits (a filter, a handler) show in the steps at once.
  if (hasBlueprint) store.steps = stepsOf(store.blueprint.flow, labelOf);
  $('#blueprint-name').textContent = hasBlueprint
    ? `— ${store.blueprint.name || 'untitled'}`
    : store.historyName
      ? `— ${store.historyName} (from the history)`
      : '';
  $('#blueprint-empty').hidden = store.steps.length > 0;
  $('#blueprint-edit').disabled = !hasBlueprint;
  $('#blueprint-export').disabled = !hasBlueprint || !store.blueprint.flow.length;
  const running = Boolean(store.run && !store.run.finished);
  $('#scenario-run').disabled = !hasBlueprint || !store.blueprint.flow.length || running;
  $('#scenario-run').textContent = running ? 'Running…' : 'Run scenario';
  renderStepList();
  renderRunSummary();
}
