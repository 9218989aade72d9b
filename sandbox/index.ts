/**
 * The ChartMogul sandbox: `startSandbox(options)` serves a ChartMogul REST API v1 emulator on loopback.
 * This folder never imports runtime/ (the emulator must not share the client's code paths).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './server';
import { ownHosts } from './http/guard';
import { openDatabase, emptyDatabase } from './db/open';
import { createClock } from './lib/clock';
import { createIdGenerator } from './lib/ids';
import { DEMO_API_KEY, validateFaults, validateWebhooks, type SandboxOptions } from './options';
import { seedDemo } from './seed/demo';
import { ensureDerived, resetAnalytics, watchClock } from './analytics';
import { WebhookDispatcher } from './analytics/webhooks/dispatcher';
import { webhookDestinations, type WebhookDestinations } from './analytics/webhooks/registrar';
import type { Store } from './store/context';

export { parseFaults, DEMO_API_KEY, EMULATED_ORIGIN } from './options';
export type { SandboxOptions, FaultOptions } from './options';
export type { WebhookDestinations } from './analytics/webhooks/registrar';

export interface RunningSandbox {
  url: string;
  apiKey: string;
  /** Webhook destinations by URL (what the admin routes add and remove), for the host embedding it. */
  webhookDestinations: WebhookDestinations;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  const apiKeys = options.apiKeys && options.apiKeys.length > 0 ? [...options.apiKeys] : [DEMO_API_KEY];
  const faults = validateFaults({ ...(options.faults ?? {}) });
  if (options.seed !== undefined && options.seed !== 'demo' && options.seed !== 'none') {
    throw new Error(`Invalid seed "${String(options.seed)}": expected "demo" or "none"`);
  }
  const retryDelaysMs = validateWebhooks(options.webhooks);
  const clock = createClock(options.clock);
  const { db, isNew } = openDatabase(options.dbPath ?? ':memory:');
  const store: Store = { db, clock, ids: createIdGenerator(db, options.clock) };
  ensureDerived(store);
  if (options.seed === 'demo' && isNew) seedDemo(store);

  let hosts: ReadonlySet<string> = new Set();
  const { app } = createApp({
    store,
    apiKeys,
    limits: options.limits ?? true,
    faults,
    reset: () => {
      emptyDatabase(db);
      resetAnalytics(store);
    },
    ownHosts: () => hosts,
  });
  const server = http.createServer(app);
  // An idle keep-alive connection stays open 30 s (announced as `Keep-Alive: timeout=30`; Node and undici
  // clients drop it a second earlier). With Node's 5 s, a client on a busy machine reused a connection the
  // sandbox was just closing, and its request failed with ECONNRESET (docs/decisions.md, "Sandbox").
  server.keepAliveTimeout = 30_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
  } catch (err) {
    db.close();
    throw err;
  }
  // Pending webhook deliveries (from this run or one before it on the same file) go out from now on.
  const webhooks = new WebhookDispatcher(store, retryDelaysMs);
  webhooks.start();
  const clockWatch = watchClock(store);
  const address = server.address() as AddressInfo;
  hosts = ownHosts(host, address.address, address.port);
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${address.port}`,
    apiKey: apiKeys[0],
    webhookDestinations: webhookDestinations(store),
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.close(() => {
          clockWatch.stop();
          void webhooks.stop().then(() => {
            db.close();
            resolve();
          });
        });
        server.closeAllConnections();
      })),
  };
}
