/**
 * Derived customer state (rules in docs/decisions.md, "Sandbox"):
 * - no subscription yet → the lead status as given (New Lead by default), no customer-since, MRR 0;
 * - a subscription is cancelled when its latest cancellation date is on or after the start of its latest
 *   service period (a later invoice for the same subscription reactivates it);
 * - every subscription cancelled → Cancelled; otherwise Past Due when the customer's latest invoice has a
 *   failed transaction and no successful payment, else Active;
 * - customer-since = the earliest service period start; MRR = the sum over live subscriptions of the latest
 *   line item's amount less tax, normalised to a month by its plan's interval.
 * Computed at write time (no clock dependence), stored on the customer so lists filter and sort on an index.
 */
import { sql, type Store } from './context';
import { NO_SINCE, findCustomerById } from './customers';
import { findPlan, type PlanRow } from './plans';
import {
  latestCancellation,
  subscriptionsOfCustomer,
  periodsOfCustomer,
  type SubscriptionPeriod,
  type SubscriptionRow,
} from './subscriptions';

const DAY = 86_400_000;
const AVERAGE_MONTH = 30.4375 * DAY;

export function isCancelled(sub: SubscriptionRow, latest: SubscriptionPeriod | undefined): boolean {
  const cancelled = latestCancellation(sub);
  if (cancelled === undefined) return false;
  return latest === undefined || cancelled >= latest.service_period_start;
}

/** Monthly recurring revenue of one service period, in cents. */
export function monthlyAmount(period: SubscriptionPeriod, plan: PlanRow | undefined): number {
  const net = period.amount_in_cents - period.tax_amount_in_cents;
  if (plan) {
    const months = plan.interval_unit === 'year' ? 12 : plan.interval_unit === 'month' ? 1 : 1 / 30.4375;
    return Math.round(net / (months * plan.interval_count));
  }
  const length = Math.max(period.service_period_end - period.service_period_start, DAY);
  return Math.round((net * AVERAGE_MONTH) / length);
}

function latestPeriods(periods: SubscriptionPeriod[]): Map<number, SubscriptionPeriod> {
  const latest = new Map<number, SubscriptionPeriod>();
  for (const p of periods) latest.set(p.subscription_id, p); // periods come oldest first
  return latest;
}

function latestInvoiceIsPastDue(store: Store, customerId: number): boolean {
  const row = sql(
    store.db,
    `SELECT
       (SELECT COUNT(*) FROM transactions t WHERE t.invoice_id = i.id AND t.result = 'failed') AS failed,
       (SELECT COUNT(*) FROM transactions t WHERE t.invoice_id = i.id AND t.result = 'successful' AND t.type = 'payment') AS paid
     FROM invoices i WHERE i.customer_id = ? ORDER BY i.date DESC, i.id DESC LIMIT 1`,
  ).get(customerId) as { failed: number; paid: number } | undefined;
  return row !== undefined && row.failed > 0 && row.paid === 0;
}

/** Recomputes status, customer-since and MRR of one customer. */
export function refreshCustomer(store: Store, customerId: number): void {
  const customer = findCustomerById(store, customerId);
  if (!customer) return;
  const subs = subscriptionsOfCustomer(store, customerId);
  if (subs.length === 0) {
    sql(
      store.db,
      'UPDATE customers SET status = lead_status, since = NULL, since_key = ?, mrr = 0 WHERE id = ?',
    ).run(NO_SINCE, customerId);
    return;
  }
  const periods = periodsOfCustomer(store, customerId);
  const latest = latestPeriods(periods);
  const live = subs.filter((s) => s.connected_to === null && !isCancelled(s, latest.get(s.id)));
  let mrr = 0;
  for (const sub of live) {
    const period = latest.get(sub.id);
    if (period)
      mrr += monthlyAmount(period, period.plan_uuid ? findPlan(store, period.plan_uuid) : undefined);
  }
  const status =
    live.length === 0 ? 'Cancelled' : latestInvoiceIsPastDue(store, customerId) ? 'Past Due' : 'Active';
  const since = periods.length > 0 ? periods[0].service_period_start : null;
  sql(store.db, 'UPDATE customers SET status = ?, since = ?, since_key = ?, mrr = ? WHERE id = ?').run(
    status,
    since,
    since ?? NO_SINCE,
    mrr,
    customerId,
  );
}
