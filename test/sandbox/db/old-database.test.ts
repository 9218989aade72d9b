/**
 * A sandbox database written by the code of commit 1995186 (test/sandbox/fixtures/README.md) opens with
 * today's code — every migration applied — keeps its data, serves it over HTTP, takes writes, and a
 * workbench started on it (as `npm start` does) comes up and reaches it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../sandbox/db/migrations';
import { startServer } from '../../../runtime/index';
import { ChartMogul, startWithSdk, type SdkSandbox } from '../support/sdk';
import { request } from '../../server/http';

const FIXTURE = path.join(__dirname, '../fixtures/sandbox-1995186.db');
const APP_DIR = path.resolve(__dirname, '../../..');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-old-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function copyFixture(): string {
  const file = path.join(dir, 'chartmogul.db');
  fs.copyFileSync(FIXTURE, file);
  return file;
}

describe('a database written by commit 1995186', () => {
  let sb: SdkSandbox;
  afterEach(() => sb?.sandbox.close());

  it('opens with every migration applied and serves its customers, invoices and subscriptions', async () => {
    const file = copyFixture();
    sb = await startWithSdk({ dbPath: file, seed: 'demo' });
    const all = await ChartMogul.Customer.all(sb.config, { per_page: 200 });
    expect(all.entries).toHaveLength(51);
    const [customer] = (await ChartMogul.Customer.all(sb.config, { external_id: 'fixture_customer' }))
      .entries;
    expect(customer).toMatchObject({
      name: 'Fixture Customer',
      email: 'fixture@example.com',
      status: 'Cancelled',
      external_ids: ['fixture_customer', 'fixture_merged'],
      lead_created_at: '2026-01-15T00:00:00.000Z',
      attributes: { tags: ['fixture'], custom: { channel: 'partner' } },
      address: { country: 'United States', state: 'California' },
    });
    const { invoices } = await ChartMogul.Invoice.all(sb.config, customer.uuid);
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({
      external_id: 'fixture_inv_1',
      currency: 'EUR',
      line_items: [
        { external_id: 'fixture_li_1', type: 'subscription', amount_in_cents: 5000, quantity: 2 },
        { external_id: 'fixture_li_2', type: 'one_time', description: 'Setup' },
      ],
      transactions: [{ external_id: 'fixture_tr_1' }, { external_id: 'fixture_tr_2', type: 'refund' }],
    });
    const subs = await ChartMogul.Metrics.Customer.subscriptions(sb.config, customer.uuid);
    expect(subs.entries).toEqual([
      expect.objectContaining({ external_id: 'fixture_sub', status: 'inactive', plan: 'Fixture plan' }),
    ]);
    await sb.sandbox.close();

    const db = new Database(file, { readonly: true });
    const applied = db.prepare('SELECT name FROM schema_migrations ORDER BY rowid').all() as {
      name: string;
    }[];
    db.close();
    expect(applied.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
  });

  it('takes writes, keeps counting ids where it stopped and the seed does not run again', async () => {
    const file = copyFixture();
    sb = await startWithSdk({ dbPath: file, seed: 'demo', clock: '2026-11-01T00:00:00Z' });
    const [source] = (await ChartMogul.DataSource.all(sb.config, { name: 'Fixture source' })).data_sources;
    const before = await ChartMogul.Customer.all(sb.config, { per_page: 200 });
    const created = await ChartMogul.Customer.create(sb.config, {
      data_source_uuid: source.uuid,
      external_id: 'after_upgrade',
      name: 'After Upgrade',
    });
    // The same clock gave the old code its ids: a counter that restarted would hand one out again.
    expect(before.entries.map((c: { uuid: string }) => c.uuid)).not.toContain(created.uuid);
    const [plan] = (await ChartMogul.Plan.all(sb.config, { external_id: 'fixture_plan' })).plans;
    await ChartMogul.Invoice.create(sb.config, created.uuid, {
      invoices: [
        {
          external_id: 'after_upgrade_inv',
          date: '2026-10-15',
          currency: 'USD',
          line_items: [
            {
              type: 'subscription',
              subscription_external_id: 'after_upgrade_sub',
              plan_uuid: plan.uuid,
              service_period_start: '2026-10-15',
              service_period_end: '2026-11-15',
              amount_in_cents: 1200,
            },
          ],
        },
      ],
    });
    expect(await ChartMogul.Customer.retrieve(sb.config, created.uuid)).toMatchObject({
      status: 'Active',
      mrr: 1200,
    });
    expect((await ChartMogul.Customer.all(sb.config, { per_page: 200 })).entries).toHaveLength(52);
  });

  it("serves every round-2 endpoint on its old records (each migration's tables and columns)", async () => {
    sb = await startWithSdk({ dbPath: copyFixture() });
    const [source] = (await ChartMogul.DataSource.all(sb.config, { name: 'Fixture source' })).data_sources;
    const ds = source.uuid;
    const [customer] = (await ChartMogul.Customer.all(sb.config, { external_id: 'fixture_customer' }))
      .entries;
    const contact = await ChartMogul.Customer.createContact(sb.config, customer.uuid, {
      data_source_uuid: ds,
    });
    expect(contact).toMatchObject({ customer_external_id: 'fixture_customer', position: 1 });
    await ChartMogul.CustomerNote.create(sb.config, { customer_uuid: customer.uuid, type: 'call' });
    await ChartMogul.Task.create(sb.config, {
      customer_uuid: customer.uuid,
      task_details: 'Win back',
      assignee: 'a@team.example',
      due_date: '2026-12-01',
    });
    await ChartMogul.Opportunity.create(sb.config, {
      customer_uuid: customer.uuid,
      owner: 'a@team.example',
      pipeline: 'Win-back',
      pipeline_stage: 'Discovery',
      estimated_close_date: '2026-12-15',
      currency: 'EUR',
      amount_in_cents: 5000,
    });
    const event = await ChartMogul.SubscriptionEvent.create(sb.config, {
      data_source_uuid: ds,
      customer_external_id: 'fixture_customer',
      subscription_external_id: 'fixture_sub',
      event_type: 'subscription_start_scheduled',
      event_date: '2026-10-20',
      effective_date: '2026-12-01',
      plan_external_id: 'fixture_plan',
      currency: 'EUR',
      amount_in_cents: 5000,
    });
    expect(event.id).toBeGreaterThan(0);
    const byExternal = { data_source_uuid: ds, external_id: 'fixture_li_1' };
    expect(await ChartMogul.LineItem.update(sb.config, { qs: byExternal, quantity: 3 })).toMatchObject({
      quantity: 3,
    });
    const [invoice] = (await ChartMogul.Invoice.all(sb.config, customer.uuid)).invoices;
    // Its payment and its refund, imported by the old code, count: refunded.
    const withState = await ChartMogul.Invoice.retrieve(sb.config, invoice.uuid, { with_disabled: true });
    expect(withState).toMatchObject({ status: 'refunded', collection_method: 'manual', disabled: false });
    expect(await ChartMogul.Invoice.disable(sb.config, invoice.uuid)).toMatchObject({
      disabled: true,
      line_items: [{ disabled: true }, { disabled: true }],
    });
    const queued = await ChartMogul.JsonImport.create(sb.config, ds, {
      customers: [{ external_id: 'bulk_after' }],
    });
    expect((await ChartMogul.JsonImport.retrieve(sb.config, ds, queued.id)).status).toBe('completed');
  });
});

it('a workbench started on it (as npm start does) comes up, and its sandbox connection works', async () => {
  const file = copyFixture();
  const server = await startServer({ port: 0, appDir: APP_DIR, sandboxDbPath: file });
  try {
    const base = new URL(server.url).origin;
    const call = (method: string, route: string, body?: unknown) =>
      request(base, route, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-Workbench-Token': server.token },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    expect((await call('PUT', '/api/connection', { sandbox: true })).status).toBe(204);
    expect((await call('POST', '/api/connection/test')).json()).toMatchObject({ ok: true, mode: 'sandbox' });
    const run = await call('POST', '/api/modules/listCustomers/run', { parameters: { limit: 60 } });
    expect(run.status).toBe(200);
    expect(run.json().bundles).toHaveLength(51);
  } finally {
    await server.close();
  }
});
