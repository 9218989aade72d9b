/**
 * The key metrics of a window of days (reference §d.3, rounding per §h7):
 * - MRR and customers at the end of the window's last day; ARR = 12 × MRR;
 * - ARPA = ⌊MRR / customers⌋; ASP = new-business MRR / customers new in the window (rounded);
 * - customer churn rate = customers who churned in the window, less those who both joined and churned in it,
 *   over the customers at its start, in % with 2 decimals;
 * - net MRR churn rate = (churn + contraction − expansion − reactivation) / MRR at its start, in %;
 * - LTV = ⌊ARPA / (customer churn rate / 100)⌋ from the floored ARPA and the 2-decimal rate; 0 without churn.
 */
import { roundHalfUp } from '../rules/money';
import type { DailySums, Totals } from './totals';

export interface Window {
  from: number;
  to: number;
}

export interface Figures {
  mrr: number;
  arr: number;
  customers: number;
  arpa: number;
  asp: number;
  customerChurnRate: number;
  mrrChurnRate: number;
  ltv: number;
  newBusiness: number;
  expansion: number;
  contraction: number;
  churn: number;
  reactivation: number;
}

/** A percentage with two decimals, half away from zero. */
export function percent(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : roundHalfUp((numerator / denominator) * 10_000) / 100;
}

/** An entry's change against the entry before it, in % of the earlier value's magnitude (0 from 0). */
export function percentageChange(value: number, previous: number): number {
  return percent(value - previous, Math.abs(previous));
}

export function ltvOf(arpa: number, customerChurnRate: number): number {
  return customerChurnRate > 0 ? Math.floor((arpa * 100) / customerChurnRate) : 0;
}

/**
 * The figures of the window. `joinedAndChurned` counts the customers that churned in it after a paying streak
 * that began in it (they were not among the customers at its start).
 */
export function figures(totals: Totals, window: Window, joinedAndChurned: number): Figures {
  const start = totals.through(window.from - 1);
  const end = totals.through(window.to);
  const sums: DailySums = totals.between(window.from, window.to);
  const arpa = end.customers > 0 ? Math.floor(end.mrr / end.customers) : 0;
  const customerChurnRate = percent(sums.churned - joinedAndChurned, start.customers);
  const netChurn = -(sums.churn + sums.contraction + sums.expansion + sums.reactivation);
  return {
    mrr: end.mrr,
    arr: 12 * end.mrr,
    customers: end.customers,
    arpa,
    asp: sums.new_customers > 0 ? roundHalfUp(sums.new_biz / sums.new_customers) : 0,
    customerChurnRate,
    mrrChurnRate: percent(netChurn, start.mrr),
    ltv: ltvOf(arpa, customerChurnRate),
    newBusiness: sums.new_biz,
    expansion: sums.expansion,
    contraction: sums.contraction,
    churn: sums.churn,
    reactivation: sums.reactivation,
  };
}
