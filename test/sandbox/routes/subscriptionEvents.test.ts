/** Subscription events through chartmogul-node's own methods: create, list, update, disable, delete. */
import { ChartMogul, failure, raw, startWithSdk, type SdkSandbox } from '../support/sdk';
import { createCustomer } from '../support/billing';

let sb: SdkSandbox;
let ds: string;
beforeAll(async () => {
  sb = await startWithSdk({ clock: '2026-03-01T10:00:00Z' });
  ds = (await ChartMogul.DataSource.create(sb.config, { name: 'Events DS' })).uuid;
  await createCustomer(sb, ds, 'ev-cus-1');
  await createCustomer(sb, ds, 'ev-cus-2');
  await ChartMogul.Plan.create(sb.config, {
    data_source_uuid: ds,
    name: 'Gold',
    interval_count: 1,
    interval_unit: 'month',
    external_id: 'gold_monthly',
  });
});
afterAll(() => sb.sandbox.close());

const start = {
  event_type: 'subscription_start',
  event_date: '2026-02-01',
  effective_date: '2026-02-01T00:00:00Z',
  subscription_external_id: 'sub-1',
  customer_external_id: 'ev-cus-1',
  plan_external_id: 'gold_monthly',
  currency: 'EUR',
  amount_in_cents: 1000,
  quantity: 1,
};

it('creates (wrapped or not), lists with filters, updates by id and by external id, disables and deletes', async () => {
  const created = await ChartMogul.SubscriptionEvent.create(sb.config, {
    subscription_event: { ...start, data_source_uuid: ds, external_id: 'ev-1' },
  });
  expect(created).toEqual({
    id: expect.any(Number),
    data_source_uuid: ds,
    customer_external_id: 'ev-cus-1',
    subscription_set_external_id: null,
    subscription_external_id: 'sub-1',
    plan_external_id: 'gold_monthly',
    event_date: '2026-02-01T00:00:00Z',
    effective_date: '2026-02-01T00:00:00Z',
    event_type: 'subscription_start',
    external_id: 'ev-1',
    errors: {},
    created_at: '2026-03-01T10:00:00Z',
    updated_at: '2026-03-01T10:00:00Z',
    quantity: 1,
    currency: 'EUR',
    amount_in_cents: 1000,
    tax_amount_in_cents: null,
    retracted_event_id: null,
    disabled: false,
  });
  // The SDK wraps an unwrapped object itself; blanks are echoed as sent, as recorded.
  const cancelled = await ChartMogul.SubscriptionEvent.create(sb.config, {
    data_source_uuid: ds,
    customer_external_id: 'ev-cus-2',
    subscription_external_id: 'sub-2',
    event_type: 'subscription_cancelled',
    event_date: '2026-02-15T09:48:34Z',
    effective_date: '2026-02-20',
    plan_external_id: '',
    quantity: '',
    currency: '',
    amount_in_cents: '',
    external_id: 'ev-2',
  });
  expect(cancelled).toMatchObject({ plan_external_id: '', quantity: '', currency: '', amount_in_cents: '' });
  expect(cancelled.id).toBeGreaterThan(created.id);

  const ids = (body: { subscription_events: { id: number }[] }) => body.subscription_events.map((e) => e.id);
  const all = await ChartMogul.SubscriptionEvent.all(sb.config, { data_source_uuid: ds });
  expect(all).toEqual({
    subscription_events: [cancelled, created],
    meta: { next_key: null, prev_key: null, before_key: '2026-03-01T10:00:00.000Z', page: 1, total_pages: 1 },
    cursor: expect.any(String),
    has_more: false,
  });
  for (const [filter, expected] of [
    [{ customer_external_id: 'ev-cus-1' }, [created.id]],
    [{ subscription_external_id: 'sub-2' }, [cancelled.id]],
    [{ event_type: 'subscription_start' }, [created.id]],
    [{ plan_external_id: 'gold_monthly' }, [created.id]],
    [{ external_id: 'ev-2' }, [cancelled.id]],
    [{ event_date: '2026-02-15' }, [cancelled.id]],
    [{ effective_date: '2026-02-01T00:00:00Z' }, [created.id]],
    [{ data_source_uuid: 'ds_unknown' }, []],
  ] as const) {
    expect([filter, ids(await ChartMogul.SubscriptionEvent.all(sb.config, filter))]).toEqual([
      filter,
      expected,
    ]);
  }
  const customers = await ChartMogul.Customer.all(sb.config, { external_id: 'ev-cus-2' });
  expect(
    ids(await ChartMogul.SubscriptionEvent.all(sb.config, { customer_uuid: customers.entries[0].uuid })),
  ).toEqual([cancelled.id]);
  const first = await ChartMogul.SubscriptionEvent.all(sb.config, { per_page: 1 });
  expect(first.meta).toMatchObject({ next_key: cancelled.id, page: 1, total_pages: 2 });
  expect(first.has_more).toBe(true);
  const second = await ChartMogul.SubscriptionEvent.all(sb.config, { per_page: 1, cursor: first.cursor });
  expect(second).toEqual({ subscription_events: [created], cursor: expect.any(String), has_more: false });

  const renamed = await ChartMogul.SubscriptionEvent.updateWithParams(sb.config, {
    subscription_event: { id: created.id, external_id: 'ev-1b', amount_in_cents: 1500 },
  });
  expect(renamed).toMatchObject({
    id: created.id,
    external_id: 'ev-1b',
    amount_in_cents: 1500,
    plan_external_id: 'gold_monthly',
  });
  const byExternal = await ChartMogul.SubscriptionEvent.updateWithParams(sb.config, {
    subscription_event: { external_id: 'ev-2', data_source_uuid: ds, effective_date: '2026-02-28' },
  });
  expect(byExternal).toMatchObject({
    id: cancelled.id,
    external_id: 'ev-2',
    effective_date: '2026-02-28T00:00:00Z',
  });

  expect(await ChartMogul.SubscriptionEvent.disable(sb.config, created.id)).toMatchObject({ disabled: true });
  expect(await ChartMogul.SubscriptionEvent.enable(sb.config, created.id)).toMatchObject({ disabled: false });

  await ChartMogul.SubscriptionEvent.deleteWithParams(sb.config, { subscription_event: { id: created.id } });
  // The Ruby SDK's form: the reference in the query string.
  const byQuery = await raw(
    sb.sandbox,
    'DELETE',
    `/v1/subscription_events?subscription_event%5Bid%5D=${cancelled.id}`,
  );
  expect(byQuery.status).toBe(204);
  expect((await ChartMogul.SubscriptionEvent.all(sb.config, {})).subscription_events).toEqual([]);
  expect((await ChartMogul.SubscriptionEvent.all(sb.config, {})).meta).toMatchObject({
    page: 0,
    total_pages: 0,
  });
  expect(await failure(ChartMogul.SubscriptionEvent.deleteWithParams(sb.config, { id: created.id }))).toEqual(
    {
      status: 404,
      body: { error: 'Subscription event not found' },
    },
  );
});

it('refuses bad input with every field named (422 dialect B), and never reuses an id', async () => {
  const bad = await failure(
    ChartMogul.SubscriptionEvent.create(sb.config, {
      data_source_uuid: ds,
      customer_external_id: 'nobody',
      event_type: 'subscription_exploded',
      event_date: 'yesterday',
      amount_in_cents: 'ten',
    }),
  );
  expect(bad).toEqual({
    status: 422,
    body: {
      errors: {
        customer_external_id: 'Customer not found',
        event_type: expect.stringContaining('must be one of'),
        event_date: 'is not a valid timestamp',
        effective_date: "can't be blank",
        subscription_external_id: "can't be blank",
        amount_in_cents: 'is not a number',
      },
    },
  });
  const { plan_external_id: _, ...noPlan } = start;
  expect(
    await failure(ChartMogul.SubscriptionEvent.create(sb.config, { ...noPlan, data_source_uuid: ds })),
  ).toEqual({
    status: 422,
    body: { errors: { plan_external_id: "can't be blank" } },
  });
  expect(
    (
      await failure(
        ChartMogul.SubscriptionEvent.create(sb.config, {
          ...start,
          data_source_uuid: ds,
          plan_external_id: 'nope',
        }),
      )
    ).body,
  ).toEqual({ errors: { plan_external_id: 'Plan not found' } });
  const once = await ChartMogul.SubscriptionEvent.create(sb.config, {
    ...start,
    data_source_uuid: ds,
    external_id: 'dup',
  });
  expect(
    await failure(
      ChartMogul.SubscriptionEvent.create(sb.config, { ...start, data_source_uuid: ds, external_id: 'dup' }),
    ),
  ).toEqual({ status: 422, body: { errors: { external_id: 'has already been taken' } } });
  expect((await raw(sb.sandbox, 'POST', '/v1/subscription_events', JSON.stringify(start))).body).toEqual({
    code: 400,
    message: 'Parameter "subscription_event" is missing',
    param: 'subscription_event',
  });
  await ChartMogul.SubscriptionEvent.deleteWithParams(sb.config, { id: once.id });
  const next = await ChartMogul.SubscriptionEvent.create(sb.config, { ...start, data_source_uuid: ds });
  expect(next.id).toBeGreaterThan(once.id);
});
