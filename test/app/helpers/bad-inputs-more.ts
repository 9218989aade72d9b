// Bad input for the CRM, subscription event, billing edit and analytics modules:
// [module, what is wrong, parameters, the field the error must name].
type BadInput = [string, string, Record<string, unknown>, string];

const CRM: BadInput[] = [
  ['addCustomerContact', 'no data source', { customer_uuid: 'cus_x', email: 'a@b.c' }, 'data_source_uuid'],
  ['listContacts', 'limit not a number', { limit: 'all' }, 'limit'],
  ['createContact', 'no customer', { data_source_uuid: 'ds_x', email: 'a@b.c' }, 'customer_uuid'],
  ['getContact', 'no contact', { customer_uuid: 'cus_x' }, 'contact_uuid'],
  ['updateContact', 'position 0', { contact_uuid: 'con_x', position: 0 }, 'position'],
  ['mergeContacts', 'no contact to merge away', { into_contact_uuid: 'con_x' }, 'from_contact_uuid'],
  ['deleteContact', 'no contact', {}, 'contact_uuid'],
  ['listNotes', 'unknown type', { type: 'email' }, 'type'],
  ['createNote', 'no text', { customer_uuid: 'cus_x', type: 'note' }, 'text'],
  ['getNote', 'no note', {}, 'note_uuid'],
  ['updateNote', 'call duration negative', { note_uuid: 'note_x', call_duration: -5 }, 'call_duration'],
  ['deleteNote', 'no note', {}, 'note_uuid'],
  ['listTasks', 'due date not a date', { due_date_on_or_after: 'soon' }, 'due_date_on_or_after'],
  ['createTask', 'no due date', { customer_uuid: 'cus_x', task_details: 'x', assignee: 'a@b.c' }, 'due_date'],
  ['getTask', 'no task', {}, 'task_uuid'],
  ['updateTask', 'completed at not a date', { task_uuid: 't', completed_at: 'yes' }, 'completed_at'],
  ['deleteTask', 'no task', {}, 'task_uuid'],
  ['listOpportunities', 'limit below 1', { limit: 0 }, 'limit'],
  [
    'createOpportunity',
    'win likelihood over 100',
    {
      customer_uuid: 'cus_x',
      owner: 'a@b.c',
      pipeline: 'P',
      pipeline_stage: 'S',
      estimated_close_date: '2025-01-01',
      currency: 'USD',
      amount_in_cents: 1,
      win_likelihood: 140,
    },
    'win_likelihood',
  ],
  ['getOpportunity', 'no opportunity', {}, 'opportunity_uuid'],
  [
    'updateOpportunity',
    'unknown forecast',
    { opportunity_uuid: 'o', forecast_category: 'maybe' },
    'forecast_category',
  ],
  ['deleteOpportunity', 'no opportunity', {}, 'opportunity_uuid'],
  ['listSubscriptionEvents', 'unknown event type', { event_type: 'renewed' }, 'event_type'],
  [
    'createSubscriptionEvent',
    'no effective date',
    {
      data_source_uuid: 'ds_x',
      customer_external_id: 'c',
      subscription_external_id: 's',
      event_type: 'subscription_cancelled',
      event_date: '2025-01-01',
    },
    'effective_date',
  ],
  ['updateSubscriptionEvent', 'no event', { external_id: 'e' }, 'subscription_event_id'],
  ['disableSubscriptionEvent', 'no event', { disabled: true }, 'subscription_event_id'],
  ['deleteSubscriptionEvent', 'no event', {}, 'subscription_event_id'],
];

const BILLING: BadInput[] = [
  ['updateInvoice', 'currency of four letters', { invoice_uuid: 'inv_x', currency: 'EURO' }, 'currency'],
  [
    'setInvoiceStatus',
    'status paid (computed, not settable)',
    { data_source_uuid: 'ds_x', external_id: 'I', status: 'paid' },
    'status',
  ],
  ['disableInvoice', 'no invoice', { disabled: true }, 'invoice_uuid'],
  ['createLineItem', 'no amount', { invoice_uuid: 'inv_x', type: 'one_time' }, 'amount_in_cents'],
  ['getLineItem', 'no line item', { invoice_uuid: 'inv_x' }, 'line_item_uuid'],
  ['updateLineItem', 'quantity not a number', { line_item_uuid: 'li_x', quantity: 'two' }, 'quantity'],
  ['disableLineItem', 'no line item', { disabled: true }, 'line_item_uuid'],
  ['deleteLineItem', 'no line item', {}, 'line_item_uuid'],
  ['getTransaction', 'no transaction', {}, 'transaction_uuid'],
  ['updateTransaction', 'unknown result', { transaction_uuid: 'tr_x', result: 'pending' }, 'result'],
  ['disableTransaction', 'no transaction', { disabled: false }, 'transaction_uuid'],
  ['deleteTransaction', 'no transaction', {}, 'transaction_uuid'],
];

const ANALYTICS: BadInput[] = [
  ['getKeyMetrics', 'no start date', { end_date: '2025-01-31', interval: 'month' }, 'start_date'],
  [
    'getMetric',
    'unknown metric',
    { metric: 'nps', start_date: '2025-01-01', end_date: '2025-01-31' },
    'metric',
  ],
  ['listActivities', 'unknown type', { type: 'upgrade' }, 'type'],
  ['listCustomerActivities', 'no customer', {}, 'customer_uuid'],
  ['exportActivities', 'end date not a date', { end_date: 'today-ish' }, 'end_date'],
  ['getActivitiesExport', 'no export id', {}, 'export_id'],
];

const TRIGGERS: BadInput[] = [
  ['watchActivities', 'unknown type', { types: ['upgrade'], limit: 5 }, 'types[1]'],
  ['watchCustomers', 'no limit', { limit: null }, 'limit'],
  ['watchInvoices', 'limit 0', { limit: 0 }, 'limit'],
  ['watchSubscriptionEvents', 'unknown event type', { event_type: 'renewed', limit: 5 }, 'event_type'],
  ['watchContacts', 'limit not a number', { limit: 'ten' }, 'limit'],
  ['watchNotes', 'unknown type', { type: 'sms', limit: 5 }, 'type'],
  ['watchTasks', 'limit negative', { limit: -1 }, 'limit'],
  ['watchOpportunities', 'limit not a number', { limit: 'all' }, 'limit'],
];

export const MORE_BAD_INPUTS: BadInput[] = [...CRM, ...BILLING, ...ANALYTICS, ...TRIGGERS];
