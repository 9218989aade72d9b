// Contacts, notes and call logs, tasks and opportunities through the app's modules against the sandbox:
// each object's whole life (table-driven, see helpers/lifecycle), then what only some have (merging
// contacts, a contact added from the customer, filters).
import { AppHarness, Bundle, startAppHarness } from './helpers/harness';
import { checked } from './helpers/checked';
import { LifecycleCase, runLifecycle } from './helpers/lifecycle';
import { buildWorld, World } from './helpers/world';

let h: AppHarness;
let world: World;
let customer: Bundle;
const { action, search } = checked(() => h);

beforeAll(async () => {
  h = await startAppHarness();
  world = await buildWorld(h, 'CRM source');
  customer = await world.customer('crm-1', { name: 'Crm Customer', email: 'crm@example.com' });
});
afterAll(() => h?.close());

const cases = (): [string, LifecycleCase][] => {
  const ofCustomer = { customer_uuid: customer.uuid };
  return [
    [
      'contact',
      {
        create: 'createContact',
        get: 'getContact',
        update: 'updateContact',
        list: 'listContacts',
        remove: 'deleteContact',
        key: 'contact_uuid',
        rpc: 'rpcContacts',
        idField: 'uuid',
        createParams: {
          ...ofCustomer,
          data_source_uuid: world.ds.uuid,
          email: 'ada@example.com',
          first_name: 'Ada',
          external_id: 'contact-ada',
          custom: [{ type: 'Boolean', key: 'Toggle', value: false }],
        },
        created: {
          uuid: expect.stringMatching(/^con_/),
          customer_uuid: customer.uuid,
          customer_external_id: 'crm-1',
          data_source_uuid: world.ds.uuid,
          email: 'ada@example.com',
          first_name: 'Ada',
          position: 1,
          custom: { Toggle: false },
        },
        updateParams: {
          title: 'CTO',
          last_name: 'Lovelace',
          custom: [{ type: 'Integer', key: 'Seats', value: 3 }],
        },
        updated: {
          title: 'CTO',
          last_name: 'Lovelace',
          first_name: 'Ada',
          custom: { Toggle: false, Seats: 3 },
        },
        listParams: { ...ofCustomer, email: 'ada@example.com' },
        rpcParams: ofCustomer,
      },
    ],
    [
      'note or call log',
      {
        create: 'createNote',
        get: 'getNote',
        update: 'updateNote',
        list: 'listNotes',
        remove: 'deleteNote',
        key: 'note_uuid',
        rpc: 'rpcNotes',
        idField: 'uuid',
        createParams: { ...ofCustomer, type: 'call', text: 'Renewal call', call_duration: 600 },
        created: {
          uuid: expect.stringMatching(/^note_/),
          type: 'call',
          text: 'Renewal call',
          call_duration: 600,
        },
        updateParams: { text: 'Renewal call: wants annual billing' },
        updated: { text: 'Renewal call: wants annual billing', type: 'call' },
        listParams: { ...ofCustomer, type: 'call' },
        rpcParams: ofCustomer,
      },
    ],
    [
      'task',
      {
        create: 'createTask',
        get: 'getTask',
        update: 'updateTask',
        list: 'listTasks',
        remove: 'deleteTask',
        key: 'task_uuid',
        rpc: 'rpcTasks',
        idField: 'task_uuid',
        createParams: {
          ...ofCustomer,
          task_details: 'Call about the renewal',
          assignee: 'owner@example.com',
          due_date: '2025-04-30T00:00:00Z',
        },
        created: {
          customer_uuid: customer.uuid,
          task_details: 'Call about the renewal',
          assignee: 'owner@example.com',
          due_date: '2025-04-30T00:00:00.000Z',
          completed_at: null,
        },
        updateParams: { completed_at: '2025-04-29T10:00:00Z' },
        updated: { completed_at: '2025-04-29T10:00:00.000Z', task_details: 'Call about the renewal' },
        listParams: { ...ofCustomer, completed: true, assignee: 'owner@example.com' },
        rpcParams: ofCustomer,
      },
    ],
    [
      'opportunity',
      {
        create: 'createOpportunity',
        get: 'getOpportunity',
        update: 'updateOpportunity',
        list: 'listOpportunities',
        remove: 'deleteOpportunity',
        key: 'opportunity_uuid',
        rpc: 'rpcOpportunities',
        idField: 'uuid',
        createParams: {
          ...ofCustomer,
          owner: 'owner@example.com',
          pipeline: 'New Business',
          pipeline_stage: 'Discovery',
          estimated_close_date: '2025-03-30',
          currency: 'usd',
          amount_in_cents: 100000,
          type: 'one-time',
          forecast_category: 'best_case',
          win_likelihood: 30,
          custom: [{ type: 'Boolean', key: 'from_campaign', value: true }],
        },
        created: {
          pipeline: 'New Business',
          estimated_close_date: '2025-03-30',
          currency: 'USD',
          amount_in_cents: 100000,
          win_likelihood: 30,
          custom: { from_campaign: true },
        },
        updateParams: { pipeline_stage: 'Negotiation', estimated_close_date: '2025-04-30' },
        updated: {
          pipeline_stage: 'Negotiation',
          estimated_close_date: '2025-04-30',
          pipeline: 'New Business',
        },
        listParams: {
          ...ofCustomer,
          pipeline: 'New Business',
          estimated_close_date_on_or_after: '2025-04-01',
        },
        rpcParams: ofCustomer,
      },
    ],
  ];
};

test.each(['contact', 'note or call log', 'task', 'opportunity'])(
  '%s: create → get → update → list → its select → delete',
  async (name) => {
    const [, c] = cases().find(([n]) => n === name)!;
    await runLifecycle(h, c);
  },
);

test('addCustomerContact adds a contact to the customer; mergeContacts keeps one, filled from both', async () => {
  const first = await action('addCustomerContact', {
    customer_uuid: customer.uuid,
    data_source_uuid: world.ds.uuid,
    email: 'bob@example.com',
    first_name: 'Bob',
  });
  expect(first).toMatchObject({ customer_uuid: customer.uuid, email: 'bob@example.com', first_name: 'Bob' });
  const second = await action('createContact', {
    customer_uuid: customer.uuid,
    data_source_uuid: world.ds.uuid,
    email: 'robert@example.com',
    title: 'CFO',
  });
  const merged = await action('mergeContacts', {
    from_contact_uuid: second.uuid,
    into_contact_uuid: first.uuid,
  });
  expect(merged).toMatchObject({ uuid: first.uuid, first_name: 'Bob', title: 'CFO' });
  const left = await search('listContacts', { customer_uuid: customer.uuid, limit: 10 });
  expect(left.map((c) => c.uuid)).toEqual([first.uuid]);
});

test('list filters narrow: notes by type, tasks by completion, opportunities by close date', async () => {
  const other = await world.customer('crm-2', { name: 'Other' });
  await action('createNote', { customer_uuid: other.uuid, type: 'note', text: 'A note' });
  await action('createNote', { customer_uuid: other.uuid, type: 'call', text: 'A call' });
  const calls = await search('listNotes', { customer_uuid: other.uuid, type: 'call', limit: 10 });
  expect(calls.map((n) => n.text)).toEqual(['A call']);

  await action('createTask', {
    customer_uuid: other.uuid,
    task_details: 'Open one',
    assignee: 'owner@example.com',
    due_date: '2025-06-01',
  });
  const open = await search('listTasks', { customer_uuid: other.uuid, completed: false, limit: 10 });
  expect(open.map((t) => t.task_details)).toEqual(['Open one']);
  expect(await search('listTasks', { customer_uuid: other.uuid, completed: true, limit: 10 })).toEqual([]);

  const opportunity = {
    customer_uuid: other.uuid,
    owner: 'owner@example.com',
    pipeline: 'Upsell',
    pipeline_stage: 'Proposal',
    currency: 'EUR',
    amount_in_cents: 5000,
  };
  await action('createOpportunity', { ...opportunity, estimated_close_date: '2025-01-15' });
  await action('createOpportunity', { ...opportunity, estimated_close_date: '2025-09-15' });
  const late = await search('listOpportunities', {
    customer_uuid: other.uuid,
    estimated_close_date_on_or_after: '2025-06-01',
    limit: 10,
  });
  expect(late.map((o) => o.estimated_close_date)).toEqual(['2025-09-15']);
});
