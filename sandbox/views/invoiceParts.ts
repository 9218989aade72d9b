/**
 * Line items and transactions as the API answers them: the stored object, plus (in the newer endpoints'
 * shapes: retrieve, list, edits) the disabled state ChartMogul added in 2025.
 */
import type { Store } from '../store/context';
import { invoiceStatus, type InvoiceRow } from '../store/invoices';
import type { LineItemRow } from '../store/lineItems';
import type { TransactionRow } from '../store/transactions';
import { findPlan } from '../store/plans';
import { sql } from '../store/context';
import { isoMillis } from '../lib/time';

interface Disableable {
  disabled: number;
  disabled_at: number | null;
  disabled_by: string | null;
}

export function disabledState(row: Disableable): Record<string, unknown> {
  return {
    disabled: row.disabled === 1,
    disabled_at: isoMillis(row.disabled_at),
    disabled_by: row.disabled_by,
  };
}

/** `withState` adds the edit-era keys (plan_external_id, balance_transfer, disabled…, user_created). */
export function lineItemView(store: Store, row: LineItemRow, withState: boolean): Record<string, unknown> {
  const data = JSON.parse(row.data) as Record<string, unknown>;
  if (!withState) return data;
  const plan = row.plan_uuid ? findPlan(store, row.plan_uuid) : undefined;
  const extra: Record<string, unknown> = {
    balance_transfer: null,
    ...disabledState(row),
    user_created: false,
  };
  if (row.type === 'subscription') extra.plan_external_id = plan?.external_id ?? null;
  return { ...data, ...extra };
}

export function transactionView(row: TransactionRow, withState: boolean): Record<string, unknown> {
  const data = JSON.parse(row.data) as Record<string, unknown>;
  return withState ? { ...data, ...disabledState(row) } : data;
}

/** The invoice-level keys the edit-era endpoints add. */
export function invoiceState(store: Store, row: InvoiceRow): Record<string, unknown> {
  const customer = sql(store.db, 'SELECT external_id FROM customers WHERE id = ?').get(row.customer_id) as {
    external_id: string;
  };
  return {
    customer_external_id: customer.external_id,
    collection_method: row.collection_method,
    status: invoiceStatus(store, row),
    ...disabledState(row),
    user_created: false,
  };
}
