import { fork } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { runModule } from '../../runtime/communication';
import type { EngineEvent } from '../../runtime/communication';
import { ConnectionError, RuntimeError } from '../../runtime/errors';
import { GET_AND_POST, makeApp, opts, startTestServer, TestServer } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests = [];
});

const app = makeApp({
  modules: [
    ...GET_AND_POST,
    {
      id: 'slowGet',
      communication: { url: '/v1/x', timeout: 300, response: { output: '{{body}}' } } as never,
    },
    {
      id: 'slowPost',
      communication: { url: '/v1/x', method: 'POST', body: { a: 1 }, timeout: 300 } as never,
    },
  ],
});

/** Runs, then waits long enough for any (wrong) retry to have reached the server. */
async function settle<T>(p: Promise<T>): Promise<T | Error> {
  const out = await p.catch((e: Error) => e);
  await new Promise((r) => setTimeout(r, 400));
  return out;
}

const failFirst = (n: number, reply: Record<string, unknown>) => (_req: unknown, i: number) =>
  i <= n ? reply : { body: { ok: i } };

describe('retries', () => {
  test('429 with Retry-After: the GET waits at least that long, then succeeds', async () => {
    server.handle = failFirst(1, {
      status: 429,
      headers: { 'retry-after': '1' },
      body: { message: 'slow down' },
    });
    const events: EngineEvent[] = [];
    const result = await runModule(app, 'get', opts(server, { logger: (e: EngineEvent) => events.push(e) }));
    expect(result.bundles).toEqual([{ ok: 2 }]);
    const retries = events.filter((e) => e.type === 'retry');
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ attempt: 1, reason: 'HTTP 429' });
    expect((retries[0] as { delayMs: number }).delayMs).toBeGreaterThanOrEqual(1000);
  });

  test('503 and 502/504: a GET succeeds after retries', async () => {
    server.handle = (_r, i) =>
      i === 1 ? { status: 503 } : i === 2 ? { status: 502 } : i === 3 ? { status: 504 } : { body: { ok: i } };
    expect((await runModule(app, 'get', opts(server))).bundles).toEqual([{ ok: 4 }]);
  });

  test('a dropped connection: the GET succeeds after a retry', async () => {
    server.handle = failFirst(2, { drop: true });
    expect((await runModule(app, 'get', opts(server))).bundles).toEqual([{ ok: 3 }]);
    expect(server.requests).toHaveLength(3);
  });

  test('a slow response: the GET times out, is retried and succeeds', async () => {
    server.handle = failFirst(1, { delayMs: 1500, body: { slow: true } });
    expect((await runModule(app, 'slowGet', opts(server))).bundles).toEqual([{ ok: 2 }]);
  });

  test('a POST that timed out reaches the server once', async () => {
    server.handle = () => ({ delayMs: 1000, body: {} });
    const err = await settle(runModule(app, 'slowPost', opts(server)));
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as Error).message).toMatch(/no response in time/);
    expect((err as ConnectionError).outcome).toBe('unknown');
    expect(server.requests).toHaveLength(1);
  });

  test.each([
    ['a reset', { drop: true }, ConnectionError],
    ['a 500', { status: 500, body: { message: 'boom' } }, RuntimeError],
    ['a 502', { status: 502 }, ConnectionError],
  ])(
    'a POST is not retried after %s, and its error says it may have been applied',
    async (_name, reply, Type) => {
      server.handle = () => reply;
      const err = await settle(runModule(app, 'post', opts(server)));
      expect(err).toBeInstanceOf(Type);
      expect((err as ConnectionError).outcome).toBe('unknown');
      expect(server.requests).toHaveLength(1);
    },
  );

  test('a failed GET, a 4xx and a refused connection carry no unknown outcome: nothing can have been applied', async () => {
    server.handle = () => ({ drop: true });
    const get = await settle(runModule(app, 'get', { ...opts(server), retry: false }));
    expect(get).toBeInstanceOf(ConnectionError);
    expect((get as ConnectionError).outcome).toBeUndefined();
    server.handle = () => ({ status: 422, body: { message: 'no' } });
    expect(((await settle(runModule(app, 'post', opts(server)))) as ConnectionError).outcome).toBeUndefined();
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const refused = await runModule(app, 'post', {
      ...opts(server),
      retry: false,
      target: `http://127.0.0.1:${port}`,
    }).catch((e: ConnectionError) => e);
    expect(refused).toBeInstanceOf(ConnectionError);
    expect((refused as ConnectionError).outcome).toBeUndefined();
  });

  test.each([
    ['429', { status: 429, headers: { 'retry-after': '0' } }],
    ['503', { status: 503 }],
  ])('a POST is retried after %s (the server did not apply it)', async (_name, reply) => {
    server.handle = failFirst(1, reply);
    expect((await runModule(app, 'post', opts(server))).bundles).toEqual([{ ok: 2 }]);
    expect(server.requests).toHaveLength(2);
  });

  test('a POST is retried when the connection is refused', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const events: EngineEvent[] = [];
    const err = await runModule(app, 'post', {
      ...opts(server),
      target: `http://127.0.0.1:${port}`,
      logger: (e: EngineEvent) => events.push(e),
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(4);
  });

  test('retries are bounded: a GET that always gets 503 fails after 1 + 4 attempts with ConnectionError', async () => {
    server.handle = () => ({ status: 503, body: { message: 'unavailable' } });
    const err = await runModule(app, 'get', opts(server)).catch((e) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.message).toBe('[503] unavailable');
    expect(server.requests).toHaveLength(5);
  });

  test('retries are bounded in total time: a Retry-After beyond the budget is not waited for', async () => {
    server.handle = () => ({ status: 429, headers: { 'retry-after': '3600' }, body: {} });
    const err = await runModule(app, 'get', opts(server)).catch((e) => e);
    expect(err.name).toBe('RateLimitError');
    expect(err.retryAfter).toBe(3600);
    expect(server.requests).toHaveLength(1);
  });

  test('retry: false sends once', async () => {
    server.handle = () => ({ status: 503 });
    await expect(runModule(app, 'get', opts(server, { retry: false }))).rejects.toBeInstanceOf(
      ConnectionError,
    );
    expect(server.requests).toHaveLength(1);
  });
});

describe('timeouts and abort', () => {
  test("the module's time budget (timeoutMs) ends a slow run with ConnectionError", async () => {
    server.handle = () => ({ delayMs: 2000, body: {} });
    const err = await runModule(app, 'get', opts(server, { timeoutMs: 300 })).catch((e) => e);
    expect(err).toBeInstanceOf(ConnectionError);
  });

  test('signal aborts a run in flight', async () => {
    const controller = new AbortController();
    // Abort once the server holds the request, so the abort always lands mid-flight.
    server.handle = () => {
      setImmediate(() => controller.abort());
      return { delayMs: 2000, body: {} };
    };
    const err = await runModule(app, 'get', opts(server, { signal: controller.signal })).catch((e) => e);
    expect(err).toBeInstanceOf(RuntimeError);
    expect(err.message).toBe('The run was aborted.');
    expect(server.requests).toHaveLength(1);
  });
});

describe('client-side rate limiter', () => {
  test('a 500-request burst stays within 36 starts per second and 18 in flight', async () => {
    // The counting server runs in its own process: its clock and event loop are not ours.
    const child = fork(path.join(__dirname, 'fixtures', 'counting-server.js'), [], {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    try {
      const port = await new Promise<string>((resolve) =>
        child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim())),
      );
      const url = `http://127.0.0.1:${port}`;
      const burstOpts = { target: url, connection: { apiKey: 'burst-test-key' }, rateLimit: {} };
      const results = await Promise.all(Array.from({ length: 500 }, () => runModule(app, 'get', burstOpts)));
      expect(results).toHaveLength(500);
      const stats = (await (await fetch(`${url}/__stats`)).json()) as {
        count: number;
        maxInFlight: number;
        arrivals: number[];
      };
      expect(stats.count).toBe(500);
      expect(stats.maxInFlight).toBeLessThanOrEqual(18);
      // Most arrivals in any one-second window. The limiter counts a request until a second after it
      // ended, and the server sees it between our start and our end, so this holds exactly on any
      // machine load (ChartMogul's own limit is 40).
      const a = [...stats.arrivals].sort((x, y) => x - y);
      let worst = 0;
      for (let i = 0, j = 0; i < a.length; i++) {
        while (a[i] - a[j] >= 1000) j++;
        worst = Math.max(worst, i - j + 1);
      }
      expect(worst).toBeLessThanOrEqual(36);
    } finally {
      child.kill();
    }
  }, 60_000);

  test('the limiter is off by default when a target is given, and on with rateLimit options', async () => {
    server.handle = () => ({ delayMs: 300, body: {} });
    server.maxInFlight = 0;
    await Promise.all(Array.from({ length: 30 }, () => runModule(app, 'get', opts(server))));
    expect(server.maxInFlight).toBeGreaterThan(5);
    server.maxInFlight = 0;
    await Promise.all(
      Array.from({ length: 30 }, () =>
        runModule(
          app,
          'get',
          opts(server, { rateLimit: { inFlight: 3 }, connection: { apiKey: 'limited-key-2' } }),
        ),
      ),
    );
    expect(server.maxInFlight).toBeLessThanOrEqual(3);
  });
});
