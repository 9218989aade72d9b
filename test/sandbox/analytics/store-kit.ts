/** A sandbox store in memory with a clock the test moves, and billing written through the store functions. */
import { openDatabase } from '../../../sandbox/db/open';
import { createIdGenerator } from '../../../sandbox/lib/ids';
import type { Store } from '../../../sandbox/store/context';
import { insertDataSource } from '../../../sandbox/store/dataSources';
import { insertCustomer, type CustomerRow } from '../../../sandbox/store/customers';
import { insertPlan, type PlanRow } from '../../../sandbox/store/plans';
import { insertInvoice } from '../../../sandbox/store/invoices';
import { invoice, payment, subscriptionLine, type SubscriptionLine } from '../../../sandbox/seed/billing';
import { rederiveCustomer } from '../../../sandbox/analytics';

export const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

export interface Kit {
  store: Store;
  setNow(ms: number): void;
  plan(name: string, unit?: string, count?: number): PlanRow;
  customer(externalId: string, fields?: { country?: string }): CustomerRow;
  /** Imports one invoice of subscription lines (paid when `paidAt` is given) and derives the customer. */
  bill(
    customer: CustomerRow,
    lines: Omit<SubscriptionLine, 'plan'> & { plan: PlanRow },
    opts?: { currency?: string; paidAt?: number },
  ): void;
}

export function storeKit(nowIso = '2026-01-01T00:00:00Z'): Kit {
  let now = Date.parse(nowIso);
  const { db } = openDatabase(':memory:');
  const store: Store = { db, ids: createIdGenerator(db, nowIso), clock: { now: () => now, fixed: true } };
  const source = insertDataSource(store, 'Kit source');
  let invoices = 0;
  return {
    store,
    setNow: (ms) => (now = ms),
    plan: (name, unit = 'month', count = 1) =>
      insertPlan(store, { data_source_id: source.id, name, interval_unit: unit, interval_count: count }),
    customer: (externalId, fields = {}) =>
      insertCustomer(store, source.id, externalId, { name: externalId, ...fields }),
    bill(customer, line, opts = {}) {
      invoices += 1;
      const tx = opts.paidAt !== undefined ? [payment(`kit-tx-${invoices}`, opts.paidAt)] : [];
      store.db.transaction(() => {
        insertInvoice(
          store,
          customer,
          invoice(`kit-inv-${invoices}`, line.start, opts.currency ?? 'USD', [subscriptionLine(line)], tx),
        );
        rederiveCustomer(store, customer.id);
      })();
    },
  };
}
