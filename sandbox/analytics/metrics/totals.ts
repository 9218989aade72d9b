/**
 * Daily totals of movements (one row per day that has any) and sums over any range of days in O(log n): the
 * rows are read once per request and summed into prefix arrays, so a metrics request costs the same whatever
 * the number of customers behind the totals (cost follows the days and the intervals asked for).
 */

export const DAILY_COLUMNS = [
  'mrr',
  'new_biz',
  'expansion',
  'contraction',
  'churn',
  'reactivation',
  'customers',
  'new_customers',
  'churned',
  'churned_same_day',
  'churned_same_week',
  'churned_same_month',
  'churned_same_quarter',
  'churned_same_year',
] as const;

export type DailyColumn = (typeof DAILY_COLUMNS)[number];
export type DailySums = Record<DailyColumn, number>;
export type DailyRow = DailySums & { day: number };

export function emptySums(): DailySums {
  return Object.fromEntries(DAILY_COLUMNS.map((c) => [c, 0])) as DailySums;
}

export class Totals {
  private readonly days: number[];
  /** prefix[k] = the sums of the first k rows. */
  private readonly prefix: DailySums[];

  constructor(rows: DailyRow[]) {
    const sorted = [...rows].sort((a, b) => a.day - b.day);
    this.days = sorted.map((r) => r.day);
    this.prefix = [emptySums()];
    for (const row of sorted) {
      const last = this.prefix[this.prefix.length - 1];
      const next = {} as DailySums;
      for (const c of DAILY_COLUMNS) next[c] = last[c] + row[c];
      this.prefix.push(next);
    }
  }

  /** How many rows are dated on or before `day`. */
  private upTo(day: number): number {
    let lo = 0;
    let hi = this.days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.days[mid] <= day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Running totals at the end of `day` (MRR and customers are balances: the sum of every change so far). */
  through(day: number): DailySums {
    return this.prefix[this.upTo(day)];
  }

  /** The sums of the days from `from` to `to`, both included. */
  between(from: number, to: number): DailySums {
    const a = this.through(from - 1);
    const b = this.through(to);
    const sums = {} as DailySums;
    for (const c of DAILY_COLUMNS) sums[c] = b[c] - a[c];
    return sums;
  }
}
