/** Bulk JSON import through chartmogul-node: queued, processed, per-record errors, never a half-written customer. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ChartMogul,
  expectOnlySubscriptionAllWarnings,
  failure,
  startWithSdk,
  type SdkSandbox,
} from '../support/sdk';
import type { Json } from '../support/edits';

let sb: SdkSandbox;
let ds: string;
beforeAll(async () => {
  sb = await startWithSdk({ clock: '2026-03-01T10:00:00Z' });
  ds = (await ChartMogul.DataSource.create(sb.config, { name: 'Bulk DS' })).uuid;
});
afterAll(() => sb.sandbox.close());
expectOnlySubscriptionAllWarnings();

const subscriptionLine = (invoice: string, plan: string, extra: Json = {}) => ({
  invoice_external_id: invoice,
  type: 'subscription',
  subscription_external_id: `${invoice}-sub`,
  plan_external_id: plan,
  service_period_start: '2026-01-01',
  service_period_end: '2026-02-01',
  amount_in_cents: 2500,
  ...extra,
});

it('queues an import, processes it before the next request, and imports every record', async () => {
  const queued = await ChartMogul.JsonImport.create(sb.config, ds, {
    external_id: 'bulk-1',
    plans: [{ name: 'Gold', external_id: 'gold', interval_count: 1, interval_unit: 'month' }],
    customers: [{ external_id: 'bulk-a', name: 'Andrew Jones', email: 'andrew@example.com' }],
    invoices: [
      { external_id: 'bulk-a-inv', customer_external_id: 'bulk-a', date: '2026-01-01', currency: 'USD' },
    ],
    line_items: [subscriptionLine('bulk-a-inv', 'gold')],
    transactions: [
      { invoice_external_id: 'bulk-a-inv', type: 'payment', date: '2026-01-02', result: 'successful' },
    ],
    subscription_events: [
      {
        customer_external_id: 'bulk-a',
        subscription_external_id: 'bulk-a-inv-sub',
        event_type: 'subscription_cancellation_scheduled',
        event_date: '2026-02-15',
        effective_date: '2026-03-01',
      },
    ],
  });
  expect(queued).toEqual({
    id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    data_source_uuid: ds,
    status: 'queued',
    external_id: 'bulk-1',
    status_details: {},
    created_at: '2026-03-01T10:00:00Z',
    updated_at: '2026-03-01T10:00:00Z',
  });
  const done = await ChartMogul.JsonImport.retrieve(sb.config, ds, queued.id);
  expect(done).toMatchObject({
    id: queued.id,
    status: 'completed',
    status_details: { plans: { status: 'imported' }, 'bulk-a': { status: 'imported' } },
  });
  // Retrieval by the external id the import was given, as chartmogul-node's own test does.
  expect(await ChartMogul.JsonImport.retrieve(sb.config, ds, 'bulk-1')).toEqual(done);

  const [customer] = (await ChartMogul.Customer.all(sb.config, { external_id: 'bulk-a' })).entries;
  expect(customer).toMatchObject({ name: 'Andrew Jones', email: 'andrew@example.com' });
  const { invoices } = await ChartMogul.Invoice.all(sb.config, customer.uuid);
  expect(invoices).toMatchObject([
    {
      external_id: 'bulk-a-inv',
      line_items: [{ type: 'subscription', amount_in_cents: 2500 }],
      transactions: [{ result: 'successful' }],
    },
  ]);
  expect((await ChartMogul.Subscription.all(sb.config, customer.uuid)).subscriptions).toMatchObject([
    { external_id: 'bulk-a-inv-sub' },
  ]);
  const events = await ChartMogul.SubscriptionEvent.all(sb.config, { customer_external_id: 'bulk-a' });
  expect(events.subscription_events).toMatchObject([{ event_type: 'subscription_cancellation_scheduled' }]);
});

it('reports per-record errors and writes nothing of a customer with any invalid record', async () => {
  const queued = await ChartMogul.JsonImport.create(sb.config, ds, {
    external_id: 'bulk-2',
    plans: [
      { name: 'Silver', external_id: 'silver', interval_count: 1, interval_unit: 'month' },
      { name: 'Broken', external_id: 'broken', interval_count: 1, interval_unit: 'fortnight' },
    ],
    customers: [
      { external_id: 'bulk-ok', name: 'Fine' },
      { external_id: 'bulk-bad', name: 'Half' },
      { name: 'No id' },
    ],
    invoices: [
      { external_id: 'bulk-ok-inv', customer_external_id: 'bulk-ok', date: '2026-01-01', currency: 'USD' },
      { external_id: 'bulk-bad-inv', customer_external_id: 'bulk-bad', date: '2026-01-01', currency: 'USD' },
    ],
    line_items: [
      subscriptionLine('bulk-ok-inv', 'silver'),
      subscriptionLine('bulk-bad-inv', 'no-such-plan'),
      subscriptionLine('nowhere', 'silver'),
    ],
  });
  const done = await ChartMogul.JsonImport.retrieve(sb.config, ds, queued.id);
  expect(done.status).toBe('completed_with_errors');
  expect(done.status_details).toEqual({
    plans: { status: 'failed', errors: { broken: { interval_unit: expect.any(String) } } },
    'bulk-ok': { status: 'imported' },
    'bulk-bad': {
      status: 'failed',
      errors: { 'invoices[bulk-bad-inv].line_items.plan_uuid': 'Plan not found' },
    },
    'customers[2]': { status: 'failed', errors: { external_id: expect.any(String) } },
    unassigned: {
      status: 'failed',
      errors: { 'line_items[2]': { invoice_external_id: 'Invoice not found in this import' } },
    },
  });
  const ids = async (externalId: string) =>
    (await ChartMogul.Customer.all(sb.config, { external_id: externalId })).entries.length;
  expect([await ids('bulk-ok'), await ids('bulk-bad')]).toEqual([1, 0]);
  expect((await ChartMogul.Plan.all(sb.config, { external_id: 'silver' })).plans).toHaveLength(1);
  expect((await ChartMogul.Plan.all(sb.config, { external_id: 'broken' })).plans).toHaveLength(0);
});

it('updates a customer the source already has, and fails an import whose every record fails', async () => {
  const first = await ChartMogul.JsonImport.create(sb.config, ds, {
    customers: [{ external_id: 'bulk-up', name: 'Before' }],
  });
  expect((await ChartMogul.JsonImport.retrieve(sb.config, ds, first.id)).status).toBe('completed');
  await ChartMogul.JsonImport.create(sb.config, ds, {
    customers: [{ external_id: 'bulk-up', name: 'After', city: 'Brno' }],
  });
  const [customer] = (await ChartMogul.Customer.all(sb.config, { external_id: 'bulk-up' })).entries;
  expect(customer).toMatchObject({ name: 'After', city: 'Brno' });
  const none = await ChartMogul.JsonImport.create(sb.config, ds, {
    invoices: [
      {
        external_id: 'x',
        customer_external_id: 'nobody',
        date: '2026-01-01',
        currency: 'USD',
        line_items: [],
      },
    ],
  });
  expect(await ChartMogul.JsonImport.retrieve(sb.config, ds, none.id)).toMatchObject({
    status: 'failed',
    status_details: { nobody: { status: 'failed', errors: { customer_external_id: 'Customer not found' } } },
  });
});

it('refuses a malformed envelope at once (422), an unknown source or import (404)', async () => {
  expect(
    await failure(ChartMogul.JsonImport.create(sb.config, ds, { external_id: 'bulk-1', customers: [{}] })),
  ).toEqual({
    status: 422,
    body: { errors: { external_id: 'has already been taken' } },
  });
  expect(await failure(ChartMogul.JsonImport.create(sb.config, ds, { customers: {} }))).toEqual({
    status: 422,
    body: { errors: { customers: 'must be an array of objects', records: expect.any(String) } },
  });
  expect(
    (await failure(ChartMogul.JsonImport.create(sb.config, 'ds_nope', { customers: [{}] }))).status,
  ).toBe(404);
  expect(await failure(ChartMogul.JsonImport.retrieve(sb.config, ds, 'nope'))).toEqual({
    status: 404,
    body: { error: 'Import not found' },
  });
});

it('processes on start what a stopped sandbox left queued', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-bulk-'));
  const dbPath = path.join(dir, 'chartmogul.db');
  try {
    const first = await startWithSdk({ dbPath });
    const source = (await ChartMogul.DataSource.create(first.config, { name: 'Restart' })).uuid;
    const queued = await ChartMogul.JsonImport.create(first.config, source, {
      customers: [{ external_id: 'late' }],
    });
    await first.sandbox.close();
    const second = await startWithSdk({ dbPath });
    try {
      // Read without any request first: the row is already processed.
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(dbPath, { readonly: true });
      expect(db.prepare('SELECT status FROM json_imports WHERE uuid = ?').get(queued.id)).toEqual({
        status: 'completed',
      });
      db.close();
      expect((await ChartMogul.Customer.all(second.config, { external_id: 'late' })).entries).toHaveLength(1);
    } finally {
      await second.sandbox.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
