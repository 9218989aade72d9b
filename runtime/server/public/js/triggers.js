// A scenario's trigger, as Make's editor has it: always the first module. A polling trigger's settings
// choose where it starts (Make's "Choose where to start"), kept by the server under the scenario's key
// (PUT /api/scenarios/:key/trigger-state); an instant trigger's settings show its hook's URL (the hook is
// created when the trigger is added, or at its first Run once), where deliveries run the saved scenario.
import { api } from './api.js';
import { saveNow, scenarioKey } from './autosave.js';
import { $, countOf, el } from './dom.js';
import { moduleIdOf } from './edit.js';
import { store } from './store.js';

const TRIGGERS = new Set(['trigger', 'instant_trigger']);
const hooks = new Map(); // scenario key → its hook, once known (a promise while it is being made)

/** 'trigger' or 'instant_trigger' for a step of one of the app's triggers, else null. */
export function triggerKind(node) {
  const id = moduleIdOf(node);
  const type = id ? store.app?.modules.find((m) => m.id === id)?.type : null;
  return TRIGGERS.has(type) ? type : null;
}

/** Whether the app's module `moduleId` is a trigger of either kind. */
export const isTriggerModule = (moduleId) =>
  TRIGGERS.has(store.app?.modules.find((m) => m.id === moduleId)?.type);

/** The kind of trigger the scenario on screen starts with, or null. */
export const scenarioTrigger = () => (store.blueprint?.flow[0] ? triggerKind(store.blueprint.flow[0]) : null);

/** The settings part of a scenario's first step when it is a trigger (null for any other step). */
export function triggerSettings(node, module) {
  if (String(store.blueprint?.flow[0]?.id) !== String(node.id)) return null;
  const kind = triggerKind(node);
  if (kind === 'trigger') return startChooser(module);
  if (kind === 'instant_trigger') return hookPanel();
  return null;
}

/** How a polling trigger tells new items: by 'id' or by 'date' (its last request's response.trigger). */
function pollingType(module) {
  const requests = Array.isArray(module.communication) ? module.communication : [module.communication];
  return requests[requests.length - 1]?.response?.trigger?.type === 'date' ? 'date' : 'id';
}

/** Make's start choices: "From now on" and "Since a date" are for date triggers only. */
function startChooser(module) {
  const type = pollingType(module);
  const choices = [
    ['all', 'All: every item there is'],
    ...(type === 'date'
      ? [
          ['now', 'From now on'],
          ['since', 'Since a date'],
        ]
      : []),
    ['item', type === 'date' ? 'After the item dated' : 'After the item with the id'],
  ];
  const section = el(
    'section',
    { id: 'trigger-start', class: 'trigger-part', 'aria-labelledby': 'trigger-start-heading' },
    el('h4', { id: 'trigger-start-heading' }, 'Choose where to start'),
    el('p', { id: 'trigger-state', class: 'muted', role: 'status' }, 'Reading where it starts…'),
    el(
      'fieldset',
      { onchange: showChoiceInputs },
      el('legend', { class: 'visually-hidden' }, 'Where the next run starts'),
      choices.map(([value, label]) =>
        el(
          'label',
          { class: 'check' },
          el('input', { type: 'radio', name: 'trigger-epoch', value, id: `trigger-epoch-${value}` }),
          ` ${label}`,
        ),
      ),
    ),
    type === 'date'
      ? el(
          'div',
          { class: 'field', dataset: { forChoice: 'since' }, hidden: true },
          el('label', { for: 'trigger-since' }, 'Since'),
          el('input', { id: 'trigger-since', type: 'date' }),
        )
      : null,
    el(
      'div',
      { class: 'field', dataset: { forChoice: 'item' }, hidden: true },
      el('label', { for: 'trigger-item' }, type === 'date' ? 'The item’s date' : 'The item’s id'),
      el('input', { id: 'trigger-item', type: 'text', autocomplete: 'off', spellcheck: 'false' }),
    ),
    el(
      'button',
      { type: 'button', class: 'button small', id: 'trigger-epoch-apply', onclick: () => applyStart(type) },
      'Start there',
    ),
    el('p', { id: 'trigger-start-error', class: 'error-text', role: 'alert' }),
  );
  refreshTriggerState();
  return section;
}

/** The date or the item a choice needs shows once that choice is made. */
function showChoiceInputs() {
  const choice = document.querySelector('#trigger-start input[name="trigger-epoch"]:checked')?.value;
  for (const box of document.querySelectorAll('#trigger-start [data-for-choice]'))
    box.hidden = box.dataset.forChoice !== choice;
}

async function applyStart(type) {
  const error = $('#trigger-start-error');
  error.textContent = '';
  const choice = document.querySelector('#trigger-start input[name="trigger-epoch"]:checked')?.value;
  if (!choice) return (error.textContent = 'Choose where the next run starts.');
  const epoch = { type: choice };
  if (choice === 'since') epoch.date = $('#trigger-since').value;
  if (choice === 'item') epoch[type === 'date' ? 'date' : 'id'] = $('#trigger-item').value.trim();
  const key = scenarioKey();
  // The server reads the trigger from the scenario it has under the key: it must have the latest.
  if (!(await saveNow()))
    return (error.textContent = 'The scenario is not saved yet: try again in a moment.');
  try {
    showState(key, (await api.startTriggerFrom(key, epoch)).state);
  } catch (err) {
    const problems = Array.isArray(err.details?.problems) ? err.details.problems : [];
    error.textContent = problems.length
      ? problems.map((p) => `${p.field}: ${p.message}`).join('; ')
      : err.message;
  }
}

/** Shows where the trigger starts now (after a run it has moved on). */
export async function refreshTriggerState() {
  const key = scenarioKey();
  if (!key) return;
  try {
    showState(key, (await api.triggerState(key)).state);
  } catch {
    showState(key, null);
  }
}

function showState(key, state) {
  const box = $('#trigger-state');
  if (!box || key !== scenarioKey()) return;
  const seen = Array.isArray(state?.seenIDs) ? state.seenIDs.length : 0;
  box.textContent =
    state?.lastDate !== undefined
      ? `The next run starts after ${state.lastDate}${state.lastID !== undefined ? ` (item ${state.lastID})` : ''}.`
      : state?.lastID !== undefined
        ? `The next run starts after the item ${state.lastID}.`
        : seen
          ? `The next run starts after the ${countOf(seen, 'item')} seen so far.`
          : 'No position kept: the next run reads every item (up to its limit).';
}

/** An instant trigger's settings: where its deliveries go. */
function hookPanel() {
  const section = el(
    'section',
    { id: 'trigger-hook', class: 'trigger-part', 'aria-labelledby': 'trigger-hook-heading' },
    el('h4', { id: 'trigger-hook-heading' }, 'Webhook'),
    el('label', { for: 'hook-url' }, 'Its address (send deliveries here)'),
    el('input', { id: 'hook-url', type: 'text', readonly: true, placeholder: 'No hook yet' }),
    el(
      'button',
      {
        type: 'button',
        class: 'button small',
        id: 'hook-create',
        onclick: () => ensureHook().catch(showHookError),
      },
      'Create the hook',
    ),
    el('p', { id: 'hook-error', class: 'error-text', role: 'alert' }),
  );
  const key = scenarioKey();
  knownHook(key).then((hook) => showHook(key, hook), showHookError);
  return section;
}

function showHook(key, hook) {
  const input = $('#hook-url');
  if (!input || key !== scenarioKey()) return;
  input.value = hook?.url ?? '';
  $('#hook-create').hidden = Boolean(hook);
}

function showHookError(err) {
  const box = $('#hook-error');
  if (box) box.textContent = `Could not create the hook: ${err.message}`;
}

/** The hook of the scenario on screen, if it has one. */
async function knownHook(key) {
  if (hooks.has(key)) return hooks.get(key);
  const found = (await api.hooks()).find((h) => h.scenarioKey === key) ?? null;
  if (found) hooks.set(key, found);
  return found;
}

/** The scenario's hook, created (once) if it has none; the scenario is saved first, as deliveries run it. */
export async function ensureHook() {
  const key = scenarioKey();
  const existing = await knownHook(key);
  if (existing) return existing;
  const made = (async () => {
    await saveNow();
    const hook = await api.createHook(key, store.blueprint);
    hooks.set(key, hook);
    showHook(key, hook);
    return hook;
  })();
  hooks.set(key, made);
  try {
    return await made;
  } catch (err) {
    hooks.delete(key);
    throw err;
  }
}
