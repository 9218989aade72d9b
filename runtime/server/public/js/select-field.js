// A select generated from a parameter spec: static options (lists, groups, stores) or options loaded
// from the app's RPC with the values they depend on, cached until Refresh, asked again when those
// values change (see rpc-refresh.js). Values keep their type.
import { el } from './dom.js';
import { callRpc, keyOf } from './rpc-calls.js';
import { optionsRef, optionsRpc, placeholderOf, staticOptions } from './select-options.js';
import { isEmpty } from './validate.js';

/**
 * ctx.rpcParameters(ref): the values the RPC of an "rpc://…" reference is asked with;
 * ctx.rpcRefresh: when to ask again (rpc-refresh.js).
 */
export function selectControl(id, spec, value, set, describedBy, ctx) {
  const multiple = Boolean(spec.multiple);
  let current = value; // options that arrive later show the value chosen since
  // The DOM holds option values as text; this maps them back to the values the options carry.
  let byText = new Map();
  const rpc = optionsRpc(spec);
  // The RPC's status (loading, how many options, why it failed) describes the select too.
  const statusId = `${id}-rpc-status`;
  const select = el('select', {
    id,
    multiple,
    'aria-describedby': rpc ? `${describedBy} ${statusId}`.trim() : describedBy,
    onchange: (e) => {
      const chosen = [...e.target.selectedOptions]
        .filter((o) => o.value !== '')
        .map((o) => (byText.has(o.value) ? byText.get(o.value) : o.value));
      current = multiple ? chosen : chosen[0];
      set(current);
    },
  });
  const chosenValues = () => (Array.isArray(current) ? current : [current]).filter((v) => !isEmpty(v));
  const fill = (options) => {
    const chosen = chosenValues();
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
  if (!rpc) {
    fill(staticOptions(spec));
    return select;
  }
  const status = el('span', { id: statusId, class: 'muted rpc-status', role: 'status' });
  const showStatus = (text, failed = false) => {
    status.textContent = text;
    status.className = `${failed ? 'error-text' : 'muted'} rpc-status`; // a failure reads as an error
  };
  const ref = optionsRef(spec);
  let asked = null; // the key of the values last asked (null: none yet)
  let latest = 0; // numbers each ask: only the latest one's answer is shown
  const load = async (fresh) => {
    const parameters = ctx.rpcParameters(ref);
    const ask = ++latest;
    showStatus('Loading…');
    select.dataset.loaded = 'false';
    if (!fresh && ctx.rpcRefresh && !ctx.rpcRefresh.mayAsk(rpc, parameters)) {
      asked = null; // typing: the settle asks
      return;
    }
    asked = keyOf(rpc, parameters);
    try {
      const result = await callRpc(rpc, parameters, fresh);
      // An older answer that arrives after a newer ask (slower, or values changed since) is not shown.
      if (ask !== latest) return;
      // An RPC's items read through the store's label/value keys, as static options do.
      const loaded = staticOptions({
        options: { ...storeKeys(spec), store: Array.isArray(result) ? result : [] },
      });
      fill(loaded);
      showStatus(`${loaded.length} option(s)`);
      select.dataset.loaded = 'true';
    } catch (err) {
      if (ask !== latest) return;
      fill(storedAsOptions());
      showStatus(`Could not load: ${err.message}`, true);
      select.dataset.loaded = 'error';
    }
  };
  // Until the options arrive (or when they cannot), the stored value is the one option shown.
  const storedAsOptions = () => chosenValues().map((v) => ({ value: v }));
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
  const row = el('div', { class: 'select-row' }, select, refresh, status);
  ctx.rpcRefresh?.watch(row, () => asked !== keyOf(rpc, ctx.rpcParameters(ref)) && load(false));
  return row;
}

function storeKeys(spec) {
  const raw = spec.options && typeof spec.options === 'object' ? spec.options : {};
  return { label: raw.label, value: raw.value };
}
