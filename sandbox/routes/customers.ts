/**
 * Customers: list (data_source_uuid, external_id, status, system filters), search by email, retrieve, create
 * (201), update by PATCH and by PUT (as chartmogul-node's Customer.update sends it), delete (204), merge (202).
 */
import type { Request } from 'express';
import { param, queryString, type ApiRoutes } from '../http/routes';
import { codeError, fieldErrors, missingParameter, notFound } from '../http/errors';
import { Input, isObject, objectBody, throwFirstAsCodeError, type Body } from '../http/input';
import { entriesPageBody, legacyKeys, readPageRequest } from '../http/pagination';
import type { Store } from '../store/context';
import { countRows, keysetPage } from '../store/keyset';
import {
  customersMatching,
  deleteCustomer,
  findCustomer,
  findCustomerById,
  findCustomerByIdentity,
  insertCustomer,
  mergeCustomers,
  updateCustomer,
  CUSTOMER_STATUSES,
  type CustomAttribute,
  type CustomerFilter,
  type CustomerRow,
} from '../store/customers';
import { findDataSource } from '../store/dataSources';
import { rederiveCustomer } from '../analytics';
import { customerKind, customerText, customerView } from '../views/customer';
import { JsonText } from '../http/send';
import { pageBody, readPage } from '../views/texts';
import { readAttributeUpdates, readCustomerFields, readTypedAttributes } from './customerInput';

export function requireCustomer(store: Store, uuid: string): CustomerRow {
  const row = findCustomer(store, uuid);
  if (!row) throw notFound('Customer');
  return row;
}

/** `Past_Due` and `Past Due` (and any case) name the same status. */
export function normaliseStatus(value: string): string {
  const spaced = value.replace(/_/g, ' ').trim().toLowerCase();
  return CUSTOMER_STATUSES.find((s) => s.toLowerCase() === spaced) ?? value;
}

/** A page of customers in the enrichment dialect: legacy keys (page, per_page …) only without a cursor. */
function customerPage(
  store: Store,
  req: Request,
  filter: CustomerFilter,
  search = false,
): { body: JsonText | Record<string, unknown>; size: number } {
  const request = readPageRequest(req.query as Record<string, unknown>);
  const query = customersMatching(filter);
  const { page, entries } = readPage(customerKind(store), {
    rows: () => keysetPage(store, query, request),
    ids: () => keysetPage(store, query, request, ['id']),
  });
  const legacy = () => legacyKeys(search ? null : countRows(store, query), request.perPage);
  const body = pageBody(entries, (list) => entriesPageBody(list, page, request, legacy));
  return { body, size: page.items.length };
}

export function createCustomer(store: Store, body: Body): CustomerRow {
  const input = new Input(body);
  const dsUuid = input.string('data_source_uuid', {
    required: 'A valid data source UUID is required for each customer.',
  });
  const externalId = input.string('external_id', {
    required: 'A unique external ID is required for each customer.',
  });
  const source = dsUuid !== undefined ? findDataSource(store, dsUuid) : undefined;
  if (dsUuid !== undefined && !source)
    input.fail('data_source_uuid', 'A valid data source UUID is required for each customer.');
  const fields = readCustomerFields(input);
  const attributes = body.attributes;
  if (attributes !== undefined && attributes !== null) {
    if (!isObject(attributes)) input.fail('attributes', 'must be an object with tags and custom');
    else {
      const tags = new Input(attributes).strings('tags');
      if (attributes.tags !== undefined && tags === undefined)
        input.fail('attributes', 'tags must be an array of strings');
      if (tags) fields.tags = tags;
      if (attributes.custom !== undefined) {
        const custom = readTypedAttributes(attributes.custom);
        if ('error' in custom) input.fail('attributes', custom.error);
        else fields.custom = custom.attributes;
      }
    }
  }
  if (source && externalId !== undefined && findCustomerByIdentity(store, source.id, externalId)) {
    input.fail('external_id', 'The external ID for this customer already exists in our system.');
  }
  if (!input.ok || !source || externalId === undefined) throw fieldErrors(input.errors);
  return insertCustomer(store, source.id, externalId, fields);
}

export function modifyCustomer(store: Store, customer: CustomerRow, body: Body): void {
  const input = new Input(body);
  const fields = readCustomerFields(input);
  const attributes = body.attributes;
  if (isObject(attributes)) {
    const tags = new Input(attributes).strings('tags');
    if (attributes.tags !== undefined && tags === undefined)
      input.fail('attributes', 'tags must be an array of strings');
    if (tags) fields.tags = tags;
    if (attributes.custom !== undefined) {
      const custom = readAttributeUpdates(
        attributes.custom,
        JSON.parse(customer.custom) as Record<string, CustomAttribute>,
      );
      if ('error' in custom) input.fail('attributes', custom.error);
      else fields.custom = custom.attributes;
    }
  } else if (attributes !== undefined && attributes !== null)
    input.fail('attributes', 'must be an object with tags and custom');
  throwFirstAsCodeError(input);
  updateCustomer(store, customer, fields);
  rederiveCustomer(store, customer.id);
}

/** Either side of a merge: `{customer_uuid}` or `{external_id, data_source_uuid}`. */
function mergeSide(store: Store, body: Body, side: 'from' | 'into'): CustomerRow {
  const ref = body[side];
  if (!isObject(ref)) throw missingParameter(side);
  if (typeof ref.customer_uuid === 'string') return requireCustomer(store, ref.customer_uuid);
  if (typeof ref.external_id === 'string' && typeof ref.data_source_uuid === 'string') {
    const source = findDataSource(store, ref.data_source_uuid);
    const customer = source && findCustomerByIdentity(store, source.id, ref.external_id);
    if (!customer) throw notFound('Customer');
    return customer;
  }
  throw codeError(400, `Parameter "${side}" needs customer_uuid, or external_id and data_source_uuid`, side);
}

export function registerCustomers(api: ApiRoutes): void {
  const store = api.store;

  api.get('/v1/customers', (req) => {
    const dsUuid = queryString(req, 'data_source_uuid');
    const source = dsUuid !== undefined ? findDataSource(store, dsUuid) : undefined;
    const status = queryString(req, 'status');
    const filter: CustomerFilter = {
      // An unknown data source matches nothing rather than failing, like any other filter value.
      dataSourceId: dsUuid !== undefined ? (source?.id ?? -1) : undefined,
      externalId: queryString(req, 'external_id'),
      status: status !== undefined ? normaliseStatus(status) : undefined,
      system: queryString(req, 'system'),
    };
    return { status: 200, body: customerPage(store, req, filter).body };
  });

  api.get('/v1/customers/search', (req) => {
    const email = queryString(req, 'email');
    if (email === undefined) throw missingParameter('email');
    const { body, size } = customerPage(store, req, { email }, true);
    if (size === 0 && !queryString(req, 'cursor')) {
      throw codeError(404, `Can't find any customers with email: "${email}"`, 'email');
    }
    return { status: 200, body };
  });

  api.get('/v1/customers/:uuid', (req) => {
    const text = customerText(store, param(req, 'uuid'));
    if (text === undefined) throw notFound('Customer');
    return { status: 200, body: new JsonText(text) };
  });

  api.post('/v1/customers', (req) => {
    const created = createCustomer(store, objectBody(req.body));
    return { status: 201, body: customerView(store, created) };
  });

  const update = (req: Request) => {
    const customer = requireCustomer(store, param(req, 'uuid'));
    modifyCustomer(store, customer, objectBody(req.body));
    return { status: 200, body: customerView(store, findCustomerById(store, customer.id)) };
  };
  api.patch('/v1/customers/:uuid', update);
  api.put('/v1/customers/:uuid', update);

  api.delete('/v1/customers/:uuid', (req) => {
    deleteCustomer(store, requireCustomer(store, param(req, 'uuid')).id);
    return { status: 204 };
  });

  api.post('/v1/customers/merges', (req) => {
    const body = objectBody(req.body);
    const from = mergeSide(store, body, 'from');
    const into = mergeSide(store, body, 'into');
    if (from.id === into.id) throw codeError(422, 'A customer cannot be merged into itself', 'from');
    mergeCustomers(store, from, into);
    rederiveCustomer(store, into.id);
    return { status: 202, body: {} };
  });
}
