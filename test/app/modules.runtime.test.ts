// Every module of the app, run through the runtime against the sandbox: create → get → update →
// list → delete where the module exists, each output checked against the module's interface.
import { DataError, DuplicateDataError, RuntimeError } from '../../runtime';
import { AppHarness, Bundle, startAppHarness } from './helpers/harness';
import { checked } from './helpers/checked';

let h: AppHarness;
beforeAll(async () => {
  h = await startAppHarness();
});
afterAll(() => h?.close());

const { action, search } = checked(() => h);

describe('data sources, customers, plans and plan groups', () => {
  let ds: Bundle;
  let customer: Bundle;
  let plan: Bundle;

  test('createDataSource → getDataSource → listDataSources', async () => {
    ds = await action('createDataSource', { name: 'App test source' });
    expect(ds).toMatchObject({ name: 'App test source', uuid: expect.stringMatching(/^ds_/) });
    expect(await action('getDataSource', { data_source_uuid: ds.uuid })).toMatchObject({ uuid: ds.uuid });
    const listed = await search('listDataSources', { name: 'App test source' });
    expect(listed.map((b) => b.uuid)).toEqual([ds.uuid]);
    expect(listed[0]).toMatchObject({ __IMTINDEX__: 1, __IMTLENGTH__: 1 });
  });

  test('createCustomer sends tags and typed custom attributes', async () => {
    customer = await action('createCustomer', {
      data_source_uuid: ds.uuid,
      external_id: 'cus_app_1',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      country: 'GB',
      city: 'London',
      lead_created_at: '2024-01-02T03:04:05Z',
      tags: ['vip', 'beta'],
      custom: [{ type: 'String', key: 'channel', value: 'Referral' }],
    });
    expect(customer).toMatchObject({
      uuid: expect.stringMatching(/^cus_/),
      external_id: 'cus_app_1',
      name: 'Ada Lovelace',
      data_source_uuid: ds.uuid,
      lead_created_at: '2024-01-02T03:04:05.000Z',
      attributes: expect.objectContaining({ tags: ['vip', 'beta'], custom: { channel: 'Referral' } }),
    });
  });

  test('getCustomer → updateCustomer (custom attributes as a key/value map) → listCustomers', async () => {
    expect(await action('getCustomer', { customer_uuid: customer.uuid })).toMatchObject({
      uuid: customer.uuid,
    });
    const updated = await action('updateCustomer', {
      data_source_uuid: ds.uuid, // only narrows the select; not sent
      customer_uuid: customer.uuid,
      name: 'Ada King',
      tags: ['vip'],
      custom: [{ key: 'channel', value: 'Partner' }],
    });
    expect(updated).toMatchObject({
      uuid: customer.uuid,
      name: 'Ada King',
      data_source_uuid: ds.uuid,
      attributes: expect.objectContaining({ tags: ['vip'], custom: { channel: 'Partner' } }),
    });
    await action('createCustomer', {
      data_source_uuid: ds.uuid,
      external_id: 'cus_app_2',
      name: 'Charles Babbage',
    });
    const all = await search('listCustomers', { data_source_uuid: ds.uuid, limit: 10 });
    expect(all.map((b) => b.external_id).sort()).toEqual(['cus_app_1', 'cus_app_2']);
    const one = await search('listCustomers', { external_id: 'cus_app_2', limit: 10 });
    expect(one.map((b) => b.name)).toEqual(['Charles Babbage']);
  });

  test('listCustomers stops at Limit, and follows the cursor past ChartMogul’s 200 per page', async () => {
    await h.seed(
      '/v1/customers',
      Array.from({ length: 200 }, (_, n) => ({
        data_source_uuid: ds.uuid,
        external_id: `bulk-${n}`,
        name: `Bulk ${n}`,
      })),
    );
    let before = await h.requestCount();
    expect(await search('listCustomers', { data_source_uuid: ds.uuid, limit: 3 })).toHaveLength(3);
    expect(await h.requestCount()).toBe(before + 1); // per_page follows a small limit: one request
    before = await h.requestCount();
    const all = await search('listCustomers', { data_source_uuid: ds.uuid, limit: 1000 });
    expect(new Set(all.map((b) => b.uuid)).size).toBe(202);
    expect(all[201]).toMatchObject({ __IMTINDEX__: 202, __IMTLENGTH__: 202 });
    expect(await h.requestCount()).toBe(before + 2);
  });

  test('createPlan → getPlan → updatePlan → listPlans', async () => {
    plan = await action('createPlan', {
      data_source_uuid: ds.uuid,
      name: 'Gold Monthly',
      interval_count: 1,
      interval_unit: 'month',
      external_id: 'gold_monthly',
    });
    expect(plan).toMatchObject({
      uuid: expect.stringMatching(/^pl_/),
      interval_unit: 'month',
      interval_count: 1,
    });
    expect(await action('getPlan', { plan_uuid: plan.uuid })).toMatchObject({ name: 'Gold Monthly' });
    const updated = await action('updatePlan', {
      plan_uuid: plan.uuid,
      name: 'Gold Quarterly',
      interval_count: 3,
    });
    expect(updated).toMatchObject({
      uuid: plan.uuid,
      name: 'Gold Quarterly',
      interval_count: 3,
      interval_unit: 'month',
    });
    const listed = await search('listPlans', { data_source_uuid: ds.uuid, limit: 10 });
    expect(listed.map((b) => b.uuid)).toEqual([plan.uuid]);
  });

  test('createPlanGroup → getPlanGroup → updatePlanGroup → deletePlanGroup', async () => {
    const second = await action('createPlan', {
      data_source_uuid: ds.uuid,
      name: 'Gold Annual',
      interval_count: 1,
      interval_unit: 'year',
    });
    const group = await action('createPlanGroup', { name: 'Gold', plans: [plan.uuid, second.uuid] });
    expect(group).toMatchObject({ uuid: expect.stringMatching(/^plg_/), name: 'Gold', plans_count: 2 });
    expect(await action('getPlanGroup', { plan_group_uuid: group.uuid })).toMatchObject({ plans_count: 2 });
    const updated = await action('updatePlanGroup', {
      plan_group_uuid: group.uuid,
      name: 'Gold only',
      plans: [plan.uuid],
    });
    expect(updated).toMatchObject({ name: 'Gold only', plans_count: 1 });
    expect(await action('deletePlanGroup', { plan_group_uuid: group.uuid })).toEqual({
      plan_group_uuid: group.uuid,
    });
    await expect(h.action('getPlanGroup', { plan_group_uuid: group.uuid })).rejects.toBeInstanceOf(
      RuntimeError,
    );
    await action('deletePlan', { plan_uuid: second.uuid });
  });

  test('deletePlan, deleteCustomer and deleteDataSource remove the records', async () => {
    expect(await action('deletePlan', { plan_uuid: plan.uuid })).toEqual({ plan_uuid: plan.uuid });
    await expect(h.action('getPlan', { plan_uuid: plan.uuid })).rejects.toThrow(/\[404\]/);
    expect(await action('deleteCustomer', { customer_uuid: customer.uuid })).toEqual({
      customer_uuid: customer.uuid,
    });
    await expect(h.action('getCustomer', { customer_uuid: customer.uuid })).rejects.toBeInstanceOf(
      RuntimeError,
    );
    expect(await action('deleteDataSource', { data_source_uuid: ds.uuid })).toEqual({
      data_source_uuid: ds.uuid,
    });
    await expect(h.action('getDataSource', { data_source_uuid: ds.uuid })).rejects.toThrow(/\[404\]/);
  });
});

describe('invoices, transactions and subscriptions', () => {
  let ds: Bundle;
  let customer: Bundle;
  let plan: Bundle;
  let invoice: Bundle;

  beforeAll(async () => {
    ds = await h.action('createDataSource', { name: 'Invoice source' });
    customer = await h.action('createCustomer', {
      data_source_uuid: ds.uuid,
      external_id: 'cus_inv',
      name: 'Grace',
    });
    plan = await h.action('createPlan', {
      data_source_uuid: ds.uuid,
      name: 'Pro',
      interval_count: 1,
      interval_unit: 'month',
    });
  });

  test('importInvoice with subscription and one-time items and a transaction', async () => {
    invoice = await action('importInvoice', {
      customer_uuid: customer.uuid,
      external_id: 'INV-1',
      date: '2025-01-01T12:00:00Z',
      currency: 'USD',
      due_date: '2025-01-15T12:00:00Z',
      line_items: [
        {
          type: 'subscription',
          subscription_external_id: 'sub-1',
          plan_uuid: plan.uuid,
          service_period_start: '2025-01-01T12:00:00Z',
          service_period_end: '2025-02-01T12:00:00Z',
          amount_in_cents: 5000,
          quantity: 2,
          prorated: false,
        },
        {
          type: 'one_time',
          amount_in_cents: 1500,
          description: 'Setup fee',
          discount_description: 'Launch offer',
          event_order: 2,
        },
      ],
      transactions: [
        {
          date: '2025-01-02T00:00:00Z',
          type: 'payment',
          result: 'successful',
          external_id: 'TR-1',
          amount_in_cents: 3000, // a partial payment
          transaction_fees_in_cents: 90,
        },
      ],
    });
    expect(invoice).toMatchObject({
      uuid: expect.stringMatching(/^inv_/),
      customer_uuid: customer.uuid, // not in ChartMogul's answer: the module adds it, as Get an Invoice has it
      external_id: 'INV-1',
      currency: 'USD',
      date: '2025-01-01T12:00:00.000Z',
    });
    const items = invoice.line_items as Bundle[];
    expect(items.map((i) => [i.type, i.amount_in_cents])).toEqual([
      ['subscription', 5000],
      ['one_time', 1500],
    ]);
    expect(items[0].subscription_uuid).toMatch(/^sub_/);
    expect(items[1]).toMatchObject({ discount_description: 'Launch offer', event_order: 2 });
    expect(invoice.transactions).toEqual([
      expect.objectContaining({ external_id: 'TR-1', amount_in_cents: 3000, transaction_fees_in_cents: 90 }),
    ]);
  });

  test('getInvoice → listInvoices → importInvoiceTransaction', async () => {
    expect(await action('getInvoice', { invoice_uuid: invoice.uuid })).toMatchObject({ uuid: invoice.uuid });
    const listed = await search('listInvoices', { customer_uuid: customer.uuid, limit: 10 });
    expect(listed.map((b) => b.uuid)).toEqual([invoice.uuid]);
    expect(await search('listInvoices', { external_id: 'nope', limit: 10 })).toEqual([]);
    const tr = await action('importInvoiceTransaction', {
      invoice_uuid: invoice.uuid,
      type: 'refund',
      date: '2025-01-20T00:00:00Z',
      result: 'successful',
      external_id: 'TR-2',
    });
    expect(tr).toMatchObject({ uuid: expect.stringMatching(/^tr_/), type: 'refund', external_id: 'TR-2' });
  });

  test('listSubscriptions → cancelSubscription (cancelled_at, then a full cancellation history)', async () => {
    const subs = await search('listSubscriptions', { customer_uuid: customer.uuid, limit: 10 });
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({
      external_id: 'sub-1',
      customer_uuid: customer.uuid,
      plan_uuid: plan.uuid,
    });
    const cancelled = await action('cancelSubscription', {
      customer_uuid: customer.uuid,
      subscription_uuid: subs[0].uuid,
      cancelled_at: '2025-03-01T00:00:00Z',
    });
    expect(cancelled).toMatchObject({ uuid: subs[0].uuid, cancellation_dates: ['2025-03-01T00:00:00.000Z'] });
    const history = await action('cancelSubscription', {
      subscription_uuid: subs[0].uuid,
      cancellation_dates: ['2025-02-01T00:00:00Z', '2025-04-01T00:00:00Z'],
    });
    expect(history.cancellation_dates).toEqual(['2025-02-01T00:00:00.000Z', '2025-04-01T00:00:00.000Z']);
  });

  test('deleteInvoice', async () => {
    expect(await action('deleteInvoice', { invoice_uuid: invoice.uuid })).toEqual({
      invoice_uuid: invoice.uuid,
    });
    await expect(h.action('getInvoice', { invoice_uuid: invoice.uuid })).rejects.toBeInstanceOf(RuntimeError);
  });

  test('a duplicate invoice external ID is a DuplicateDataError naming the field', async () => {
    const params = {
      customer_uuid: customer.uuid,
      external_id: 'INV-DUP',
      date: '2025-01-01T00:00:00Z',
      currency: 'USD',
      line_items: [{ type: 'one_time', amount_in_cents: 100 }],
    };
    await h.action('importInvoice', params);
    const err = await h.action('importInvoice', params).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DuplicateDataError);
    expect((err as Error).message).toMatch(/^\[422\] .*external_id/);
  });
});

describe('Make an API Call', () => {
  test('GET with a query string returns status, headers and body', async () => {
    const out = await action('makeApiCall', {
      url: '/v1/data_sources',
      method: 'GET',
      qs: [{ key: 'name', value: 'Universal' }],
    });
    expect(out).toMatchObject({ statusCode: 200, body: { data_sources: [] } });
    expect(out.headers).toEqual(expect.objectContaining({ 'content-type': expect.stringMatching(/json/) }));
  });

  test('POST with a JSON body; a user Authorization header cannot replace the connection', async () => {
    const out = await action('makeApiCall', {
      url: '/v1/data_sources',
      method: 'POST',
      headers: [{ key: 'authorization', value: 'Basic bm9ib2R5Og==' }],
      body: { name: 'Universal' },
    });
    expect(out).toMatchObject({ statusCode: 201, body: { name: 'Universal' } });
  });

  test('a body given as JSON text (typed, or from Create JSON) is sent as it is, not as a JSON string', async () => {
    const out = await action('makeApiCall', {
      url: '/v1/data_sources',
      method: 'POST',
      body: '{"name":"From text"}',
    });
    expect(out).toMatchObject({ statusCode: 201, body: { name: 'From text' } });
  });

  test('ChartMogul errors surface with their message (dialect D, plan groups)', async () => {
    const err = await h
      .action('makeApiCall', { url: '/v1/plan_groups', method: 'POST', body: {} })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect((err as Error).message).toMatch(/^\[4\d\d\] .*blank/i);
  });
});
