/** Every response is JSON (the SDK only parses bodies whose content type says so), 204s included. */
import type { Response } from 'express';

/** A body already serialized (a kept view's text, kept texts joined into a page): sent as it is. */
export class JsonText {
  constructor(readonly text: string | Buffer) {}
}

const COMMA = Buffer.from(',');

/**
 * `body` serialized with `texts` (each already JSON, as a string or in UTF-8) as the elements of its first
 * key's array: the object is serialized with that array empty, which JSON.stringify writes first as
 * `{"<key>":[]`. Texts all in bytes are copied into one buffer; otherwise the page is one string.
 */
export function withJsonArray(
  body: Record<string, unknown>,
  key: string,
  texts: (string | Buffer)[],
): JsonText {
  const head = `{${JSON.stringify(key)}:[`;
  const text = JSON.stringify({ ...body, [key]: [] });
  if (!text.startsWith(`${head}]`)) throw new Error(`"${key}" must be the first key of the body`);
  const tail = text.slice(head.length);
  if (!texts.every((t) => typeof t !== 'string')) return new JsonText(`${head}${texts.join(',')}${tail}`);
  const parts: Buffer[] = [Buffer.from(head)];
  texts.forEach((t, i) => (i === 0 ? parts.push(t) : parts.push(COMMA, t)));
  parts.push(Buffer.from(tail));
  return new JsonText(Buffer.concat(parts));
}

export function sendJson(
  res: Response,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(status).setHeader('Content-Type', 'application/json; charset=utf-8');
  if (status === 204) res.end();
  else res.end(body instanceof JsonText ? body.text : JSON.stringify(body ?? {}));
}
