/**
 * The connection a run uses. Make shows modules and RPCs `connection` = the connection's parameters
 * merged with the `response.data` its verification saved (make-format.md, connections). Callers pass
 * the saved object as `connection.data` (beyond DESIGN, see decisions "Contract"). Which of its values
 * are secrets is decided here, once, for the engine's Secrets and the run history's masker alike.
 */
import { isPlainObject } from '../iml/values';
import type { App, ConnectionInfo, ParameterSpec } from '../types/app';

/**
 * RunOptions.connection (DESIGN, Round 2): the connection's parameter values by name (ChartMogul's
 * `{ apiKey, secretKey? }`, a basic connection's `{ username, password }`, …), plus the data the
 * connection saved (an OAuth connection's tokens among it).
 */
export interface ConnectionOptions {
  [name: string]: unknown;
  apiKey?: string;
  secretKey?: string;
  /** The connection's saved `response.data` (unmasked: verifyConnection's `savedData()`). */
  data?: Record<string, unknown>;
}

/**
 * A saved value is a secret when its key, or the key of an object holding it, names a credential.
 * Not every value: a workspace id or a region is routing, and masking every saved string would cut
 * ordinary words ("active", "monthly") out of every log line and stored bundle.
 */
const SECRET_DATA_KEY =
  /token|secret|passw|pwd|key|auth|credential|session|cookie|signature|private|jwt|bearer/i;

export function isSecretDataKey(key: string): boolean {
  return SECRET_DATA_KEY.test(key);
}

/** The connection's own parameters (apiKey, secretKey, ...): everything but the saved data. */
export function connectionParameters(connection: ConnectionOptions | undefined): Record<string, unknown> {
  if (!connection) return {};
  const { data: _data, ...parameters } = connection;
  return parameters;
}

/** `connection` as modules and RPCs see it: parameters, then the saved data over them (Make's merge). */
export function connectionScope(connection: ConnectionOptions | undefined): Record<string, unknown> {
  return { ...connectionParameters(connection), ...(isPlainObject(connection?.data) ? connection.data : {}) };
}

/**
 * Every secret the connection carries: the values of its secret parameters (`secretNames`: the
 * password-typed ones of the app's connections; and any whose name names a credential) and the saved
 * data's secret values (an OAuth connection's tokens).
 */
export function connectionSecrets(
  connection: ConnectionOptions | undefined,
  secretNames: ReadonlySet<string> = new Set(),
): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(connectionParameters(connection))) {
    if (!secretNames.has(name) && !isSecretDataKey(name)) continue;
    if (typeof value === 'string' || typeof value === 'number') out.push(String(value));
    else collectSecrets(value, true, out, 0);
  }
  if (isPlainObject(connection?.data)) collectSecrets(connection.data, false, out, 0);
  return out;
}

/**
 * The app's connection, when it has several: the one its modules, RPCs and webhooks name most (Make's
 * templates leave a connection behind that nothing uses, listed first: OpenRouter's); on a tie, or when
 * nothing names one, the first in makecomapp.json. The one verifyConnection checks and the workbench's
 * form asks for.
 */
export function appConnection(
  app: Pick<App, 'connections' | 'modules' | 'rpcs' | 'webhooks'>,
): ConnectionInfo | undefined {
  const uses = new Map<string, number>();
  for (const component of [...app.modules, ...app.rpcs, ...(app.webhooks ?? [])])
    if (component.connection) uses.set(component.connection, (uses.get(component.connection) ?? 0) + 1);
  const count = (c: ConnectionInfo) => uses.get(c.id) ?? 0;
  return app.connections.reduce<ConnectionInfo | undefined>(
    (best, c) => (best === undefined || count(c) > count(best) ? c : best),
    undefined,
  );
}

/** The parameters of the app's connections typed `password` (nested fields included): secrets. */
export function secretParameterNames(app: Pick<App, 'connections'>): Set<string> {
  const names = new Set<string>();
  const visit = (specs: unknown): void => {
    if (!Array.isArray(specs)) return;
    for (const spec of specs as ParameterSpec[]) {
      if (!spec || typeof spec !== 'object') continue;
      if (spec.type === 'password' && typeof spec.name === 'string') names.add(spec.name);
      visit(spec.nested);
      if (Array.isArray(spec.options))
        for (const option of spec.options) visit((option as { nested?: unknown })?.nested);
    }
  };
  for (const connection of app.connections ?? []) visit(connection.params);
  return names;
}

/** The secret values of a saved data object (strings and numbers under a secret-looking key). */
export function secretDataValues(data: Record<string, unknown>): string[] {
  const out: string[] = [];
  collectSecrets(data, false, out, 0);
  return out;
}

/**
 * The credentials in a connection request's parsed answer (a token, a request token's secret): the
 * values under credential-named keys, as in saved data, but at least 8 characters long — an answer
 * also carries words under such keys (`token_type: "bearer"`, `token_expires: 3600`) that are no
 * secret and would otherwise be masked wherever they appear in the log.
 */
export function credentialsInAnswer(body: unknown): string[] {
  const out: string[] = [];
  collectSecrets(body, false, out, 0);
  return out.filter((value) => value.length >= 8);
}

function collectSecrets(value: unknown, secret: boolean, out: string[], depth: number): void {
  if (depth > 32) return;
  if (typeof value === 'string' || typeof value === 'number') {
    if (secret) out.push(String(value));
  } else if (Array.isArray(value)) {
    for (const v of value) collectSecrets(v, secret, out, depth + 1);
  } else if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value))
      collectSecrets(v, secret || isSecretDataKey(k), out, depth + 1);
  }
}
