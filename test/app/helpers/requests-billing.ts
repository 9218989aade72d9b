// Dry-run cases of the invoice, line item and transaction edit modules (ChartMogul's 2025–26 endpoints).
import type { RequestCase } from './requests';

const narrow = { customer_uuid: 'cus_1', invoice_uuid: 'inv_1' }; // only fill the select lists

export const BILLING_REQUESTS: Record<string, RequestCase> = {
  updateInvoice: [
    { customer_uuid: 'cus_1', invoice_uuid: 'inv_1', due_date: '2025-02-01', currency: 'eur' },
    'PATCH',
    '/v1/invoices/inv_1',
    { due_date: '2025-02-01T00:00:00.000Z', currency: 'EUR' },
  ],
  setInvoiceStatus: [
    { data_source_uuid: 'ds_1', external_id: 'INV 1', status: 'written_off' },
    'PUT',
    '/v1/data_sources/ds_1/invoices/INV%201/status',
    { status: 'written_off' },
  ],
  disableInvoice: [
    { invoice_uuid: 'inv_1', disabled: true },
    'PATCH',
    '/v1/invoices/inv_1/disabled_state',
    { disabled: true },
  ],
  createLineItem: [
    { ...narrow, type: 'one_time', amount_in_cents: 2500, description: 'Setup fee' },
    'POST',
    '/v1/import/invoices/inv_1/line_items',
    { type: 'one_time', amount_in_cents: 2500, description: 'Setup fee' },
  ],
  getLineItem: [{ ...narrow, line_item_uuid: 'li_1' }, 'GET', '/v1/line_items/li_1'],
  updateLineItem: [
    { ...narrow, line_item_uuid: 'li_1', amount_in_cents: 3000, quantity: 2 },
    'PATCH',
    '/v1/line_items/li_1',
    { amount_in_cents: 3000, quantity: 2 },
  ],
  disableLineItem: [
    { line_item_uuid: 'li_1', disabled: false },
    'PATCH',
    '/v1/line_items/li_1/disabled_state',
    { disabled: false },
  ],
  deleteLineItem: [{ line_item_uuid: 'li_1' }, 'DELETE', '/v1/line_items/li_1'],
  getTransaction: [{ ...narrow, transaction_uuid: 'tr_1' }, 'GET', '/v1/transactions/tr_1'],
  updateTransaction: [
    { transaction_uuid: 'tr_1', result: 'failed' },
    'PATCH',
    '/v1/transactions/tr_1',
    { result: 'failed' },
  ],
  disableTransaction: [
    { transaction_uuid: 'tr_1', disabled: true },
    'PATCH',
    '/v1/transactions/tr_1/disabled_state',
    { disabled: true },
  ],
  deleteTransaction: [{ transaction_uuid: 'tr_1' }, 'DELETE', '/v1/transactions/tr_1'],
};
