// Dry runs of every module: the exact request (method, URL on the Base origin, body) is rendered,
// nothing is sent, and the API key never appears in the rendered output.
import { loadApp, runModule } from '../../runtime';
import type { App } from '../../runtime';
import { APP_DIR, moduleIds } from './helpers/definitions';

const KEY = 'dry-run-secret-5150';
const API = 'https://api.chartmogul.com';

// module → [minimal valid parameters, method, URL, body]; null is Make's erase (an array becomes [])
const REQUESTS: Record<string, [Record<string, unknown>, string, string, unknown?]> = {
  listCustomers: [{ status: 'Past_Due' }, 'GET', '/v1/customers?status=Past_Due&per_page=10'],
  getCustomer: [{ customer_uuid: 'cus_1' }, 'GET', '/v1/customers/cus_1'],
  createCustomer: [
    { data_source_uuid: 'ds_1', external_id: 'e1', tags: ['a'] },
    'POST',
    '/v1/customers',
    { data_source_uuid: 'ds_1', external_id: 'e1', attributes: { tags: ['a'] } },
  ],
  updateCustomer: [
    { customer_uuid: 'cus_1', data_source_uuid: 'ds_1', city: 'Oslo' },
    'PATCH',
    '/v1/customers/cus_1',
    { city: 'Oslo' },
  ],
  deleteCustomer: [{ customer_uuid: 'cus_1' }, 'DELETE', '/v1/customers/cus_1'],
  listPlans: [
    { limit: 500, data_source_uuid: 'ds_1' },
    'GET',
    '/v1/plans?data_source_uuid=ds_1&per_page=200',
  ],
  getPlan: [{ plan_uuid: 'pl_1' }, 'GET', '/v1/plans/pl_1'],
  createPlan: [
    { data_source_uuid: 'ds_1', name: 'P', interval_count: 6, interval_unit: 'month' },
    'POST',
    '/v1/plans',
    { data_source_uuid: 'ds_1', name: 'P', interval_count: 6, interval_unit: 'month' },
  ],
  updatePlan: [
    { plan_uuid: 'pl_1', data_source_uuid: 'ds_1', name: 'Q' },
    'PATCH',
    '/v1/plans/pl_1',
    { name: 'Q' },
  ],
  deletePlan: [{ plan_uuid: 'pl_1' }, 'DELETE', '/v1/plans/pl_1'],
  getPlanGroup: [{ plan_group_uuid: 'plg_1' }, 'GET', '/v1/plan_groups/plg_1'],
  createPlanGroup: [
    { name: 'G', data_source_uuid: 'ds_1', plans: ['pl_1'] }, // the data source only narrows the Plans list
    'POST',
    '/v1/plan_groups',
    { name: 'G', plans: ['pl_1'] },
  ],
  updatePlanGroup: [
    { plan_group_uuid: 'plg_1', plans: ['pl_2'] },
    'PATCH',
    '/v1/plan_groups/plg_1',
    { plans: ['pl_2'] },
  ],
  deletePlanGroup: [{ plan_group_uuid: 'plg_1' }, 'DELETE', '/v1/plan_groups/plg_1'],
  listDataSources: [{ system: 'Stripe' }, 'GET', '/v1/data_sources?system=Stripe&per_page=10'],
  getDataSource: [{ data_source_uuid: 'ds_1' }, 'GET', '/v1/data_sources/ds_1'],
  createDataSource: [{ name: 'S' }, 'POST', '/v1/data_sources', { name: 'S' }],
  deleteDataSource: [{ data_source_uuid: 'ds_1' }, 'DELETE', '/v1/data_sources/ds_1'],
  listInvoices: [{ customer_uuid: 'cus_1' }, 'GET', '/v1/invoices?customer_uuid=cus_1&per_page=10'],
  getInvoice: [{ customer_uuid: 'cus_1', invoice_uuid: 'inv_1' }, 'GET', '/v1/invoices/inv_1'],
  deleteInvoice: [{ invoice_uuid: 'inv_1' }, 'DELETE', '/v1/invoices/inv_1'],
  importInvoice: [
    {
      customer_uuid: 'cus_1',
      external_id: 'I',
      date: '2025-01-01',
      currency: 'usd',
      line_items: [{ type: 'one_time', amount_in_cents: 5 }],
    },
    'POST',
    '/v1/import/customers/cus_1/invoices',
    {
      invoices: [
        {
          external_id: 'I',
          date: '2025-01-01T00:00:00.000Z',
          currency: 'USD',
          line_items: [{ type: 'one_time', amount_in_cents: 5 }],
        },
      ],
    },
  ],
  importInvoiceTransaction: [
    {
      customer_uuid: 'cus_1',
      invoice_uuid: 'inv_1',
      type: 'payment',
      date: '2025-01-02',
      result: 'successful',
    },
    'POST',
    '/v1/import/invoices/inv_1/transactions',
    { type: 'payment', date: '2025-01-02T00:00:00.000Z', result: 'successful' },
  ],
  listSubscriptions: [
    { customer_uuid: 'cus_1', limit: 3 },
    'GET',
    '/v1/import/customers/cus_1/subscriptions?per_page=3',
  ],
  cancelSubscription: [
    { customer_uuid: 'cus_1', subscription_uuid: 'sub_1', cancellation_dates: null },
    'PATCH',
    '/v1/import/subscriptions/sub_1',
    { cancellation_dates: [] },
  ],
  makeApiCall: [
    { url: '/v1/metrics/mrr', qs: [{ key: 'start-date', value: '2025-01-01' }] },
    'GET',
    '/v1/metrics/mrr?start-date=2025-01-01',
  ],
};

let app: App;
beforeAll(async () => {
  app = await loadApp(APP_DIR);
});

test('every module has a dry-run case', () => {
  expect(Object.keys(REQUESTS).sort()).toEqual(moduleIds().sort());
});

test.each(Object.entries(REQUESTS))('%s renders its request', async (id, [parameters, method, url, body]) => {
  const result = await runModule(app, id, { parameters, connection: { apiKey: KEY }, dryRun: true });
  expect(result.requests).toHaveLength(1);
  const [request] = result.requests;
  expect(request).toMatchObject({ method, url: API + url });
  expect(request.body).toEqual(body);
  expect(request.headers).toMatchObject({ Authorization: expect.not.stringContaining('Basic') });
  expect(JSON.stringify(result)).not.toContain(KEY);
  expect(JSON.stringify(result)).not.toContain(Buffer.from(`${KEY}:`).toString('base64'));
});

test('Make an API Call sends its body as application/json, whatever Content-Type header the user adds', async () => {
  const contentType = async (headers?: { key: string; value: string }[]) => {
    const parameters = { url: '/v1/data_sources', method: 'POST', body: '{"name":"x"}', headers };
    const result = await runModule(app, 'makeApiCall', {
      parameters,
      connection: { apiKey: KEY },
      dryRun: true,
    });
    const [request] = result.requests;
    expect(request.body).toBe('{"name":"x"}');
    return Object.entries(request.headers).filter(([name]) => name.toLowerCase() === 'content-type');
  };
  expect(await contentType()).toEqual([['Content-Type', 'application/json']]);
  for (const name of ['content-type', 'Content-Type'])
    expect(await contentType([{ key: name, value: 'text/plain' }])).toEqual([
      ['Content-Type', 'application/json'],
    ]);
});

test('Cancel a Subscription sends one operation: Cancellation Dates when given, else Canceled At', async () => {
  const body = async (parameters: Record<string, unknown>) =>
    (
      await runModule(app, 'cancelSubscription', {
        parameters: { subscription_uuid: 'sub_1', ...parameters },
        connection: { apiKey: KEY },
        dryRun: true,
      })
    ).requests[0].body;
  const at = '2024-01-15T12:00:00.000Z';
  expect(await body({ cancelled_at: at })).toEqual({ cancelled_at: at });
  expect(await body({ cancelled_at: at, cancellation_dates: [at] })).toEqual({ cancellation_dates: [at] });
  expect(await body({ cancelled_at: at, cancellation_dates: null })).toEqual({ cancellation_dates: [] });
});

test('custom attributes carry a value of their type (Integer, Decimal, Boolean, Timestamp), on create and update', async () => {
  const custom = [
    { type: 'String', key: 'channel', value: 'web' },
    { type: 'Integer', key: 'seats', value: '18' },
    { type: 'Decimal', key: 'score', value: '1.5' },
    { type: 'Boolean', key: 'vip', value: 'false' },
    { type: 'Timestamp', key: 'renewal', value: '2025-03-01' },
  ];
  const body = async (id: string, parameters: Record<string, unknown>) =>
    (await runModule(app, id, { parameters, connection: { apiKey: KEY }, dryRun: true })).requests[0]
      .body as { attributes: { custom: unknown } };
  const created = await body('createCustomer', { data_source_uuid: 'ds_1', external_id: 'e1', custom });
  expect(created.attributes.custom).toEqual([
    { type: 'String', key: 'channel', value: 'web' },
    { type: 'Integer', key: 'seats', value: 18 },
    { type: 'Decimal', key: 'score', value: 1.5 },
    { type: 'Boolean', key: 'vip', value: false },
    { type: 'Timestamp', key: 'renewal', value: '2025-03-01T00:00:00.000Z' },
  ]);
  const updated = await body('updateCustomer', { customer_uuid: 'cus_1', custom });
  expect(updated.attributes.custom).toEqual({
    channel: 'web',
    seats: 18,
    score: 1.5,
    vip: false,
    renewal: '2025-03-01T00:00:00.000Z',
  });
});
