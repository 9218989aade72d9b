/**
 * Invoices with their line items and transactions. Line items and transactions are stored as the JSON object
 * the API returns (plus indexed columns for what queries need), so reads need no reassembly.
 */
import { sql, type Store } from './context';
import { keysetQuery, type KeysetList, type KeysetQuery } from './keyset';
import { findOrCreateSubscription, addCancellation } from './subscriptions';

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
  return sql(store.db, 'SELECT * FROM invoices WHERE uuid = ?').get(uuid) as InvoiceRow | undefined;
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
  const invoice: InvoiceRow = { id: Number(lastInsertRowid), ...row };
  for (const item of input.line_items) insertLineItem(store, invoice, item);
  for (const tx of input.transactions) insertTransaction(store, invoice, tx);
  return invoice;
}

function insertLineItem(store: Store, invoice: InvoiceRow, item: LineItemInput): void {
  const uuid = store.ids.prefixed('li');
  let subscriptionId: number | null = null;
  let output: Record<string, unknown> = { uuid, ...item.output };
  const sub = item.subscription;
  if (sub) {
    const subscription = findOrCreateSubscription(store, invoice, sub.external_id, sub.set_external_id);
    subscriptionId = subscription.id;
    if (sub.cancelled_at !== null) addCancellation(store, subscription, sub.cancelled_at);
    // subscription_uuid sits right after type in ChartMogul's output.
    const { external_id, type, ...rest } = item.output;
    output = { uuid, external_id, type, subscription_uuid: subscription.uuid, ...rest };
  }
  sql(
    store.db,
    `INSERT INTO line_items(uuid, invoice_id, data_source_id, external_id, type, subscription_id, plan_uuid,
       service_period_start, service_period_end, amount_in_cents, tax_amount_in_cents, quantity, data)
     VALUES (@uuid, @invoice_id, @data_source_id, @external_id, @type, @subscription_id, @plan_uuid,
       @start, @end, @amount, @tax, @quantity, @data)`,
  ).run({
    uuid,
    invoice_id: invoice.id,
    data_source_id: invoice.data_source_id,
    external_id: item.external_id,
    type: item.type,
    subscription_id: subscriptionId,
    plan_uuid: sub?.plan_uuid ?? null,
    start: sub?.service_period_start ?? null,
    end: sub?.service_period_end ?? null,
    amount: item.amount_in_cents,
    tax: item.tax_amount_in_cents,
    quantity: item.quantity,
    data: JSON.stringify(output),
  });
}

export function insertTransaction(
  store: Store,
  invoice: InvoiceRow,
  tx: TransactionInput,
): Record<string, unknown> {
  const uuid = store.ids.prefixed('tr');
  const output = { uuid, ...tx.output };
  sql(
    store.db,
    `INSERT INTO transactions(uuid, invoice_id, data_source_id, external_id, type, result, date, data)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    uuid,
    invoice.id,
    invoice.data_source_id,
    tx.external_id,
    tx.type,
    tx.result,
    tx.date,
    JSON.stringify(output),
  );
  return output;
}

export function lineItemsOf(store: Store, invoiceId: number): Record<string, unknown>[] {
  return (
    sql(store.db, 'SELECT data FROM line_items WHERE invoice_id = ? ORDER BY id').all(invoiceId) as {
      data: string;
    }[]
  ).map((r) => JSON.parse(r.data) as Record<string, unknown>);
}

export function transactionsOf(store: Store, invoiceId: number): Record<string, unknown>[] {
  return (
    sql(store.db, 'SELECT data FROM transactions WHERE invoice_id = ? ORDER BY id').all(invoiceId) as {
      data: string;
    }[]
  ).map((r) => JSON.parse(r.data) as Record<string, unknown>);
}

/** Deletes an invoice and the subscriptions left without any line item. */
export function deleteInvoices(store: Store, where: { id?: number; customerId?: number }): void {
  const db = store.db;
  if (where.id !== undefined) sql(db, 'DELETE FROM invoices WHERE id = ?').run(where.id);
  if (where.customerId !== undefined)
    sql(db, 'DELETE FROM invoices WHERE customer_id = ?').run(where.customerId);
  sql(
    db,
    'DELETE FROM subscriptions WHERE NOT EXISTS (SELECT 1 FROM line_items WHERE subscription_id = subscriptions.id)',
  ).run();
}

export interface InvoiceFilter {
  customerId?: number;
  dataSourceId?: number;
  externalId?: string;
}

/** Newest imported first, as the recordings list them. */
const INVOICES: KeysetList<InvoiceRow> = { table: 'invoices', order: 'id desc', key: 'created_at' };

export function invoicesMatching(filter: InvoiceFilter): KeysetQuery<InvoiceRow> {
  return keysetQuery(INVOICES, {
    customer: ['customer_id = @customer', filter.customerId],
    ds: ['data_source_id = @ds', filter.dataSourceId],
    ext: ['external_id = @ext', filter.externalId],
  });
}
