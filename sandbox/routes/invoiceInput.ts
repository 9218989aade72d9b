/**
 * Validating invoices, line items and transactions as the import API takes them. Every problem is recorded
 * under its field ("line_items.plan_uuid", "transactions.date" …) so the caller can answer in its dialect.
 */
import { Input, isObject, type Body } from '../http/input';
import { externalIdTaken, sql, type Store } from '../store/context';
import { findPlan } from '../store/plans';
import type { InvoiceInput, LineItemInput, TransactionInput } from '../store/invoices';
import { isoMillis } from '../lib/time';
import { isConvertible } from '../analytics/rules/money';

const REQUIRED = "can't be blank";
export const DUPLICATE_INVOICE = 'The external ID for this invoice already exists in our system.';
export const DUPLICATE_LINE_ITEM = 'The external ID for this line item already exists in our system.';
export const DUPLICATE_TRANSACTION = 'has already been taken';

/** External ids already used earlier in the same request, per kind (they must be unique per data source too). */
export interface SeenIds {
  invoices: Set<string>;
  lineItems: Set<string>;
  transactions: Set<string>;
  /** The external id of the record being edited: keeping it is no duplicate. */
  own?: string | null;
}

export function newSeenIds(own?: string | null): SeenIds {
  return { invoices: new Set(), lineItems: new Set(), transactions: new Set(), own };
}

const TABLES = { invoices: 'invoices', lineItems: 'line_items', transactions: 'transactions' } as const;

/** Takes an item's external id for this request; `message` fails it when it is already used here or stored. */
function claimExternalId(
  store: Store,
  dataSourceId: number,
  seen: SeenIds,
  kind: keyof typeof TABLES,
  externalId: string | null | undefined,
  input: Input,
  message: string,
): void {
  if (externalId === null || externalId === undefined) return;
  const stored = externalId !== seen.own && externalIdTaken(store, TABLES[kind], dataSourceId, externalId);
  if (seen[kind].has(externalId) || stored) input.fail('external_id', message);
  seen[kind].add(externalId);
}

function commonAmounts(input: Input) {
  return {
    // Any integer: negative quantities are credits (reference §h17).
    quantity: input.integer('quantity') ?? 1,
    discount_code: input.string('discount_code') ?? '',
    discount_amount_in_cents: input.integer('discount_amount_in_cents') ?? 0,
    tax_amount_in_cents: input.integer('tax_amount_in_cents') ?? 0,
    transaction_fees_in_cents: input.integer('transaction_fees_in_cents') ?? 0,
    account_code: input.string('account_code') ?? '',
    transaction_fees_currency: input.currency('transaction_fees_currency') ?? null,
    discount_description: input.string('discount_description') ?? null,
    event_order: input.integer('event_order') ?? null,
  };
}

/** The line-item columns that queries read (the rest is stored as the API's output object). */
function storedColumns(
  type: LineItemInput['type'],
  external_id: string | null,
  amount: number,
  amounts: ReturnType<typeof commonAmounts>,
): Omit<LineItemInput, 'output' | 'subscription'> {
  return {
    type,
    external_id,
    amount_in_cents: amount,
    quantity: amounts.quantity,
    tax_amount_in_cents: amounts.tax_amount_in_cents,
  };
}

/**
 * The newer endpoints and the bulk import name a line item's plan by `plan_external_id`: the same line
 * item with the plan's uuid (an unknown external id is kept, so validation reports `Plan not found`).
 */
export function withPlanUuid(store: Store, dataSourceId: number, raw: Body): Body {
  if (raw.plan_uuid !== undefined || typeof raw.plan_external_id !== 'string') return raw;
  const plan = sql(store.db, 'SELECT uuid FROM plans WHERE data_source_id = ? AND external_id = ?').get(
    dataSourceId,
    raw.plan_external_id,
  ) as { uuid: string } | undefined;
  return { ...raw, plan_uuid: plan?.uuid ?? raw.plan_external_id };
}

export function readLineItem(
  store: Store,
  dataSourceId: number,
  raw: unknown,
  seen: SeenIds,
  input: Input,
): LineItemInput | undefined {
  if (!isObject(raw)) return void input.fail('line_items', 'must be objects');
  const li = new Input(raw, 'line_items.');
  const type = li.oneOf('type', ['subscription', 'one_time'] as const, {
    required: REQUIRED,
    invalid: "must be 'subscription' or 'one_time'",
  });
  const external_id = li.string('external_id') ?? null;
  const amount = li.integer('amount_in_cents', { required: REQUIRED });
  const amounts = commonAmounts(li);
  claimExternalId(store, dataSourceId, seen, 'lineItems', external_id, li, DUPLICATE_LINE_ITEM);
  let item: LineItemInput | undefined;
  if (type === 'subscription') {
    const subExternalId = li.string('subscription_external_id', { required: REQUIRED });
    const setExternalId = li.string('subscription_set_external_id') ?? null;
    const planUuid = li.string('plan_uuid', { required: REQUIRED });
    if (planUuid !== undefined && !findPlan(store, planUuid)) li.fail('plan_uuid', 'Plan not found');
    const start = li.timestamp('service_period_start', { required: REQUIRED });
    const end = li.timestamp('service_period_end', { required: REQUIRED });
    if (start !== undefined && end !== undefined && end < start)
      li.fail('service_period_end', 'must be after service_period_start');
    const cancelledAt = li.timestamp('cancelled_at') ?? null;
    const prorated = li.boolean('prorated') ?? false;
    const prorationType = li.string('proration_type') ?? null;
    if (
      li.ok &&
      subExternalId !== undefined &&
      planUuid !== undefined &&
      start !== undefined &&
      end !== undefined &&
      amount !== undefined
    ) {
      const output: Record<string, unknown> = {
        external_id,
        type,
        subscription_external_id: subExternalId,
        prorated,
        proration_type: prorationType,
        service_period_start: isoMillis(start),
        service_period_end: isoMillis(end),
      };
      if (setExternalId !== null) output.subscription_set_external_id = setExternalId;
      Object.assign(output, { plan_uuid: planUuid, amount_in_cents: amount, ...amounts });
      item = {
        ...storedColumns(type, external_id, amount, amounts),
        output,
        subscription: {
          external_id: subExternalId,
          set_external_id: setExternalId,
          plan_uuid: planUuid,
          service_period_start: start,
          service_period_end: end,
          cancelled_at: cancelledAt,
        },
      };
    }
  } else if (type === 'one_time') {
    const description = li.string('description') ?? null;
    if (li.ok && amount !== undefined) {
      item = {
        ...storedColumns(type, external_id, amount, amounts),
        output: { external_id, type, description, amount_in_cents: amount, ...amounts },
      };
    }
  }
  Object.assign(input.errors, { ...li.errors, ...input.errors });
  return item;
}

export function readTransaction(
  store: Store,
  dataSourceId: number,
  raw: unknown,
  seen: SeenIds,
  input: Input,
  prefix: string,
): TransactionInput | undefined {
  if (!isObject(raw)) return void input.fail(prefix.replace(/\.$/, '') || 'transaction', 'must be an object');
  const tx = new Input(raw, prefix);
  const type = tx.oneOf('type', ['payment', 'refund'] as const, {
    required: REQUIRED,
    invalid: "must be 'payment' or 'refund'",
  });
  const date = tx.timestamp('date', { required: REQUIRED });
  const result = tx.oneOf('result', ['successful', 'failed'] as const, {
    required: REQUIRED,
    invalid: "must be 'successful' or 'failed'",
  });
  const external_id = tx.string('external_id') ?? null;
  const amount = tx.integer('amount_in_cents') ?? null;
  const fees = tx.integer('transaction_fees_in_cents') ?? null;
  const feesCurrency = tx.currency('transaction_fees_currency') ?? null;
  claimExternalId(store, dataSourceId, seen, 'transactions', external_id, tx, DUPLICATE_TRANSACTION);
  Object.assign(input.errors, { ...tx.errors, ...input.errors });
  if (!tx.ok || type === undefined || date === undefined || result === undefined) return undefined;
  return {
    external_id,
    type,
    result,
    date,
    output: {
      external_id,
      amount_in_cents: amount,
      type,
      date: isoMillis(date),
      result,
      transaction_fees_in_cents: fees,
      transaction_fees_currency: feesCurrency,
    },
  };
}

/** One invoice: the parsed input (when valid) and its error map (empty when valid). */
export function readInvoice(
  store: Store,
  dataSourceId: number,
  raw: Body,
  seen: SeenIds,
): { invoice?: InvoiceInput; errors: Record<string, string> } {
  const input = new Input(raw);
  const external_id = input.string('external_id', { required: REQUIRED });
  claimExternalId(store, dataSourceId, seen, 'invoices', external_id, input, DUPLICATE_INVOICE);
  const date = input.timestamp('date', { required: REQUIRED });
  const due_date = input.timestamp('due_date') ?? null;
  const currency = input.currency('currency', { required: REQUIRED });
  // MRR is reported in USD: a currency without an exchange rate cannot be imported (docs/decisions.md).
  if (currency !== undefined && !isConvertible(currency)) input.fail('currency', 'Currency is not supported');
  const lineItems: LineItemInput[] = [];
  if (!Array.isArray(raw.line_items) || raw.line_items.length === 0) input.fail('line_items', REQUIRED);
  else
    for (const li of raw.line_items) {
      const item = readLineItem(store, dataSourceId, li, seen, input);
      if (item) lineItems.push(item);
    }
  const transactions: TransactionInput[] = [];
  if (raw.transactions !== undefined && raw.transactions !== null) {
    if (!Array.isArray(raw.transactions)) input.fail('transactions', 'must be an array');
    else
      for (const t of raw.transactions) {
        const tx = readTransaction(store, dataSourceId, t, seen, input, 'transactions.');
        if (tx) transactions.push(tx);
      }
  }
  if (!input.ok || external_id === undefined || date === undefined || currency === undefined)
    return { errors: input.errors };
  return {
    invoice: { external_id, date, due_date, currency, line_items: lineItems, transactions },
    errors: {},
  };
}
