/**
 * Request building: evaluate a (Base-merged) request's directives against the scope, apply the
 * pagination overrides for later pages, then encode URL, query, headers and body into what the
 * transport sends. Also renders requests for dry-run and logs (secrets masked) with a curl line.
 */
import { RuntimeError } from '../errors';
import type { JsonObject } from '../types/app';
import { appendQuery, encodeBody, encodeHeaders, encodeQuery, encodeUrl, joinUrl, retarget } from './encode';
import type { OutgoingRequest } from './http';
import { isSecretHeader, maskHeaders, maskPaths, Secrets } from './sanitize';
import { isPlainObject } from '../iml/values';
import { Evaluate, Scope } from './scope';

/** A request's evaluated directives, before encoding. */
export interface Directives {
  url: string;
  method: string;
  headers: Record<string, unknown>;
  qs: Record<string, unknown>;
  body: unknown;
  type?: string;
}

export interface Endpoint {
  /** The Base's evaluated baseUrl (absent for the connection). */
  baseUrl?: string;
  /** The Base's origin: URLs with it are retargeted. */
  baseOrigin?: string;
  target?: string;
}

export interface Prepared {
  directives: Directives;
  outgoing: OutgoingRequest;
  /** method + URL + body: two consecutive pages with the same signature are a pagination loop. */
  signature: string;
}

export function evaluateDirectives(req: JsonObject, scope: Scope, ev: Evaluate): Directives {
  const plan = planOf(req);
  const url = plan.url ?? ev(req.url, scope);
  if (typeof url !== 'string' || url === '') throw new RuntimeError('The request has no URL.');
  return {
    url,
    method: plan.method ?? String(ev(req.method, scope) ?? 'GET').toUpperCase(),
    headers: objectOf(ev(req.headers, scope)),
    qs: req.qs === undefined ? {} : objectOf(ev(req.qs, scope)),
    body: ev(req.body, scope),
    type: plan.fixedType ? plan.type : stringOf(ev(req.type, scope)),
  };
}

/** The directives a request definition fixes without templates, worked out once per (Base-merged) request. */
interface DirectivePlan {
  url?: string;
  method?: string;
  /** `type` holds no template: `type` is its value for every request. */
  fixedType: boolean;
  type?: string;
}

const plans = new WeakMap<JsonObject, DirectivePlan>();

/** A string without `{{` evaluates to itself, and so does any other value that is not an object. */
const isFixed = (v: unknown): boolean =>
  typeof v === 'string' ? !v.includes('{{') : v === null || typeof v !== 'object';

function planOf(req: JsonObject): DirectivePlan {
  let plan = plans.get(req);
  if (!plan) {
    plan = { fixedType: isFixed(req.type) };
    if (typeof req.url === 'string' && isFixed(req.url)) plan.url = req.url;
    if (isFixed(req.method)) plan.method = String(req.method ?? 'GET').toUpperCase();
    if (plan.fixedType) plan.type = stringOf(req.type);
    plans.set(req, plan);
  }
  return plan;
}

/**
 * The next page's directives (§4.4): url, method and body override the original when given; headers
 * and qs merge into the original's (pagination wins) with mergeWithParent (default true). Without
 * it, qs and body come only from pagination; headers still merge so authentication survives.
 */
export function paginationDirectives(
  first: Directives,
  pagination: JsonObject,
  scope: Scope,
  ev: Evaluate,
): Directives {
  const merge = ev(pagination.mergeWithParent, scope) !== false;
  const url = ev(pagination.url, scope);
  const method = ev(pagination.method, scope);
  const body = 'body' in pagination ? ev(pagination.body, scope) : merge ? first.body : undefined;
  const qs = objectOf(ev(pagination.qs, scope));
  return {
    url: typeof url === 'string' && url !== '' ? url : first.url,
    method: typeof method === 'string' && method !== '' ? method.toUpperCase() : first.method,
    headers: { ...first.headers, ...objectOf(ev(pagination.headers, scope)) },
    qs: merge ? { ...first.qs, ...qs } : qs,
    body,
    type: first.type,
  };
}

export function prepare(
  d: Directives,
  req: JsonObject,
  endpoint: Endpoint,
  timeoutMs: number | undefined,
): Prepared {
  const url = appendQuery(endpointUrl(d.url, req, endpoint), encodeQuery(d.qs));
  const headers = encodeHeaders(d.headers);
  const encoded = encodeBody(d.method, d.type, d.body);
  // encodeHeaders Title-Cases every name: any spelling of content-type is this key.
  if (encoded.contentType && !Object.prototype.hasOwnProperty.call(headers, 'Content-Type')) {
    headers['Content-Type'] = encoded.contentType;
  }
  const timeout = typeof req.timeout === 'number' ? req.timeout : timeoutMs;
  const outgoing: OutgoingRequest = { method: d.method, url, headers };
  if (encoded.body !== undefined) outgoing.body = encoded.body;
  if (timeout !== undefined) outgoing.timeoutMs = timeout;
  if (req.followRedirects === false || (d.method !== 'GET' && req.followAllRedirects === false))
    outgoing.followRedirects = false;
  const bodyText =
    encoded.body === undefined
      ? ''
      : Buffer.isBuffer(encoded.body)
        ? encoded.body.toString('base64')
        : encoded.body;
  return { directives: d, outgoing, signature: `${d.method} ${url} ${bodyText}` };
}

/** The URL a template-free request definition was last sent to, before its query string, and what it was made from. */
interface UrlMemo {
  url: string;
  baseUrl: string | undefined;
  baseOrigin: string | undefined;
  target: string | undefined;
  full: string;
}

const lastUrls = new WeakMap<JsonObject, UrlMemo>();

/**
 * The request's URL against the endpoint (baseUrl, target, encodeUrl). A definition whose URL has no
 * template sends every request to the same URL, so its result is kept per (Base-merged) request
 * definition and reused while the endpoint is the same. A URL made by a template (ids, a next page's
 * link, anything from parameters or the connection) is joined afresh and never kept past its run.
 */
function endpointUrl(url: string, req: JsonObject, endpoint: Endpoint): string {
  if (planOf(req).url !== url) return joinedUrl(url, req, endpoint);
  const memo = lastUrls.get(req);
  if (
    memo !== undefined &&
    memo.url === url &&
    memo.baseUrl === endpoint.baseUrl &&
    memo.baseOrigin === endpoint.baseOrigin &&
    memo.target === endpoint.target
  )
    return memo.full;
  const full = joinedUrl(url, req, endpoint);
  const { baseUrl, baseOrigin, target } = endpoint;
  lastUrls.set(req, { url, baseUrl, baseOrigin, target, full });
  return full;
}

function joinedUrl(url: string, req: JsonObject, endpoint: Endpoint): string {
  const full = retarget(joinUrl(endpoint.baseUrl, url), endpoint.baseOrigin, endpoint.target);
  return req.encodeUrl !== false ? encodeUrl(full) : full;
}

/** What dry-run and the logger show of a request. */
export interface RenderedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  curl: string;
}

/** Learns the credentials a prepared request carries, so every later output can scrub them. */
export function learnSecrets(p: Prepared, sanitize: string[][], secrets: Secrets): void {
  for (const [name, value] of Object.entries(p.outgoing.headers)) {
    if (isSecretHeader(name)) secrets.addHeaderValue(value);
  }
  for (const path of sanitize) {
    if (path[0] !== 'request' || path.length !== 3) continue;
    const where =
      path[1] === 'headers'
        ? p.directives.headers
        : path[1] === 'qs'
          ? p.directives.qs
          : path[1] === 'body'
            ? p.directives.body
            : undefined;
    if (!isPlainObject(where)) continue;
    for (const [k, v] of Object.entries(where)) {
      if (k.toLowerCase() !== path[2]) continue;
      if (path[1] === 'headers') secrets.addHeaderValue(v);
      else secrets.add(v);
    }
  }
}

export function render(p: Prepared, sanitize: string[][], secrets: Secrets): RenderedRequest {
  const url = secrets.scrub(p.outgoing.url);
  const headers = secrets.scrubValue(
    maskHeaders(maskPaths('request', { headers: p.outgoing.headers }, sanitize).headers),
  ) as Record<string, string>;
  let body: unknown;
  if (p.outgoing.body !== undefined) {
    const masked = maskPaths('request', { body: p.directives.body }, sanitize).body;
    body = Buffer.isBuffer(masked) ? `<${masked.length} bytes>` : secrets.scrubValue(masked);
  }
  const rendered: RenderedRequest = { method: p.outgoing.method, url, headers, curl: '' };
  if (body !== undefined) rendered.body = body;
  rendered.curl = curlOf(rendered, p.outgoing.body, secrets);
  return rendered;
}

function curlOf(r: RenderedRequest, raw: Buffer | string | undefined, secrets: Secrets): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const parts = ['curl', '-X', r.method, q(r.url)];
  for (const [k, v] of Object.entries(r.headers)) parts.push('-H', q(`${k}: ${v}`));
  if (raw !== undefined) {
    const text = Buffer.isBuffer(raw)
      ? `<${raw.length} bytes of ${r.headers['Content-Type'] ?? 'data'}>`
      : secrets.scrub(raw);
    parts.push(
      '--data-raw',
      q(
        typeof r.body === 'object' &&
          !Buffer.isBuffer(raw) &&
          r.headers['Content-Type'] === 'application/json'
          ? JSON.stringify(r.body)
          : text,
      ),
    );
  }
  return parts.join(' ');
}

function objectOf(v: unknown): Record<string, unknown> {
  return isPlainObject(v) ? v : {};
}

function stringOf(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
