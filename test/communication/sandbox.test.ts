/**
 * The engine against the ChartMogul sandbox (a separate implementation of the API): faults it injects
 * are retried without duplicates, and the default limiter keeps a burst under the sandbox's real
 * limits (40 requests per second, 20 in flight), as it would under ChartMogul's.
 */
import path from 'node:path';
import { startSandbox } from '../../sandbox';
import { loadApp } from '../../runtime/definitions';
import { runModule } from '../../runtime/communication';
import type { App } from '../../runtime/types/app';

let app: App;
beforeAll(async () => {
  app = await loadApp(path.join(__dirname, '..', '..'));
});

async function stats(
  url: string,
): Promise<{ requests: Record<string, number>; writes: Record<string, number> }> {
  return (await (await fetch(`${url}/__sandbox/stats`)).json()) as never;
}

test('listing the demo customers under injected 503s, 429s and dropped connections returns the same records', async () => {
  const clean = await startSandbox({ seed: 'demo', limits: false, clock: '2025-01-01T00:00:00Z' });
  const faulty = await startSandbox({
    seed: 'demo',
    limits: false,
    clock: '2025-01-01T00:00:00Z',
    faults: { '503': 0.15, '429': 0.05, drop: 0.1, seed: 11 },
  });
  try {
    const list = (url: string, apiKey: string) =>
      runModule(app, 'listCustomers', {
        target: url,
        connection: { apiKey },
        parameters: { limit: 1000 },
        retry: { retries: 8, minDelayMs: 5, maxDelayMs: 100 },
        limits: false,
      });
    const expected = await list(clean.url, clean.apiKey);
    const got = await list(faulty.url, faulty.apiKey);
    expect(expected.bundles.length).toBeGreaterThan(0);
    expect(got.bundles.map((b) => b.uuid)).toEqual(expected.bundles.map((b) => b.uuid));
  } finally {
    await clean.close();
    await faulty.close();
  }
}, 60_000);

test('a create whose connection drops after the write is committed is not retried: applied once', async () => {
  const sandbox = await startSandbox({ limits: false, faults: { drop_after: 1, seed: 3 } });
  try {
    const err = await runModule(app, 'createDataSource', {
      target: sandbox.url,
      connection: { apiKey: sandbox.apiKey },
      parameters: { name: 'Once' },
      retry: { retries: 4, minDelayMs: 5 },
    }).catch((e: Error) => e);
    expect(err).toMatchObject({ name: 'ConnectionError' });
    const s = await stats(sandbox.url);
    expect(Object.values(s.writes).reduce((a, b) => a + b, 0)).toBe(1);
    expect(Object.values(s.requests).reduce((a, b) => a + b, 0)).toBe(1);
  } finally {
    await sandbox.close();
  }
});

test('with the default limiter a burst of 150 requests never trips the sandbox limits (40/s, 20 in flight)', async () => {
  const sandbox = await startSandbox({ seed: 'demo', limits: true, clock: '2025-01-01T00:00:00Z' });
  try {
    const first = await runModule(app, 'listCustomers', {
      target: sandbox.url,
      connection: { apiKey: sandbox.apiKey },
      parameters: { limit: 1 },
      rateLimit: false,
    });
    const uuid = first.bundles[0].uuid as string;
    const burst = {
      target: sandbox.url,
      connection: { apiKey: sandbox.apiKey },
      parameters: { customer_uuid: uuid },
      rateLimit: {},
      retry: false as const,
    };
    const results = await Promise.all(
      Array.from({ length: 150 }, () =>
        runModule(app, 'getCustomer', burst).then(
          () => 'ok',
          (e: Error) => e.name,
        ),
      ),
    );
    expect(results.filter((r) => r !== 'ok')).toEqual([]);
  } finally {
    await sandbox.close();
  }
}, 60_000);
