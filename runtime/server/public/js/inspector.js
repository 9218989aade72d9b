// The bundle inspector: the selected step's error, a chart when its output is a series, and its
// operations, each with its one input and the output bundles it gave (operations.js).
import { allSteps } from './blueprint.js';
import { $, clear, countOf, el, jsonView } from './dom.js';
import { chartSection } from './chart-view.js';
import { operationsOf } from './operations.js';
import { seriesOf } from './series.js';
import { stepStatus } from './step-state.js';
import { store, subscribe } from './store.js';

/** Bundles rendered in full; the rest on demand, so a 1,000-bundle step stays fast. */
const SHOWN = 20;
let shown = SHOWN;
let lastStep = null;

export function initInspector() {
  subscribe(render);
}

function render() {
  const box = clear($('#inspector'));
  const step = allSteps(store.steps).find((s) => s.id === store.selectedStep);
  if (step?.id !== lastStep) {
    shown = SHOWN;
    lastStep = step?.id ?? null;
  }
  if (!step) {
    box.append(el('p', { class: 'empty' }, 'Select a step to see its input and output bundles.'));
    return;
  }
  // The step list's own answer, so the two never disagree about whether the step ran.
  const { state, result, note } = stepStatus(step);
  box.append(
    el('h3', { id: 'inspector-step' }, `${step.id}. ${step.label}`),
    el('p', { class: 'muted' }, step.module),
  );
  if (state === 'idle') {
    const ran = store.run && store.run.status !== 'refused';
    box.append(
      el('p', { class: 'empty' }, ran ? 'This step did not run.' : 'Run the scenario to see bundles here.'),
    );
    return;
  }
  if (note) box.append(el('p', { id: 'inspector-note' }, note));
  const outputs = result.bundles.length || result.outputs?.length || 0;
  box.append(
    el(
      'p',
      { id: 'inspector-counts' },
      `${countOf(result.operations, 'operation')}, ${countOf(outputs, 'output bundle')}`,
    ),
  );
  // A series (dated numbers) gets a chart beside its bundles.
  const series = seriesOf(result.bundles.length ? result.bundles.map((b) => b.output) : result.outputs);
  if (series) box.append(chartSection(step.id, series));
  if (result.error)
    box.append(
      el(
        'div',
        { class: 'error-box', id: 'inspector-error', role: 'alert' },
        el('strong', {}, result.error.type),
        ': ',
        result.error.message,
      ),
    );
  // Each operation once: its input, then the output bundles it gave.
  const { operations, unmatched } = operationsOf(result);
  operations.slice(0, shown).forEach((operation, i) => box.append(operationBox(operation, i, i === 0)));
  if (unmatched.length)
    box.append(
      bundleBox(
        `Output bundles (${unmatched.length})`,
        unmatched.slice(0, shown).map((output, i) => [`Output bundle ${i + 1}`, 'bundle-output', output]),
        !operations.length,
      ),
    );
  more(box, Math.max(operations.length, unmatched.length));
  if (result.truncated)
    box.append(
      el(
        'p',
        { class: 'muted' },
        'Later bundles of this run were not kept live; open the run from the history.',
      ),
    );
}

function operationBox(operation, i, open) {
  const outputs = operation.outputs.slice(0, SHOWN * 5);
  const title = `Operation ${i + 1}: 1 input, ${countOf(operation.outputs.length, 'output bundle')}${
    operation.failed ? ' (failed)' : ''
  }`;
  return bundleBox(
    title,
    [
      ['Input', 'bundle-input', operation.input],
      ...outputs.map((output, n) => [`Output bundle ${n + 1}`, 'bundle-output', output]),
    ],
    open,
    'operation',
  );
}

function bundleBox(title, parts, open, kind = '') {
  return el(
    'details',
    { class: `bundle ${kind}`.trim(), open },
    el('summary', {}, title),
    el(
      'div',
      { class: 'bundle-body' },
      parts.map(([heading, cls, value]) => el('div', { class: cls }, el('h4', {}, heading), jsonView(value))),
    ),
  );
}

function more(box, total) {
  if (total <= shown) return;
  box.append(
    el(
      'button',
      {
        type: 'button',
        class: 'button',
        onclick: () => {
          shown += SHOWN * 5;
          render();
        },
      },
      `Show more bundles (${total - shown} more)`,
    ),
  );
}
