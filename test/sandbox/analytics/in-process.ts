/**
 * A sandbox app served over loopback HTTP in this process, with its store at hand: tests drive it through the
 * API as any client would and read the database it writes directly.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../../sandbox/server';
import { ownHosts } from '../../../sandbox/http/guard';
import { openDatabase } from '../../../sandbox/db/open';
import { createIdGenerator } from '../../../sandbox/lib/ids';
import { createClock, type Clock } from '../../../sandbox/lib/clock';
import { WebhookDispatcher } from '../../../sandbox/analytics/webhooks/dispatcher';
import { watchClock } from '../../../sandbox/analytics';
import { DEMO_API_KEY } from '../../../sandbox/options';
import type { Store } from '../../../sandbox/store/context';

export interface InProcess {
  url: string;
  store: Store;
  /** Sends a request with the demo key; answers the status and the parsed body. */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

/** `clock`: a fixed instant, or a clock the test moves; `webhooks` starts a dispatcher with these retry delays. */
export async function inProcessSandbox(
  clock: string | Clock,
  webhooks?: { retryDelaysMs: number[] },
): Promise<InProcess> {
  const { db } = openDatabase(':memory:');
  const store: Store = {
    db,
    clock: typeof clock === 'string' ? createClock(clock) : clock,
    ids: createIdGenerator(db, typeof clock === 'string' ? clock : 'in-process'),
  };
  const dispatcher = webhooks && new WebhookDispatcher(store, webhooks.retryDelaysMs);
  dispatcher?.start();
  const clockWatch = watchClock(store);
  let hosts: ReadonlySet<string> = new Set();
  const { app } = createApp({
    store,
    apiKeys: [DEMO_API_KEY],
    limits: false,
    faults: {},
    reset: () => undefined,
    ownHosts: () => hosts,
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  hosts = ownHosts('127.0.0.1', '127.0.0.1', port);
  const url = `http://127.0.0.1:${port}`;
  const auth = `Basic ${Buffer.from(`${DEMO_API_KEY}:`).toString('base64')}`;
  return {
    url,
    store,
    async call(method, path, body) {
      const res = await fetch(url + path, {
        method,
        headers: { authorization: auth, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          clockWatch.stop();
          void (dispatcher?.stop() ?? Promise.resolve()).then(() => {
            db.close();
            resolve();
          });
        });
      }),
  };
}
