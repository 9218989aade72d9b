// A select generated from a parameter spec: static options (lists, groups, stores) or options loaded
// from the app's RPC with the values they depend on, cached until Refresh. Values keep their type.
import { el } from './dom.js';
import { callRpc } from './rpc-calls.js';
import { optionsRef, optionsRpc, placeholderOf, staticOptions } from './select-options.js';
import { isEmpty } from './validate.js';

/** ctx.rpcParameters(ref): the values the RPC of an "rpc://…" reference is asked with. */
export function selectControl(id, spec, value, set, describedBy, ctx) {
  const multiple = Boolean(spec.multiple);
  // The DOM holds option values as text; this maps them back to the values the options carry.
  let byText = new Map();
  const select = el('select', {
    id,
    multiple,
    'aria-describedby': describedBy,
    onchange: (e) => {
      const chosen = [...e.target.selectedOptions]
        .filter((o) => o.value !== '')
        .map((o) => (byText.has(o.value) ? byText.get(o.value) : o.value));
      set(multiple ? chosen : chosen[0]);
    },
  });
  const fill = (options) => {
    const chosen = (Array.isArray(value) ? value : [value]).filter((v) => !isEmpty(v));
    // A stored value the options do not have (typed before, or gone from the service) stays shown and
    // kept: a select that fell back to "Choose…" would hide a value the blueprint still holds.
    const known = new Set(options.map((o) => String(o.value)));
    const unknown = chosen
      .filter((v) => !known.has(String(v)))
      .map((v) => ({ value: v, label: `${v} (not in the list)` }));
    const all = [...unknown, ...options];
    byText = new Map(all.map((o) => [String(o.value), o.value]));
    select.replaceChildren(
      ...(multiple ? [] : [el('option', { value: '' }, placeholderOf(spec))]),
      ...all.map((o) => el('option', { value: String(o.value) }, String(o.label ?? o.value))),
    );
    const texts = chosen.map(String);
    for (const option of select.options) option.selected = texts.includes(option.value);
  };
  const rpc = optionsRpc(spec);
  if (!rpc) {
    fill(staticOptions(spec));
    return select;
  }
  const status = el('span', { class: 'muted rpc-status', role: 'status' });
  const load = async (fresh) => {
    const parameters = ctx.rpcParameters(optionsRef(spec));
    status.textContent = 'Loading…';
    select.dataset.loaded = 'false';
    try {
      const result = await callRpc(rpc, parameters, fresh);
      // An RPC's items read through the store's label/value keys, as static options do.
      const loaded = staticOptions({
        options: { ...storeKeys(spec), store: Array.isArray(result) ? result : [] },
      });
      fill(loaded);
      status.textContent = `${loaded.length} option(s)`;
      select.dataset.loaded = 'true';
    } catch (err) {
      fill(storedAsOptions());
      status.textContent = `Could not load: ${err.message}`;
      select.dataset.loaded = 'error';
    }
  };
  // Until the options arrive (or when they cannot), the stored value is the one option shown.
  const storedAsOptions = () =>
    (Array.isArray(value) ? value : [value]).filter((v) => !isEmpty(v)).map((v) => ({ value: v }));
  fill(storedAsOptions());
  load(false);
  const refresh = el(
    'button',
    {
      type: 'button',
      class: 'button small',
      'aria-label': `Refresh ${spec.label || spec.name}`,
      onclick: () => load(true),
    },
    'Refresh',
  );
  return el('div', { class: 'select-row' }, select, refresh, status);
}

function storeKeys(spec) {
  const raw = spec.options && typeof spec.options === 'object' ? spec.options : {};
  return { label: raw.label, value: raw.value };
}
