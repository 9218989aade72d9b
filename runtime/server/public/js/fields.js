// Form fields generated from Make parameter specs. Values are written straight into the object the
// form edits (a step's `parameters` or `mapper`); an emptied field removes its key.
import { datePicker, pickerHasTime, pickerText } from './date-field.js';
import { el } from './dom.js';
import { selectControl } from './select-field.js';
import { nestedFor, nestedRpcRefs } from './select-options.js';
import { activeSpecs, isEmpty, isExpression } from './validate.js';

const NUMERIC = new Set(['number', 'integer', 'uinteger']);

/**
 * ctx = { idPrefix, rpcParameters(ref): object (the values an "rpc://…" RPC is asked with),
 *         nestedRpc(ref): { fields, outcome, reload, refresh } (nested fields from an RPC, see step-rpc.js),
 *         rpcRefresh: when the parts built from RPC answers ask again (see rpc-refresh.js),
 *         changed(): void (values changed), restructure(): void (fields appear or go),
 *         mapped: Set<string> (paths shown as expressions),
 *         mappable: false for a form of plain values (no Map toggle) }
 */
export function renderFields(specs, values, ctx, pathPrefix = '') {
  const all = activeSpecs(specs, values, rpcFieldsOf(ctx));
  const own = new Set(specs || []); // the rest were opened by a parent's value: shown indented under it
  const fieldOf = (s) => field(s, values, ctx, pathPrefix, !own.has(s));
  const basic = all.filter((s) => !s.advanced);
  const advanced = all.filter((s) => s.advanced);
  const nodes = basic.map(fieldOf);
  if (advanced.length) {
    const key = `${ctx.idPrefix}${pathPrefix}__advanced`;
    const open = ctx.mapped.has(key) || advanced.some((s) => !isEmpty(values[s.name]));
    const box = el('div', { class: 'advanced', hidden: !open });
    box.append(...advanced.map(fieldOf));
    const toggle = el(
      'button',
      {
        type: 'button',
        class: 'button small link',
        'aria-expanded': String(open),
        onclick: () => {
          if (ctx.mapped.has(key)) ctx.mapped.delete(key);
          else ctx.mapped.add(key);
          ctx.restructure();
        },
      },
      open ? 'Hide advanced settings' : `Show advanced settings (${advanced.length})`,
    );
    nodes.push(toggle, box);
  }
  return nodes;
}

function field(spec, values, ctx, pathPrefix, nested = false) {
  const path = pathPrefix + spec.name;
  const id = `${ctx.idPrefix}${path}`.replace(/[^\w-]/g, '_');
  const value = values[spec.name];
  // A value the control cannot show (a mapping, a date the picker cannot read) stays visible as text.
  const mappedView =
    ctx.mapped.has(path) ||
    (isExpression(value) && !isTextual(spec)) ||
    (spec.type === 'date' && pickerText(value, pickerHasTime(spec)) === null);
  const rpcFields = rpcFieldsOf(ctx);
  const set = (v) => {
    const before = values[spec.name];
    const shownBefore = activeSpecs(nestedFor(spec, before, rpcFields), values, rpcFields);
    // An emptied array item stays as '' (as a new one starts): deleting it would leave a hole (null).
    if (isEmpty(v) && Array.isArray(values)) values[spec.name] = '';
    else if (isEmpty(v)) delete values[spec.name];
    else values[spec.name] = v;
    const shownAfter = activeSpecs(nestedFor(spec, values[spec.name], rpcFields), values, rpcFields);
    // Compared as definitions, not names: options may each define a field of the same name with
    // another type (a custom attribute's Value), and switching between them is a field going.
    const gone = shownBefore.filter((s) => !shownAfter.includes(s));
    // An RPC's nested fields that come or go (before its answer is in) show or drop their status.
    const sameRpcs =
      nestedRpcRefs(spec, before).join('\n') === nestedRpcRefs(spec, values[spec.name]).join('\n');
    if (gone.length === 0 && shownAfter.length === shownBefore.length && sameRpcs) return ctx.changed();
    // Nested fields came or went. As in Make, a field that goes takes its value with it.
    for (const field of gone) delete values[field.name];
    ctx.changed();
    ctx.restructure(id);
  };
  const label = el(
    'label',
    { for: id },
    spec.label || spec.name,
    spec.required ? el('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null,
  );
  const helpId = spec.help ? `${id}-help` : null;
  const errorId = `${id}-error`;
  // How the nested fields from an RPC are coming along (or why they failed) describes the field too.
  const rpcStatuses = nestedRpcRefs(spec, value).map((ref, i) => ({ ref, statusId: `${id}-fields-${i}` }));
  const describedBy = [helpId, errorId, ...rpcStatuses.map((s) => s.statusId)].filter(Boolean).join(' ');
  let control;
  if (mappedView || isTextual(spec)) control = textInput(id, spec, value, set, describedBy, mappedView);
  else if (NUMERIC.has(spec.type)) control = textInput(id, spec, value, set, describedBy, false);
  else if (spec.type === 'boolean') control = booleanSelect(id, spec, value, set, describedBy, ctx);
  else if (spec.type === 'date') control = datePicker(id, spec, value, set, describedBy);
  else if (spec.type === 'select') control = selectControl(id, spec, value, set, describedBy, ctx);
  else if (spec.type === 'collection') control = collection(id, spec, values, ctx, path);
  else if (spec.type === 'array') control = arrayControl(id, spec, values, ctx, path);
  else control = textInput(id, spec, value, set, describedBy, mappedView);
  // Every field can take a mapped expression, lists and collections included ({{1.tags}}); a form
  // with `ctx.mappable === false` (the connection's) takes plain values only.
  const canToggle = !isTextual(spec) && ctx.mappable !== false;
  const toggle = canToggle
    ? el(
        'button',
        {
          type: 'button',
          class: 'button small',
          'aria-label': `${mappedView ? 'Choose' : 'Map'} ${spec.label || spec.name}`,
          dataset: { mapToggle: path },
          onclick: () => {
            if (mappedView) {
              ctx.mapped.delete(path);
              if (isExpression(values[spec.name])) delete values[spec.name];
              else if (spec.type === 'date' && pickerText(values[spec.name], pickerHasTime(spec)) === null)
                delete values[spec.name]; // text the picker cannot show: choosing starts afresh
            } else ctx.mapped.add(path);
            ctx.restructure(id);
          },
        },
        mappedView ? 'Choose' : 'Map',
      )
    : null;
  return el(
    'div',
    { class: nested ? 'field nested' : 'field', dataset: { field: path, type: spec.type || 'text' } },
    el('div', { class: 'field-head' }, label, toggle),
    control,
    spec.help ? el('p', { class: 'help', id: helpId }, spec.help) : null,
    el('p', { class: 'field-error', id: errorId, dataset: { errorFor: path } }),
    ...rpcStatuses.map(({ ref, statusId }) => nestedRpcStatus(spec, ref, ctx, path, values, statusId)),
  );
}

const rpcFieldsOf = (ctx) => (ref) => ctx.nestedRpc?.(ref).fields ?? [];

/**
 * How the nested fields an RPC gives for this field's value are coming along, with a Reload; asks
 * again when the values it depends on settle changed. `values`: the level the nested fields sit in.
 */
function nestedRpcStatus(spec, ref, ctx, path, values, statusId) {
  const { outcome, reload, refresh } = ctx.nestedRpc?.(ref) ?? {};
  // No outcome yet: the call waits for the typing to pause.
  const state =
    outcome === undefined || outcome === 'loading' ? 'loading' : outcome.error ? 'error' : 'loaded';
  const text = {
    loading: 'Loading fields…',
    error: `Could not load fields: ${outcome?.error?.message}`,
    loaded: '',
  }[state];
  const status = el(
    'div',
    { class: 'select-row nested-rpc', dataset: { nestedRpc: path, state } },
    el('span', { id: statusId, class: state === 'error' ? 'error-text' : 'muted', role: 'status' }, text),
    state === 'loading'
      ? null
      : el(
          'button',
          {
            type: 'button',
            class: 'button small',
            'aria-label': `Reload the fields of ${spec.label || spec.name}`,
            onclick: reload,
          },
          'Reload fields',
        ),
  );
  if (refresh) ctx.rpcRefresh?.watch(status, () => refresh(values));
  return status;
}

const isTextual = (spec) =>
  ['text', 'email', 'url', 'password', 'any', 'filename', undefined].includes(spec.type);

function textInput(id, spec, value, set, describedBy, mapped) {
  const shown =
    value === undefined || value === null
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  // A field for more than a line (a note, JSON, any value such as a request body) gets the room for it,
  // as Make's form gives multi-line and `any` fields.
  const multiline = spec.multiline === true || spec.type === 'any';
  // A password shows as dots, and its value is never written into the markup (only the property).
  const secret = !multiline && spec.type === 'password';
  const control = el(multiline ? 'textarea' : 'input', {
    rows: multiline ? '4' : undefined,
    id,
    type: multiline ? undefined : secret ? 'password' : 'text',
    value: multiline || secret ? undefined : shown,
    spellcheck: 'false',
    autocomplete: 'off',
    class: mapped ? 'mappable mapped' : 'mappable',
    inputmode: NUMERIC.has(spec.type) && !mapped ? 'decimal' : undefined,
    placeholder:
      spec.type === 'date' ? '{{1.date}} or 2024-05-01T10:30:00Z' : mapped ? '{{1.field}}' : undefined,
    'aria-describedby': describedBy,
    'aria-required': spec.required ? 'true' : undefined,
    oninput: (e) => set(parseTyped(spec, e.target.value)),
  });
  if (multiline || secret) control.value = shown; // a textarea's value is its content, not an attribute
  return control;
}

/** Numbers as numbers when they parse (so the blueprint carries them typed); anything else as text. */
function parseTyped(spec, text) {
  if (text === '') return undefined;
  if (NUMERIC.has(spec.type) && !isExpression(text) && text.trim() !== '' && Number.isFinite(Number(text)))
    return Number(text);
  return text;
}

function booleanSelect(id, spec, value, set, describedBy) {
  const select = el(
    'select',
    {
      id,
      'aria-describedby': describedBy,
      onchange: (e) => set(e.target.value === '' ? undefined : e.target.value === 'true'),
    },
    el('option', { value: '' }, '—'),
    el('option', { value: 'true' }, 'Yes'),
    el('option', { value: 'false' }, 'No'),
  );
  select.value = value === true ? 'true' : value === false ? 'false' : '';
  return select;
}

function collection(id, spec, values, ctx, path) {
  const own = values[spec.name] && typeof values[spec.name] === 'object' ? values[spec.name] : {};
  const inner = { ...ctx, changed: () => commit() };
  function commit() {
    if (Object.keys(own).length) values[spec.name] = own;
    else delete values[spec.name];
    ctx.changed();
  }
  return el(
    'fieldset',
    { class: 'collection', id },
    el('legend', {}, spec.label || spec.name),
    renderFields(spec.spec || [], own, inner, `${path}.`),
  );
}

function arrayControl(id, spec, values, ctx, path) {
  const items = Array.isArray(values[spec.name]) ? values[spec.name] : [];
  const label = spec.label || spec.name;
  const commit = () => {
    if (items.length) values[spec.name] = items;
    else delete values[spec.name];
    ctx.changed();
  };
  const list = el('ol', { class: 'array-items' });
  items.forEach((item, i) => {
    const remove = el(
      'button',
      {
        type: 'button',
        class: 'button small',
        'aria-label': `Remove item ${i + 1} of ${label}`,
        onclick: () => {
          items.splice(i, 1);
          commit();
          ctx.restructure();
        },
      },
      'Remove',
    );
    let body;
    if (Array.isArray(spec.spec)) {
      body = renderFields(spec.spec, item, { ...ctx, changed: commit }, `${path}.${i}.`);
    } else {
      const itemSpec = { ...(spec.spec || { type: 'text' }), name: String(i), label: `Item ${i + 1}` };
      body = field(itemSpec, items, { ...ctx, changed: commit }, `${path}.`);
    }
    list.append(el('li', { class: 'array-item' }, el('div', { class: 'array-body' }, body), remove));
  });
  const add = el(
    'button',
    {
      type: 'button',
      class: 'button small',
      id: `${id}-add`,
      onclick: () => {
        items.push(Array.isArray(spec.spec) ? {} : '');
        values[spec.name] = items;
        ctx.changed();
        ctx.restructure();
      },
    },
    `Add ${label} item`,
  );
  return el('div', { class: 'array', id }, list, add);
}
