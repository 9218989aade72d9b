/**
 * The HTTP transport: axios over keep-alive agents, a connect timeout per socket, a response timeout
 * per request bounded by the module's deadline (Make: 40 s per module), retries with jittered
 * exponential backoff that honour Retry-After, and the client-side limiter. Everything above this
 * file sees only a status, lower-cased headers and the raw body.
 *
 * Retrying never duplicates a write: POST, PUT and PATCH are retried only when the server cannot
 * have applied them (429, 503 — both answered before the work — or a connection that was refused,
 * timed out or never made, so no byte was sent), never after a response timeout, a reset or a 500.
 */
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import axios, { AxiosError } from 'axios';
import { ConnectionError, RuntimeError } from '../errors';
import type { Limiter } from './limiter';
import type { Secrets } from './sanitize';

export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Buffer | string;
  /** Response timeout for this request (the definition's `timeout`); capped by the module deadline. */
  timeoutMs?: number;
  followRedirects?: boolean;
  /** Called before each retry: an OAuth 1 request signs again, with a fresh nonce and timestamp. */
  beforeRetry?: () => void;
}

export interface IncomingResponse {
  statusCode: number;
  /** Lower-cased names; repeated headers joined by ", " (set-cookie kept as the first). */
  headers: Record<string, string>;
  body: Buffer;
}

export interface RetryOptions {
  /** Retries after the first attempt (default 4). */
  retries?: number;
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Total time spent waiting between attempts (default 30 s, and never past the module deadline). */
  maxTotalMs?: number;
}

export const DEFAULT_RETRY: Required<RetryOptions> = {
  retries: 4,
  minDelayMs: 250,
  maxDelayMs: 8000,
  maxTotalMs: 30_000,
};

export interface RetryEvent {
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface TransportContext {
  /** Epoch ms by which the whole module must be done. */
  deadline: number;
  timeoutMs: number;
  connectTimeoutMs: number;
  retry: Required<RetryOptions> | false;
  limiter?: Limiter;
  signal?: AbortSignal;
  secrets: Secrets;
  onRetry?: (e: RetryEvent) => void;
}

const RETRY_STATUSES = new Set([429, 502, 503, 504]);
/** Statuses a server sends before doing any work: safe to retry even a write. */
const NOT_APPLIED_STATUSES = new Set([429, 503]);
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'DELETE', 'TRACE']);

/** Failure kinds: 'unsent' failures left the server untouched, the others may not have. */
type FailureKind = 'unsent' | 'reset' | 'timeout' | 'aborted' | 'other';

/** Sockets whose TCP connection was established: a failure on any other socket left nothing sent. */
const connectedSockets = new WeakSet<Socket>();

/** Agents that destroy a socket that does not connect within `ms`, so a dead host fails fast. */
function connectTimeoutAgent<A extends http.Agent>(agent: A, ms: number): A {
  const withCreate = agent as unknown as { createConnection: (...a: unknown[]) => Socket };
  const create = withCreate.createConnection.bind(agent);
  withCreate.createConnection = (...args: unknown[]) => {
    const socket = create(...args);
    const timer = setTimeout(() => {
      const err = Object.assign(new Error(`connect timeout after ${ms} ms`), { code: 'ECONNECTTIMEOUT' });
      socket.destroy(err);
    }, ms);
    timer.unref?.();
    const clear = () => clearTimeout(timer);
    socket.once('connect', () => {
      connectedSockets.add(socket);
      clear();
    });
    socket.once('close', clear);
    return socket;
  };
  return agent;
}

interface Client {
  request: (typeof axios)['request'];
  agents: http.Agent[];
}

/**
 * One keep-alive client per connect timeout, so runs never share a setting. In practice that is one or
 * two; a caller that varies the value per run would pile up agents and idle sockets, so only the most
 * recently used few are kept and an evicted one is retired.
 */
const clients = new Map<number, Client>();
export const MAX_CLIENTS = 4;

function clientFor(connectTimeoutMs: number): Client {
  let client = clients.get(connectTimeoutMs);
  if (client) {
    clients.delete(connectTimeoutMs); // re-inserted below: Map order is least recently used first
  } else {
    const agents = [
      connectTimeoutAgent(new http.Agent({ keepAlive: true, maxSockets: 64 }), connectTimeoutMs),
      connectTimeoutAgent(new https.Agent({ keepAlive: true, maxSockets: 64 }), connectTimeoutMs),
    ];
    const instance = axios.create({
      httpAgent: agents[0],
      httpsAgent: agents[1],
      proxy: false,
      responseType: 'arraybuffer',
      decompress: true,
      validateStatus: () => true,
      transformRequest: [(data: unknown) => data],
      transformResponse: [(data: unknown) => data],
      maxContentLength: Infinity,
      maxBodyLength: Infinity,
    });
    client = { request: instance.request.bind(instance), agents };
  }
  clients.set(connectTimeoutMs, client);
  if (clients.size > MAX_CLIENTS) {
    const [oldest, evicted] = clients.entries().next().value as [number, Client];
    clients.delete(oldest);
    retire(evicted);
  }
  return client;
}

/** Closes an evicted client's idle sockets; sockets still serving a request close when it ends. */
function retire(client: Client): void {
  for (const agent of client.agents) {
    // Node's Agent reads `keepAlive` when a socket is freed: false destroys it instead of pooling it.
    (agent as http.Agent & { keepAlive: boolean }).keepAlive = false;
    for (const sockets of Object.values(agent.freeSockets)) for (const s of sockets ?? []) s.destroy();
  }
}

/** Sends one request with retries; resolves with any HTTP response, rejects only on transport failure. */
export async function send(req: OutgoingRequest, ctx: TransportContext): Promise<IncomingResponse> {
  const client = clientFor(ctx.connectTimeoutMs);
  const method = req.method.toUpperCase();
  const policy = ctx.retry || { ...DEFAULT_RETRY, retries: 0 };
  let waited = 0;
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) req.beforeRetry?.();
    const remaining = ctx.deadline - Date.now();
    if (remaining <= 0) throw moduleTimeout(ctx);
    let response: IncomingResponse | undefined;
    let failure: { kind: FailureKind; message: string } | undefined;
    if (ctx.limiter) await ctx.limiter.acquire(ctx.signal).catch((err) => abortOr(err, ctx));
    try {
      response = await attemptOnce(
        client,
        req,
        method,
        Math.min(req.timeoutMs ?? ctx.timeoutMs, remaining),
        ctx.signal,
      );
    } catch (err) {
      failure = classify(err);
    } finally {
      ctx.limiter?.release();
    }
    if (failure?.kind === 'aborted') throw aborted(ctx);
    const retryable = response
      ? RETRY_STATUSES.has(response.statusCode) &&
        (IDEMPOTENT.has(method) || NOT_APPLIED_STATUSES.has(response.statusCode))
      : failure!.kind === 'unsent' ||
        (IDEMPOTENT.has(method) && (failure!.kind === 'reset' || failure!.kind === 'timeout'));
    if (retryable && attempt < policy.retries) {
      const retryAfter = response ? retryAfterMs(response.headers['retry-after']) : undefined;
      const base = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** attempt);
      const delay = Math.max(retryAfter ?? 0, Math.round(base / 2 + (Math.random() * base) / 2));
      if (waited + delay <= policy.maxTotalMs && Date.now() + delay < ctx.deadline) {
        waited += delay;
        ctx.onRetry?.({
          attempt: attempt + 1,
          delayMs: delay,
          reason: response ? `HTTP ${response.statusCode}` : failure!.message,
        });
        await sleep(delay, ctx.signal).catch((err) => abortOr(err, ctx));
        continue;
      }
    }
    if (response) return response;
    const err = new ConnectionError(ctx.secrets.scrub(`${method} ${req.url} failed: ${failure!.message}`));
    if (failure!.kind !== 'unsent' && mayHaveApplied(method)) err.outcome = 'unknown';
    throw err;
  }
}

/**
 * Could a write have been applied although it failed? Only a method that is not idempotent, and only
 * when the request left (any failure but a connection never made) or the answer was a 5xx that servers
 * send after doing work (not 429/503, which come before it).
 */
export function mayHaveApplied(method: string, status?: number): boolean {
  if (IDEMPOTENT.has(method.toUpperCase())) return false;
  return status === undefined || (status >= 500 && !NOT_APPLIED_STATUSES.has(status));
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/**
 * One attempt, following redirects here rather than in axios: its follow-redirects wrapper costs
 * more CPU per request than the rest of the engine together. 303 (and 301/302 after a POST) become a
 * GET without body, as browsers and `request` do; credentials are not sent to another origin.
 */
async function attemptOnce(
  client: Client,
  req: OutgoingRequest,
  method: string,
  timeout: number,
  signal?: AbortSignal,
): Promise<IncomingResponse> {
  const started = Date.now();
  let current = { method, url: req.url, headers: req.headers, body: req.body };
  for (let hop = 0; ; hop++) {
    const res = await client.request({
      method: current.method,
      url: current.url,
      headers: current.headers,
      data: current.body,
      timeout: Math.max(1, timeout - (Date.now() - started)),
      signal,
      maxRedirects: 0,
    });
    const headers = plainHeaders(res.headers as Record<string, unknown>);
    const response = {
      statusCode: res.status,
      headers,
      body: Buffer.isBuffer(res.data) ? res.data : Buffer.from(res.data as ArrayBuffer),
    };
    const location = headers.location;
    if (req.followRedirects === false || !REDIRECTS.has(res.status) || !location || hop >= MAX_REDIRECTS)
      return response;
    const next = new URL(location, current.url).toString();
    const toGet =
      res.status === 303 || ((res.status === 301 || res.status === 302) && current.method === 'POST');
    const sameOrigin = new URL(next).origin === new URL(current.url).origin;
    const nextHeaders: Record<string, string> = {};
    for (const [k, v] of Object.entries(current.headers)) {
      const name = k.toLowerCase();
      if (!sameOrigin && (name === 'authorization' || name === 'cookie')) continue;
      if (toGet && (name === 'content-type' || name === 'content-length')) continue;
      nextHeaders[k] = v;
    }
    current = {
      method: toGet ? 'GET' : current.method,
      url: next,
      headers: nextHeaders,
      body: toGet ? undefined : current.body,
    };
  }
}

function plainHeaders(raw: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined || v === null) continue;
    const name = k.toLowerCase();
    headers[name] = Array.isArray(v) ? (name === 'set-cookie' ? String(v[0]) : v.join(', ')) : String(v);
  }
  return headers;
}

function classify(err: unknown): { kind: FailureKind; message: string } {
  const e = err as AxiosError & { cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  if (axios.isCancel(err) || code === 'ERR_CANCELED') return { kind: 'aborted', message: 'aborted' };
  const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ECONNECTTIMEOUT';
  if (neverConnected(e) || UNSENT_CODES.has(code)) {
    // No TCP connection, so not a byte of the request left: even a write is safe to send again.
    return {
      kind: 'unsent',
      message: timedOut ? 'connection timed out' : `connection failed (${code || 'not connected'})`,
    };
  }
  if (timedOut) return { kind: 'timeout', message: 'no response in time' };
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(e.message ?? '')) {
    return { kind: 'reset', message: 'connection reset by the server' };
  }
  return { kind: 'other', message: `${code || 'request failed'}` };
}

const UNSENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNECTTIMEOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** The failed request never had a connected socket (a response timeout may fire while connecting). */
function neverConnected(e: AxiosError): boolean {
  const request = e.request as { socket?: Socket | null } | undefined;
  if (!request || typeof request !== 'object') return false;
  return !(request.socket && connectedSockets.has(request.socket));
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function retryAfterMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortOr(err: unknown, ctx: TransportContext): never {
  if (ctx.signal?.aborted) throw aborted(ctx);
  throw err;
}

function aborted(_ctx: TransportContext): RuntimeError {
  return new RuntimeError('The run was aborted.');
}

function moduleTimeout(ctx: TransportContext): ConnectionError {
  return new ConnectionError(`The module did not finish within ${Math.round(ctx.timeoutMs / 1000)} s.`);
}
