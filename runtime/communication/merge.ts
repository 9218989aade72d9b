/**
 * The Base merged into each request, key by key, the request winning (decided in issue 4): headers,
 * qs and `oauth` (OAuth 1 signing: the Base's keys, a module's method) merge by name, `response`
 * merges by directive and `response.error` by status, `log.sanitize` lists are joined (a module
 * must not drop the Base's masking). Merged requests are cached per (Base, request) pair so their
 * templates keep one identity and compile once.
 */
import type { JsonObject, JsonValue } from '../types/app';

/** Request keys the Base provides that are not request directives. */
const BASE_ONLY = new Set(['baseUrl']);

const cache = new WeakMap<object, WeakMap<object, JsonObject>>();

export function mergeBase(base: JsonObject | undefined, request: JsonObject): JsonObject {
  if (!base) return request;
  let perBase = cache.get(base);
  if (!perBase) {
    // An empty Base merges nothing (its requests are not cached either).
    if (Object.keys(base).length === 0) return request;
    perBase = new WeakMap();
    cache.set(base, perBase);
  }
  let merged = perBase.get(request);
  if (!merged) {
    merged = merge(base, request);
    perBase.set(request, merged);
  }
  return merged;
}

function merge(base: JsonObject, request: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(base)) if (!BASE_ONLY.has(k)) out[k] = v;
  for (const [k, v] of Object.entries(request)) {
    const b = out[k];
    if (k === 'headers' || k === 'qs' || k === 'oauth')
      out[k] = isObject(b) && isObject(v) ? { ...b, ...v } : v;
    else if (k === 'response') out[k] = isObject(b) && isObject(v) ? mergeResponse(b, v) : v;
    else if (k === 'log') out[k] = isObject(b) && isObject(v) ? mergeLog(b, v) : v;
    else out[k] = v;
  }
  return out;
}

function mergeResponse(base: JsonObject, response: JsonObject): JsonObject {
  const out: JsonObject = { ...base, ...response };
  if (isObject(base.error) && isObject(response.error)) out.error = { ...base.error, ...response.error };
  return out;
}

function mergeLog(base: JsonObject, log: JsonObject): JsonObject {
  const out: JsonObject = { ...base, ...log };
  if (Array.isArray(base.sanitize) && Array.isArray(log.sanitize)) {
    out.sanitize = [...new Set([...base.sanitize, ...log.sanitize])];
  }
  return out;
}

function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
