/**
 * Reads one customer's billing facts from the billing tables (owned by the endpoint side) for the pure rules.
 * Only rows that count are read: line items of invoices that are neither disabled, voided nor written off
 * (the invoice-handling defaults, reference §a.6), transactions that are not disabled, and subscription events
 * that are not disabled. The edit-state columns (migration billing-edit-state) are looked up once per database,
 * so a database opened before that migration ran is read the same way without them.
 */
import type { Db } from '../../db/open';
import { sql, type Store } from '../../store/context';
import { findCustomerById } from '../../store/customers';
import type {
  CustomerBilling,
  EventFacts,
  IntervalUnit,
  ItemFacts,
  PlanFacts,
  SubscriptionFacts,
} from '../rules/facts';
import { readEvents } from './events';

interface Columns {
  invoiceDisabled: boolean;
  invoiceStatus: boolean;
  lineItemDisabled: boolean;
  transactionDisabled: boolean;
}

const columnsCache = new WeakMap<Db, Columns>();

export function hasColumn(db: Db, table: string, column: string): boolean {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).some(
    (c) => c.name === column,
  );
}

function columns(db: Db): Columns {
  let found = columnsCache.get(db);
  if (!found) {
    found = {
      invoiceDisabled: hasColumn(db, 'invoices', 'disabled'),
      invoiceStatus: hasColumn(db, 'invoices', 'status'),
      lineItemDisabled: hasColumn(db, 'line_items', 'disabled'),
      transactionDisabled: hasColumn(db, 'transactions', 'disabled'),
    };
    columnsCache.set(db, found);
  }
  return found;
}

/** `AND …` keeping the invoices (alias i) that count, and with `items` their line items (alias li) too. */
function countingInvoices(db: Db, items = true): string {
  const c = columns(db);
  const conditions = [
    c.invoiceDisabled ? 'COALESCE(i.disabled, 0) = 0' : '',
    c.invoiceStatus ? `COALESCE(i.status, '') NOT IN ('voided', 'written_off')` : '',
    items && c.lineItemDisabled ? 'COALESCE(li.disabled, 0) = 0' : '',
  ].filter(Boolean);
  return conditions.length ? `AND ${conditions.join(' AND ')}` : '';
}

/** `AND …` keeping the transactions (alias t) that count. */
function countingTransactions(db: Db): string {
  return columns(db).transactionDisabled ? 'AND COALESCE(t.disabled, 0) = 0' : '';
}

interface ItemRow {
  id: number;
  subscription_id: number;
  type: string;
  plan_uuid: string | null;
  service_period_start: number;
  service_period_end: number;
  amount_in_cents: number;
  tax_amount_in_cents: number;
  quantity: number | null;
  data: string;
  currency: string;
  invoice_id: number;
}

function readItems(store: Store, customerId: number): ItemFacts[] {
  const rows = sql(
    store.db,
    `SELECT li.id, li.subscription_id, li.type, li.plan_uuid, li.service_period_start, li.service_period_end,
            li.amount_in_cents, li.tax_amount_in_cents, li.quantity, li.data, i.currency, i.id AS invoice_id
     FROM subscriptions s JOIN line_items li ON li.subscription_id = s.id JOIN invoices i ON i.id = li.invoice_id
     WHERE s.customer_id = ? AND li.service_period_start IS NOT NULL ${countingInvoices(store.db)}
     ORDER BY li.id`,
  ).all(customerId) as ItemRow[];
  const paid = new Map<number, number[]>();
  const payments = sql(
    store.db,
    `SELECT t.invoice_id, t.date FROM invoices i JOIN transactions t ON t.invoice_id = i.id
     WHERE i.customer_id = ? AND t.type = 'payment' AND t.result = 'successful' ${countingTransactions(store.db)}`,
  ).all(customerId) as { invoice_id: number; date: number }[];
  for (const p of payments) paid.set(p.invoice_id, [...(paid.get(p.invoice_id) ?? []), p.date]);
  return rows.map((r) => {
    const data = JSON.parse(r.data) as Record<string, unknown>;
    return {
      id: r.id,
      subscriptionId: r.subscription_id,
      kind: r.type === 'trial' ? 'trial' : 'subscription',
      planUuid: r.plan_uuid,
      start: r.service_period_start,
      end: r.service_period_end,
      amount: r.amount_in_cents,
      tax: r.tax_amount_in_cents,
      quantity: r.quantity ?? 1,
      currency: r.currency,
      prorated: data.prorated === true,
      prorationType: typeof data.proration_type === 'string' ? data.proration_type : null,
      eventOrder: typeof data.event_order === 'number' ? data.event_order : null,
      paidAt: paid.get(r.invoice_id) ?? [],
    };
  });
}

function readSubscriptions(store: Store, customerId: number): SubscriptionFacts[] {
  const rows = sql(
    store.db,
    `SELECT id, uuid, metrics_uuid, external_id, set_external_id, connected_to, cancellation_dates
     FROM subscriptions WHERE customer_id = ? ORDER BY id`,
  ).all(customerId) as {
    id: number;
    uuid: string;
    metrics_uuid: string;
    external_id: string;
    set_external_id: string | null;
    connected_to: number | null;
    cancellation_dates: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    uuid: r.uuid,
    metricsUuid: r.metrics_uuid,
    externalId: r.external_id,
    setExternalId: r.set_external_id,
    connectedTo: r.connected_to,
    cancellations: JSON.parse(r.cancellation_dates) as number[],
  }));
}

interface PlanRow {
  uuid: string;
  external_id: string;
  name: string;
  interval_unit: string;
  interval_count: number;
}

export function planFacts(row: PlanRow): PlanFacts {
  return {
    uuid: row.uuid,
    externalId: row.external_id,
    name: row.name,
    intervalUnit: row.interval_unit as IntervalUnit,
    intervalCount: row.interval_count,
  };
}

function readPlans(store: Store, uuids: Iterable<string | null>): Map<string, PlanFacts> {
  const plans = new Map<string, PlanFacts>();
  const find = sql(
    store.db,
    'SELECT uuid, external_id, name, interval_unit, interval_count FROM plans WHERE uuid = ?',
  );
  for (const uuid of uuids) {
    if (uuid === null || plans.has(uuid)) continue;
    const row = find.get(uuid) as PlanRow | undefined;
    if (row) plans.set(uuid, planFacts(row));
  }
  return plans;
}

/** The latest invoice has a failed payment and no successful one (docs/decisions.md, "Sandbox"). */
function latestInvoicePastDue(store: Store, customerId: number): boolean {
  const row = sql(
    store.db,
    `SELECT
       (SELECT COUNT(*) FROM transactions t WHERE t.invoice_id = i.id AND t.result = 'failed' ${countingTransactions(store.db)}) AS failed,
       (SELECT COUNT(*) FROM transactions t WHERE t.invoice_id = i.id AND t.result = 'successful' AND t.type = 'payment' ${countingTransactions(store.db)}) AS paid
     FROM invoices i WHERE i.customer_id = ? ${countingInvoices(store.db, false)} ORDER BY i.date DESC, i.id DESC LIMIT 1`,
  ).get(customerId) as { failed: number; paid: number } | undefined;
  return row !== undefined && row.failed > 0 && row.paid === 0;
}

/** The customer's billing facts, or undefined when the customer no longer exists. */
export function readBilling(store: Store, customerId: number): CustomerBilling | undefined {
  const customer = findCustomerById(store, customerId);
  if (!customer) return undefined;
  const subscriptions = readSubscriptions(store, customerId);
  const items = readItems(store, customerId);
  const events: EventFacts[] = readEvents(store, customer, subscriptions);
  return {
    customerId,
    leadStatus: customer.lead_status,
    plans: readPlans(store, [...items.map((i) => i.planUuid), ...events.map((e) => e.planUuid)]),
    subscriptions,
    items,
    events,
    latestInvoicePastDue: latestInvoicePastDue(store, customerId),
  };
}
