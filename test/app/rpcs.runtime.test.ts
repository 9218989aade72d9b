// The RPCs behind the dynamic selects: their options are the sandbox's objects, dependent RPCs read
// the form's values, they follow the cursor, and the fields that use them accept their values.
import { AppHarness, Bundle, startAppHarness } from './helpers/harness';

let h: AppHarness;
let dsA: Bundle;
let dsB: Bundle;
let cusA: Bundle;
let cusB: Bundle;
let planA: Bundle;
let planB: Bundle;
let group: Bundle;
let invoice: Bundle;

const values = (options: { value: unknown }[]) => options.map((o) => o.value).sort();
const uuids = (list: unknown) => (list as { uuid: string }[]).map((x) => x.uuid).sort();

beforeAll(async () => {
  h = await startAppHarness();
  dsA = await h.action('createDataSource', { name: 'Source A' });
  dsB = await h.action('createDataSource', { name: 'Source B' });
  cusA = await h.action('createCustomer', { data_source_uuid: dsA.uuid, external_id: 'a1', name: 'Alice' });
  cusB = await h.action('createCustomer', {
    data_source_uuid: dsB.uuid,
    external_id: 'b1',
    email: 'bob@example.com',
  });
  planA = await h.action('createPlan', {
    data_source_uuid: dsA.uuid,
    name: 'Basic',
    interval_count: 1,
    interval_unit: 'month',
  });
  planB = await h.action('createPlan', {
    data_source_uuid: dsB.uuid,
    name: 'Team',
    interval_count: 1,
    interval_unit: 'year',
  });
  group = await h.action('createPlanGroup', { name: 'All plans', plans: [planA.uuid, planB.uuid] });
  invoice = await h.action('importInvoice', {
    customer_uuid: cusA.uuid,
    external_id: 'INV-A',
    date: '2025-01-01T00:00:00Z',
    currency: 'EUR',
    line_items: [
      {
        type: 'subscription',
        subscription_external_id: 'sub-a',
        plan_uuid: planA.uuid,
        service_period_start: '2025-01-01T00:00:00Z',
        service_period_end: '2025-02-01T00:00:00Z',
        amount_in_cents: 900,
      },
    ],
  });
});
afterAll(() => h?.close());

test('rpcDataSources lists the sandbox data sources by name; getDataSource accepts the values', async () => {
  const options = await h.rpc('rpcDataSources');
  expect(values(options)).toEqual(uuids((await h.api('/v1/data_sources')).data_sources));
  expect(options).toEqual(expect.arrayContaining([{ label: 'Source A', value: dsA.uuid }]));
  for (const o of options)
    expect(await h.action('getDataSource', { data_source_uuid: o.value })).toMatchObject({ uuid: o.value });
});

test('rpcCustomers lists every customer, or those of the form’s data source; getCustomer accepts them', async () => {
  const all = await h.rpc('rpcCustomers');
  expect(values(all)).toEqual(uuids((await h.api('/v1/customers')).entries));
  expect(all).toEqual(
    expect.arrayContaining([
      { label: 'Alice', value: cusA.uuid },
      { label: 'bob@example.com', value: cusB.uuid }, // no name: the email stands in
    ]),
  );
  const inA = await h.rpc('rpcCustomers', {
    data_source_uuid: dsA.uuid,
    name: 'other form values are ignored',
  });
  expect(values(inA)).toEqual([cusA.uuid]);
  expect(await h.action('getCustomer', { customer_uuid: inA[0].value })).toMatchObject({ name: 'Alice' });
});

test('rpcPlans lists plans, filtered by data source; Plan Group plans (multiple) accept them', async () => {
  expect(values(await h.rpc('rpcPlans'))).toEqual(uuids((await h.api('/v1/plans')).plans));
  const inB = await h.rpc('rpcPlans', { data_source_uuid: dsB.uuid });
  expect(inB).toEqual([{ label: 'Team', value: planB.uuid }]);
  const updated = await h.action('updatePlanGroup', {
    plan_group_uuid: group.uuid,
    plans: values(await h.rpc('rpcPlans')),
  });
  expect(updated).toMatchObject({ plans_count: 2 });
});

test('rpcPlanGroups lists plan groups; getPlanGroup accepts them', async () => {
  const options = await h.rpc('rpcPlanGroups');
  expect(options).toEqual([{ label: 'All plans', value: group.uuid }]);
  expect(await h.action('getPlanGroup', { plan_group_uuid: options[0].value })).toMatchObject({
    name: 'All plans',
  });
});

test('rpcInvoices lists the form customer’s invoices; importInvoiceTransaction accepts them', async () => {
  const options = await h.rpc('rpcInvoices', { customer_uuid: cusA.uuid });
  expect(options).toEqual([{ label: 'INV-A (EUR, 2025-01-01)', value: invoice.uuid }]);
  expect(await h.rpc('rpcInvoices', { customer_uuid: cusB.uuid })).toEqual([]);
  const tr = await h.action('importInvoiceTransaction', {
    invoice_uuid: options[0].value,
    type: 'payment',
    date: '2025-01-03T00:00:00Z',
    result: 'successful',
  });
  expect(tr).toMatchObject({ type: 'payment' });
});

test('rpcSubscriptions is empty without a customer and lists the customer’s subscriptions; Cancel accepts them', async () => {
  const before = await h.requestCount();
  expect(await h.rpc('rpcSubscriptions', {})).toEqual([]);
  expect(await h.requestCount()).toBe(before); // no customer → no request
  const options = await h.rpc('rpcSubscriptions', { customer_uuid: cusA.uuid });
  const listed = (await h.api(`/v1/import/customers/${cusA.uuid}/subscriptions`)).subscriptions;
  expect(values(options)).toEqual(uuids(listed));
  // Named by external id, plan and state (issue 21: the external id alone told them apart poorly).
  expect(options[0].label).toBe('sub-a (Basic)');
  const cancelled = await h.action('cancelSubscription', {
    customer_uuid: cusA.uuid,
    subscription_uuid: options[0].value,
    cancelled_at: '2025-01-20T00:00:00Z',
  });
  expect(cancelled).toMatchObject({
    uuid: options[0].value,
    cancellation_dates: ['2025-01-20T00:00:00.000Z'],
  });
  expect((await h.rpc('rpcSubscriptions', { customer_uuid: cusA.uuid }))[0].label).toBe(
    'sub-a (Basic, cancelled)',
  );
});

test('an RPC follows the cursor past one page of 200', async () => {
  await h.seed(
    '/v1/customers',
    Array.from({ length: 205 }, (_, n) => ({
      data_source_uuid: dsB.uuid,
      external_id: `bulk-${n}`,
      name: `Bulk ${n}`,
    })),
  );
  const before = await h.requestCount();
  const options = await h.rpc('rpcCustomers', { data_source_uuid: dsB.uuid });
  expect(options).toHaveLength(206);
  expect(new Set(values(options)).size).toBe(206);
  expect(await h.requestCount()).toBe(before + 2);
});
