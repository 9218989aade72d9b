/**
 * Sandbox analytics at 10,000 and 100,000 customers, each with three years of billing (a subscription from a
 * random start, an upgrade for some, a cancellation and a comeback for others), derived as the API would.
 * Side by side in one run, per size:
 * - `GET /v1/metrics/all` monthly over three years (goal: 100k costs at most 1.3× 10k — its cost follows the
 *   intervals asked for, not the data), beside a bare express handler returning the same body;
 * - importing one invoice for an existing customer (goal: at most 1.3× — a write derives one customer);
 * - a 200-activity page and a 200-customer page, each from the middle of its list with a cursor.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { startSandbox } from '../../sandbox';
import { openDatabase } from '../../sandbox/db/open';
import { createClock } from '../../sandbox/lib/clock';
import { createIdGenerator } from '../../sandbox/lib/ids';
import { seededRandom } from '../../sandbox/lib/random';
import { insertDataSource } from '../../sandbox/store/dataSources';
import { insertCustomer } from '../../sandbox/store/customers';
import { insertPlan } from '../../sandbox/store/plans';
import { insertInvoice } from '../../sandbox/store/invoices';
import { addCancellation, findOrCreateSubscription } from '../../sandbox/store/subscriptions';
import { rederiveCustomer } from '../../sandbox/analytics';
import { addMonths, DAY_MS } from '../../sandbox/analytics/rules/calendar';
import { invoice, payment, subscriptionLine } from '../../sandbox/seed/billing';
import { median, report } from '../harness';

const CLOCK = '2026-01-01T00:00:00Z';
const KEY = 'sandbox-demo-key';
const AUTH = `Basic ${Buffer.from(`${KEY}:`).toString('base64')}`;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function request(url: string, method = 'GET', body?: unknown): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, agent, headers: { authorization: AUTH, 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          (res.statusCode ?? 500) < 300
            ? resolve(Buffer.concat(chunks).toString())
            : reject(
                new Error(`${method} ${url}: HTTP ${res.statusCode} ${Buffer.concat(chunks).toString()}`),
              ),
        );
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** Median milliseconds of `n` sequential runs after two warm-ups. */
async function msPer(n: number, run: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 2; i++) await run(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await run(i);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

/** Three years of billing for `customers` customers, derived one customer at a time. */
function populate(dbPath: string, customers: number): void {
  const { db } = openDatabase(dbPath);
  const store = { db, clock: createClock(CLOCK), ids: createIdGenerator(db) };
  const random = seededRandom(customers);
  const start0 = Date.parse('2023-01-01T00:00:00Z');
  const now = Date.parse(CLOCK);
  db.transaction(() => {
    const ds = insertDataSource(store, 'Bench');
    const plan = (name: string, count: number) =>
      insertPlan(store, { data_source_id: ds.id, name, interval_unit: 'month', interval_count: count });
    const [basic, pro] = [plan('Basic', 1), plan('Pro', 1)];
    for (let i = 0; i < customers; i++) {
      const customer = insertCustomer(store, ds.id, `bench_${i}`, { name: `Customer ${i}`, country: 'US' });
      const start = start0 + Math.floor(random() * 1000) * DAY_MS;
      const bill = (k: number, p: typeof basic, from: number, amount: number) =>
        insertInvoice(
          store,
          customer,
          invoice(
            `bench_inv_${i}_${k}`,
            from,
            'USD',
            [
              subscriptionLine({
                plan: p,
                subscription: `s${i}`,
                start: from,
                end: addMonths(from, 1),
                amount,
              }),
            ],
            [payment(null, from)],
          ),
        );
      bill(1, basic, start, 2000 + Math.floor(random() * 8000));
      const roll = random();
      const later = addMonths(start, 1 + Math.floor(random() * 12));
      if (roll < 0.3 && later < now) bill(2, pro, later, 15000);
      if (roll > 0.8 && later < now) {
        const sub = findOrCreateSubscription(
          store,
          { customer_id: customer.id, data_source_id: ds.id },
          `s${i}`,
          null,
        );
        addCancellation(store, sub, later);
        const back = addMonths(later, 3);
        if (back < now && roll > 0.9) bill(3, pro, back, 12000);
      }
      rederiveCustomer(store, customer.id);
    }
  })();
  db.close();
}

async function bareExpress(body: string): Promise<{ url: string; close: () => void }> {
  const app = express();
  app.get('/body', (_req, res) => void res.type('application/json').send(body));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/body`,
    close: () => server.close(),
  };
}

/** A cursor into the middle of a list, walking `pages` pages of 200. */
async function middleCursor(url: string, pages: number): Promise<string> {
  let cursor = '';
  for (let p = 0; p < pages; p++) {
    const page = JSON.parse(
      await request(`${url}per_page=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
    ) as {
      cursor: string;
    };
    cursor = page.cursor;
  }
  return cursor;
}

interface Sizes {
  metrics: number;
  metricsBaseline: number;
  importOne: number;
  activities: number;
  customers: number;
  seedSeconds: number;
}

async function measureSize(dir: string, total: number): Promise<Sizes> {
  const dbPath = path.join(dir, `analytics-${total}.db`);
  const t0 = Date.now();
  populate(dbPath, total);
  const seedSeconds = (Date.now() - t0) / 1000;
  const sb = await startSandbox({ dbPath, limits: false, clock: CLOCK });
  try {
    const metricsUrl = `${sb.url}/v1/metrics/all?start-date=2023-01-01&end-date=2025-12-31&interval=month`;
    const body = await request(metricsUrl);
    const bare = await bareExpress(body);
    const metrics = await msPer(15, () => request(metricsUrl));
    const metricsBaseline = await msPer(15, () => request(bare.url));
    bare.close();

    const customers = JSON.parse(await request(`${sb.url}/v1/customers?per_page=200`)) as {
      entries: { uuid: string }[];
    };
    const plans = JSON.parse(await request(`${sb.url}/v1/plans?per_page=1`)) as { plans: { uuid: string }[] };
    const importOne = await msPer(30, (i) => {
      const customer = customers.entries[(i + 200) % customers.entries.length];
      return request(`${sb.url}/v1/import/customers/${customer.uuid}/invoices`, 'POST', {
        invoices: [
          {
            external_id: `bench_import_${i}_${total}`,
            date: '2025-12-01T00:00:00Z',
            currency: 'USD',
            line_items: [
              {
                type: 'subscription',
                subscription_external_id: `extra_${i}`,
                plan_uuid: plans.plans[0].uuid,
                service_period_start: '2025-12-01T00:00:00Z',
                service_period_end: '2026-01-01T00:00:00Z',
                amount_in_cents: 5000,
              },
            ],
          },
        ],
      });
    });

    const activityCursor = await middleCursor(`${sb.url}/v1/activities?`, total / 400);
    const customerCursor = await middleCursor(`${sb.url}/v1/customers?`, total / 400);
    const activities = await msPer(15, () =>
      request(`${sb.url}/v1/activities?per_page=200&cursor=${encodeURIComponent(activityCursor)}`),
    );
    const customerPage = await msPer(15, () =>
      request(`${sb.url}/v1/customers?per_page=200&cursor=${encodeURIComponent(customerCursor)}`),
    );
    return { metrics, metricsBaseline, importOne, activities, customers: customerPage, seedSeconds };
  } finally {
    await sb.close();
  }
}

export async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'analytics-bench-'));
  try {
    const small = await measureSize(dir, 10_000);
    const large = await measureSize(dir, 100_000);
    const ms = (x: number) => `${x.toFixed(2)} ms`;
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    report(
      'analytics',
      ['case', '10,000 customers', '100,000 customers', '100k / 10k'],
      [
        [
          'GET /v1/metrics/all, monthly over three years',
          ms(small.metrics),
          ms(large.metrics),
          ratio(large.metrics, small.metrics),
        ],
        [
          '  baseline: bare express, same body',
          ms(small.metricsBaseline),
          ms(large.metricsBaseline),
          ratio(large.metricsBaseline, small.metricsBaseline),
        ],
        [
          'POST one invoice (an existing customer)',
          ms(small.importOne),
          ms(large.importOne),
          ratio(large.importOne, small.importOne),
        ],
        [
          'GET 200 activities, cursor mid-list',
          ms(small.activities),
          ms(large.activities),
          ratio(large.activities, small.activities),
        ],
        [
          '  beside: GET 200 customers, cursor mid-list',
          ms(small.customers),
          ms(large.customers),
          ratio(large.customers, small.customers),
        ],
        [
          '(building the data: seed + derivation, s)',
          small.seedSeconds.toFixed(1),
          large.seedSeconds.toFixed(1),
          ratio(large.seedSeconds, small.seedSeconds),
        ],
      ],
    );
  } finally {
    agent.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
