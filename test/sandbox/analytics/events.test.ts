/**
 * Subscription events through the SDK drive the derivation: start, update and cancellation at their
 * effective dates, retractions, disabling, deletion, and a currency without a rate refused with nothing stored.
 */
import { ChartMogul, failure, startWithSdk, type SdkSandbox } from '../support/sdk';

let sb: SdkSandbox;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let ds: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let customer: any;

beforeAll(async () => {
  sb = await startWithSdk({ clock: '2024-12-31T00:00:00Z' });
  ds = await ChartMogul.DataSource.create(sb.config, { name: 'Events' });
  for (const [name, unit] of [
    ['Gold', 'month'],
    ['Platinum', 'year'],
  ])
    await ChartMogul.Plan.create(sb.config, {
      data_source_uuid: ds.uuid,
      name,
      interval_count: 1,
      interval_unit: unit,
      external_id: name.toLowerCase(),
    });
  customer = await ChartMogul.Customer.create(sb.config, {
    data_source_uuid: ds.uuid,
    external_id: 'ev',
    name: 'Ev',
  });
});
afterAll(() => sb.sandbox.close());

const event = (type: string, effective: string, extra: Record<string, unknown> = {}) =>
  ChartMogul.SubscriptionEvent.create(sb.config, {
    data_source_uuid: ds.uuid,
    customer_external_id: 'ev',
    subscription_external_id: 'ev-sub',
    event_type: type,
    event_date: effective,
    effective_date: effective,
    ...extra,
  });

const priced = (plan: string, amount: number, currency = 'USD') => ({
  plan_external_id: plan,
  amount_in_cents: amount,
  currency,
  quantity: 1,
});

const activities = async () =>
  (await ChartMogul.Metrics.Customer.activities(sb.config, customer.uuid)).entries
    .map((a: { date: string; type: string; 'activity-mrr-movement': number }) => [
      a.date.slice(0, 10),
      a.type,
      a['activity-mrr-movement'],
    ])
    .reverse();

it('start, scheduled update and cancellation, each at its effective date; retraction and disabling undo', async () => {
  await event('subscription_start', '2024-01-01T00:00:00Z', priced('gold', 5000));
  await event('subscription_update_scheduled', '2024-03-01T00:00:00Z', priced('platinum', 120000));
  const cancel = await event('subscription_cancellation_scheduled', '2024-06-01T00:00:00Z');
  expect(await activities()).toEqual([
    ['2024-01-01', 'new_biz', 5000],
    ['2024-03-01', 'expansion', 5000],
    ['2024-06-01', 'churn', -10000],
  ]);
  const [sub] = (await ChartMogul.Metrics.Customer.subscriptions(sb.config, customer.uuid)).entries;
  expect(sub).toMatchObject({ external_id: 'ev-sub', status: 'inactive', mrr: 10000, plan: 'Platinum' });

  await event('scheduled_subscription_cancellation_retracted', '2024-05-01T00:00:00Z');
  expect(await activities()).toEqual([
    ['2024-01-01', 'new_biz', 5000],
    ['2024-03-01', 'expansion', 5000],
  ]);
  expect(await ChartMogul.Customer.retrieve(sb.config, customer.uuid)).toMatchObject({
    status: 'Active',
    mrr: 10000,
  });

  const update = await event('subscription_updated', '2024-09-01T00:00:00Z', priced('gold', 2000));
  expect((await ChartMogul.Customer.retrieve(sb.config, customer.uuid)).mrr).toBe(2000);
  await ChartMogul.SubscriptionEvent.disable(sb.config, update.id);
  expect((await ChartMogul.Customer.retrieve(sb.config, customer.uuid)).mrr).toBe(10000);
  await ChartMogul.SubscriptionEvent.enable(sb.config, update.id);
  expect((await ChartMogul.Customer.retrieve(sb.config, customer.uuid)).mrr).toBe(2000);
  await ChartMogul.SubscriptionEvent.deleteWithParams(sb.config, { id: update.id });
  expect((await ChartMogul.Customer.retrieve(sb.config, customer.uuid)).mrr).toBe(10000);
  expect(cancel.id).toEqual(expect.any(Number));
});

it('an event in a currency without an exchange rate is refused with 422 and nothing is stored', async () => {
  const before = (await ChartMogul.Metrics.Customer.activities(sb.config, customer.uuid)).entries.length;
  const refused = await failure(
    event('subscription_updated', '2024-10-01T00:00:00Z', priced('gold', 999, 'THB')),
  );
  expect(refused).toMatchObject({ status: 422, body: { code: 422, param: 'currency' } });
  const listed = await ChartMogul.SubscriptionEvent.all(sb.config, { customer_external_id: 'ev' });
  expect(listed.subscription_events.some((e: { currency: string }) => e.currency === 'THB')).toBe(false);
  expect((await ChartMogul.Metrics.Customer.activities(sb.config, customer.uuid)).entries).toHaveLength(
    before,
  );
});

it('a scheduled start later today is in today’s entry (the end of the day) but not in the summary (now)', async () => {
  await ChartMogul.Customer.create(sb.config, {
    data_source_uuid: ds.uuid,
    external_id: 'later',
    name: 'Later',
  });
  await ChartMogul.SubscriptionEvent.create(sb.config, {
    data_source_uuid: ds.uuid,
    customer_external_id: 'later',
    subscription_external_id: 'later-sub',
    event_type: 'subscription_start_scheduled',
    event_date: '2024-12-30T00:00:00Z',
    effective_date: '2024-12-31T18:00:00Z',
    ...priced('gold', 3000),
  });
  const customers = (await ChartMogul.Customer.all(sb.config)).entries as { mrr: number }[];
  const now = customers.reduce((sum, c) => sum + c.mrr, 0);
  const day = { 'start-date': '2024-12-30', 'end-date': '2024-12-31', interval: 'day' };
  const mrr = await ChartMogul.Metrics.mrr(sb.config, day);
  expect(mrr.entries.map((e: { mrr: number }) => e.mrr)).toEqual([now, now + 3000]);
  expect(mrr.entries[1]['mrr-new-business']).toBe(3000);
  expect(mrr.summary.current).toBe(now);
  const all = await ChartMogul.Metrics.all(sb.config, day);
  expect(all.summary).toMatchObject({ 'current-mrr': now, 'current-arr': 12 * now });
});
