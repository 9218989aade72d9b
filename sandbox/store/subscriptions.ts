/**
 * Subscription identities: one per customer and subscription_external_id, made by the first line item that
 * names it. Only identity, set, cancellation dates and connections are stored here; plans, periods, MRR and
 * status are derived by sandbox/analytics from the line items.
 */
import { sql, type Store } from './context';
import { keysetQuery, type KeysetList, type KeysetQuery } from './keyset';

export interface SubscriptionRow {
  id: number;
  uuid: string;
  metrics_uuid: string;
  customer_id: number;
  data_source_id: number;
  external_id: string;
  set_external_id: string | null;
  cancellation_dates: string;
  created_at: number;
  /** Set when connected into another subscription of the customer (the group's first one). */
  connected_to: number | null;
}

export function findOrCreateSubscription(
  store: Store,
  invoice: { customer_id: number; data_source_id: number },
  externalId: string,
  setExternalId: string | null,
): SubscriptionRow {
  const existing = sql(store.db, 'SELECT * FROM subscriptions WHERE customer_id = ? AND external_id = ?').get(
    invoice.customer_id,
    externalId,
  ) as SubscriptionRow | undefined;
  if (existing) {
    if (setExternalId !== null && existing.set_external_id !== setExternalId) {
      sql(store.db, 'UPDATE subscriptions SET set_external_id = ? WHERE id = ?').run(
        setExternalId,
        existing.id,
      );
      existing.set_external_id = setExternalId;
    }
    return existing;
  }
  const row = {
    uuid: store.ids.prefixed('sub'),
    metrics_uuid: store.ids.uuid(),
    customer_id: invoice.customer_id,
    data_source_id: invoice.data_source_id,
    external_id: externalId,
    set_external_id: setExternalId,
    cancellation_dates: '[]',
    created_at: store.clock.now(),
  };
  const { lastInsertRowid } = sql(
    store.db,
    `INSERT INTO subscriptions(uuid, metrics_uuid, customer_id, data_source_id, external_id, set_external_id, cancellation_dates, created_at)
     VALUES (@uuid, @metrics_uuid, @customer_id, @data_source_id, @external_id, @set_external_id, @cancellation_dates, @created_at)`,
  ).run(row);
  return { id: Number(lastInsertRowid), ...row, connected_to: null };
}

export function findSubscription(store: Store, uuid: string): SubscriptionRow | undefined {
  return sql(store.db, 'SELECT * FROM subscriptions WHERE uuid = ?').get(uuid) as SubscriptionRow | undefined;
}

export function cancellationDates(sub: SubscriptionRow): number[] {
  return JSON.parse(sub.cancellation_dates) as number[];
}

/**
 * The latest cancellation date, or undefined. A loop, not Math.max(...dates): a subscription may hold
 * 100,000 dates and spreading them as arguments overflows the stack.
 */
export function latestCancellation(sub: SubscriptionRow): number | undefined {
  let latest: number | undefined;
  for (const date of cancellationDates(sub)) if (latest === undefined || date > latest) latest = date;
  return latest;
}

export function setCancellationDates(store: Store, sub: SubscriptionRow, dates: number[]): void {
  const sorted = [...new Set(dates)].sort((a, b) => a - b);
  sub.cancellation_dates = JSON.stringify(sorted);
  sql(store.db, 'UPDATE subscriptions SET cancellation_dates = ? WHERE id = ?').run(
    sub.cancellation_dates,
    sub.id,
  );
}

export function addCancellation(store: Store, sub: SubscriptionRow, at: number): void {
  setCancellationDates(store, sub, [...cancellationDates(sub), at]);
}

export function subscriptionsOfCustomer(store: Store, customerId: number): SubscriptionRow[] {
  return sql(store.db, 'SELECT * FROM subscriptions WHERE customer_id = ? ORDER BY id DESC').all(
    customerId,
  ) as SubscriptionRow[];
}

const SUBSCRIPTIONS: KeysetList<SubscriptionRow> = {
  table: 'subscriptions',
  order: 'id desc',
  key: 'created_at',
};

/** A customer's subscriptions, newest first; `connectedToo: false` hides those connected into another. */
export function subscriptionsOf(customerId: number, connectedToo = true): KeysetQuery<SubscriptionRow> {
  const query = keysetQuery(SUBSCRIPTIONS, { customer: ['customer_id = @customer', customerId] });
  if (!connectedToo) query.conditions.push('connected_to IS NULL');
  return query;
}

/**
 * Connects subscriptions into the earliest of them (ChartMogul's connect: one subscription continues another);
 * anything already connected to one of them follows.
 */
export function connectSubscriptions(store: Store, subs: SubscriptionRow[]): void {
  let root = Infinity;
  for (const s of subs) root = Math.min(root, s.connected_to ?? s.id); // no spread: the list may be long
  for (const sub of subs) {
    const id = sub.connected_to ?? sub.id;
    if (id === root) continue;
    sql(store.db, 'UPDATE subscriptions SET connected_to = ? WHERE id = ? OR connected_to = ?').run(
      root,
      id,
      id,
    );
  }
}

export function disconnectSubscription(store: Store, sub: SubscriptionRow): void {
  sql(store.db, 'UPDATE subscriptions SET connected_to = NULL WHERE id = ?').run(sub.id);
}
