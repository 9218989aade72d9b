/**
 * OAuth 2 for the workbench (issue 20). `POST /api/connection/oauth` (token-guarded, like all of
 * /api) takes the connection's values (client id and secret…), issues a `state` and answers the
 * provider's authorization page to open. The provider sends the browser back to `GET /oauth/callback`,
 * which needs no token (the browser arrives from the provider) but accepts only a `state` this server
 * issued in the last 10 minutes, once; it exchanges the code through the connection's `token` request
 * and keeps the tokens as the connection's saved data (masked everywhere, never sent to the page).
 */
import { randomBytes } from 'node:crypto';
import type { Express, Request, Response } from 'express';
import type { App, OAuthCarry } from '../index';
import * as body from './body';
import type { ConnectionState } from './connection-state';
import { HttpError } from './http-errors';
import { need, type Connection } from './public-api';

/** How long an issued state may wait for its callback. */
export const STATE_TTL_MS = 10 * 60 * 1000;

interface Pending {
  connection: Connection;
  issuedAt: number;
  /** What the start step gave for the callback (OAuth 1's request token and secret): never sent out. */
  carry?: OAuthCarry;
}

/** States this server issued, each usable once within STATE_TTL_MS. */
export class OAuthStates {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly clock: () => number = Date.now) {}

  issue(connection: Connection): string {
    this.forgetExpired();
    const state = randomBytes(24).toString('base64url');
    this.pending.set(state, { connection, issuedAt: this.clock() });
    return state;
  }

  /** Keeps what the start step gave (preauthorize's results) with a pending state. */
  keep(state: string, carry: OAuthCarry): void {
    const found = this.pending.get(state);
    if (found) found.carry = carry;
  }

  /** The connection a state was issued for, once; undefined when unknown, used or expired. */
  take(state: unknown): Connection | undefined {
    return this.claim(state)?.connection;
  }

  /** The connection and carry a state was issued with, once; undefined when unknown, used or expired. */
  claim(state: unknown): Pending | undefined {
    this.forgetExpired();
    if (typeof state !== 'string') return undefined;
    const found = this.pending.get(state);
    this.pending.delete(state);
    return found;
  }

  private forgetExpired(): void {
    const now = this.clock();
    for (const [state, p] of this.pending) if (now - p.issuedAt > STATE_TTL_MS) this.pending.delete(state);
  }
}

export interface OAuthDeps {
  app: () => Promise<App>;
  connection: ConnectionState;
  /** The server's own origin (`http://127.0.0.1:PORT`): the redirect URI's. */
  origin: () => string;
  states?: OAuthStates;
}

const page = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><p>${text}</p>`;

/** Registers the start route (under the token-guarded /api) and the callback (no token). */
export function mountOAuth(server: Express, deps: OAuthDeps): void {
  const states = deps.states ?? new OAuthStates();
  const redirectUri = () => `${deps.origin()}/oauth/callback`;

  server.post('/api/connection/oauth', async (req: Request, res: Response) => {
    const input = body.bodyObject(req.body ?? {});
    body.onlyKeys(input, ['parameters']);
    const connection = { ...(body.optionalObject(input, 'parameters') ?? {}) } as Connection;
    const app = await deps.app();
    const state = states.issue(connection);
    // OAuth 1 (and any connection with a preauthorize step) asks the provider first.
    const target = await deps.connection.trial(connection).resolve();
    let url: string;
    try {
      const start = await need('oauthStart')(app, { ...target, redirectUri: redirectUri(), state });
      states.keep(state, start.carry);
      url = start.url;
    } catch (err) {
      states.take(state);
      const message = err instanceof Error ? err.message : String(err);
      throw new HttpError(502, 'OAuthFailed', `The provider did not start the sign-in: ${message}`);
    }
    res.status(200).type('application/json').send(JSON.stringify({ url }));
  });

  server.get('/oauth/callback', async (req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    const pending = states.claim(req.query.state);
    const connection = pending?.connection;
    if (!connection) {
      res
        .status(400)
        .type('html')
        .send(
          page(
            'Not connected',
            'This sign-in link is unknown, used or expired. Start again from the workbench.',
          ),
        );
      return;
    }
    const query = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, String(v)]));
    const app = await deps.app();
    const target = await deps.connection.trial(connection).resolve();
    try {
      const { data, label } = await need('oauthConnect')(app, {
        ...target,
        redirectUri: redirectUri(),
        query,
        ...(pending.carry ? { carry: pending.carry } : {}),
      });
      deps.connection.setKey({ ...connection, data });
      res
        .status(200)
        .type('html')
        .send(
          page(
            'Connected',
            `Connected${label ? ` as ${escapeHtml(label)}` : ''}. You can close this window.`,
          ),
        );
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new HttpError(502, 'OAuthFailed', `The provider did not give a token: ${message}`);
    }
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
