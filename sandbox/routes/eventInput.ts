/**
 * Validating a subscription event as the import API takes it (wrapped in `subscription_event`). Every problem
 * is recorded under its field so the route answers them all at once in dialect B; a valid event comes back
 * as the columns to store.
 */
import { Input, isObject, type Body } from '../http/input';
import { missingParameter } from '../http/errors';
import { isoSeconds, parseTimestamp } from '../lib/time';
import { isCurrency } from '../lib/locale';
import { sql, type Store } from '../store/context';
import { findCustomerByIdentity } from '../store/customers';
import { findDataSource } from '../store/dataSources';
import {
  ECHOED_FIELDS,
  EVENT_TYPES,
  findEventByExternalId,
  type EchoedFields,
  type EventFields,
  type SubscriptionEventRow,
} from '../store/subscriptionEvents';

const BLANK = "can't be blank";
/** Events that start or change a subscription must say at what plan and price. */
const PRICED = new Set([
  'subscription_start',
  'subscription_start_scheduled',
  'subscription_updated',
  'subscription_update_scheduled',
]);

/** The `subscription_event` object of a body; its absence is a 400 like any missing parameter. */
export function wrappedEvent(body: Body): Body {
  const event = body.subscription_event;
  if (!isObject(event)) throw missingParameter('subscription_event');
  return event;
}

const isBlank = (v: unknown) => v === undefined || v === null || v === '';

/** An echoed numeric field: an integer (or its text), or blank ("" and null are echoed as sent). */
function echoedInteger(input: Input, key: string, min = 0): unknown {
  const v = input.body[key];
  if (isBlank(v)) return v ?? null;
  const n = input.integer(key, { min });
  return n;
}

function readEchoed(store: Store, input: Input, dataSourceId: number | undefined): EchoedFields {
  const echoed: EchoedFields = {};
  for (const key of ['subscription_set_external_id', 'plan_external_id'] as const) {
    const v = input.body[key];
    if (isBlank(v)) echoed[key] = v ?? null;
    else echoed[key] = input.string(key);
  }
  const plan = echoed.plan_external_id;
  if (typeof plan === 'string' && plan !== '' && dataSourceId !== undefined) {
    const found = sql(store.db, 'SELECT 1 FROM plans WHERE data_source_id = ? AND external_id = ?').get(
      dataSourceId,
      plan,
    );
    if (!found) input.fail('plan_external_id', 'Plan not found');
  }
  echoed.quantity = echoedInteger(input, 'quantity');
  echoed.amount_in_cents = echoedInteger(input, 'amount_in_cents');
  echoed.tax_amount_in_cents = echoedInteger(input, 'tax_amount_in_cents');
  const currency = input.body.currency;
  if (isBlank(currency)) echoed.currency = currency ?? null;
  else if (!isCurrency(currency)) input.fail('currency', 'Currency is invalid');
  else echoed.currency = currency;
  echoed.retracted_event_id = isBlank(input.body.retracted_event_id)
    ? null
    : echoedInteger(input, 'retracted_event_id', 1);
  return echoed;
}

/** What a stored event looks like as input, so an update can be validated as the whole event it makes. */
export function eventAsInput(store: Store, row: SubscriptionEventRow): Body {
  const source = sql(store.db, 'SELECT uuid FROM data_sources WHERE id = ?').get(row.data_source_id) as {
    uuid: string;
  };
  return {
    ...(JSON.parse(row.data) as Body),
    data_source_uuid: source.uuid,
    customer_external_id: row.customer_external_id,
    subscription_external_id: row.subscription_external_id,
    event_type: row.event_type,
    event_date: isoSeconds(row.event_date),
    effective_date: isoSeconds(row.effective_date),
    external_id: row.external_id,
  };
}

/** Validates a whole event; `self` is the event being updated (its own external id is no duplicate). */
export function readEvent(
  store: Store,
  raw: Body,
  self?: SubscriptionEventRow,
): { fields?: Required<EventFields>; errors: Record<string, string> } {
  const input = new Input(raw);
  const dsUuid = input.string('data_source_uuid', { required: BLANK });
  const source = dsUuid !== undefined ? findDataSource(store, dsUuid) : undefined;
  if (dsUuid !== undefined && !source) input.fail('data_source_uuid', 'Data source not found');
  const customerExternalId = input.string('customer_external_id', { required: BLANK });
  const customer =
    source && customerExternalId !== undefined
      ? findCustomerByIdentity(store, source.id, customerExternalId)
      : undefined;
  if (source && customerExternalId !== undefined && !customer)
    input.fail('customer_external_id', 'Customer not found');
  const eventType = input.oneOf('event_type', EVENT_TYPES, { required: BLANK });
  const eventDate = input.timestamp('event_date', { required: BLANK });
  const effectiveDate = input.timestamp('effective_date', { required: BLANK });
  const subscription = input.string('subscription_external_id', { required: BLANK });
  const externalId = isBlank(raw.external_id) ? null : (input.string('external_id') ?? null);
  if (source && externalId !== null) {
    const taken = findEventByExternalId(store, source.id, externalId);
    if (taken && taken.id !== self?.id) input.fail('external_id', 'has already been taken');
  }
  const echoed = readEchoed(store, input, source?.id);
  if (eventType && PRICED.has(eventType))
    for (const key of ['plan_external_id', 'currency', 'amount_in_cents'] as const)
      if (isBlank(echoed[key])) input.fail(key, BLANK);
  if (eventType === 'subscription_event_retracted' && isBlank(echoed.retracted_event_id))
    input.fail('retracted_event_id', BLANK);
  for (const key of ECHOED_FIELDS) if (!(key in echoed)) echoed[key] = null;
  if (!input.ok || !source || !customer) return { errors: input.errors };
  return {
    errors: {},
    fields: {
      data_source_id: source.id,
      customer_id: customer.id,
      customer_external_id: customerExternalId as string,
      subscription_external_id: subscription as string,
      event_type: eventType as string,
      event_date: eventDate as number,
      effective_date: effectiveDate as number,
      external_id: externalId,
      echoed,
    },
  };
}

/** A date filter: a bare date covers its whole UTC day, a timestamp is matched exactly. */
export function dateRange(value: string | undefined): [number, number] | undefined | 'invalid' {
  if (value === undefined) return undefined;
  const ms = parseTimestamp(value);
  if (ms === undefined) return 'invalid';
  return /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? [ms, ms + 86_399_999] : [ms, ms];
}
