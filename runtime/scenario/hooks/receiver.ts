/**
 * The receiving end of hooks: `/hooks/:id`, served by the workbench and by `scenario --listen`. No
 * token (a sender cannot send one): the unguessable id is the credential, so an unknown id gets the
 * same bare 404 as any unknown path, and the id is never logged. A delivery is checked (method, then
 * its body in ./body), read with the webhook's communication, and its items are queued durably in the
 * history BEFORE the caller is answered; the answer is the webhook's `respond`, a responder's (when
 * the scenario has one and answers in time) or Make's `Accepted`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type * as Communication from '../../communication';
import type { App } from '../../types/app';
import { setOwn } from '../../iml/values';
import { BodyRefusal, decodeBody, formOf, MAX_HOOK_BODY_BYTES, parseBody, readRawBody } from './body';
import { HOOK_ID, type HookRow } from './store';
import { hookStore } from './manage';

/** The methods a hook accepts (decisions.md "Triggers"); anything else is 405. */
export const HOOK_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** What a receiver hands on once a delivery is queued (the dispatcher runs the scenario). */
export interface DeliverySink {
  /** A delivery's items were queued for these scenario keys. */
  queued(delivery: string, keys: string[]): void;
  /** The answer a responder gives to this delivery, if the scenario has one and it answers in time. */
  answerFor?(delivery: string, key: string): Promise<Communication.WebhookAnswer | undefined>;
}

export interface ReceiverOptions {
  app: () => Promise<App>;
  historyPath: string;
  sink?: DeliverySink;
  maxBodyBytes?: number;
  timezone?: string;
}

type Reply = { status: number; headers?: Record<string, string>; body: string };

const json = (
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
): Reply => ({
  status,
  headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify({ error: { type, message } }),
});

/** The one reply for an id that is not a hook's: the same as an unknown path, revealing nothing. */
export const NOT_FOUND: Reply = json(404, 'NotFound', 'Not found');

const engine = (): typeof Communication => require('../../communication') as typeof Communication;

/** A handler for one request to `/hooks/<pathId>`. */
export function createHookReceiver(options: ReceiverOptions) {
  const limit = options.maxBodyBytes ?? MAX_HOOK_BODY_BYTES;
  return async (req: IncomingMessage, res: ServerResponse, pathId: string): Promise<void> => {
    let reply: Reply;
    try {
      reply = await receive(req, pathId);
    } catch (err) {
      reply =
        err instanceof BodyRefusal
          ? json(err.status, err.type, err.message, err.headers)
          : json(500, 'WebhookError', 'The webhook could not read this request; nothing was queued');
    }
    send(res, reply);
  };

  async function receive(req: IncomingMessage, pathId: string): Promise<Reply> {
    if (!HOOK_ID.test(pathId)) return NOT_FOUND;
    const store = hookStore(options.historyPath);
    const hooks = store.atPath(pathId);
    if (hooks.length === 0) return NOT_FOUND;
    const method = (req.method ?? 'GET').toUpperCase();
    if (!HOOK_METHODS.includes(method))
      return json(405, 'MethodNotAllowed', `A hook accepts ${HOOK_METHODS.join(', ')}`, {
        Allow: HOOK_METHODS.join(', '),
      });
    const body = parseBody(req, await decodeBody(req, await readRawBody(req, limit), limit));
    const app = await options.app();
    const request: Communication.IncomingRequest = {
      method,
      headers: lowerCaseHeaders(req),
      query: queryOf(req.url ?? ''),
      body,
    };
    const first = hooks[0];
    const context = {
      parameters: first.parameters,
      secrets: [pathId],
      ...(options.timezone ? { timezone: options.timezone } : {}),
    };
    const reading = engine().readWebhookRequest(app, first.webhook, request, context);
    if (reading.kind === 'verification') return reading.answer;
    const targets =
      first.type === 'web-shared'
        ? byUid(hooks, engine().webhookUid(app, first.webhook, request, context))
        : hooks;
    let responderAnswer: Communication.WebhookAnswer | undefined;
    if (reading.items.length > 0 && targets.length > 0) {
      const delivery = store.enqueue(targets, reading.items, new Date().toISOString());
      const keys = targets.map((h) => h.scenarioKey);
      options.sink?.queued(delivery, keys);
      responderAnswer = await options.sink?.answerFor?.(delivery, keys[0]);
    }
    return responderAnswer ?? reading.answer ?? engine().ACCEPTED;
  }
}

/** A shared webhook's delivery goes to the hooks whose connection has the request's uid. */
function byUid(hooks: HookRow[], uid: unknown): HookRow[] {
  if (uid === undefined || uid === null || uid === '') return [];
  return hooks.filter((h) => h.uid === String(uid));
}

function queryOf(url: string): Record<string, unknown> {
  const q = url.indexOf('?');
  return q < 0 ? {} : formOf(new URLSearchParams(url.slice(q + 1)));
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) setOwn(out, k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v);
  }
  return out;
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent) return;
  res.statusCode = reply.status;
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  res.setHeader('Cache-Control', 'no-store');
  res.end(reply.body);
}
