/**
 * The communication engine: runs one module's, RPC's or connection's communication as Make does
 * (make-format.md §4.3). For each request of the (Base-merged) chain: temp → condition → request →
 * parse → response.temp → error/valid → iterate/output → pagination → repeat. Outputs stream out
 * page by page; the chain's result is the last executed entry's output.
 */
import { BundleValidationError, MakeError, RateLimitError } from '../errors';
import type { Communication, JsonObject } from '../types/app';
import type { EngineEvent, Logger } from './events';
import { credentialsInAnswer } from './connection-data';
import { originOf } from './encode';
import { mayHaveApplied, retryAfterMs, send, DEFAULT_RETRY, RetryOptions, TransportContext } from './http';
import { limiterFor, DEFAULT_RATE_LIMIT, RateLimit } from './limiter';
import { mergeBase } from './merge';
import { signOAuth1 } from './oauth1';
import { paginate, Caps, Counters, PageIO } from './pagination';
import {
  evaluateDirectives,
  learnSecrets,
  prepare,
  render,
  Directives,
  Endpoint,
  Prepared,
  RenderedRequest,
} from './render';
import {
  defaultErrorMessage,
  defaultErrorType,
  excerpt,
  makeError,
  parseBody,
  responseTypeFor,
} from './response';
import { maskHeaders, maskPaths, parseSanitizePath, scrubError, Secrets } from './sanitize';
import { isPlainObject } from '../iml/values';
import { mergeTemp, Evaluate, Scope } from './scope';

export interface EngineOptions {
  target?: string;
  dryRun?: boolean;
  /** Module deadline in ms (Make: 40 s); undefined = none (streaming). */
  timeoutMs?: number;
  /** Response timeout of one request when the definition gives none. */
  requestTimeoutMs?: number;
  connectTimeoutMs?: number;
  retry?: RetryOptions | false;
  rateLimit?: RateLimit | false;
  logger?: Logger;
  signal?: AbortSignal;
}

export interface Execution {
  componentId: string;
  communication: Communication;
  /** The Base, merged into every request (absent for the connection). */
  base?: JsonObject;
  endpoint: Endpoint;
  scope: Scope;
  ev: Evaluate;
  secrets: Secrets;
  caps: Caps | false;
  /** Universal module: every request must stay on the API host. */
  sameOriginOnly?: boolean;
  /** The API key, for the per-key limiter. */
  apiKey?: string;
  /**
   * A polling trigger's run (trigger.ts): the caller picks the new items itself, so the last request's
   * items are not cut to `response.limit`, and each comes with its `response.trigger` id and date.
   */
  triggerKeys?: boolean;
  /** OAuth 1 values an earlier step of a connection gave (its `response.oauth`), under `oauth`'s own. */
  oauth1?: Record<string, unknown>;
  /**
   * A connection's own request (preauthorize, token, refresh, info): its answer carries credentials,
   * so the values under credential-named keys are secrets before anything is logged, whether or not
   * the definition's `log.sanitize` names them.
   */
  answersWithCredentials?: boolean;
  options: EngineOptions;
}

/** One item's `response.trigger` id and date, evaluated with `item` = the item as the API sent it. */
export interface TriggerKey {
  id: unknown;
  date?: unknown;
}

export interface Batch {
  items: unknown[];
  /** Trigger runs: each item's key, index for index. */
  keys?: TriggerKey[];
}

/** Filled while executing: what the caller needs after the last batch. */
export interface ExecutionState {
  /** The response directives of the entry whose outputs are the result (wrapper, metadata, data). */
  response: JsonObject;
  /** That entry iterated: its output is a list. */
  iterated: boolean;
  rendered: RenderedRequest[];
  counters: Counters;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 40_000;

export function newState(): ExecutionState {
  return { response: {}, iterated: false, rendered: [], counters: { requests: 0 } };
}

/** Runs the chain; yields the result entry's outputs page by page. */
export async function* execute(x: Execution, state: ExecutionState): AsyncGenerator<Batch> {
  try {
    yield* executeChain(x, state);
  } catch (err) {
    throw scrubError(err, x.secrets);
  }
}

async function* executeChain(x: Execution, state: ExecutionState): AsyncGenerator<Batch> {
  const entries = (Array.isArray(x.communication) ? x.communication : [x.communication]) as JsonObject[];
  const transport = transportFor(x);
  let held: { batches: Batch[]; response: JsonObject; iterated: boolean } | undefined;
  for (let i = 0; i < entries.length; i++) {
    const isLast = i === entries.length - 1;
    const run = runEntry(x, entries[i], isLast, state, transport);
    if (!isLast) {
      const batches: Batch[] = [];
      let r = await run.next();
      for (; !r.done; r = await run.next()) batches.push(r.value);
      if (r.value !== 'skipped') held = { batches, response: state.response, iterated: state.iterated };
      continue;
    }
    let r = await run.next();
    for (; !r.done; r = await run.next()) yield r.value;
    if (r.value === 'skipped' && held) {
      Object.assign(state, { response: held.response, iterated: held.iterated });
      yield* held.batches;
    }
  }
}

type EntryEnd = 'done' | 'skipped';

async function* runEntry(
  x: Execution,
  entry: JsonObject,
  isLast: boolean,
  state: ExecutionState,
  transport: TransportContext,
): AsyncGenerator<Batch, EntryEnd> {
  const { scope, ev } = x;
  const req = mergeBase(x.base, entry);
  if (req.temp !== undefined) mergeTemp(scope.temp, ev(req.temp, scope));
  if ('condition' in req) {
    const c = req.condition;
    const shape = isPlainObject(c) && 'condition' in c ? c : { condition: c };
    if (!ev(shape.condition, scope)) {
      if (shape.default === undefined) return 'skipped';
      state.response = {};
      state.iterated = false;
      yield { items: [ev(shape.default, scope)] };
      return 'done';
    }
  }
  const response = isPlainObject(req.response) ? (req.response as JsonObject) : {};
  state.response = response;
  state.iterated = 'iterate' in response;
  const trigger =
    x.triggerKeys && isLast && isPlainObject(response.trigger) ? (response.trigger as JsonObject) : undefined;
  const io = pageIO(x, req, response, state, transport, trigger);
  const batch = (items: unknown[]): Batch =>
    trigger ? { items, keys: io.keys().slice(0, items.length) } : { items };
  if (req.url === undefined) {
    // Request-less entry: only temp, condition and response.output (and its temp/iterate) apply.
    if (response.temp !== undefined) mergeTemp(scope.temp, ev(response.temp, scope));
    yield batch(io.read().items);
    return 'done';
  }
  const limit = isLast && !trigger ? numberOrUndefined(ev(response.limit, scope)) : undefined;
  const repeat = isPlainObject(req.repeat) ? (req.repeat as JsonObject) : undefined;
  const sanitize = sanitizePaths(req);
  for (let runs = 1; ; runs++) {
    const first: Directives = evaluateDirectives(req, scope, ev);
    const pages = paginate({
      first,
      pagination: isPlainObject(req.pagination) ? (req.pagination as JsonObject) : undefined,
      limit,
      caps: x.caps,
      counters: state.counters,
      scope,
      ev,
      io: { ...io, prepare: (d) => prepareChecked(x, d, req, sanitize) },
    });
    if (!repeat) {
      for await (const items of pages) yield batch(items);
      return 'done';
    }
    // repeat: the module's output is the last run's (§4.2); its condition sees temp, not body.
    const batches: Batch[] = [];
    for await (const items of pages) batches.push(batch(items));
    const again = ev(repeat.condition, {
      ...scope,
      body: undefined,
      headers: undefined,
      statusCode: undefined,
    });
    const max = typeof repeat.limit === 'number' ? repeat.limit : Infinity;
    if (
      !again ||
      runs >= max ||
      x.options.dryRun ||
      (x.caps && state.counters.requests >= x.caps.maxRequests)
    ) {
      yield* batches;
      return 'done';
    }
    if (typeof repeat.delay === 'number' && repeat.delay > 0) await delay(repeat.delay, x.options.signal);
  }
}

function prepareChecked(x: Execution, d: Directives, req: JsonObject, sanitize: string[][]): Prepared {
  const p = prepare(d, req, x.endpoint, undefined);
  // Make's `oauth` directive (OAuth 1): signs what is sent, so after encoding (oauth1.ts).
  if (req.oauth !== undefined)
    signOAuth1(p.outgoing, x.ev(req.oauth, x.scope), x.secrets, { carried: x.oauth1 });
  learnSecrets(p, sanitize, x.secrets);
  if (x.sameOriginOnly) {
    const allowed = x.endpoint.target ? originOf(x.endpoint.target) : x.endpoint.baseOrigin;
    if (originOf(p.outgoing.url) !== allowed) {
      throw new BundleValidationError(
        [{ field: 'url', message: 'must be a relative path on the API host (e.g. /v1/...)' }],
        {
          componentId: x.componentId,
        },
      );
    }
  }
  return p;
}

function pageIO(
  x: Execution,
  req: JsonObject,
  response: JsonObject,
  state: ExecutionState,
  transport: TransportContext,
  trigger?: JsonObject,
): Omit<PageIO, 'prepare'> & { keys(): TriggerKey[] } {
  const { scope, ev, secrets } = x;
  const log = x.options.logger;
  const sanitize = sanitizePaths(req);
  const keyOf = (item: unknown): TriggerKey => {
    scope.item = item;
    const key: TriggerKey = { id: ev(trigger!.id, scope) };
    if (trigger!.date !== undefined) key.date = ev(trigger!.date, scope);
    return key;
  };
  // The current page's keys (a trigger's run): read() fills them beside the items.
  let keys: TriggerKey[] = [];
  return {
    keys: () => keys,
    async fetch(p: Prepared): Promise<boolean> {
      const rendered = x.options.dryRun || log ? render(p, sanitize, secrets) : undefined;
      if (x.options.dryRun) {
        state.rendered.push(rendered!);
        return false;
      }
      if (log)
        emit(log, {
          type: 'request',
          componentId: x.componentId,
          method: rendered!.method,
          url: rendered!.url,
          headers: rendered!.headers,
          ...(rendered!.body !== undefined ? { body: rendered!.body } : {}),
        });
      state.counters.requests++;
      // The previous page's response is read by nothing from here on (the pagination templates have
      // been evaluated): letting it go now keeps one page in memory while the next one arrives.
      scope.body = scope.headers = scope.statusCode = scope.iterate = undefined;
      const started = Date.now();
      const res = await send(p.outgoing, { ...transport, limiter: limiterOf(x, p.outgoing.url) });
      const body = parseBody(res, responseTypeFor(ev(response.type, scope), res.statusCode));
      if (x.answersWithCredentials) for (const secret of credentialsInAnswer(body)) secrets.add(secret);
      if (log) {
        // `log.sanitize` paths under `response.` (e.g. response.body.access_token) are masked too.
        const shown = maskPaths('response', { headers: res.headers, body }, sanitize);
        emit(log, {
          type: 'response',
          componentId: x.componentId,
          method: p.outgoing.method,
          url: rendered!.url,
          statusCode: res.statusCode,
          headers: secrets.scrubValue(maskHeaders(shown.headers)),
          durationMs: Date.now() - started,
          ...(shown.body !== undefined ? { body: excerpt(shown.body, secrets) } : {}),
        });
      }
      scope.body = body;
      scope.headers = res.headers;
      scope.statusCode = res.statusCode;
      if (response.temp !== undefined) mergeTemp(scope.temp, ev(response.temp, scope));
      try {
        checkResponse(x, response, res.statusCode, res.headers);
      } catch (err) {
        if (err instanceof MakeError && mayHaveApplied(p.outgoing.method, res.statusCode))
          err.outcome = 'unknown';
        throw err;
      }
      return true;
    },
    read() {
      if (trigger) keys = [];
      if (!('iterate' in response)) {
        const out = 'output' in response ? ev(response.output, scope) : scope.body;
        if (trigger) {
          // A trigger without iterate: an array output is the list of items.
          const list = Array.isArray(out) ? out : out === undefined ? [] : [out];
          keys = list.map(keyOf);
          scope.item = undefined;
          return { items: list, containerSize: list.length };
        }
        // Without `iterate` a page is one item; an empty array output is an empty page, so pagination stops.
        const empty = out === undefined || (Array.isArray(out) && out.length === 0);
        return { items: out === undefined ? [] : [out], containerSize: empty ? 0 : 1 };
      }
      const it = response.iterate;
      const shape = isPlainObject(it) ? it : { container: it };
      const value = ev(shape.container, scope);
      const container = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
      scope.iterate = { container: { first: container[0], last: container[container.length - 1] } };
      const items: unknown[] = [];
      const hasOutput = 'output' in response;
      for (const item of container) {
        scope.item = item;
        if (shape.condition !== undefined && !ev(shape.condition, scope)) continue;
        const out = hasOutput ? ev(response.output, scope) : item;
        if (out === undefined) continue;
        items.push(out);
        if (trigger) keys.push(keyOf(item));
      }
      scope.item = undefined;
      return { items, containerSize: container.length };
    },
    onCap(cap, value) {
      if (log) emit(log, { type: 'cap', componentId: x.componentId, cap, value });
    },
  };
}

/** Error vs valid with Make's precedence (§4.2). */
function checkResponse(
  x: Execution,
  response: JsonObject,
  status: number,
  headers: Record<string, string>,
): void {
  const { scope, ev } = x;
  const error =
    typeof response.error === 'string'
      ? { message: response.error }
      : isPlainObject(response.error)
        ? (response.error as JsonObject)
        : {};
  const perStatus = isPlainObject(error[String(status)]) ? (error[String(status)] as JsonObject) : {};
  let messages: unknown[];
  let types: unknown[];
  let fallbackMessage: string;
  if (status >= 400) {
    messages = [perStatus.message, error.message];
    types = [perStatus.type, error.type, defaultErrorType(status)];
    fallbackMessage = defaultErrorMessage(status, scope.body);
  } else {
    if (!('valid' in response)) return;
    const v = response.valid;
    const shape = isPlainObject(v) && 'condition' in v ? v : { condition: v };
    if (ev(shape.condition, scope)) return;
    messages = [shape.message, perStatus.message, error.message];
    types = [shape.type, perStatus.type, error.type, 'RuntimeError'];
    fallbackMessage = 'Response marked as invalid.';
  }
  const err = makeError(
    {
      status,
      body: scope.body,
      fallbackMessage,
      componentId: x.componentId,
      messages: [firstEvaluated(messages, scope, ev)],
      types: [firstEvaluated(types, scope, ev)],
    },
    x.secrets,
  );
  if (err instanceof RateLimitError) {
    const after = retryAfterMs(headers['retry-after']);
    if (after !== undefined) err.retryAfter = Math.ceil(after / 1000);
  }
  throw err;
}

/** Evaluates templates in order until one gives a non-empty value (a broken template falls through). */
function firstEvaluated(templates: unknown[], scope: Scope, ev: Evaluate): unknown {
  for (const t of templates) {
    if (t === undefined) continue;
    try {
      const v = ev(t, scope);
      if (v !== undefined && v !== null && v !== '') return v;
    } catch {
      // fall through to the next candidate
    }
  }
  return undefined;
}

function transportFor(x: Execution): TransportContext {
  const o = x.options;
  return {
    deadline: o.timeoutMs === undefined ? Infinity : Date.now() + o.timeoutMs,
    timeoutMs:
      o.requestTimeoutMs ?? Math.min(o.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS),
    connectTimeoutMs: o.connectTimeoutMs ?? 10_000,
    retry: o.retry === false ? false : { ...DEFAULT_RETRY, ...(o.retry ?? {}) },
    ...(o.signal ? { signal: o.signal } : {}),
    secrets: x.secrets,
    ...(o.logger
      ? {
          onRetry: (e) =>
            emit(o.logger!, {
              type: 'retry',
              componentId: x.componentId,
              attempt: e.attempt,
              delayMs: e.delayMs,
              reason: x.secrets.scrub(e.reason),
            }),
        }
      : {}),
  };
}

/** The limiter: explicit options win; by default on only when no `target` redirects the requests. */
function limiterOf(x: Execution, url: string) {
  const rl = x.options.rateLimit;
  if (rl === false || (rl === undefined && x.endpoint.target)) return undefined;
  return limiterFor(originOf(url) ?? '', x.apiKey, rl ?? DEFAULT_RATE_LIMIT);
}

function sanitizePaths(req: JsonObject): string[][] {
  const log = isPlainObject(req.log) ? (req.log as JsonObject) : {};
  return Array.isArray(log.sanitize)
    ? log.sanitize.filter((s): s is string => typeof s === 'string').map(parseSanitizePath)
    : [];
}

/** Hands an event to the caller's logger; a failing logger must not fail the run. */
export function emit(logger: Logger, e: EngineEvent): void {
  try {
    logger(e);
  } catch {
    // a failing logger must not fail the run
  }
}

function numberOrUndefined(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined;
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
