// Mapping where you type: focusing a mappable field of the settings opens a panel beside it with every
// earlier step's outputs and Make's functions by category. A pick goes in at the cursor: a value as
// `{{1.name}}`, or bare (`1.name`) inside an expression already open there; a function with the
// cursor between its parentheses. Escape closes the panel; the field keeps the focus.
import { api } from './api.js';
import { moduleLabel } from './blueprint.js';
import { $, clear, el } from './dom.js';
import { earlierNodes, locate } from './edit.js';
import { outputEntries, referenceOf } from './outputs.js';
import { stepOutputSpecs } from './step-outputs.js';
import { store } from './store.js';

let field = null; // the input the panel maps into
let catalog = null; // the IML functions by category, asked once

export function initMappingPanel() {
  document.addEventListener('focusin', (event) => {
    const target = event.target;
    if (target.matches?.('#step-editor input.mappable, #step-editor textarea.mappable')) open(target);
    else if (!target.closest?.('#mapping-panel')) close();
  });
  // A press anywhere but the panel and its field closes it, as any popover.
  document.addEventListener(
    'pointerdown',
    (event) => {
      if (field && event.target !== field && !event.target.closest?.('#mapping-panel')) close();
    },
    true,
  );
  // A press on a pick keeps the focus (and the cursor) in the field.
  $('#mapping-panel').addEventListener('mousedown', (event) => {
    if (event.target.closest('button[data-map-value], button[data-map-function]')) event.preventDefault();
  });
  window.addEventListener('resize', () => field && position());
  // The settings scroll under a fixed panel: it follows its field.
  document.addEventListener('scroll', () => field && position(), true);
}

/** Closes the panel; whether it was open (Escape closes it before doing anything else). */
export function closeMappingPanel() {
  const wasOpen = !$('#mapping-panel').hidden;
  close();
  return wasOpen;
}

function close() {
  $('#mapping-panel').hidden = true;
  field = null;
}

async function open(input) {
  const stepId = store.selectedStep;
  if (field === input && !$('#mapping-panel').hidden) return;
  field = input;
  render(input, stepId);
  if (!catalog) {
    catalog = await api.imlFunctions().catch(() => []);
    if (field === input) render(input, stepId);
  }
}

function render(input, stepId) {
  const panel = $('#mapping-panel');
  const label =
    input.labels?.[0]?.textContent?.replace(/\s*\*$/, '') || input.getAttribute('aria-label') || 'this field';
  clear(panel).append(
    el(
      'div',
      { class: 'mp-head' },
      el('strong', {}, `Map into ${label}`),
      el('span', { class: 'help' }, 'Pick a value or a function: it goes in at the cursor. Esc closes.'),
    ),
    outputsPart(stepId),
    functionsPart(),
  );
  panel.setAttribute('aria-label', `Map a value into ${label}`);
  panel.hidden = false;
  position();
}

/** Every earlier step's outputs, each under its step. */
function outputsPart(stepId) {
  const flow = store.blueprint?.flow || [];
  const earlier = locate(flow, stepId) ? earlierNodes(flow, stepId) || [] : [];
  const sources = earlier
    .map((node) => ({ node, entries: outputEntries(stepOutputSpecs(node, flow)) }))
    .filter((s) => s.entries.length);
  if (!sources.length)
    return el(
      'p',
      { class: 'empty' },
      'No earlier step puts out anything to map: this is where the flow starts.',
    );
  return el(
    'div',
    { class: 'mp-outputs' },
    sources.map(({ node, entries }) =>
      el(
        'details',
        { class: 'mp-source', open: true },
        el('summary', {}, `${node.id}. ${stepLabel(node)}`),
        el(
          'ul',
          { class: 'mp-entries' },
          entries.map((entry) => {
            const reference = referenceOf(node.id, entry.path);
            const button = el(
              'button',
              {
                type: 'button',
                class: `chip depth-${Math.min(entry.depth, 4)}`,
                title: `${entry.label} ({{${reference}}})`,
                dataset: { mapValue: `{{${reference}}}` },
                'aria-label': `Insert ${node.id}. ${entry.label} (${reference})`,
                onclick: () => insert(reference, false),
              },
              entry.path.split('.').pop(),
              entry.type === 'array' || entry.type === 'collection'
                ? el('span', { class: 'muted' }, entry.type === 'array' ? ' [ ]' : ' { }')
                : null,
            );
            return el('li', {}, button);
          }),
        ),
      ),
    ),
  );
}

function functionsPart() {
  return el(
    'div',
    { class: 'mp-functions' },
    el('h4', {}, 'Functions'),
    (catalog || []).map((group) =>
      el(
        'details',
        { class: 'function-category' },
        el('summary', {}, group.category),
        el(
          'ul',
          { class: 'chips' },
          group.functions.map((f) =>
            el(
              'li',
              {},
              el(
                'button',
                {
                  type: 'button',
                  class: 'chip fn',
                  title: arity(f),
                  dataset: { mapFunction: f.name },
                  'aria-label': `Insert the function ${f.name} (${arity(f)})`,
                  onclick: () => insert(f.name, true),
                },
                f.name,
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

const arity = (f) =>
  f.max === null
    ? `${f.min} or more arguments`
    : f.min === f.max
      ? `${f.min} argument${f.min === 1 ? '' : 's'}`
      : `${f.min} to ${f.max} arguments`;

function stepLabel(node) {
  const labelOf = (id) => store.app?.modules.find((m) => m.id === id)?.label;
  return node.metadata?.designer?.name || moduleLabel(node.module, labelOf);
}

/** Whether the cursor at `at` is inside an expression: a `{{` before it not closed yet. */
function insideExpression(text, at) {
  return text.lastIndexOf('{{', at - 1) > text.lastIndexOf('}}', at - 1);
}

function insert(token, isFunction) {
  const input = field && document.contains(field) ? field : null;
  if (!input) return;
  const start = input.selectionStart ?? input.value.length;
  const end = input.selectionEnd ?? input.value.length;
  const inside = insideExpression(input.value, start);
  const bare = isFunction ? `${token}()` : token;
  const text = inside ? bare : `{{${bare}}}`;
  const caret = isFunction ? start + text.indexOf('(') + 1 : start + text.length;
  input.value = input.value.slice(0, start) + text + input.value.slice(end);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  // The form may have been rebuilt by the edit: the field of the same id gets the focus and the cursor.
  const now = document.getElementById(input.id) || input;
  now.focus();
  now.setSelectionRange?.(caret, caret);
}

/** Beside the field: to its left over the canvas, else to its right, else under it; inside the window. */
function position() {
  const panel = $('#mapping-panel');
  if (!field || !document.contains(field)) return close();
  const box = field.getBoundingClientRect();
  const width = panel.offsetWidth;
  const height = panel.offsetHeight;
  const gap = 10;
  let left = box.left - width - gap;
  let top = Math.min(Math.max(8, box.top - 40), window.innerHeight - height - 8);
  if (left < 8) left = box.right + gap + width <= window.innerWidth - 8 ? box.right + gap : NaN;
  if (Number.isNaN(left)) {
    left = Math.min(Math.max(8, box.left), window.innerWidth - width - 8);
    top = box.bottom + 6;
  }
  panel.style.left = `${Math.round(left)}px`;
  panel.style.top = `${Math.round(Math.max(8, top))}px`;
}
