// The scenario's steps as a list: each step's state and counts, routes and error handlers nested,
// every step draggable and a drop target, and route labels that select a route or take a drop.
import { dragStep, dropTarget, stepKeydown } from './builder.js';
import { locate } from './edit.js';
import { $, clear, countOf, el } from './dom.js';
import { stepProblems } from './step-editor.js';
import { stepStatus } from './step-state.js';
import { changed, store } from './store.js';

export function renderStepList() {
  // Rebuilding replaces every step's button: a keyboard user's focus stays on the same step.
  const active = document.activeElement;
  const focusedStep = active?.matches('#steps li[data-step-id] > .step-button')
    ? active.parentElement.dataset.stepId
    : null;
  clear($('#steps')).append(...store.steps.map(stepItem));
  if (focusedStep != null)
    $('#steps')
      .querySelector(`li[data-step-id="${CSS.escape(focusedStep)}"] > .step-button`)
      ?.focus();
}

function stepItem(step) {
  const status = stepStatus(step);
  const result = status.result;
  const selected = store.selectedStep === step.id;
  const node = store.blueprint ? locate(store.blueprint.flow, step.id)?.node : null;
  const problems = node ? stepProblems(node) : [];
  const state = stateLabel(status.state, problems.length > 0);
  const error = result.error;
  const button = el(
    'button',
    {
      type: 'button',
      class: 'step-button',
      'aria-pressed': String(selected),
      'aria-keyshortcuts': 'Alt+ArrowUp Alt+ArrowDown Alt+ArrowRight Alt+ArrowLeft Delete',
      'aria-describedby': 'step-keys',
      'aria-label': `Step ${step.id}: ${step.label}, ${state.text}${error ? `, ${error.type}: ${error.message}` : ''}`,
      onclick: () => {
        store.selectedStep = step.id;
        store.selectedRoute = null;
        changed();
      },
      onkeydown: (event) => stepKeydown(event, step.id),
    },
    el('span', { class: 'step-id', 'aria-hidden': 'true' }, step.id),
    el('span', { class: 'step-title' }, step.label),
    el(
      'span',
      { class: 'step-state' },
      el('span', { class: `state ${state.className}` }, state.text),
      el(
        'span',
        { class: 'counts' },
        step.routes.length ? countOf(step.routes.length, 'route') : countsText(result),
      ),
    ),
    el('span', { class: 'step-module' }, step.module),
    step.filter
      ? el('span', { class: 'step-note' }, step.filter === true ? 'Filter' : `Filter: ${step.filter}`)
      : null,
    error ? el('span', { class: 'step-error', role: 'alert' }, `${error.type}: ${error.message}`) : null,
    problemsNote(problems),
  );
  const children = [];
  step.routes.forEach((route, i) => children.push(...routeItems(step, route, i)));
  if (step.onerror.length) {
    children.push(
      el('p', { class: 'route-label' }, 'Error handler'),
      el('ol', { class: 'steps' }, step.onerror.map(stepItem)),
    );
  }
  const item = el(
    'li',
    {
      class: 'step',
      draggable: store.blueprint ? 'true' : undefined,
      dataset: { stepId: step.id, state: status.state },
      ondragstart: (event) => dragStep(event, step.id),
    },
    button,
    ...children,
  );
  if (store.blueprint) dropTarget(button, () => ({ after: step.id }));
  return item;
}

/** What stops the step from running, shown before any run: its module or place, and how many fields. */
function problemsNote(problems) {
  const n = problems.filter((p) => p.path).length;
  const parts = [
    ...problems.filter((p) => !p.path).map((p) => p.message),
    n ? `${countOf(n, 'field')} to fix` : '',
  ].filter(Boolean);
  return parts.length ? el('span', { class: 'step-invalid' }, parts.join('; ')) : null;
}

/** A route: a button that selects it (modules are then added into it) and drops into it, and its steps. */
function routeItems(router, route, i) {
  const selected =
    store.selectedRoute && String(store.selectedRoute[0]) === router.id && store.selectedRoute[1] === i;
  const label = el(
    'button',
    {
      type: 'button',
      class: 'route-label',
      'aria-pressed': String(Boolean(selected)),
      dataset: { route: `${router.id}:${i}` },
      'aria-label': `Route ${i + 1} of step ${router.id}: ${route.length} step(s); select to add modules into it`,
      onclick: () => {
        store.selectedRoute = [router.id, i];
        store.selectedStep = router.id;
        changed();
      },
    },
    `Route ${i + 1}`,
    route.length ? null : el('span', { class: 'muted' }, ' — empty: drop a module here'),
  );
  if (store.blueprint) dropTarget(label, () => ({ route: [router.id, i] }));
  return [label, el('ol', { class: 'steps' }, route.map(stepItem))];
}

/** The words for a state; a step with problems to fix is not ready, whatever the last run did. */
function stateLabel(state, hasProblems) {
  const texts = {
    // A refused run sent nothing: its steps are still ready, not "not run".
    idle: hasProblems
      ? 'not ready'
      : store.run?.finished && store.run.status !== 'refused'
        ? 'not run'
        : 'ready',
    running: 'running',
    done: 'done',
    error: 'error',
  };
  return { text: texts[state] || state, className: state };
}

function countsText(result) {
  const ops = countOf(result.operations, 'op');
  const bundles = result.bundles.length || result.bundlesOut || result.outputs?.length || 0;
  return `${ops} · ${countOf(bundles, 'bundle')}`;
}
