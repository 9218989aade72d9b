/**
 * The run-time helpers the generated code calls: property and index access, operators with Make's
 * coercions, budget accounting and error mapping. They are the only things generated code can reach.
 */
import { ImlError } from '../errors';
import type { Dialect } from './ast';
import type { Env } from './env';
import { LIMITS } from './limits';
import { EvalFailure, imlError } from './position';
import {
  compare,
  index,
  isEmpty,
  looseEqual,
  ownProp,
  plus,
  strictEqual,
  toNumber,
  toText,
  truthy,
} from './values';

export interface Site {
  src: string;
  dialect: Dialect;
}

/** Turns anything thrown below a node into an ImlError at that node's position. */
export function rethrowAt(err: unknown, site: Site, pos: number, what: string): never {
  if (err instanceof ImlError) throw err;
  const message =
    err instanceof EvalFailure ? err.message : `${what}: ${err instanceof Error ? err.message : String(err)}`;
  throw imlError(message, site.src, pos);
}

/** Charges a produced value's size to the budget and enforces the size limits; returns the value. */
export function account<T>(v: T, env: Env): T {
  if (typeof v === 'string') {
    if (v.length > LIMITS.maxStringLength)
      throw new EvalFailure(`Text longer than ${LIMITS.maxStringLength} characters`);
    env.charge(1 + (v.length >> 4));
  } else if (Array.isArray(v)) {
    if (v.length > LIMITS.maxArrayLength)
      throw new EvalFailure(`Array longer than ${LIMITS.maxArrayLength} items`);
    env.charge(1 + v.length);
  } else {
    env.charge(1);
  }
  return v;
}

/** Static 1-based index `n` (never 0) on an array, or the key String(n) on an object. */
function element(v: unknown, n: number, key: string): unknown {
  if (Array.isArray(v)) {
    const i = n > 0 ? n - 1 : v.length + n;
    if (i < 0 || i >= v.length) return undefined;
    const x = v[i];
    return typeof x === 'function' ? undefined : x;
  }
  return ownProp(v, key);
}

function dynamicIndex(v: unknown, key: unknown): unknown {
  return key === undefined || key === null ? undefined : index(v, key);
}

/**
 * `+`. Only the size limit applies, not the step budget: each `+` node runs once per evaluation and
 * string concatenation is O(1) in V8, so the template's size already bounds its work.
 */
function add(a: unknown, b: unknown, _site?: number): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  const v = typeof a === 'string' && typeof b === 'string' ? a + b : plus(a, b);
  if (typeof v === 'string' && v.length > LIMITS.maxStringLength)
    throw new EvalFailure(`Text longer than ${LIMITS.maxStringLength} characters`);
  return v;
}

const num = (a: unknown): number => (typeof a === 'number' ? a : toNumber(a));

/** Mixed text: fails past the string size limit. */
function limitText(v: string, _s?: number): string {
  if (v.length > LIMITS.maxStringLength)
    throw new EvalFailure(`Text longer than ${LIMITS.maxStringLength} characters`);
  return v;
}

export const HELPERS = {
  IA: Array.isArray,
  IV: ArrayBuffer.isView,
  TX: toText,
  L: limitText,
  /** own property */
  O: ownProp,
  E: element,
  /** `x[]` */
  I: (v: unknown) => index(v),
  X: dynamicIndex,
  T: truthy,
  N: num,
  EM: isEmpty,
  SE: strictEqual,
  LE: looseEqual,
  A: account,
  ADD: add,
  SUB: (a: unknown, b: unknown) => num(a) - num(b),
  MUL: (a: unknown, b: unknown) => num(a) * num(b),
  DIV: (a: unknown, b: unknown) => num(a) / num(b),
  MOD: (a: unknown, b: unknown) => num(a) % num(b),
  LT: (a: unknown, b: unknown) =>
    typeof a === 'number' && typeof b === 'number' ? a < b : compare(a, b) < 0,
  LTE: (a: unknown, b: unknown) =>
    typeof a === 'number' && typeof b === 'number' ? a <= b : compare(a, b) <= 0,
  GT: (a: unknown, b: unknown) =>
    typeof a === 'number' && typeof b === 'number' ? a > b : compare(a, b) > 0,
  GTE: (a: unknown, b: unknown) =>
    typeof a === 'number' && typeof b === 'number' ? a >= b : compare(a, b) >= 0,
};
export type HelperName = keyof typeof HELPERS;
