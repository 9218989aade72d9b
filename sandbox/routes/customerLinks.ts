/**
 * Moving subscriptions and identities between customers: connect / disconnect subscriptions and unmerge
 * (all 202 `{}`, as recorded). ChartMogul does these asynchronously; the sandbox applies them at once.
 */
import { param, type ApiRoutes } from '../http/routes';
import { codeError, missingParameter, notFound } from '../http/errors';
import { isObject, objectBody, type Body } from '../http/input';
import { sql, type Store } from '../store/context';
import { findCustomerByIdentity, insertCustomer, type CustomerRow } from '../store/customers';
import { findDataSource } from '../store/dataSources';
import { refreshCustomer } from '../store/status';
import type { SubscriptionRow } from '../store/subscriptions';
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

function moveSubscription(store: Store, sub: SubscriptionRow, to: CustomerRow): void {
  if (sub.customer_id === to.id) return;
  sql(store.db, 'UPDATE OR IGNORE subscriptions SET customer_id = ? WHERE id = ?').run(to.id, sub.id);
  refreshCustomer(store, sub.customer_id);
}

export function registerCustomerLinks(api: ApiRoutes): void {
  const store = api.store;

  api.post('/v1/customers/:uuid/connect_subscriptions', (req) => {
    const customer = requireCustomer(store, param(req, 'uuid'));
    for (const sub of referencedList(store, objectBody(req.body))) moveSubscription(store, sub, customer);
    refreshCustomer(store, customer.id);
    return { status: 202, body: {} };
  });

  // Disconnected subscriptions move to a new customer in their data source, named like the old one.
  api.post('/v1/customers/:uuid/disconnect_subscriptions', (req) => {
    const customer = requireCustomer(store, param(req, 'uuid'));
    for (const sub of referencedList(store, objectBody(req.body))) {
      if (sub.customer_id !== customer.id)
        throw codeError(422, 'The subscription is not connected to this customer', 'subscriptions');
      const externalId = findCustomerByIdentity(store, sub.data_source_id, sub.external_id)
        ? `disconnected-${sub.uuid}`
        : sub.external_id;
      const fresh = insertCustomer(store, sub.data_source_id, externalId, {
        name: customer.name,
        email: customer.email,
      });
      moveSubscription(store, sub, fresh);
      refreshCustomer(store, fresh.id);
    }
    refreshCustomer(store, customer.id);
    return { status: 202, body: {} };
  });

  // Unmerge gives one merged identity (data source + external id) its own customer again.
  api.post('/v1/customers/unmerges', (req) => {
    const body = objectBody(req.body);
    for (const key of ['customer_uuid', 'data_source_uuid', 'external_id'] as const) {
      if (typeof body[key] !== 'string' || body[key] === '') throw missingParameter(key);
    }
    const customer = requireCustomer(store, String(body.customer_uuid));
    const source = findDataSource(store, String(body.data_source_uuid));
    const owner = source && findCustomerByIdentity(store, source.id, String(body.external_id));
    if (!source || !owner || owner.id !== customer.id) throw notFound('Customer');
    if (customer.data_source_id === source.id && customer.external_id === body.external_id) {
      throw codeError(422, "A customer's own identity cannot be unmerged", 'external_id');
    }
    sql(store.db, 'DELETE FROM customer_identities WHERE data_source_id = ? AND external_id = ?').run(
      source.id,
      String(body.external_id),
    );
    insertCustomer(store, source.id, String(body.external_id), {
      name: customer.name,
      email: customer.email,
    });
    return { status: 202, body: {} };
  });
}
