/**
 * Invoice edits (2025–26 endpoints): update (PATCH by uuid, or by data_source_uuid + external_id in the
 * query), delete by external id (204), set the status (`PUT /v1/data_sources/:ds/invoices/:external_id/
 * status`: voided or written_off, from open only), disable/enable (with its line items and transactions).
 * Every edit rederives the customer. Field errors: 422 dialect B; a refused status: 422 `{message}`.
 */
import { ApiError, fieldErrors, notFound } from '../http/errors';
import { disabledFlag, Input, objectBody } from '../http/input';
import { param, type ApiRoutes } from '../http/routes';
import { rederiveCustomer } from '../analytics';
import { disabledColumns } from '../lib/account';
import { externalIdTaken, sql, updateColumns, type Store } from '../store/context';
import {
  deleteInvoices,
  findInvoice,
  findInvoiceByExternalId,
  findInvoiceById,
  invoiceStatus,
  type InvoiceRow,
} from '../store/invoices';
import { invoiceView } from '../views/billing';
import { requireDataSource } from './dataSources';
import { DUPLICATE_INVOICE } from './invoiceInput';
import { byExternalId, byUuid } from './billingRefs';

const SETTABLE_STATUSES = ['voided', 'written_off'];
const COLLECTION_METHODS = ['manual', 'automatic'] as const;

function readInvoiceChanges(store: Store, invoice: InvoiceRow, body: unknown): Record<string, unknown> {
  const input = new Input(objectBody(body));
  const changes: Record<string, unknown> = {};
  const externalId = input.string('external_id');
  if (externalId !== undefined && externalId !== invoice.external_id) {
    if (externalIdTaken(store, 'invoices', invoice.data_source_id, externalId))
      input.fail('external_id', DUPLICATE_INVOICE);
    changes.external_id = externalId;
  }
  changes.date = input.timestamp('date');
  if (input.body.due_date === null) changes.due_date = null;
  else changes.due_date = input.timestamp('due_date');
  changes.currency = input.currency('currency');
  changes.collection_method = input.oneOf('collection_method', COLLECTION_METHODS);
  if (!input.ok) throw fieldErrors(input.errors);
  return changes;
}

/** An invoice's line items and transactions need external ids before it can be disabled (documented). */
function checkDisableable(store: Store, invoice: InvoiceRow): void {
  const missing = sql(
    store.db,
    `SELECT EXISTS(SELECT 1 FROM line_items WHERE invoice_id = @id AND external_id IS NULL)
         OR EXISTS(SELECT 1 FROM transactions WHERE invoice_id = @id AND external_id IS NULL) AS missing`,
  ).get({ id: invoice.id }) as { missing: number };
  if (missing.missing)
    throw fieldErrors({ external_id: 'Every line item and transaction needs an external ID to be disabled' });
}

function setInvoiceDisabled(store: Store, invoice: InvoiceRow, disabled: boolean): InvoiceRow {
  if (disabled) checkDisableable(store, invoice);
  const state = disabledColumns(store, disabled);
  updateColumns(store.db, 'invoices', invoice.id, state);
  for (const table of ['line_items', 'transactions'])
    sql(
      store.db,
      `UPDATE ${table} SET disabled = @disabled, disabled_at = @disabled_at, disabled_by = @disabled_by
      WHERE invoice_id = @id`,
    ).run({ ...state, id: invoice.id });
  rederiveCustomer(store, invoice.customer_id);
  return findInvoiceById(store, invoice.id);
}

export function registerInvoiceEdits(api: ApiRoutes): void {
  const store = api.store;
  const view = (row: InvoiceRow) => invoiceView(store, row, 'edit');
  const byQuery = (req: Parameters<typeof byExternalId>[1]) =>
    byExternalId(store, req, 'Invoice', (ds, ext) => findInvoiceByExternalId(store, ds, ext));
  const byPath = (uuid: string) => byUuid('Invoice', findInvoice(store, uuid));

  const modify = (invoice: InvoiceRow, body: unknown) => {
    updateColumns(store.db, 'invoices', invoice.id, readInvoiceChanges(store, invoice, body));
    rederiveCustomer(store, invoice.customer_id);
    return { status: 200, body: view(findInvoiceById(store, invoice.id)) };
  };
  const setDisabled = (invoice: InvoiceRow, body: unknown) => ({
    status: 200,
    body: view(setInvoiceDisabled(store, invoice, disabledFlag(body))),
  });

  // The by-external-id forms first: "disabled_state" is no invoice uuid.
  api.patch('/v1/invoices/disabled_state', (req) => setDisabled(byQuery(req), req.body));
  api.patch('/v1/invoices/:uuid/disabled_state', (req) => setDisabled(byPath(param(req, 'uuid')), req.body));
  api.patch('/v1/invoices', (req) => modify(byQuery(req), req.body));
  api.patch('/v1/invoices/:uuid', (req) => modify(byPath(param(req, 'uuid')), req.body));

  api.delete('/v1/invoices', (req) => {
    const invoice = byQuery(req);
    deleteInvoices(store, { id: invoice.id });
    rederiveCustomer(store, invoice.customer_id);
    return { status: 204 };
  });

  api.put('/v1/data_sources/:ds/invoices/:externalId/status', (req) => {
    const source = requireDataSource(store, param(req, 'ds'));
    const invoice = findInvoiceByExternalId(store, source.id, param(req, 'externalId'));
    if (!invoice) throw notFound('Invoice');
    const status = objectBody(req.body).status;
    if (
      typeof status !== 'string' ||
      !SETTABLE_STATUSES.includes(status) ||
      invoiceStatus(store, invoice) !== 'open'
    )
      throw new ApiError(422, { message: 'Status transition is not allowed' });
    updateColumns(store.db, 'invoices', invoice.id, { status });
    rederiveCustomer(store, invoice.customer_id);
    return { status: 200, body: { message: 'Invoice updated', external_id: invoice.external_id, status } };
  });
}
