/**
 * Invoices with their line items and transactions. Line items and transactions are stored as the JSON object
 * the API returns (plus indexed columns for what queries need), so reads need no reassembly.
 */
import { rowBy, sql, type Store } from './context';
import { keysetQuery, type KeysetList, type KeysetQuery } from './keyset';
import { insertLineItem, removeEmptySubscriptions, type LineItemRow } from './lineItems';
import { insertTransaction, type TransactionRow } from './transactions';

export interface InvoiceRow {
  id: number;
  uuid: string;
  customer_id: number;
  data_source_id: number;
  external_id: string;
  date: number;
  due_date: number | null;
  currency: string;
  created_at: number;
  /** voided or written_off once set; null while the status is computed from the transactions. */
  status: string | null;
  collection_method: string;
  disabled: number;
  disabled_at: number | null;
  disabled_by: string | null;
}

/** A validated line item, ready to store (see routes/invoiceInput.ts). */
export interface LineItemInput {
  type: 'subscription' | 'one_time';
  external_id: string | null;
  amount_in_cents: number;
  quantity: number | null;
  tax_amount_in_cents: number;
  output: Record<string, unknown>;
  subscription?: {
    external_id: string;
    set_external_id: string | null;
    plan_uuid: string;
    service_period_start: number;
    service_period_end: number;
    cancelled_at: number | null;
  };
}

export interface TransactionInput {
  external_id: string | null;
  type: string;
  result: string;
  date: number;
  output: Record<string, unknown>;
}

export interface InvoiceInput {
  external_id: string;
  date: number;
  due_date: number | null;
  currency: string;
  line_items: LineItemInput[];
  transactions: TransactionInput[];
}

export function findInvoice(store: Store, uuid: string): InvoiceRow | undefined {
  return rowBy<InvoiceRow>(store.db, 'invoices', 'uuid', uuid);
}

export function findInvoiceById(store: Store, id: number): InvoiceRow {
  return rowBy<InvoiceRow>(store.db, 'invoices', 'id', id)!;
}

export function findInvoiceByExternalId(
  store: Store,
  dataSourceId: number,
  externalId: string,
): InvoiceRow | undefined {
  return sql(store.db, 'SELECT * FROM invoices WHERE data_source_id = ? AND external_id = ?').get(
    dataSourceId,
    externalId,
  ) as InvoiceRow | undefined;
}

/** Stores one invoice for the customer, deriving subscriptions from its subscription line items. */
export function insertInvoice(
  store: Store,
  customer: { id: number; data_source_id: number },
  input: InvoiceInput,
): InvoiceRow {
  const row = {
    uuid: store.ids.prefixed('inv'),
    customer_id: customer.id,
    data_source_id: customer.data_source_id,
    external_id: input.external_id,
    date: input.date,
    due_date: input.due_date,
    currency: input.currency,
    created_at: store.clock.now(),
  };
  const { lastInsertRowid } = sql(
    store.db,
    `INSERT INTO invoices(uuid, customer_id, data_source_id, external_id, date, due_date, currency, created_at)
     VALUES (@uuid, @customer_id, @data_source_id, @external_id, @date, @due_date, @currency, @created_at)`,
  ).run(row);
  const invoice = findInvoiceById(store, Number(lastInsertRowid));
  for (const item of input.line_items) insertLineItem(store, invoice, item);
  for (const tx of input.transactions) insertTransaction(store, invoice, tx);
  return invoice;
}

export function lineItemsOf(store: Store, invoiceId: number): LineItemRow[] {
  return sql(store.db, 'SELECT * FROM line_items WHERE invoice_id = ? ORDER BY id').all(
    invoiceId,
  ) as LineItemRow[];
}

export function transactionsOf(store: Store, invoiceId: number): TransactionRow[] {
  return sql(store.db, 'SELECT * FROM transactions WHERE invoice_id = ? ORDER BY id').all(
    invoiceId,
  ) as TransactionRow[];
}

/**
 * voided or written_off when set; otherwise computed from the enabled transactions: refunded after a
 * successful refund, paid after a successful payment, else open.
 */
export function invoiceStatus(store: Store, invoice: InvoiceRow): string {
  if (invoice.status) return invoice.status;
  const row = sql(
    store.db,
    `SELECT
       EXISTS(SELECT 1 FROM transactions WHERE invoice_id = @id AND disabled = 0 AND result = 'successful' AND type = 'refund') AS refunded,
       EXISTS(SELECT 1 FROM transactions WHERE invoice_id = @id AND disabled = 0 AND result = 'successful' AND type = 'payment') AS paid`,
  ).get({ id: invoice.id }) as { refunded: number; paid: number };
  return row.refunded ? 'refunded' : row.paid ? 'paid' : 'open';
}

/**
 * Deletes an invoice (or all of a customer's) and that customer's subscriptions left without any line item:
 * only that customer's, as only that customer is derived again (and no delete scans every subscription).
 */
export function deleteInvoices(store: Store, where: { id?: number; customerId?: number }): void {
  const db = store.db;
  let customerId = where.customerId;
  if (where.id !== undefined) {
    const row = sql(db, 'SELECT customer_id FROM invoices WHERE id = ?').get(where.id) as
      { customer_id: number } | undefined;
    customerId ??= row?.customer_id;
    sql(db, 'DELETE FROM invoices WHERE id = ?').run(where.id);
  }
  if (where.customerId !== undefined)
    sql(db, 'DELETE FROM invoices WHERE customer_id = ?').run(where.customerId);
  if (customerId !== undefined) removeEmptySubscriptions(store, customerId);
}

export interface InvoiceFilter {
  customerId?: number;
  dataSourceId?: number;
  externalId?: string;
  /** Disabled invoices are listed only when asked for (`with_disabled=true`). */
  withDisabled?: boolean;
}

/** Whether any invoice is disabled: while none is, lists need no condition (and keep their cheap counts). */
export function anyInvoiceDisabled(store: Store): boolean {
  return sql(store.db, 'SELECT 1 FROM invoices WHERE disabled = 1 LIMIT 1').get() !== undefined;
}

/** Newest imported first, as the recordings list them. */
const INVOICES: KeysetList<InvoiceRow> = { table: 'invoices', order: 'id desc', key: 'created_at' };

export function invoicesMatching(filter: InvoiceFilter): KeysetQuery<InvoiceRow> {
  return keysetQuery(INVOICES, {
    customer: ['customer_id = @customer', filter.customerId],
    ds: ['data_source_id = @ds', filter.dataSourceId],
    ext: ['external_id = @ext', filter.externalId],
    enabled: ['disabled = @enabled', filter.withDisabled ? undefined : 0],
  });
}
