/** A customer with one invoice (a subscription line and a one-time line, a payment), all with external ids. */
import { ChartMogul, type SdkSandbox } from './sdk';
import { createCustomer, sourceWithPlan } from './billing';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface EditableInvoice {
  ds: Json;
  plan: Json;
  other: Json;
  customer: Json;
  invoice: Json;
}

export async function editableInvoice(sb: SdkSandbox, name: string): Promise<EditableInvoice> {
  const { ds, plan } = await sourceWithPlan(sb, name, 'Monthly');
  const other = await ChartMogul.Plan.create(sb.config, {
    data_source_uuid: ds.uuid,
    name: 'Annual',
    interval_count: 1,
    interval_unit: 'year',
    external_id: `${name}-annual`,
  });
  const customer = await createCustomer(sb, ds.uuid, `${name}-cus`);
  const { invoices } = await ChartMogul.Invoice.create(sb.config, customer.uuid, {
    invoices: [
      {
        external_id: `${name}-inv`,
        date: '2026-01-01',
        currency: 'USD',
        line_items: [
          {
            type: 'subscription',
            external_id: `${name}-li-sub`,
            subscription_external_id: `${name}-sub`,
            plan_uuid: plan.uuid,
            service_period_start: '2026-01-01',
            service_period_end: '2026-02-01',
            amount_in_cents: 5000,
          },
          { type: 'one_time', external_id: `${name}-li-once`, amount_in_cents: 700, description: 'Setup' },
        ],
        transactions: [
          { type: 'payment', date: '2026-01-02', result: 'successful', external_id: `${name}-tr` },
        ],
      },
    ],
  });
  return { ds, plan, other, customer, invoice: invoices[0] };
}

/** The customer's import-API subscriptions as `external_id → plan_uuid`. */
export async function subscriptionPlans(
  sb: SdkSandbox,
  customerUuid: string,
): Promise<Record<string, string>> {
  const { subscriptions } = await ChartMogul.Subscription.all(sb.config, customerUuid);
  return Object.fromEntries(subscriptions.map((s: Json) => [s.external_id, s.plan_uuid]));
}
