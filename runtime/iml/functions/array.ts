/** Array functions (iml-functions.md §9). Key arguments are dot paths with 1-based indexes. */
import { EvalFailure } from '../position';
import {
  FORBIDDEN_KEYS,
  arrayArg,
  deepEqual,
  isPlainObject,
  numberArg,
  pathGetter,
  strictEqual,
  toText,
} from '../values';
import { FnSpec, fn, passEmpty } from './registry';

const ORDERS = new Set(['asc', 'desc', 'asc ci', 'desc ci']);

/** Keeps the first of equal elements; primitives through a Set, collections by deep equality. */
function distinctBy(arr: unknown[], keyOf: (x: unknown) => unknown): unknown[] {
  const seen = new Set<unknown>();
  const seenObjects: unknown[] = [];
  const out: unknown[] = [];
  for (const x of arr) {
    const k = keyOf(x);
    if (k !== null && typeof k === 'object') {
      if (k instanceof Date ? seen.has(`date:${k.getTime()}`) : seenObjects.some((o) => deepEqual(o, k)))
        continue;
      if (k instanceof Date) seen.add(`date:${k.getTime()}`);
      else seenObjects.push(k);
    } else {
      if (seen.has(k)) continue;
      seen.add(k);
    }
    out.push(x);
  }
  return out;
}

/** Sort rank of a value's type: numbers, then texts, then dates, booleans, others; empties last. */
function rank(v: unknown): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  if (v instanceof Date) return 2;
  if (typeof v === 'boolean') return 3;
  if (v === null || v === undefined) return 5;
  return 4;
}

function compareForSort(a: unknown, b: unknown, ci: boolean): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') {
    if (ci) {
      const la = a.toLowerCase();
      const lb = b.toLowerCase();
      if (la !== lb) return la < lb ? -1 : 1;
    }
    // Code-unit order: upper case before lower case (A, B, a, b), as Make documents for `asc`.
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0;
}

function filterValues(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(toText);
  return toText(v).split(',');
}

export const arrays: Record<string, FnSpec> = {
  add: passEmpty(1, Infinity, (arr, ...values) => [...arrayArg(arr, 'add'), ...values]),
  arrayDiff: fn(2, 2, (a, b) => {
    const other = Array.isArray(b) ? b : [];
    return arrayArg(a ?? [], 'arrayDiff').filter((x) => !other.some((y) => deepEqual(x, y)));
  }),
  arrayIntersect: fn(2, 2, (a, b) => {
    const other = Array.isArray(b) ? b : [];
    return arrayArg(a ?? [], 'arrayIntersect').filter((x) => other.some((y) => deepEqual(x, y)));
  }),
  deduplicate: passEmpty(1, 1, (arr) => distinctBy(arrayArg(arr, 'deduplicate'), (x) => x)),
  distinct: passEmpty(1, 2, (arr, key) => {
    const list = arrayArg(arr, 'distinct');
    return key === undefined || key === null || key === ''
      ? distinctBy(list, (x) => x)
      : distinctBy(list, pathGetter(key));
  }),
  first: passEmpty(1, 1, (arr) => (Array.isArray(arr) ? arr[0] : undefined)),
  last: passEmpty(1, 1, (arr) => (Array.isArray(arr) ? arr[arr.length - 1] : undefined)),
  flatten: passEmpty(1, 2, (arr, depth) => {
    const d = depth === undefined ? 1 : numberArg(depth, 'flatten', 'depth');
    return arrayArg(arr, 'flatten').flat(Math.max(0, Math.min(d, 100)));
  }),
  join: passEmpty(1, 2, (arr, sep) => {
    const list = Array.isArray(arr) ? arr : [arr];
    const s = sep === undefined ? ',' : toText(sep);
    let out = '';
    for (let i = 0; i < list.length; i++) {
      const x = list[i];
      out += (i ? s : '') + (typeof x === 'string' ? x : toText(x));
    }
    return out;
  }),
  keys: passEmpty(1, 1, (v) => {
    // Arrays give their 1-based positions, as text like object keys.
    if (Array.isArray(v)) return v.map((_x, i) => String(i + 1));
    return isPlainObject(v) ? Object.keys(v) : [];
  }),
  map: passEmpty(2, 4, (arr, key, filterKey, values) => {
    const list = arrayArg(arr, 'map');
    const out: unknown[] = [];
    const allowed =
      filterKey === undefined || filterKey === null || filterKey === ''
        ? undefined
        : new Set(filterValues(values));
    const valueOf = pathGetter(key);
    const filterOf = allowed ? pathGetter(filterKey) : undefined;
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (filterOf && !allowed!.has(toText(filterOf(item)))) continue;
      const v = valueOf(item);
      if (v !== undefined) out.push(v);
    }
    return out;
  }),
  merge: fn(1, Infinity, (...args) => {
    let out: unknown[] = [];
    for (const a of args) {
      if (Array.isArray(a)) out = out.concat(a);
      else if (a !== undefined && a !== null) out.push(a);
    }
    return out;
  }),
  remove: passEmpty(1, Infinity, (arr, ...values) =>
    arrayArg(arr, 'remove').filter((x) => !values.some((v) => strictEqual(x, v))),
  ),
  reverse: passEmpty(1, 1, (arr) => [...arrayArg(arr, 'reverse')].reverse()),
  shuffle: passEmpty(1, 1, (arr) => {
    const out = [...arrayArg(arr, 'shuffle')];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }),
  slice: passEmpty(2, 3, (arr, start, end) => {
    const s = numberArg(start, 'slice', 'start');
    if (typeof arr === 'string')
      return arr.slice(s, end === undefined ? undefined : numberArg(end, 'slice', 'end'));
    return arrayArg(arr, 'slice').slice(s, end === undefined ? undefined : numberArg(end, 'slice', 'end'));
  }),
  sort: passEmpty(1, 3, (arr, order, key) => {
    const list = [...arrayArg(arr, 'sort')];
    let ord = 'asc';
    let path: unknown = key;
    if (order !== undefined && order !== null && order !== '') {
      const o = toText(order).trim().toLowerCase().replace(/\s+/g, ' ');
      // `sort(array; name)`: a second argument that is not an order is the key.
      if (ORDERS.has(o)) ord = o;
      else if (key === undefined) path = order;
      else throw new EvalFailure(`sort: unknown order '${toText(order)}' (asc, desc, asc ci, desc ci)`);
    }
    const ci = ord.endsWith(' ci');
    const sign = ord.startsWith('desc') ? -1 : 1;
    const keyOf = path === undefined || path === null || path === '' ? (x: unknown) => x : pathGetter(path);
    return list.sort((a, b) => {
      const ka = keyOf(a);
      const kb = keyOf(b);
      // Empty values stay last in both orders.
      const ea = ka === null || ka === undefined;
      const eb = kb === null || kb === undefined;
      if (ea || eb) return ea === eb ? 0 : ea ? 1 : -1;
      return sign * compareForSort(ka, kb, ci);
    });
  }),
  toArray: passEmpty(1, 1, (v) => {
    if (Array.isArray(v)) return v;
    if (!isPlainObject(v)) return [v];
    return Object.keys(v).map((key) => ({ key, value: v[key] }));
  }),
  toCollection: passEmpty(3, 3, (arr, keyField, valueField) => {
    const out: Record<string, unknown> = {};
    const keyOf = pathGetter(keyField);
    const valueOf = pathGetter(valueField);
    for (const item of arrayArg(arr, 'toCollection')) {
      const k = keyOf(item);
      if (k === undefined || k === null) continue;
      const name = toText(k);
      if (FORBIDDEN_KEYS.has(name)) continue;
      out[name] = valueOf(item);
    }
    return out;
  }),
};
