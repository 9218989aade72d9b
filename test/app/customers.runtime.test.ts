// The customer modules beyond the seed, run against the sandbox: account, search by email, merge and
// unmerge, tags and custom attributes (by UUID and by email), subscriptions with MRR and connecting them,
// deleting a customer's invoices, plan groups; and the RPCs behind their selects. Every output is checked
// against the module's interface and sample.
import { RuntimeError } from '../../runtime';
import { AppHarness, Bundle, startAppHarness } from './helpers/harness';
import { checked } from './helpers/checked';
import { buildWorld, World } from './helpers/world';

let h: AppHarness;
let world: World;
const { action, search } = checked(() => h);
const values = (options: { value: unknown }[]) => options.map((o) => o.value);

beforeAll(async () => {
  h = await startAppHarness();
  world = await buildWorld(h, 'Customers source');
});
afterAll(() => h?.close());

test('getAccount returns the account the key belongs to, with the settings asked for', async () => {
  const account = await action('getAccount', {});
  expect(account).toMatchObject({
    id: expect.stringMatching(/^acc_/),
    name: 'ChartMogul Sandbox',
    currency: 'USD',
    time_zone: 'UTC',
  });
  expect(account).not.toHaveProperty('churn_recognition');
  const settings = await action('getAccount', { include: ['churn_recognition', 'churn_when_zero_mrr'] });
  expect(settings).toMatchObject({
    churn_recognition: expect.any(String),
    churn_when_zero_mrr: expect.any(Boolean),
  });
  expect(settings).not.toHaveProperty('refund_handling');
});

describe('search by email, merge, unmerge', () => {
  let ada: Bundle;
  let adaElsewhere: Bundle;
  let other: World;

  beforeAll(async () => {
    other = await buildWorld(h, 'Second source');
    ada = await world.customer('ada-1', { name: 'Ada', email: 'ada@example.com' });
    adaElsewhere = await other.customer('ada-2', { name: 'Ada (billing)', email: 'ada@example.com' });
  });

  test('searchCustomers finds the customers with an email in every data source, up to Limit', async () => {
    const found = await search('searchCustomers', { email: 'ada@example.com', limit: 10 });
    expect(found.map((c) => c.uuid).sort()).toEqual([ada.uuid, adaElsewhere.uuid].sort());
    expect(await search('searchCustomers', { email: 'ada@example.com', limit: 1 })).toHaveLength(1);
  });

  test('searchCustomers: no customer with the email is ChartMogul’s 404, an error the scenario can handle', async () => {
    const err = await h.search('searchCustomers', { email: 'nobody@example.com', limit: 10 }).catch((e) => e);
    expect(err).toBeInstanceOf(RuntimeError);
    expect((err as Error).message).toBe(`[404] Can't find any customers with email: "nobody@example.com"`);
  });

  test('mergeCustomers → the remaining customer carries both records; unmergeCustomer splits one off again', async () => {
    expect(
      await action('mergeCustomers', { from_customer_uuid: adaElsewhere.uuid, into_customer_uuid: ada.uuid }),
    ).toEqual({ from_customer_uuid: adaElsewhere.uuid, into_customer_uuid: ada.uuid });
    const merged = await action('getCustomer', { customer_uuid: ada.uuid });
    expect((merged.external_ids as string[]).sort()).toEqual(['ada-1', 'ada-2']);
    await expect(h.action('getCustomer', { customer_uuid: adaElsewhere.uuid })).rejects.toThrow(/\[404\]/);

    const split = await action('unmergeCustomer', {
      customer_uuid: ada.uuid,
      data_source_uuid: other.ds.uuid,
      external_id: 'ada-2',
      move_to_new_customer: ['tasks', 'notes'],
    });
    expect(split).toEqual({ customer_uuid: ada.uuid, data_source_uuid: other.ds.uuid, external_id: 'ada-2' });
    expect((await action('getCustomer', { customer_uuid: ada.uuid })).external_ids).toEqual(['ada-1']);
    const own = await search('listCustomers', { data_source_uuid: other.ds.uuid, limit: 10 });
    expect(own.map((c) => c.external_id)).toEqual(['ada-2']);
  });
});

describe('tags and custom attributes', () => {
  let grace: Bundle;
  const attributes = async () => action('getCustomerAttributes', { customer_uuid: grace.uuid });

  beforeAll(async () => {
    grace = await world.customer('grace', {
      name: 'Grace',
      email: 'grace@example.com',
      tags: ['lead'],
      custom: [{ type: 'String', key: 'channel', value: 'Referral' }],
    });
  });

  test('getCustomerAttributes returns the tags and custom attributes of a customer', async () => {
    expect(await attributes()).toEqual({
      customer_uuid: grace.uuid,
      tags: ['lead'],
      stripe: {},
      custom: { channel: 'Referral' },
    });
  });

  test('addCustomerTags adds tags once; addTagsByEmail tags every customer with the email', async () => {
    expect(await action('addCustomerTags', { customer_uuid: grace.uuid, tags: ['vip', 'lead'] })).toEqual({
      customer_uuid: grace.uuid,
      tags: ['lead', 'vip'],
    });
    const out = await action('addTagsByEmail', { email: 'grace@example.com', tags: ['newsletter'] });
    expect(out.entries).toEqual([
      expect.objectContaining({
        uuid: grace.uuid,
        email: 'grace@example.com',
        attributes: expect.objectContaining({ tags: ['lead', 'vip', 'newsletter'] }),
      }),
    ]);
    expect((await attributes()).tags).toEqual(['lead', 'vip', 'newsletter']);
  });

  test('removeCustomerTags returns the tags the customer keeps', async () => {
    expect(
      await action('removeCustomerTags', { customer_uuid: grace.uuid, tags: ['lead', 'newsletter'] }),
    ).toEqual({ customer_uuid: grace.uuid, tags: ['vip'] });
  });

  test('addCustomAttributes and addCustomAttributesByEmail store typed values', async () => {
    expect(
      await action('addCustomAttributes', {
        customer_uuid: grace.uuid,
        custom: [
          { type: 'Integer', key: 'seats', value: 12 },
          { type: 'Boolean', key: 'trial', value: false, source: 'integration' },
        ],
      }),
    ).toEqual({ customer_uuid: grace.uuid, custom: { channel: 'Referral', seats: 12, trial: false } });
    const out = await action('addCustomAttributesByEmail', {
      email: 'grace@example.com',
      custom: [{ type: 'Decimal', key: 'score', value: 4.5 }],
    });
    expect((out.entries as Bundle[])[0]).toMatchObject({
      uuid: grace.uuid,
      attributes: expect.objectContaining({
        custom: { channel: 'Referral', seats: 12, trial: false, score: 4.5 },
      }),
    });
  });

  test('updateCustomAttributes changes values; removeCustomAttributes drops keys', async () => {
    expect(
      await action('updateCustomAttributes', {
        customer_uuid: grace.uuid,
        custom: [
          { type: 'Integer', key: 'seats', value: 15 },
          { type: 'String', key: 'channel', value: 'Partner' },
        ],
      }),
    ).toEqual({
      customer_uuid: grace.uuid,
      custom: { channel: 'Partner', seats: 15, trial: false, score: 4.5 },
    });
    expect(
      await action('removeCustomAttributes', { customer_uuid: grace.uuid, custom: ['trial', 'score'] }),
    ).toEqual({ customer_uuid: grace.uuid, removed: ['trial', 'score'] });
    expect((await attributes()).custom).toEqual({ channel: 'Partner', seats: 15 });
  });

  test('by email, an address no customer has is ChartMogul’s 404', async () => {
    const err = await h
      .action('addTagsByEmail', { email: 'nobody@example.com', tags: ['x'] })
      .catch((e) => e);
    expect(err).toBeInstanceOf(RuntimeError);
    expect((err as Error).message).toMatch(/^\[404\] Can't find any customers/);
  });

  test('rpcCustomerTags and rpcCustomAttributeKeys offer the form customer’s tags and keys, which the remove modules take', async () => {
    const before = await h.requestCount();
    expect(await h.rpc('rpcCustomerTags', {})).toEqual([]);
    expect(await h.rpc('rpcCustomAttributeKeys', {})).toEqual([]);
    expect(await h.requestCount()).toBe(before); // no customer → no request

    await h.action('addCustomerTags', { customer_uuid: grace.uuid, tags: ['a', 'b'] });
    const tags = await h.rpc('rpcCustomerTags', { customer_uuid: grace.uuid });
    expect(tags).toEqual(['vip', 'a', 'b'].map((t) => ({ label: t, value: t })));
    expect(
      await action('removeCustomerTags', { customer_uuid: grace.uuid, tags: values(tags.slice(1)) }),
    ).toMatchObject({ tags: ['vip'] });

    const keys = await h.rpc('rpcCustomAttributeKeys', { customer_uuid: grace.uuid });
    expect(keys).toEqual(['channel', 'seats'].map((k) => ({ label: k, value: k })));
    await action('removeCustomAttributes', { customer_uuid: grace.uuid, custom: values(keys) });
    expect((await attributes()).custom).toEqual({});
  });
});

describe('subscriptions with MRR, connecting them, deleting invoices', () => {
  let alan: Bundle;

  beforeAll(async () => {
    alan = await world.customer('alan', { name: 'Alan' }, [
      { external_id: 'alan-old', amount_in_cents: 1000, start: '2025-01-01T00:00:00Z' },
      { external_id: 'alan-new', amount_in_cents: 3000, start: '2025-01-01T00:00:00Z' },
    ]);
  });

  test('listCustomerSubscriptions lists plan, status and MRR, with the customer', async () => {
    const subs = await search('listCustomerSubscriptions', { customer_uuid: alan.uuid, limit: 10 });
    expect(subs.map((s) => [s.external_id, s.mrr, s.arr, s.status, s.plan, s.customer_uuid]).sort()).toEqual([
      ['alan-new', 3000, 36000, 'active', 'Customers source Monthly', alan.uuid],
      ['alan-old', 1000, 12000, 'active', 'Customers source Monthly', alan.uuid],
    ]);
  });

  test('connectSubscriptions → listed as one; disconnectSubscriptions → two again (external IDs from rpcSubscriptionExternalIds)', async () => {
    const ids = values(await h.rpc('rpcSubscriptionExternalIds', { customer_uuid: alan.uuid })).sort();
    expect(ids).toEqual(['alan-new', 'alan-old']);
    expect(await h.rpc('rpcSubscriptionExternalIds', {})).toEqual([]);
    const subscriptions = ids.map((external_id) => ({ data_source_uuid: world.ds.uuid, external_id }));
    expect(await action('connectSubscriptions', { customer_uuid: alan.uuid, subscriptions })).toEqual({
      customer_uuid: alan.uuid,
      subscriptions,
    });
    expect(await search('listCustomerSubscriptions', { customer_uuid: alan.uuid, limit: 10 })).toHaveLength(
      1,
    );
    await action('disconnectSubscriptions', { customer_uuid: alan.uuid, subscriptions }); // both, as recorded
    expect(await search('listCustomerSubscriptions', { customer_uuid: alan.uuid, limit: 10 })).toHaveLength(
      2,
    );
  });

  test('deleteCustomerInvoices deletes the customer’s invoices in that data source', async () => {
    expect(await search('listInvoices', { customer_uuid: alan.uuid, limit: 10 })).toHaveLength(1);
    expect(
      await action('deleteCustomerInvoices', { data_source_uuid: world.ds.uuid, customer_uuid: alan.uuid }),
    ).toEqual({ data_source_uuid: world.ds.uuid, customer_uuid: alan.uuid });
    expect(await search('listInvoices', { customer_uuid: alan.uuid, limit: 10 })).toEqual([]);
  });
});

test('listPlanGroups lists every group (past one page); listPlanGroupPlans the plans of one', async () => {
  const second = await h.action('createPlan', {
    data_source_uuid: world.ds.uuid,
    name: 'Annual',
    interval_count: 1,
    interval_unit: 'year',
  });
  const group = await action('createPlanGroup', { name: 'Both', plans: [world.plan.uuid, second.uuid] });
  await action('createPlanGroup', { name: 'Monthly only', plans: [world.plan.uuid] });
  const groups = await search('listPlanGroups', { limit: 10 });
  expect(groups.map((g) => [g.name, g.plans_count]).sort()).toEqual([
    ['Both', 2],
    ['Monthly only', 1],
  ]);
  const before = await h.requestCount();
  expect(await search('listPlanGroups', { limit: 1 })).toHaveLength(1);
  expect(await h.requestCount()).toBe(before + 1);
  const plans = await search('listPlanGroupPlans', { plan_group_uuid: group.uuid, limit: 10 });
  expect(plans.map((p) => p.uuid).sort()).toEqual([world.plan.uuid, second.uuid].sort());
});
