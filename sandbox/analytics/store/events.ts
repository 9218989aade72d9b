/**
 * Subscription events (POST /v1/subscription_events, stored by the endpoint side in `subscription_events`) as
 * the derivation reads them: a customer's events that are not disabled, their echoed amounts read as numbers
 * (an empty or non-numeric echo counts as not given), their plan found by external id in the event's data
 * source. An event for a subscription no invoice has named yet gets its subscription identity here, so the
 * metrics API lists it like any other.
 */
import { sql, type Store } from '../../store/context';
import type { CustomerRow } from '../../store/customers';
import { findOrCreateSubscription } from '../../store/subscriptions';
import type { EventFacts, SubscriptionFacts } from '../rules/facts';

interface EventRow {
  id: number;
  data_source_id: number;
  subscription_external_id: string;
  plan_external_id: string | null;
  event_type: string;
  event_date: number;
  effective_date: number;
  data: string;
}

function tableExists(store: Store, name: string): boolean {
  return (
    sql(store.db, `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined
  );
}

function numberOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return null;
}

function planUuid(store: Store, dataSourceId: number, externalId: string | null): string | null {
  if (externalId === null) return null;
  const row = sql(store.db, 'SELECT uuid FROM plans WHERE data_source_id = ? AND external_id = ?').get(
    dataSourceId,
    externalId,
  ) as { uuid: string } | undefined;
  return row?.uuid ?? null;
}

/** The customer's live events; `subscriptions` gains the identities made for event-only subscriptions. */
export function readEvents(
  store: Store,
  customer: CustomerRow,
  subscriptions: SubscriptionFacts[],
): EventFacts[] {
  if (!tableExists(store, 'subscription_events')) return [];
  const rows = sql(
    store.db,
    `SELECT id, data_source_id, subscription_external_id, plan_external_id, event_type, event_date, effective_date, data
     FROM subscription_events WHERE customer_id = ? AND disabled = 0 ORDER BY id`,
  ).all(customer.id) as EventRow[];
  return rows.map((row) => {
    const data = JSON.parse(row.data) as Record<string, unknown>;
    let sub = subscriptions.find((s) => s.externalId === row.subscription_external_id);
    if (!sub) {
      const set =
        typeof data.subscription_set_external_id === 'string' ? data.subscription_set_external_id : null;
      const made = findOrCreateSubscription(
        store,
        { customer_id: customer.id, data_source_id: row.data_source_id },
        row.subscription_external_id,
        set || null,
      );
      sub = {
        id: made.id,
        uuid: made.uuid,
        metricsUuid: made.metrics_uuid,
        externalId: made.external_id,
        setExternalId: made.set_external_id,
        connectedTo: made.connected_to,
        cancellations: JSON.parse(made.cancellation_dates) as number[],
      };
      subscriptions.push(sub);
    }
    const currency = typeof data.currency === 'string' && data.currency !== '' ? data.currency : null;
    return {
      id: row.id,
      eventType: row.event_type,
      subscriptionExternalId: row.subscription_external_id,
      subscriptionId: sub.id,
      effectiveAt: row.effective_date,
      eventAt: row.event_date,
      planUuid: planUuid(store, row.data_source_id, row.plan_external_id),
      amount: numberOf(data.amount_in_cents),
      tax: numberOf(data.tax_amount_in_cents) ?? 0,
      quantity: numberOf(data.quantity),
      currency,
      retractedEventId: numberOf(data.retracted_event_id),
    };
  });
}
