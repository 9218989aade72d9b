// The selected step's settings: its generated form, the mapping panel, its filter and error handler.
import { $, clear, countOf, el } from './dom.js';
import { isDirective, locate, moduleIdOf, ROUTER } from './edit.js';
import { renderFields } from './fields.js';
import { rpcRefresher } from './rpc-refresh.js';
import { filterEditor, handlerEditor, passedText } from './step-extras.js';
import { nestedFromRpc, rpcValues } from './step-rpc.js';
import { changed, store, subscribe } from './store.js';
import { placeProblems } from './blueprint-check.js';
import { moduleLabel, stepsOf } from './blueprint.js';
import { toolOf, toolSpecs } from './builtin-tools.js';
import { aggregatedFields } from './tool-forms.js';
import { templateCheck, onChecked } from './checks.js';
import { mappingProblems } from './mapping-problems.js';
import { checkFields, pathLabel } from './validate.js';

let shownFor = null; // `${blueprint identity}:${step id}:${version}` the form was built for
let version = 0;
const mapped = new Set(); // field paths shown as expressions, per step (reset on step change)
const rpcRefresh = rpcRefresher(); // the RPC-backed fields ask again when the values they read change

export function initStepEditor() {
  subscribe(render);
  onChecked(changed); // the runtime's answers about templates and dates came in: say them
}

/**
 * The definition a step's form and checks come from: this app's module, or one of Make's built-in
 * tools (its specs for this step: an aggregator's sources are the steps before it); null for others.
 */
export function moduleOf(node) {
  const id = moduleIdOf(node);
  if (id) return store.app?.modules.find((m) => m.id === id) || null;
  const tool = toolOf(node);
  return tool ? toolSpecs(tool, node, store.blueprint?.flow || [], nodeLabel) : null;
}

function nodeLabel(node) {
  const id = moduleIdOf(node);
  return (
    node.metadata?.designer?.name ||
    moduleLabel(node.module, () => store.app?.modules.find((m) => m.id === id)?.label)
  );
}

/**
 * Every problem of a step: [{ path, label, message }]: its fields against its module's parameter specs
 * (`label` as the form shows it), after those of its module and place (`path` '', `label` null).
 */
export function stepProblems(node) {
  const module = moduleOf(node);
  const known = (id) => Boolean(store.app?.modules.some((m) => m.id === id));
  const place = store.blueprint ? placeProblems(store.blueprint.flow, node.id, known) : [];
  if (!module)
    return [
      ...place.map((p) => ({ ...p, label: null })),
      ...mappingProblems(node, store.blueprint?.flow || []).map((p) => ({ ...p, label: p.label ?? p.path })),
    ];
  // Nested fields from an RPC count once they are in (the form asks for them).
  const rpcFields = (ref) => nestedFromRpc(node, ref).fields;
  const check = (specs, values) =>
    checkFields(specs, values, '', rpcFields).map((p) => ({
      ...p,
      label: pathLabel(specs, values, p.path, rpcFields),
    }));
  const formFields = new Set(
    [...(module.staticParams || []), ...(module.mappableParams || [])].map((p) => p.name),
  );
  const mapping = mappingProblems(node, store.blueprint?.flow || [], formFields).map((p) => ({
    ...p,
    label: p.label ?? pathLabel(module.mappableParams || [], node.mapper || {}, p.path, rpcFields),
  }));
  return [
    ...place.map((p) => ({ ...p, label: null })),
    ...check(module.staticParams || [], node.parameters || {}),
    ...check(module.mappableParams || [], node.mapper || {}),
    ...mapping,
  ];
}

/** A step's problems as one line: "Customer (Required), …" (a problem with no field says itself). */
export const problemsText = (problems) =>
  problems.map((p) => (p.label ? `${p.label} (${p.message})` : p.message)).join(', ');

/** Rebuild the form now (fields appeared or went); `focusId` gets the focus back afterwards. */
export function rebuild(focusId) {
  version++;
  render(store, focusId);
  changed();
}

function render(state, focusId) {
  const panel = $('#step-editor');
  const at =
    state.blueprint && state.selectedStep != null ? locate(state.blueprint.flow, state.selectedStep) : null;
  // Moves change what the form shows (earlier steps to map from, the handler's steps): part of the key.
  const key = at
    ? `${blueprintKey(state.blueprint)}:${at.node.id}:${version}:${structureOf(state.blueprint.flow)}`
    : 'none';
  if (key !== shownFor) {
    if (!at || !shownFor?.startsWith(`${blueprintKey(state.blueprint)}:${at.node.id}:`)) {
      mapped.clear();
      const scroller = panel.closest('.editor');
      if (scroller) scroller.scrollTop = 0;
    }
    shownFor = key;
    // The focus stays in the field it was in (an undo rebuilds the form under a typing user).
    const active = typeof focusId === 'string' ? focusId : (focusedField() ?? null);
    clear(panel).append(
      ...(at ? editor(at.node) : [el('p', { class: 'empty' }, 'Select a step to edit its settings.')]),
    );
    const focused = active ? document.getElementById(active) : null;
    focused?.focus();
    // A text field rebuilt while typing (its value opened nested fields) keeps the caret at the end.
    if (focused?.type === 'text') focused.setSelectionRange(focused.value.length, focused.value.length);
  }
  showErrors(at?.node);
  // What the last run says of the filter changes without the form being built again.
  const passed = $('#filter-passed');
  if (passed && at) passed.textContent = passedText(at.node.id);
}

function focusedField() {
  const active = document.activeElement;
  return active?.id && active.closest('#step-editor') ? active.id : undefined;
}

/** The flow's step ids as nested in routes and handlers, as text. */
function structureOf(flow) {
  const tree = (list) =>
    (list || []).map((n) => [n.id, (n.routes || []).map((r) => tree(r.flow)), tree(n.onerror)]);
  return JSON.stringify(tree(flow));
}

const keys = new WeakMap();
let counter = 0;
function blueprintKey(blueprint) {
  if (!keys.has(blueprint)) keys.set(blueprint, ++counter);
  return keys.get(blueprint);
}

function showErrors(node) {
  const problems = node ? stepProblems(node) : [];
  const byPath = new Map();
  for (const p of problems) if (!byPath.has(p.path)) byPath.set(p.path, p.message); // the first says most
  for (const box of document.querySelectorAll('#step-editor [data-error-for]')) {
    const message = byPath.get(box.dataset.errorFor) || '';
    box.textContent = message;
    const input = document.getElementById(box.id.replace(/-error$/, ''));
    if (input) input.setAttribute('aria-invalid', String(Boolean(message)));
    box.closest('.field')?.classList.toggle('invalid', Boolean(message));
    markPosition(box, message ? input : null);
  }
  const summary = $('#step-editor-problems');
  if (summary) {
    const fields = problems.filter((p) => p.path).length;
    summary.textContent = [
      ...problems.filter((p) => !p.path).map((p) => `${p.message}.`),
      fields ? `${countOf(fields, 'field')} to fix before this scenario can run.` : '',
    ].join(' ');
  }
}

/**
 * Under a field whose template does not compile: its text with the place of the error marked, as the
 * error's position says (the message says it in words; this is for the eye).
 */
function markPosition(box, input) {
  box.parentElement?.querySelector(':scope > .iml-mark')?.remove();
  const text = typeof input?.value === 'string' ? input.value : '';
  const offset = text.includes('{{') ? templateCheck(text)?.error?.offset : undefined;
  if (typeof offset !== 'number') return;
  const from = Math.max(0, offset - 40);
  box.after(
    el(
      'code',
      { class: 'iml-mark', 'aria-hidden': 'true' },
      (from > 0 ? '…' : '') + text.slice(from, offset),
      el('mark', {}, text[offset] ?? ' '),
      text.slice(offset + 1, offset + 30),
    ),
  );
}

function editor(node) {
  const module = moduleOf(node);
  // The label the step list shows (a built-in's too: "Set variable", not util:SetVariable2).
  const title = stepsOf([node], (id) => (module?.id === id ? module.label : null))[0].label;
  const parts = [
    el('h3', { id: 'step-editor-title' }, `${node.id}. ${title}`),
    el('p', { class: 'muted' }, module?.description || node.module),
    el('p', { id: 'step-editor-problems', class: 'error-text', role: 'status' }),
  ];
  if (node.module === ROUTER) parts.push(routerEditor(node));
  if (module) {
    // An imported step without `parameters` or `mapper` keeps it that way until a field is set,
    // so selecting a step never changes the blueprint (it must round-trip unchanged).
    const params = node.parameters && typeof node.parameters === 'object' ? node.parameters : {};
    const mapper = node.mapper && typeof node.mapper === 'object' ? node.mapper : {};
    const formValues = { parameters: params, mapper };
    const ctx = () => ({
      idPrefix: `f${node.id}-`,
      mapped,
      changed: () => {
        if (Object.keys(params).length || node.parameters) node.parameters = params;
        if (Object.keys(mapper).length || node.mapper) node.mapper = mapper;
        showErrors(node); // at once, so the field says what is wrong while typing
        changed();
      },
      restructure: (focusId) => rebuild(focusId),
      // The form's values as they are now (the step gets `parameters`/`mapper` only once one is set).
      rpcParameters: (ref) => rpcValues(formValues, ref),
      // Nested fields from an RPC: the form is rebuilt when they arrive, the focus kept where it is.
      nestedRpc: (ref) => nestedFromRpc(formValues, ref, () => rebuild(focusedField()), rpcRefresh.mayAsk),
      rpcRefresh,
    });
    const statics = module.staticParams || [];
    const mappables = module.mappableParams || [];
    if (statics.length + mappables.length === 0)
      parts.push(el('p', { class: 'empty' }, 'This module takes no parameters.'));
    const form = el('form', {
      id: 'step-form',
      class: 'step-form',
      onsubmit: (e) => e.preventDefault(),
      // After the field's own handler has stored the value: a change settles the values at once.
      onchange: () => rpcRefresh.settle(),
    });
    // Before the field's own handler (capture): a rebuild it causes must already know it is typing.
    form.addEventListener('input', () => rpcRefresh.typed(), true);
    if (statics.length) form.append(...renderFields(statics, params, ctx()));
    if (mappables.length) form.append(...renderFields(mappables, mapper, ctx()));
    parts.push(form);
    if (node.module === 'builtin:BasicAggregator') parts.push(aggregatedFields(node, { changed }));
  }
  // A directive (Ignore, Break, …) is part of its step's handler; the very first step has no link to filter.
  const directive = isDirective(node);
  if (!directive) {
    if (String(store.blueprint.flow[0]?.id) !== String(node.id))
      parts.push(filterEditor(node, { changed, rebuild }));
    if (module) parts.push(handlerEditor(node, module, { changed, rebuild }));
  }
  return parts;
}

function routerEditor(node) {
  return el(
    'div',
    { class: 'toolbar' },
    el(
      'span',
      { class: 'muted' },
      `${node.routes.length} route(s). Select a route in the scenario, then add modules into it.`,
    ),
    el(
      'button',
      {
        type: 'button',
        class: 'button small',
        id: 'router-add-route',
        onclick: () => {
          node.routes.push({ flow: [] });
          store.selectedRoute = [node.id, node.routes.length - 1];
          rebuild('router-add-route');
        },
      },
      'Add route',
    ),
  );
}
