// The parts of a built-in tool's settings that are not one parameter each: the Array aggregator's
// aggregated fields, one box per output of its source module (ticked: `{{<source>.<field>}}` in its
// mapper, as Make writes them); with none ticked it collects the source's whole bundles.
import { el } from './dom.js';
import { locate } from './edit.js';
import { outputEntries, referenceOf } from './outputs.js';
import { stepOutputSpecs } from './step-outputs.js';
import { store } from './store.js';

export function aggregatedFields(node, { changed }) {
  const box = el(
    'fieldset',
    { class: 'aggregated-fields', id: 'aggregated-fields' },
    el('legend', {}, 'Aggregated fields'),
  );
  const flow = store.blueprint?.flow || [];
  const source = node.parameters?.feeder != null ? locate(flow, node.parameters.feeder)?.node : null;
  if (!source) {
    box.append(el('p', { class: 'help' }, 'Choose the source module first.'));
    return box;
  }
  const fields = outputEntries(stepOutputSpecs(source, flow)).filter((e) => e.depth === 0);
  box.append(
    el(
      'p',
      { class: 'help' },
      `Each bundle's chosen fields go into the array; none chosen: the whole bundles of step ${source.id}.`,
    ),
  );
  const mapper = node.mapper && typeof node.mapper === 'object' ? node.mapper : {};
  for (const field of fields) {
    const id = `aggregated-${field.path}`.replace(/[^\w-]/g, '_');
    box.append(
      el(
        'label',
        { class: 'check' },
        el('input', {
          type: 'checkbox',
          id,
          checked: mapper[field.path] !== undefined,
          onchange: (event) => {
            if (event.target.checked) mapper[field.path] = `{{${referenceOf(source.id, field.path)}}}`;
            else delete mapper[field.path];
            node.mapper = mapper;
            changed();
          },
        }),
        ` ${field.label}`,
        el('span', { class: 'muted' }, ` (${field.path})`),
      ),
    );
  }
  return box;
}
