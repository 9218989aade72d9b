/** Shared set-up of the hook tests: the feed app, its loopback API, a fresh history, blueprints. */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { loadApp } from '../../../runtime/definitions';
import { closeHistory } from '../../../runtime/scenario';
import { createHook } from '../../../runtime/scenario/hooks';
import { hookStore } from '../../../runtime/scenario/hooks/manage';
import { createHookReceiver } from '../../../runtime/scenario/hooks/receiver';
import type { App } from '../../../runtime/types/app';
import { startFeedServer } from '../../fixtures/feed-server';

export const FEED_APP_DIR = path.join(__dirname, '..', '..', 'fixtures', 'feed-app');

export function loadFeedApp(): Promise<App> {
  return loadApp(FEED_APP_DIR);
}

export function tempHistory(): { dir: string; historyPath: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooks-'));
  return { dir, historyPath: path.join(dir, 'history.db') };
}

/** An instant trigger, then `rest` (module ids from 2). */
export function instantBlueprint(
  trigger: string,
  parameters: Record<string, unknown>,
  rest: { module: string; mapper: Record<string, unknown> }[] = [],
): Record<string, unknown> {
  return {
    name: `On ${trigger}`,
    flow: [
      { id: 1, module: `app#feed:${trigger}`, version: 1, parameters, mapper: null },
      ...rest.map((m, i) => ({
        id: i + 2,
        module: `app#feed:${m.module}`,
        version: 1,
        parameters: {},
        mapper: m.mapper,
      })),
    ],
    metadata: { instant: true },
  };
}

export interface Sent {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request to a listener or the workbench over real HTTP. */
export function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: options.method ?? 'POST', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export const postJson = (url: string, value: unknown, headers: Record<string, string> = {}) =>
  send(url, { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) });

/** Resolves once `check` holds (polled every 20 ms), or fails after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface EchoReceiver {
  /** The hook's URL on the loopback receiver. */
  url: string;
  historyPath: string;
  /** One request to the hook's URL (`suffix` is appended: a query string). */
  send(suffix: string, options?: Parameters<typeof send>[1]): Promise<Sent>;
  /** Takes the next queued item off the queue (undefined when nothing is queued). */
  take(): unknown;
  close(): Promise<void>;
}

/**
 * A hook receiver on a loopback port whose webhook queues what the receiver parsed, as one item
 * `{body, query}`: for tests of how a delivery's body and query are read.
 */
export async function startEchoReceiver(key: string): Promise<EchoReceiver> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hook-echo-'));
  fs.cpSync(FEED_APP_DIR, dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'webhooks', 'itemEvents', 'itemEvents.communication.iml.json'),
    JSON.stringify({ output: { body: '{{body}}', query: '{{query}}' } }),
  );
  const app = await loadApp(dir);
  const feed = await startFeedServer();
  const historyPath = tempHistory().historyPath;
  const hook = await createHook(app, instantBlueprint('watchItemEvents', { topic: 'items' }), {
    scenarioKey: key,
    historyPath,
    connection: { apiKey: 'feed-key-1' },
    target: feed.url,
    publicUrl: 'https://tunnel.example.test',
  });
  const receive = createHookReceiver({ app: async () => app, historyPath });
  const pathId = hook.url.split('/').pop()!;
  const server = http.createServer((req, res) => void receive(req, res, pathId));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/${pathId}`;
  return {
    url,
    historyPath,
    send: (suffix, options) => send(`${url}${suffix}`, options),
    take() {
      const store = hookStore(historyPath);
      const queued = store.nextQueued(key);
      if (!queued) return undefined;
      store.take(queued.seq, 'test-run');
      return queued.item;
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await feed.close();
      closeHistory(historyPath);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
