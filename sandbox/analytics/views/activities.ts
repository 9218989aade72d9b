/**
 * Activities (reference §c.3): a movement as `GET /v1/activities` lists it (with its customer and data source)
 * and as a customer's activity (integer id, currency sign). Amounts are US cents; `activity-arr` is 12 ×
 * `activity-mrr`, the customer's MRR after the movement; the date carries the account's offset (+00:00).
 */
import { sql, type Store } from '../../store/context';
import { currencySign } from '../../lib/locale';
import { isoOffset } from '../../lib/time';
import { ACCOUNT_CURRENCY } from '../rules/money';
import type { MovementRow } from '../store/write';

export type StoredMovement = MovementRow & { id: number };

/** The keys of an activity in `GET /v1/activities`, in order (also the export's CSV header). */
export const ACTIVITY_KEYS = [
  'description',
  'activity-mrr-movement',
  'activity-mrr',
  'activity-arr',
  'date',
  'type',
  'currency',
  'subscription-external-id',
  'subscription-set-external-id',
  'plan-external-id',
  'customer-name',
  'customer-uuid',
  'customer-external-id',
  'billing-connector-uuid',
  'uuid',
] as const;

/** Lookups shared by the activities of one page (they name the same few customers and plans). */
export class ActivityContext {
  private readonly customers = new Map<
    number,
    { name: string; uuid: string; external_id: string; ds: string }
  >();
  private readonly subscriptions = new Map<number, { external_id: string; set: string }>();
  private readonly plans = new Map<string, string | null>();

  constructor(private readonly store: Store) {}

  customer(id: number) {
    let c = this.customers.get(id);
    if (!c) {
      c = sql(
        this.store.db,
        `SELECT c.name, c.uuid, c.external_id, d.uuid AS ds FROM customers c JOIN data_sources d ON d.id = c.data_source_id
         WHERE c.id = ?`,
      ).get(id) as { name: string; uuid: string; external_id: string; ds: string };
      this.customers.set(id, c);
    }
    return c;
  }

  subscription(id: number) {
    let s = this.subscriptions.get(id);
    if (!s) {
      const row = sql(
        this.store.db,
        'SELECT external_id, set_external_id FROM subscriptions WHERE id = ?',
      ).get(id) as { external_id: string; set_external_id: string | null } | undefined;
      s = { external_id: row?.external_id ?? '', set: row?.set_external_id ?? row?.external_id ?? '' };
      this.subscriptions.set(id, s);
    }
    return s;
  }

  planExternalId(uuid: string | null): string | null {
    if (uuid === null) return null;
    if (!this.plans.has(uuid)) {
      const row = sql(this.store.db, 'SELECT external_id FROM plans WHERE uuid = ?').get(uuid) as
        { external_id: string } | undefined;
      this.plans.set(uuid, row?.external_id ?? null);
    }
    return this.plans.get(uuid) ?? null;
  }
}

function common(m: StoredMovement) {
  return {
    description: m.description,
    'activity-mrr-movement': m.amount,
    'activity-mrr': m.mrr_after,
    'activity-arr': m.mrr_after * 12,
    date: isoOffset(m.at),
    type: m.type,
    currency: ACCOUNT_CURRENCY,
  };
}

export function activityView(m: StoredMovement, ctx: ActivityContext): Record<string, unknown> {
  const customer = ctx.customer(m.customer_id);
  const sub = ctx.subscription(m.member_id);
  return {
    ...common(m),
    'subscription-external-id': sub.external_id,
    'subscription-set-external-id': sub.set,
    'plan-external-id': ctx.planExternalId(m.plan_uuid),
    'customer-name': customer.name,
    'customer-uuid': customer.uuid,
    'customer-external-id': customer.external_id,
    'billing-connector-uuid': customer.ds,
    uuid: m.uuid,
  };
}

export function customerActivityView(m: StoredMovement, ctx: ActivityContext): Record<string, unknown> {
  return {
    id: m.id,
    ...common(m),
    'currency-sign': currencySign(ACCOUNT_CURRENCY),
    'subscription-external-id': ctx.subscription(m.member_id).external_id,
    'plan-external-id': ctx.planExternalId(m.plan_uuid),
  };
}
