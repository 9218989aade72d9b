/**
 * Bad input per resource — a missing required field, an unknown customer (or parent), a wrong type, a
 * duplicate external id — answers ChartMogul's status in the resource's error dialect and writes nothing:
 * a logical dump of the database (every table's rows in key order, id counters included) is the same
 * before and after each refused request. (Long: one case per row of the table below.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChartMogul, raw, startWithSdk, type SdkSandbox } from './support/sdk';
import { logicalDump } from './support/dump';
import { editableInvoice, type EditableInvoice, type Json } from './support/edits';

let sb: SdkSandbox;
let dir: string;
let dbPath: string;
let base: EditableInvoice;
let ids: Record<string, string>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-bad-input-'));
  dbPath = path.join(dir, 'chartmogul.db');
  sb = await startWithSdk({ dbPath, clock: '2026-03-01T10:00:00Z' });
  base = await editableInvoice(sb, 'bad');
  const cus = base.customer.uuid;
  const ds = base.ds.uuid;
  const contact = await ChartMogul.Contact.create(sb.config, {
    customer_uuid: cus,
    data_source_uuid: ds,
    external_id: 'con-1',
  });
  const note = await ChartMogul.CustomerNote.create(sb.config, {
    customer_uuid: cus,
    type: 'note',
    text: 'x',
  });
  const task = await ChartMogul.Task.create(sb.config, {
    customer_uuid: cus,
    task_details: 'x',
    assignee: 'a@team.example',
    due_date: '2026-04-01',
  });
  const opportunity = await ChartMogul.Opportunity.create(sb.config, {
    customer_uuid: cus,
    owner: 'a@team.example',
    pipeline: 'P',
    pipeline_stage: 'S',
    estimated_close_date: '2026-04-01',
    currency: 'USD',
    amount_in_cents: 100,
  });
  const event = await ChartMogul.SubscriptionEvent.create(sb.config, {
    data_source_uuid: ds,
    customer_external_id: 'bad-cus',
    subscription_external_id: 'bad-sub',
    event_type: 'subscription_cancelled',
    event_date: '2026-02-01',
    effective_date: '2026-02-01',
    external_id: 'ev-1',
  });
  const read = await ChartMogul.Invoice.retrieve(sb.config, base.invoice.uuid);
  ids = {
    cus,
    ds,
    plan: base.plan.uuid,
    inv: base.invoice.uuid,
    li: read.line_items[0].uuid,
    tr: read.transactions[0].uuid,
    con: contact.uuid,
    note: note.uuid,
    task: task.task_uuid,
    opp: opportunity.uuid,
    event: String(event.id),
  };
});
afterAll(async () => {
  await sb.sandbox.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Case = [
  what: string,
  method: string,
  path: () => string,
  body: () => Json,
  status: number,
  answer: Json,
];

const A = (param: string) => ({ code: expect.any(Number), message: expect.any(String), param });
const B = (...fields: string[]) => ({
  errors: Object.fromEntries(fields.map((f) => [f, expect.any(String)])),
});
const C = (thing: string) => ({ error: `${thing} not found` });
const missing = (param: string) => ({ code: 400, message: `Parameter "${param}" is missing`, param });

const lineItem = (extra: Json = {}) => ({
  type: 'one_time',
  amount_in_cents: 100,
  ...extra,
});
const invoice = (extra: Json = {}) => ({
  invoices: [
    { external_id: 'new-inv', date: '2026-01-05', currency: 'USD', line_items: [lineItem()], ...extra },
  ],
});
const event = (extra: Json = {}) => ({
  subscription_event: {
    data_source_uuid: ids.ds,
    customer_external_id: 'bad-cus',
    subscription_external_id: 'bad-sub',
    event_type: 'subscription_cancelled',
    event_date: '2026-02-02',
    effective_date: '2026-02-02',
    ...extra,
  },
});
const opportunity = (extra: Json = {}) => ({
  customer_uuid: ids.cus,
  owner: 'a@team.example',
  pipeline: 'P',
  pipeline_stage: 'S',
  estimated_close_date: '2026-04-01',
  currency: 'USD',
  amount_in_cents: 100,
  ...extra,
});

const CASES: Case[] = [
  [
    'customer: missing external_id',
    'POST',
    () => '/v1/customers',
    () => ({ data_source_uuid: ids.ds }),
    422,
    B('external_id'),
  ],
  [
    'customer: unknown data source',
    'POST',
    () => '/v1/customers',
    () => ({ data_source_uuid: 'ds_x', external_id: 'n' }),
    422,
    B('data_source_uuid'),
  ],
  [
    'customer: wrong type',
    'POST',
    () => '/v1/customers',
    () => ({ data_source_uuid: ids.ds, external_id: 'n', name: {} }),
    422,
    B('name'),
  ],
  [
    'customer: duplicate external_id',
    'POST',
    () => '/v1/customers',
    () => ({ data_source_uuid: ids.ds, external_id: 'bad-cus' }),
    422,
    B('external_id'),
  ],
  [
    'customer update: wrong type',
    'PATCH',
    () => `/v1/customers/${ids.cus}`,
    () => ({ email: 'not-an-email' }),
    422,
    A('email'),
  ],
  [
    'plan: missing name',
    'POST',
    () => '/v1/plans',
    () => ({ data_source_uuid: ids.ds, interval_count: 1, interval_unit: 'month' }),
    422,
    B('name'),
  ],
  [
    'plan: wrong type',
    'POST',
    () => '/v1/plans',
    () => ({ data_source_uuid: ids.ds, name: 'P', interval_count: 'x', interval_unit: 'month' }),
    422,
    B('interval_count'),
  ],
  [
    'plan: duplicate external_id',
    'POST',
    () => '/v1/plans',
    () => ({
      data_source_uuid: ids.ds,
      name: 'P',
      interval_count: 1,
      interval_unit: 'month',
      external_id: 'bad-annual',
    }),
    422,
    B('external_id'),
  ],
  [
    'invoice: missing line_items',
    'POST',
    () => `/v1/import/customers/${ids.cus}/invoices`,
    () => invoice({ line_items: undefined }),
    422,
    { invoices: [expect.objectContaining({ errors: { line_items: "can't be blank" } })] },
  ],
  [
    'invoice: unknown customer',
    'POST',
    () => '/v1/import/customers/cus_x/invoices',
    () => invoice(),
    404,
    C('Customer'),
  ],
  [
    'invoice: wrong type',
    'POST',
    () => `/v1/import/customers/${ids.cus}/invoices`,
    () => invoice({ line_items: [lineItem({ amount_in_cents: 'x' })] }),
    422,
    { invoices: [expect.objectContaining({ errors: { 'line_items.amount_in_cents': 'is not a number' } })] },
  ],
  [
    'invoice: duplicate external_id',
    'POST',
    () => `/v1/import/customers/${ids.cus}/invoices`,
    () => invoice({ external_id: 'bad-inv' }),
    422,
    { invoices: [expect.objectContaining({ errors: { external_id: expect.any(String) } })] },
  ],
  [
    'invoice edit: wrong type',
    'PATCH',
    () => `/v1/invoices/${ids.inv}`,
    () => ({ currency: 12 }),
    422,
    B('currency'),
  ],
  [
    'invoice status: not allowed',
    'PUT',
    () => `/v1/data_sources/${ids.ds}/invoices/bad-inv/status`,
    () => ({ status: 'paid' }),
    422,
    { message: 'Status transition is not allowed' },
  ],
  [
    'invoice disable: wrong type',
    'PATCH',
    () => `/v1/invoices/${ids.inv}/disabled_state`,
    () => ({ disabled: 'yes' }),
    422,
    B('disabled'),
  ],
  [
    'line item: missing type',
    'POST',
    () => `/v1/import/invoices/${ids.inv}/line_items`,
    () => ({ amount_in_cents: 1 }),
    422,
    B('type'),
  ],
  [
    'line item: unknown invoice',
    'POST',
    () => '/v1/import/invoices/inv_x/line_items',
    () => lineItem(),
    404,
    C('Invoice'),
  ],
  [
    'line item: wrong type',
    'PATCH',
    () => `/v1/line_items/${ids.li}`,
    () => ({ quantity: 'many' }),
    422,
    B('quantity'),
  ],
  [
    'line item: duplicate external_id',
    'POST',
    () => `/v1/import/invoices/${ids.inv}/line_items`,
    () => lineItem({ external_id: 'bad-li-once' }),
    422,
    B('external_id'),
  ],
  [
    'transaction: missing result',
    'POST',
    () => `/v1/import/invoices/${ids.inv}/transactions`,
    () => ({ type: 'payment', date: '2026-01-03' }),
    422,
    B('result'),
  ],
  [
    'transaction: unknown invoice',
    'POST',
    () => '/v1/import/invoices/inv_x/transactions',
    () => ({ type: 'payment', date: '2026-01-03', result: 'successful' }),
    404,
    C('Invoice'),
  ],
  [
    'transaction: wrong type',
    'PATCH',
    () => `/v1/transactions/${ids.tr}`,
    () => ({ amount_in_cents: [] }),
    422,
    B('amount_in_cents'),
  ],
  [
    'transaction: duplicate external_id',
    'POST',
    () => `/v1/import/invoices/${ids.inv}/transactions`,
    () => ({ type: 'payment', date: '2026-01-03', result: 'successful', external_id: 'bad-tr' }),
    422,
    B('external_id'),
  ],
  [
    'contact: missing customer_uuid',
    'POST',
    () => '/v1/contacts',
    () => ({ data_source_uuid: ids.ds }),
    400,
    missing('customer_uuid'),
  ],
  [
    'contact: unknown customer',
    'POST',
    () => '/v1/contacts',
    () => ({ customer_uuid: 'cus_x', data_source_uuid: ids.ds }),
    404,
    C('Customer'),
  ],
  [
    'contact: wrong type',
    'PATCH',
    () => `/v1/contacts/${ids.con}`,
    () => ({ position: 'first' }),
    422,
    A('position'),
  ],
  [
    'contact: duplicate external_id',
    'POST',
    () => '/v1/contacts',
    () => ({ customer_uuid: ids.cus, data_source_uuid: ids.ds, external_id: 'con-1' }),
    422,
    A('external_id'),
  ],
  [
    'note: missing type',
    'POST',
    () => '/v1/customer_notes',
    () => ({ customer_uuid: ids.cus, text: 'x' }),
    400,
    missing('type'),
  ],
  [
    'note: unknown customer',
    'POST',
    () => '/v1/customer_notes',
    () => ({ customer_uuid: 'cus_x', type: 'note' }),
    404,
    C('Customer'),
  ],
  [
    'note: wrong type',
    'PATCH',
    () => `/v1/customer_notes/${ids.note}`,
    () => ({ text: ['x'] }),
    422,
    A('text'),
  ],
  [
    'task: missing due_date',
    'POST',
    () => '/v1/tasks',
    () => ({ customer_uuid: ids.cus, task_details: 'x', assignee: 'a@team.example' }),
    400,
    missing('due_date'),
  ],
  [
    'task: unknown customer',
    'POST',
    () => '/v1/tasks',
    () => ({ customer_uuid: 'cus_x', task_details: 'x', assignee: 'a@team.example', due_date: '2026-04-01' }),
    404,
    C('Customer'),
  ],
  [
    'task: wrong type',
    'PATCH',
    () => `/v1/tasks/${ids.task}`,
    () => ({ completed_at: true }),
    422,
    A('completed_at'),
  ],
  [
    'opportunity: missing currency',
    'POST',
    () => '/v1/opportunities',
    () => opportunity({ currency: undefined }),
    400,
    missing('currency'),
  ],
  [
    'opportunity: unknown customer',
    'POST',
    () => '/v1/opportunities',
    () => opportunity({ customer_uuid: 'cus_x' }),
    404,
    C('Customer'),
  ],
  [
    'opportunity: wrong type',
    'PATCH',
    () => `/v1/opportunities/${ids.opp}`,
    () => ({ win_likelihood: 'likely' }),
    422,
    A('win_likelihood'),
  ],
  [
    'event: missing subscription_event',
    'POST',
    () => '/v1/subscription_events',
    () => ({}),
    400,
    missing('subscription_event'),
  ],
  [
    'event: unknown customer',
    'POST',
    () => '/v1/subscription_events',
    () => event({ customer_external_id: 'nobody' }),
    422,
    B('customer_external_id'),
  ],
  [
    'event: wrong type',
    'POST',
    () => '/v1/subscription_events',
    () => event({ amount_in_cents: 'ten' }),
    422,
    B('amount_in_cents'),
  ],
  [
    'event: duplicate external_id',
    'POST',
    () => '/v1/subscription_events',
    () => event({ external_id: 'ev-1' }),
    422,
    B('external_id'),
  ],
  [
    'event update: wrong type',
    'PATCH',
    () => '/v1/subscription_events',
    () => ({ subscription_event: { id: Number(ids.event), event_date: 'soon' } }),
    422,
    B('event_date'),
  ],
  [
    'bulk import: wrong type',
    'POST',
    () => `/v1/data_sources/${ids.ds}/json_imports`,
    () => ({ customers: {} }),
    422,
    B('customers', 'records'),
  ],
  [
    'bulk import: unknown data source',
    'POST',
    () => '/v1/data_sources/ds_x/json_imports',
    () => ({ customers: [{ external_id: 'n' }] }),
    404,
    C('Data source'),
  ],
];

describe.each(CASES)('%s', (_what, method, route, body, status, answer) => {
  it(`answers ${status} in its dialect and writes nothing`, async () => {
    const before = logicalDump(dbPath);
    const payload = body();
    const res = await raw(sb.sandbox, method, route(), JSON.stringify(payload));
    expect({ status: res.status, body: res.body }).toEqual({ status, body: answer });
    expect(logicalDump(dbPath)).toEqual(before);
  });
});

it('the dump sees a write (the comparison can fail)', async () => {
  const before = logicalDump(dbPath);
  await ChartMogul.CustomerNote.create(sb.config, { customer_uuid: ids.cus, type: 'note', text: 'written' });
  expect(logicalDump(dbPath)).not.toEqual(before);
});
