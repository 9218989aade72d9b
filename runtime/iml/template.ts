/**
 * Template semantics (make-format.md §7.3): any JSON value compiles to a function of the Env.
 * A string that is exactly one `{{…}}` yields the raw value; mixed text yields a string; arrays and
 * objects are evaluated recursively; the key "{{...}}" spreads an object into its parent (sibling
 * keys win); a value evaluating to undefined drops its key (and its array slot); other values pass
 * through. Compiled strings are memoized per dialect, compiled objects per object identity.
 */
import { ImlError } from '../errors';
import { Dialect } from './ast';
import { compileTemplate, Fn } from './compiler';
import { LIMITS } from './limits';
import { parseTemplate } from './parser';
import { isPlainObject, toText } from './values';
import { Env } from './env';
import { compileStaticRecord, define } from './record';

const stringCache = { app: new Map<string, Fn>(), scenario: new Map<string, Fn>() };
const objectCache = { app: new WeakMap<object, Fn>(), scenario: new WeakMap<object, Fn>() };

/** Statistics of the memo cache, for tests and diagnostics. */
export const cacheStats = { hits: 0, misses: 0 };

export const SPREAD_KEY = '{{...}}';

export function hasTemplate(s: string): boolean {
  return s.includes('{{');
}

/** Compiles one template string, bypassing the memo cache (the benchmark's "cold" case). */
export function compileStringUncached(src: string, dialect: Dialect): Fn {
  if (!hasTemplate(src)) return () => src;
  return compileTemplate(parseTemplate(src, dialect), { src, dialect });
}

export function compileString(src: string, dialect: Dialect): Fn {
  const cache = stringCache[dialect];
  const hit = cache.get(src);
  if (hit) {
    cacheStats.hits++;
    return hit;
  }
  cacheStats.misses++;
  const fn = compileStringUncached(src, dialect);
  if (cache.size >= LIMITS.maxCacheEntries) cache.clear();
  cache.set(src, fn);
  return fn;
}

export function compileValue(value: unknown, dialect: Dialect, depth = 0, cached = true): Fn {
  if (typeof value === 'string')
    return cached ? compileString(value, dialect) : compileStringUncached(value, dialect);
  if (value === null || typeof value !== 'object') return () => value;
  if (depth > 200) throw new ImlError('Template value nested deeper than 200 levels');
  const hit = cached ? objectCache[dialect].get(value) : undefined;
  if (hit) return hit;
  const fn = Array.isArray(value)
    ? compileArray(value, dialect, depth, cached)
    : compileObject(value as Record<string, unknown>, dialect, depth, cached);
  if (cached) objectCache[dialect].set(value, fn);
  return fn;
}

function compileArray(arr: unknown[], dialect: Dialect, depth: number, cached: boolean): Fn {
  const items = arr.map((v) => compileValue(v, dialect, depth + 1, cached));
  return (c, run, env) => {
    env = env || new Env(c, dialect, run);
    const out: unknown[] = [];
    for (const item of items) {
      const v = item(c, run, env);
      if (v !== undefined) out.push(v);
    }
    return out;
  };
}

function compileObject(obj: Record<string, unknown>, dialect: Dialect, depth: number, cached: boolean): Fn {
  const spreads: Fn[] = [];
  const entries: { key: Fn | string; value: Fn }[] = [];
  for (const k of Object.keys(obj)) {
    const value = compileValue(obj[k], dialect, depth + 1, cached);
    if (k === SPREAD_KEY) spreads.push(value);
    else entries.push({ key: hasTemplate(k) ? compileValue(k, dialect, depth + 1, cached) : k, value });
  }
  if (spreads.length === 0 && entries.every((e) => typeof e.key === 'string'))
    return compileStaticRecord(
      entries.map((e) => e.key as string),
      entries.map((e) => e.value),
      dialect,
    );
  return (c, run, env) => {
    env = env || new Env(c, dialect, run);
    const out: Record<string, unknown> = {};
    for (const spread of spreads) {
      const v = spread(c, run, env);
      if (v === undefined || v === null) continue;
      if (!isPlainObject(v))
        throw new ImlError(
          `"${SPREAD_KEY}" must evaluate to a collection, got ${Array.isArray(v) ? 'an array' : typeof v}`,
        );
      for (const key of Object.keys(v)) if (v[key] !== undefined) define(out, key, v[key]);
    }
    for (const e of entries) {
      const v = e.value(c, run, env);
      if (v === undefined) continue;
      define(out, typeof e.key === 'string' ? e.key : toText(e.key(c, run, env)), v);
    }
    return out;
  };
}
