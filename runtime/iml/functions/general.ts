/** General functions (iml-functions.md §5). */
import {
  deepEqual,
  getPath,
  isEmpty,
  isPlainObject,
  looseEqual,
  ownProp,
  strictEqual,
  truthy,
  FORBIDDEN_KEYS,
} from '../values';
import { FnSpec, fn, passEmpty } from './registry';

function keyList(args: unknown[]): Set<string> {
  const keys = new Set<string>();
  for (const a of args) {
    if (Array.isArray(a)) for (const k of a) keys.add(String(k));
    else if (a !== undefined && a !== null) keys.add(String(a));
  }
  return keys;
}

export const general: Record<string, FnSpec> = {
  get: fn(2, 2, ([target, path]) => getPath(target, path)),
  if: {
    min: 2,
    max: 3,
    lazy: true,
    fn: ([cond, yes, no]) => (truthy(cond()) ? yes() : no ? no() : undefined),
  },
  ifempty: {
    min: 2,
    max: 2,
    lazy: true,
    fn: ([first, second]) => {
      const v = first();
      return isEmpty(v) ? second() : v;
    },
  },
  switch: {
    min: 1,
    max: Infinity,
    lazy: true,
    fn: (args, env) => {
      const subject = args[0]();
      const eq = env.dialect === 'scenario' ? looseEqual : strictEqual;
      let i = 1;
      for (; i + 1 < args.length; i += 2) {
        if (eq(subject, args[i]())) return args[i + 1]();
      }
      // A trailing unpaired argument is the else value; no match and no else → undefined.
      return i < args.length ? args[i]() : undefined;
    },
  },
  omit: passEmpty(1, Infinity, ([coll, ...keys]) => {
    if (!isPlainObject(coll)) return coll;
    const drop = keyList(keys);
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(coll)) if (!drop.has(k)) out[k] = coll[k];
    return out;
  }),
  pick: passEmpty(1, Infinity, ([coll, ...keys]) => {
    if (!isPlainObject(coll)) return coll;
    const out: Record<string, unknown> = {};
    for (const k of keyList(keys)) {
      if (FORBIDDEN_KEYS.has(k)) continue;
      const v = ownProp(coll, k);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }),
  mergeCollections: fn(1, Infinity, (args) => {
    const out: Record<string, unknown> = {};
    for (const a of args)
      if (isPlainObject(a)) for (const k of Object.keys(a)) if (!FORBIDDEN_KEYS.has(k)) out[k] = a[k];
    return out;
  }),
  equal: fn(2, 2, ([a, b]) => deepEqual(a, b)),
};
