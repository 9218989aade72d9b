/** The subscription event object, key for key as recorded (dates to the second with Z, echoed fields as sent). */
import type { Store } from '../store/context';
import { findDataSourceById } from '../store/dataSources';
import { ECHOED_FIELDS, type SubscriptionEventRow } from '../store/subscriptionEvents';
import { isoSeconds } from '../lib/time';

export function eventView(store: Store, row: SubscriptionEventRow): Record<string, unknown> {
  const echoed = JSON.parse(row.data) as Record<string, unknown>;
  const value = (key: (typeof ECHOED_FIELDS)[number]) => echoed[key] ?? null;
  return {
    id: row.id,
    data_source_uuid: findDataSourceById(store, row.data_source_id).uuid,
    customer_external_id: row.customer_external_id,
    subscription_set_external_id: value('subscription_set_external_id'),
    subscription_external_id: row.subscription_external_id,
    plan_external_id: value('plan_external_id'),
    event_date: isoSeconds(row.event_date),
    effective_date: isoSeconds(row.effective_date),
    event_type: row.event_type,
    external_id: row.external_id,
    errors: {},
    created_at: isoSeconds(row.created_at),
    updated_at: isoSeconds(row.updated_at),
    quantity: value('quantity'),
    currency: value('currency'),
    amount_in_cents: value('amount_in_cents'),
    tax_amount_in_cents: value('tax_amount_in_cents'),
    retracted_event_id: value('retracted_event_id'),
    disabled: row.disabled === 1,
  };
}
