// Runs the app's modules and RPCs through the public runtime API against a fresh in-memory sandbox.
import http from 'node:http';
import { loadApp, runEpoch, runModule, runRpc, runTrigger, startSandbox } from '../../../runtime';
import type { App, EpochChoice, TriggerState } from '../../../runtime';
import { APP_DIR } from './definitions';

export const TEST_KEY = 'app-test-key-7f3a';

export type Bundle = Record<string, unknown>;

export interface AppHarness {
  app: App;
  url: string;
  connection: { apiKey: string; secretKey?: string };
  /** An action's single bundle. */
  action(moduleId: string, parameters: Record<string, unknown>): Promise<Bundle>;
  /** A search's bundles. */
  search(moduleId: string, parameters: Record<string, unknown>): Promise<Bundle[]>;
  rpc(rpcId: string, parameters?: Record<string, unknown>): Promise<{ label: string; value: unknown }[]>;
  /** One poll of a trigger: its new bundles (oldest first) and the state to store. */
  poll(
    moduleId: string,
    parameters: Record<string, unknown>,
    start: { state?: TriggerState; epoch?: EpochChoice },
  ): Promise<{ bundles: Bundle[]; state: TriggerState }>;
  /** The items a trigger offers to start from ("Choose manually"). */
  epoch(moduleId: string, parameters: Record<string, unknown>): Promise<Record<string, unknown>[]>;
  /** Total API requests the sandbox has seen (admin routes excluded). */
  requestCount(): Promise<number>;
  /** GET an API path straight from the sandbox, bypassing the runtime. */
  api(path: string): Promise<Record<string, unknown>>;
  /** POST records straight to the sandbox (bulk seeding), 20 at a time. */
  seed(path: string, bodies: unknown[]): Promise<void>;
  close(): Promise<void>;
}

export async function startAppHarness(): Promise<AppHarness> {
  const app = await loadApp(APP_DIR);
  const sandbox = await startSandbox({ port: 0, apiKeys: [TEST_KEY], limits: false });
  const connection = { apiKey: TEST_KEY };
  const options = (parameters: Record<string, unknown>) => ({ parameters, connection, target: sandbox.url });
  const auth = `Basic ${Buffer.from(`${TEST_KEY}:`).toString('base64')}`;
  return {
    app,
    url: sandbox.url,
    connection,
    async action(moduleId, parameters) {
      const result = await runModule(app, moduleId, options(parameters));
      if (result.bundles.length !== 1)
        throw new Error(`${moduleId}: expected one bundle, got ${result.bundles.length}`);
      return result.bundles[0] as Bundle;
    },
    async search(moduleId, parameters) {
      return (await runModule(app, moduleId, options(parameters))).bundles as Bundle[];
    },
    async rpc(rpcId, parameters = {}) {
      return (await runRpc(app, rpcId, options(parameters))) as { label: string; value: unknown }[];
    },
    async poll(moduleId, parameters, start) {
      const result = await runTrigger(app, moduleId, { ...options(parameters), ...start });
      return { bundles: result.bundles as Bundle[], state: result.state };
    },
    async epoch(moduleId, parameters) {
      return (await runEpoch(app, moduleId, options(parameters))) as Record<string, unknown>[];
    },
    async requestCount() {
      const stats = (await direct(sandbox.url, 'GET', '/__sandbox/stats')).body as {
        requests: Record<string, number>;
      };
      return Object.values(stats.requests).reduce((a, b) => a + b, 0);
    },
    async api(path) {
      const res = await direct(sandbox.url, 'GET', path, { Authorization: auth });
      if (res.status >= 300) throw new Error(`GET ${path}: ${res.status}`);
      return res.body as Record<string, unknown>;
    },
    async seed(path, bodies) {
      for (let i = 0; i < bodies.length; i += 20) {
        await Promise.all(
          bodies.slice(i, i + 20).map(async (body) => {
            const res = await direct(sandbox.url, 'POST', path, { Authorization: auth }, body);
            if (res.status >= 300) throw new Error(`POST ${path}: ${res.status}`);
          }),
        );
      }
    },
    close: () => sandbox.close(),
  };
}

/**
 * One request of the harness's own (stats, reads, bulk seeding) on a connection of its own, closed after
 * the answer: a pooled keep-alive socket left idle about as long as the sandbox's 5 s keep-alive timeout
 * can be reused just as the server closes it (ECONNRESET), which a slow machine made happen.
 */
function direct(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${path}`,
      {
        method,
        agent: false,
        headers: { ...headers, ...(payload ? { 'Content-Type': 'application/json' } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
