/**
 * listenScenario (DESIGN "Webhooks"): serves the scenario's hook at `/hooks/:id` on its own port,
 * without the workbench page, and runs the scenario once per delivered item from the durable queue;
 * items queued while nothing listened (or before a crash) run first. Only `/hooks/*` is served, to
 * the loopback names and the public URL's host (a tunnel's).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvalidConfigurationError } from '../../errors';
import type { App } from '../../types/app';
import { createEngineExecutor } from '../executor';
import { retryIncompleteWith, retryOptionsOf } from '../retry';
import { historyPathFor } from '../run';
import type { ScenarioOptions } from '../types';
import { DeliveryDispatcher } from './dispatcher';
import { checkPublicUrl, hookStore, type HookRegistrar } from './manage';
import { createHookReceiver, NOT_FOUND } from './receiver';

export interface ListenOptions extends ScenarioOptions {
  /** Default 8080; 0 = any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The origin senders reach this listener at (a tunnel), shown in the hook URLs. */
  publicUrl?: string;
  /** How long a caller waits for a responder's answer (default 40 s). */
  answerTimeoutMs?: number;
  /** A run could not start (a broken blueprint, a failed connection): its item stays queued. */
  onRunError?: (err: unknown) => void;
  /**
   * The embedded service standing in for the app's API (createHook's): a hook without attach is
   * registered with it at the URL this listener serves, and that registration, when the hook's own
   * URL is another, is taken back when the listener stops.
   */
  registrar?: HookRegistrar;
}

export interface Listener {
  /** The origin the listener serves (the public URL when given). */
  url: string;
  /** The origin it is bound to on this machine (beyond DESIGN). */
  localUrl: string;
  hooks: { id: string; url: string }[];
  /** Stops accepting deliveries, lets the run in flight finish, and resolves. */
  stop(): Promise<void>;
}

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

export async function listenScenario(
  app: App,
  blueprint: unknown,
  options: ListenOptions = {},
): Promise<Listener> {
  const key = options.scenarioKey;
  if (!key) throw new InvalidConfigurationError('listenScenario needs the scenario key its hook belongs to');
  const historyPath = historyPathFor(app, options);
  const hook = hookStore(historyPath).forScenario(key);
  if (!hook)
    throw new InvalidConfigurationError(
      'This scenario has no hook yet: create one with `hooks create BLUEPRINT` (it runs the webhook’s attach)',
    );
  const publicUrl = options.publicUrl === undefined ? undefined : checkPublicUrl(options.publicUrl);
  const {
    port: _p,
    host: _h,
    publicUrl: _u,
    answerTimeoutMs,
    onRunError,
    registrar,
    ...runOptions
  } = options;
  const dispatcher = new DeliveryDispatcher({
    historyPath,
    resolve: async (k) =>
      k === key
        ? {
            app,
            blueprint,
            options: { ...runOptions, historyPath },
            retryDue: () =>
              retryIncompleteWith(
                app,
                { ...retryOptionsOf({ ...runOptions, historyPath }), scenarioKey: key },
                { executorFor: (o) => createEngineExecutor(app, o) },
              ),
          }
        : undefined,
    ...(answerTimeoutMs !== undefined ? { answerTimeoutMs } : {}),
    onError: (err) => onRunError?.(err),
  });
  const receive = createHookReceiver({
    app: async () => app,
    historyPath,
    sink: dispatcher,
    ...(options.timezone ? { timezone: options.timezone } : {}),
  });
  const host = options.host ?? '127.0.0.1';
  let port = options.port ?? 8080;
  const allowed = () =>
    new Set([
      ...LOOPBACK.map((name) => `${name}:${port}`),
      ...(publicUrl ? [new URL(publicUrl).host.toLowerCase()] : []),
    ]);
  const server = http.createServer((req, res) => {
    const m = /^\/hooks\/([^/?#]+)\/?(?:\?.*)?$/.exec(req.url ?? '');
    const reply = (r: typeof NOT_FOUND) => {
      res.writeHead(r.status, r.headers);
      res.end(r.body);
    };
    if (!allowed().has(String(req.headers.host ?? '').toLowerCase()))
      return reply({
        status: 403,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: JSON.stringify({
          error: { type: 'ForeignHost', message: 'Requests must address this listener by its own host' },
        }),
      });
    if (!m || m[1] !== hook.pathId) return reply(NOT_FOUND);
    void receive(req, res, m[1]);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? Object.assign(
              new Error(`Port ${port} on ${host} is already in use; choose another with --port`),
              {
                code: 'EADDRINUSE',
              },
            )
          : err,
      ),
    );
    server.listen(port, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const localUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const origin = publicUrl ?? localUrl;
  const served = `${origin}/hooks/${hook.pathId}`;
  const stop = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await dispatcher.stop();
    server.closeAllConnections();
    await closed;
  };
  let registered = false;
  try {
    if (registrar && !hook.attached) registered = await registrar.register(served);
  } catch (err) {
    await stop();
    throw err;
  }
  dispatcher.kick(key);
  return {
    url: origin,
    localUrl,
    hooks: [{ id: hook.id, url: served }],
    async stop() {
      await stop();
      // The hook's own URL stays registered until the hook is deleted; this listener's other one goes.
      if (registered && served !== hook.url) await registrar?.unregister(served);
    },
  };
}
