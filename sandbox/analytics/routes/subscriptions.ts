/** `GET /v1/customers/{uuid}/subscriptions`: the metrics API's view of a customer's subscriptions. */
import { param, queryString, type ApiRoutes } from '../../http/routes';
import { encodeCursor, entriesPageBody, readPageRequest } from '../../http/pagination';
import { keysetPage } from '../../store/keyset';
import { requireCustomer } from '../../routes/customers';
import { listedSubscriptions, metricsSubscriptionView } from '../views/subscriptions';

export function registerCustomerSubscriptions(api: ApiRoutes): void {
  const store = api.store;
  api.get('/v1/customers/:uuid/subscriptions', (req) => {
    const customer = requireCustomer(store, param(req, 'uuid'));
    const request = readPageRequest(req.query as Record<string, unknown>);
    const page = keysetPage(store, listedSubscriptions(customer.id), request);
    const entries = page.items.map((row) => metricsSubscriptionView(store, row));
    // This endpoint always hands out a cursor, even past the last entry (as recorded): one that finds nothing.
    const cursor = page.cursor ?? queryString(req, 'cursor') ?? encodeCursor(0, 0);
    return { status: 200, body: entriesPageBody(entries, { ...page, cursor }, request) };
  });
}
