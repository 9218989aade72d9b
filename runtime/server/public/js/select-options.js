// Reading a parameter's options and nested fields the ways Make writes them (make-format.md §5.3):
// options as a list (grouped or not), as "rpc://name", or as { store, label, value, placeholder,
// nested }; nested fields as a list, { store: list } or "rpc://…" (the RPC returns the specs), under
// the field or under one option.
// staticOptions mirrors selectOptions of runtime/parameters/specs.ts; test/server/page-select-options
// compares the two.

const isRpc = (v) => typeof v === 'string' && v.startsWith('rpc://');

/** Options in the store form ({ store, label, value, placeholder, nested }), or undefined for a list or a reference. */
const storeForm = (raw) => (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : undefined);

/** "rpc://listPlans?a=1" → { rpc: 'listPlans', query: { a: '1' } }; null for anything else. */
export function rpcRef(raw) {
  if (!isRpc(raw)) return null;
  const [rpc, search = ''] = raw.slice('rpc://'.length).split('?');
  return { rpc, query: Object.fromEntries(new URLSearchParams(search)) };
}

/** The reference a select's options come from ("rpc://listPlans"), or null when they are static. */
export function optionsRef(spec) {
  const raw = spec.options;
  if (isRpc(raw)) return raw;
  const store = storeForm(raw)?.store;
  return isRpc(store) ? store : null;
}

/** The RPC a select's options come from ("listPlans"), or null when they are static. */
export const optionsRpc = (spec) => rpcRef(optionsRef(spec))?.rpc ?? null;

/** Static options as [{ label, value, nested }] (groups flattened, the store's label/value keys applied). */
export function staticOptions(spec) {
  const form = storeForm(spec.options);
  let list = spec.options;
  let valueKey = 'value';
  let labelKey = 'label';
  if (form) {
    list = form.store;
    if (typeof form.value === 'string') valueKey = form.value;
    if (typeof form.label === 'string') labelKey = form.label;
  }
  if (!Array.isArray(list)) return [];
  const out = [];
  const add = (items) => {
    for (const item of items) {
      if (!item || typeof item !== 'object') continue;
      if (Array.isArray(item.options) && !(valueKey in item))
        add(item.options); // a group
      else if (valueKey in item)
        out.push({ label: item[labelKey], value: item[valueKey], nested: item.nested });
    }
  };
  add(list);
  return out;
}

/** The text of a select's empty choice: the store's placeholder when it has one. */
export function placeholderOf(spec) {
  const p = storeForm(spec.options)?.placeholder;
  if (typeof p === 'string') return p;
  if (p && typeof p.label === 'string') return p.label;
  return spec.required ? 'Choose…' : '—';
}

/** Any value goes: options from an RPC, or the definition turns checking off. */
export const acceptsAnyValue = (spec) =>
  Boolean(optionsRpc(spec)) || spec.dynamic === true || spec.validate === false;

/** A nested value as a list of specs or an "rpc://…" reference (a `{ store }` holds either). */
function nestedSource(nested) {
  if (Array.isArray(nested) || isRpc(nested)) return nested;
  if (nested && typeof nested === 'object') return nestedSource(nested.store);
  return [];
}

/**
 * As the runtime's isShown decides it (test/server/page-nested-fields compares them): no value, null,
 * false, '' and [] (an erased multiple select has no selected option) show no nested fields.
 */
const hasValue = (v) =>
  v !== undefined && v !== null && v !== false && v !== '' && !(Array.isArray(v) && !v.length);

/** Deep equality as JSON Schema's `const` has it (the runtime's check): object key order does not matter. */
function sameValue(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue(a[k], b[k]));
}

/**
 * Where the nested fields a field shows for its value come from: with no value, a select's placeholder
 * (`placeholder: { label, nested }`); with one, its own, the store's and the chosen option(s)'.
 */
function nestedSources(spec, value) {
  const form = spec.type === 'select' ? storeForm(spec.options) : undefined;
  if (!hasValue(value)) {
    const placeholder = form?.placeholder;
    return placeholder && typeof placeholder === 'object' ? [nestedSource(placeholder.nested)] : [];
  }
  const out = [nestedSource(spec.nested)];
  if (spec.type === 'select') {
    if (form) out.push(nestedSource(form.nested));
    const chosen = Array.isArray(value) ? value : [value];
    for (const option of staticOptions(spec))
      if (option.nested !== undefined && chosen.some((v) => sameValue(v, option.value)))
        out.push(nestedSource(option.nested));
  }
  return out;
}

/** The "rpc://…" references among the nested fields a field's value opens. */
export const nestedRpcRefs = (spec, value) => nestedSources(spec, value).filter(isRpc);

/**
 * The nested specs a field shows for its value. `rpcFields(ref)` gives the specs an "rpc://…"
 * reference returned ([] while they load, or with no way to ask, as in the runtime's checks).
 */
export function nestedFor(spec, value, rpcFields = () => []) {
  return nestedSources(spec, value).flatMap((source) => (isRpc(source) ? rpcFields(source) : source));
}
