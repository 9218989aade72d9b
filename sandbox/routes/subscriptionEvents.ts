/**
 * Subscription events: list (every documented filter; the first page adds the legacy `meta` block, as
 * recorded), create (201, body wrapped in `subscription_event`, answer unwrapped), update (PATCH, by `id` or
 * by `external_id` + `data_source_uuid`), delete (204; the reference in the query as
 * `subscription_event[id]=` or in a JSON body), disable/enable (`PATCH /v1/subscription_events/:id/
 * disabled_state`). Every write rederives the customer the event names. Field errors: 422 dialect B.
 */
import type { Request } from 'express';
import { fieldErrors, invalidParameter, missingParameter, notFound } from '../http/errors';
import { disabledFlag, isObject, objectBody, type Body } from '../http/input';
import { readPageRequest } from '../http/pagination';
import { param, queryString, type ApiRoutes } from '../http/routes';
import { rederiveCustomer } from '../analytics';
import { isoMillis } from '../lib/time';
import type { Store } from '../store/context';
import { findCustomer } from '../store/customers';
import { findDataSource } from '../store/dataSources';
import { countRows, keysetPage } from '../store/keyset';
import {
  deleteEvent,
  eventsMatching,
  findEvent,
  findEventByExternalId,
  insertEvent,
  setEventDisabled,
  updateEvent,
  type SubscriptionEventRow,
} from '../store/subscriptionEvents';
import { eventView } from '../views/events';
import { dateRange, eventAsInput, readEvent, wrappedEvent } from './eventInput';
import { filterById } from './crmInput';

const NOT_FOUND = 'Subscription event';

/** The event a reference names: `{id}` or `{external_id, data_source_uuid}`. */
function referencedEvent(store: Store, ref: Body): SubscriptionEventRow {
  if (ref.id !== undefined && ref.id !== null && ref.id !== '') {
    const id = typeof ref.id === 'number' ? ref.id : /^\d+$/.test(String(ref.id)) ? Number(ref.id) : NaN;
    if (!Number.isSafeInteger(id)) throw invalidParameter('id', 'must be an integer');
    const event = findEvent(store, id);
    if (!event) throw notFound(NOT_FOUND);
    return event;
  }
  if (typeof ref.external_id === 'string' && typeof ref.data_source_uuid === 'string') {
    const source = findDataSource(store, ref.data_source_uuid);
    const event = source && findEventByExternalId(store, source.id, ref.external_id);
    if (!event) throw notFound(NOT_FOUND);
    return event;
  }
  throw missingParameter('id');
}

/** DELETE names the event in its query (`subscription_event[id]=…`, as the Ruby SDK sends) or in a body. */
function deleteReference(req: Request): Body {
  const query = req.query as Record<string, unknown>;
  if (isObject(query.subscription_event)) return query.subscription_event;
  const fromQuery: Body = {};
  for (const key of ['id', 'external_id', 'data_source_uuid'])
    if (typeof query[`subscription_event[${key}]`] === 'string')
      fromQuery[key] = query[`subscription_event[${key}]`];
  if (Object.keys(fromQuery).length > 0) return fromQuery;
  return wrappedEvent(objectBody(req.body));
}

function dateFilter(req: Request, name: string): [number, number] | undefined {
  const range = dateRange(queryString(req, name));
  if (range === 'invalid') throw invalidParameter(name, 'must be a date or an ISO 8601 timestamp');
  return range;
}

function listEvents(store: Store, req: Request): Record<string, unknown> {
  const request = readPageRequest(req.query as Record<string, unknown>);
  const query = eventsMatching({
    dataSourceId: filterById(req, 'data_source_uuid', (u) => findDataSource(store, u)),
    customerId: filterById(req, 'customer_uuid', (u) => findCustomer(store, u)),
    externalId: queryString(req, 'external_id'),
    customerExternalId: queryString(req, 'customer_external_id'),
    subscriptionExternalId: queryString(req, 'subscription_external_id'),
    planExternalId: queryString(req, 'plan_external_id'),
    eventType: queryString(req, 'event_type'),
    eventDate: dateFilter(req, 'event_date'),
    effectiveDate: dateFilter(req, 'effective_date'),
  });
  const page = keysetPage(store, query, request);
  const events = page.items.map((row) => eventView(store, row));
  if (request.hasCursor) return { subscription_events: events, cursor: page.cursor, has_more: page.hasMore };
  const total = countRows(store, query);
  const meta = {
    next_key: page.hasMore ? (page.items.at(-1)?.id ?? null) : null,
    prev_key: null,
    before_key: isoMillis(store.clock.now()),
    page: events.length > 0 ? 1 : 0,
    total_pages: Math.ceil(total / request.perPage),
  };
  return { subscription_events: events, meta, cursor: page.cursor, has_more: page.hasMore };
}

export function registerSubscriptionEvents(api: ApiRoutes): void {
  const store = api.store;
  const view = (row: SubscriptionEventRow) => eventView(store, row);

  api.get('/v1/subscription_events', (req) => ({ status: 200, body: listEvents(store, req) }));

  api.post('/v1/subscription_events', (req) => {
    const { fields, errors } = readEvent(store, wrappedEvent(objectBody(req.body)));
    if (!fields) throw fieldErrors(errors);
    const event = insertEvent(store, fields);
    rederiveCustomer(store, event.customer_id);
    return { status: 201, body: view(event) };
  });

  api.patch('/v1/subscription_events', (req) => {
    const changes = wrappedEvent(objectBody(req.body));
    const event = referencedEvent(store, changes);
    const byId = changes.id !== undefined && changes.id !== null && changes.id !== '';
    // The source is fixed; an external id that identified the event is no change.
    const { id: _id, data_source_uuid: _ds, ...rest } = changes;
    if (!byId) delete rest.external_id;
    const { fields, errors } = readEvent(store, { ...eventAsInput(store, event), ...rest }, event);
    if (!fields) throw fieldErrors(errors);
    const updated = updateEvent(store, event, fields);
    rederiveCustomer(store, updated.customer_id);
    if (event.customer_id !== updated.customer_id) rederiveCustomer(store, event.customer_id);
    return { status: 200, body: view(updated) };
  });

  api.delete('/v1/subscription_events', (req) => {
    const event = referencedEvent(store, deleteReference(req));
    deleteEvent(store, event.id);
    rederiveCustomer(store, event.customer_id);
    return { status: 204 };
  });

  api.patch('/v1/subscription_events/:id/disabled_state', (req) => {
    const event = referencedEvent(store, { id: param(req, 'id') });
    const changed = setEventDisabled(store, event, disabledFlag(objectBody(req.body)));
    rederiveCustomer(store, changed.customer_id);
    return { status: 200, body: view(changed) };
  });
}
