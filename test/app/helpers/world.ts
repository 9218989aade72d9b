// A small billing world in the sandbox, built through the app's own modules: a data source, a plan, and
// customers with one imported monthly subscription each (so they have MRR and subscriptions).
import type { AppHarness, Bundle } from './harness';

export interface World {
  ds: Bundle;
  plan: Bundle;
  /** Creates a customer; with `subscriptions`, imports one invoice carrying a monthly line item for each. */
  customer(
    externalId: string,
    fields?: Record<string, unknown>,
    subscriptions?: { external_id: string; amount_in_cents: number; start: string }[],
  ): Promise<Bundle>;
}

export async function buildWorld(h: AppHarness, name: string): Promise<World> {
  const ds = await h.action('createDataSource', { name });
  const plan = await h.action('createPlan', {
    data_source_uuid: ds.uuid,
    name: `${name} Monthly`,
    interval_count: 1,
    interval_unit: 'month',
  });
  return {
    ds,
    plan,
    async customer(externalId, fields = {}, subscriptions = []) {
      const customer = await h.action('createCustomer', {
        data_source_uuid: ds.uuid,
        external_id: externalId,
        ...fields,
      });
      if (subscriptions.length)
        await h.action('importInvoice', {
          customer_uuid: customer.uuid,
          external_id: `${externalId}-inv-1`,
          date: subscriptions[0].start,
          currency: 'USD',
          line_items: subscriptions.map((s) => ({
            type: 'subscription',
            subscription_external_id: s.external_id,
            plan_uuid: plan.uuid,
            service_period_start: s.start,
            service_period_end: new Date(Date.parse(s.start) + 31 * 86_400_000).toISOString(),
            amount_in_cents: s.amount_in_cents,
          })),
        });
      return customer;
    },
  };
}
