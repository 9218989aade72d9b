// Dry-run cases of the CRM modules (contacts, notes and call logs, tasks, opportunities) and of subscription
// events, with the bodies ChartMogul's docs and recordings send.
import type { RequestCase } from './requests';

const narrow = { customer_uuid: 'cus_1' }; // only fills the select lists; never sent

export const CRM_REQUESTS: Record<string, RequestCase> = {
  addCustomerContact: [
    { customer_uuid: 'cus_1', data_source_uuid: 'ds_1', email: 'ada@example.com', first_name: 'Ada' },
    'POST',
    '/v1/customers/cus_1/contacts',
    { data_source_uuid: 'ds_1', email: 'ada@example.com', first_name: 'Ada' },
  ],
  listContacts: [
    { customer_uuid: 'cus_1', email: 'ada@example.com', limit: 50 },
    'GET',
    '/v1/contacts?customer_uuid=cus_1&email=ada%40example.com&per_page=50',
  ],
  createContact: [
    {
      customer_uuid: 'cus_1',
      data_source_uuid: 'ds_1',
      email: 'contact@example.com',
      external_id: 'contact_external_id_001',
      custom: [{ type: 'Boolean', key: 'Toggle', value: 'false' }],
    },
    'POST',
    '/v1/contacts',
    {
      customer_uuid: 'cus_1',
      data_source_uuid: 'ds_1',
      email: 'contact@example.com',
      external_id: 'contact_external_id_001',
      custom: [{ key: 'Toggle', value: false }],
    },
  ],
  getContact: [{ ...narrow, contact_uuid: 'con_1' }, 'GET', '/v1/contacts/con_1'],
  updateContact: [
    { ...narrow, contact_uuid: 'con_1', title: 'CTO', position: 9 },
    'PATCH',
    '/v1/contacts/con_1',
    { title: 'CTO', position: 9 },
  ],
  mergeContacts: [
    { from_contact_uuid: 'con_2', into_contact_uuid: 'con_1' },
    'POST',
    '/v1/contacts/con_1/merge/con_2',
    {},
  ],
  deleteContact: [{ contact_uuid: 'con_1' }, 'DELETE', '/v1/contacts/con_1'],

  listNotes: [
    { customer_uuid: 'cus_1', type: 'call' },
    'GET',
    '/v1/customer_notes?customer_uuid=cus_1&type=call&per_page=10',
  ],
  createNote: [
    { customer_uuid: 'cus_1', type: 'note', text: 'This is a note' },
    'POST',
    '/v1/customer_notes',
    { customer_uuid: 'cus_1', type: 'note', text: 'This is a note' },
  ],
  getNote: [{ note_uuid: 'note_1' }, 'GET', '/v1/customer_notes/note_1'],
  updateNote: [
    { ...narrow, note_uuid: 'note_1', text: 'This is an updated note' },
    'PATCH',
    '/v1/customer_notes/note_1',
    { text: 'This is an updated note' },
  ],
  deleteNote: [{ note_uuid: 'note_1' }, 'DELETE', '/v1/customer_notes/note_1'],

  listTasks: [
    { customer_uuid: 'cus_1', completed: false },
    'GET',
    '/v1/tasks?customer_uuid=cus_1&completed=false&per_page=10',
  ],
  createTask: [
    {
      customer_uuid: 'cus_1',
      task_details: 'Call back',
      assignee: 'owner@example.com',
      due_date: '2025-04-30',
    },
    'POST',
    '/v1/tasks',
    {
      customer_uuid: 'cus_1',
      task_details: 'Call back',
      assignee: 'owner@example.com',
      due_date: '2025-04-30T00:00:00.000Z',
    },
  ],
  getTask: [{ task_uuid: 't1' }, 'GET', '/v1/tasks/t1'],
  updateTask: [
    { task_uuid: 't1', completed_at: '2025-05-01T10:00:00Z' },
    'PATCH',
    '/v1/tasks/t1',
    { completed_at: '2025-05-01T10:00:00.000Z' },
  ],
  deleteTask: [{ task_uuid: 't1' }, 'DELETE', '/v1/tasks/t1'],

  listOpportunities: [
    { pipeline: 'New Business', estimated_close_date_on_or_after: '2024-03-01' },
    'GET',
    '/v1/opportunities?pipeline=New%20Business&estimated_close_date_on_or_after=2024-03-01&per_page=10',
  ],
  createOpportunity: [
    {
      customer_uuid: 'cus_1',
      owner: 'owner@example.com',
      pipeline: 'New Business',
      pipeline_stage: 'Discovery',
      estimated_close_date: '2024-03-30',
      currency: 'usd',
      amount_in_cents: 100000,
      type: 'one-time',
      forecast_category: 'best_case',
      win_likelihood: 30,
      custom: [{ type: 'Boolean', key: 'from_campaign', value: 'true' }],
    },
    'POST',
    '/v1/opportunities',
    {
      customer_uuid: 'cus_1',
      owner: 'owner@example.com',
      pipeline: 'New Business',
      pipeline_stage: 'Discovery',
      estimated_close_date: '2024-03-30',
      currency: 'USD',
      amount_in_cents: 100000,
      type: 'one-time',
      forecast_category: 'best_case',
      win_likelihood: 30,
      custom: [{ key: 'from_campaign', value: true }],
    },
  ],
  getOpportunity: [{ opportunity_uuid: 'o1' }, 'GET', '/v1/opportunities/o1'],
  updateOpportunity: [
    { opportunity_uuid: 'o1', estimated_close_date: '2024-04-30' },
    'PATCH',
    '/v1/opportunities/o1',
    { estimated_close_date: '2024-04-30' },
  ],
  deleteOpportunity: [{ opportunity_uuid: 'o1' }, 'DELETE', '/v1/opportunities/o1'],

  listSubscriptionEvents: [
    { data_source_uuid: 'ds_1', event_type: 'subscription_start' },
    'GET',
    '/v1/subscription_events?data_source_uuid=ds_1&event_type=subscription_start&per_page=10',
  ],
  createSubscriptionEvent: [
    {
      data_source_uuid: 'ds_1',
      customer_external_id: 'cus_001',
      subscription_external_id: 'sub_001',
      event_type: 'subscription_start',
      event_date: '2023-09-30T23:00:00Z',
      effective_date: '2023-09-30T23:00:00Z',
      plan_external_id: 'gold_monthly',
      currency: 'eur',
      amount_in_cents: 100,
      quantity: 1,
    },
    'POST',
    '/v1/subscription_events',
    {
      subscription_event: {
        data_source_uuid: 'ds_1',
        customer_external_id: 'cus_001',
        subscription_external_id: 'sub_001',
        event_type: 'subscription_start',
        event_date: '2023-09-30T23:00:00.000Z',
        effective_date: '2023-09-30T23:00:00.000Z',
        plan_external_id: 'gold_monthly',
        currency: 'EUR',
        amount_in_cents: 100,
        quantity: 1,
      },
    },
  ],
  updateSubscriptionEvent: [
    { data_source_uuid: 'ds_1', subscription_event_id: 7, external_id: 'ev_2' },
    'PATCH',
    '/v1/subscription_events',
    { subscription_event: { id: 7, external_id: 'ev_2' } },
  ],
  disableSubscriptionEvent: [
    { subscription_event_id: 7, disabled: true },
    'PATCH',
    '/v1/subscription_events/7/disabled_state',
    { disabled: true },
  ],
  deleteSubscriptionEvent: [
    { subscription_event_id: 7 },
    'DELETE',
    '/v1/subscription_events',
    { subscription_event: { id: 7 } },
  ],
};
