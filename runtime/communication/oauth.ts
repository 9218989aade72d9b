/**
 * OAuth 2 connections (make-format.md §3; Make's `api-oauth` communication: `preauthorize`,
 * `authorize`, `token`, `info`, `refresh`, `invalidate`, each a request). The authorization-code flow
 * is two steps around the user's browser: `oauthAuthorizeUrl` gives the provider's page to open (the
 * `authorize` request's url and qs, with the caller's `state`); `oauthConnect` takes the query the
 * provider sent back to the redirect URI, reads it with `authorize.response.temp` (as `query`), and
 * sends `token`, whose `response.data` (and `response.expires`) is what the connection saves: its
 * tokens. A connection without `authorize` (client credentials, password grant) is only `token`.
 * `refreshConnection` sends `refresh` with the saved data; runs refresh when the saved `expires` has
 * passed, or once when the service answers InvalidAccessTokenError (withFreshToken). Every token is a
 * secret (its key names a credential), masked everywhere. `oauthStart` sends `preauthorize` first when
 * the connection has one; OAuth 1 (RFC 5849 §2) uses it as the request-token step, and the request
 * token it gives (`response.oauth`) is carried to the token request (docs/decisions.md "OAuth 1").
 */
import { InvalidAccessTokenError, RuntimeError } from '../errors';
import { isPlainObject } from '../iml/values';
import type { App, ConnectionInfo, JsonObject } from '../types/app';
import { connectionParameters, secretDataValues, type ConnectionOptions } from './connection-data';
import { execute, newState } from './engine';
import { connectionExecution, type RunOptions } from './run';
import { evaluator } from './scope';
import { scrubError } from './sanitize';

/** Make's OAuth request names, in the order they are used. */
const OAUTH_REQUESTS = ['preauthorize', 'authorize', 'token', 'info', 'refresh', 'invalidate'];

/** The app's OAuth 2 connection (its communication holds Make's OAuth requests), if it has one. */
export function oauthConnection(app: App): ConnectionInfo | undefined {
  return app.connections.find(isOAuth);
}

function isOAuth(conn: ConnectionInfo): boolean {
  const c = conn.communication;
  return isPlainObject(c) && OAUTH_REQUESTS.some((k) => isPlainObject((c as JsonObject)[k]));
}

function requestOf(conn: ConnectionInfo, name: string): JsonObject | undefined {
  const value = (conn.communication as JsonObject)[name];
  return isPlainObject(value) ? (value as JsonObject) : undefined;
}

function oauthOf(app: App): ConnectionInfo {
  const conn = oauthConnection(app);
  if (!conn) throw new RuntimeError('The app has no OAuth connection.');
  return conn;
}

export interface OAuthStartOptions {
  connection?: ConnectionOptions;
  /** Where the provider sends the user back (the workbench's /oauth/callback). */
  redirectUri: string;
  /** The value the provider returns untouched, which the callback checks. */
  state: string;
  timezone?: string;
}

/** The provider's authorization page: `authorize`'s url with its qs, and the state. */
export function oauthAuthorizeUrl(app: App, opts: OAuthStartOptions): string {
  return authorizeUrl(app, oauthOf(app), opts, {});
}

function authorizeUrl(
  app: App,
  conn: ConnectionInfo,
  opts: OAuthStartOptions,
  temp: Record<string, unknown>,
): string {
  const authorize = requestOf(conn, 'authorize');
  if (!authorize)
    throw new RuntimeError('This OAuth connection has no authorize step (it needs no browser).');
  const ev = evaluator({
    ...(opts.timezone ? { timezone: opts.timezone } : {}),
    ...(app.customFunctions ? { functions: app.customFunctions } : {}),
  });
  const scope = {
    parameters: connectionParameters(opts.connection),
    connection: {},
    common: app.common ?? {},
    temp,
    data: {},
    oauth: { redirectUri: opts.redirectUri, localRedirectUri: opts.redirectUri },
  };
  const url = new URL(String(ev(authorize.url, scope)));
  const qs = ev(authorize.qs ?? {}, scope);
  if (isPlainObject(qs)) {
    for (const [k, v] of Object.entries(qs))
      if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
  }
  url.searchParams.set('state', opts.state);
  return url.toString();
}

/**
 * What the start step hands to the callback: `preauthorize`'s temp and the OAuth 1 values its
 * `response.oauth` gave (a request token and its secret). Secret: the caller keeps it server-side.
 */
export interface OAuthCarry {
  temp: Record<string, unknown>;
  oauth: Record<string, unknown>;
}

/**
 * The first step of a sign-in, `preauthorize` first when the connection has one. OAuth 1 (RFC 5849
 * §2): `preauthorize` is the temporary-credentials request, signed by its `oauth` directive with
 * `oauth_callback` = the redirect URI carrying the state; its `response.temp` and `response.oauth`
 * (the request token) reach the authorize page's url and qs as `temp`, and the callback as `carry`.
 */
export async function oauthStart(
  app: App,
  opts: OAuthStartOptions & Omit<RunOptions, 'parameters' | 'connection'>,
): Promise<{ url: string; carry: OAuthCarry }> {
  const conn = oauthOf(app);
  const carry: OAuthCarry = { temp: {}, oauth: {} };
  const preauthorize = requestOf(conn, 'preauthorize');
  if (preauthorize) {
    const callback = new URL(opts.redirectUri);
    callback.searchParams.set('state', opts.state);
    const step = await sendStep(app, conn, preauthorize, opts, carry, { callback: callback.toString() });
    Object.assign(carry.temp, step.temp);
    Object.assign(carry.oauth, step.oauth);
  }
  return { url: authorizeUrl(app, conn, opts, carry.temp), carry };
}

export interface OAuthConnectOptions extends Omit<RunOptions, 'parameters'> {
  redirectUri?: string;
  /** The query the provider sent to the redirect URI (code, state, …). */
  query?: Record<string, unknown>;
  /** What oauthStart gave for this sign-in (preauthorize's temp, OAuth 1's request token). */
  carry?: OAuthCarry;
}

/** What a connection saved: its data (tokens, expiry) and the label `info` gives. */
export interface OAuthResult {
  data: Record<string, unknown>;
  label?: string;
}

/** The second step: the provider's answer → `token` (and `info`) → the data the connection saves. */
export async function oauthConnect(app: App, opts: OAuthConnectOptions): Promise<OAuthResult> {
  const conn = oauthOf(app);
  const token = requestOf(conn, 'token');
  if (!token) throw new RuntimeError('This OAuth connection has no token request.');
  const authorize = requestOf(conn, 'authorize');
  const query = opts.query ?? {};
  if (authorize && typeof query.error === 'string')
    throw new InvalidAccessTokenError(`The provider refused the authorization: ${query.error}`);
  const temp: Record<string, unknown> = { ...opts.carry?.temp };
  const oauth: Record<string, unknown> = { ...opts.carry?.oauth };
  const response = authorize && isPlainObject(authorize.response) ? (authorize.response as JsonObject) : {};
  const ev = evaluator(app.customFunctions ? { functions: app.customFunctions } : {});
  const scope = { parameters: {}, connection: {}, common: app.common ?? {}, temp: { ...temp }, query };
  if (response.temp !== undefined) {
    const read = ev(response.temp, scope);
    if (isPlainObject(read)) Object.assign(temp, read);
  } else if (query.code !== undefined) {
    temp.code = query.code;
  }
  // OAuth 1: `response.oauth` reads the verifier (and token) the provider sent back (RFC 5849 §2.2).
  if (response.oauth !== undefined) {
    const read = ev(response.oauth, scope);
    if (isPlainObject(read)) Object.assign(oauth, read);
  } else if (query.oauth_verifier !== undefined) {
    oauth.verifier = query.oauth_verifier;
  }
  const saved = (await sendStep(app, conn, token, opts, { temp, oauth })).data;
  const data = { ...(opts.connection?.data ?? {}), ...saved };
  const info = requestOf(conn, 'info');
  const label = info
    ? await infoLabel(app, conn, info, { ...opts, connection: { ...opts.connection, data } })
    : undefined;
  return label === undefined ? { data } : { data, label };
}

/**
 * Sends `refresh` with the saved data and returns the data merged with what it saves; the caller's
 * `connection.data` is updated in place, so the modules after it in a run use the new token.
 */
export async function refreshConnection(
  app: App,
  opts: Omit<RunOptions, 'parameters'>,
): Promise<Record<string, unknown>> {
  const conn = oauthOf(app);
  const refresh = requestOf(conn, 'refresh');
  if (!refresh)
    throw new InvalidAccessTokenError('The access token expired and the connection has no refresh request.');
  const saved = await sendConnectionRequest(app, conn, refresh, opts, {});
  const data = { ...(opts.connection?.data ?? {}), ...saved };
  if (opts.connection) opts.connection.data = data;
  return data;
}

/**
 * Runs `work` with a fresh token: refreshes first when the saved `expires` has passed, and once more
 * when the service answers InvalidAccessTokenError. Apps without an OAuth refresh run `work` as is.
 */
export async function withFreshToken<T>(app: App, opts: RunOptions, work: () => Promise<T>): Promise<T> {
  const conn = oauthConnection(app);
  if (!conn || !requestOf(conn, 'refresh') || !opts.connection || opts.dryRun) return work();
  if (hasExpired(opts.connection.data, opts.now)) await refreshConnection(app, opts);
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof InvalidAccessTokenError)) throw err;
    await refreshConnection(app, opts);
    return work();
  }
}

function hasExpired(data: Record<string, unknown> | undefined, now: Date | undefined): boolean {
  const expires = data?.expires;
  if (typeof expires !== 'string' && typeof expires !== 'number' && !(expires instanceof Date)) return false;
  const at = new Date(expires).getTime();
  // A minute early: a token that expires while the module runs is as good as expired.
  return Number.isFinite(at) && at - 60_000 <= (now ?? new Date()).getTime();
}

/** One OAuth request as the connection sends it (no Base); returns its `response.data` (+ `expires`). */
async function sendConnectionRequest(
  app: App,
  conn: ConnectionInfo,
  request: JsonObject,
  opts: Omit<RunOptions, 'parameters'> & { redirectUri?: string },
  extra: { temp?: Record<string, unknown> },
): Promise<Record<string, unknown>> {
  return (await sendStep(app, conn, request, opts, { temp: extra.temp ?? {}, oauth: {} })).data;
}

/** What one step gives: `response.data` (+ `expires`), the temp after it, its `response.oauth`. */
interface StepResult {
  data: Record<string, unknown>;
  temp: Record<string, unknown>;
  oauth: Record<string, unknown>;
}

async function sendStep(
  app: App,
  conn: ConnectionInfo,
  request: JsonObject,
  opts: Omit<RunOptions, 'parameters'> & { redirectUri?: string },
  carry: OAuthCarry,
  oauth1Extra: { callback?: string } = {},
): Promise<StepResult> {
  const { x, state } = connectionRun(app, conn, request, opts);
  x.scope.temp = { ...carry.temp };
  x.scope.oauth = { redirectUri: opts.redirectUri, localRedirectUri: opts.redirectUri };
  x.oauth1 = { ...carry.oauth, ...oauth1Extra };
  try {
    for await (const batch of execute(x, state)) void batch;
    const data = x.ev(state.response.data, x.scope);
    const out: Record<string, unknown> = isPlainObject(data) ? { ...(data as Record<string, unknown>) } : {};
    const expires = x.ev(state.response.expires, x.scope);
    if (expires !== undefined && expires !== null && expires !== '')
      out.expires = expires instanceof Date ? expires.toISOString() : expires;
    for (const secret of secretDataValues(out)) x.secrets.add(secret);
    const oauth = x.ev(state.response.oauth, x.scope);
    return {
      data: out,
      temp: x.scope.temp as Record<string, unknown>,
      oauth: isPlainObject(oauth) ? { ...(oauth as Record<string, unknown>) } : {},
    };
  } catch (err) {
    throw scrubError(err, x.secrets);
  }
}

/** The label the connection's `info` request gives with the saved data (undefined without `info`). */
export async function oauthInfo(app: App, opts: Omit<RunOptions, 'parameters'>): Promise<string | undefined> {
  const conn = oauthOf(app);
  const info = requestOf(conn, 'info');
  return info ? infoLabel(app, conn, info, opts) : undefined;
}

async function infoLabel(
  app: App,
  conn: ConnectionInfo,
  info: JsonObject,
  opts: Omit<RunOptions, 'parameters'>,
): Promise<string | undefined> {
  const { x, state } = connectionRun(app, conn, info, opts);
  for await (const batch of execute(x, state)) void batch;
  const metadata = x.ev(state.response.metadata, x.scope);
  const value = isPlainObject(metadata) ? metadata.value : undefined;
  return value === undefined || value === null || value === '' ? undefined : x.secrets.scrub(String(value));
}

function connectionRun(
  app: App,
  conn: ConnectionInfo,
  request: JsonObject,
  opts: Omit<RunOptions, 'parameters'>,
) {
  return { x: connectionExecution(app, conn, request, opts), state: newState() };
}
