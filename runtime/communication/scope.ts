/**
 * The IML side of the engine: the variables a communication sees (make-format.md §3 table) and one
 * evaluator per run. Templates are compiled by runtime/iml (which memoizes template strings); object
 * and array templates are additionally cached here by identity, so a definition compiles once.
 */
import { compile } from '../iml';
import { isPlainObject, ownProp, setOwn } from '../iml/values';
import type { CustomFunctions } from '../types/app';

/** Variables visible to a communication's templates. */
export interface Scope {
  parameters: Record<string, unknown>;
  connection: Record<string, unknown>;
  common: Record<string, unknown>;
  temp: Record<string, unknown>;
  data?: Record<string, unknown>;
  body?: unknown;
  headers?: Record<string, string>;
  statusCode?: number;
  item?: unknown;
  output?: unknown;
  iterate?: { container: { first: unknown; last: unknown } };
  pagination?: { page: number };
  [name: string]: unknown;
}

export type Evaluate = (template: unknown, scope: Scope) => unknown;

type Compiled = (
  context: unknown,
  opts?: { timezone?: string; now?: Date; functions?: CustomFunctions },
) => unknown;

interface Cache {
  objects: WeakMap<object, Compiled>;
  /** Compiled wrappers by template text (runtime/iml memoizes the parse; this saves the wrapper). */
  strings: Map<string, Compiled>;
  /** The custom function names its templates compile with (app dialect). */
  names: readonly string[];
}

const plain: Cache = { objects: new WeakMap(), strings: new Map(), names: [] };
/** An app's custom functions change what its templates compile to: one cache per set of them. */
const withFunctions = new WeakMap<CustomFunctions, Cache>();
const MAX_STRINGS = 10_000;

const compileOptions = (cache: Cache) => ({ dialect: 'app' as const, functions: cache.names });

function cacheFor(functions: CustomFunctions | undefined): Cache {
  if (!functions || functions.names.length === 0) return plain;
  let cache = withFunctions.get(functions);
  if (!cache) {
    cache = { objects: new WeakMap(), strings: new Map(), names: functions.names };
    withFunctions.set(functions, cache);
  }
  return cache;
}

function compiled(template: unknown, cache: Cache): Compiled | undefined {
  if (typeof template === 'string') {
    if (!template.includes('{{')) return undefined;
    let fn = cache.strings.get(template);
    if (!fn) {
      if (cache.strings.size >= MAX_STRINGS) cache.strings.clear();
      fn = compile(template, compileOptions(cache)) as Compiled;
      cache.strings.set(template, fn);
    }
    return fn;
  }
  if (!template || typeof template !== 'object') return undefined;
  let fn = cache.objects.get(template);
  if (!fn) {
    fn = compile(template, compileOptions(cache)) as Compiled;
    cache.objects.set(template, fn);
  }
  return fn;
}

/**
 * An evaluator bound to the run's timezone and clock, and to the app's custom functions (callable
 * from every template of its definitions). Plain values come back unchanged.
 */
export function evaluator(opts: { timezone?: string; now?: Date; functions?: CustomFunctions }): Evaluate {
  const runOpts = {
    timezone: opts.timezone ?? 'UTC',
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.functions ? { functions: opts.functions } : {}),
  };
  const cache = cacheFor(opts.functions);
  return (template, scope) => {
    const fn = compiled(template, cache);
    return fn ? fn(scope, runOpts) : template;
  };
}

/** Make's temp merge: objects merge key by key (recursively), anything else replaces. */
export function mergeTemp(into: Record<string, unknown>, value: unknown): void {
  if (!isPlainObject(value)) return;
  // Keys, not entries: no pair per key on every request's temp.
  for (const k of Object.keys(value)) {
    const v = value[k];
    // Own values only: `into.__proto__` is Object.prototype, which a merge must never write into.
    const prev = ownProp(into, k);
    if (isPlainObject(prev) && isPlainObject(v)) mergeTemp(prev, v);
    else setOwn(into, k, isPlainObject(v) ? { ...v } : v);
  }
}
