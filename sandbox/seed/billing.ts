/**
 * Billing rows for generated data (the demo seed, benchmarks, tests that write through the store): invoice
 * inputs in the shape the import route stores, built from a few numbers instead of a whole API object.
 */
import type { PlanRow } from '../store/plans';
import type { InvoiceInput, LineItemInput, TransactionInput } from '../store/invoices';
import { isoMillis } from '../lib/time';

export interface SubscriptionLine {
  plan: Pick<PlanRow, 'uuid'>;
  subscription: string;
  start: number;
  end: number;
  amount: number;
  externalId?: string;
  tax?: number;
  quantity?: number;
  prorated?: boolean;
  cancelledAt?: number | null;
  setExternalId?: string | null;
}

export function subscriptionLine(line: SubscriptionLine): LineItemInput {
  const externalId = line.externalId ?? null;
  const tax = line.tax ?? 0;
  const quantity = line.quantity ?? 1;
  const output: Record<string, unknown> = {
    external_id: externalId,
    type: 'subscription',
    subscription_external_id: line.subscription,
    prorated: line.prorated ?? false,
    proration_type: line.prorated ? 'differential' : null,
    service_period_start: isoMillis(line.start),
    service_period_end: isoMillis(line.end),
  };
  if (line.setExternalId) output.subscription_set_external_id = line.setExternalId;
  Object.assign(output, {
    plan_uuid: line.plan.uuid,
    amount_in_cents: line.amount,
    quantity,
    discount_code: '',
    discount_amount_in_cents: 0,
    tax_amount_in_cents: tax,
    transaction_fees_in_cents: 0,
    account_code: '',
    transaction_fees_currency: null,
    discount_description: null,
    event_order: null,
  });
  return {
    type: 'subscription',
    external_id: externalId,
    amount_in_cents: line.amount,
    quantity,
    tax_amount_in_cents: tax,
    output,
    subscription: {
      external_id: line.subscription,
      set_external_id: line.setExternalId ?? null,
      plan_uuid: line.plan.uuid,
      service_period_start: line.start,
      service_period_end: line.end,
      cancelled_at: line.cancelledAt ?? null,
    },
  };
}

export function payment(
  externalId: string | null,
  date: number,
  result: 'successful' | 'failed' = 'successful',
): TransactionInput {
  return {
    external_id: externalId,
    type: 'payment',
    result,
    date,
    output: {
      external_id: externalId,
      amount_in_cents: null,
      type: 'payment',
      date: isoMillis(date),
      result,
      transaction_fees_in_cents: null,
      transaction_fees_currency: null,
    },
  };
}

export function invoice(
  externalId: string,
  date: number,
  currency: string,
  lineItems: LineItemInput[],
  transactions: TransactionInput[] = [],
): InvoiceInput {
  return {
    external_id: externalId,
    date,
    due_date: null,
    currency,
    line_items: lineItems,
    transactions,
  };
}
