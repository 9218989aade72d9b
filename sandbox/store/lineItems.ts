/**
 * Line items: stored as the object the API returns (`data`) plus the columns queries read. A subscription
 * line item names its subscription (made on first mention, per customer and subscription_external_id).
 */
import { insertRow, rowBy, sql, updateColumns, type Store } from './context';
import type { InvoiceRow, LineItemInput } from './invoices';
import { addCancellation, findOrCreateSubscription } from './subscriptions';

export interface LineItemRow {
  id: number;
  uuid: string;
  invoice_id: number;
  data_source_id: number;
  external_id: string | null;
  type: string;
  subscription_id: number | null;
  plan_uuid: string | null;
  service_period_start: number | null;
  service_period_end: number | null;
  amount_in_cents: number;
  tax_amount_in_cents: number;
  quantity: number | null;
  data: string;
  disabled: number;
  disabled_at: number | null;
  disabled_by: string | null;
}

export function findLineItem(store: Store, uuid: string): LineItemRow | undefined {
  return rowBy<LineItemRow>(store.db, 'line_items', 'uuid', uuid);
}

export function findLineItemByExternalId(
  store: Store,
  dataSourceId: number,
  externalId: string,
): LineItemRow | undefined {
  return sql(store.db, 'SELECT * FROM line_items WHERE data_source_id = ? AND external_id = ?').get(
    dataSourceId,
    externalId,
  ) as LineItemRow | undefined;
}

/** The stored columns of a line item (and its subscription, made or found). */
function columnsOf(
  store: Store,
  invoice: InvoiceRow,
  uuid: string,
  item: LineItemInput,
): Record<string, unknown> {
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
  return {
    external_id: item.external_id,
    type: item.type,
    subscription_id: subscriptionId,
    plan_uuid: sub?.plan_uuid ?? null,
    service_period_start: sub?.service_period_start ?? null,
    service_period_end: sub?.service_period_end ?? null,
    amount_in_cents: item.amount_in_cents,
    tax_amount_in_cents: item.tax_amount_in_cents,
    quantity: item.quantity,
    data: JSON.stringify(output),
  };
}

export function insertLineItem(store: Store, invoice: InvoiceRow, item: LineItemInput): LineItemRow {
  const uuid = store.ids.prefixed('li');
  const row = {
    uuid,
    invoice_id: invoice.id,
    data_source_id: invoice.data_source_id,
    ...columnsOf(store, invoice, uuid, item),
  };
  insertRow(store.db, 'line_items', row);
  return findLineItem(store, uuid)!;
}

/** Replaces a line item's content with `item` (its uuid and invoice stay); subscriptions left empty go. */
export function replaceLineItem(
  store: Store,
  invoice: InvoiceRow,
  row: LineItemRow,
  item: LineItemInput,
): LineItemRow {
  updateColumns(store.db, 'line_items', row.id, columnsOf(store, invoice, row.uuid, item));
  removeEmptySubscriptions(store, invoice.customer_id);
  return findLineItem(store, row.uuid)!;
}

export function deleteLineItem(store: Store, row: LineItemRow, customerId: number): void {
  sql(store.db, 'DELETE FROM line_items WHERE id = ?').run(row.id);
  removeEmptySubscriptions(store, customerId);
}

export function lineItemCount(store: Store, invoiceId: number): number {
  return (
    sql(store.db, 'SELECT COUNT(*) AS n FROM line_items WHERE invoice_id = ?').get(invoiceId) as { n: number }
  ).n;
}

/**
 * A subscription exists while a line item or a subscription event names it: one whose last item went, and
 * that no event names, is removed (an event-only subscription keeps its identity, sandbox/analytics).
 */
export function removeEmptySubscriptions(store: Store, customerId?: number): void {
  sql(
    store.db,
    `DELETE FROM subscriptions WHERE (@customer IS NULL OR customer_id = @customer)
       AND NOT EXISTS (SELECT 1 FROM line_items WHERE subscription_id = subscriptions.id)
       AND NOT EXISTS (SELECT 1 FROM subscription_events e
                       WHERE e.customer_id = subscriptions.customer_id
                         AND e.subscription_external_id = subscriptions.external_id)`,
  ).run({ customer: customerId ?? null });
}
