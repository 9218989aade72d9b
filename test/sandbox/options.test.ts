/** startSandbox's options and defaults, the fault grammar, the clock, the demo seed and the admin routes. */
import http from 'node:http';
import { parseFaults, startSandbox } from '../../sandbox';
import { ChartMogul, raw, stats } from './support/sdk';
import { isLoopback } from '../../sandbox/routes/admin';

describe('parseFaults', () => {
  it('reads the CLI grammar', () => {
    expect(parseFaults('latency=50,503=0.05,429=0.02,drop=0.02,drop_after=0.01,seed=7')).toEqual({
      latency: 50,
      '503': 0.05,
      '429': 0.02,
      drop: 0.02,
      drop_after: 0.01,
      seed: 7,
    });
    expect(parseFaults(' 500=1 ')).toEqual({ '500': 1 });
    expect(parseFaults('')).toEqual({});
  });

  it.each([
    ['nope=1', /Unknown fault "nope"/],
    ['503', /expected KEY=VALUE/],
    ['503=abc', /needs a number/],
    ['503=1.5', /between 0 and 1/],
    ['latency=-5', /latency/],
    ['seed=1.5', /seed/],
    ['503=0.6,500=0.6', /add up to/],
    ['503=0.1,503=0.2', /twice/],
  ])('rejects %s with a clear message', (spec, message) => {
    expect(() => parseFaults(spec)).toThrow(message);
  });

  it('startSandbox validates a faults object the same way', async () => {
    await expect(startSandbox({ faults: { '503': 2 } })).rejects.toThrow(/between 0 and 1/);
  });
});

describe('defaults', () => {
  it('binds 127.0.0.1 on a free port, uses the demo key, starts empty', async () => {
    const sb = await startSandbox({ limits: false });
    try {
      expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sb.apiKey).toBe('sandbox-demo-key');
      expect((await raw(sb, 'GET', '/v1/data_sources')).body).toEqual({ data_sources: [] });
    } finally {
      await sb.close();
    }
  });

  it('uses the given keys; the first one is returned', async () => {
    const sb = await startSandbox({ apiKeys: ['k1', 'k2'], limits: false });
    try {
      expect(sb.apiKey).toBe('k1');
      const config = new ChartMogul.Config('k2', sb.url);
      config.retries = 0;
      await expect(ChartMogul.Ping.ping(config)).resolves.toEqual({ data: 'pong!' });
      const demo = new ChartMogul.Config('sandbox-demo-key', sb.url);
      demo.retries = 0;
      await expect(ChartMogul.Ping.ping(demo)).rejects.toMatchObject({ status: 401 });
    } finally {
      await sb.close();
    }
  });
});

describe('connections', () => {
  it('keeps an idle keep-alive connection 30 s and says so (clients drop it a second before)', async () => {
    const sb = await startSandbox({ limits: false });
    try {
      const res = await raw(sb, 'GET', '/v1/ping', undefined, { connection: 'keep-alive' });
      expect(res.status).toBe(200);
      expect(res.headers['keep-alive']).toBe('timeout=30');
    } finally {
      await sb.close();
    }
  });
});

describe('clock and seed', () => {
  async function snapshot(): Promise<string> {
    const sb = await startSandbox({ limits: false, seed: 'demo', clock: '2026-03-15T10:00:00Z' });
    try {
      const customers = (await raw(sb, 'GET', '/v1/customers?per_page=200')).body as { entries: unknown[] };
      const invoices = (await raw(sb, 'GET', '/v1/invoices?per_page=5')).body;
      return JSON.stringify({ customers, invoices });
    } finally {
      await sb.close();
    }
  }

  it('a fixed clock makes the demo data and every id reproducible', async () => {
    const a = await snapshot();
    expect(await snapshot()).toBe(a);
    expect(a).toContain('demo_inv_');
  });

  it('demo data: ~50 customers across every status, plans in three intervals, groups, two years of invoices', async () => {
    const sb = await startSandbox({ limits: false, seed: 'demo', clock: '2026-03-15T10:00:00Z' });
    try {
      const customers = (
        (await raw(sb, 'GET', '/v1/customers?per_page=200')).body as { entries: { status: string }[] }
      ).entries;
      expect(customers).toHaveLength(50);
      const statuses = new Set(customers.map((c) => c.status));
      for (const s of [
        'New Lead',
        'Working Lead',
        'Qualified Lead',
        'Unqualified Lead',
        'Active',
        'Past Due',
        'Cancelled',
      ])
        expect(statuses).toContain(s);
      const plans = ((await raw(sb, 'GET', '/v1/plans')).body as { plans: { interval_unit: string }[] })
        .plans;
      expect(new Set(plans.map((p) => p.interval_unit))).toEqual(new Set(['day', 'month', 'year']));
      expect(
        ((await raw(sb, 'GET', '/v1/plan_groups')).body as { plan_groups: unknown[] }).plan_groups,
      ).toHaveLength(2);
      const invoices = (await raw(sb, 'GET', '/v1/invoices?per_page=200')).body as {
        total_pages: number;
        invoices: { date: string; transactions: unknown[] }[];
      };
      expect(invoices.total_pages).toBeGreaterThanOrEqual(1);
      expect(invoices.invoices.every((i) => i.transactions.length === 1)).toBe(true);
      const dates = invoices.invoices.map((i) => i.date).sort();
      expect(dates[dates.length - 1] <= '2026-03-15T10:00:00.000Z').toBe(true);
      // About two years of history up to the clock, in a few currencies, with every kind of movement.
      const activities = (
        (await raw(sb, 'GET', '/v1/activities?per_page=200')).body as {
          entries: { type: string; date: string }[];
        }
      ).entries;
      expect(new Set(activities.map((a) => a.type))).toEqual(
        new Set(['new_biz', 'expansion', 'contraction', 'churn', 'reactivation']),
      );
      expect(activities[0].date < '2024-06-01').toBe(true);
      const currencies = new Set<string>();
      let cursor: string | null = null;
      do {
        const page = (await raw(sb, 'GET', `/v1/invoices?per_page=200${cursor ? `&cursor=${cursor}` : ''}`))
          .body as { invoices: { currency: string }[]; cursor: string | null; has_more: boolean };
        page.invoices.forEach((i) => currencies.add(i.currency));
        cursor = page.has_more ? page.cursor : null;
      } while (cursor);
      expect(currencies).toEqual(new Set(['USD', 'EUR', 'GBP']));
    } finally {
      await sb.close();
    }
  });
});

describe('admin routes', () => {
  it('stats count requests per template and writes per path; reset empties data and counters', async () => {
    const sb = await startSandbox({ limits: false });
    try {
      const config = new ChartMogul.Config(sb.apiKey, sb.url);
      config.retries = 0;
      const ds = await ChartMogul.DataSource.create(config, { name: 'Admin' });
      const c = await ChartMogul.Customer.create(config, { data_source_uuid: ds.uuid, external_id: 'a' });
      await ChartMogul.Customer.modify(config, c.uuid, { name: 'n' });
      await ChartMogul.Customer.modify(config, c.uuid, { email: 'bad' }).catch(() => undefined);
      const s = await stats(sb);
      expect(s.requests).toEqual({
        'POST /v1/data_sources': 1,
        'POST /v1/customers': 1,
        'PATCH /v1/customers/:uuid': 2,
      });
      expect(s.writes).toEqual({
        'POST /v1/data_sources': 1,
        'POST /v1/customers': 1,
        [`PATCH /v1/customers/${c.uuid}`]: 1,
      });
      const reset = await fetch(`${sb.url}/__sandbox/reset`, { method: 'POST' });
      expect(reset.status).toBe(200);
      expect(await stats(sb)).toEqual({ requests: {}, writes: {} });
      expect((await ChartMogul.DataSource.all(config)).data_sources).toEqual([]);
    } finally {
      await sb.close();
    }
  });
});

describe('admin routes, whatever the case of their path (express matches paths so)', () => {
  it('answer, and a reset is seen by the next read of a customer the sandbox kept', async () => {
    const sb = await startSandbox({ limits: false });
    try {
      const config = new ChartMogul.Config(sb.apiKey, sb.url);
      config.retries = 0;
      const ds = await ChartMogul.DataSource.create(config, { name: 'Case' });
      const c = await ChartMogul.Customer.create(config, { data_source_uuid: ds.uuid, external_id: 'a' });
      expect((await ChartMogul.Customer.retrieve(config, c.uuid)).uuid).toBe(c.uuid);
      expect((await fetch(`${sb.url}/__SANDBOX/Stats`)).status).toBe(200);
      // A request target in absolute form (as sent to a proxy) names the same route.
      const { hostname, port } = new URL(sb.url);
      const absolute = await new Promise<number | undefined>((resolve, reject) =>
        http
          .get({ host: hostname, port, path: `${sb.url}/__sandbox/stats` }, (res) => {
            res.resume();
            resolve(res.statusCode);
          })
          .on('error', reject),
      );
      expect(absolute).toBe(200);
      expect((await fetch(`${sb.url}/__Sandbox/reset`, { method: 'POST' })).status).toBe(200);
      expect((await raw(sb, 'GET', `/v1/customers/${c.uuid}`)).status).toBe(404);
    } finally {
      await sb.close();
    }
  });
});

describe('admin routes are loopback only', () => {
  it('recognises loopback addresses, IPv4-mapped ones included', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('127.8.9.10')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('10.0.0.5')).toBe(false);
    expect(isLoopback('::ffff:192.168.1.2')).toBe(false);
    expect(isLoopback(undefined)).toBe(false);
  });
});
