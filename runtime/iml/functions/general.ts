/** General functions (iml-functions.md §5). */
import { deepEqual, getPath, isPlainObject, ownProp, setOwn, FORBIDDEN_KEYS } from '../values';
import { FnSpec, fn, lazy, passEmpty } from './registry';

function keyList(args: unknown[]): Set<string> {
  const keys = new Set<string>();
  for (const a of args) {
    if (Array.isArray(a)) for (const k of a) keys.add(String(k));
    else if (a !== undefined && a !== null) keys.add(String(a));
  }
  return keys;
}

export const general: Record<string, FnSpec> = {
  get: fn(2, 2, (target, path) => getPath(target, path)),
  // Evaluated lazily, inlined by the compiler as conditionals.
  if: lazy(2, 3),
  ifempty: lazy(2, 2),
  switch: lazy(1, Infinity),
  omit: passEmpty(1, Infinity, (coll, ...keys) => {
    if (!isPlainObject(coll)) return coll;
    const drop = keyList(keys);
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(coll)) if (!drop.has(k)) setOwn(out, k, coll[k]);
    return out;
  }),
  pick: passEmpty(1, Infinity, (coll, ...keys) => {
    if (!isPlainObject(coll)) return coll;
    const out: Record<string, unknown> = {};
    for (const k of keyList(keys)) {
      if (FORBIDDEN_KEYS.has(k)) continue;
      const v = ownProp(coll, k);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }),
  mergeCollections: fn(1, Infinity, (...args) => {
    const out: Record<string, unknown> = {};
    for (const a of args)
      if (isPlainObject(a)) for (const k of Object.keys(a)) if (!FORBIDDEN_KEYS.has(k)) out[k] = a[k];
    return out;
  }),
  equal: fn(2, 2, (a, b) => deepEqual(a, b)),
};
