/**
 * What never moves MRR, through the API as a client imports it (reference §a.5, §a.6, §b.3; §h5, §h15):
 * one-time items, refunds, discounts and transaction fees; and what does — an invoice left open (no
 * transaction) counts when issued, as the recorded Custom source's invoice handling says.
 */
import { ChartMogul, startWithSdk, type SdkSandbox } from '../support/sdk';

let sb: SdkSandbox;
let source: string;
let plan: string;

beforeAll(async () => {
  sb = await startWithSdk({ clock: '2024-06-15T12:00:00Z' });
  source = (await ChartMogul.DataSource.create(sb.config, { name: 'Non-recurring' })).uuid;
  plan = (
    await ChartMogul.Plan.create(sb.config, {
      data_source_uuid: source,
      name: 'Pro',
      interval_count: 1,
      interval_unit: 'month',
    })
  ).uuid;
});
afterAll(() => sb.sandbox.close());

async function customerWith(name: string, invoice: Record<string, unknown>) {
  const customer = await ChartMogul.Customer.create(sb.config, {
    data_source_uuid: source,
    external_id: name,
    name,
  });
  await ChartMogul.Invoice.create(sb.config, customer.uuid, {
    invoices: [{ external_id: `${name}-1`, date: '2024-01-01', currency: 'USD', ...invoice }],
  });
  const activities = await ChartMogul.Metrics.Customer.activities(sb.config, customer.uuid);
  return {
    fields: await ChartMogul.Customer.retrieve(sb.config, customer.uuid),
    activities: (activities.entries as { type: string; 'activity-mrr-movement': number }[]).map((a) => [
      a.type,
      a['activity-mrr-movement'],
    ]),
  };
}

const setupFee = {
  type: 'one_time',
  description: 'Setup',
  amount_in_cents: 50000,
  quantity: 1,
};
const paid = (amount?: number) => ({
  type: 'payment',
  date: '2024-01-01',
  result: 'successful',
  ...(amount === undefined ? {} : { amount_in_cents: amount }),
});

it('a customer billed only one-time items stays a lead: no MRR, no customer-since, no activity', async () => {
  const { fields, activities } = await customerWith('setup-only', {
    line_items: [setupFee],
    transactions: [paid()],
  });
  expect(fields).toMatchObject({ status: 'New Lead', mrr: 0, arr: 0, 'customer-since': null });
  expect(activities).toEqual([]);
});

it('one-time items, discounts, fees and a full refund leave the MRR at the subscription amount less tax', async () => {
  const { fields, activities } = await customerWith('mixed', {
    line_items: [
      {
        type: 'subscription',
        subscription_external_id: 'mixed-sub',
        plan_uuid: plan,
        service_period_start: '2024-01-01',
        service_period_end: '2024-02-01',
        amount_in_cents: 11000,
        tax_amount_in_cents: 1000,
        discount_amount_in_cents: 2500,
        discount_code: 'LAUNCH',
        transaction_fees_in_cents: 300,
        quantity: 3,
      },
      setupFee,
    ],
    transactions: [
      paid(61000),
      { type: 'refund', date: '2024-01-05', result: 'successful', amount_in_cents: 61000 },
    ],
  });
  expect(fields).toMatchObject({ status: 'Active', mrr: 10000, arr: 120000 });
  expect(activities).toEqual([['new_biz', 10000]]);
});

it('an invoice without any transaction counts when issued (invoice handling "open")', async () => {
  const { fields, activities } = await customerWith('unpaid', {
    line_items: [
      {
        type: 'subscription',
        subscription_external_id: 'unpaid-sub',
        plan_uuid: plan,
        service_period_start: '2024-01-01',
        service_period_end: '2024-02-01',
        amount_in_cents: 5000,
      },
    ],
  });
  expect(fields).toMatchObject({ status: 'Active', mrr: 5000 });
  expect(activities).toEqual([['new_biz', 5000]]);
});
