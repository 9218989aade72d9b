// Billing that makes the sandbox derive the activities a recording listed for a customer: per recorded
// subscription, an invoice whenever its MRR rose or fell and a cancellation where it churned, at the
// recorded dates, so the customer's (and the account's) activities list the same kinds in the same order.
import type { Representation } from './recorded-world';

type Json = Record<string, unknown>;

/** What the state builder lends: writes that must succeed, and plans made once per recorded external id. */
export interface HistoryOps {
  write(method: string, path: string, body: unknown): Promise<Json>;
  read(path: string): Promise<Json>;
  plan(externalId: string | undefined, source: string): Promise<string>;
  unique(base: string): string;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function monthAfter(iso: string): string {
  const d = new Date(iso);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString();
}

async function subscriptionUuid(
  ops: HistoryOps,
  customer: string,
  externalId: string,
): Promise<string | undefined> {
  const list = await ops.read(`/v1/import/customers/${customer}/subscriptions`);
  const subs = Array.isArray(list.subscriptions) ? (list.subscriptions as Json[]) : [];
  return str(subs.find((s) => s.external_id === externalId)?.uuid);
}

export async function giveActivityHistory(
  ops: HistoryOps,
  customer: Json,
  activities: Representation[],
): Promise<void> {
  const customerUuid = String(customer.uuid);
  const source = String(customer.data_source_uuid);
  const ordered = [...activities].sort((a, b) => String(a.date).localeCompare(String(b.date)));
  const mrrOf = new Map<string, number>();
  for (const activity of ordered) {
    const date = str(activity.date) ?? '2016-01-01T00:00:00Z';
    const subscription = str(activity['subscription-external-id']) ?? 'replay_subscription';
    if (activity.type === 'churn') {
      const uuid = await subscriptionUuid(ops, customerUuid, subscription);
      if (uuid) await ops.write('PATCH', `/v1/import/subscriptions/${uuid}`, { cancelled_at: date });
      mrrOf.set(subscription, 0);
      continue;
    }
    const mrr = Math.max(1, (mrrOf.get(subscription) ?? 0) + num(activity['activity-mrr-movement']));
    mrrOf.set(subscription, mrr);
    const item: Json = {
      type: 'subscription',
      subscription_external_id: subscription,
      plan_uuid: await ops.plan(str(activity['plan-external-id']), source),
      service_period_start: date,
      service_period_end: monthAfter(date),
      amount_in_cents: mrr,
    };
    const set = str(activity['subscription-set-external-id']);
    if (set && set !== subscription) item.subscription_set_external_id = set;
    await ops.write('POST', `/v1/import/customers/${customerUuid}/invoices`, {
      invoices: [
        {
          external_id: ops.unique('replay_activity_inv').replace(' ', '_'),
          date,
          currency: 'USD',
          line_items: [item],
        },
      ],
    });
  }
}
