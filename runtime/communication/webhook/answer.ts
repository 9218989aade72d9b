/**
 * The HTTP answer to a webhook's caller: a webhook's `respond` (or its verification's), or a
 * responder module's `response` (make-format.md §4.1, §4.6): `{ type, status, headers, body }`.
 */
import { RuntimeError } from '../../errors';
import { isPlainObject } from '../../iml/values';
import { encodeHeaders, encodeQuery } from '../encode';

export interface WebhookAnswer {
  status: number;
  headers: Record<string, string>;
  /** The body as sent. */
  body: string;
}

/** What Make answers a delivery when neither the webhook nor a responder says otherwise. */
export const ACCEPTED: WebhookAnswer = {
  status: 200,
  headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  body: 'Accepted',
};

const CONTENT_TYPES: Record<string, string> = {
  json: 'application/json; charset=utf-8',
  urlencoded: 'application/x-www-form-urlencoded',
  text: 'text/plain; charset=utf-8',
};

/** An evaluated respond/response as bytes: `type` json (default), urlencoded or text; status 200 by default. */
export function toAnswer(respond: unknown, componentId: string): WebhookAnswer {
  if (!isPlainObject(respond)) return { ...ACCEPTED, headers: { ...ACCEPTED.headers } };
  const type = respond.type === undefined || respond.type === '' ? 'json' : String(respond.type);
  if (!(type in CONTENT_TYPES))
    throw new RuntimeError(`The answer's type must be json, urlencoded or text, not "${type}"`, {
      componentId,
    });
  const status = respond.status === undefined || respond.status === '' ? 200 : Number(respond.status);
  if (!Number.isInteger(status) || status < 100 || status > 999)
    throw new RuntimeError(
      `The answer's status must be an HTTP status (100-999), not ${JSON.stringify(respond.status)}`,
      {
        componentId,
      },
    );
  const headers = encodeHeaders(isPlainObject(respond.headers) ? respond.headers : undefined);
  const body = respond.body;
  const text =
    body === undefined || body === null
      ? ''
      : type === 'json'
        ? JSON.stringify(body)
        : type === 'urlencoded'
          ? encodeQuery(isPlainObject(body) ? body : { value: body })
          : typeof body === 'string'
            ? body
            : JSON.stringify(body);
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  return {
    status,
    headers: hasType ? headers : { ...headers, 'Content-Type': CONTENT_TYPES[type] },
    body: text,
  };
}
