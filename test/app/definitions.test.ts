// Static checks of the ChartMogul app's definitions: the seed's module table (issue 7), the grouping,
// wiring of dynamic selects, pagination and the Base. Make's own editor schemas are `npm run conformance`'s
// (they live in ../shared, which `npm test` does not need).
import {
  APP_DIR,
  manifest,
  moduleFiles,
  moduleIds,
  readJsonc,
  rpcCommunication,
  rpcIds,
  walkParams,
  Param,
} from './helpers/definitions';
import { checkInterface } from './helpers/interface-check';
import { validateApp } from '../../runtime';

// The seed's 26 modules keep their ids, labels, types and endpoints (issue 7): id → [label, type, method, url].
const SEED: Record<string, [string, string, string, string]> = {
  listCustomers: ['List Customers', 'search', 'GET', '/v1/customers'],
  getCustomer: ['Get a Customer', 'action', 'GET', '/v1/customers/{{parameters.customer_uuid}}'],
  createCustomer: ['Create a Customer', 'action', 'POST', '/v1/customers'],
  updateCustomer: ['Update a Customer', 'action', 'PATCH', '/v1/customers/{{parameters.customer_uuid}}'],
  deleteCustomer: ['Delete a Customer', 'action', 'DELETE', '/v1/customers/{{parameters.customer_uuid}}'],
  listPlans: ['List Plans', 'search', 'GET', '/v1/plans'],
  getPlan: ['Get a Plan', 'action', 'GET', '/v1/plans/{{parameters.plan_uuid}}'],
  createPlan: ['Create a Plan', 'action', 'POST', '/v1/plans'],
  updatePlan: ['Update a Plan', 'action', 'PATCH', '/v1/plans/{{parameters.plan_uuid}}'],
  deletePlan: ['Delete a Plan', 'action', 'DELETE', '/v1/plans/{{parameters.plan_uuid}}'],
  getPlanGroup: ['Get a Plan Group', 'action', 'GET', '/v1/plan_groups/{{parameters.plan_group_uuid}}'],
  createPlanGroup: ['Create a Plan Group', 'action', 'POST', '/v1/plan_groups'],
  updatePlanGroup: [
    'Update a Plan Group',
    'action',
    'PATCH',
    '/v1/plan_groups/{{parameters.plan_group_uuid}}',
  ],
  deletePlanGroup: [
    'Delete a Plan Group',
    'action',
    'DELETE',
    '/v1/plan_groups/{{parameters.plan_group_uuid}}',
  ],
  listDataSources: ['List Data Sources', 'search', 'GET', '/v1/data_sources'],
  getDataSource: ['Get a Data Source', 'action', 'GET', '/v1/data_sources/{{parameters.data_source_uuid}}'],
  createDataSource: ['Create a Data Source', 'action', 'POST', '/v1/data_sources'],
  deleteDataSource: [
    'Delete a Data Source',
    'action',
    'DELETE',
    '/v1/data_sources/{{parameters.data_source_uuid}}',
  ],
  listInvoices: ['List Invoices', 'search', 'GET', '/v1/invoices'],
  getInvoice: ['Get an Invoice', 'action', 'GET', '/v1/invoices/{{parameters.invoice_uuid}}'],
  deleteInvoice: ['Delete an Invoice', 'action', 'DELETE', '/v1/invoices/{{parameters.invoice_uuid}}'],
  importInvoice: [
    'Import an Invoice',
    'action',
    'POST',
    '/v1/import/customers/{{parameters.customer_uuid}}/invoices',
  ],
  importInvoiceTransaction: [
    'Import an Invoice Transaction',
    'action',
    'POST',
    '/v1/import/invoices/{{parameters.invoice_uuid}}/transactions',
  ],
  listSubscriptions: [
    "List Customer's Subscriptions",
    'search',
    'GET',
    '/v1/import/customers/{{parameters.customer_uuid}}/subscriptions',
  ],
  cancelSubscription: [
    "Cancel a Customer's Subscription",
    'action',
    'PATCH',
    '/v1/import/subscriptions/{{parameters.subscription_uuid}}',
  ],
  makeApiCall: ['Make an API Call', 'universal', '{{parameters.method}}', '{{parameters.url}}'],
};

// Which RPC backs each object field, wherever it appears (dynamic selects). A field named `<x>_<object>`
// (from_customer_uuid, into_customer_uuid) picks the same object as `<object>`.
const RPC_OF_FIELD: Record<string, string> = {
  data_source_uuid: 'rpc://rpcDataSources',
  customer_uuid: 'rpc://rpcCustomers',
  plan_uuid: 'rpc://rpcPlans',
  plans: 'rpc://rpcPlans',
  plan_group_uuid: 'rpc://rpcPlanGroups',
  invoice_uuid: 'rpc://rpcInvoices',
  subscription_uuid: 'rpc://rpcSubscriptions',
  contact_uuid: 'rpc://rpcContacts',
  note_uuid: 'rpc://rpcNotes',
  task_uuid: 'rpc://rpcTasks',
  opportunity_uuid: 'rpc://rpcOpportunities',
  subscription_event_id: 'rpc://rpcSubscriptionEvents',
  line_item_uuid: 'rpc://rpcLineItems',
  transaction_uuid: 'rpc://rpcTransactions',
};
const OBJECT_UUIDS = Object.keys(RPC_OF_FIELD).filter((n) => /_(uuid|id)$/.test(n));
const rpcOfField = (name: string): string | undefined =>
  RPC_OF_FIELD[name] ?? RPC_OF_FIELD[Object.keys(RPC_OF_FIELD).find((f) => name.endsWith(`_${f}`)) ?? ''];

// Groups in the order a user looks for them: customers and what hangs on them first, the billing data
// next, the setup (plans, data sources, account) last.
const GROUPS = [
  'Customer',
  'Tags & Custom Attributes',
  'Contact',
  'Note & Call Log',
  'Task',
  'Opportunity',
  'Metrics',
  'Activities',
  'Subscriptions',
  'Subscription Event',
  'Invoices',
  'Line Item',
  'Transaction',
  'Plan',
  'Plan Group',
  'Data Source',
  'Account',
  'Other',
];

// get/update/delete modules that need more than the one object they act on, and what they require.
const REQUIRED_BEYOND_THE_OBJECT: Record<string, string[]> = {
  getAccount: [],
  updateCustomAttributes: ['customer_uuid', 'custom'],
  deleteCustomerInvoices: ['data_source_uuid', 'customer_uuid'],
  getKeyMetrics: ['start_date', 'end_date', 'interval'],
  getMetric: ['metric', 'start_date', 'end_date', 'interval'],
  getActivitiesExport: ['export_id'],
};

// Searches over endpoints that are not paginated, and RPCs that read one object's list.
const NOT_PAGINATED = new Set([
  'getKeyMetrics',
  'getMetric',
  'rpcCustomerTags',
  'rpcCustomAttributeKeys',
  'rpcLineItems',
  'rpcTransactions',
]);

/** Make's actionCrud by the verb the module id starts with (a universal module has none). */
function crudOf(id: string, type: string): string | null {
  if (type === 'universal' || type === 'trigger' || type === 'instant_trigger') return null;
  const verb = /^[a-z]+/.exec(id)?.[0] ?? '';
  if (['list', 'get', 'search'].includes(verb)) return 'read';
  if (['create', 'import', 'add', 'export'].includes(verb) && !/(Tags|Attributes)/.test(id)) return 'create';
  if (verb === 'delete') return 'delete';
  return 'update';
}

// Loosely typed view of a definition file for deep property checks.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const listIds = moduleIds().filter((id) => moduleFiles(id).entry.moduleType === 'search');
const triggerIds = moduleIds().filter((id) => moduleFiles(id).entry.moduleType === 'trigger');

describe('the module table', () => {
  test('makecomapp.json keeps the 26 modules of the seed', () => {
    expect(moduleIds()).toEqual(expect.arrayContaining(Object.keys(SEED)));
  });

  test.each(Object.entries(SEED))(
    'seed module %s keeps its label, type, method and url',
    (id, [label, type, method, url]) => {
      const m = moduleFiles(id);
      expect(m.entry).toMatchObject({ label, moduleType: type });
      expect(m.communication).toMatchObject({ method, url });
    },
  );

  test.each(moduleIds())('%s has a connection, a description and its actionCrud', (id) => {
    const m = moduleFiles(id);
    // An instant trigger has its webhook's connection: none (ChartMogul's destinations are set up by hand).
    expect(m.entry.connection).toBe(m.entry.moduleType === 'instant_trigger' ? null : 'chartmogul');
    expect(m.entry.description.length).toBeGreaterThan(10);
    expect(m.entry.label).toMatch(/^[A-Z]/);
    expect(m.entry.actionCrud).toBe(crudOf(id, m.entry.moduleType));
  });

  test('seed modules on endpoints ChartMogul marks deprecated say so in their help', () => {
    for (const id of ['listSubscriptions', 'cancelSubscription'])
      expect(moduleFiles(id).entry.description).toMatch(/marks this import-API endpoint as deprecated/);
  });

  test('labels are unique', () => {
    const labels = moduleIds().map((id) => moduleFiles(id).entry.label);
    expect(labels.length).toBe(new Set(labels).size);
  });

  test('every module and RPC url is relative and starts with /v1/ (the universal one takes the user path)', () => {
    const sends = (i: string) => i !== 'makeApiCall' && moduleFiles(i).entry.moduleType !== 'instant_trigger';
    for (const id of moduleIds().filter(sends)) {
      const comm = moduleFiles(id).communication as unknown;
      for (const req of (Array.isArray(comm) ? comm : [comm]) as Json[])
        expect({ id, url: String(req.url) }).toEqual({ id, url: expect.stringMatching(/^\/v1\//) });
    }
    for (const id of rpcIds())
      for (const req of [rpcCommunication(id)].flat() as Json[]) expect(String(req.url)).toMatch(/^\/v1\//);
  });

  test('groups.json lists every module once, by resource, and makecomapp.json declares them in that order', () => {
    const groups = readJsonc<{ label: string; modules: string[] }[]>('connector/groups.json');
    expect(groups.map((g) => g.label)).toEqual(GROUPS);
    // `modules` and the workbench list modules in makecomapp.json's order: the groups' order.
    expect(groups.flatMap((g) => g.modules)).toEqual(moduleIds());
  });
});

describe('parameters', () => {
  test.each(moduleIds())('%s uses snake_case ChartMogul names and only known RPCs', (id) => {
    const rpcs = new Set(rpcIds().map((r) => `rpc://${r}`));
    for (const { path: at, param } of walkParams(moduleFiles(id).params)) {
      expect({ at, name: param.name }).toEqual({ at, name: expect.stringMatching(/^[a-z][a-z0-9_]*$/) });
      if (typeof param.options === 'string') expect(rpcs).toContain(param.options);
      if (rpcOfField(param.name)) {
        expect({ at, options: param.options }).toEqual({ at, options: rpcOfField(param.name) });
        expect(param.type).toBe('select');
        expect(param.mappable).not.toBe(false); // a mapped value must be accepted
      }
    }
  });

  test.each(moduleIds().filter((id) => /^(get|update|delete)/.test(id)))(
    '%s requires only the uuid of the object it acts on',
    (id) => {
      const required = moduleFiles(id)
        .params.filter((p) => p.required)
        .map((p) => p.name);
      if (REQUIRED_BEYOND_THE_OBJECT[id]) {
        expect(required).toEqual(REQUIRED_BEYOND_THE_OBJECT[id]);
        return;
      }
      expect(required).toHaveLength(1);
      expect(OBJECT_UUIDS).toContain(required[0]);
    },
  );

  // Metrics answer one entry per interval of the chosen period: the period bounds them, not a Limit.
  test.each([...listIds, ...triggerIds].filter((id) => !NOT_PAGINATED.has(id)))(
    '%s takes a Limit wired to response.limit',
    (id) => {
      const m = moduleFiles(id);
      const limit = m.params.find((p) => p.name === 'limit') as Param;
      expect(limit).toMatchObject({ type: 'uinteger', label: 'Limit' });
      expect((m.communication.response as Record<string, unknown>).limit).toBe('{{parameters.limit}}');
    },
  );

  test('select option lists keep the seed labels and use the API spellings', () => {
    const status = moduleFiles('listCustomers').params.find((p) => p.name === 'status') as Param;
    const statuses = status.options as { label: string; value: string }[];
    expect(statuses.map((o) => o.label)).toEqual(
      expect.arrayContaining(['Lead', 'Active', 'Past Due', 'Canceled']),
    );
    expect(statuses.find((o) => o.label === 'Canceled')?.value).toBe('Cancelled');
    expect(statuses.map((o) => o.value)).toEqual(
      // The list filter takes ChartMogul's underscore spellings (its own n8n node and MCP tools send them).
      expect.arrayContaining(['New_Lead', 'Working_Lead', 'Qualified_Lead', 'Unqualified_Lead', 'Past_Due']),
    );
    const unit = moduleFiles('createPlan').params.find((p) => p.name === 'interval_unit') as Param;
    expect(unit.options).toEqual([
      { label: 'Day', value: 'day' },
      { label: 'Month', value: 'month' },
      { label: 'Year', value: 'year' },
    ]);
    const method = moduleFiles('makeApiCall').params.find((p) => p.name === 'method') as Param;
    expect((method.options as { value: string }[]).map((o) => o.value)).toEqual([
      'GET',
      'POST',
      'PUT',
      'PATCH',
      'DELETE',
    ]);
  });
});

describe('pagination', () => {
  const blocks = [
    ...[...listIds, ...triggerIds].map((id) => [id, moduleFiles(id).communication.pagination] as const),
    // An RPC's list is its last request (rpcSubscriptions reads the plans first, to name them).
    ...rpcIds().map((id) => [id, ([rpcCommunication(id)].flat() as Json[]).at(-1)!.pagination] as const),
  ];

  test('every list module and RPC carries the same cursor pagination block', () => {
    expect(blocks.length).toBeGreaterThan(listIds.length);
    for (const [id, block] of blocks) {
      if (NOT_PAGINATED.has(id)) expect({ id, block }).toEqual({ id, block: undefined });
      else
        expect({ id, block }).toEqual({
          id,
          block: { qs: { cursor: '{{body.cursor}}' }, condition: '{{body.has_more}}' },
        });
    }
  });

  test('no other module and not the Base paginate', () => {
    for (const id of moduleIds().filter((i) => !listIds.includes(i) && !triggerIds.includes(i))) {
      expect(moduleFiles(id).communication.pagination).toBeUndefined();
    }
    expect(readJsonc<Record<string, unknown>>('connector/base.iml.json').pagination).toBeUndefined();
  });
});

describe('connection and Base', () => {
  test('the connection verifies with GET /v1/account and shows the account name', () => {
    const conn = manifest().components.connection.chartmogul;
    expect(conn).toMatchObject({ label: 'ChartMogul', connectionType: 'basic' });
    const comm = readJsonc<Json>(conn.codeFiles.communication);
    expect(comm).toMatchObject({ url: 'https://api.chartmogul.com/v1/account', method: 'GET' });
    expect(comm.response.metadata).toEqual({ type: 'text', value: '{{body.name}}' });
    const params = readJsonc<Param[]>(conn.codeFiles.params);
    expect(params).toEqual([
      expect.objectContaining({
        name: 'apiKey',
        type: 'password',
        required: true,
        label: 'API Key',
        editable: true,
      }),
      expect.objectContaining({ name: 'secretKey', type: 'password', advanced: true, label: 'Secret Key' }),
    ]);
  });

  test('the Base sets the origin, Basic auth, sanitizing and an error type per status', () => {
    const base = readJsonc<Json>('connector/base.iml.json');
    expect(base.baseUrl).toBe('https://api.chartmogul.com');
    expect(base.headers.Authorization).toMatch(/^Basic \{\{base64\(connection\.apiKey/);
    expect(base.log.sanitize).toContain('request.headers.authorization');
    const types = Object.fromEntries(
      ['400', '401', '404', '422', '429', '502', '503', '504'].map((s) => [s, base.response.error[s].type]),
    );
    expect(types).toEqual({
      400: 'DataError',
      401: 'InvalidAccessTokenError',
      404: 'RuntimeError',
      // A duplicate external id (or name) is Make's DuplicateDataError, any other 422 a DataError
      // (error-mapping.runtime.test.ts evaluates it).
      422: "{{if(contains(lower(temp.chartmogulError), 'already exists') || contains(lower(temp.chartmogulError), 'already been taken'), 'DuplicateDataError', 'DataError')}}",
      429: 'RateLimitError',
      502: 'ConnectionError',
      503: 'ConnectionError',
      504: 'ConnectionError',
    });
  });

  test('the universal module sets Content-Type and Authorization after the user headers', () => {
    const headers = moduleFiles('makeApiCall').communication.headers as Record<string, string>;
    expect(Object.keys(headers)).toEqual(['{{...}}', 'Content-Type', 'Authorization']);
  });
});

describe('interfaces and samples', () => {
  test.each(moduleIds())('%s: the sample conforms to the interface', (id) => {
    const m = moduleFiles(id);
    expect(m.interface.length).toBeGreaterThan(0);
    expect(checkInterface(m.samples, m.interface)).toEqual([]);
  });

  test('the interface checker catches wrong types, bad dates and undeclared keys', () => {
    const { interface: iface, samples } = moduleFiles('getInvoice');
    const broken = JSON.parse(JSON.stringify(samples));
    broken.date = 'yesterday';
    broken.line_items[0].amount_in_cents = '1000';
    broken.line_items[0].mystery = true;
    broken.transactions = {};
    broken.surprise = 1;
    expect(checkInterface(broken, iface)).toEqual([
      'date: expected a date string, got "yesterday"',
      'line_items[1].amount_in_cents: expected a number, got "1000"',
      'line_items[1].mystery: not declared in the interface',
      'transactions: expected an array, got object',
      'surprise: not declared in the interface',
    ]);
  });
});

test('the project’s own definition checks find no problem (chartmogul-connector validate)', async () => {
  expect(await validateApp(APP_DIR)).toEqual([]);
});
