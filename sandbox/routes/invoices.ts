/**
 * Invoices: import for a customer (201; all or nothing — when any invoice is invalid the response repeats
 * every invoice with its `errors` and nothing is stored), a customer's list, the all-invoices list with filters,
 * retrieve, delete (204), delete all of a customer in a data source (204); transactions import (201).
 */
import type { Request } from 'express';
import { param, queryFlag, queryString, type ApiRoutes } from '../http/routes';
import { ApiError, fieldErrors, missingParameter, notFound } from '../http/errors';
import { Input, isObject, objectBody } from '../http/input';
import { importPageBody, readPageRequest, type Page } from '../http/pagination';
import type { Store } from '../store/context';
import { countRows, keysetPage } from '../store/keyset';
import { findCustomer, findCustomerByIdentity } from '../store/customers';
import { findDataSource } from '../store/dataSources';
import {
  anyInvoiceDisabled,
  deleteInvoices,
  findInvoice,
  insertInvoice,
  invoicesMatching,
  type InvoiceFilter,
  type InvoiceInput,
  type InvoiceRow,
} from '../store/invoices';
import { rederiveCustomer } from '../analytics';
import { insertTransaction } from '../store/transactions';
import { invoiceView, type InvoiceFlavour } from '../views/billing';
import { requireCustomer } from './customers';
import { requireDataSource } from './dataSources';
import { newSeenIds, readInvoice, readTransaction } from './invoiceInput';

function requireInvoice(store: Store, uuid: string): InvoiceRow {
  const row = findInvoice(store, uuid);
  if (!row) throw notFound('Invoice');
  return row;
}

/** Disabled invoices are hidden unless `with_disabled=true` (and there is nothing to hide while none is). */
function withDisabled(store: Store, req: Request): boolean {
  return queryFlag(req, 'with_disabled') || !anyInvoiceDisabled(store);
}

/** A read asking for disabled invoices gets the keys that tell them apart (status, disabled state …). */
function editEra(req: Request, flavour: InvoiceFlavour): InvoiceFlavour {
  return queryFlag(req, 'with_disabled') ? 'edit' : flavour;
}

const NO_INVOICES: Page<InvoiceRow> = { items: [], hasMore: false, cursor: null };

function invoicePage(
  store: Store,
  req: Request,
  filter: InvoiceFilter,
  flavour: InvoiceFlavour,
  empty = false,
) {
  const request = readPageRequest(req.query as Record<string, unknown>);
  const query = invoicesMatching(filter);
  const page = empty ? NO_INVOICES : keysetPage(store, query, request);
  const invoices = page.items.map((r) => invoiceView(store, r, flavour));
  return importPageBody('invoices', invoices, page, request, () => (empty ? 0 : countRows(store, query)));
}

export function registerInvoices(api: ApiRoutes): void {
  const store = api.store;

  api.post('/v1/import/customers/:uuid/invoices', (req) => {
    const customer = requireCustomer(store, param(req, 'uuid'));
    const body = objectBody(req.body);
    if (!Array.isArray(body.invoices)) throw missingParameter('invoices');
    const seen = newSeenIds();
    const results = body.invoices.map((raw) =>
      isObject(raw)
        ? readInvoice(store, customer.data_source_id, raw, seen)
        : { errors: { invoice: 'must be an object' } },
    );
    if (results.some((r) => Object.keys(r.errors).length > 0)) {
      const echoed = body.invoices.map((raw, i) => ({
        ...(isObject(raw) ? raw : {}),
        errors: results[i].errors,
      }));
      throw new ApiError(422, { invoices: echoed });
    }
    const created = results.map((r) => insertInvoice(store, customer, r.invoice as InvoiceInput));
    rederiveCustomer(store, customer.id);
    return { status: 201, body: { invoices: created.map((inv) => invoiceView(store, inv, 'import')) } };
  });

  api.get('/v1/import/customers/:uuid/invoices', (req) => {
    const customer = requireCustomer(store, param(req, 'uuid'));
    return {
      status: 200,
      body: {
        customer_uuid: customer.uuid,
        ...invoicePage(
          store,
          req,
          { customerId: customer.id, withDisabled: withDisabled(store, req) },
          editEra(req, 'retrieve'),
        ),
      },
    };
  });

  api.get('/v1/invoices', (req) => {
    const customerUuid = queryString(req, 'customer_uuid');
    const dsUuid = queryString(req, 'data_source_uuid');
    const filter: InvoiceFilter = {
      customerId: customerUuid !== undefined ? (findCustomer(store, customerUuid)?.id ?? -1) : undefined,
      dataSourceId: dsUuid !== undefined ? (findDataSource(store, dsUuid)?.id ?? -1) : undefined,
      externalId: queryString(req, 'external_id'),
      withDisabled: withDisabled(store, req),
    };
    // Every stored invoice is valid: asking for the invalid ones finds none.
    const onlyInvalid = queryString(req, 'validation_type') === 'invalid';
    return { status: 200, body: invoicePage(store, req, filter, editEra(req, 'list'), onlyInvalid) };
  });

  api.get('/v1/invoices/:uuid', (req) => ({
    status: 200,
    body: invoiceView(store, requireInvoice(store, param(req, 'uuid')), editEra(req, 'retrieve')),
  }));

  api.delete('/v1/invoices/:uuid', (req) => {
    const invoice = requireInvoice(store, param(req, 'uuid'));
    deleteInvoices(store, { id: invoice.id });
    rederiveCustomer(store, invoice.customer_id);
    return { status: 204 };
  });

  api.delete('/v1/data_sources/:ds/customers/:customer/invoices', (req) => {
    const source = requireDataSource(store, param(req, 'ds'));
    const customer = requireCustomer(store, param(req, 'customer'));
    const belongs =
      customer.data_source_id === source.id || findCustomerByIdentity(store, source.id, customer.external_id);
    if (!belongs) throw notFound('Customer');
    deleteInvoices(store, { customerId: customer.id });
    rederiveCustomer(store, customer.id);
    return { status: 204 };
  });

  api.post('/v1/import/invoices/:uuid/transactions', (req) => {
    const invoice = requireInvoice(store, param(req, 'uuid'));
    const input = new Input({});
    const tx = readTransaction(store, invoice.data_source_id, objectBody(req.body), newSeenIds(), input, '');
    if (!tx) throw fieldErrors(input.errors);
    const row = insertTransaction(store, invoice, tx);
    const { transaction_fees_currency, ...created } = JSON.parse(row.data) as Record<string, unknown>;
    void transaction_fees_currency; // the create response omits it, as recorded
    rederiveCustomer(store, invoice.customer_id);
    return { status: 201, body: created };
  });
}
