// The bundle inspector: the selected step's error and its input and output bundles.
import { allSteps } from './blueprint.js';
import { $, clear, el, jsonView } from './dom.js';
import { store, subscribe } from './store.js';

/** Bundles rendered in full; the rest are listed on demand so a 1,000-bundle step stays fast. */
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
  const result = store.results[step.id];
  box.append(
    el('h3', { id: 'inspector-step' }, `${step.id}. ${step.label}`),
    el('p', { class: 'muted' }, step.module),
  );
  if (!result || (result.state === 'idle' && !result.bundles.length)) {
    box.append(el('p', { class: 'empty' }, store.run ? 'This step did not run.' : 'Run the scenario to see bundles here.'));
    return;
  }
  box.append(el('p', {}, `${result.operations} operation(s), ${result.bundles.length} bundle(s)`));
  if (result.error) {
    box.append(
      el('div', { class: 'error-box', id: 'inspector-error', role: 'alert' },
        el('strong', {}, result.error.type), ': ', result.error.message),
    );
  }
  result.bundles.slice(0, shown).forEach((bundle, i) => {
    box.append(
      el('details', { class: 'bundle', open: i === 0 },
        el('summary', {}, `Bundle ${i + 1}`),
        el('div', { class: 'bundle-body' },
          el('div', { class: 'bundle-input' }, el('h4', {}, 'Input'), jsonView(bundle.input)),
          el('div', { class: 'bundle-output' }, el('h4', {}, 'Output'), jsonView(bundle.output)),
        ),
      ),
    );
  });
  if (result.bundles.length > shown) {
    box.append(
      el('button', { type: 'button', class: 'button', onclick: () => { shown += SHOWN * 5; render(); } },
        `Show more bundles (${result.bundles.length - shown} more)`),
    );
  }
  if (result.truncated) box.append(el('p', { class: 'muted' }, 'Later bundles were not kept: the run produced too many to show.'));
}
