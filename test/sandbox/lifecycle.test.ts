/** The full lifecycle of every resource, driven by the official chartmogul-node SDK. */
import {
  ChartMogul,
  expectOnlySubscriptionAllWarnings,
  failure,
  raw,
  startWithSdk,
  type SdkSandbox,
} from './support/sdk';
import { createCustomer, oneTimeInvoice, sourceWithPlan } from './support/billing';

let sb: SdkSandbox;
beforeAll(async () => {
  sb = await startWithSdk();
});
afterAll(() => sb.sandbox.close());

expectOnlySubscriptionAllWarnings();

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const id = (prefix: string) => new RegExp(`^${prefix}_${UUID}$`);

describe('ping and account', () => {
  it('answers pong and describes the account', async () => {
    expect(await ChartMogul.Ping.ping(sb.config)).toEqual({ data: 'pong!' });
    const account = await ChartMogul.Account.retrieve(sb.config);
    expect(account).toMatchObject({
      id: expect.stringMatching(id('acc')),
      currency: 'USD',
      time_zone: 'UTC',
    });
  });
});

describe('data sources', () => {
  it('creates, lists with filters, retrieves and deletes', async () => {
    const ds = await ChartMogul.DataSource.create(sb.config, { name: 'DS lifecycle' });
    expect(ds).toEqual({
      uuid: expect.stringMatching(id('ds')),
      name: 'DS lifecycle',
      system: 'Custom',
      created_at: expect.stringMatching(/\.\d{3}Z$/),
      status: 'idle',
    });
    const byName = await ChartMogul.DataSource.all(sb.config, { name: 'DS lifecycle' });
    expect(byName.data_sources.map((d: { uuid: string }) => d.uuid)).toEqual([ds.uuid]);
    expect((await ChartMogul.DataSource.all(sb.config, { system: 'Stripe' })).data_sources).toEqual([]);
    const withExtras = await ChartMogul.DataSource.retrieve(sb.config, ds.uuid, {
      with_processing_status: true,
    });
    expect(withExtras.processing_status).toEqual({ processed: 0, failed: 0, pending: 0 });
    await ChartMogul.DataSource.destroy(sb.config, ds.uuid);
    expect((await failure(ChartMogul.DataSource.retrieve(sb.config, ds.uuid))).status).toBe(404);
  });

  it('deleting a source removes its customers, plans and invoices', async () => {
    const { ds, plan } = await sourceWithPlan(sb, 'DS cascade', 'P');
    const cus = await createCustomer(sb, ds.uuid, 'c1', { name: 'C' });
    const { invoices } = await ChartMogul.Invoice.create(sb.config, cus.uuid, {
      invoices: [oneTimeInvoice('i1', 100)],
    });
    await ChartMogul.DataSource.destroy(sb.config, ds.uuid);
    expect((await failure(ChartMogul.Customer.retrieve(sb.config, cus.uuid))).status).toBe(404);
    expect((await failure(ChartMogul.Plan.retrieve(sb.config, plan.uuid))).status).toBe(404);
    expect((await failure(ChartMogul.Invoice.retrieve(sb.config, invoices[0].uuid))).status).toBe(404);
  });
});

describe('customers', () => {
  let dsUuid: string;
  beforeAll(async () => {
    dsUuid = (await ChartMogul.DataSource.create(sb.config, { name: 'DS customers' })).uuid;
  });

  it('creates with mixed key styles, retrieves, updates by PATCH and PUT, deletes', async () => {
    const created = await ChartMogul.Customer.create(sb.config, {
      data_source_uuid: dsUuid,
      external_id: 'cus_001',
      name: 'Adam Smith',
      email: 'adam@example.com',
      country: 'US',
      state: 'CA',
      city: 'San Francisco',
      company: 'Pinata',
      lead_created_at: '2022-10-14 00:00:00',
      free_trial_started_at: '2022-11-01T00:00:00+01:00',
      attributes: { tags: ['important'], custom: [{ type: 'Integer', key: 'age', value: 18 }] },
      unknown_key: 'ignored',
    });
    expect(created).toMatchObject({
      uuid: expect.stringMatching(id('cus')),
      id: expect.any(Number),
      status: 'New Lead',
      'customer-since': null,
      lead_created_at: '2022-10-14T00:00:00.000Z',
      free_trial_started_at: '2022-10-31T23:00:00.000Z',
      address: { country: 'United States', state: 'California', city: 'San Francisco', address_zip: null },
      attributes: { tags: ['important'], custom: { age: 18 }, stripe: {} },
      data_source_uuids: [dsUuid],
      external_ids: ['cus_001'],
      'billing-system-type': 'Import API',
      'currency-sign': '$',
      mrr: 0,
      arr: 0,
    });
    expect(created).not.toHaveProperty('unknown_key');
    expect(await ChartMogul.Customer.retrieve(sb.config, created.uuid)).toEqual(created);
    const patched = await ChartMogul.Customer.modify(sb.config, created.uuid, {
      name: 'Adam S.',
      attributes: { tags: ['vip'], custom: { age: 19 } },
    });
    expect(patched).toMatchObject({ name: 'Adam S.', attributes: { tags: ['vip'], custom: { age: 19 } } });
    const put = await ChartMogul.Customer.update(sb.config, created.uuid, {
      company: 'Piñata Inc',
      status: 'Working Lead',
    });
    expect(put).toMatchObject({ name: 'Adam S.', company: 'Piñata Inc', status: 'Working Lead' });
    await ChartMogul.Customer.destroy(sb.config, created.uuid);
    expect((await failure(ChartMogul.Customer.retrieve(sb.config, created.uuid))).status).toBe(404);
  });

  it('lists with filters, including Past Due and Past_Due, and searches by email', async () => {
    const a = await ChartMogul.Customer.create(sb.config, {
      data_source_uuid: dsUuid,
      external_id: 'f1',
      email: 'same@example.com',
    });
    const b = await ChartMogul.Customer.create(sb.config, {
      data_source_uuid: dsUuid,
      external_id: 'f2',
      email: 'same@example.com',
    });
    const byExt = await ChartMogul.Customer.all(sb.config, { external_id: 'f1' });
    expect(byExt.entries.map((c: { uuid: string }) => c.uuid)).toEqual([a.uuid]);
    expect(byExt).toMatchObject({ current_page: 1, total_pages: 1, has_more: false, per_page: 200, page: 1 });
    const byDs = await ChartMogul.Customer.all(sb.config, { data_source_uuid: dsUuid, status: 'New_Lead' });
    expect(byDs.entries.map((c: { uuid: string }) => c.uuid)).toEqual(
      expect.arrayContaining([a.uuid, b.uuid]),
    );
    const search = await ChartMogul.Customer.search(sb.config, { email: 'same@example.com' });
    expect(search.entries.map((c: { uuid: string }) => c.uuid).sort()).toEqual([a.uuid, b.uuid].sort());
  });

  it('merges one customer into another', async () => {
    const from = await ChartMogul.Customer.create(sb.config, {
      data_source_uuid: dsUuid,
      external_id: 'm_from',
      attributes: { tags: ['x'] },
    });
    const into = await ChartMogul.Customer.create(sb.config, {
      data_source_uuid: dsUuid,
      external_id: 'm_into',
    });
    const res = await ChartMogul.Customer.merge(sb.config, {
      from: { customer_uuid: from.uuid },
      into: { customer_uuid: into.uuid },
    });
    expect(res).toEqual({});
    expect((await failure(ChartMogul.Customer.retrieve(sb.config, from.uuid))).status).toBe(404);
    const merged = await ChartMogul.Customer.retrieve(sb.config, into.uuid);
    expect(merged.external_ids).toEqual(['m_into', 'm_from']);
    expect(merged.attributes.tags).toEqual(['x']);
  });

  it('reads attributes, adds and removes tags and custom attributes', async () => {
    const c = await ChartMogul.Customer.create(sb.config, {
      data_source_uuid: dsUuid,
      external_id: 'attrs',
      email: 'attrs@example.com',
    });
    expect(await ChartMogul.Tag.add(sb.config, c.uuid, { tags: ['a', 'b'] })).toEqual({ tags: ['a', 'b'] });
    expect(await ChartMogul.Tag.remove(sb.config, c.uuid, { tags: ['a'] })).toEqual({ tags: ['b'] });
    const byEmail = await ChartMogul.Tag.add(sb.config, { email: 'attrs@example.com', tags: ['c'] });
    expect(byEmail.entries[0].attributes.tags).toEqual(['b', 'c']);
    const added = await ChartMogul.CustomAttribute.add(sb.config, c.uuid, {
      custom: [
        { type: 'String', key: 'channel', value: 'Facebook' },
        { type: 'Timestamp', key: 'since', value: '2016-01-31 00:00:00 UTC' },
        { type: 'Boolean', key: 'flag', value: 'TRUE' },
      ],
    });
    expect(added).toEqual({ custom: { channel: 'Facebook', since: '2016-01-31T00:00:00.000Z', flag: true } });
    const updated = await ChartMogul.CustomAttribute.update(sb.config, c.uuid, {
      custom: { flag: false, since: '2016-02-01' },
    });
    expect(updated.custom).toEqual({ channel: 'Facebook', since: '2016-02-01T00:00:00.000Z', flag: false });
    await ChartMogul.CustomAttribute.remove(sb.config, c.uuid, { custom: ['channel'] });
    expect(await ChartMogul.Customer.attributes(sb.config, c.uuid)).toEqual({
      tags: ['b', 'c'],
      stripe: {},
      custom: { since: '2016-02-01T00:00:00.000Z', flag: false },
    });
  });
});

describe('plans and plan groups', () => {
  it('creates, lists, updates (202) and deletes plans; groups list their plans', async () => {
    const ds = await ChartMogul.DataSource.create(sb.config, { name: 'DS plans' });
    const p1 = await ChartMogul.Plan.create(sb.config, {
      data_source_uuid: ds.uuid,
      name: 'Gold',
      interval_count: 1,
      interval_unit: 'month',
    });
    expect(p1.external_id).toBe(p1.uuid.slice(3));
    const p2 = await ChartMogul.Plan.create(sb.config, {
      data_source_uuid: ds.uuid,
      name: 'Silver',
      interval_count: 12,
      interval_unit: 'month',
      external_id: 'silver',
    });
    const list = await ChartMogul.Plan.all(sb.config, { data_source_uuid: ds.uuid });
    expect(list.plans.map((p: { uuid: string }) => p.uuid)).toEqual([p2.uuid, p1.uuid]);
    expect((await ChartMogul.Plan.all(sb.config, { external_id: 'silver' })).plans).toHaveLength(1);
    const modified = await ChartMogul.Plan.modify(sb.config, p1.uuid, {
      name: 'Gold+',
      interval_unit: 'year',
    });
    expect(modified).toMatchObject({ name: 'Gold+', interval_unit: 'year', interval_count: 1 });

    const group = await ChartMogul.PlanGroup.create(sb.config, { name: 'Metals', plans: [p1.uuid, p2.uuid] });
    expect(group).toEqual({ name: 'Metals', uuid: expect.stringMatching(id('plg')), plans_count: 2 });
    expect(
      (await ChartMogul.PlanGroup.all(sb.config, group.uuid, {})).plans.map((p: { uuid: string }) => p.uuid),
    ).toEqual([p2.uuid, p1.uuid]);
    expect(
      await ChartMogul.PlanGroup.modify(sb.config, group.uuid, { name: 'Only gold', plans: [p1.uuid] }),
    ).toMatchObject({ name: 'Only gold', plans_count: 1 });
    expect(await ChartMogul.PlanGroup.retrieve(sb.config, group.uuid)).toMatchObject({ plans_count: 1 });
    expect(
      (await ChartMogul.PlanGroup.all(sb.config, {})).plan_groups.map((g: { uuid: string }) => g.uuid),
    ).toContain(group.uuid);
    await ChartMogul.Plan.destroy(sb.config, p1.uuid);
    expect(await ChartMogul.PlanGroup.retrieve(sb.config, group.uuid)).toMatchObject({ plans_count: 0 });
    await ChartMogul.PlanGroup.destroy(sb.config, group.uuid);
    expect((await failure(ChartMogul.PlanGroup.retrieve(sb.config, group.uuid))).status).toBe(404);
  });
});

describe('invoices, transactions and subscriptions', () => {
  it('imports invoices, derives subscriptions and statuses, cancels, lists and deletes', async () => {
    const { ds, plan } = await sourceWithPlan(sb, 'DS billing', 'Monthly');
    const cus = await createCustomer(sb, ds.uuid, 'billed', { name: 'Billed' });
    const line = (n: number) => ({
      type: 'subscription',
      subscription_external_id: 'sub-1',
      plan_uuid: plan.uuid,
      amount_in_cents: 1100,
      tax_amount_in_cents: 100,
      service_period_start: `2024-0${n}-01 00:00:00`,
      service_period_end: `2024-0${n + 1}-01 00:00:00`,
    });
    const { invoices } = await ChartMogul.Invoice.create(sb.config, cus.uuid, {
      customer_uuid: cus.uuid,
      invoices: [
        {
          external_id: 'inv-1',
          date: '2024-01-01T00:00:00Z',
          currency: 'EUR',
          line_items: [line(1)],
          transactions: [{ type: 'payment', date: '2024-01-02', result: 'successful' }],
        },
        { external_id: 'inv-2', date: '2024-02-01T00:00:00Z', currency: 'EUR', line_items: [line(2)] },
      ],
    });
    expect(invoices).toHaveLength(2);
    expect(invoices[0]).not.toHaveProperty('customer_uuid');
    expect(invoices[0].line_items[0]).toMatchObject({
      uuid: expect.stringMatching(id('li')),
      subscription_uuid: expect.stringMatching(id('sub')),
      quantity: 1,
      prorated: false,
    });
    expect(invoices[0].line_items[0].subscription_uuid).toBe(invoices[1].line_items[0].subscription_uuid);
    expect(invoices[0].transactions[0]).toMatchObject({
      uuid: expect.stringMatching(id('tr')),
      amount_in_cents: null,
      date: '2024-01-02T00:00:00.000Z',
    });

    // 1000 EUR cents a month, in the USD account at the sandbox's fixed rate (1 EUR = 1.0945 USD).
    let customer = await ChartMogul.Customer.retrieve(sb.config, cus.uuid);
    expect(customer).toMatchObject({
      status: 'Active',
      'customer-since': '2024-01-01T00:00:00+00:00',
      mrr: 1095,
      arr: 13140,
    });

    const tx = await ChartMogul.Transaction.create(sb.config, invoices[1].uuid, {
      type: 'payment',
      date: '2024-02-03',
      result: 'failed',
      external_id: 'tx-f',
    });
    expect(tx).toMatchObject({
      uuid: expect.stringMatching(id('tr')),
      result: 'failed',
      date: '2024-02-03T00:00:00.000Z',
    });
    customer = await ChartMogul.Customer.retrieve(sb.config, cus.uuid);
    expect(customer.status).toBe('Past Due');
    expect(
      (await ChartMogul.Customer.all(sb.config, { status: 'Past Due', data_source_uuid: ds.uuid })).entries,
    ).toHaveLength(1);
    expect(
      (await ChartMogul.Customer.all(sb.config, { status: 'Past_Due', data_source_uuid: ds.uuid })).entries,
    ).toHaveLength(1);

    const subs = await ChartMogul.Subscription.all(sb.config, cus.uuid);
    expect(subs.subscriptions).toEqual([
      {
        external_id: 'sub-1',
        uuid: invoices[0].line_items[0].subscription_uuid,
        cancellation_dates: [],
        plan_uuid: plan.uuid,
        data_source_uuid: ds.uuid,
      },
    ]);
    const metrics = await ChartMogul.Metrics.Customer.subscriptions(sb.config, cus.uuid);
    expect(metrics.entries[0]).toMatchObject({
      external_id: 'sub-1',
      status: 'active',
      plan: 'Monthly',
      'billing-cycle': 'month',
      mrr: 1095,
      'start-date': '2024-01-01T00:00:00+00:00',
    });
    expect(metrics.entries[0].uuid).toMatch(new RegExp(`^${UUID}$`));
    expect(metrics).toMatchObject({ has_more: false, per_page: 200, page: 1, cursor: expect.any(String) });
    const past = await ChartMogul.Metrics.Customer.subscriptions(sb.config, cus.uuid, {
      cursor: metrics.cursor,
    });
    expect(past).toEqual({ entries: [], cursor: expect.any(String), has_more: false });

    const cancelled = await ChartMogul.Subscription.cancel(sb.config, subs.subscriptions[0].uuid, {
      cancelled_at: '2024-02-15',
    });
    expect(cancelled).toMatchObject({
      cancellation_dates: ['2024-02-15T00:00:00.000Z'],
      customer_uuid: cus.uuid,
    });
    expect((await ChartMogul.Customer.retrieve(sb.config, cus.uuid)).status).toBe('Cancelled');
    const reset = await ChartMogul.Subscription.modify(sb.config, subs.subscriptions[0].uuid, {
      cancellation_dates: [],
    });
    expect(reset.cancellation_dates).toEqual([]);
    expect((await ChartMogul.Customer.retrieve(sb.config, cus.uuid)).status).toBe('Past Due');

    const mine = await ChartMogul.Invoice.all(sb.config, cus.uuid, {});
    expect(mine).toMatchObject({ customer_uuid: cus.uuid, current_page: 1, total_pages: 1, has_more: false });
    expect(mine.invoices.map((i: { external_id: string }) => i.external_id)).toEqual(['inv-2', 'inv-1']);
    const all = await ChartMogul.Invoice.all(sb.config, { data_source_uuid: ds.uuid, external_id: 'inv-1' });
    expect(all.invoices).toHaveLength(1);
    expect(all.invoices[0]).toMatchObject({
      customer_uuid: cus.uuid,
      line_items: [expect.objectContaining({ balance_transfer: null })],
    });
    expect(await ChartMogul.Invoice.retrieve(sb.config, invoices[0].uuid)).toMatchObject({
      uuid: invoices[0].uuid,
      customer_uuid: cus.uuid,
    });

    await ChartMogul.Invoice.destroy(sb.config, invoices[1].uuid);
    expect((await ChartMogul.Customer.retrieve(sb.config, cus.uuid)).status).toBe('Active');
    await ChartMogul.Invoice.destroyAll(sb.config, ds.uuid, cus.uuid);
    expect((await ChartMogul.Invoice.all(sb.config, cus.uuid, {})).invoices).toEqual([]);
    expect(await ChartMogul.Customer.retrieve(sb.config, cus.uuid)).toMatchObject({
      status: 'New Lead',
      mrr: 0,
      'customer-since': null,
    });
    expect((await ChartMogul.Subscription.all(sb.config, cus.uuid)).subscriptions).toEqual([]);
  });

  it('a line item with cancelled_at cancels its subscription', async () => {
    const { ds, plan } = await sourceWithPlan(sb, 'DS churn', 'Y', 'year');
    const cus = await createCustomer(sb, ds.uuid, 'churner');
    await ChartMogul.Invoice.create(sb.config, cus.uuid, {
      invoices: [
        {
          external_id: 'y1',
          date: '2023-01-01',
          currency: 'USD',
          line_items: [
            {
              type: 'subscription',
              subscription_external_id: 's',
              subscription_set_external_id: 'set',
              plan_uuid: plan.uuid,
              amount_in_cents: 12000,
              service_period_start: '2023-01-01',
              service_period_end: '2024-01-01',
              cancelled_at: '2023-06-01',
            },
          ],
        },
      ],
    });
    const customer = await ChartMogul.Customer.retrieve(sb.config, cus.uuid);
    expect(customer).toMatchObject({ status: 'Cancelled', mrr: 0 });
    const subs = await ChartMogul.Subscription.all(sb.config, cus.uuid);
    expect(subs.subscriptions[0]).toMatchObject({
      subscription_set_external_id: 'set',
      cancellation_dates: ['2023-06-01T00:00:00.000Z'],
    });
  });
});

describe('connect, disconnect and unmerge', () => {
  it('connects two subscriptions into one, disconnects them, and splits a merged identity off again', async () => {
    const { ds, plan } = await sourceWithPlan(sb, 'DS links', 'M');
    const a = await createCustomer(sb, ds.uuid, 'link-a', { name: 'A' });
    const b = await createCustomer(sb, ds.uuid, 'link-b', { name: 'B' });
    const item = (sub: string, month: number) => ({
      type: 'subscription',
      subscription_external_id: sub,
      plan_uuid: plan.uuid,
      amount_in_cents: 500,
      service_period_start: `2024-0${month}-01`,
      service_period_end: `2024-0${month + 1}-01`,
    });
    await ChartMogul.Invoice.create(sb.config, a.uuid, {
      invoices: [
        { external_id: 'link-1', date: '2024-01-01', currency: 'USD', line_items: [item('old-sub', 1)] },
        { external_id: 'link-2', date: '2024-02-01', currency: 'USD', line_items: [item('new-sub', 2)] },
      ],
    });
    const refs = [
      { data_source_uuid: ds.uuid, external_id: 'new-sub' },
      { data_source_uuid: ds.uuid, external_id: 'old-sub' },
    ];
    const metrics = async () =>
      (await ChartMogul.Metrics.Customer.subscriptions(sb.config, a.uuid)).entries.map(
        (s: { external_id: string }) => s.external_id,
      );
    expect(await metrics()).toEqual(['new-sub', 'old-sub']);
    expect((await ChartMogul.Customer.retrieve(sb.config, a.uuid)).mrr).toBe(1000);

    await expect(
      raw(
        sb.sandbox,
        'POST',
        `/v1/customers/${a.uuid}/connect_subscriptions`,
        JSON.stringify({ subscriptions: refs }),
      ),
    ).resolves.toMatchObject({ status: 202, body: {} });
    // The chain lists as its latest member with the chain's first start (recorded in should_connect_and_disconnect).
    expect(await metrics()).toEqual(['new-sub']);
    const [connected] = (await ChartMogul.Metrics.Customer.subscriptions(sb.config, a.uuid)).entries;
    expect(connected).toMatchObject({
      'start-date': '2024-01-01T00:00:00+00:00',
      'end-date': '2024-03-01T00:00:00+00:00',
      mrr: 500,
    });
    expect((await ChartMogul.Customer.retrieve(sb.config, a.uuid)).mrr).toBe(500);
    expect((await ChartMogul.Subscription.all(sb.config, a.uuid)).subscriptions).toHaveLength(2);

    await raw(
      sb.sandbox,
      'POST',
      `/v1/customers/${a.uuid}/disconnect_subscriptions`,
      JSON.stringify({ subscriptions: refs }),
    );
    expect(await metrics()).toEqual(['new-sub', 'old-sub']);
    const foreign = await raw(
      sb.sandbox,
      'POST',
      `/v1/customers/${b.uuid}/connect_subscriptions`,
      JSON.stringify({ subscriptions: refs }),
    );
    expect(foreign.status).toBe(422);

    await ChartMogul.Customer.merge(sb.config, {
      from: { customer_uuid: b.uuid },
      into: { customer_uuid: a.uuid },
    });
    await expect(
      ChartMogul.Customer.unmerge(sb.config, {
        customer_uuid: a.uuid,
        data_source_uuid: ds.uuid,
        external_id: 'link-b',
        move_to_new_customer: [],
      }),
    ).resolves.toEqual({});
    expect((await ChartMogul.Customer.retrieve(sb.config, a.uuid)).external_ids).toEqual(['link-a']);
    expect((await ChartMogul.Customer.all(sb.config, { external_id: 'link-b' })).entries).toHaveLength(1);
  });
});
