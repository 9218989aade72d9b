/**
 * Template semantics (make-format.md §7.3): any JSON value compiles to a function of the context.
 * A string that is exactly one `{{…}}` yields the raw value; mixed text yields a string; arrays and
 * objects are evaluated recursively; the key "{{...}}" spreads an object into its parent (sibling
 * keys win); a value evaluating to undefined drops its key (and its array slot); other values pass
 * through.
 *
 * A whole object or array tree compiles to ONE generated function that builds the result with plain
 * statements (`o1 = {}; v = …; if (v !== undefined) o1[k[3]] = v; …`), the way a hand-written
 * function would, rather than one function per value called through a loop. Keys, like every other
 * piece of template text, reach the code only as constant slots. Compiled strings are memoized per
 * dialect, compiled objects per object identity, parsed strings per text.
 */
import { ImlError } from '../errors';
import { Dialect, TemplatePart } from './ast';
import { Fn, Generator } from './compiler';
import { SPREAD_KEY } from './helpers';
import { LIMITS } from './limits';
import { parseTemplate, type ParseOptions } from './parser';

export { SPREAD_KEY } from './helpers';

/**
 * What a template compiles against: the dialect, and in the app dialect the app's custom function
 * names (a call of one compiles only when the name is known). Each flavor has its own memo caches.
 */
export interface Flavor {
  dialect: Dialect;
  functions?: ReadonlySet<string>;
}

interface Caches {
  strings: Map<string, Fn>;
  objects: WeakMap<object, Fn>;
  parsed: Map<string, TemplatePart[]>;
}

const caches = new Map<string, Caches>();
/** Flavors kept before the cache of flavors is cleared (one per app with functions, and two dialects). */
const MAX_FLAVORS = 64;

function cachesOf(flavor: Flavor): Caches {
  const key = flavor.functions?.size
    ? `${flavor.dialect}:${[...flavor.functions].sort().join(',')}`
    : flavor.dialect;
  let found = caches.get(key);
  if (!found) {
    if (caches.size >= MAX_FLAVORS) caches.clear();
    found = { strings: new Map(), objects: new WeakMap(), parsed: new Map() };
    caches.set(key, found);
  }
  return found;
}

/** Statistics of the compiled-string memo cache, for tests and diagnostics. */
export const cacheStats = { hits: 0, misses: 0 };

/** Deepest nesting of objects and arrays in a template value. */
const MAX_VALUE_DEPTH = 200;

export function hasTemplate(s: string): boolean {
  return s.includes('{{');
}

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= LIMITS.maxCacheEntries) cache.clear();
  cache.set(key, value);
  return value;
}

function parsed(src: string, flavor: Flavor, cached: boolean): TemplatePart[] {
  const options: ParseOptions = flavor.functions ? { functions: flavor.functions } : {};
  if (!cached) return parseTemplate(src, flavor.dialect, options);
  const cache = cachesOf(flavor).parsed;
  return cache.get(src) ?? remember(cache, src, parseTemplate(src, flavor.dialect, options));
}

/** Compiles any template value; `cached` false bypasses every memo cache (the benchmark's "cold"). */
export function compileValue(value: unknown, flavor: Flavor, cached = true): Fn {
  if (typeof value === 'string') {
    if (!hasTemplate(value)) return () => value;
    if (!cached) return generate(value, flavor, false);
    const strings = cachesOf(flavor).strings;
    const hit = strings.get(value);
    if (hit) {
      cacheStats.hits++;
      return hit;
    }
    cacheStats.misses++;
    return remember(strings, value, generate(value, flavor, true));
  }
  if (value === null || typeof value !== 'object') return () => value;
  if (!cached) return generate(value, flavor, false);
  const objects = cachesOf(flavor).objects;
  const hit = objects.get(value);
  if (hit) return hit;
  const fn = generate(value, flavor, true);
  objects.set(value, fn);
  return fn;
}

function generate(value: unknown, flavor: Flavor, cached: boolean): Fn {
  const g = new Generator(flavor, value);
  return g.finish(emit(g, value, 0, cached)?.code ?? 'undefined');
}

/** The code of a value's result, and whether it can be undefined (a single `{{…}}` only can). */
interface Emitted {
  code: string;
  optional: boolean;
}

/**
 * Emits what builds `value` and returns the expression of its result: a constant, a template
 * string's expression, or the local an object or array was built into (by statements emitted
 * first). Returns undefined for the constant undefined, which never makes a key or an element.
 */
function emit(g: Generator, value: unknown, depth: number, cached: boolean): Emitted | undefined {
  if (typeof value === 'string') {
    if (!hasTemplate(value)) return { code: g.constant(value), optional: false };
    const parts = parsed(value, g.flavor, cached);
    // Mixed text is always a string; exactly one `{{…}}` yields its raw value, maybe undefined.
    return {
      code: g.templateString(value, parts),
      optional: parts.length === 1 && typeof parts[0] !== 'string',
    };
  }
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object') return { code: g.constant(value), optional: false };
  if (depth > MAX_VALUE_DEPTH)
    throw new ImlError(`Template value nested deeper than ${MAX_VALUE_DEPTH} levels`);
  const code = Array.isArray(value)
    ? emitArray(g, value, depth, cached)
    : emitObject(g, value as Record<string, unknown>, depth, cached);
  return { code, optional: false };
}

function emitArray(g: Generator, arr: unknown[], depth: number, cached: boolean): string {
  const out = g.local(depth);
  g.statement(`${out} = [];`);
  for (let i = 0; i < arr.length; i++) {
    const item = emit(g, arr[i], depth + 1, cached);
    if (item === undefined) continue;
    g.statement(
      item.optional ? `v = ${item.code}; if (v !== undefined) ${out}.push(v);` : `${out}.push(${item.code});`,
    );
  }
  return out;
}

function emitObject(g: Generator, obj: Record<string, unknown>, depth: number, cached: boolean): string {
  const out = g.local(depth);
  g.statement(`${out} = {};`);
  const keys = Object.keys(obj);
  // Spreads first, so that sibling keys win.
  if (keys.includes(SPREAD_KEY)) {
    const spread = emit(g, obj[SPREAD_KEY], depth + 1, cached);
    if (spread !== undefined) g.statement(`SP(${out}, ${spread.code});`);
  }
  for (const key of keys) {
    if (key === SPREAD_KEY) continue;
    const value = emit(g, obj[key], depth + 1, cached);
    if (value === undefined) continue;
    // A key with a template is evaluated after its value, and only when the value is kept.
    const store = hasTemplate(key)
      ? `D(${out}, TX(${emit(g, key, depth + 1, cached)!.code}), v)`
      : key === '__proto__'
        ? `D(${out}, ${g.text(key)}, v)`
        : `${out}[${g.text(key)}] = v`;
    g.statement(
      value.optional ? `v = ${value.code}; if (v !== undefined) ${store};` : `v = ${value.code}; ${store};`,
    );
  }
  return out;
}
