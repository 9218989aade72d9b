// The seed's modules: the request each renders. See requests.ts for the shape of a case.
import type { RequestCase } from './requests';

export const SEED_REQUESTS: Record<string, RequestCase> = {
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
