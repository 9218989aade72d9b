// The bundle inspector: the selected step's error and its input and output bundles.
// Live runs give input/output pairs (one per output bundle); runs from the history give each
// execution's input and every output bundle, which for a search are not one-to-one.
import { allSteps } from './blueprint.js';
import { $, clear, countOf, el, jsonView } from './dom.js';
import { chartSection } from './chart-view.js';
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
  if (result.error) {
    box.append(
      el(
        'div',
        { class: 'error-box', id: 'inspector-error', role: 'alert' },
        el('strong', {}, result.error.type),
        ': ',
        result.error.message,
      ),
    );
    const failedInput = result.inputs?.[result.inputs.length - 1];
    if (failedInput !== undefined)
      box.append(bundleBox('Input of the failed operation', [['Input', 'bundle-input', failedInput]], true));
  }
  if (result.bundles.length) {
    result.bundles.slice(0, shown).forEach((b, i) => {
      box.append(
        bundleBox(
          `Bundle ${i + 1}`,
          [
            ['Input', 'bundle-input', b.input],
            ['Output', 'bundle-output', b.output],
          ],
          i === 0 && !result.error,
        ),
      );
    });
    more(box, result.bundles.length);
  } else {
    // The failed operation's input is shown above; list the others.
    const inputs = result.error ? (result.inputs || []).slice(0, -1) : result.inputs || [];
    inputs.slice(0, shown).forEach((input, i) => {
      box.append(bundleBox(`Operation ${i + 1}: input`, [['Input', 'bundle-input', input]], false));
    });
    (result.outputs || []).slice(0, shown).forEach((output, i) => {
      box.append(bundleBox(`Output bundle ${i + 1}`, [['Output', 'bundle-output', output]], i === 0));
    });
    more(box, Math.max(inputs.length, result.outputs?.length || 0));
  }
  if (result.truncated)
    box.append(
      el(
        'p',
        { class: 'muted' },
        'Later bundles of this run were not kept live; open the run from the history.',
      ),
    );
}

function bundleBox(title, parts, open) {
  return el(
    'details',
    { class: 'bundle', open },
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
