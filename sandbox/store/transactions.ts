/** Transactions (payments and refunds) of an invoice: the API's object in `data` plus queried columns. */
import { insertRow, rowBy, sql, updateColumns, type Store } from './context';
import type { InvoiceRow, TransactionInput } from './invoices';

export interface TransactionRow {
  id: number;
  uuid: string;
  invoice_id: number;
  data_source_id: number;
  external_id: string | null;
  type: string;
  result: string;
  date: number;
  data: string;
  disabled: number;
  disabled_at: number | null;
  disabled_by: string | null;
}

export function findTransaction(store: Store, uuid: string): TransactionRow | undefined {
  return rowBy<TransactionRow>(store.db, 'transactions', 'uuid', uuid);
}

export function findTransactionByExternalId(
  store: Store,
  dataSourceId: number,
  externalId: string,
): TransactionRow | undefined {
  return sql(store.db, 'SELECT * FROM transactions WHERE data_source_id = ? AND external_id = ?').get(
    dataSourceId,
    externalId,
  ) as TransactionRow | undefined;
}

function columnsOf(uuid: string, tx: TransactionInput): Record<string, unknown> {
  return {
    external_id: tx.external_id,
    type: tx.type,
    result: tx.result,
    date: tx.date,
    data: JSON.stringify({ uuid, ...tx.output }),
  };
}

export function insertTransaction(store: Store, invoice: InvoiceRow, tx: TransactionInput): TransactionRow {
  const uuid = store.ids.prefixed('tr');
  const row = {
    uuid,
    invoice_id: invoice.id,
    data_source_id: invoice.data_source_id,
    ...columnsOf(uuid, tx),
  };
  insertRow(store.db, 'transactions', row);
  return findTransaction(store, uuid)!;
}

export function replaceTransaction(store: Store, row: TransactionRow, tx: TransactionInput): TransactionRow {
  updateColumns(store.db, 'transactions', row.id, columnsOf(row.uuid, tx));
  return findTransaction(store, row.uuid)!;
}

export function deleteTransaction(store: Store, id: number): void {
  sql(store.db, 'DELETE FROM transactions WHERE id = ?').run(id);
}
