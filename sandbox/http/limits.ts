/**
 * ChartMogul's limits: 40 requests per key in each fixed one-second window → 429 (dialect A body, no
 * Retry-After, as recorded), and more than 20 requests in flight → 503. A rejected request counts towards the
 * window (ChartMogul counts all requests) but not towards the requests in flight.
 */
import type { RequestHandler } from 'express';
import { codeError, rateLimited } from './errors';
import { sendJson } from './send';

export const REQUESTS_PER_SECOND = 40;
export const MAX_IN_FLIGHT = 20;

export function limits(): RequestHandler {
  let window = -1;
  const perKey = new Map<string, number>();
  let inFlight = 0;
  return (_req, res, next) => {
    const now = Math.floor(Date.now() / 1000);
    if (now !== window) {
      window = now;
      perKey.clear();
    }
    const key = String(res.locals.apiKey);
    const count = (perKey.get(key) ?? 0) + 1;
    perKey.set(key, count);
    if (count > REQUESTS_PER_SECOND) {
      const e = rateLimited();
      return sendJson(res, e.status, e.body);
    }
    if (inFlight >= MAX_IN_FLIGHT) {
      const e = codeError(503, 'Too many parallel connections. Please retry later.');
      return sendJson(res, e.status, e.body);
    }
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
    });
    next();
  };
}
