/**
 * Transactions (2025–26 endpoints): retrieve, update, delete (204) and disable/enable, each by uuid or by
 * data_source_uuid + external_id in the query (creating one stays `POST /v1/import/invoices/:uuid/
 * transactions`, routes/invoices.ts). Validation is the import's, 422 dialect B; an update is validated as
 * the whole transaction it makes. Every change rederives the invoice's customer.
 */
import type { Request } from 'express';
import { fieldErrors } from '../http/errors';
import { disabledFlag, Input, objectBody, type Body } from '../http/input';
import { param, type ApiRoutes } from '../http/routes';
import { rederiveCustomer } from '../analytics';
import { disabledColumns } from '../lib/account';
import { updateColumns } from '../store/context';
import { findInvoiceById } from '../store/invoices';
import {
  deleteTransaction,
  findTransaction,
  findTransactionByExternalId,
  replaceTransaction,
  type TransactionRow,
} from '../store/transactions';
import { transactionView } from '../views/invoiceParts';
import { byExternalId, byUuid } from './billingRefs';
import { newSeenIds, readTransaction } from './invoiceInput';

export function registerTransactions(api: ApiRoutes): void {
  const store = api.store;
  const byQuery = (req: Request) =>
    byExternalId(store, req, 'Transaction', (ds, ext) => findTransactionByExternalId(store, ds, ext));
  const byPath = (req: Request) => byUuid('Transaction', findTransaction(store, param(req, 'uuid')));
  const done = (row: TransactionRow) => {
    rederiveCustomer(store, findInvoiceById(store, row.invoice_id).customer_id);
    return { status: 200, body: transactionView(row, true) };
  };

  const modify = (row: TransactionRow, body: unknown) => {
    const merged = { ...(JSON.parse(row.data) as Body), ...objectBody(body) };
    const input = new Input({});
    const tx = readTransaction(store, row.data_source_id, merged, newSeenIds(row.external_id), input, '');
    if (!tx) throw fieldErrors(input.errors);
    return done(replaceTransaction(store, row, tx));
  };
  const setDisabled = (row: TransactionRow, disabled: boolean) => {
    updateColumns(store.db, 'transactions', row.id, disabledColumns(store, disabled));
    return done(findTransaction(store, row.uuid)!);
  };
  const remove = (row: TransactionRow) => {
    deleteTransaction(store, row.id);
    rederiveCustomer(store, findInvoiceById(store, row.invoice_id).customer_id);
    return { status: 204 };
  };

  api.get('/v1/transactions', (req) => ({
    status: 200,
    body: { transactions: [transactionView(byQuery(req), true)] },
  }));
  api.patch('/v1/transactions/disabled_state', (req) => setDisabled(byQuery(req), disabledFlag(req.body)));
  api.patch('/v1/transactions', (req) => modify(byQuery(req), req.body));
  api.delete('/v1/transactions', (req) => remove(byQuery(req)));

  api.get('/v1/transactions/:uuid', (req) => ({ status: 200, body: transactionView(byPath(req), true) }));
  api.patch('/v1/transactions/:uuid/disabled_state', (req) =>
    setDisabled(byPath(req), disabledFlag(req.body)),
  );
  api.patch('/v1/transactions/:uuid', (req) => modify(byPath(req), req.body));
  api.delete('/v1/transactions/:uuid', (req) => remove(byPath(req)));
}
