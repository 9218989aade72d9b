// The module palette (by group, with search) and the single-module runner with a JSON parameters box.
// A palette item adds its module to the scenario (click, Enter, or drag); its Run button opens the runner.
import { api } from './api.js';
import { addToScenario, dragModule, removalTarget, ROUTER_ITEM } from './builder.js';
import { TOOLS } from './builtin-tools.js';
import { $, clear, el, jsonView } from './dom.js';
import { runAloneOnDelivery, stopModuleWait } from './module-delivery.js';
import { selectTab } from './tabs.js';
import { store } from './store.js';

let current = null;

export function initModules() {
  $('#module-filter').addEventListener('input', renderModules);
  removalTarget($('#module-groups'));
  $('#module-form').addEventListener('submit', (event) => {
    event.preventDefault();
    runCurrent();
  });
}

export function renderModules() {
  const box = clear($('#module-groups'));
  const modules = store.app?.modules || [];
  const filter = $('#module-filter').value.trim().toLowerCase();
  const matches = (m) =>
    !filter || m.label.toLowerCase().includes(filter) || m.id.toLowerCase().includes(filter);
  const byId = new Map(modules.map((m) => [m.id, m]));
  const grouped = new Set();
  const groups = (store.app?.groups || []).map((g) => {
    g.modules.forEach((id) => grouped.add(id));
    return { label: g.label, modules: g.modules.map((id) => byId.get(id)).filter(Boolean) };
  });
  const rest = modules.filter((m) => !grouped.has(m.id));
  if (rest.length) groups.push({ label: groups.length ? 'Other' : 'All modules', modules: rest });
  // Make's built-in tools the runner supports, and the Router.
  groups.push({
    label: 'Tools',
    modules: TOOLS.map((t) => ({ id: t.module, label: t.label, type: 'tool' })),
  });
  groups.push({ label: 'Flow control', modules: [{ id: ROUTER_ITEM, label: 'Router', type: 'flow' }] });
  for (const group of groups) {
    const shown = group.modules.filter(matches);
    if (!shown.length) continue;
    box.append(
      el(
        'details',
        { open: true },
        el('summary', {}, `${group.label} (${shown.length})`),
        el('ul', {}, shown.map(paletteItem)),
      ),
    );
  }
  if (!box.children.length)
    box.append(el('p', { class: 'empty' }, modules.length ? 'No module matches.' : 'No modules loaded.'));
}

function paletteItem(m) {
  const add = el(
    'button',
    {
      type: 'button',
      class: 'module-item',
      draggable: 'true',
      title: 'Add to the scenario (Enter), or drag it there',
      'aria-label': `Add ${m.label} to the scenario`,
      onclick: () => addToScenario(m.id),
      ondragstart: (event) => dragModule(event, m.id),
      dataset: { moduleId: m.id },
    },
    el('span', { class: 'module-label' }, m.label),
    el('span', { class: 'tag' }, m.type.replace(/_/g, ' ')), // 'instant trigger', as a user reads it
  );
  const run =
    m.type === 'flow' || m.type === 'tool'
      ? null
      : el(
          'button',
          {
            type: 'button',
            class: 'button small run-module',
            'aria-label': `Run ${m.label} alone`,
            'aria-current': String(current?.id === m.id),
            onclick: () => openModule(m),
            dataset: { runModuleId: m.id },
          },
          'Run',
        );
  return el('li', { class: 'palette-item' }, add, run);
}

function openModule(module) {
  stopModuleWait(); // a wait belongs to the module it was started for
  current = module;
  renderModules();
  selectTab('module');
  $('#module-empty').hidden = true;
  $('#module-form').hidden = false;
  $('#module-title').textContent = `${module.label} (${module.id})`;
  $('#module-description').textContent = module.description || '';
  const params = [...(module.staticParams || []), ...(module.mappableParams || [])].filter(
    (p) => p && p.name,
  );
  $('#module-fields').textContent = params.length
    ? `Parameters: ${params.map((p) => `${p.name}${p.required ? '*' : ''} (${p.type || 'text'})`).join(', ')}`
    : 'This module takes no parameters.';
  // The parameters' defaults, as a new step gets them: a starting point that runs as is.
  const defaults = Object.fromEntries(
    params.filter((p) => p.default !== undefined).map((p) => [p.name, p.default]),
  );
  $('#module-params').value = JSON.stringify(defaults, null, 2);
  clear($('#module-result')).append(el('p', { class: 'empty' }, 'Nothing run yet.'));
  $('#module-params').focus();
}

async function runCurrent() {
  if (!current) return;
  const module = current;
  const out = clear($('#module-result'));
  let parameters;
  try {
    parameters = JSON.parse($('#module-params').value || '{}');
    if (!parameters || typeof parameters !== 'object' || Array.isArray(parameters))
      throw new Error('Parameters must be a JSON object');
  } catch (err) {
    out.append(el('div', { class: 'error-box', role: 'alert' }, `Parameters: ${err.message}`));
    return;
  }
  const button = $('#module-run');
  button.disabled = true;
  out.append(el('p', { class: 'muted' }, 'Running…'));
  const dryRun = $('#module-dry-run').checked;
  try {
    // An instant trigger runs on a delivery: it waits for one (a dry run delivers its samples).
    const result =
      module.type === 'instant_trigger' && !dryRun
        ? await runAloneOnDelivery(module, parameters, (url) => showWaiting(out, url))
        : await api.runModule(module.id, parameters, dryRun || undefined);
    if (current !== module) return; // another module was opened meanwhile: its result box is its own
    if (result) showResult(clear(out), result);
    else clear(out).append(el('p', { class: 'empty' }, 'Stopped waiting. The hook stays for the next Run.'));
  } catch (err) {
    if (current === module) showError(clear(out), err);
  } finally {
    button.disabled = false;
  }
}

function showWaiting(out, url) {
  clear(out).append(
    el(
      'div',
      { id: 'module-waiting', dataset: { url } },
      el('p', {}, `Waiting for the next delivery to ${url}`),
      el(
        'p',
        { class: 'help' },
        "Send a request there (or point the service's webhook at it) and its bundle shows here.",
      ),
      el(
        'button',
        { type: 'button', id: 'module-stop', class: 'button small', onclick: stopModuleWait },
        'Stop',
      ),
    ),
  );
}

function showResult(out, result) {
  out.append(
    el(
      'p',
      { id: 'module-summary' },
      `${result.operations ?? 0} operation(s), ${(result.bundles || []).length} bundle(s)`,
    ),
  );
  (result.bundles || []).slice(0, 50).forEach((bundle, i) => {
    out.append(
      el(
        'details',
        { class: 'bundle', open: i === 0 },
        el('summary', {}, `Bundle ${i + 1}`),
        el('div', { class: 'bundle-body' }, jsonView(bundle)),
      ),
    );
  });
  if ((result.requests || []).length) {
    out.append(el('h4', {}, 'Requests'));
    // A curl command reads as the command itself, not as a quoted JSON string.
    for (const request of result.requests)
      out.append(
        typeof request.curl === 'string'
          ? el('pre', { class: 'json request', tabindex: '0' }, request.curl)
          : jsonView(request),
      );
  }
}

function showError(out, err) {
  const problems = Array.isArray(err.details?.problems) ? err.details.problems : [];
  out.append(
    el(
      'div',
      { class: 'error-box', role: 'alert', id: 'module-error' },
      el('strong', {}, err.type),
      ': ',
      err.message,
      problems.length
        ? el(
            'ul',
            {},
            problems.map((p) => el('li', {}, `${p.field}: ${p.message}`)),
          )
        : null,
    ),
  );
}
