/**
 * The derivation's one entry point (docs/decisions.md, "Round 2: who owns what"): every billing write —
 * invoice import or edit, line items, transactions, cancellations, subscription events, merges,
 * connect/disconnect — calls `rederiveCustomer` for each customer it touched, inside the write's own
 * transaction, so derived state (subscriptions, MRR, status, customer-since, movements) is never stale
 * and never recomputed per request.
 */
import type { Store } from '../store/context';
import { refreshCustomer } from '../store/status';

export function rederiveCustomer(store: Store, customerId: number): void {
  refreshCustomer(store, customerId);
}
