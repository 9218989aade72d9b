/** Shapes of data sources, plans, plan groups, invoices and subscriptions, key for key as recorded. */
import type { Store } from '../store/context';
import type { DataSourceRow } from '../store/dataSources';
import { processedInvoices } from '../store/dataSources';
import { findPlan, planGroupSize, type PlanGroupRow, type PlanRow } from '../store/plans';
import { lineItemsOf, transactionsOf, type InvoiceRow } from '../store/invoices';
import { invoiceState, lineItemView, transactionView } from './invoiceParts';
import {
  cancellationDates,
  latestCancellation,
  latestPeriod,
  type SubscriptionRow,
} from '../store/subscriptions';
import { isCancelled, monthlyAmount } from '../store/status';
import { findCustomerById } from '../store/customers';
import { findDataSourceById } from '../store/dataSources';
import { currencySign } from '../lib/locale';
import { isoMillis, isoOffset } from '../lib/time';
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

export type InvoiceFlavour = 'import' | 'retrieve' | 'list';

/**
 * The import response is the recorded 2023 shape (no customer_uuid); every other read adds the edit-era
 * keys (status, disabled state, balance_transfer … — reference §g.7).
 */
export function invoiceView(store: Store, row: InvoiceRow, flavour: InvoiceFlavour): Record<string, unknown> {
  const withState = flavour !== 'import';
  const lineItems = lineItemsOf(store, row.id).map((li) => lineItemView(store, li, withState));
  const view: Record<string, unknown> = {
    uuid: row.uuid,
    date: isoMillis(row.date),
    due_date: isoMillis(row.due_date),
    errors: {},
    external_id: row.external_id,
    currency: row.currency,
  };
  if (flavour !== 'import') view.customer_uuid = customerUuid(store, row.customer_id);
  if (withState) Object.assign(view, invoiceState(store, row));
  view.line_items = lineItems;
  view.transactions = transactionsOf(store, row.id).map((tx) => transactionView(tx, withState));
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
  const latest = latestPeriod(store, sub.id);
  const view: Record<string, unknown> = {
    external_id: sub.external_id,
    uuid: sub.uuid,
    cancellation_dates: cancellationDates(sub).map((d) => isoMillis(d)),
  };
  if (sub.set_external_id !== null) view.subscription_set_external_id = sub.set_external_id;
  view.plan_uuid = latest?.plan_uuid ?? null;
  if (withCustomer) view.customer_uuid = findCustomerById(store, sub.customer_id).uuid;
  view.data_source_uuid = findDataSourceById(store, sub.data_source_id).uuid;
  return view;
}

/** Metrics-API subscription: plain uuid, hyphenated keys, plan by name. */
export function metricsSubscriptionView(store: Store, sub: SubscriptionRow): Record<string, unknown> {
  const latest = latestPeriod(store, sub.id);
  const first = sql(
    store.db,
    `SELECT MIN(service_period_start) AS start FROM line_items
     WHERE subscription_id IN (SELECT id FROM subscriptions WHERE id = @id OR connected_to = @id)`,
  ).get({ id: sub.id }) as {
    start: number | null;
  };
  const plan = latest?.plan_uuid ? findPlan(store, latest.plan_uuid) : undefined;
  const cancelled = isCancelled(sub, latest);
  const mrr = latest && !cancelled ? monthlyAmount(latest, plan) : 0;
  const end = cancelled ? (latestCancellation(sub) ?? null) : (latest?.service_period_end ?? null);
  const currency = latest?.currency ?? 'USD';
  return {
    id: sub.id,
    external_id: sub.external_id,
    subscription_set_external_id: sub.set_external_id ?? sub.external_id,
    quantity: latest?.quantity ?? 1,
    uuid: sub.metrics_uuid,
    mrr,
    arr: mrr * 12,
    status: cancelled ? 'inactive' : 'active',
    plan: plan?.name ?? null,
    'billing-cycle': plan?.interval_unit ?? 'month',
    'billing-cycle-count': plan?.interval_count ?? 1,
    'start-date': isoOffset(first.start),
    'end-date': isoOffset(end),
    currency,
    'currency-sign': currencySign(currency),
  };
}
