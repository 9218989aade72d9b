/**
 * The demo seed's billing history: for each paying customer a story over the two years up to the sandbox
 * clock — steady subscribers, upgrades and downgrades, seats added, annual renewals, churn, churn followed by a
 * reactivation, weekly passes, a failed last payment — in USD, EUR and GBP, so the metrics and activities of
 * a fresh `npm start` have something to show. Deterministic: every choice comes from the seeded generator and
 * the clock.
 */
import type { Store } from '../store/context';
import type { CustomerRow } from '../store/customers';
import type { PlanRow } from '../store/plans';
import { insertInvoice } from '../store/invoices';
import { addCancellation, findSubscription } from '../store/subscriptions';
import { sql } from '../store/context';
import type { Random } from '../lib/random';
import { addMonths, DAY_MS } from '../analytics/rules/calendar';
import { invoice, payment, subscriptionLine } from './billing';

export interface DemoPlans {
  starter: PlanRow;
  pro: PlanRow;
  starterAnnual: PlanRow;
  proAnnual: PlanRow;
  weekly: PlanRow;
}

export const PRICES: Record<string, number> = {
  starter_monthly: 2900,
  pro_monthly: 9900,
  starter_annual: 29000,
  pro_annual: 99000,
  weekly_pass: 1500,
};

export type Story =
  | 'steady'
  | 'upgrade'
  | 'downgrade'
  | 'seats'
  | 'annual'
  | 'reactivated'
  | 'weekly'
  | 'past_due'
  | 'cancelled';

/** One stretch of a subscription on one plan and quantity, billed period by period from `from` until `until`. */
interface Stretch {
  plan: PlanRow;
  from: number;
  until: number;
  quantity?: number;
}

export interface StoryContext {
  store: Store;
  plans: DemoPlans;
  random: Random;
  now: number;
  customer: CustomerRow;
  /** The customer's number (1-based), which names its invoices and subscriptions. */
  n: number;
  currency: string;
}

function nextPeriod(plan: PlanRow, start: number): number {
  if (plan.interval_unit === 'year') return addMonths(start, 12 * plan.interval_count);
  if (plan.interval_unit === 'month') return addMonths(start, plan.interval_count);
  return start + plan.interval_count * DAY_MS;
}

/** Bills the stretches of one subscription; returns the end of its last period. */
function bill(ctx: StoryContext, sub: string, stretches: Stretch[], lastFails = false): number {
  const { store, customer, now, n } = ctx;
  const periods: { plan: PlanRow; start: number; end: number; quantity: number }[] = [];
  for (const s of stretches) {
    for (let start = s.from; start < s.until && start <= now;) {
      const end = nextPeriod(s.plan, start);
      periods.push({ plan: s.plan, start, end, quantity: s.quantity ?? 1 });
      start = end;
    }
  }
  const count = sql(store.db, 'SELECT COUNT(*) AS k FROM invoices WHERE customer_id = ?').get(
    customer.id,
  ) as {
    k: number;
  };
  periods.forEach((p, i) => {
    const k = count.k + i + 1;
    const amount = PRICES[p.plan.external_id] * p.quantity;
    const failed = lastFails && i === periods.length - 1;
    const line = subscriptionLine({
      plan: p.plan,
      subscription: sub,
      start: p.start,
      end: p.end,
      amount,
      tax: Math.round(amount * 0.1),
      quantity: p.quantity,
      externalId: `demo_li_${n}_${k}`,
    });
    const tx = payment(
      `demo_tr_${n}_${k}`,
      Math.min(p.start + DAY_MS, now),
      failed ? 'failed' : 'successful',
    );
    insertInvoice(store, customer, invoice(`demo_inv_${n}_${k}`, p.start, ctx.currency, [line], [tx]));
  });
  return periods.length ? periods[periods.length - 1].end : stretches[0].from;
}

function cancel(ctx: StoryContext, sub: string, at: number): void {
  const uuid = sql(
    ctx.store.db,
    'SELECT uuid FROM subscriptions WHERE customer_id = ? AND external_id = ?',
  ).get(ctx.customer.id, sub) as { uuid: string } | undefined;
  const row = uuid && findSubscription(ctx.store, uuid.uuid);
  if (row) addCancellation(ctx.store, row, Math.min(at, ctx.now));
}

/** A month offset from now, as an instant on day `day` (1..28) of that month. */
function monthsAgo(ctx: StoryContext, months: number, day: number): number {
  const d = new Date(ctx.now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - months, day);
}

const between = (random: Random, low: number, high: number) => low + Math.floor(random() * (high - low + 1));

export function tellStory(ctx: StoryContext, story: Story): void {
  const { plans, random, now } = ctx;
  const sub = `demo_sub_${ctx.n}`;
  const day = between(random, 1, 28);
  // Steady subscribers may have joined last month; stories with later chapters started long enough ago.
  const start = monthsAgo(
    ctx,
    story === 'steady' || story === 'past_due' ? between(random, 1, 23) : between(random, 8, 23),
    day,
  );
  const month = (k: number) => addMonths(start, k);
  switch (story) {
    case 'steady':
    case 'past_due':
      bill(
        ctx,
        sub,
        [{ plan: random() < 0.5 ? plans.starter : plans.pro, from: start, until: Infinity }],
        story === 'past_due',
      );
      return;
    case 'upgrade':
    case 'downgrade': {
      const at = month(between(random, 2, 6));
      const [before, after] = story === 'upgrade' ? [plans.starter, plans.pro] : [plans.pro, plans.starter];
      bill(ctx, sub, [
        { plan: before, from: start, until: at },
        { plan: after, from: at, until: Infinity },
      ]);
      return;
    }
    case 'seats':
      bill(ctx, sub, [
        { plan: plans.pro, from: start, until: month(2) },
        { plan: plans.pro, from: month(2), until: month(5), quantity: 3 },
        { plan: plans.pro, from: month(5), until: Infinity, quantity: 5 },
      ]);
      return;
    case 'annual': {
      const from = monthsAgo(ctx, between(random, 13, 23), day);
      const renewal = addMonths(from, 12);
      const upgrade = random() < 0.5;
      bill(ctx, sub, [
        { plan: plans.starterAnnual, from, until: renewal },
        { plan: upgrade ? plans.proAnnual : plans.starterAnnual, from: renewal, until: Infinity },
      ]);
      return;
    }
    case 'reactivated': {
      const from = monthsAgo(ctx, between(random, 16, 23), day);
      const lastEnd = bill(ctx, sub, [{ plan: plans.starter, from, until: addMonths(from, 5) }]);
      cancel(ctx, sub, lastEnd);
      bill(ctx, sub, [{ plan: plans.pro, from: addMonths(lastEnd, between(random, 2, 4)), until: Infinity }]);
      return;
    }
    case 'weekly':
      bill(ctx, sub, [{ plan: plans.weekly, from: now - 8 * 7 * DAY_MS + day * 3_600_000, until: Infinity }]);
      return;
    case 'cancelled': {
      // Some had an add-on they dropped first (a contraction), then cancelled everything (churn).
      const lastEnd = bill(ctx, sub, [
        { plan: plans.starter, from: start, until: month(between(random, 3, 7)) },
      ]);
      if (random() < 0.5) {
        const addOnEnd = bill(ctx, `${sub}_addon`, [{ plan: plans.pro, from: month(1), until: month(2) }]);
        cancel(ctx, `${sub}_addon`, addOnEnd);
      }
      cancel(ctx, sub, lastEnd);
      return;
    }
  }
}
