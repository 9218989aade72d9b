// Dry-run cases of the polling triggers: the first page each asks for, before any state (a first poll).
import type { RequestCase } from './requests';

export const TRIGGER_REQUESTS: Record<string, RequestCase> = {
  watchActivities: [
    { types: ['churn'], limit: 5 },
    'GET',
    '/v1/activities?type=churn&order=date&per_page=200',
  ],
  watchCustomers: [{ data_source_uuid: 'ds_1' }, 'GET', '/v1/customers?data_source_uuid=ds_1&per_page=200'],
  watchInvoices: [{ customer_uuid: 'cus_1' }, 'GET', '/v1/invoices?customer_uuid=cus_1&per_page=200'],
  watchSubscriptionEvents: [
    { event_type: 'subscription_cancelled' },
    'GET',
    '/v1/subscription_events?event_type=subscription_cancelled&per_page=200',
  ],
  watchContacts: [{}, 'GET', '/v1/contacts?per_page=200'],
  watchNotes: [{ type: 'call' }, 'GET', '/v1/customer_notes?type=call&per_page=200'],
  watchTasks: [
    { assignee: 'owner@example.com' },
    'GET',
    '/v1/tasks?assignee=owner%40example.com&per_page=200',
  ],
  watchOpportunities: [{ pipeline: 'Upsell' }, 'GET', '/v1/opportunities?pipeline=Upsell&per_page=200'],
};
