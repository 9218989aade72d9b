/** Opportunities through chartmogul-node's own methods. */
import { ChartMogul, failure, startWithSdk, type SdkSandbox } from '../support/sdk';
import { createCustomer } from '../support/billing';

let sb: SdkSandbox;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let customer: any, other: any;
beforeAll(async () => {
  sb = await startWithSdk({ clock: '2026-03-01T10:00:00Z' });
  const ds = (await ChartMogul.DataSource.create(sb.config, { name: 'Opportunities DS' })).uuid;
  customer = await createCustomer(sb, ds, 'o1');
  other = await createCustomer(sb, ds, 'o2');
});
afterAll(() => sb.sandbox.close());

const base = {
  owner: 'kamil@team.example',
  pipeline: 'New Business',
  pipeline_stage: 'Discovery',
  estimated_close_date: '2026-03-30',
  currency: 'USD',
  amount_in_cents: 100000,
};

it('creates, retrieves, patches, lists with filters and destroys opportunities', async () => {
  const opp = await ChartMogul.Opportunity.create(sb.config, {
    ...base,
    customer_uuid: customer.uuid,
    type: 'one-time',
    forecast_category: 'best_case',
    win_likelihood: 30,
    custom: [{ key: 'from_campaign', value: true }],
  });
  expect(opp).toEqual({
    uuid: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f-]{27}$/),
    customer_uuid: customer.uuid,
    ...base,
    type: 'one-time',
    forecast_category: 'best_case',
    win_likelihood: 30,
    custom: { from_campaign: true },
    created_at: '2026-03-01T10:00:00.000Z',
    updated_at: '2026-03-01T10:00:00.000Z',
  });
  const evaluation = await ChartMogul.Customer.createOpportunity(sb.config, customer.uuid, {
    ...base,
    pipeline_stage: 'Evaluation',
    estimated_close_date: '2026-05-15',
  });
  expect(evaluation).toMatchObject({
    type: 'recurring',
    forecast_category: 'pipeline',
    win_likelihood: null,
    custom: {},
  });
  const expansion = await ChartMogul.Opportunity.create(sb.config, {
    ...base,
    customer_uuid: other.uuid,
    owner: 'ana@team.example',
    pipeline: 'Expansion',
  });
  expect(await ChartMogul.Opportunity.retrieve(sb.config, opp.uuid)).toEqual(opp);

  const ids = (page: { entries: { uuid: string }[] }) => page.entries.map((o) => o.uuid);
  expect(ids(await ChartMogul.Opportunity.all(sb.config, {}))).toEqual([
    expansion.uuid,
    evaluation.uuid,
    opp.uuid,
  ]);
  expect(ids(await ChartMogul.Customer.opportunities(sb.config, customer.uuid, {}))).toEqual([
    evaluation.uuid,
    opp.uuid,
  ]);
  expect(ids(await ChartMogul.Opportunity.all(sb.config, { owner: 'ana@team.example' }))).toEqual([
    expansion.uuid,
  ]);
  expect(
    ids(
      await ChartMogul.Opportunity.all(sb.config, { pipeline: 'New Business', pipeline_stage: 'Evaluation' }),
    ),
  ).toEqual([evaluation.uuid]);
  expect(
    ids(await ChartMogul.Opportunity.all(sb.config, { estimated_close_date_on_or_after: '2026-04-01' })),
  ).toEqual([evaluation.uuid]);
  expect(
    ids(await ChartMogul.Opportunity.all(sb.config, { estimated_close_date_on_or_before: '2026-03-30' })),
  ).toEqual([expansion.uuid, opp.uuid]);

  const patched = await ChartMogul.Opportunity.patch(sb.config, opp.uuid, {
    estimated_close_date: '2026-04-30',
    forecast_category: 'committed',
    custom: [{ key: 'seats', value: 12 }],
  });
  expect(patched).toMatchObject({
    estimated_close_date: '2026-04-30',
    forecast_category: 'committed',
    custom: { from_campaign: true, seats: 12 },
  });

  expect(await ChartMogul.Opportunity.destroy(sb.config, opp.uuid)).toEqual({});
  expect(await failure(ChartMogul.Opportunity.retrieve(sb.config, opp.uuid))).toEqual({
    status: 404,
    body: { error: 'Opportunity not found' },
  });
});

it('refuses bad input in ChartMogul dialects', async () => {
  const { currency: _, ...noCurrency } = base;
  expect(
    await failure(ChartMogul.Opportunity.create(sb.config, { ...noCurrency, customer_uuid: customer.uuid })),
  ).toEqual({
    status: 400,
    body: { code: 400, message: 'Parameter "currency" is missing', param: 'currency' },
  });
  expect(
    await failure(ChartMogul.Opportunity.create(sb.config, { ...base, customer_uuid: 'cus_gone' })),
  ).toEqual({
    status: 404,
    body: { error: 'Customer not found' },
  });
  for (const [field, value] of [
    ['amount_in_cents', 'lots'],
    ['currency', 'XXY'],
    ['win_likelihood', 101],
    ['forecast_category', 'maybe'],
    ['estimated_close_date', 'next spring'],
    ['custom', { from_campaign: true }],
  ] as const) {
    const res = await failure(
      ChartMogul.Opportunity.create(sb.config, { ...base, customer_uuid: customer.uuid, [field]: value }),
    );
    expect([field, res.status, (res.body as { param: string }).param]).toEqual([field, 422, field]);
  }
});
