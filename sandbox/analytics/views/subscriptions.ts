/**
 * The metrics API's view of a customer's subscriptions (`GET /v1/customers/{uuid}/subscriptions`, reference
 * §a.1): plain uuid, hyphenated keys, plan by name, MRR in the account currency; a cancelled subscription is
 * `inactive` and keeps its last MRR; connected subscriptions list once, as their latest member with the
 * chain's first start (as recorded).
 */
import { sql, type Store } from '../../store/context';
import { keysetQuery, type KeysetList, type KeysetQuery } from '../../store/keyset';
import { currencySign } from '../../lib/locale';
import { isoOffset } from '../../lib/time';
import { ACCOUNT_CURRENCY } from '../rules/money';

export interface DerivedSubscriptionRow {
  id: number;
  customer_id: number;
  chain_id: number;
  listed: number;
  active: number;
  mrr: number;
  plan_uuid: string | null;
  quantity: number;
  start_at: number | null;
  end_at: number | null;
  created_at: number;
}

const LISTED: KeysetList<DerivedSubscriptionRow> = {
  table: 'analytics_subscriptions',
  order: 'id desc',
  key: 'created_at',
};

/** A customer's subscriptions as the metrics API lists them, newest first. */
export function listedSubscriptions(customerId: number): KeysetQuery<DerivedSubscriptionRow> {
  const query = keysetQuery(LISTED, { customer: ['customer_id = @customer', customerId] });
  query.conditions.push('listed = 1');
  return query;
}

/** The subscription's current plan (the import API's `plan_uuid`), null before it is derived. */
export function derivedPlanUuid(store: Store, subscriptionId: number): string | null {
  const row = sql(store.db, 'SELECT plan_uuid FROM analytics_subscriptions WHERE id = ?').get(
    subscriptionId,
  ) as { plan_uuid: string | null } | undefined;
  return row?.plan_uuid ?? null;
}

export function metricsSubscriptionView(store: Store, row: DerivedSubscriptionRow): Record<string, unknown> {
  const sub = sql(
    store.db,
    'SELECT external_id, set_external_id, metrics_uuid FROM subscriptions WHERE id = ?',
  ).get(row.id) as { external_id: string; set_external_id: string | null; metrics_uuid: string };
  const plan = row.plan_uuid
    ? (sql(store.db, 'SELECT name, interval_unit, interval_count FROM plans WHERE uuid = ?').get(
        row.plan_uuid,
      ) as { name: string; interval_unit: string; interval_count: number } | undefined)
    : undefined;
  return {
    id: row.id,
    external_id: sub.external_id,
    subscription_set_external_id: sub.set_external_id ?? sub.external_id,
    quantity: row.quantity,
    uuid: sub.metrics_uuid,
    mrr: row.mrr,
    arr: row.mrr * 12,
    status: row.active ? 'active' : 'inactive',
    plan: plan?.name ?? null,
    'billing-cycle': plan?.interval_unit ?? 'month',
    'billing-cycle-count': plan?.interval_count ?? 1,
    'start-date': isoOffset(row.start_at),
    'end-date': isoOffset(row.end_at),
    currency: ACCOUNT_CURRENCY,
    'currency-sign': currencySign(ACCOUNT_CURRENCY),
  };
}
