/**
 * The run API (DESIGN.md "Public API"): runModule, iterateModule, runRpc, verifyConnection. Each
 * validates its parameters first (nothing is sent on bad input), builds the IML scope and hands
 * the communication to the engine. Nothing here knows a module by name.
 */
import { BundleValidationError, RuntimeError } from '../errors';
import { prepareParameters } from '../parameters';
import type { App, ConnectionInfo, JsonObject, ModuleInfo, ParameterSpec } from '../types/app';
import {
  appConnection,
  connectionParameters,
  connectionScope,
  connectionSecrets,
  secretDataValues,
  secretParameterNames,
  type ConnectionOptions,
} from './connection-data';
import { originOf, trimTrailingSlashes } from './encode';
import { emit, execute, newState, EngineOptions, Execution, ExecutionState } from './engine';
import type { EngineEvent, Logger } from './events';
import type { RetryOptions } from './http';
import type { RateLimit } from './limiter';
import { MAKE_CAPS, Caps } from './pagination';
import type { RenderedRequest } from './render';
import { scrubError, Secrets } from './sanitize';
import { isPlainObject } from '../iml/values';
import { evaluator, Scope } from './scope';

export type { RenderedRequest } from './render';
export type { EngineEvent, Logger } from './events';
export type { ConnectionOptions } from './connection-data';

export interface RunOptions {
  /** Static + mappable values by parameter name. */
  parameters?: Record<string, unknown>;
  /** The key, and the connection's saved `response.data` (beyond DESIGN, see decisions). */
  connection?: ConnectionOptions;
  /** Base URL replacing the origin of every URL whose origin is the Base's; absent = the real API. */
  target?: string;
  /** Render the requests, send nothing. */
  dryRun?: boolean;
  /** Make's caps (100 requests, 50 pagination requests, 3,200 records); false = off. */
  limits?: { maxRequests?: number; maxPages?: number; maxRecords?: number } | false;
  /** The module's time budget (Make: 40 s). */
  timeoutMs?: number;
  /** How long opening one TCP connection may take (default 10 s); beyond DESIGN, see decisions. */
  connectTimeoutMs?: number;
  retry?: RetryOptions | false;
  /** Client-side limiter per process and API key; default on (36/s, 18 in flight) only without `target`. */
  rateLimit?: RateLimit | false;
  logger?: Logger;
  timezone?: string;
  now?: Date;
  signal?: AbortSignal;
  /** Instant triggers: the delivered webhook item the module reads as `payload` (beyond DESIGN). */
  payload?: unknown;
  /** Instant triggers: the hook it came through, `webhook.*` (id, url, the saved data). */
  webhook?: Record<string, unknown>;
}

export type Bundle = Record<string, unknown>;

export interface ModuleResult {
  moduleId: string;
  type: ModuleInfo['type'];
  /** An action yields exactly one bundle (possibly {}); a search one per item, with __IMTINDEX__/__IMTLENGTH__. */
  bundles: Bundle[];
  /** 1 per module execution, as Make counts. */
  operations: number;
  /** The rendered requests (secrets masked); filled on dryRun. */
  requests: RenderedRequest[];
}

export const MODULE_TIMEOUT_MS = 40_000;

export async function runModule(app: App, moduleId: string, opts: RunOptions = {}): Promise<ModuleResult> {
  const module = findModule(app, moduleId);
  // Triggers and responders are run by their own code (trigger/); a module's type picks it.
  const special = runByType[module.type];
  if (special) return special(app, module, opts);
  const { x, state } = capped(app, module, opts);
  const items: unknown[] = [];
  for await (const batch of execute(x, state)) for (const item of batch.items) items.push(item);
  const result: ModuleResult = {
    moduleId,
    type: module.type,
    bundles: [],
    operations: 1,
    requests: state.rendered,
  };
  if (opts.dryRun) return result;
  const output = finalOutput(x, state, items);
  if (module.type === 'search' || module.type === 'trigger') {
    const list = Array.isArray(output) ? output : output === undefined ? [] : [output];
    const bundles: Bundle[] = new Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const bundle = toBundle(list[i]);
      bundle.__IMTINDEX__ = i + 1;
      bundle.__IMTLENGTH__ = list.length;
      bundles[i] = bundle;
    }
    result.bundles = bundles;
  } else {
    result.bundles = [toBundle(output)];
  }
  return result;
}

/** Streams a search: one page in memory, no caps, no __IMTLENGTH__, no wrapper. */
export async function* iterateModule(
  app: App,
  moduleId: string,
  opts: RunOptions = {},
): AsyncGenerator<Bundle> {
  const module = findModule(app, moduleId);
  const { x, state } = moduleExecution(app, module, { ...opts, dryRun: false }, false, opts.timeoutMs);
  let index = 0;
  for await (const batch of execute(x, state)) {
    for (const item of batch.items) {
      const list = !state.iterated && Array.isArray(item) ? item : [item];
      for (const o of list) {
        const bundle = toBundle(o);
        bundle.__IMTINDEX__ = ++index;
        yield bundle;
      }
    }
    // Every stage of the engine holds this page's array until the next page arrives; it is ours and
    // read by nothing more, so emptying it lets the page go before the next one is fetched.
    batch.items.length = 0;
  }
}

/** Runs an RPC; options RPCs give `{ label, value }[]`. Receives every parameter it is given. */
export async function runRpc(app: App, rpcId: string, opts: RunOptions = {}): Promise<unknown> {
  const rpc = app.rpcs.find((r) => r.id === rpcId);
  if (!rpc) throw new RuntimeError(`Unknown RPC "${rpcId}".`);
  const parameters = prepareParameters(rpc, rpc.params, opts.parameters, {
    ...dateOpts(opts),
    keepUnknown: true,
    componentId: rpcId,
  });
  const x = execution(
    app,
    rpcId,
    rpc.communication,
    parameters,
    opts,
    capsOf(opts.limits),
    opts.timeoutMs ?? MODULE_TIMEOUT_MS,
  );
  const state = newState();
  const items: unknown[] = [];
  for await (const batch of execute(x, state)) items.push(...batch.items);
  return opts.dryRun ? state.rendered : finalOutput(x, state, items);
}

/** What verifyConnection reports: DESIGN's `{ ok, label? }`, plus `data` (beyond DESIGN, see decisions). */
export interface ConnectionCheck {
  ok: true;
  /** `response.metadata.value`: what Make shows next to the connection's name. */
  label?: string;
  /** `response.uid`: the user's id at the service; a shared webhook's deliveries are routed by it. */
  uid?: string;
  /** `response.data`: the object Make saves into the connection, secrets masked (for display). */
  data?: Record<string, unknown>;
  /**
   * The same object unmasked, to save and pass back as `connection.data`. A method, not enumerable:
   * printing, logging or serializing the check never shows the raw values.
   */
  savedData?: () => Record<string, unknown>;
}

/** Sends the connection's verification request; throws the typed error when the service refuses it. */
export async function verifyConnection(
  app: App,
  opts: Omit<RunOptions, 'parameters'> & { connection?: RunOptions['connection'] },
): Promise<ConnectionCheck> {
  const conn = appConnection(app);
  if (!conn) throw new RuntimeError('The app has no connection.');
  const entries = (
    Array.isArray(conn.communication) ? conn.communication : [conn.communication]
  ) as JsonObject[];
  // Log events wait until the saved data's secrets are known: the verification's own response
  // usually carries them (a token it saves), and they are masked in its logged body too.
  const held: EngineEvent[] = [];
  const x = connectionExecution(app, conn, entries[0], {
    ...opts,
    ...(opts.logger ? { logger: (e: EngineEvent) => held.push(e) } : {}),
  });
  const state = newState();
  try {
    for await (const batch of execute(x, state)) void batch;
    return connectionCheck(x, state);
  } catch (err) {
    throw scrubError(err, x.secrets);
  } finally {
    if (opts.logger) releaseEvents(opts.logger, held, x.secrets);
  }
}

/**
 * The engine set up for one of the connection's own requests: it sees its own values as
 * `parameters` and what it saved before as `data`; the Base does not apply to it. Never a dry run.
 */
export function connectionExecution(
  app: App,
  conn: ConnectionInfo,
  request: JsonObject | undefined,
  opts: Omit<RunOptions, 'parameters'>,
): Execution {
  const parameters = prepareParameters(conn, conn.params, connectionParameters(opts.connection), {
    componentId: conn.id,
  });
  const x = execution(
    app,
    conn.id,
    request ?? {},
    parameters,
    { ...opts, dryRun: false },
    capsOf(opts.limits),
    opts.timeoutMs ?? MODULE_TIMEOUT_MS,
  );
  x.scope.connection = {};
  x.scope.data = opts.connection?.data ?? {};
  x.answersWithCredentials = true;
  delete x.base;
  x.endpoint = { ...x.endpoint, baseUrl: undefined };
  return x;
}

function releaseEvents(logger: Logger, events: EngineEvent[], secrets: Secrets): void {
  for (const e of events) emit(logger, secrets.scrubValue(e));
}

/** The verification's result: the saved data (its secrets learnt, then masked) and the label. */
function connectionCheck(x: Execution, state: ExecutionState): ConnectionCheck {
  const check: ConnectionCheck = { ok: true };
  if (state.response.data !== undefined) {
    const data = x.ev(state.response.data, x.scope);
    if (isPlainObject(data)) {
      const saved = data as Record<string, unknown>;
      for (const secret of secretDataValues(saved)) x.secrets.add(secret);
      check.data = x.secrets.scrubValue(saved);
      Object.defineProperty(check, 'savedData', { value: () => structuredClone(saved) });
    }
  }
  const uid = x.ev(state.response.uid, x.scope);
  if (uid !== undefined && uid !== null && uid !== '') check.uid = String(uid);
  // After the data: a secret it saved is masked in the label too.
  const metadata = x.ev(state.response.metadata, x.scope);
  const value = isPlainObject(metadata) ? metadata.value : undefined;
  if (value !== undefined && value !== null && value !== '') check.label = x.secrets.scrub(String(value));
  return check;
}

/** Module types that are not a request → bundles run (set by trigger/index.ts). */
export const runByType: Partial<
  Record<ModuleInfo['type'], (app: App, module: ModuleInfo, opts: RunOptions) => Promise<ModuleResult>>
> = {};

export function findModule(app: App, moduleId: string): ModuleInfo {
  const module = app.modules.find((m) => m.id === moduleId);
  if (!module) throw new RuntimeError(`Unknown module "${moduleId}".`);
  return module;
}

/** A module's execution under Make's caps and its 40 s budget (unless the options say otherwise). */
export function capped(
  app: App,
  module: ModuleInfo,
  opts: RunOptions,
): { x: Execution; state: ExecutionState } {
  return moduleExecution(app, module, opts, capsOf(opts.limits), opts.timeoutMs ?? MODULE_TIMEOUT_MS);
}

export function moduleExecution(
  app: App,
  module: ModuleInfo,
  opts: RunOptions,
  caps: Caps | false,
  timeoutMs: number | undefined,
): { x: Execution; state: ExecutionState } {
  const specs = moduleSpecs(module);
  const parameters = prepareParameters(module, specs, opts.parameters, {
    ...dateOpts(opts),
    componentId: module.id,
  });
  if (module.type === 'universal') checkRelativeUrls(module, specs, parameters);
  const x = execution(app, module.id, module.communication, parameters, opts, caps, timeoutMs);
  if (module.type === 'universal') x.sameOriginOnly = true;
  return { x, state: newState() };
}

const combinedSpecs = new WeakMap<ModuleInfo, (ParameterSpec | string)[]>();

/** Static + mappable specs as one list, built once per module (a stable key for the caches below it). */
function moduleSpecs(module: ModuleInfo): (ParameterSpec | string)[] {
  let specs = combinedSpecs.get(module);
  if (!specs) {
    specs = [...module.staticParams, ...module.mappableParams] as (ParameterSpec | string)[];
    combinedSpecs.set(module, specs);
  }
  return specs;
}

const secretNames = new WeakMap<App, Set<string>>();

/** The password-typed parameter names of the app's connections, once per app. */
function secretNamesOf(app: App): Set<string> {
  let names = secretNames.get(app);
  if (!names) {
    names = secretParameterNames(app);
    secretNames.set(app, names);
  }
  return names;
}

export function execution(
  app: App,
  componentId: string,
  communication: ModuleInfo['communication'],
  parameters: Record<string, unknown>,
  opts: RunOptions,
  caps: Caps | false,
  timeoutMs: number | undefined,
): Execution {
  const secrets = new Secrets();
  for (const v of connectionSecrets(opts.connection, secretNamesOf(app))) secrets.add(v);
  const scope: Scope = {
    parameters,
    connection: connectionScope(opts.connection),
    common: app.common ?? {},
    temp: {},
    data: {},
  };
  const ev = evaluator({
    ...dateOpts(opts),
    ...(app.customFunctions ? { functions: app.customFunctions } : {}),
  });
  const baseUrl = app.base?.baseUrl === undefined ? undefined : ev(app.base.baseUrl, scope);
  const target = opts.target === undefined ? undefined : checkTarget(opts.target);
  const options: EngineOptions = {
    ...(opts.dryRun ? { dryRun: true } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(opts.connectTimeoutMs !== undefined
      ? { connectTimeoutMs: checkConnectTimeout(opts.connectTimeoutMs) }
      : {}),
    ...(opts.retry !== undefined ? { retry: opts.retry } : {}),
    ...(opts.rateLimit !== undefined ? { rateLimit: opts.rateLimit } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(target ? { target } : {}),
  };
  return {
    componentId,
    communication,
    base: app.base,
    scope,
    ev,
    secrets,
    caps,
    options,
    endpoint: {
      ...(typeof baseUrl === 'string' ? { baseUrl, baseOrigin: originOf(baseUrl) } : {}),
      ...(target ? { target } : {}),
    },
    ...(typeof opts.connection?.apiKey === 'string' && opts.connection.apiKey
      ? { apiKey: opts.connection.apiKey }
      : {}),
  };
}

/** The module's final output: outputs (a list when iterating) through the wrapper, if any. */
export function finalOutput(x: Execution, state: ExecutionState, items: unknown[]): unknown {
  const output = state.iterated ? items : items[0];
  if (state.response.wrapper === undefined) return output;
  x.scope.output = output;
  try {
    return x.ev(state.response.wrapper, x.scope);
  } catch (err) {
    throw scrubError(err, x.secrets);
  }
}

/**
 * A bundle from an output. Outputs are fresh values the engine built for this run (parsed bodies,
 * evaluated templates), so an object output becomes the bundle itself, decorated in place: no copy
 * per record. A frozen or shared-looking object (one already carrying __IMTINDEX__) is copied.
 */
export function toBundle(value: unknown): Bundle {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) return { value };
  return Object.isFrozen(value) || '__IMTINDEX__' in value ? { ...value } : value;
}

export function capsOf(limits: RunOptions['limits']): Caps | false {
  if (limits === false) return false;
  return { ...MAKE_CAPS, ...(limits ?? {}) };
}

export function dateOpts(opts: RunOptions): { timezone?: string; now?: Date } {
  return { ...(opts.timezone ? { timezone: opts.timezone } : {}), ...(opts.now ? { now: opts.now } : {}) };
}

function checkTarget(target: string): string {
  // A scenario passes the same target to every module execution: parsing it once is enough.
  if (checkedTarget?.given === target) return checkedTarget.checked;
  const origin = originOf(target);
  if (!origin) throw new RuntimeError(`The target "${target}" is not an http(s) URL.`);
  const checked = trimTrailingSlashes(target);
  checkedTarget = { given: target, checked };
  return checked;
}

let checkedTarget: { given: string; checked: string } | undefined;

/** A zero, negative or non-numeric connect timeout would fail every connection: refuse it up front. */
function checkConnectTimeout(ms: unknown): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) {
    throw new RuntimeError(`connectTimeoutMs must be a positive number of milliseconds (got ${String(ms)}).`);
  }
  return ms;
}

const ABSOLUTE_OR_HOST = /^\s*([a-z][a-z0-9+.-]*:|[\\/]{2})/i;

/** The universal module takes only paths on the API host: URL parameters must not name another host. */
function checkRelativeUrls(
  module: ModuleInfo,
  specs: (ParameterSpec | string)[],
  parameters: Record<string, unknown>,
): void {
  const problems = [];
  for (const spec of specs) {
    if (typeof spec === 'string' || typeof spec.name !== 'string') continue;
    if (spec.type !== 'url' && spec.name.toLowerCase() !== 'url') continue;
    const value = parameters[spec.name];
    if (typeof value === 'string' && ABSOLUTE_OR_HOST.test(value)) {
      problems.push({
        field: spec.name,
        ...(spec.label ? { label: String(spec.label) } : {}),
        message: 'must be a relative path on the API host (e.g. /v1/...), not a full URL',
      });
    }
  }
  if (problems.length) throw new BundleValidationError(problems, { componentId: module.id });
}
