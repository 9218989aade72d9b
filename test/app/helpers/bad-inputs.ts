// Bad input for every module: a missing required field, a wrong type, an unknown option, a bad url.
// Shared by the parameter-level test and the runtime test (which also checks nothing is sent).
import { CUSTOMER_BAD_INPUTS } from './bad-inputs-customers';
import { MORE_BAD_INPUTS } from './bad-inputs-more';

// module → [what is wrong, parameters, the field the error must name]
const SEED_BAD_INPUTS: [string, string, Record<string, unknown>, string][] = [
  ['listCustomers', 'limit not a number', { limit: 'many' }, 'limit'],
  ['listCustomers', 'unknown status', { status: 'Dormant' }, 'status'],
  ['getCustomer', 'no customer', {}, 'customer_uuid'],
  ['createCustomer', 'no external ID', { data_source_uuid: 'ds_x', name: 'A' }, 'external_id'],
  [
    'createCustomer',
    'malformed date',
    { data_source_uuid: 'ds_x', external_id: 'e', lead_created_at: 'someday' },
    'lead_created_at',
  ],
  [
    'createCustomer',
    'custom attribute without key',
    { data_source_uuid: 'ds_x', external_id: 'e', custom: [{ type: 'String', value: 'v' }] },
    'key',
  ],
  ['updateCustomer', 'no customer', { name: 'A' }, 'customer_uuid'],
  [
    'updateCustomer',
    'lead date not a date',
    { customer_uuid: 'cus_x', lead_created_at: 'soon' },
    'lead_created_at',
  ],
  ['deleteCustomer', 'no customer', {}, 'customer_uuid'],
  ['listPlans', 'limit below 1', { limit: 0 }, 'limit'],
  ['getPlan', 'no plan', {}, 'plan_uuid'],
  [
    'createPlan',
    'no interval unit',
    { data_source_uuid: 'ds_x', name: 'P', interval_count: 1 },
    'interval_unit',
  ],
  [
    'createPlan',
    'interval count not a number',
    { data_source_uuid: 'ds_x', name: 'P', interval_count: 'three', interval_unit: 'month' },
    'interval_count',
  ],
  ['updatePlan', 'no plan', { name: 'P' }, 'plan_uuid'],
  ['updatePlan', 'unknown interval unit', { plan_uuid: 'pl_x', interval_unit: 'week' }, 'interval_unit'],
  ['deletePlan', 'no plan', {}, 'plan_uuid'],
  ['getPlanGroup', 'no plan group', {}, 'plan_group_uuid'],
  ['createPlanGroup', 'no plans', { name: 'G' }, 'plans'],
  ['updatePlanGroup', 'no plan group', { name: 'G' }, 'plan_group_uuid'],
  ['deletePlanGroup', 'no plan group', {}, 'plan_group_uuid'],
  ['listDataSources', 'limit not a number', { limit: 'x' }, 'limit'],
  ['getDataSource', 'no data source', {}, 'data_source_uuid'],
  ['createDataSource', 'no name', {}, 'name'],
  ['createDataSource', 'name erased', { name: null }, 'name'],
  ['deleteDataSource', 'no data source', {}, 'data_source_uuid'],
  ['listInvoices', 'limit not a number', { limit: 'ten' }, 'limit'],
  ['getInvoice', 'no invoice', {}, 'invoice_uuid'],
  ['deleteInvoice', 'no invoice', {}, 'invoice_uuid'],
  [
    'importInvoice',
    'no currency',
    {
      customer_uuid: 'cus_x',
      external_id: 'I',
      date: '2025-01-01',
      line_items: [{ type: 'one_time', amount_in_cents: 1 }],
    },
    'currency',
  ],
  [
    'importInvoice',
    'line item amount not a number',
    {
      customer_uuid: 'cus_x',
      external_id: 'I',
      date: '2025-01-01',
      currency: 'USD',
      line_items: [{ type: 'one_time', amount_in_cents: 'ten' }],
    },
    'amount_in_cents',
  ],
  [
    'importInvoiceTransaction',
    'no result',
    { invoice_uuid: 'inv_x', type: 'payment', date: '2025-01-01' },
    'result',
  ],
  [
    'importInvoiceTransaction',
    'unknown type',
    { invoice_uuid: 'inv_x', type: 'chargeback', date: '2025-01-01', result: 'failed' },
    'type',
  ],
  ['listSubscriptions', 'no customer', {}, 'customer_uuid'],
  ['cancelSubscription', 'no subscription', { cancelled_at: '2025-01-01' }, 'subscription_uuid'],
  [
    'cancelSubscription',
    'malformed date',
    { subscription_uuid: 'sub_x', cancelled_at: 'soon' },
    'cancelled_at',
  ],
  ['makeApiCall', 'no url', { method: 'GET' }, 'url'],
  ['makeApiCall', 'absolute url', { url: 'https://evil.example/v1/customers', method: 'GET' }, 'url'],
  ['makeApiCall', 'protocol-relative url', { url: '//evil.example/v1/customers', method: 'GET' }, 'url'],
  ['makeApiCall', 'unknown method', { url: '/v1/customers', method: 'TRACE' }, 'method'],
];

export const BAD_INPUTS = [...SEED_BAD_INPUTS, ...CUSTOMER_BAD_INPUTS, ...MORE_BAD_INPUTS];
