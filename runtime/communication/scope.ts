/**
 * The IML side of the engine: the variables a communication sees (make-format.md §3 table) and one
 * evaluator per run. Templates are compiled by runtime/iml (which memoizes template strings); object
 * and array templates are additionally cached here by identity, so a definition compiles once.
 */
import { compile } from '../iml';
import { isPlainObject, ownProp, setOwn } from '../iml/values';

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

type Compiled = (context: unknown, opts?: { timezone?: string; now?: Date }) => unknown;

const compiledObjects = new WeakMap<object, Compiled>();
/** Compiled wrappers by template text (runtime/iml memoizes the parse; this saves the wrapper). */
const compiledStrings = new Map<string, Compiled>();
const MAX_STRINGS = 10_000;

function compiled(template: unknown): Compiled | undefined {
  if (typeof template === 'string') {
    if (!template.includes('{{')) return undefined;
    let fn = compiledStrings.get(template);
    if (!fn) {
      if (compiledStrings.size >= MAX_STRINGS) compiledStrings.clear();
      fn = compile(template, { dialect: 'app' }) as Compiled;
      compiledStrings.set(template, fn);
    }
    return fn;
  }
  if (!template || typeof template !== 'object') return undefined;
  let fn = compiledObjects.get(template);
  if (!fn) {
    fn = compile(template, { dialect: 'app' }) as Compiled;
    compiledObjects.set(template, fn);
  }
  return fn;
}

/** An evaluator bound to the run's timezone and clock. Plain values come back unchanged. */
export function evaluator(opts: { timezone?: string; now?: Date }): Evaluate {
  const runOpts = { timezone: opts.timezone ?? 'UTC', ...(opts.now ? { now: opts.now } : {}) };
  return (template, scope) => {
    const fn = compiled(template);
    return fn ? fn(scope, runOpts) : template;
  };
}

/** Make's temp merge: objects merge key by key (recursively), anything else replaces. */
export function mergeTemp(into: Record<string, unknown>, value: unknown): void {
  if (!isPlainObject(value)) return;
  for (const [k, v] of Object.entries(value)) {
    // Own values only: `into.__proto__` is Object.prototype, which a merge must never write into.
    const prev = ownProp(into, k);
    if (isPlainObject(prev) && isPlainObject(v)) mergeTemp(prev, v);
    else setOwn(into, k, isPlainObject(v) ? { ...v } : v);
  }
}
