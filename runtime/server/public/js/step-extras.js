// A step's filter (conditions on the bundles that reach it) and its error handler (its directive).
import { countOf, el } from './dom.js';
import { filterCounts } from './filter-counts.js';
import { isDirective, nextId } from './edit.js';
import { OPERATOR_GROUPS, UNARY, operatorLabel } from './operators.js';
import { store } from './store.js';

/** Make's filter: { name, conditions: [[{ a, o, b }]] } — OR of AND groups. */
export function filterEditor(node, { changed, rebuild }) {
  const box = el('fieldset', { class: 'filter-editor', id: 'filter-editor' }, el('legend', {}, 'Filter'));
  if (!node.filter) {
    box.append(
      el('p', { class: 'help' }, 'Only bundles that pass the filter reach this step.'),
      el(
        'button',
        {
          type: 'button',
          class: 'button small',
          id: 'filter-add',
          onclick: () => {
            node.filter = { name: '', conditions: [[{ a: '', o: 'text:equal', b: '' }]] };
            rebuild('filter-name');
          },
        },
        'Add a filter',
      ),
    );
    return box;
  }
  const filter = node.filter;
  if (!Array.isArray(filter.conditions)) filter.conditions = [[]];
  box.append(el('p', { class: 'help', id: 'filter-passed', role: 'status' }, passedText(node.id)));
  box.append(
    el('label', { for: 'filter-name' }, 'Label'),
    el('input', {
      id: 'filter-name',
      type: 'text',
      value: filter.name || '',
      oninput: (e) => ((filter.name = e.target.value), changed()),
    }),
  );
  filter.conditions.forEach((group, g) => {
    if (g > 0) box.append(el('p', { class: 'or' }, 'or'));
    const list = el('ol', { class: 'conditions', 'aria-label': `Condition group ${g + 1} (all must hold)` });
    group.forEach((condition, c) =>
      list.append(conditionRow(filter, group, g, c, condition, { changed, rebuild })),
    );
    box.append(
      list,
      el(
        'button',
        {
          type: 'button',
          class: 'button small',
          id: `filter-and-${g}`,
          onclick: () => {
            group.push({ a: '', o: 'text:equal', b: '' });
            rebuild(`filter-${g}-${group.length - 1}-a`);
          },
        },
        'Add AND condition',
      ),
    );
  });
  box.append(
    el(
      'div',
      { class: 'toolbar' },
      el(
        'button',
        {
          type: 'button',
          class: 'button small',
          id: 'filter-or',
          onclick: () => {
            filter.conditions.push([{ a: '', o: 'text:equal', b: '' }]);
            rebuild(`filter-${filter.conditions.length - 1}-0-a`);
          },
        },
        'Add OR group',
      ),
      el(
        'button',
        {
          type: 'button',
          class: 'button small',
          id: 'filter-remove',
          onclick: () => {
            delete node.filter;
            rebuild('filter-add');
          },
        },
        'Remove the filter',
      ),
    ),
  );
  return box;
}

/** After a run, how many bundles passed this filter (the same count its link on the canvas shows). */
export function passedText(stepId) {
  const counts = filterCounts(stepId);
  if (!counts) return 'Run the scenario to see how many bundles pass.';
  return counts.offered === undefined
    ? `In the last run, ${countOf(counts.passed, 'bundle')} passed.`
    : `In the last run, ${counts.passed} of ${countOf(counts.offered, 'bundle')} passed.`;
}

function conditionRow(filter, group, g, c, condition, { changed, rebuild }) {
  const id = `filter-${g}-${c}`;
  const operator = el(
    'select',
    {
      id: `${id}-o`,
      'aria-label': `Operator of condition ${c + 1}`,
      onchange: (e) => {
        condition.o = e.target.value;
        if (UNARY.has(condition.o)) delete condition.b;
        rebuild(`${id}-o`);
      },
    },
    OPERATOR_GROUPS.map((family) =>
      el(
        'optgroup',
        { label: family.label },
        family.operators.map((op) => el('option', { value: op }, `${family.label}: ${operatorLabel(op)}`)),
      ),
    ),
  );
  operator.value = condition.o;
  // Each side says what is wrong with it (a template that does not compile, a step not run before).
  const text = (key, label) =>
    el(
      'div',
      { class: 'condition-side' },
      el('input', {
        id: `${id}-${key}`,
        type: 'text',
        class: 'mappable',
        spellcheck: 'false',
        'aria-label': `${label} of condition ${c + 1}`,
        'aria-describedby': `${id}-${key}-error`,
        placeholder: key === 'a' ? '{{1.status}}' : 'value',
        value: condition[key] ?? '',
        oninput: (e) => ((condition[key] = e.target.value), changed()),
      }),
      el('p', {
        class: 'field-error',
        id: `${id}-${key}-error`,
        dataset: { errorFor: `filter.${g}.${c}.${key}` },
      }),
    );
  return el(
    'li',
    { class: 'condition' },
    text('a', 'Value'),
    operator,
    UNARY.has(condition.o) ? null : text('b', 'Compared with'),
    el(
      'button',
      {
        type: 'button',
        class: 'button small',
        'aria-label': `Remove condition ${c + 1}`,
        onclick: () => {
          group.splice(c, 1);
          if (!group.length) filter.conditions.splice(g, 1);
          if (!filter.conditions.length) filter.conditions.push([]);
          rebuild('filter-name');
        },
      },
      '✕',
    ),
  );
}

const DIRECTIVES = ['Ignore', 'Resume', 'Commit', 'Rollback', 'Break'];

/**
 * The error handler's directive, the last node of `onerror` (steps moved into the handler route go
 * before it and stay when it changes); Break has retry settings, Resume a substitute output.
 */
export function handlerEditor(node, module, { changed, rebuild }) {
  const box = el(
    'fieldset',
    { class: 'handler-editor', id: 'handler-editor' },
    el('legend', {}, 'Error handler'),
  );
  const { current, steps } = handlerRoute(node);
  const name = current ? String(current.module).replace(/^builtin:/, '') : '';
  const select = el(
    'select',
    {
      id: 'handler-directive',
      onchange: (e) => {
        // Read again: steps may have moved in or out since the form was drawn.
        const { current, steps } = handlerRoute(node);
        const value = e.target.value;
        const mapper =
          value === 'Break' ? { retry: true, count: 3, interval: 15 } : value === 'Resume' ? {} : null;
        const directive = value
          ? [
              {
                id: current?.id ?? nextId(store.blueprint),
                module: `builtin:${value}`,
                version: 1,
                mapper,
                metadata: { designer: { x: 0, y: 150 } },
              },
            ]
          : [];
        if (steps.length + directive.length) node.onerror = [...steps, ...directive];
        else delete node.onerror;
        rebuild('handler-directive');
      },
    },
    // With steps in the route and no directive, Make ends the route with Ignore.
    el(
      'option',
      { value: '' },
      steps.length ? 'None (Ignore, after the steps)' : 'None (an error stops the run)',
    ),
    DIRECTIVES.map((d) => el('option', { value: d }, d)),
  );
  select.value = DIRECTIVES.includes(name) ? name : '';
  box.append(el('label', { for: 'handler-directive' }, 'When this step fails'), select);
  if (name === 'Break') {
    const m = (current.mapper = current.mapper || {});
    box.append(
      el(
        'label',
        { class: 'check' },
        el('input', {
          type: 'checkbox',
          id: 'handler-retry',
          checked: m.retry === true || m.retry === 'true',
          onchange: (e) => ((m.retry = e.target.checked), changed()),
        }),
        ' Retry automatically',
      ),
      numberField('handler-count', 'Attempts', m, 'count', changed),
      numberField('handler-interval', 'Minutes between attempts', m, 'interval', changed),
    );
  } else if (name === 'Resume') {
    const m = (current.mapper = current.mapper || {});
    box.append(el('p', { class: 'help' }, 'The output used instead of the failed one (values or mappings):'));
    for (const f of (module.interface || [])
      .filter((s) => s?.name && s.type !== 'collection' && s.type !== 'array')
      .slice(0, 8)) {
      const id = `handler-resume-${f.name}`;
      box.append(
        el('label', { for: id }, f.label || f.name),
        el('input', {
          id,
          type: 'text',
          class: 'mappable',
          value: m[f.name] ?? '',
          oninput: (e) => (
            e.target.value === '' ? delete m[f.name] : (m[f.name] = e.target.value),
            changed()
          ),
        }),
      );
    }
  }
  return box;
}

/** A step's error handler route: its directive (the last node, when it is one) and the steps before it. */
function handlerRoute(node) {
  const route = Array.isArray(node.onerror) ? node.onerror : [];
  const last = route[route.length - 1];
  const current = isDirective(last) ? last : null;
  return { current, steps: current ? route.slice(0, -1) : route };
}

function numberField(id, label, target, key, changed) {
  return el(
    'div',
    { class: 'inline-field' },
    el('label', { for: id }, label),
    el('input', {
      id,
      type: 'number',
      min: '0',
      value: target[key] ?? '',
      oninput: (e) => ((target[key] = e.target.value === '' ? undefined : Number(e.target.value)), changed()),
    }),
  );
}
