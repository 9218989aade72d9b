/** Derived state kept in the database: written per customer, matched by uuid, totals kept by triggers. */
import { catchUp, ensureDerived, rederiveCustomer } from '../../../sandbox/analytics';
import { requestFullDerivation } from '../../../sandbox/analytics/store/schema';
import { deleteCustomer, findCustomerById } from '../../../sandbox/store/customers';
import { addCancellation, findSubscription } from '../../../sandbox/store/subscriptions';
import { day, storeKit } from './store-kit';

const rows = (kit: ReturnType<typeof storeKit>, sql: string) => kit.store.db.prepare(sql).all();

describe('persisted derived state', () => {
  it('stores movements, the customer fields and daily totals; deriving again changes no row', () => {
    const kit = storeKit();
    const pro = kit.plan('Pro');
    const c = kit.customer('a');
    kit.bill(c, {
      plan: pro,
      subscription: 's',
      start: day('2025-01-01'),
      end: day('2025-02-01'),
      amount: 5000,
    });
    kit.bill(c, {
      plan: pro,
      subscription: 's',
      start: day('2025-02-01'),
      end: day('2025-03-01'),
      amount: 7000,
    });
    expect(findCustomerById(kit.store, c.id)).toMatchObject({
      status: 'Active',
      mrr: 7000,
      since: day('2025-01-01'),
    });
    const movements = rows(
      kit,
      'SELECT id, uuid, type, amount, mrr_after FROM analytics_movements ORDER BY seq',
    );
    expect(movements).toMatchObject([
      { type: 'new_biz', amount: 5000, mrr_after: 5000 },
      { type: 'expansion', amount: 2000, mrr_after: 7000 },
    ]);
    expect(
      rows(kit, 'SELECT SUM(mrr) AS mrr, SUM(new_biz) AS nb, SUM(customers) AS n FROM analytics_daily'),
    ).toEqual([{ mrr: 7000, nb: 5000, n: 1 }]);
    kit.store.db.transaction(() => rederiveCustomer(kit.store, c.id))();
    expect(
      rows(kit, 'SELECT id, uuid, type, amount, mrr_after FROM analytics_movements ORDER BY seq'),
    ).toEqual(movements);
  });

  it('a cancellation rewrites only what changed, and the totals follow it', () => {
    const kit = storeKit();
    const c = kit.customer('a');
    kit.bill(c, {
      plan: kit.plan('M'),
      subscription: 's',
      start: day('2025-01-01'),
      end: day('2025-02-01'),
      amount: 5000,
    });
    const [first] = rows(kit, 'SELECT id, uuid FROM analytics_movements') as { id: number }[];
    const sub = findSubscription(
      kit.store,
      (rows(kit, 'SELECT uuid FROM subscriptions')[0] as { uuid: string }).uuid,
    )!;
    kit.store.db.transaction(() => {
      addCancellation(kit.store, sub, day('2025-03-01'));
      rederiveCustomer(kit.store, c.id);
    })();
    expect(rows(kit, 'SELECT id, type FROM analytics_movements ORDER BY seq')).toEqual([
      { id: first.id, type: 'new_biz' },
      { id: expect.any(Number), type: 'churn' },
    ]);
    expect(
      rows(kit, 'SELECT day, mrr, churn, customers, churned FROM analytics_daily WHERE churned > 0'),
    ).toEqual([{ day: day('2025-03-01') / 86_400_000, mrr: -5000, churn: -5000, customers: -1, churned: 1 }]);
    expect(findCustomerById(kit.store, c.id)).toMatchObject({ status: 'Cancelled', mrr: 0 });
  });

  it('a step dated after the clock becomes current once the clock passes it', () => {
    const kit = storeKit('2025-01-15T00:00:00Z');
    const c = kit.customer('a');
    kit.bill(c, {
      plan: kit.plan('M'),
      subscription: 's',
      start: day('2025-01-01'),
      end: day('2025-02-01'),
      amount: 1000,
    });
    kit.bill(c, {
      plan: kit.plan('M2'),
      subscription: 's',
      start: day('2025-02-01'),
      end: day('2025-03-01'),
      amount: 3000,
    });
    expect(findCustomerById(kit.store, c.id).mrr).toBe(1000);
    catchUp(kit.store);
    expect(findCustomerById(kit.store, c.id).mrr).toBe(1000);
    kit.setNow(day('2025-02-01'));
    catchUp(kit.store);
    expect(findCustomerById(kit.store, c.id).mrr).toBe(3000);
    expect(rows(kit, 'SELECT * FROM analytics_pending')).toEqual([]);
  });

  it('a deleted customer takes its derived state and its share of the totals with it', () => {
    const kit = storeKit();
    const [a, b] = [kit.customer('a'), kit.customer('b')];
    kit.bill(a, {
      plan: kit.plan('M'),
      subscription: 's',
      start: day('2025-01-01'),
      end: day('2025-02-01'),
      amount: 1000,
    });
    kit.bill(b, {
      plan: kit.plan('M'),
      subscription: 't',
      start: day('2025-01-01'),
      end: day('2025-02-01'),
      amount: 2500,
    });
    deleteCustomer(kit.store, a.id);
    expect(rows(kit, 'SELECT SUM(mrr) AS mrr, SUM(customers) AS n FROM analytics_daily')).toEqual([
      { mrr: 2500, n: 1 },
    ]);
    expect(rows(kit, 'SELECT DISTINCT customer_id FROM analytics_movements')).toEqual([
      { customer_id: b.id },
    ]);
  });

  it('a database whose derived state is missing is derived whole at start, once', () => {
    const kit = storeKit();
    const c = kit.customer('a');
    kit.bill(c, {
      plan: kit.plan('M'),
      subscription: 's',
      start: day('2025-01-01'),
      end: day('2025-02-01'),
      amount: 1000,
    });
    const before = rows(kit, 'SELECT uuid, type, amount FROM analytics_movements');
    kit.store.db.exec(
      'DELETE FROM analytics_movements; DELETE FROM analytics_daily; DELETE FROM analytics_subscriptions;',
    );
    requestFullDerivation(kit.store.db);
    ensureDerived(kit.store);
    expect(rows(kit, 'SELECT uuid, type, amount FROM analytics_movements')).toEqual(before);
    expect(rows(kit, 'SELECT SUM(mrr) AS mrr FROM analytics_daily')).toEqual([{ mrr: 1000 }]);
    expect(rows(kit, "SELECT * FROM meta WHERE key = 'analytics_rederive_all'")).toEqual([]);
  });
});
