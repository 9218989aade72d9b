// The scenario area: import, edit and export a blueprint, see its steps, run it with live progress.
import { api } from './api.js';
import { allSteps, parseBlueprint, stepsOf } from './blueprint.js';
import { dragStep, dropTarget, newScenario, stepKeydown } from './builder.js';
import { allNodes, locate } from './edit.js';
import { stepProblems } from './step-editor.js';
import { $, clear, el, errorParts } from './dom.js';
import { refreshHistory } from './history.js';
import { changed, emptyResult, resultFor, store, subscribe } from './store.js';

const EVENT_TYPES = ['module:start', 'bundle', 'module:end', 'run:end', 'run:error'];
let events = null;

export function initScenario() {
  $('#blueprint-file').addEventListener('change', importFile);
  $('#blueprint-paste').addEventListener('click', () => openPaste(''));
  $('#blueprint-edit').addEventListener('click', () => openPaste(JSON.stringify(store.blueprint, null, 2)));
  $('#paste-cancel').addEventListener('click', () => $('#paste-dialog').close());
  $('#paste-form').addEventListener('submit', submitPaste);
  $('#blueprint-export').addEventListener('click', exportBlueprint);
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

/** Steps whose fields do not pass their specs: [{ id, problems }]. */
export function invalidSteps() {
  if (!store.blueprint) return [];
  return allNodes(store.blueprint.flow)
    .map((node) => ({ id: String(node.id), problems: stepProblems(node) }))
    .filter((s) => s.problems.length);
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

async function importFile(event) {
  const file = event.target.files[0];
  event.target.value = ''; // importing the same file again must fire change again
  if (!file) return;
  try {
    loadBlueprint(parseBlueprint(await file.text()));
  } catch (err) {
    openPaste(await file.text().catch(() => ''), err.message);
  }
}

function openPaste(text, error = '') {
  $('#paste-text').value = text;
  $('#paste-error').textContent = error;
  $('#paste-dialog').showModal();
  $('#paste-text').focus();
}

function submitPaste(event) {
  try {
    loadBlueprint(parseBlueprint($('#paste-text').value));
  } catch (err) {
    event.preventDefault(); // keep the dialog open with the reason
    $('#paste-error').textContent = err.message;
  }
}

function exportBlueprint() {
  const blob = new Blob([JSON.stringify(store.blueprint, null, 4) + '\n'], { type: 'application/json' });
  const name = `${(store.blueprint.name || 'scenario').replace(/[^\w.-]+/g, '-')}.blueprint.json`;
  const link = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

async function runScenario() {
  if (!store.blueprint || (store.run && !store.run.finished)) return;
  const invalid = invalidSteps();
  if (invalid.length) {
    // Refused before anything is sent: the fields say what to fix.
    const first = invalid[0];
    store.selectedStep = first.id;
    store.selectedRoute = null;
    store.run = {
      id: null,
      status: 'refused',
      operations: 0,
      error: {
        type: 'Invalid fields',
        message: invalid
          .map((s) => `step ${s.id}: ${s.problems.map((p) => `${p.path} (${p.message})`).join(', ')}`)
          .join('; '),
      },
      finished: true,
    };
    changed();
    return;
  }
  events?.close();
  store.results = {};
  store.run = { id: null, status: 'starting', operations: 0, error: null, finished: false };
  changed();
  try {
    const { runId } = await api.runScenario(store.blueprint);
    store.run.id = runId;
    store.run.status = 'running';
    changed();
    follow(runId);
  } catch (err) {
    store.run = {
      id: null,
      status: 'error',
      operations: 0,
      error: { type: err.type, message: err.message },
      finished: true,
    };
    changed();
  }
}

function follow(runId) {
  const source = api.runEvents(runId);
  events = source;
  for (const type of EVENT_TYPES) {
    source.addEventListener(type, (message) => {
      if (store.run?.id !== runId) return source.close();
      apply(type, JSON.parse(message.data));
      if (type === 'run:end' || type === 'run:error') {
        source.close();
        refreshHistory();
        if (type === 'run:end') loadStoredBundles(runId);
      }
      changed();
    });
  }
}

/** The stored run adds what events do not carry: each module's inputs, failed executions included. */
async function loadStoredBundles(runId) {
  try {
    const stored = await api.run(runId);
    if (store.run?.id !== runId) return;
    applyFinishedRun(stored);
    changed();
  } catch {
    // A run kept out of the history: the live bundles are all there is.
  }
}

/** Folds one server-sent event into the page state. */
function apply(type, data) {
  const run = store.run;
  if (type === 'module:start') {
    const result = resultFor(data.moduleId);
    if (result.state !== 'error') result.state = 'running';
  } else if (type === 'bundle') {
    const result = resultFor(data.moduleId);
    if (data.truncated) result.truncated = true;
    else result.bundles.push({ input: data.input, output: data.output });
  } else if (type === 'module:end') {
    const result = resultFor(data.moduleId);
    result.operations += Number(data.operations || 0);
    run.operations += Number(data.operations || 0);
    if (data.error) {
      result.state = 'error';
      result.error = errorParts(data.error);
    } else if (result.state !== 'error') result.state = 'done';
  } else if (type === 'run:end') {
    applyFinishedRun(data.run || {});
  } else if (type === 'run:error') {
    run.status = 'error';
    run.error = errorParts(data.error);
    run.finished = true;
  }
}

/** The runner's final word: status, operations, per-module counts and errors are authoritative. */
export function applyFinishedRun(finished) {
  const run = store.run || (store.run = { id: finished.id, operations: 0, error: null });
  run.id = finished.id ?? run.id;
  run.status = finished.status || 'success';
  run.operations = typeof finished.operations === 'number' ? finished.operations : run.operations;
  run.startedAt = finished.startedAt;
  run.finishedAt = finished.finishedAt;
  run.incomplete = Array.isArray(finished.incomplete) ? finished.incomplete.length : 0;
  run.finished = true;
  for (const module of finished.modules || []) {
    const result = resultFor(module.id);
    if (typeof module.operations === 'number') result.operations = module.operations;
    const errors = Array.isArray(module.errors) ? module.errors : [];
    if (errors.length) {
      result.state = 'error';
      result.error = result.error || errorParts(errors[0]);
    } else if (result.state === 'idle' || result.state === 'running') {
      result.state =
        module.operations > 0 || module.bundlesOut > 0
          ? 'done'
          : result.state === 'running'
            ? 'done'
            : 'idle';
    }
    result.bundlesIn = module.bundlesIn;
    result.bundlesOut = module.bundlesOut;
    // From the history: one input per execution, and every output bundle (a search has many).
    if (Array.isArray(module.inputs)) result.inputs = module.inputs;
    if (Array.isArray(module.outputs)) result.outputs = module.outputs;
  }
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
  const list = clear($('#steps'));
  list.append(...store.steps.map(stepItem));
  renderRunSummary();
}

/**
 * A router does no work of its own (Make counts no operation for it, and the runner reports none),
 * so it shows as done when any step of its routes ran, and as failed when one of them failed.
 */
function routerResult(step) {
  const inside = step.routes.flat().flatMap((s) => [s, ...allSteps([s])]);
  const states = inside.map(
    (s) => (s.routes.length ? routerResult(s) : store.results[s.id] || emptyResult()).state,
  );
  const state = states.includes('running')
    ? 'running'
    : states.includes('error')
      ? 'error'
      : states.includes('done')
        ? 'done'
        : 'idle';
  return { ...emptyResult(), state };
}

function stepItem(step) {
  const own = store.results[step.id];
  const result = step.routes.length && !own?.operations ? routerResult(step) : own || emptyResult();
  const selected = store.selectedStep === step.id;
  const state = stateLabel(result);
  const error = result.error;
  const button = el(
    'button',
    {
      type: 'button',
      class: 'step-button',
      'aria-pressed': String(selected),
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
        step.routes.length ? `${step.routes.length} routes` : countsText(result),
      ),
    ),
    el('span', { class: 'step-module' }, step.module),
    step.filter ? el('span', { class: 'step-note' }, `Filter: ${step.filter}`) : null,
    error ? el('span', { class: 'step-error', role: 'alert' }, `${error.type}: ${error.message}`) : null,
    problemCount(step.id),
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
      dataset: { stepId: step.id, state: result.state },
      ondragstart: (event) => dragStep(event, step.id),
    },
    button,
    ...children,
  );
  if (store.blueprint) dropTarget(button, () => ({ after: step.id }));
  return item;
}

function problemCount(stepId) {
  const node = store.blueprint ? locate(store.blueprint.flow, stepId)?.node : null;
  const n = node ? stepProblems(node).length : 0;
  return n ? el('span', { class: 'step-invalid' }, `${n} field${n === 1 ? '' : 's'} to fix`) : null;
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

function stateLabel(result) {
  const texts = {
    idle: store.run?.finished ? 'not run' : 'ready',
    running: 'running',
    done: 'done',
    error: 'error',
  };
  return { text: texts[result.state] || result.state, className: result.state };
}

function countsText(result) {
  const ops = `${result.operations} op${result.operations === 1 ? '' : 's'}`;
  const bundles = result.bundles.length || result.bundlesOut || result.outputs?.length || 0;
  return `${ops} · ${bundles} bundle${bundles === 1 ? '' : 's'}`;
}

function renderRunSummary() {
  const box = clear($('#run-summary'));
  const errorBox = $('#run-error');
  const run = store.run;
  if (!run) {
    box.append(el('span', { class: 'muted' }, 'No run yet.'));
    errorBox.hidden = true;
    return;
  }
  const steps = allSteps(store.steps);
  const ended = steps.filter((s) => ['done', 'error'].includes(store.results[s.id]?.state)).length;
  box.append(
    ...[
      el('span', { class: `state ${run.status}`, id: 'run-status' }, run.status),
      el('span', { id: 'run-operations' }, `${run.operations} operation${run.operations === 1 ? '' : 's'}`),
      run.incomplete ? el('span', {}, `${run.incomplete} incomplete execution(s) stored`) : null,
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
