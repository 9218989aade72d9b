// The scenario as Make's canvas draws it: each step a circle with its label where canvas-layout puts
// it, links between them (canvas-links.js), a slot that takes a new module at the end of each flow,
// and after a run an operation bubble on each module. The DOM stays the steps' tree (ol > li, routes
// and handlers nested) so screen readers and the Tab key read it in flow order; only the position of
// each control comes from the layout.
import { chooseSlot, dragStep, dropTarget, stepKeydown } from './builder.js';
import { BOX_W, CIRCLE, SLOT, cellBox, place, stageSize } from './canvas-geometry.js';
import { layoutFlow } from './canvas-layout.js';
import { drawLinks, linkHandle } from './canvas-links.js';
import { revealNode, setStageSize } from './canvas-view.js';
import { $, clear, countOf, el } from './dom.js';
import { locate } from './edit.js';
import { nodeFace, nodeKind } from './node-icon.js';
import { stepProblems } from './step-editor.js';
import { checksVersion } from './checks.js';
import { rpcVersion } from './rpc-calls.js';
import { stepStatus } from './step-state.js';
import { triggerKind } from './triggers.js';
import { changed, store } from './store.js';

let layout = null;
let cellOf = new Map(); // `n<id>` / `s<slot key>` → cell
let revealed = null; // the selected step last scrolled into view

let drawn = null; // what the canvas shows, as text: nothing to do while it is the same

/**
 * Everything the canvas is drawn from, as text. A rebuild replaces every control: one for a change it
 * does not show (the save status, the name) would pull the step a user is about to click or drag from
 * under the pointer.
 */
function drawnFrom() {
  const results = Object.entries(store.results).map(([id, r]) => [
    id,
    r.state,
    r.operations,
    r.bundlesIn,
    r.bundlesOut,
    r.errorCount,
    r.bundles.length,
    r.error?.message,
  ]);
  return JSON.stringify([
    store.blueprint?.flow,
    results,
    store.selectedStep,
    store.selectedRoute,
    store.insertPlace,
    store.run?.id,
    store.run?.status,
    store.run?.finished,
    store.run?.incomplete,
    Boolean(store.appIcon),
    store.app?.name,
    store.app?.modules.length,
    checksVersion(),
    rpcVersion(),
  ]);
}

export function renderCanvas() {
  // Rebuilt only when something it shows changed: a change elsewhere (a name, the save status) leaves
  // its controls (and the focus on one) alone.
  const now = drawnFrom();
  if (now === drawn) return;
  drawn = now;
  // Rebuilding replaces every control: a keyboard user's focus stays on the same one.
  const active = document.activeElement;
  const focusKey = active?.closest?.('#steps') ? focusKeyOf(active) : null;
  layout = layoutFlow(store.blueprint?.flow || []);
  cellOf = new Map(layout.cells.map((c) => [c.kind === 'node' ? `n${c.id}` : `s${c.key}`, c]));
  const size = stageSize(layout.cols, layout.rows);
  setStageSize(size.width, size.height);
  drawLinks($('#canvas-links'), layout, cellOf, size);
  const handles = new Map(layout.links.filter((l) => l.into).map((l) => [l.into, l]));
  clear($('#steps')).append(...listItems(store.steps, 'end', handles));
  if (focusKey) document.querySelector(focusKey)?.focus({ preventScroll: true });
  if (store.selectedStep !== revealed) {
    revealed = store.selectedStep;
    const button = stepButtonOf(revealed);
    if (button) revealNode(button);
  }
}

/** A selector for the control that has the focus, to find it again after a rebuild. */
function focusKeyOf(node) {
  if (node.matches('.step-button'))
    return `${stepSelector(node.closest('li').dataset.stepId)} > .step-button`;
  if (node.dataset.bubbleFor) return `.op-bubble[data-bubble-for="${CSS.escape(node.dataset.bubbleFor)}"]`;
  if (node.dataset.filterOf) return `.link-filter[data-filter-of="${CSS.escape(node.dataset.filterOf)}"]`;
  if (node.dataset.slot) return `.add-slot[data-slot="${CSS.escape(node.dataset.slot)}"]`;
  return null;
}

const stepSelector = (id) => `#steps li[data-step-id="${CSS.escape(String(id))}"]`;
const stepButtonOf = (id) =>
  id == null ? null : document.querySelector(`${stepSelector(id)} > .step-button`);

/** A list of steps and, when the flow may go on, the slot after its last step. */
function listItems(steps, slotKey, handles) {
  const slot = cellOf.get(`s${slotKey}`);
  return [...steps.map((step) => stepItem(step, handles)), slot ? slotItem(slot) : null].filter(Boolean);
}

function stepItem(step, handles) {
  const cell = cellOf.get(`n${step.id}`);
  const box = cell ? cellBox(cell) : { left: 0, top: 0 };
  const status = stepStatus(step);
  const node = store.blueprint ? locate(store.blueprint.flow, step.id)?.node : null;
  const problems = node ? stepProblems(node) : [];
  const state = stateLabel(status.state, problems.length > 0);
  const error = status.result.error;
  const button = el(
    'button',
    {
      type: 'button',
      class: 'step-button',
      'aria-pressed': String(store.selectedStep === step.id),
      'aria-keyshortcuts': 'Alt+ArrowUp Alt+ArrowDown Alt+ArrowRight Alt+ArrowLeft Delete F2',
      'aria-describedby': 'step-keys',
      'aria-label': `Step ${step.id}: ${step.label}, ${state.text}${error ? `, ${error.type}: ${error.message}` : ''}`,
      title: `${step.id}. ${step.label}`,
      dataset: { kind: node ? nodeKind(node) : 'app' },
      onclick: () => {
        store.selectedStep = step.id;
        store.selectedRoute = null;
        store.insertPlace = null;
        changed();
      },
      onkeydown: (event) => canvasKeydown(event, step.id),
    },
    el('span', { class: 'node-circle' }, node ? nodeFace(node) : null),
    el('span', { class: 'step-id', 'aria-hidden': 'true' }, step.id),
    triggerBadge(node),
    el('span', { class: 'step-title' }, step.label),
    el(
      'span',
      { class: 'step-state visually-hidden' },
      el('span', { class: `state ${state.className}` }, state.text),
      el(
        'span',
        { class: 'counts' },
        step.routes.length ? countOf(step.routes.length, 'route') : countsText(status.result),
      ),
    ),
    el('span', { class: 'step-module visually-hidden' }, step.module),
    error
      ? el(
          'span',
          { class: 'step-error', role: 'alert', title: `${error.type}: ${error.message}` },
          el('span', { class: 'visually-hidden' }, `${error.type}: ${error.message}`),
        )
      : null,
    problemsNote(problems),
  );
  place(button, box.left, box.top);
  const link = handles.get(step.id);
  const children = [
    link ? linkHandle(link, cellOf) : null,
    button,
    bubble(step, status, box),
    ...step.routes.map((route, r) =>
      el(
        'ol',
        { class: 'steps route', 'aria-label': `Route ${r + 1} of step ${step.id}` },
        listItems(route, `route-${step.id}-${r}`, handles),
      ),
    ),
    step.onerror.length
      ? el(
          'ol',
          { class: 'steps handler', 'aria-label': `Error handler of step ${step.id}` },
          listItems(step.onerror, `handler-${step.id}`, handles),
        )
      : null,
  ];
  const item = el(
    'li',
    {
      class: 'step',
      draggable: 'true',
      dataset: { stepId: step.id, state: status.state },
      ondragstart: (event) => dragStep(event, step.id),
    },
    ...children,
  );
  dropTarget(button, () => ({ after: step.id }));
  return item;
}

/** Make marks a trigger on its circle: a clock for one that polls, a lightning bolt for an instant one. */
function triggerBadge(node) {
  const kind = node ? triggerKind(node) : null;
  if (!kind) return null;
  const instant = kind === 'instant_trigger';
  return el(
    'span',
    {
      class: 'step-trigger',
      'aria-hidden': 'true',
      title: instant ? 'Instant trigger: runs at each delivery' : 'Trigger: polls for new items',
      dataset: { trigger: kind },
    },
    instant ? '↯' : '◷', // in the plain fonts a browser has: no emoji
  );
}

/** The operation bubble of a module that ran: its operations; it opens them in the inspector. */
function bubble(step, status, box) {
  const kind = nodeKind({ module: step.module });
  if (status.state === 'idle' || kind === 'router' || kind === 'directive') return null;
  const ops = status.result.operations;
  const button = el(
    'button',
    {
      type: 'button',
      class: `op-bubble ${status.state}`,
      dataset: { bubbleFor: step.id },
      'aria-label': `Step ${step.id}: ${countOf(ops, 'operation')}; show them`,
      onclick: () => {
        store.selectedStep = step.id;
        store.selectedRoute = null;
        store.reveal = 'inspector';
        changed();
      },
    },
    String(ops),
  );
  place(button, box.left + BOX_W / 2 + CIRCLE / 2 - 14, box.top - 6);
  return button;
}

/** The slot at the end of a flow: a drop target, and a button that makes it where the next module goes. */
function slotItem(cell) {
  const [owner, route] = cell.route ? cell.route.split(':') : [];
  const selected =
    (store.insertPlace && JSON.stringify(store.insertPlace) === JSON.stringify(cell.place)) ||
    (cell.route &&
      store.selectedRoute &&
      `${store.selectedRoute[0]}:${store.selectedRoute[1]}` === cell.route);
  const label = cell.route
    ? `Route ${Number(route) + 1} of step ${owner}: add a module at its end`
    : cell.key === 'end'
      ? 'Add a module at the end of the scenario'
      : 'Add a module at the end of the error handler';
  const box = cellBox(cell);
  const button = el(
    'button',
    {
      type: 'button',
      class: 'add-slot',
      'aria-pressed': String(Boolean(selected)),
      'aria-label': `${label}; then choose it in the list`,
      title: label,
      dataset: { slot: cell.key, route: cell.route },
      onclick: () => chooseSlot(cell),
    },
    '+',
  );
  place(button, box.cx - SLOT / 2, box.cy - SLOT / 2);
  dropTarget(button, () => cell.place);
  return el('li', { class: 'slot' }, button);
}

/** Keys on a step: the builder's moves, plain arrows to the next step in that direction. */
function canvasKeydown(event, stepId) {
  const arrows = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };
  if (!event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && arrows[event.key]) {
    event.preventDefault();
    const next = neighbour(stepId, arrows[event.key]);
    if (next) stepButtonOf(next)?.focus();
    return;
  }
  stepKeydown(event, stepId);
}

/** The nearest step from `id` in a direction ([dCol, dRow]), or null. */
function neighbour(id, [dc, dr]) {
  const from = cellOf.get(`n${id}`);
  if (!from) return null;
  let best = null;
  for (const cell of layout.cells) {
    if (cell.kind !== 'node' || cell.id === String(id)) continue;
    const along = (cell.col - from.col) * dc + (cell.row - from.row) * dr;
    if (along <= 0) continue;
    const across = Math.abs((cell.col - from.col) * dr) + Math.abs((cell.row - from.row) * dc);
    const cost = along + across * 2;
    if (!best || cost < best.cost) best = { id: cell.id, cost };
  }
  return best?.id ?? null;
}

/** What stops the step from running, before any run: its module or place, and how many fields. */
function problemsNote(problems) {
  const n = problems.filter((p) => p.path).length;
  const parts = [
    ...problems.filter((p) => !p.path).map((p) => p.message),
    n ? `${countOf(n, 'field')} to fix` : '',
  ];
  const text = parts.filter(Boolean).join('; ');
  // A badge on the circle; the words are its text, read out and shown on hover.
  return text
    ? el('span', { class: 'step-invalid', title: text }, el('span', { class: 'visually-hidden' }, text))
    : null;
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
