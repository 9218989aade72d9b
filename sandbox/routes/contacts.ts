/**
 * Contacts: list (customer_uuid, data_source_uuid, email, customer_external_id filters), retrieve, create
 * (201), update (PATCH), delete (200 `{}`, as recorded), merge (200, the surviving contact), and a customer's
 * contacts (`GET|POST /v1/customers/:uuid/contacts`). Errors in dialect A; a missing resource in dialect C.
 */
import { codeError, notFound } from '../http/errors';
import { Input, isEmail, objectBody, type Body } from '../http/input';
import { param, queryString, type ApiRoutes } from '../http/routes';
import type { Store } from '../store/context';
import {
  CONTACT_TEXT_FIELDS,
  contactExternalIdTaken,
  contactsMatching,
  deleteContact,
  findContact,
  insertContact,
  updateContact,
  type ContactFields,
  type ContactRow,
} from '../store/contacts';
import { findCustomer, type CustomerRow } from '../store/customers';
import { findDataSource } from '../store/dataSources';
import { contactKind, contactView } from '../views/crm';
import { INVALID_EMAIL } from './customerInput';
import { requireCustomer } from './customers';
import {
  bodyCustomer,
  keptEntriesList,
  failOnErrors,
  filterById,
  readCustomList,
  requireParams,
  required,
} from './crmInput';

const DUPLICATE = 'The external ID for this contact already exists in our system.';
const MERGED_NOTE = 'This contact was merged';

/** The contact fields present in the body (null clears a field); problems land in input.errors. */
function readContactFields(input: Input, existingCustom?: Record<string, unknown>): ContactFields {
  const fields: ContactFields = {};
  for (const key of [...CONTACT_TEXT_FIELDS, 'external_id'] as const) {
    if (input.body[key] === null) fields[key] = null;
    else {
      const v = input.string(key);
      if (v !== undefined) fields[key] = v;
    }
  }
  if (typeof fields.email === 'string' && fields.email !== '' && !isEmail(fields.email))
    input.fail('email', INVALID_EMAIL);
  const position = input.integer('position', { min: 1 });
  if (position !== undefined) fields.position = position;
  const custom = readCustomList(input, existingCustom);
  if (custom !== undefined) fields.custom = custom;
  return fields;
}

function checkExternalId(store: Store, dataSourceId: number, fields: ContactFields, self?: ContactRow): void {
  const ext = fields.external_id;
  if (typeof ext !== 'string' || ext === self?.external_id) return;
  if (contactExternalIdTaken(store, dataSourceId, ext)) throw codeError(422, DUPLICATE, 'external_id');
}

function createContact(store: Store, customer: CustomerRow, body: Body): ContactRow {
  requireParams(body, ['data_source_uuid']);
  const input = new Input(body);
  const dsUuid = input.string('data_source_uuid');
  const fields = readContactFields(input);
  failOnErrors(input);
  const source = findDataSource(store, dsUuid as string);
  if (!source) throw notFound('Data source');
  checkExternalId(store, source.id, fields);
  return insertContact(store, customer.id, source.id, fields);
}

/** into keeps its values; from fills the fields into lacks; the note says the merge happened. */
function mergeContacts(store: Store, into: ContactRow, from: ContactRow): ContactRow {
  const fields: ContactFields = {};
  for (const key of [...CONTACT_TEXT_FIELDS, 'external_id'] as const) {
    if (into[key] === null && from[key] !== null) fields[key] = from[key];
  }
  const notes = into.notes ?? from.notes;
  fields.notes = notes ? `${notes} ${MERGED_NOTE}` : MERGED_NOTE;
  fields.custom = {
    ...(JSON.parse(from.custom) as Record<string, unknown>),
    ...(JSON.parse(into.custom) as Record<string, unknown>),
  };
  deleteContact(store, from.id);
  return updateContact(store, into, fields);
}

export function registerContacts(api: ApiRoutes): void {
  const store = api.store;
  const contactOf = (uuid: string) => required(findContact(store, uuid), 'Contact');
  const view = (row: ContactRow) => contactView(store, row);

  api.get('/v1/contacts', (req) => {
    const query = contactsMatching({
      customerId: filterById(req, 'customer_uuid', (u) => findCustomer(store, u)),
      dataSourceId: filterById(req, 'data_source_uuid', (u) => findDataSource(store, u)),
      email: queryString(req, 'email'),
      customerExternalId: queryString(req, 'customer_external_id'),
    });
    return { status: 200, body: keptEntriesList(store, req, query, contactKind(store)) };
  });

  api.get('/v1/contacts/:uuid', (req) => ({ status: 200, body: view(contactOf(param(req, 'uuid'))) }));

  api.post('/v1/contacts', (req) => {
    const body = objectBody(req.body);
    requireParams(body, ['customer_uuid']);
    return { status: 201, body: view(createContact(store, bodyCustomer(store, body), body)) };
  });

  api.patch('/v1/contacts/:uuid', (req) => {
    const contact = contactOf(param(req, 'uuid'));
    const input = new Input(objectBody(req.body));
    const fields = readContactFields(input, JSON.parse(contact.custom) as Record<string, unknown>);
    failOnErrors(input);
    checkExternalId(store, contact.data_source_id, fields, contact);
    return { status: 200, body: view(updateContact(store, contact, fields)) };
  });

  api.delete('/v1/contacts/:uuid', (req) => {
    deleteContact(store, contactOf(param(req, 'uuid')).id);
    return { status: 200, body: {} };
  });

  api.post('/v1/contacts/:into/merge/:from', (req) => {
    const into = contactOf(param(req, 'into'));
    const from = contactOf(param(req, 'from'));
    if (into.id === from.id) throw codeError(422, 'A contact cannot be merged into itself', 'from');
    return { status: 200, body: view(mergeContacts(store, into, from)) };
  });

  api.get('/v1/customers/:uuid/contacts', (req) => {
    const customer = requireCustomer(store, param(req, 'uuid'));
    return {
      status: 200,
      body: keptEntriesList(store, req, contactsMatching({ customerId: customer.id }), contactKind(store)),
    };
  });

  api.post('/v1/customers/:uuid/contacts', (req) => {
    const customer = requireCustomer(store, param(req, 'uuid'));
    return { status: 201, body: view(createContact(store, customer, objectBody(req.body))) };
  });
}
