/**
 * The run-time helpers the generated code calls: property and index access, operators with Make's
 * coercions, budget accounting and error mapping. They are the only things generated code can reach.
 */
import { ImlError } from '../errors';
import type { RunOptions } from './env';
import { LIMITS } from './limits';
import { EvalFailure, imlError } from './position';
import {
  compare,
  index,
  isEmpty,
  isPlainObject,
  looseEqual,
  ownProp,
  plus,
  setOwn,
  strictEqual,
  toNumber,
  toText,
  truthy,
} from './values';

/** Turns anything thrown below a node into an ImlError at that node's position in `src`. */
export function rethrowAt(err: unknown, src: string, pos: number, what: string): never {
  if (err instanceof ImlError) throw err;
  const message =
    err instanceof EvalFailure ? err.message : `${what}: ${err instanceof Error ? err.message : String(err)}`;
  throw imlError(message, src, pos);
}

/**
 * The step units a built-in's result costs, enforcing the size limits: 1, plus the length of an
 * array or a sixteenth of a text. The generated code adds them to its counter (see `charged`).
 */
export function cost(v: unknown): number {
  // Small on purpose: V8 inlines it at every call site of a template, within a per-function budget.
  if (typeof v === 'string') return v.length > LIMITS.maxStringLength ? textTooLong() : 1 + (v.length >> 4);
  if (Array.isArray(v)) return v.length > LIMITS.maxArrayLength ? arrayTooLong() : 1 + v.length;
  return 1;
}

function textTooLong(): never {
  throw new EvalFailure(`Text longer than ${LIMITS.maxStringLength} characters`);
}

function arrayTooLong(): never {
  throw new EvalFailure(`Array longer than ${LIMITS.maxArrayLength} items`);
}

function budgetExceeded(): never {
  throw new EvalFailure(`Evaluation budget of ${LIMITS.maxSteps} steps exceeded`);
}

/** Own data property even for the key "__proto__" (never a prototype change). */
export const define = (out: Record<string, unknown>, key: string, v: unknown): void => setOwn(out, key, v);

export const SPREAD_KEY = '{{...}}';

/** The key "{{...}}": the collection's defined entries into `out` (empty values add nothing). */
function spread(out: Record<string, unknown>, v: unknown): void {
  if (v === undefined || v === null) return;
  if (!isPlainObject(v))
    throw new ImlError(
      `"${SPREAD_KEY}" must evaluate to a collection, got ${Array.isArray(v) ? 'an array' : typeof v}`,
    );
  for (const key of Object.keys(v)) if (v[key] !== undefined) define(out, key, v[key]);
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
function add(a: unknown, b: unknown, _site: number): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  const v = typeof a === 'string' && typeof b === 'string' ? a + b : plus(a, b);
  return typeof v === 'string' && v.length > LIMITS.maxStringLength ? textTooLong() : v;
}

const num = (a: unknown): number => (typeof a === 'number' ? a : toNumber(a));

/** Mixed text: fails past the string size limit. */
function limitText(v: string): string {
  return v.length > LIMITS.maxStringLength ? textTooLong() : v;
}

/**
 * A call of one of the app's custom functions: they run outside IML (runtime/functions), reached
 * through the run options of the evaluation; a template compiled with them but run without fails here.
 */
function callCustom(run: RunOptions | undefined, name: string, args: unknown[]): unknown {
  const functions = run?.functions;
  if (!functions) throw new EvalFailure(`Custom function '${name}' is not available in this evaluation`);
  return functions.call(name, args, { timezone: run.timezone || 'UTC' });
}

export const HELPERS = {
  CF: callCustom,
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
  A: cost,
  OVER: budgetExceeded,
  LIM: LIMITS,
  D: define,
  SP: spread,
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
