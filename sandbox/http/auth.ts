/** HTTP Basic auth as ChartMogul does it: the API key as username, the password empty or the key again. */
import type { RequestHandler } from 'express';
import { unauthorized } from './errors';
import { sendJson } from './send';

export function apiKeyOf(header: string | undefined, keys: ReadonlySet<string>): string | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = colon < 0 ? decoded : decoded.slice(0, colon);
  const password = colon < 0 ? '' : decoded.slice(colon + 1);
  if (!keys.has(user)) return undefined;
  return password === '' || password === user ? user : undefined;
}

/** Authorization headers already decoded (a client sends the same one every time), a few at most. */
const KNOWN_HEADERS = 32;

export function authenticate(keys: ReadonlySet<string>): RequestHandler {
  const known = new Map<string | undefined, string | undefined>();
  return (req, res, next) => {
    const header = req.headers.authorization;
    let key = known.get(header);
    if (key === undefined) {
      key = apiKeyOf(header, keys);
      if (key !== undefined && known.size < KNOWN_HEADERS) known.set(header, key);
    }
    if (key === undefined) {
      const e = unauthorized();
      return sendJson(res, e.status, e.body);
    }
    res.locals.apiKey = key;
    next();
  };
}
