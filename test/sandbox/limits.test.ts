/** The rate limit, the in-flight limit and every fault kind of the grammar. */
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../sandbox';
import { ChartMogul, failure, raw, stats } from './support/sdk';

const open: RunningSandbox[] = [];
async function sandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const sb = await startSandbox(options);
  open.push(sb);
  return sb;
}
afterAll(() => Promise.all(open.map((s) => s.close())));

function sdk(sb: RunningSandbox) {
  const config = new ChartMogul.Config(sb.apiKey, sb.url);
  config.retries = 0;
  return config;
}

async function totalWrites(sb: RunningSandbox): Promise<number> {
  return Object.values((await stats(sb)).writes).reduce((a, b) => a + b, 0);
}

describe('limits', () => {
  it('answers 429 in dialect A past 40 requests per key in a one-second window', async () => {
    const sb = await sandbox({ limits: true });
    // Bursts of 100 at once: more than 40 arrive within one window even on a slow machine. Requests past the
    // in-flight limit get 503, but the window counts them all, so the 41st and later get 429.
    let limited: Awaited<ReturnType<typeof raw>> | undefined;
    for (let attempt = 0; attempt < 5 && !limited; attempt++) {
      const burst = await Promise.all(Array.from({ length: 100 }, () => raw(sb, 'GET', '/v1/ping')));
      limited = burst.find((r) => r.status === 429);
    }
    expect(limited).toBeDefined();
    expect(limited?.body).toEqual({
      code: 429,
      message: 'Your request rate has exceeded our rate limit.',
      param: null,
    });
    const other = await sandbox({ limits: true, apiKeys: ['key-a', 'key-b'] });
    // Another key has its own window.
    const auth = (k: string) => ({ authorization: `Basic ${Buffer.from(`${k}:`).toString('base64')}` });
    const burst = await Promise.all(
      Array.from({ length: 15 }, () => raw(other, 'GET', '/v1/ping', undefined, auth('key-a'))),
    );
    expect(burst.every((r) => r.status === 200)).toBe(true);
  });

  it('answers 503 when more than 20 requests are in flight (held by a latency fault)', async () => {
    // A long latency keeps the first requests in flight while the rest arrive, however loaded the machine.
    const sb = await sandbox({ limits: true, faults: { latency: 1500 } });
    const results = await Promise.all(Array.from({ length: 30 }, () => raw(sb, 'GET', '/v1/ping')));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(20);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 200 || s === 503 || s === 429)).toBe(true);
    expect(results.find((r) => r.status === 503)?.body).toMatchObject({ code: 503 });
  });

  it('limits: false turns both limits off', async () => {
    const sb = await sandbox({ limits: false, faults: { latency: 200 } });
    const results = await Promise.all(Array.from({ length: 45 }, () => raw(sb, 'GET', '/v1/ping')));
    expect(results.every((r) => r.status === 200)).toBe(true);
  });
});

describe('faults', () => {
  it.each(['500', '502', '503', '504'] as const)(
    '%s=1 answers %s before applying the request',
    async (code) => {
      const sb = await sandbox({ limits: false, faults: { [code]: 1 } });
      const res = await failure(ChartMogul.DataSource.create(sdk(sb), { name: 'never' }));
      expect(res.status).toBe(Number(code));
      expect(await totalWrites(sb)).toBe(0);
    },
  );

  it('429=1 answers 429 with Retry-After: 1 before applying the request', async () => {
    const sb = await sandbox({ limits: false, faults: { '429': 1 } });
    const res = await raw(sb, 'POST', '/v1/data_sources', JSON.stringify({ name: 'never' }));
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('1');
    expect(await totalWrites(sb)).toBe(0);
  });

  it('drop=1 resets the connection before applying the request', async () => {
    const sb = await sandbox({ limits: false, faults: { drop: 1 } });
    await expect(
      raw(sb, 'POST', '/v1/data_sources', JSON.stringify({ name: 'never' })),
    ).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(await totalWrites(sb)).toBe(0);
  });

  it('drop_after=1 resets the connection after the write committed', async () => {
    const sb = await sandbox({ limits: false, faults: { drop_after: 1 } });
    const err = (await failure(ChartMogul.DataSource.create(sdk(sb), { name: 'landed' }))) as {
      status: number;
    };
    expect(err.status).toBe(-1); // a network error, no HTTP status
    expect((await stats(sb)).writes).toEqual({ 'POST /v1/data_sources': 1 });
    const list = await ChartMogul.DataSource.all(sdk(sb), { name: 'landed' });
    expect(list.data_sources).toHaveLength(1);
  });

  it('seed makes the draws reproducible', async () => {
    const run = async (seed: number) => {
      const sb = await sandbox({ limits: false, faults: { '503': 0.5, seed } });
      const statuses: number[] = [];
      for (let i = 0; i < 24; i++) statuses.push((await raw(sb, 'GET', '/v1/ping')).status);
      return statuses.join(',');
    };
    const a = await run(7);
    expect(await run(7)).toBe(a);
    expect(a).toMatch(/503/);
    expect(a).toMatch(/200/);
    expect(await run(8)).not.toBe(a);
  });

  it('stats count every request per route template, rejected ones included', async () => {
    const sb = await sandbox({ limits: false, faults: { '500': 1 } });
    await raw(sb, 'GET', '/v1/customers/cus_x');
    await raw(sb, 'PATCH', '/v1/customers/cus_y', '{}');
    expect((await stats(sb)).requests).toEqual({
      'GET /v1/customers/:uuid': 1,
      'PATCH /v1/customers/:uuid': 1,
    });
  });
});
