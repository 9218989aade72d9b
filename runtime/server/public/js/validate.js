// Field checks from the parameter specs (required, type, pattern, range), run before anything is sent.
// A value holding a mapping expression ({{…}}) is only known at run time, so only `required` applies,
// and that it compiles. Templates, dates and patterns are judged by the runtime (checks.js): until its
// answer is in, they pass; the form renders again when it arrives.
import { dateTaken, patternCheck, templateCheck } from './checks.js';
import { acceptsAnyValue, nestedFor, staticOptions } from './select-options.js';

export const isExpression = (v) => typeof v === 'string' && v.includes('{{');
export const isEmpty = (v) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

const NUMERIC = new Set(['number', 'integer', 'uinteger']);

/** Problems of one value against its spec: a message, or null when it is fine. */
export function checkValue(spec, value) {
  if (isEmpty(value)) return spec.required ? 'Required' : null;
  if (isExpression(value)) return templateCheck(value)?.error?.message ?? null;
  const type = spec.type || 'text';
  const rule = spec.validate || {};
  if (NUMERIC.has(type)) {
    const n = typeof value === 'number' ? value : Number(value);
    if (typeof value === 'boolean' || !Number.isFinite(n)) return 'Must be a number';
    if (type !== 'number' && !Number.isInteger(n)) return 'Must be a whole number';
    if (type === 'uinteger' && n < 0) return 'Must not be negative';
    if (rule.min !== undefined && n < rule.min) return `Must be at least ${rule.min}`;
    if (rule.max !== undefined && n > rule.max) return `Must be at most ${rule.max}`;
  }
  if (type === 'date' && dateTaken(value) === false) return 'Must be a date, e.g. 2024-05-01';
  if (type === 'email' && !/^[^@\s]+@[^@\s]+$/.test(String(value))) return 'Must be an email address';
  if (type === 'boolean' && typeof value !== 'boolean') return 'Must be yes or no';
  if (['text', 'email', 'url'].includes(type) && typeof value === 'string') {
    const match = rule.pattern ? patternCheck(rule.pattern, value) : undefined;
    if (match && !match.matches) return match.error ?? `Must match ${rule.pattern}`;
    if (rule.min !== undefined && value.length < rule.min) return `At least ${rule.min} characters`;
    if (rule.max !== undefined && value.length > rule.max) return `At most ${rule.max} characters`;
  }
  if (type === 'select' && spec.options && !acceptsAnyValue(spec)) {
    const allowed = staticOptions(spec).map((o) => String(o.value));
    const chosen = Array.isArray(value) ? value : [value];
    const bad = chosen.find((v) => !isExpression(v) && !allowed.includes(String(v)));
    if (bad !== undefined) return `Not one of the options: ${bad}`;
  }
  return null;
}

/**
 * Parameters that apply given the values: each spec, then the nested specs its value opens.
 * `rpcFields(ref)`: the specs an "rpc://…" nested reference returned (see nestedFor).
 */
export function activeSpecs(specs, values, rpcFields) {
  const out = [];
  for (const spec of Array.isArray(specs) ? specs : []) {
    if (!spec || typeof spec !== 'object' || !spec.name) continue;
    out.push(spec, ...activeSpecs(nestedFor(spec, values?.[spec.name], rpcFields), values, rpcFields));
  }
  return out;
}

/** Every problem of a set of values: [{ path, message }], collections and arrays included. */
export function checkFields(specs, values, prefix = '', rpcFields = undefined) {
  const problems = [];
  for (const spec of activeSpecs(specs, values, rpcFields)) {
    const path = prefix + spec.name;
    const value = values?.[spec.name];
    const message = checkValue(spec, value);
    if (message) problems.push({ path, message });
    else if (spec.type === 'collection' && Array.isArray(spec.spec) && value && typeof value === 'object')
      problems.push(...checkFields(spec.spec, value, `${path}.`, rpcFields));
    else if (spec.type === 'array' && Array.isArray(value) && spec.spec) {
      value.forEach((item, i) => {
        if (Array.isArray(spec.spec))
          problems.push(...checkFields(spec.spec, item, `${path}.${i}.`, rpcFields));
        else {
          const m = checkValue({ ...spec.spec, name: String(i) }, item);
          if (m) problems.push({ path: `${path}.${i}`, message: m });
        }
      });
    }
  }
  return problems;
}

/**
 * The words for a problem's path, from the labels the form shows: "Customer", "Custom 2: Key".
 * Problems name fields by path for the code; people read the labels.
 */
export function pathLabel(specs, values, path, rpcFields = undefined) {
  const [name, ...rest] = path.split('.');
  const spec = activeSpecs(specs, values, rpcFields).find((s) => s.name === name);
  const own = spec ? spec.label || spec.name : name;
  if (!spec || !rest.length) return own;
  const value = values?.[name];
  if (spec.type === 'collection' && Array.isArray(spec.spec))
    return `${own}: ${pathLabel(spec.spec, value, rest.join('.'), rpcFields)}`;
  if (spec.type !== 'array') return own;
  const [index, ...inner] = rest;
  const item = `${own} ${Number(index) + 1}`;
  return inner.length && Array.isArray(spec.spec)
    ? `${item}: ${pathLabel(spec.spec, value?.[index], inner.join('.'), rpcFields)}`
    : item;
}
