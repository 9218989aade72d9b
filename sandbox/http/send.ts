/** Every response is JSON (the SDK only parses bodies whose content type says so), 204s included. */
import type { Response } from 'express';

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
  else res.end(JSON.stringify(body ?? {}));
}
