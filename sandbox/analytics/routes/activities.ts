/**
 * `GET /v1/activities` (oldest first unless `order=-date`; the cursor is the uuid of the next page's first
 * activity and the older `start-after` the uuid of the last one seen, as recorded) and
 * `GET /v1/customers/{uuid}/activities` (newest first; the entries dialect with a base64 `<date>&<id>`
 * cursor, as recorded).
 */
import { codeError } from '../../http/errors';
import { entriesPageBody, readPageRequest, toPage } from '../../http/pagination';
import { param, queryString, type ApiRoutes } from '../../http/routes';
import { requireCustomer } from '../../routes/customers';
import { activitiesPage, movementByUuid, readActivityFilter, type PageStart } from '../activities/query';
import { ActivityContext, activityView, customerActivityView } from '../views/activities';

export function registerActivities(api: ApiRoutes): void {
  const store = api.store;

  api.get('/v1/activities', (req) => {
    const query = req.query as Record<string, unknown>;
    const filter = readActivityFilter(query, false);
    const perPage = readPageRequest({ per_page: query.per_page }).perPage;
    const cursor = queryString(req, 'cursor');
    const after = queryString(req, 'start-after');
    let start: PageStart | undefined;
    for (const [name, uuid, inclusive] of [
      ['cursor', cursor, true],
      ['start-after', after, false],
    ] as const) {
      if (uuid === undefined) continue;
      const at = movementByUuid(store, uuid);
      if (!at) throw codeError(400, `Parameter "${name}" is invalid`, name);
      start = { ...at, inclusive };
    }
    const rows = activitiesPage(store, filter, start, perPage + 1);
    const hasMore = rows.length > perPage;
    const ctx = new ActivityContext(store);
    const entries = rows.slice(0, perPage).map((m) => activityView(m, ctx));
    const next = hasMore ? rows[perPage].uuid : null;
    return {
      status: 200,
      body:
        cursor === undefined
          ? { entries, has_more: hasMore, per_page: perPage, cursor: next }
          : { entries, has_more: hasMore, cursor: next },
    };
  });

  api.get('/v1/customers/:uuid/activities', (req) => {
    const customer = requireCustomer(store, param(req, 'uuid'));
    const query = req.query as Record<string, unknown>;
    const filter = { ...readActivityFilter(query, true), customerId: customer.id };
    const request = readPageRequest(query);
    const start = request.after && { at: request.after.key, id: request.after.id, inclusive: false };
    const rows = activitiesPage(store, filter, start, request.perPage + 1);
    const page = toPage(rows, request.perPage, (m) => ({ key: m.at, id: m.id }));
    const ctx = new ActivityContext(store);
    const entries = page.items.map((m) => customerActivityView(m, ctx));
    return { status: 200, body: entriesPageBody(entries, page, request) };
  });
}
