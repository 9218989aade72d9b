// Dry-run cases of the customer modules beyond the seed: account, search, merges, tags and custom
// attributes, the metrics view of subscriptions, plan groups. Bodies as ChartMogul's docs and recordings send them.
import type { RequestCase } from './requests';

const subscriptions = [
  { data_source_uuid: 'ds_1', external_id: 'sub-a' },
  { data_source_uuid: 'ds_1', external_id: 'sub-b' },
];

export const CUSTOMER_REQUESTS: Record<string, RequestCase> = {
  getAccount: [
    { include: ['churn_recognition', 'refund_handling'] },
    'GET',
    '/v1/account?include=churn_recognition%2Crefund_handling',
  ],
  searchCustomers: [
    { email: 'ada@example.com' },
    'GET',
    '/v1/customers/search?email=ada%40example.com&per_page=10',
  ],
  mergeCustomers: [
    { from_customer_uuid: 'cus_1', into_customer_uuid: 'cus_2' },
    'POST',
    '/v1/customers/merges',
    { from: { customer_uuid: 'cus_1' }, into: { customer_uuid: 'cus_2' } },
  ],
  unmergeCustomer: [
    { customer_uuid: 'cus_1', data_source_uuid: 'ds_1', external_id: 'e1' },
    'POST',
    '/v1/customers/unmerges',
    { customer_uuid: 'cus_1', data_source_uuid: 'ds_1', external_id: 'e1', move_to_new_customer: [] },
  ],
  getCustomerAttributes: [{ customer_uuid: 'cus_1' }, 'GET', '/v1/customers/cus_1/attributes'],
  addCustomerTags: [
    { customer_uuid: 'cus_1', tags: ['vip', 'beta'] },
    'POST',
    '/v1/customers/cus_1/attributes/tags',
    { tags: ['vip', 'beta'] },
  ],
  addTagsByEmail: [
    { email: 'ada@example.com', tags: ['vip'] },
    'POST',
    '/v1/customers/attributes/tags',
    { email: 'ada@example.com', tags: ['vip'] },
  ],
  removeCustomerTags: [
    { customer_uuid: 'cus_1', tags: ['beta'] },
    'DELETE',
    '/v1/customers/cus_1/attributes/tags',
    { tags: ['beta'] },
  ],
  addCustomAttributes: [
    {
      customer_uuid: 'cus_1',
      custom: [
        { type: 'Integer', key: 'age', value: '18' },
        { type: 'String', key: 'channel', value: 'Facebook', source: 'integration' },
      ],
    },
    'POST',
    '/v1/customers/cus_1/attributes/custom',
    {
      custom: [
        { type: 'Integer', key: 'age', value: 18 },
        { type: 'String', key: 'channel', value: 'Facebook', source: 'integration' },
      ],
    },
  ],
  addCustomAttributesByEmail: [
    { email: 'ada@example.com', custom: [{ type: 'Boolean', key: 'vip', value: 'true' }] },
    'POST',
    '/v1/customers/attributes/custom',
    { email: 'ada@example.com', custom: [{ type: 'Boolean', key: 'vip', value: true }] },
  ],
  updateCustomAttributes: [
    { customer_uuid: 'cus_1', custom: [{ type: 'Integer', key: 'age', value: '19' }] },
    'PUT',
    '/v1/customers/cus_1/attributes/custom',
    { custom: { age: 19 } },
  ],
  removeCustomAttributes: [
    { customer_uuid: 'cus_1', custom: ['age', 'channel'] },
    'DELETE',
    '/v1/customers/cus_1/attributes/custom',
    { custom: ['age', 'channel'] },
  ],
  listCustomerSubscriptions: [
    { customer_uuid: 'cus_1', limit: 300 },
    'GET',
    '/v1/customers/cus_1/subscriptions?per_page=200',
  ],
  connectSubscriptions: [
    { customer_uuid: 'cus_1', subscriptions },
    'POST',
    '/v1/customers/cus_1/connect_subscriptions',
    { subscriptions },
  ],
  disconnectSubscriptions: [
    { customer_uuid: 'cus_1', subscriptions },
    'POST',
    '/v1/customers/cus_1/disconnect_subscriptions',
    { subscriptions },
  ],
  deleteCustomerInvoices: [
    { data_source_uuid: 'ds_1', customer_uuid: 'cus_1' },
    'DELETE',
    '/v1/data_sources/ds_1/customers/cus_1/invoices',
  ],
  listPlanGroups: [{}, 'GET', '/v1/plan_groups?per_page=10'],
  listPlanGroupPlans: [
    { plan_group_uuid: 'plg_1', limit: 5 },
    'GET',
    '/v1/plan_groups/plg_1/plans?per_page=5',
  ],
};
