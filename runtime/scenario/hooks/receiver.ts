/**
 * The receiving end of hooks: `/hooks/:id`, served by the workbench and by `scenario --listen`. No
 * token (a sender cannot send one): the unguessable id is the credential, so an unknown id gets the
 * same bare 404 as any unknown path, and the id is never logged. A delivery is checked (method, size,
 * JSON or form body), read with the webhook's communication, and its items are queued durably in the
 * history BEFORE the caller is answered; the answer is the webhook's `respond`, a responder's (when
 * the scenario has one and answers in time) or Make's `Accepted`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type * as Communication from '../../communication';
import type { App } from '../../types/app';
import { ownProp, setOwn } from '../../iml/values';
import { HOOK_ID, type HookRow } from './store';
import { hookStore } from './manage';

/** The methods a hook accepts (decisions.md "Triggers"); anything else is 405. */
export const HOOK_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Make's limit on a webhook's payload. */
export const MAX_HOOK_BODY_BYTES = 5 * 1024 * 1024;

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

class Refusal extends Error {
  constructor(readonly reply: Reply) {
    super(reply.body);
  }
}

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
        err instanceof Refusal
          ? err.reply
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
    const body = parseBody(req, await readBody(req, limit));
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

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge(limit));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function tooLarge(limit: number): Refusal {
  return new Refusal(
    json(413, 'PayloadTooLarge', `A delivery may be at most ${limit} bytes; nothing was queued`, {
      Connection: 'close',
    }),
  );
}

/** JSON, a URL-encoded form, or nothing; any other body is refused with 415 (nothing queued). */
function parseBody(req: IncomingMessage, raw: Buffer): unknown {
  if (raw.length === 0) return {};
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  const text = raw.toString('utf8');
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw new Refusal(
        json(
          400,
          'MalformedJson',
          `The body is not valid JSON (${(err as Error).message}); nothing was queued`,
        ),
      );
    }
  }
  if (type === 'application/x-www-form-urlencoded') return formOf(new URLSearchParams(text));
  throw new Refusal(
    json(
      415,
      'UnsupportedMediaType',
      `A hook reads application/json or application/x-www-form-urlencoded bodies, not ${type || 'an untyped body'}; nothing was queued`,
    ),
  );
}

/** Form fields and query parameters: a repeated name gives an array. */
function formOf(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of params) {
    // Own values only: a field named __proto__ is data, never the object's prototype.
    const before = ownProp(out, k);
    setOwn(out, k, before === undefined ? v : Array.isArray(before) ? [...before, v] : [before, v]);
  }
  return out;
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
