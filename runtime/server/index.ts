/**
 * The workbench server: the HTTP API of routes.ts and the page in public/, on one loopback port.
 * `startServer` resolves once the port is bound; `url` is the one to open (it carries the token,
 * which the page trades for an HttpOnly cookie and then drops from the address bar).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { App } from '../index';
import { ConnectionState } from './connection-state';
import { mountOAuth } from './oauth-callback';
import { errorBody, HttpError, statusFor } from './http-errors';
import { hookDispatcher, hookReceiverRoute, hookRoutes, type HookRouteContext } from './hook-routes';
import { LiveRuns } from './live-runs';
import { scheduleRoutes, Schedules } from './schedule-routes';
import { triggerStateRoutes } from './trigger-state-routes';
import { need, type Connection } from './public-api';
import { apiRoutes } from './routes';
import { pageRoutes } from './page-routes';
import { scrubSecrets } from './scrub';
import {
  allowedHosts,
  cookieName,
  hostForUrl,
  sameOriginGuard,
  securityHeaders,
  tokenGuard,
  tokensEqual,
} from './security';

export interface ServerOptions {
  /** 0 = any free port. Default 8080. */
  port?: number;
  host?: string;
  /** A ChartMogul key; without one the workbench uses the embedded sandbox. */
  connection?: Connection;
  /** Base URL replacing https://api.chartmogul.com (with a key); absent = the real API. */
  target?: string;
  /** The app folder (makecomapp.json); default: loadApp's default. */
  appDir?: string;
  /** The embedded sandbox's database; default `.sandbox/chartmogul.db` in the app folder. */
  sandboxDbPath?: string;
  /** The run history's database; default: the runner's (in the app folder). */
  historyPath?: string;
  /** The origin hook URLs are shown with, e.g. a tunnel's (beyond DESIGN); default the server's own. */
  publicUrl?: string;
}

export interface WorkbenchServer {
  url: string;
  token: string;
  close(): Promise<void>;
}

/** Request bodies above this are refused with 413; blueprints are the largest thing posted. */
const BODY_LIMIT = '1mb';

export async function startServer(options: ServerOptions = {}): Promise<WorkbenchServer> {
  const host = options.host ?? '127.0.0.1';
  const token = randomBytes(24).toString('base64url');
  let port = options.port ?? 8080;

  let appPromise: Promise<App> | undefined;
  const loadApp = (fresh = false): Promise<App> => {
    if (!appPromise || fresh) {
      const loading = Promise.resolve().then(() => need('loadApp')(options.appDir));
      loading.catch(() => {
        if (appPromise === loading) appPromise = undefined; // retry on the next request
      });
      appPromise = loading;
    }
    return appPromise;
  };
  const appDir =
    options.appDir ??
    (await loadApp()
      .then((a) => a.dir)
      .catch(() => process.cwd()));
  const loaded = await loadApp().catch(() => undefined);
  const connection = new ConnectionState({
    connection: options.connection,
    target: options.target,
    // Another app than the one the sandbox emulates gets no sandbox (issue 20).
    ...(loaded && !need('sandboxServes')(loaded)
      ? { sandbox: false, realApi: String(loaded.base.baseUrl ?? "the app's API") }
      : {}),
    sandboxDbPath: options.sandboxDbPath ?? path.join(appDir, '.sandbox', 'chartmogul.db'),
    ...(loaded ? { secretNames: need('secretParameterNames')(loaded) } : {}),
  });

  const hooks: HookRouteContext = {
    app: () => loadApp(),
    connection,
    historyPath: options.historyPath ?? path.join(appDir, '.sandbox', 'history.db'),
    publicUrl: () => options.publicUrl ?? `http://${hostForUrl(host)}:${port}`,
  };
  const deliveries = hookDispatcher(hooks);
  const schedules = new Schedules(hooks);

  const server = express();
  server.disable('x-powered-by');
  server.set('etag', false);
  server.use(securityHeaders);
  server.use(
    '/hooks',
    hookReceiverRoute(hooks, deliveries, () => allowedHosts(host, port)),
  );
  server.use(sameOriginGuard(() => allowedHosts(host, port)));

  server.get('/', (req, res) => {
    const given = req.query.token;
    if (given !== undefined) {
      if (typeof given !== 'string' || !tokensEqual(given, token)) {
        throw new HttpError(
          401,
          'MissingToken',
          'This workbench link is not valid; use the URL that `start` printed',
        );
      }
      res.setHeader('Set-Cookie', `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      res.redirect(303, '/'); // the token leaves the address bar and the history
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.sendFile(path.join(publicDir(), 'index.html'));
  });
  server.use(express.static(publicDir(), { index: false, dotfiles: 'ignore' }));

  server.use(
    '/api',
    tokenGuard(token, () => cookieName(port)),
    (_req, res, next) => {
      res.setHeader('Cache-Control', 'no-store');
      next();
    },
  );
  server.use('/api', requireJsonBodies, express.json({ limit: BODY_LIMIT, strict: true }));
  mountOAuth(server, { app: loadApp, connection, origin: () => `http://${hostForUrl(host)}:${port}` });
  server.use('/api', hookRoutes(hooks));
  server.use('/api', scheduleRoutes(hooks, schedules));
  server.use('/api', triggerStateRoutes(hooks));
  const routes = { app: loadApp, appDir, connection, runs: new LiveRuns(), historyPath: options.historyPath };
  server.use('/api', pageRoutes(routes));
  server.use('/api', apiRoutes(routes));

  server.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = statusFor(err);
    const text = scrubSecrets(JSON.stringify({ error: errorBody(err) }), connection.secretValues());
    if (status >= 500 && status !== 501 && status !== 502) {
      process.stderr.write(
        `workbench: ${req.method} ${req.path} failed: ${scrubSecrets(String((err as Error)?.stack ?? err), connection.secretValues())}\n`,
      );
    }
    res.status(status).type('application/json').send(text);
  });
  server.use((_req: Request, res: Response) => {
    res
      .status(404)
      .type('application/json')
      .send(JSON.stringify({ error: { type: 'NotFound', message: 'Not found' } }));
  });

  const listener = await new Promise<import('node:http').Server>((resolve, reject) => {
    const s = server.listen(port, host);
    s.once('listening', () => resolve(s));
    s.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        const busy = new Error(`Port ${port} on ${host} is already in use; choose another with --port`);
        (busy as NodeJS.ErrnoException).code = 'EADDRINUSE';
        reject(busy);
      } else reject(err);
    });
  });
  port = (listener.address() as AddressInfo).port;
  deliveries.drainAll();
  await schedules.resume();

  return {
    url: `http://${hostForUrl(host)}:${port}/?token=${token}`,
    token,
    async close() {
      const closed = new Promise<void>((resolve) => listener.close(() => resolve()));
      listener.closeAllConnections(); // open event streams would otherwise hold close() forever
      await closed;
      await schedules.stopAll();
      await deliveries.stop();
      await connection.close();
    },
  };
}

/** POST and PUT bodies must be JSON: a form post from another site cannot send that without a preflight. */
function requireJsonBodies(req: Request, _res: Response, next: NextFunction): void {
  const hasBody =
    Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.is('application/json')) {
    return next(new HttpError(415, 'UnsupportedMediaType', 'Request bodies must be application/json'));
  }
  next();
}

let resolvedPublicDir: string | undefined;

/** The page's folder: beside this file in the sources, or back in the sources when running from dist/. */
function publicDir(): string {
  if (!resolvedPublicDir) {
    const candidates = [
      path.join(__dirname, 'public'),
      path.resolve(__dirname, '../../../runtime/server/public'),
    ];
    resolvedPublicDir = candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? candidates[0];
  }
  return resolvedPublicDir;
}
