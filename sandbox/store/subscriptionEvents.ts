/**
 * Subscription events (the event-based import): integer ids, newest first in lists. The derivation reads
 * them through this store; routes write them and then rederive the customer the event names.
 */
import { deleteRow, insertRow, rowBy, sql, updateColumns, type Store } from './context';
import { keysetQuery, type KeysetList, type KeysetQuery } from './keyset';

export const EVENT_TYPES = [
  'subscription_start',
  'subscription_start_scheduled',
  'scheduled_subscription_start_retracted',
  'subscription_updated',
  'subscription_update_scheduled',
  'scheduled_subscription_update_retracted',
  'subscription_cancelled',
  'subscription_cancellation_scheduled',
  'scheduled_subscription_cancellation_retracted',
  'subscription_event_retracted',
] as const;

/** Fields echoed exactly as the client sent them (JSON types kept: `"quantity": ""` stays a string). */
export const ECHOED_FIELDS = [
  'subscription_set_external_id',
  'plan_external_id',
  'quantity',
  'currency',
  'amount_in_cents',
  'tax_amount_in_cents',
  'retracted_event_id',
] as const;

export type EchoedFields = Partial<Record<(typeof ECHOED_FIELDS)[number], unknown>>;

export interface SubscriptionEventRow {
  id: number;
  data_source_id: number;
  customer_id: number;
  customer_external_id: string;
  subscription_external_id: string;
  plan_external_id: string | null;
  event_type: string;
  event_date: number;
  effective_date: number;
  external_id: string | null;
  /** JSON of the echoed fields. */
  data: string;
  disabled: number;
  created_at: number;
  updated_at: number;
}

/** The columns a create or an update sets (data as the echoed fields object). */
export type EventFields = Partial<
  Pick<
    SubscriptionEventRow,
    | 'data_source_id'
    | 'customer_id'
    | 'customer_external_id'
    | 'subscription_external_id'
    | 'event_type'
    | 'event_date'
    | 'effective_date'
    | 'external_id'
  >
> & { echoed?: EchoedFields };

export function findEvent(store: Store, id: number): SubscriptionEventRow | undefined {
  return rowBy<SubscriptionEventRow>(store.db, 'subscription_events', 'id', id);
}

export function findEventByExternalId(
  store: Store,
  dataSourceId: number,
  externalId: string,
): SubscriptionEventRow | undefined {
  return sql(store.db, 'SELECT * FROM subscription_events WHERE data_source_id = ? AND external_id = ?').get(
    dataSourceId,
    externalId,
  ) as SubscriptionEventRow | undefined;
}

function columns(fields: EventFields): Record<string, unknown> {
  const { echoed, ...rest } = fields;
  if (echoed === undefined) return rest;
  const plan = echoed.plan_external_id;
  return { ...rest, data: JSON.stringify(echoed), plan_external_id: typeof plan === 'string' ? plan : null };
}

export function insertEvent(store: Store, fields: Required<EventFields>): SubscriptionEventRow {
  const now = store.clock.now();
  const id = insertRow(store.db, 'subscription_events', {
    ...columns(fields),
    created_at: now,
    updated_at: now,
  });
  return findEvent(store, id)!;
}

export function updateEvent(
  store: Store,
  row: SubscriptionEventRow,
  fields: EventFields,
): SubscriptionEventRow {
  updateColumns(store.db, 'subscription_events', row.id, {
    ...columns(fields),
    updated_at: store.clock.now(),
  });
  return findEvent(store, row.id)!;
}

export function setEventDisabled(
  store: Store,
  row: SubscriptionEventRow,
  disabled: boolean,
): SubscriptionEventRow {
  updateColumns(store.db, 'subscription_events', row.id, {
    disabled: Number(disabled),
    updated_at: store.clock.now(),
  });
  return findEvent(store, row.id)!;
}

export function deleteEvent(store: Store, id: number): void {
  deleteRow(store.db, 'subscription_events', id);
}

export interface EventFilter {
  dataSourceId?: number;
  customerId?: number;
  externalId?: string;
  customerExternalId?: string;
  subscriptionExternalId?: string;
  planExternalId?: string;
  eventType?: string;
  /** [from, to] inclusive, epoch ms. */
  eventDate?: [number, number];
  effectiveDate?: [number, number];
}

const EVENTS: KeysetList<SubscriptionEventRow> = {
  table: 'subscription_events',
  order: 'id desc',
  key: 'created_at',
};

export function eventsMatching(filter: EventFilter): KeysetQuery<SubscriptionEventRow> {
  return keysetQuery(EVENTS, {
    ds: ['data_source_id = @ds', filter.dataSourceId],
    customer: ['customer_id = @customer', filter.customerId],
    ext: ['external_id = @ext', filter.externalId],
    cext: ['customer_external_id = @cext', filter.customerExternalId],
    sext: ['subscription_external_id = @sext', filter.subscriptionExternalId],
    plan: ['plan_external_id = @plan', filter.planExternalId],
    type: ['event_type = @type', filter.eventType],
    eventFrom: ['event_date >= @eventFrom', filter.eventDate?.[0]],
    eventTo: ['event_date <= @eventTo', filter.eventDate?.[1]],
    effectiveFrom: ['effective_date >= @effectiveFrom', filter.effectiveDate?.[0]],
    effectiveTo: ['effective_date <= @effectiveTo', filter.effectiveDate?.[1]],
  });
}
