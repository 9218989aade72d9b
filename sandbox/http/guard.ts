/**
 * The sandbox serves the machine it runs on, keyed by a well-known demo key, and its admin routes need no
 * key at all: a web page the developer visits must not reach it. Every request (API, admin, unknown
 * routes alike) must name the sandbox's own address in Host — a DNS-rebinding page reaches us under its
 * own host name — and, when it carries an Origin, come from the sandbox's own origin: a cross-site form
 * or `fetch` (a text/plain POST needs no preflight) always sends one. Clients outside a browser (the
 * SDK, curl) send no Origin and pass. Same rules as the workbench's guards; sandbox/ never imports the
 * runtime, so they are written here for the sandbox.
 */
import os from 'node:os';
import type { RequestHandler } from 'express';
import { codeError } from './errors';
import { sendJson } from './send';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

/** `host` as written in a URL authority (IPv6 in brackets), lower case. */
function authorityName(host: string): string {
  const name = host.toLowerCase();
  return name.includes(':') && !name.startsWith('[') ? `[${name}]` : name;
}

function isLoopbackName(name: string): boolean {
  return LOOPBACK_NAMES.includes(name) || /^127\.\d+\.\d+\.\d+$/.test(name);
}

/** Every address of this machine's interfaces, and its host name (for a sandbox bound to all of them). */
function machineNames(): string[] {
  const names = [os.hostname()];
  for (const list of Object.values(os.networkInterfaces()))
    for (const entry of list ?? []) names.push(entry.address.replace(/%.*$/, ''));
  return names;
}

/**
 * The `host:port` values a request may carry in Host (and in Origin): loopback names when bound to
 * loopback, the machine's own addresses too when bound to every interface, else the bound address and
 * the name the sandbox was asked to bind. A wildcard itself stays: the sandbox's printed URL names it, and
 * no rebinding page can make a browser send it as Host.
 */
export function ownHosts(requested: string, bound: string, port: number): Set<string> {
  const names = new Set([authorityName(requested), authorityName(bound)]);
  const wildcard = WILDCARDS.has(authorityName(requested)) || WILDCARDS.has(authorityName(bound));
  if (wildcard) for (const name of machineNames()) names.add(authorityName(name));
  if (wildcard || [...names].some(isLoopbackName)) for (const name of LOOPBACK_NAMES) names.add(name);
  const hosts = new Set<string>();
  for (const name of names) {
    hosts.add(`${name}:${port}`);
    if (port === 80) hosts.add(name);
  }
  return hosts;
}

/** The host of an http Origin, or undefined for anything else (`null`, https, garbage). */
function originHost(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' ? url.host.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

export function sameOriginGuard(hosts: () => ReadonlySet<string>): RequestHandler {
  return (req, res, next) => {
    const own = hosts();
    const refuse = (message: string) => {
      const e = codeError(403, message);
      res.setHeader('Connection', 'close');
      sendJson(res, e.status, e.body);
    };
    if (!own.has((req.headers.host ?? '').toLowerCase()))
      return refuse('Requests must address this sandbox by its own host');
    const origin = req.headers.origin;
    if (origin !== undefined) {
      const from = originHost(origin);
      if (from === undefined || !own.has(from)) return refuse('Cross-origin requests are refused');
    }
    next();
  };
}
