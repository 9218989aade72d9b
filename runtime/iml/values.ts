/**
 * Value model and coercions shared by operators and built-in functions. IML values are JSON values
 * plus Date (Make's date type), Buffer (binary) and the scenario keywords' sentinels. Choices the
 * reference leaves open are recorded in docs/decisions.md ("## IML").
 */
import { EvalFailure } from './position';

/** Marker for the scenario keywords `erase` and `ignore`; see ERASE and IGNORE in keywords.ts. */
export class ImlKeywordValue {
  constructor(readonly keyword: 'erase' | 'ignore') {
    Object.freeze(this);
  }
  toJSON(): null {
    return null;
  }
}

const hasOwn = Object.prototype.hasOwnProperty;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  // Most objects asked about are literals or parsed JSON: none of the classes below has this prototype,
  // so the three instanceof walks up the prototype chain can be skipped (they run on every request).
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) return true;
  return !(v instanceof Date) && !Buffer.isBuffer(v) && !(v instanceof ImlKeywordValue);
}

/** Own data property of a plain object, never a prototype member or a function. */
/**
 * Sets an own data property, even for the key `__proto__`: an assignment would change the object's
 * prototype instead, and with data from a user (parsed JSON keeps `__proto__` as an own key) that
 * is prototype pollution (decisions.md "JSON keys named __proto__").
 */
export function setOwn(out: object, key: string, v: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
  else (out as Record<string, unknown>)[key] = v;
}

export function ownProp(obj: unknown, key: string): unknown {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  if (!hasOwn.call(obj, key)) return undefined;
  const v = (obj as Record<string, unknown>)[key];
  return typeof v === 'function' ? undefined : v;
}

/** 1-based array element; negative counts from the end (-1 is the last); 0 and fractions → undefined. */
export function element(arr: unknown[], n: number): unknown {
  if (!Number.isInteger(n) || n === 0) return undefined;
  const i = n > 0 ? n - 1 : arr.length + n;
  if (i < 0 || i >= arr.length) return undefined;
  const v = arr[i];
  return typeof v === 'function' ? undefined : v;
}

/** `x[key]`: arrays take 1-based numbers (or numeric text); objects take keys. `x[]` is `index(x)`. */
export function index(target: unknown, key?: unknown): unknown {
  if (key === undefined) return Array.isArray(target) ? target[0] : target;
  if (Array.isArray(target)) {
    const n =
      typeof key === 'number' ? key : typeof key === 'string' && key.trim() !== '' ? Number(key) : NaN;
    return element(target, n);
  }
  if (typeof key === 'number' || typeof key === 'string') return ownProp(target, String(key));
  return undefined;
}

export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Dot path with 1-based indexes, as `get` and the key arguments of map/sort/distinct take it. */
export function getPath(target: unknown, path: unknown): unknown {
  if (typeof path === 'number') return index(target, path);
  if (typeof path !== 'string') return undefined;
  if (path === '') return target;
  let cur = target;
  for (const raw of splitPath(path)) {
    if (cur === undefined || cur === null) return undefined;
    if (FORBIDDEN_KEYS.has(raw)) return undefined;
    if (raw === '[]') cur = index(cur);
    else if (Array.isArray(cur) && /^-?\d+$/.test(raw)) cur = element(cur, Number(raw));
    else cur = ownProp(cur, raw);
  }
  return cur;
}

const getterCache = new Map<string, (target: unknown) => unknown>();

/**
 * A getter for one key path, built once per path text: a plain key is a single own-property read
 * (the common `map(items, 'id')`), anything else walks getPath.
 */
export function pathGetter(path: unknown): (target: unknown) => unknown {
  if (typeof path !== 'string') return (t) => getPath(t, path);
  let g = getterCache.get(path);
  if (g) return g;
  if (path !== '' && !/[.[\]]/.test(path) && !FORBIDDEN_KEYS.has(path)) g = (t) => ownProp(t, path);
  else g = (t) => getPath(t, path);
  if (getterCache.size > 10_000) getterCache.clear();
  getterCache.set(path, g);
  return g;
}

const pathCache = new Map<string, string[]>();
function splitPath(path: string): string[] {
  let parts = pathCache.get(path);
  if (parts) return parts;
  parts = [];
  // a.b[2].c → a, b, 2, c ; items[] → items, []
  for (const seg of path.split('.')) {
    const m = /^([^[\]]*)((?:\[-?\d*\])*)$/.exec(seg);
    if (!m) {
      parts.push(seg);
      continue;
    }
    if (m[1] !== '') parts.push(m[1]);
    for (const b of m[2].match(/\[-?\d*\]/g) ?? []) parts.push(b === '[]' ? '[]' : b.slice(1, -1));
  }
  if (pathCache.size > 10_000) pathCache.clear();
  pathCache.set(path, parts);
  return parts;
}

/** Empty for `ifempty`: undefined, null or "" (decisions.md: arrays, 0, false are not empty). */
export function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/** Truthiness of conditions (`if`, `&&`, `!`): JavaScript's. */
export function truthy(v: unknown): boolean {
  // Primitives first: only an object can be a keyword value (which is false).
  if (typeof v !== 'object') return Boolean(v);
  return v !== null && !(v instanceof ImlKeywordValue);
}

/**
 * Text form of a value inside mixed text and for string functions: strings as they are, numbers via
 * JavaScript, booleans true/false, null/undefined → "", dates → ISO 8601, buffers → UTF-8 text,
 * arrays → their elements' text joined by ", ", collections → JSON.
 */
export function toText(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return String(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return '';
    case 'bigint':
      return v.toString();
    case 'object':
      if (v === null) return '';
      if (v instanceof Date) return isNaN(v.getTime()) ? '' : v.toISOString();
      if (Buffer.isBuffer(v)) return v.toString('utf8');
      if (v instanceof ImlKeywordValue) return '';
      if (Array.isArray(v)) return v.map(toText).join(', ');
      return JSON.stringify(v);
    default:
      return '';
  }
}

/** Number from a number, numeric text, a date (ms), a boolean; NaN otherwise. */
export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? NaN : Number(t);
  }
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'boolean') return v ? 1 : 0;
  return NaN;
}

/** Number argument of a function: fails with a message when it is not one. */
export function numberArg(v: unknown, fn: string, what = 'number'): number {
  // The usual case first, small enough for V8 to inline into the template's function.
  if (typeof v === 'number' && v === v) return v;
  const n = toNumber(v);
  if (Number.isNaN(n)) throw new EvalFailure(`${fn}: ${what} must be a number, got ${describe(v)}`);
  return n;
}

export function arrayArg(v: unknown, fn: string): unknown[] {
  if (Array.isArray(v)) return v;
  throw new EvalFailure(`${fn}: expected an array, got ${describe(v)}`);
}

export function objectArg(v: unknown, fn: string): Record<string, unknown> {
  if (isPlainObject(v)) return v;
  throw new EvalFailure(`${fn}: expected a collection, got ${describe(v)}`);
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Date) return 'a date';
  if (Buffer.isBuffer(v)) return 'binary data';
  if (typeof v === 'object') return 'a collection';
  if (typeof v === 'string') return `text "${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
  return String(v);
}

/** Strict equality of the app dialect, by value for dates (two Date objects are never ===). */
export function strictEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return false;
}

/** Deep equality for distinct/deduplicate/contains on collections. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (strictEqual(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (Buffer.isBuffer(a) || Buffer.isBuffer(b))
    return Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b);
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every(
      (k) =>
        hasOwn.call(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}

/**
 * Scenario `=`: Make maps typed values, and unquoted literal text arrives as text, so a number
 * equals its numeric text and dates compare by instant; everything else is strict.
 */
export function looseEqual(a: unknown, b: unknown): boolean {
  if (strictEqual(a, b)) return true;
  if (typeof a === 'number' && typeof b === 'string') return b.trim() !== '' && Number(b) === a;
  if (typeof b === 'number' && typeof a === 'string') return a.trim() !== '' && Number(a) === b;
  if (a instanceof Date && typeof b === 'string') return a.getTime() === Date.parse(b);
  if (b instanceof Date && typeof a === 'string') return b.getTime() === Date.parse(a);
  return false;
}

/** `<` family: two texts compare as text; otherwise as numbers (dates as ms); NaN compares false. */
export function compare(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const x = toNumber(a);
  const y = toNumber(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * `+`: if either side is text, concatenation of both texts; otherwise numeric addition (dates count
 * as milliseconds, so date + number is a number of ms, as date − number is in Make).
 */
export function plus(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (typeof a === 'string' || typeof b === 'string') return toText(a) + toText(b);
  return toNumber(a) + toNumber(b);
}
