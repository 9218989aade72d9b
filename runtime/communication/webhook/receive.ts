/**
 * Reading an incoming webhook request as Make does (make-format.md §4.6): `verification` (a handshake
 * answered at once, no items), `condition` (false: nothing to process), `iterate` + `output` (the
 * items, one scenario run each; default the body as one item) and `respond` (the answer, unless a
 * responder gives it). A shared webhook's `uid` says whose request it is. Templates see `body`,
 * `query`, `method`, `headers` of the request and `parameters` (alias `data`) of the hook.
 */
import { RuntimeError } from '../../errors';
import type { App, JsonObject, WebhookInfo } from '../../types/app';
import { isPlainObject } from '../../iml/values';
import { connectionScope, connectionSecrets, type ConnectionOptions } from '../connection-data';
import { evaluator, type Scope } from '../scope';
import { scrubError, Secrets } from '../sanitize';
import { toAnswer, type WebhookAnswer } from './answer';

export interface IncomingRequest {
  method: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
}

export interface HookContext {
  /** The hook's parameters (the webhook's params, filled when the hook was created). */
  parameters?: Record<string, unknown>;
  connection?: ConnectionOptions;
  timezone?: string;
  now?: Date;
  /** Values to mask in any error (the hook's id: its URL is its credential). */
  secrets?: string[];
}

export type WebhookReading =
  | { kind: 'verification'; answer: WebhookAnswer }
  /** `answer`: the webhook's `respond`, when it has one (a responder in the scenario may answer instead). */
  | { kind: 'items'; items: unknown[]; answer?: WebhookAnswer };

export function findWebhook(app: App, webhookId: string): WebhookInfo {
  const webhook = app.webhooks?.find((w) => w.id === webhookId);
  if (!webhook) throw new RuntimeError(`Unknown webhook "${webhookId}".`);
  return webhook;
}

function requestScope(app: App, request: IncomingRequest, hook: HookContext): Scope {
  const parameters = hook.parameters ?? {};
  return {
    parameters,
    data: parameters,
    connection: connectionScope(hook.connection),
    common: app.common ?? {},
    temp: {},
    body: request.body,
    query: request.query,
    method: request.method,
    headers: request.headers,
  };
}

/** Reads one request: a verification to answer, or the items to run the scenario with. */
export function readWebhookRequest(
  app: App,
  webhookId: string,
  request: IncomingRequest,
  hook: HookContext = {},
): WebhookReading {
  const webhook = findWebhook(app, webhookId);
  const c = webhook.communication;
  const ev = evaluator({
    ...(hook.timezone ? { timezone: hook.timezone } : {}),
    ...(hook.now ? { now: hook.now } : {}),
    ...(app.customFunctions ? { functions: app.customFunctions } : {}),
  });
  const scope = requestScope(app, request, hook);
  const secrets = new Secrets();
  for (const v of [...connectionSecrets(hook.connection), ...(hook.secrets ?? [])]) secrets.add(v);
  try {
    if (isPlainObject(c.verification)) {
      const v = c.verification as JsonObject;
      if (v.condition === undefined || ev(v.condition, scope)) {
        return { kind: 'verification', answer: toAnswer(ev(v.respond ?? {}, scope), webhookId) };
      }
    }
    const answer = c.respond === undefined ? undefined : toAnswer(ev(c.respond, scope), webhookId);
    const items = 'condition' in c && !ev(c.condition, scope) ? [] : itemsOf(c, scope, ev);
    return answer ? { kind: 'items', items, answer } : { kind: 'items', items };
  } catch (err) {
    throw scrubError(err, secrets);
  }
}

function itemsOf(c: JsonObject, scope: Scope, ev: ReturnType<typeof evaluator>): unknown[] {
  if (c.iterate === undefined) {
    const out = 'output' in c ? ev(c.output, scope) : scope.body;
    return out === undefined ? [] : [out];
  }
  const shape = isPlainObject(c.iterate) ? (c.iterate as JsonObject) : { container: c.iterate };
  const value = ev(shape.container, scope);
  const container = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const items: unknown[] = [];
  for (const item of container) {
    scope.item = item;
    if (shape.condition !== undefined && !ev(shape.condition, scope)) continue;
    const out = 'output' in c ? ev(c.output, scope) : item;
    if (out !== undefined) items.push(out);
  }
  scope.item = undefined;
  return items;
}

/** A shared webhook's `uid` for this request: whose connection it belongs to (undefined: nobody's). */
export function webhookUid(
  app: App,
  webhookId: string,
  request: IncomingRequest,
  hook: HookContext = {},
): unknown {
  const webhook = findWebhook(app, webhookId);
  if (webhook.communication.uid === undefined) return undefined;
  const ev = evaluator(app.customFunctions ? { functions: app.customFunctions } : {});
  return ev(webhook.communication.uid, requestScope(app, request, hook));
}
