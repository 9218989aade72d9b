/**
 * Registers API routes. Every route runs the same chain — count the request, authenticate, enforce limits,
 * inject faults, parse the body — and then its handler inside one SQLite transaction: the handler either
 * commits everything or, when it throws, nothing.
 */
import type { Request, RequestHandler, Router } from 'express';
import type { Store } from '../store/context';
import type { Stats } from './stats';
import type { Faults } from './faults';
import { ApiError, codeError } from './errors';
import { sendJson } from './send';

export interface Reply {
  status: number;
  /** An object serialized as JSON, or a JsonText (http/send.ts) sent as it is. */
  body?: unknown;
}

export type Handler = (req: Request) => Reply;

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export class ApiRoutes {
  private readonly pending: (() => void)[] = [];
  /** A handler inside one transaction (one transaction function for every request, not one made per request). */
  private readonly inTransaction: (handler: Handler, req: Request) => Reply;

  constructor(
    private readonly router: Router,
    private readonly chain: RequestHandler[],
    readonly store: Store,
    private readonly stats: Stats,
    private readonly faults: Faults,
  ) {
    this.inTransaction = store.db.transaction((handler: Handler, req: Request) => handler(req));
  }

  get(path: string, handler: Handler): void {
    this.add('get', path, handler);
  }
  post(path: string, handler: Handler): void {
    this.add('post', path, handler);
  }
  put(path: string, handler: Handler): void {
    this.add('put', path, handler);
  }
  patch(path: string, handler: Handler): void {
    this.add('patch', path, handler);
  }
  delete(path: string, handler: Handler): void {
    this.add('delete', path, handler);
  }

  /**
   * Work queued by an earlier request (a bulk import) that every request first lets finish, each piece in
   * its own transaction, so what a request reads never depends on timing.
   */
  beforeEachRequest(work: () => void): void {
    this.pending.push(work);
  }

  private add(method: Method, path: string, handler: Handler): void {
    const verb = method.toUpperCase();
    const label = `${verb} ${path}`;
    const countRequest: RequestHandler = (req, _res, next) => {
      // HEAD reaches GET routes: counted under its own name.
      this.stats.countRequest(req.method === verb ? label : `${req.method} ${path}`);
      next();
    };
    this.router[method](path, countRequest, ...this.chain, (req, res, next) => {
      let reply: Reply;
      try {
        for (const work of this.pending) work();
        reply = this.inTransaction(handler, req);
      } catch (err) {
        if (err instanceof ApiError) return sendJson(res, err.status, err.body, err.headers);
        return next(err);
      }
      if (req.method !== 'GET' && reply.status < 300) {
        this.stats.countWrite(`${req.method} ${req.path}`);
        if (this.faults.dropAfterCommit()) {
          req.socket.destroy();
          return;
        }
      }
      sendJson(res, reply.status, reply.body);
    });
  }
}

/** A query parameter as a single string (a repeated parameter is a 400). */
export function queryString(req: Request, name: string): string | undefined {
  const v = (req.query as Record<string, unknown>)[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') throw codeError(400, `Parameter "${name}" must be given once`, name);
  return v;
}

export function queryFlag(req: Request, name: string): boolean {
  return queryString(req, name) === 'true';
}

export function param(req: Request, name: string): string {
  return String(req.params[name]);
}
