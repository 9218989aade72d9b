/**
 * Line items (2025–26 endpoints): add to an invoice (201; `/v1/import/invoices/:uuid/line_items` as
 * chartmogul-node sends it, `/v1/invoices/:uuid/line_items` as the docs show), retrieve, update, delete
 * (204) and disable/enable, each by uuid or by data_source_uuid + external_id in the query. Validation is
 * the invoice import's (every field named, 422 dialect B); an update is validated as the whole line item it
 * makes. Every change rederives the invoice's customer; an invoice keeps at least one line item.
 */
import type { Request } from 'express';
import { fieldErrors } from '../http/errors';
import { disabledFlag, Input, objectBody, type Body } from '../http/input';
import { param, type ApiRoutes } from '../http/routes';
import { rederiveCustomer } from '../analytics';
import { disabledColumns } from '../lib/account';
import { updateColumns, type Store } from '../store/context';
import { findInvoice, findInvoiceById, type InvoiceRow, type LineItemInput } from '../store/invoices';
import {
  deleteLineItem,
  findLineItem,
  findLineItemByExternalId,
  insertLineItem,
  lineItemCount,
  replaceLineItem,
  type LineItemRow,
} from '../store/lineItems';
import { lineItemView } from '../views/invoiceParts';
import { byExternalId, byUuid } from './billingRefs';
import { newSeenIds, readLineItem, withPlanUuid } from './invoiceInput';

/** One line item for the invoice's source; errors keyed by field, without the import's `line_items.`. */
function readOne(store: Store, invoice: InvoiceRow, raw: Body, own?: string | null): LineItemInput {
  const body = withPlanUuid(store, invoice.data_source_id, raw);
  const input = new Input({});
  const item = readLineItem(store, invoice.data_source_id, body, newSeenIds(own), input);
  if (!item) {
    const errors = Object.fromEntries(
      Object.entries(input.errors).map(([key, message]) => [key.replace(/^line_items\./, ''), message]),
    );
    throw fieldErrors(errors);
  }
  return item;
}

function setDisabled(store: Store, row: LineItemRow, disabled: boolean): LineItemRow {
  updateColumns(store.db, 'line_items', row.id, disabledColumns(store, disabled));
  return findLineItem(store, row.uuid)!;
}

export function registerLineItems(api: ApiRoutes): void {
  const store = api.store;
  const view = (row: LineItemRow) => lineItemView(store, row, true);
  const invoiceOf = (row: LineItemRow) => findInvoiceById(store, row.invoice_id);
  const byQuery = (req: Request) =>
    byExternalId(store, req, 'Line item', (ds, ext) => findLineItemByExternalId(store, ds, ext));
  const byPath = (req: Request) => byUuid('Line item', findLineItem(store, param(req, 'uuid')));
  const done = (row: LineItemRow, status = 200) => {
    rederiveCustomer(store, invoiceOf(row).customer_id);
    return { status, body: view(row) };
  };

  const create = (req: Request) => {
    const invoice = byUuid('Invoice', findInvoice(store, param(req, 'uuid')));
    return done(insertLineItem(store, invoice, readOne(store, invoice, objectBody(req.body))), 201);
  };
  api.post('/v1/import/invoices/:uuid/line_items', create);
  api.post('/v1/invoices/:uuid/line_items', create);

  const modify = (row: LineItemRow, body: unknown) => {
    const invoice = invoiceOf(row);
    const changes = objectBody(body);
    const merged: Body = { ...(JSON.parse(row.data) as Body), ...changes };
    // A plan named by external id replaces the stored plan uuid.
    if (changes.plan_external_id !== undefined && changes.plan_uuid === undefined) delete merged.plan_uuid;
    return done(replaceLineItem(store, invoice, row, readOne(store, invoice, merged, row.external_id)));
  };
  const remove = (row: LineItemRow) => {
    const invoice = invoiceOf(row);
    if (lineItemCount(store, invoice.id) <= 1)
      throw fieldErrors({
        line_items: 'An invoice needs at least one line item; delete the invoice instead',
      });
    deleteLineItem(store, row, invoice.customer_id);
    rederiveCustomer(store, invoice.customer_id);
    return { status: 204 };
  };

  api.get('/v1/line_items', (req) => ({ status: 200, body: { line_items: [view(byQuery(req))] } }));
  api.patch('/v1/line_items/disabled_state', (req) =>
    done(setDisabled(store, byQuery(req), disabledFlag(req.body))),
  );
  api.patch('/v1/line_items', (req) => modify(byQuery(req), req.body));
  api.delete('/v1/line_items', (req) => remove(byQuery(req)));

  api.get('/v1/line_items/:uuid', (req) => ({ status: 200, body: view(byPath(req)) }));
  api.patch('/v1/line_items/:uuid/disabled_state', (req) =>
    done(setDisabled(store, byPath(req), disabledFlag(req.body))),
  );
  api.patch('/v1/line_items/:uuid', (req) => modify(byPath(req), req.body));
  api.delete('/v1/line_items/:uuid', (req) => remove(byPath(req)));
}
