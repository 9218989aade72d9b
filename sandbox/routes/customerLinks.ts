/**
 * Connect / disconnect a customer's subscriptions (one subscription continuing another, as the recordings
 * show: after connecting two, the metrics API lists one) and unmerge (all 202 `{}`, as recorded). ChartMogul
 * does these asynchronously; the sandbox applies them at once.
 */
import { param, type ApiRoutes } from '../http/routes';
import { codeError, missingParameter, notFound } from '../http/errors';
import { isObject, objectBody, type Body } from '../http/input';
import { sql, type Store } from '../store/context';
import {
  findCustomerByIdentity,
  splitIdentity,
  UNMERGE_KINDS,
  type CustomerRow,
  type UnmergeKind,
} from '../store/customers';
import { findDataSource } from '../store/dataSources';
import { rederiveCustomer } from '../analytics';
import { connectSubscriptions, disconnectSubscription, type SubscriptionRow } from '../store/subscriptions';
import { requireCustomer } from './customers';

/** `{data_source_uuid, external_id}` or `{data_source_uuid, uuid}` (the metrics-API uuid) → a subscription. */
function findReferenced(store: Store, ref: unknown): SubscriptionRow {
  if (!isObject(ref) || typeof ref.data_source_uuid !== 'string') {
    throw codeError(422, 'Each subscription needs data_source_uuid and external_id or uuid', 'subscriptions');
  }
  const source = findDataSource(store, ref.data_source_uuid);
  if (!source) throw notFound('Data source');
  const sub =
    typeof ref.uuid === 'string'
      ? sql(
          store.db,
          'SELECT * FROM subscriptions WHERE data_source_id = ? AND (metrics_uuid = ? OR uuid = ?)',
        ).get(source.id, ref.uuid, ref.uuid)
      : sql(
          store.db,
          'SELECT * FROM subscriptions WHERE data_source_id = ? AND external_id = ? ORDER BY id LIMIT 1',
        ).get(source.id, String(ref.external_id));
  if (!sub) throw notFound('Subscription');
  return sub as SubscriptionRow;
}

function referencedList(store: Store, body: Body): SubscriptionRow[] {
  if (!Array.isArray(body.subscriptions) || body.subscriptions.length === 0)
    throw missingParameter('subscriptions');
  return body.subscriptions.map((ref) => findReferenced(store, ref));
}

/** The referenced subscriptions, which must all belong to the customer. */
function customersSubscriptions(store: Store, customer: CustomerRow, body: Body): SubscriptionRow[] {
  const subs = referencedList(store, body);
  if (subs.some((s) => s.customer_id !== customer.id)) {
    throw codeError(422, 'Every subscription must belong to this customer', 'subscriptions');
  }
  return subs;
}

export function registerCustomerLinks(api: ApiRoutes): void {
  const store = api.store;

  // Connecting makes the later subscriptions continue the earliest one: the metrics API then lists one.
  api.post('/v1/customers/:uuid/connect_subscriptions', (req) => {
    const customer = requireCustomer(store, param(req, 'uuid'));
    const subs = customersSubscriptions(store, customer, objectBody(req.body));
    if (subs.length < 2)
      throw codeError(422, 'At least two subscriptions are needed to connect them', 'subscriptions');
    connectSubscriptions(store, subs);
    rederiveCustomer(store, customer.id);
    return { status: 202, body: {} };
  });

  api.post('/v1/customers/:uuid/disconnect_subscriptions', (req) => {
    const customer = requireCustomer(store, param(req, 'uuid'));
    for (const sub of customersSubscriptions(store, customer, objectBody(req.body)))
      disconnectSubscription(store, sub);
    rederiveCustomer(store, customer.id);
    return { status: 202, body: {} };
  });

  // Unmerge gives one merged identity (data source + external id) its own customer again, with its billing
  // data and the CRM kinds `move_to_new_customer` names.
  api.post('/v1/customers/unmerges', (req) => {
    const body = objectBody(req.body);
    for (const key of ['customer_uuid', 'data_source_uuid', 'external_id'] as const) {
      if (typeof body[key] !== 'string' || body[key] === '') throw missingParameter(key);
    }
    const kinds = unmergeKinds(body.move_to_new_customer);
    const customer = requireCustomer(store, String(body.customer_uuid));
    const source = findDataSource(store, String(body.data_source_uuid));
    const owner = source && findCustomerByIdentity(store, source.id, String(body.external_id));
    if (!source || !owner || owner.id !== customer.id) throw notFound('Customer');
    if (customer.data_source_id === source.id && customer.external_id === body.external_id) {
      throw codeError(422, "A customer's own identity cannot be unmerged", 'external_id');
    }
    const identity = { data_source_id: source.id, external_id: String(body.external_id) };
    const split = splitIdentity(store, customer, identity, kinds);
    rederiveCustomer(store, customer.id);
    rederiveCustomer(store, split.id);
    return { status: 202, body: {} };
  });
}

/** `move_to_new_customer`: absent, null or a list of the documented kinds (each at most once). */
function unmergeKinds(value: unknown): UnmergeKind[] {
  if (value === undefined || value === null) return [];
  const known = Object.keys(UNMERGE_KINDS);
  if (!Array.isArray(value) || value.some((k) => typeof k !== 'string' || !known.includes(k)))
    throw codeError(422, `move_to_new_customer must list only ${known.join(', ')}`, 'move_to_new_customer');
  return [...new Set(value as UnmergeKind[])];
}
