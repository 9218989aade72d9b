/**
 * Customer attributes: read, tags add/remove (by uuid, or by email for add), custom attributes
 * add/update/remove (add also by email). Bad input answers in dialect A, as the enrichment API does.
 */
import { param, type ApiRoutes } from '../http/routes';
import { codeError, missingParameter } from '../http/errors';
import { objectBody, type Body } from '../http/input';
import type { Store } from '../store/context';
import {
  findCustomerById,
  findCustomersByEmail,
  updateCustomer,
  type CustomAttribute,
  type CustomerRow,
} from '../store/customers';
import { customAttributeValues, customerAttributes, customerView } from '../views/customer';
import { readAttributeUpdates, readTypedAttributes } from './customerInput';
import { requireCustomer } from './customers';

function readTags(body: Body): string[] {
  if (body.tags === undefined || body.tags === null) throw missingParameter('tags');
  if (!Array.isArray(body.tags) || !body.tags.every((t) => typeof t === 'string')) {
    throw codeError(422, 'Tags must be an array of strings', 'tags');
  }
  return body.tags as string[];
}

function addTags(store: Store, customer: CustomerRow, tags: string[]): string[] {
  const all = [...new Set([...(JSON.parse(customer.tags) as string[]), ...tags])];
  updateCustomer(store, customer, { tags: all });
  return all;
}

function addCustom(store: Store, customer: CustomerRow, list: unknown): Record<string, unknown> {
  if (list === undefined || list === null) throw missingParameter('custom');
  const parsed = readTypedAttributes(list);
  if ('error' in parsed) throw codeError(422, parsed.error, 'custom');
  const custom = {
    ...(JSON.parse(customer.custom) as Record<string, CustomAttribute>),
    ...parsed.attributes,
  };
  updateCustomer(store, customer, { custom });
  return customAttributeValues({ custom: JSON.stringify(custom) });
}

/** The customers an email names; none is a 404 like the search endpoint's. */
function customersByEmail(store: Store, body: Body): CustomerRow[] {
  if (typeof body.email !== 'string' || body.email === '') throw missingParameter('email');
  const customers = findCustomersByEmail(store, body.email);
  if (customers.length === 0)
    throw codeError(404, `Can't find any customers with email: "${body.email}"`, 'email');
  return customers;
}

export function registerCustomerAttributes(api: ApiRoutes): void {
  const store = api.store;
  const customerOf = (uuid: string) => requireCustomer(store, uuid);

  api.get('/v1/customers/:uuid/attributes', (req) => {
    const { tags, stripe, custom } = customerAttributes(customerOf(param(req, 'uuid')));
    return { status: 200, body: { tags, stripe, custom } };
  });

  api.post('/v1/customers/:uuid/attributes/tags', (req) => {
    const tags = readTags(objectBody(req.body));
    return { status: 200, body: { tags: addTags(store, customerOf(param(req, 'uuid')), tags) } };
  });

  api.delete('/v1/customers/:uuid/attributes/tags', (req) => {
    const remove = new Set(readTags(objectBody(req.body)));
    const customer = customerOf(param(req, 'uuid'));
    const tags = (JSON.parse(customer.tags) as string[]).filter((t) => !remove.has(t));
    updateCustomer(store, customer, { tags });
    return { status: 200, body: { tags } };
  });

  api.post('/v1/customers/attributes/tags', (req) => {
    const body = objectBody(req.body);
    const tags = readTags(body);
    const customers = customersByEmail(store, body);
    for (const c of customers) addTags(store, c, tags);
    return {
      status: 200,
      body: { entries: customers.map((c) => customerView(store, findCustomerById(store, c.id))) },
    };
  });

  api.post('/v1/customers/:uuid/attributes/custom', (req) => {
    const body = objectBody(req.body);
    return { status: 200, body: { custom: addCustom(store, customerOf(param(req, 'uuid')), body.custom) } };
  });

  api.post('/v1/customers/attributes/custom', (req) => {
    const body = objectBody(req.body);
    const customers = customersByEmail(store, body);
    for (const c of customers) addCustom(store, c, body.custom);
    return {
      status: 200,
      body: { entries: customers.map((c) => customerView(store, findCustomerById(store, c.id))) },
    };
  });

  api.put('/v1/customers/:uuid/attributes/custom', (req) => {
    const body = objectBody(req.body);
    if (body.custom === undefined || body.custom === null) throw missingParameter('custom');
    const customer = customerOf(param(req, 'uuid'));
    const parsed = readAttributeUpdates(
      body.custom,
      JSON.parse(customer.custom) as Record<string, CustomAttribute>,
    );
    if ('error' in parsed) throw codeError(422, parsed.error, 'custom');
    updateCustomer(store, customer, { custom: parsed.attributes });
    return {
      status: 200,
      body: { custom: customAttributeValues({ custom: JSON.stringify(parsed.attributes) }) },
    };
  });

  api.delete('/v1/customers/:uuid/attributes/custom', (req) => {
    const body = objectBody(req.body);
    if (!Array.isArray(body.custom) || !body.custom.every((k) => typeof k === 'string')) {
      throw codeError(422, 'custom must be an array of attribute keys', 'custom');
    }
    const customer = customerOf(param(req, 'uuid'));
    const custom = JSON.parse(customer.custom) as Record<string, CustomAttribute>;
    for (const key of body.custom as string[]) delete custom[key];
    updateCustomer(store, customer, { custom });
    return { status: 204 };
  });
}
