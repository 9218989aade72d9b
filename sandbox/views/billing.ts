/** Shapes of data sources, plans, plan groups, invoices and subscriptions, key for key as recorded. */
import type { Store } from '../store/context';
import type { DataSourceRow } from '../store/dataSources';
import { processedInvoices } from '../store/dataSources';
import { planGroupSize, type PlanGroupRow, type PlanRow } from '../store/plans';
import { lineItemsOf, transactionsOf, type InvoiceRow } from '../store/invoices';
import { invoiceState, lineItemView, transactionView } from './invoiceParts';
import { cancellationDates, type SubscriptionRow } from '../store/subscriptions';
import { derivedPlanUuid } from '../analytics/views/subscriptions';
import { findCustomerById } from '../store/customers';
import { findDataSourceById } from '../store/dataSources';
import { isoMillis } from '../lib/time';
import { sql } from '../store/context';

export interface DataSourceExtras {
  processingStatus?: boolean;
  autoChurn?: boolean;
  invoiceHandling?: boolean;
}

const INVOICE_HANDLING = {
  create_subscription_when_invoice_is: 'open',
  update_subscription_when_invoice_is: 'open',
  prevent_subscription_for_invoice_voided: true,
  prevent_subscription_for_invoice_refunded: false,
  prevent_subscription_for_invoice_written_off: true,
};

export function dataSourceView(
  store: Store,
  row: DataSourceRow,
  extras: DataSourceExtras = {},
): Record<string, unknown> {
  const view: Record<string, unknown> = {
    uuid: row.uuid,
    name: row.name,
    system: row.system,
    created_at: isoMillis(row.created_at),
    status: 'idle',
  };
  if (extras.processingStatus)
    view.processing_status = { processed: processedInvoices(store, row.id), failed: 0, pending: 0 };
  if (extras.autoChurn) view.auto_churn_subscription_setting = { enabled: false, interval: 30 };
  if (extras.invoiceHandling)
    view.invoice_handling_setting = { manual: { ...INVOICE_HANDLING }, automatic: { ...INVOICE_HANDLING } };
  return view;
}

export function planView(store: Store, row: PlanRow): Record<string, unknown> {
  return {
    uuid: row.uuid,
    data_source_uuid: findDataSourceById(store, row.data_source_id).uuid,
    name: row.name,
    interval_count: row.interval_count,
    interval_unit: row.interval_unit,
    external_id: row.external_id,
  };
}

export function planGroupView(store: Store, row: PlanGroupRow): Record<string, unknown> {
  return { name: row.name, uuid: row.uuid, plans_count: planGroupSize(store, row.id) };
}

export type InvoiceFlavour = 'import' | 'retrieve' | 'list' | 'edit';

/**
 * The recorded shapes: the import response omits customer_uuid, the all-invoices list adds balance_transfer
 * to each line item. 'edit' (the 2025–26 edit endpoints, and reads asking `with_disabled=true`) adds the
 * edit-era keys (status, disabled state, plan_external_id … — reference §g.7).
 */
export function invoiceView(store: Store, row: InvoiceRow, flavour: InvoiceFlavour): Record<string, unknown> {
  const edit = flavour === 'edit';
  let lineItems = lineItemsOf(store, row.id).map((li) => lineItemView(store, li, edit));
  if (flavour === 'list') lineItems = lineItems.map((li) => ({ ...li, balance_transfer: null }));
  const view: Record<string, unknown> = {
    uuid: row.uuid,
    date: isoMillis(row.date),
    due_date: isoMillis(row.due_date),
    errors: {},
    external_id: row.external_id,
    currency: row.currency,
  };
  if (flavour !== 'import') view.customer_uuid = customerUuid(store, row.customer_id);
  if (edit) Object.assign(view, invoiceState(store, row));
  view.line_items = lineItems;
  view.transactions = transactionsOf(store, row.id).map((tx) => transactionView(tx, edit));
  return view;
}

function customerUuid(store: Store, customerId: number): string {
  return (sql(store.db, 'SELECT uuid FROM customers WHERE id = ?').get(customerId) as { uuid: string }).uuid;
}

/** Import-API subscription (list entries; the cancel response adds customer_uuid). */
export function importSubscriptionView(
  store: Store,
  sub: SubscriptionRow,
  withCustomer: boolean,
): Record<string, unknown> {
  const view: Record<string, unknown> = {
    external_id: sub.external_id,
    uuid: sub.uuid,
    cancellation_dates: cancellationDates(sub).map((d) => isoMillis(d)),
  };
  if (sub.set_external_id !== null) view.subscription_set_external_id = sub.set_external_id;
  view.plan_uuid = derivedPlanUuid(store, sub.id);
  if (withCustomer) view.customer_uuid = findCustomerById(store, sub.customer_id).uuid;
  view.data_source_uuid = findDataSourceById(store, sub.data_source_id).uuid;
  return view;
}
