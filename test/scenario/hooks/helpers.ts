/** Shared set-up of the hook tests: the feed app, its loopback API, a fresh history, blueprints. */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { loadApp } from '../../../runtime/definitions';
import type { App } from '../../../runtime/types/app';

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
