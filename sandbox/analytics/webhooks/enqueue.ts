/**
 * Which new movements ChartMogul would deliver in real time (reference §f): those dated within the 12 hours
 * before the sandbox clock (not after it), caused by a cancellation or a subscription event, or by a line item
 * whose invoice has a successful payment within 12 hours of the movement. Merges, connections and re-derived
 * history bring no new movement uuid, so they deliver nothing again. Each such movement becomes one pending
 * delivery per destination, written in the write's own transaction (durable with it) and sent after it
 * commits by the dispatcher, never by the write itself.
 */
import { sql, type Store } from '../../store/context';
import { identitiesOf, findCustomerById } from '../../store/customers';
import { findDataSourceById } from '../../store/dataSources';
import { currencySign } from '../../lib/locale';
import { isoMillis } from '../../lib/time';
import { HOUR_MS } from '../rules/calendar';
import type { DerivedCustomer } from '../rules/derive';
import { ACCOUNT_CURRENCY } from '../rules/money';
import type { Movement } from '../rules/movements';
import type { MovementRow } from '../store/write';
import { notifyDispatcher } from './dispatcher';
import { enqueueDelivery, listDestinations } from './store';

const REAL_TIME = 12 * HOUR_MS;

export function isRealTime(movement: Movement, now: number): boolean {
  if (movement.at > now || now - movement.at > REAL_TIME) return false;
  if (movement.cause.kind !== 'item') return true;
  return movement.cause.item.paidAt.some((paid) => Math.abs(paid - movement.at) <= REAL_TIME);
}

function customerPart(store: Store, customerId: number): Record<string, unknown> {
  const c = findCustomerById(store, customerId);
  return {
    name: c.name,
    uuid: c.uuid,
    email: c.email,
    status: c.status,
    company: c.company,
    currency: ACCOUNT_CURRENCY,
    current_arr: c.mrr * 12,
    current_mrr: c.mrr,
    external_id: c.external_id,
    external_ids: identitiesOf(store, c).map((i) => i.external_id),
    currency_symbol: currencySign(ACCOUNT_CURRENCY),
    data_source_uuid: findDataSourceById(store, c.data_source_id).uuid,
  };
}

/** The `mrr_movement` payload of ChartMogul's webhook destination. */
export function movementPayload(store: Store, row: MovementRow, movement: Movement): Record<string, unknown> {
  const sub = sql(store.db, 'SELECT external_id FROM subscriptions WHERE id = ?').get(row.member_id) as
    { external_id: string } | undefined;
  return {
    date: isoMillis(row.at),
    type: 'mrr_movement',
    description: row.description,
    movement_type: row.type,
    customer: customerPart(store, row.customer_id),
    subscription: { external_id: sub?.external_id ?? null },
    account_currency: ACCOUNT_CURRENCY,
    invoice_currency: movement.currency,
    account_currency_symbol: currencySign(ACCOUNT_CURRENCY),
    invoice_currency_symbol: currencySign(movement.currency),
    movement_amount_in_cent: row.amount,
    mrr_movement_in_account_currency: row.amount,
    mrr_movement_in_invoice_currency: row.invoice_amount,
  };
}

export function enqueueDeliveries(store: Store, derived: DerivedCustomer, added: MovementRow[]): void {
  const now = store.clock.now();
  const due = added.filter((row) => row.visible && isRealTime(derived.movements[row.seq], now));
  if (due.length === 0) return;
  const destinations = listDestinations(store);
  if (destinations.length === 0) return;
  const realNow = Date.now();
  for (const row of due) {
    const payload = movementPayload(store, row, derived.movements[row.seq]);
    for (const destination of destinations) enqueueDelivery(store, destination, row.uuid, payload, realNow);
  }
  notifyDispatcher(store);
}
