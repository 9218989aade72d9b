/**
 * The derivation's one entry point (docs/decisions.md, "Round 2: who owns what"): every billing write —
 * invoice import or edit, line items, transactions, cancellations, subscription events, merges,
 * connect/disconnect — calls `rederiveCustomer` for each customer it touched, inside the write's own
 * transaction, so derived state (subscriptions, MRR history, movements, status, customer-since, MRR, the
 * daily totals metrics read) is never stale and never recomputed per request. Only that customer is derived
 * again; a customer that no longer exists (merged away, deleted) just loses its derived state.
 */
import type { Db } from '../db/open';
import { generationOf, sameGeneration, type Generation } from '../db/generation';
import { codeError } from '../http/errors';
import type { Store } from '../store/context';
import { sql } from '../store/context';
import { deriveCustomer } from './rules/derive';
import { UnconvertibleCurrencyError } from './rules/money';
import { readBilling } from './store/read';
import { DERIVED_TABLES, fullDerivationRequested } from './store/schema';
import { writeDerived } from './store/write';
import { enqueueDeliveries } from './webhooks/enqueue';
import { emptyWebhooks } from './webhooks/store';
import { ClockWatch, notifyClockWatch } from './clockWatch';

/**
 * `dueSince` (the catch-up's): movements dated from then to the clock became current without being new, and
 * are offered to the webhook destinations like new ones.
 */
export function rederiveCustomer(
  store: Store,
  customerId: number,
  options: { dueSince?: number } = {},
): void {
  const billing = readBilling(store, customerId);
  if (!billing) {
    for (const table of DERIVED_TABLES.filter((t) => t !== 'analytics_daily'))
      sql(store.db, `DELETE FROM ${table} WHERE customer_id = ?`).run(customerId);
    return;
  }
  let derived;
  try {
    derived = deriveCustomer(billing, store.clock.now());
  } catch (err) {
    // The import checks currencies first; this catches any other write that brings one without a rate.
    if (err instanceof UnconvertibleCurrencyError) throw codeError(422, err.message, 'currency');
    throw err;
  }
  const { rows, added } = writeDerived(store, billing, derived);
  if (derived.nextChangeAt !== null) notifyClockWatch(store);
  const since = options.dueSince;
  const fresh = new Set(added.map((r) => r.uuid));
  const became = since === undefined ? [] : rows.filter((r) => r.at >= since && !fresh.has(r.uuid));
  enqueueDeliveries(store, derived, [...added, ...became]);
}

/**
 * Derives again every customer billed on the plan, by line item or subscription event (its interval or name
 * changed, or it was deleted: pass the row as it was).
 */
export function rederiveSubscribersOf(
  store: Store,
  plan: { uuid: string; data_source_id: number; external_id: string },
): void {
  const ids = sql(
    store.db,
    `SELECT s.customer_id FROM line_items li JOIN subscriptions s ON s.id = li.subscription_id WHERE li.plan_uuid = @uuid
     UNION
     SELECT customer_id FROM subscription_events WHERE data_source_id = @ds AND plan_external_id = @ext`,
  ).all({ uuid: plan.uuid, ds: plan.data_source_id, ext: plan.external_id }) as { customer_id: number }[];
  for (const { customer_id } of ids) rederiveCustomer(store, customer_id);
}

/** Derives every customer from scratch (derived tables emptied first). */
export function rederiveAll(store: Store): void {
  store.db.transaction(() => {
    for (const table of DERIVED_TABLES) sql(store.db, `DELETE FROM ${table}`).run();
    const ids = sql(store.db, 'SELECT id FROM customers ORDER BY id').all() as { id: number }[];
    for (const { id } of ids) rederiveCustomer(store, id);
  })();
}

/** At start: a database from before the derivation (or asking for it) is derived whole, once. */
export function ensureDerived(store: Store): void {
  if (!fullDerivationRequested(store.db)) return;
  store.db.transaction(() => {
    rederiveAll(store);
    fullDerivationRequested(store.db, true);
  })();
}

/**
 * Customers with a step dated after the clock at their last derivation (a future service period, a scheduled
 * event) are derived again once the clock has passed it; the API calls this before answering a request.
 */
export function catchUp(store: Store): void {
  const quiet = quietUntil.get(store.db);
  if (quiet && store.clock.now() < quiet.at && sameGeneration(quiet.generation, generationOf(store.db)))
    return;
  const due = sql(store.db, 'SELECT customer_id FROM analytics_pending WHERE at <= ? LIMIT 1').get(
    store.clock.now(),
  );
  if (due) {
    store.db.transaction(() => {
      const pending = sql(store.db, 'SELECT customer_id, at FROM analytics_pending WHERE at <= ?').all(
        store.clock.now(),
      ) as { customer_id: number; at: number }[];
      for (const { customer_id, at } of pending) rederiveCustomer(store, customer_id, { dueSince: at });
    })();
  }
  const { next } = sql(store.db, 'SELECT MIN(at) AS next FROM analytics_pending').get() as {
    next: number | null;
  };
  quietUntil.set(store.db, { at: next ?? Infinity, generation: generationOf(store.db) });
}

/**
 * Nothing is due before `at` while the database stays in `generation` (a write may add a pending instant):
 * a request then skips catchUp's query. The clock is compared on every request.
 */
const quietUntil = new WeakMap<Db, { at: number; generation: Generation }>();

/** Catches up by itself as the clock passes a pending instant (see clockWatch.ts); stop it before closing. */
export function watchClock(store: Store): ClockWatch {
  const watch = new ClockWatch(store, () => catchUp(store));
  watch.start();
  return watch;
}

/** A sandbox reset: derived state, export jobs and webhook destinations and deliveries go with the data. */
export function resetAnalytics(store: Store): void {
  store.db.transaction(() => {
    for (const table of [...DERIVED_TABLES, 'analytics_exports']) sql(store.db, `DELETE FROM ${table}`).run();
    emptyWebhooks(store);
  })();
}
