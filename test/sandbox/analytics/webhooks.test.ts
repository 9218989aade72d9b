/**
 * Webhook destinations: the admin routes, which movements are delivered (real time only), the payload,
 * ChartMogul's retries with the configured delays, a write that never waits for a delivery, and pending
 * deliveries that survive a restart on a file database.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { ChartMogul, raw, startWithSdk, type SdkSandbox } from '../support/sdk';
import type { SandboxOptions } from '../../../sandbox';
import { inProcessSandbox, type InProcess } from './in-process';

interface Received {
  body: Record<string, unknown>;
}

/** A destination that answers with `respond(n)` for its n-th request (1-based); `hold` never answers. */
async function receiver(respond: (n: number) => number | 'hold' = () => 200) {
  const received: Received[] = [];
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      received.push({ body: JSON.parse(text) as Record<string, unknown> });
      const answer = respond(received.length);
      if (answer === 'hold') held.push(res);
      else res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    held,
    close: () =>
      new Promise<void>((resolve) => {
        held.forEach((r) => r.destroy());
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function admin(sb: SdkSandbox, method: string, route: string, body?: unknown) {
  const res = await fetch(`${sb.sandbox.url}/__sandbox/${route}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

async function until<T>(check: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const deliveries = async (sb: SdkSandbox) =>
  (await admin(sb, 'GET', 'webhooks/deliveries')).body!.deliveries as Record<string, unknown>[];

const NOW = '2024-06-15T12:00:00Z';

/** A customer billed monthly from `start`, paid at `paidAt` (none when undefined). */
async function billedCustomer(sb: SdkSandbox, name: string, start: string, paidAt?: string) {
  const ds = await ChartMogul.DataSource.create(sb.config, { name: `Hooks ${name}` });
  const plan = await ChartMogul.Plan.create(sb.config, {
    data_source_uuid: ds.uuid,
    name: 'Pro',
    interval_count: 1,
    interval_unit: 'month',
  });
  const customer = await ChartMogul.Customer.create(sb.config, {
    data_source_uuid: ds.uuid,
    external_id: name,
    name,
    email: `${name}@example.com`,
  });
  const end = new Date(Date.parse(start) + 30 * 86_400_000).toISOString();
  const { invoices } = await ChartMogul.Invoice.create(sb.config, customer.uuid, {
    invoices: [
      {
        external_id: `${name}-1`,
        date: start,
        currency: 'EUR',
        line_items: [
          {
            type: 'subscription',
            subscription_external_id: `${name}-sub`,
            plan_uuid: plan.uuid,
            service_period_start: start,
            service_period_end: end,
            amount_in_cents: 10000,
          },
        ],
        transactions: paidAt ? [{ type: 'payment', date: paidAt, result: 'successful' }] : [],
      },
    ],
  });
  return { customer, subscription: invoices[0].line_items[0].subscription_uuid as string };
}

/**
 * On an in-process sandbox: `hookUrl` registered as a destination, and a customer `name` with a Gold plan
 * starting by a scheduled event effective 2024-06-16 (written at the sandbox's current clock).
 */
async function scheduledStart(live: InProcess, hookUrl: string, name: string) {
  const post = (path: string, body: unknown) => live.call('POST', path, body);
  await fetch(`${live.url}/__sandbox/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: hookUrl }),
  });
  const ds = (await post('/v1/data_sources', { name: `Scheduled ${name}` })).body;
  await post('/v1/plans', {
    data_source_uuid: ds.uuid,
    name: 'Gold',
    interval_count: 1,
    interval_unit: 'month',
    external_id: 'gold',
  });
  await post('/v1/customers', { data_source_uuid: ds.uuid, external_id: name, name });
  return post('/v1/subscription_events', {
    subscription_event: {
      data_source_uuid: ds.uuid,
      customer_external_id: name,
      subscription_external_id: `${name}-sub`,
      event_type: 'subscription_start_scheduled',
      event_date: '2024-06-15T12:00:00Z',
      effective_date: '2024-06-16T00:00:00Z',
      plan_external_id: 'gold',
      amount_in_cents: 3000,
      currency: 'USD',
    },
  });
}

describe('webhook destinations', () => {
  let sb: SdkSandbox;
  afterEach(() => sb?.sandbox.close());

  it('register, list and remove destinations; bad URLs and unknown ids are refused', async () => {
    sb = await startWithSdk({ clock: NOW });
    const created = await admin(sb, 'POST', 'webhooks', { url: 'http://127.0.0.1:9/hook' });
    expect(created).toEqual({
      status: 201,
      body: {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        url: 'http://127.0.0.1:9/hook',
        created_at: '2024-06-15T12:00:00.000Z',
      },
    });
    expect((await admin(sb, 'GET', 'webhooks')).body).toEqual({ destinations: [created.body] });
    expect(await admin(sb, 'POST', 'webhooks', { url: 'ftp://x' })).toMatchObject({
      status: 400,
      body: { param: 'url' },
    });
    expect(await admin(sb, 'POST', 'webhooks', {})).toMatchObject({ status: 400 });
    expect(await admin(sb, 'DELETE', `webhooks/${String(created.body!.id)}`)).toEqual({
      status: 204,
      body: undefined,
    });
    expect(await admin(sb, 'DELETE', `webhooks/${String(created.body!.id)}`)).toMatchObject({ status: 404 });
    expect((await admin(sb, 'GET', 'webhooks')).body).toEqual({ destinations: [] });
    // A foreign page (another Host or Origin) cannot register itself to receive every movement.
    const body = JSON.stringify({ url: 'http://evil.example/hook' });
    const json = { 'content-type': 'application/json' };
    expect(
      (await raw(sb.sandbox, 'POST', '/__sandbox/webhooks', body, { ...json, host: 'evil.example' })).status,
    ).toBe(403);
    const origin = { ...json, origin: 'http://evil.example' };
    expect((await raw(sb.sandbox, 'POST', '/__sandbox/webhooks', body, origin)).status).toBe(403);
    expect(
      (await raw(sb.sandbox, 'GET', '/__sandbox/webhooks/deliveries', undefined, { host: 'evil.example' }))
        .status,
    ).toBe(403);
    expect((await admin(sb, 'GET', 'webhooks')).body).toEqual({ destinations: [] });
  });

  it('a reset removes destinations and deliveries; retry delays are checked at start', async () => {
    sb = await startWithSdk({ clock: NOW });
    await admin(sb, 'POST', 'webhooks', { url: 'http://127.0.0.1:9/hook' });
    expect((await admin(sb, 'POST', 'reset')).status).toBe(200);
    expect((await admin(sb, 'GET', 'webhooks')).body).toEqual({ destinations: [] });
    await expect(startWithSdk({ webhooks: { retryDelaysMs: [] } })).rejects.toThrow(/retryDelaysMs/);
    await expect(startWithSdk({ webhooks: { retryDelaysMs: [-1] } })).rejects.toThrow(/retryDelaysMs/);
  });

  it('delivers a real-time movement as its mrr_movement payload; older or unpaid ones are not sent', async () => {
    const hook = await receiver();
    try {
      sb = await startWithSdk({ clock: NOW });
      await admin(sb, 'POST', 'webhooks', { url: hook.url });
      await billedCustomer(sb, 'old', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');
      await billedCustomer(sb, 'unpaid', '2024-06-15T08:00:00Z');
      const { customer, subscription } = await billedCustomer(
        sb,
        'fresh',
        '2024-06-15T06:00:00Z',
        '2024-06-15T06:05:00Z',
      );
      const [delivery] = await until(async () => {
        const list = await deliveries(sb);
        return list.length && list[0].status === 'delivered' ? list : undefined;
      }, 'the delivery');
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, last_status: 200, url: hook.url });
      expect(hook.received).toHaveLength(1);
      expect(hook.received[0].body).toEqual({
        date: '2024-06-15T06:00:00.000Z',
        type: 'mrr_movement',
        description: 'purchased the Pro plan',
        movement_type: 'new_biz',
        customer: {
          name: 'fresh',
          uuid: customer.uuid,
          email: 'fresh@example.com',
          status: 'Active',
          company: '',
          currency: 'USD',
          current_arr: 131340,
          current_mrr: 10945,
          external_id: 'fresh',
          external_ids: ['fresh'],
          currency_symbol: '$',
          data_source_uuid: customer.data_source_uuid,
        },
        subscription: { external_id: 'fresh-sub' },
        account_currency: 'USD',
        invoice_currency: 'EUR',
        account_currency_symbol: '$',
        invoice_currency_symbol: '€',
        movement_amount_in_cent: 10945,
        mrr_movement_in_account_currency: 10945,
        mrr_movement_in_invoice_currency: 10000,
      });
      // A cancellation needs no transaction: the churn goes out too.
      await ChartMogul.Subscription.cancel(sb.config, subscription, { cancelled_at: '2024-06-15T11:00:00Z' });
      await until(async () => (hook.received.length === 2 ? true : undefined), 'the churn');
      expect(hook.received[1].body).toMatchObject({
        movement_type: 'churn',
        movement_amount_in_cent: -10945,
      });
    } finally {
      await hook.close();
    }
  });

  it('retries a failed delivery with the configured delays, 17 times at most', async () => {
    const flaky = await receiver((n) => (n < 3 ? 503 : 200));
    const down = await receiver(() => 500);
    try {
      sb = await startWithSdk({ clock: NOW, webhooks: { retryDelaysMs: [5, 10] } });
      await admin(sb, 'POST', 'webhooks', { url: flaky.url });
      await admin(sb, 'POST', 'webhooks', { url: down.url });
      await billedCustomer(sb, 'retry', '2024-06-15T06:00:00Z', '2024-06-15T06:00:00Z');
      const settled = await until(async () => {
        const list = await deliveries(sb);
        return list.every((d) => d.status !== 'pending') ? list : undefined;
      }, 'both deliveries to settle');
      const byUrl = Object.fromEntries(settled.map((d) => [d.url, d]));
      expect(byUrl[flaky.url]).toMatchObject({ status: 'delivered', attempts: 3, last_status: 200 });
      expect(byUrl[down.url]).toMatchObject({
        status: 'failed',
        attempts: 18,
        last_status: 500,
        last_error: 'HTTP 500',
      });
      expect(down.received).toHaveLength(18);
    } finally {
      await flaky.close();
      await down.close();
    }
  });

  it('a write never waits for its delivery', async () => {
    const slow = await receiver(() => 'hold');
    try {
      sb = await startWithSdk({ clock: NOW });
      await admin(sb, 'POST', 'webhooks', { url: slow.url });
      await billedCustomer(sb, 'busy', '2024-06-15T06:00:00Z', '2024-06-15T06:00:00Z');
      await until(async () => (slow.held.length === 1 ? true : undefined), 'the delivery to arrive');
      // The destination has not answered, yet the import answered and the sandbox serves reads and writes.
      expect((await deliveries(sb))[0]).toMatchObject({ status: 'pending', attempts: 0 });
      await billedCustomer(sb, 'next', '2024-01-01T00:00:00Z');
    } finally {
      await slow.close();
    }
  });

  it('a pending delivery survives a restart on a file database and goes out after it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-hooks-'));
    const options: SandboxOptions = { clock: NOW, dbPath: path.join(dir, 'chartmogul.db') };
    const first = await receiver(() => 'hold');
    const second = await receiver();
    try {
      sb = await startWithSdk(options);
      await admin(sb, 'POST', 'webhooks', { url: first.url });
      await billedCustomer(sb, 'durable', '2024-06-15T06:00:00Z', '2024-06-15T06:00:00Z');
      await until(async () => (first.held.length === 1 ? true : undefined), 'the first attempt');
      await sb.sandbox.close();
      // The same destination now answers: point it at the second receiver and start again on the file.
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(options.dbPath!);
      db.prepare('UPDATE analytics_webhook_destinations SET url = ?').run(second.url);
      expect(db.prepare('SELECT status, attempts FROM analytics_webhook_deliveries').all()).toEqual([
        { status: 'pending', attempts: 0 },
      ]);
      db.close();
      sb = await startWithSdk(options);
      await until(
        async () => (second.received.length === 1 ? true : undefined),
        'the delivery after the restart',
      );
      expect(second.received[0].body).toMatchObject({
        movement_type: 'new_biz',
        customer: { name: 'durable' },
      });
    } finally {
      await first.close();
      await second.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('two sandboxes on one file: a delivery the closing one could not send goes out from the other', async () => {
    // A listener's long-lived sandbox and a CLI command's short-lived one share the app's file: the
    // command queues the movement and closes mid-attempt; the listener's sandbox sends it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-hooks-'));
    const options: SandboxOptions = {
      clock: NOW,
      dbPath: path.join(dir, 'chartmogul.db'),
      webhooks: { retryDelaysMs: [5] },
    };
    const hook = await receiver((n) => (n === 1 ? 'hold' : 200));
    try {
      sb = await startWithSdk(options); // the long-lived one, idle
      const command = await startWithSdk(options);
      await admin(command, 'POST', 'webhooks', { url: hook.url });
      await billedCustomer(command, 'shared', '2024-06-15T06:00:00Z', '2024-06-15T06:00:00Z');
      await until(async () => (hook.held.length === 1 ? true : undefined), 'the first attempt');
      await command.sandbox.close();
      for (let i = 0; i < 800 && hook.received.length < 2; i++) await new Promise((r) => setTimeout(r, 25));
      expect(hook.received.map((r) => r.body.movement_type)).toEqual(['new_biz', 'new_biz']);
      expect((await deliveries(sb)).map((d) => d.status)).toEqual(['delivered']);
    } finally {
      await hook.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a scheduled movement is delivered once the clock reaches it, not when it was written', async () => {
    const hook = await receiver();
    let now = Date.parse(NOW);
    const live = await inProcessSandbox({ now: () => now, fixed: true }, { retryDelaysMs: [5] });
    try {
      const scheduled = await scheduledStart(live, hook.url, 'sched');
      expect(scheduled.status).toBe(201);
      await new Promise((r) => setTimeout(r, 100));
      expect(hook.received).toHaveLength(0);
      now = Date.parse('2024-06-16T02:00:00Z');
      await live.call('GET', '/v1/ping');
      await until(async () => (hook.received.length === 1 ? true : undefined), 'the scheduled movement');
      expect(hook.received[0].body).toMatchObject({
        movement_type: 'new_biz',
        date: '2024-06-16T00:00:00.000Z',
      });
      await live.call('GET', '/v1/ping');
      await new Promise((r) => setTimeout(r, 100));
      expect(hook.received).toHaveLength(1);
    } finally {
      await live.close();
      await hook.close();
    }
  });

  it('a scheduled event becomes current as the sandbox clock passes it, and is delivered then', async () => {
    // A clock held one millisecond before the effective date while the event is written, then running
    // with real time: no request follows, so only the sandbox itself can notice that the clock passed it.
    const EFFECTIVE = Date.parse('2024-06-16T00:00:00Z');
    let released: number | undefined;
    const clock = {
      now: () => EFFECTIVE - 1 + (released === undefined ? 0 : Date.now() - released),
      fixed: false,
    };
    const hook = await receiver();
    const live = await inProcessSandbox(clock, { retryDelaysMs: [5] });
    try {
      const scheduled = await scheduledStart(live, hook.url, 'tick');
      expect(scheduled.status).toBe(201);
      const customer = () =>
        live.store.db.prepare("SELECT status, mrr FROM customers WHERE external_id = 'tick'").get();
      expect(customer()).toEqual({ status: 'New Lead', mrr: 0 });
      const queued = (await (await fetch(`${live.url}/__sandbox/webhooks/deliveries`)).json()) as {
        deliveries: unknown[];
      };
      expect(queued.deliveries).toEqual([]);
      released = Date.now();
      await until(async () => (hook.received.length === 1 ? true : undefined), 'the scheduled movement');
      expect(hook.received[0].body).toMatchObject({
        movement_type: 'new_biz',
        date: '2024-06-16T00:00:00.000Z',
        customer: { name: 'tick', status: 'Active', current_mrr: 3000 },
      });
      expect(customer()).toEqual({ status: 'Active', mrr: 3000 });
    } finally {
      await live.close();
      await hook.close();
    }
  });
});
