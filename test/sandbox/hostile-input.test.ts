/**
 * Input built to hurt (issue 16, items 5 and 6): nothing blocks the sandbox, overflows its stack, stores
 * text SQLite cannot hold, or shifts a date by a century. Each answer is ChartMogul's kind of 4xx or a
 * success, and the sandbox keeps serving.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChartMogul, failure, raw, startWithSdk, type SdkSandbox } from './support/sdk';
import { createCustomer, sourceWithPlan } from './support/billing';
import { compileSandbox, type CompiledSandbox } from './support/compile-sandbox';
import { killHard, launchSandbox, type ChildSandbox } from './support/child-sandbox';

describe('an email built to backtrack (in a child process: a blocked sandbox cannot block jest)', () => {
  let compiled: CompiledSandbox;
  let running: ChildSandbox;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let config: any;
  beforeAll(async () => {
    compiled = compileSandbox();
    running = await launchSandbox(compiled, ['--no-limits']);
    config = new ChartMogul.Config('sandbox-demo-key', running.url);
    config.retries = 0;
  });
  afterAll(async () => {
    await killHard(running.child);
    compiled.dispose();
  });

  // A quadratic check needs minutes for each of these; jest's timeout is the only bound.
  const HOSTILE = ['a@' + '.'.repeat(1_000_000) + '@', 'a@' + '.'.repeat(1_000_000) + ' '];

  it('is refused at once on create and update, and the sandbox keeps answering', async () => {
    const ds = await ChartMogul.DataSource.create(config, { name: 'Hostile emails' });
    const customer = await ChartMogul.Customer.create(config, {
      data_source_uuid: ds.uuid,
      external_id: 'h',
    });
    for (const email of HOSTILE) {
      const created = await failure(
        ChartMogul.Customer.create(config, { data_source_uuid: ds.uuid, external_id: 'h2', email }),
      );
      expect(created).toEqual({
        status: 422,
        body: { errors: { email: 'The value provided does not appear to be a valid email address.' } },
      });
      expect((await failure(ChartMogul.Customer.modify(config, customer.uuid, { email }))).status).toBe(422);
    }
    expect(await ChartMogul.Ping.ping(config)).toEqual({ data: 'pong!' });
  });
});

describe('hostile bodies against an in-process sandbox', () => {
  let sb: SdkSandbox;
  beforeAll(async () => {
    sb = await startWithSdk();
  });
  afterAll(() => sb.sandbox.close());

  it('takes 123,338 cancellation dates (no argument-spread overflow), and the subscriptions still list', async () => {
    const { ds, plan } = await sourceWithPlan(sb, 'Many cancellations', 'P');
    const customer = await createCustomer(sb, ds.uuid, 'many');
    await ChartMogul.Invoice.create(sb.config, customer.uuid, {
      invoices: [
        {
          external_id: 'many-1',
          date: '2020-01-01',
          currency: 'USD',
          line_items: [
            {
              type: 'subscription',
              subscription_external_id: 'many-sub',
              plan_uuid: plan.uuid,
              service_period_start: '2020-01-01',
              service_period_end: '2020-02-01',
              amount_in_cents: 1000,
            },
          ],
        },
      ],
    });
    const [sub] = (await ChartMogul.Subscription.all(sb.config, customer.uuid)).subscriptions;
    // Distinct days as YYYY-MM-DD, so 123,338 of them fit the 2 MB body limit.
    const base = Date.UTC(1700, 0, 1);
    const dates = Array.from({ length: 123_338 }, (_, i) =>
      new Date(base + i * 86_400_000).toISOString().slice(0, 10),
    );
    const updated = await ChartMogul.Subscription.modify(sb.config, sub.uuid, { cancellation_dates: dates });
    expect(updated.cancellation_dates).toHaveLength(123_338);
    const listed = await ChartMogul.Subscription.all(sb.config, customer.uuid);
    const last = dates.at(-1);
    expect(listed.subscriptions[0].cancellation_dates.at(-1)).toBe(`${last}T00:00:00.000Z`);
    const metrics = await ChartMogul.Metrics.Customer.subscriptions(sb.config, customer.uuid);
    // It ended at the first cancellation on or after its start (2020-01-01); later ones cancel nothing more.
    expect(metrics.entries[0]).toMatchObject({ status: 'inactive', 'end-date': '2020-01-01T00:00:00+00:00' });
    expect((await ChartMogul.Customer.retrieve(sb.config, customer.uuid)).status).toBe('Cancelled');
  });

  it('refuses a lone surrogate (it would be stored as invalid UTF-8) with a 400 naming the field', async () => {
    const ds = await ChartMogul.DataSource.create(sb.config, { name: 'Surrogates' });
    const body = `{"data_source_uuid":"${ds.uuid}","external_id":"s1","name":"bad \\ud800 name"}`;
    const res = await raw(sb.sandbox, 'POST', '/v1/customers', body);
    expect(res).toMatchObject({
      status: 400,
      body: {
        code: 400,
        message: 'The request body is not valid Unicode: a lone surrogate in "name"',
        param: 'name',
      },
    });
    const key = await raw(sb.sandbox, 'POST', '/v1/customers', `{"attributes":{"custom":[{"\\udfff":1}]}}`);
    expect(key.body).toMatchObject({ code: 400, param: 'attributes.custom[0]' });
    // A well-formed pair is text like any other.
    const pair = await raw(
      sb.sandbox,
      'POST',
      '/v1/customers',
      `{"data_source_uuid":"${ds.uuid}","external_id":"s2","name":"emoji \\ud83d\\ude00"}`,
    );
    expect(pair.status).toBe(201);
    expect((pair.body as { name: string }).name).toBe('emoji 😀');
    const list = await ChartMogul.Customer.all(sb.config, { data_source_uuid: ds.uuid });
    expect(list.entries.map((c: { external_id: string }) => c.external_id)).toEqual(['s2']);
  });

  it('refuses a body nested deeper than 100 levels (Rails JSON max_nesting) with 400, not a stack overflow', async () => {
    const customer = await createCustomer(
      sb,
      (await ChartMogul.DataSource.create(sb.config, { name: 'Deep' })).uuid,
      'deep',
    );
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const res = await raw(
      sb.sandbox,
      'POST',
      `/v1/import/customers/${customer.uuid}/invoices`,
      `{"invoices":[{"external_id":"d","x":${deep}}]}`,
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 400,
      message: 'The request body is nested more than 100 levels deep',
    });
    const ok = '['.repeat(90) + ']'.repeat(90);
    const shallow = await raw(
      sb.sandbox,
      'POST',
      `/v1/import/customers/${customer.uuid}/invoices`,
      `{"invoices":[{"external_id":"d","x":${ok}}]}`,
    );
    expect(shallow.status).toBe(422);
  });

  it('keeps four-digit years below 100 (0050 is not 1950)', async () => {
    const ds = await ChartMogul.DataSource.create(sb.config, { name: 'Old years' });
    const created = await ChartMogul.Customer.create(sb.config, {
      data_source_uuid: ds.uuid,
      external_id: 'y50',
      lead_created_at: '0050-06-01',
      free_trial_started_at: '0099-12-31 23:59:59',
    });
    expect(created.lead_created_at).toBe('0050-06-01T00:00:00.000Z');
    expect(created.free_trial_started_at).toBe('0099-12-31T23:59:59.000Z');
  });
});

it('creates its database file (and WAL files) readable by the owner only', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-mode-'));
  const dbPath = path.join(dir, '.sandbox', 'chartmogul.db');
  const sb = await startWithSdk({ dbPath });
  try {
    await ChartMogul.DataSource.create(sb.config, { name: 'Mode' });
    const files = fs.readdirSync(path.dirname(dbPath));
    expect(files).toEqual(
      expect.arrayContaining(['chartmogul.db', 'chartmogul.db-wal', 'chartmogul.db-shm']),
    );
    for (const file of files) {
      expect([file, fs.statSync(path.join(path.dirname(dbPath), file)).mode & 0o777]).toEqual([file, 0o600]);
    }
  } finally {
    await sb.sandbox.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
