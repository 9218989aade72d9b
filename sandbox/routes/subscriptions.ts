/**
 * Subscriptions: the import-API list of a customer's subscriptions and cancel (202, `cancelled_at` adds a
 * cancellation, `cancellation_dates` replaces them all). The metrics-API list is sandbox/analytics'.
 */
import { param, type ApiRoutes } from '../http/routes';
import { fieldErrors, missingParameter, notFound } from '../http/errors';
import { objectBody } from '../http/input';
import { importPageBody, readPageRequest } from '../http/pagination';
import { parseTimestamp } from '../lib/time';
import { countRows, keysetPage } from '../store/keyset';
import {
  cancellationDates,
  findSubscription,
  setCancellationDates,
  subscriptionsOf,
} from '../store/subscriptions';
import { rederiveCustomer } from '../analytics';
import { importSubscriptionView } from '../views/billing';
import { requireCustomer } from './customers';

export function registerSubscriptions(api: ApiRoutes): void {
  const store = api.store;

  api.get('/v1/import/customers/:uuid/subscriptions', (req) => {
    const customer = requireCustomer(store, param(req, 'uuid'));
    const request = readPageRequest(req.query as Record<string, unknown>);
    const query = subscriptionsOf(customer.id);
    const page = keysetPage(store, query, request);
    const subscriptions = page.items.map((s) => importSubscriptionView(store, s, false));
    return {
      status: 200,
      body: {
        customer_uuid: customer.uuid,
        ...importPageBody('subscriptions', subscriptions, page, request, () => countRows(store, query)),
      },
    };
  });

  api.patch('/v1/import/subscriptions/:uuid', (req) => {
    const sub = findSubscription(store, param(req, 'uuid'));
    if (!sub) throw notFound('Subscription');
    const body = objectBody(req.body);
    if (body.cancellation_dates !== undefined) {
      const list = body.cancellation_dates;
      const dates = Array.isArray(list) ? list.map(parseTimestamp) : [undefined];
      if (dates.some((d) => d === undefined))
        throw fieldErrors({ cancellation_dates: 'must be an array of ISO 8601 timestamps' });
      setCancellationDates(store, sub, dates as number[]);
    } else if (body.cancelled_at !== undefined && body.cancelled_at !== null) {
      const at = parseTimestamp(body.cancelled_at);
      if (at === undefined) throw fieldErrors({ cancelled_at: 'is not a valid timestamp' });
      setCancellationDates(store, sub, [...cancellationDates(sub), at]);
    } else {
      throw missingParameter('cancelled_at');
    }
    rederiveCustomer(store, sub.customer_id);
    return { status: 202, body: importSubscriptionView(store, sub, true) };
  });
}
