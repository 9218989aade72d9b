/**
 * The MRR formula (reference §b): `(amount_in_cents − tax_amount_in_cents) × subscription_duration_ratio ×
 * prorate_factor`. The ratio normalises the plan interval to a month — year → 1/12, 3 months → 1/3, 7 days →
 * 30.4375/7 (a month is 30.4375 days: the recorded 1000 per 7 days gives 4348, reference §h2). Quantity,
 * discounts and fees never enter it. `prorate_factor` is 1 unless the item is prorated; then it is one plan
 * interval ending at the item's service_period_end (calendar months for month and year plans) divided by the
 * item's own service period (§h1): $25 for 2016-03-16..2016-04-01 on a monthly plan → 2500 × 31/16 = 4844.
 */
import { addMonths, DAY_MS } from './calendar';
import type { ItemFacts, PlanFacts } from './facts';

export const DAYS_PER_MONTH = 30.4375;

/** The monthly share of one plan interval's amount. */
export function durationRatio(plan: PlanFacts): number {
  const count = Math.max(plan.intervalCount, 1);
  if (plan.intervalUnit === 'year') return 1 / (12 * count);
  if (plan.intervalUnit === 'month') return 1 / count;
  return DAYS_PER_MONTH / count;
}

/** The start of one plan interval that ends at `end`. */
export function fullPeriodStart(plan: PlanFacts, end: number): number {
  const count = Math.max(plan.intervalCount, 1);
  if (plan.intervalUnit === 'year') return addMonths(end, -12 * count);
  if (plan.intervalUnit === 'month') return addMonths(end, -count);
  return end - count * DAY_MS;
}

/** `full / prorated` for a prorated item; 1 when its period is empty. */
export function prorateFactor(plan: PlanFacts, start: number, end: number): number {
  const prorated = end - start;
  if (prorated <= 0) return 1;
  return (end - fullPeriodStart(plan, end)) / prorated;
}

/**
 * The item's contribution to monthly revenue, in its own currency's hundredths, unrounded. Without a plan
 * (deleted since) the service period stands for the interval.
 */
export function itemMonthlyAmount(item: ItemFacts, plan: PlanFacts | undefined): number {
  if (item.kind === 'trial') return 0;
  const net = item.amount - item.tax;
  if (!plan) {
    const length = Math.max(item.end - item.start, DAY_MS);
    return (net * DAYS_PER_MONTH * DAY_MS) / length;
  }
  const factor = item.prorated ? prorateFactor(plan, item.start, item.end) : 1;
  return net * durationRatio(plan) * factor;
}

/** A prorated item adds to the subscription's MRR unless its proration type says it states the whole of it. */
export function addsToCurrent(item: ItemFacts): boolean {
  return item.prorated && item.prorationType !== 'full';
}
