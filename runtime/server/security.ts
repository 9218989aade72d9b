/**
 * Request guards for the workbench: the server runs on the developer's machine with their API key,
 * so any web page they visit must be unable to drive it.
 * - Host must be the server's own (a DNS-rebinding page reaches us under its own host name).
 * - Origin, when sent, must be the server's own (cross-site requests: CSRF).
 * - Every /api call carries the start token, in a header or in the cookie that the printed URL sets.
 */
import { timingSafeEqual } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { NextFunction, Request, Response } from 'express';
import { HttpError } from './http-errors';

export const TOKEN_HEADER = 'x-workbench-token';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** `host` as it appears in a URL authority (IPv6 in brackets). */
export function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

export function isLoopback(host: string): boolean {
  return LOOPBACK_NAMES.includes(hostForUrl(host)) || host === '::1';
}

/** Binding to every interface: `0.0.0.0` (IPv4) or `::` (both). */
export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/**
 * The machine's own addresses as a Host header writes them (IPv6 in brackets); link-local IPv6 ones
 * need a zone that a Host header cannot carry, so they are left out.
 */
function ownAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces()))
    for (const i of list ?? []) if (!(i.family === 'IPv6' && i.scopeid)) out.push(hostForUrl(i.address));
  return out;
}

/**
 * The `host:port` values a request to this server may carry in its Host header. Bound to every
 * interface, the workbench answers under each of the machine's own addresses and loopback names (read
 * at each request: addresses change), never under another name (DNS rebinding).
 */
export function allowedHosts(boundHost: string, port: number): Set<string> {
  const names = isLoopback(boundHost)
    ? LOOPBACK_NAMES
    : isWildcard(boundHost)
      ? [...LOOPBACK_NAMES, hostForUrl(boundHost), ...ownAddresses()]
      : [hostForUrl(boundHost)];
  return new Set(names.map((name) => `${name}:${port}`.toLowerCase()));
}

/**
 * Cookies are not port-scoped, so two workbenches on one machine would overwrite each other's
 * cookie; the port in the name keeps them apart.
 */
export function cookieName(port: number): string {
  return `workbench_token_${port}`;
}

export function tokensEqual(given: string | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** Refuses requests whose Host or Origin is not this server (DNS rebinding, CSRF). */
export function sameOriginGuard(getHosts: () => Set<string>) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const hosts = getHosts();
    const host = (req.headers.host ?? '').toLowerCase();
    if (!hosts.has(host))
      return next(new HttpError(403, 'ForeignHost', 'Requests must address this workbench by its own host'));
    const origin = req.headers.origin;
    if (origin !== undefined) {
      let originHost: string | undefined;
      try {
        const url = new URL(origin);
        originHost = url.protocol === 'http:' ? url.host.toLowerCase() : undefined;
      } catch {
        originHost = undefined;
      }
      if (!originHost || !hosts.has(originHost)) {
        return next(new HttpError(403, 'ForeignOrigin', 'Cross-origin requests are refused'));
      }
    }
    next();
  };
}

/** Every /api call needs the start token: header X-Workbench-Token or the workbench cookie. */
export function tokenGuard(token: string, getCookieName: () => string) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const header = req.headers[TOKEN_HEADER];
    const given = typeof header === 'string' ? header : readCookie(req, getCookieName());
    if (!tokensEqual(given, token)) {
      return next(new HttpError(401, 'MissingToken', 'Open the workbench with the URL that `start` printed'));
    }
    next();
  };
}

/** Headers for every response: no framing, no sniffing, no referrer (the first URL holds the token). */
export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  next();
}
