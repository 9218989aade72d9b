/**
 * What one movement adds to its day's totals, written once and used twice: as SQL in the triggers that keep
 * `analytics_daily` (schema.ts), and in JavaScript for filtered metrics, which total the movements of the
 * selected subscriptions in memory.
 */
import { DAILY_COLUMNS, emptySums, type DailyColumn, type DailyRow, type DailySums } from '../metrics/totals';

/** A movement row's fields that the totals read. */
export interface Contributing {
  day: number;
  type: string;
  amount: number;
  customers_delta: number;
  new_customer: number;
  churn_same: number;
}

/** Bits of `churn_same`: the churned customer's paying streak began in the same day/week/month/quarter/year. */
export const SAME_PERIOD_BITS = { day: 1, week: 2, month: 4, quarter: 8, year: 16 } as const;

const MOVEMENT_TYPES = ['new_biz', 'expansion', 'contraction', 'churn', 'reactivation'] as const;

/** Per column: the contribution as SQL over a row alias, and as a function of the row. */
const CONTRIBUTIONS: Record<DailyColumn, { sql: (r: string) => string; js: (m: Contributing) => number }> = {
  mrr: { sql: (r) => `${r}.amount`, js: (m) => m.amount },
  ...(Object.fromEntries(
    MOVEMENT_TYPES.map((t) => [
      t,
      {
        sql: (r: string) => `(CASE WHEN ${r}.type = '${t}' THEN ${r}.amount ELSE 0 END)`,
        js: (m: Contributing) => (m.type === t ? m.amount : 0),
      },
    ]),
  ) as Record<
    (typeof MOVEMENT_TYPES)[number],
    { sql: (r: string) => string; js: (m: Contributing) => number }
  >),
  customers: { sql: (r) => `${r}.customers_delta`, js: (m) => m.customers_delta },
  new_customers: { sql: (r) => `${r}.new_customer`, js: (m) => m.new_customer },
  churned: { sql: (r) => `(${r}.customers_delta = -1)`, js: (m) => (m.customers_delta === -1 ? 1 : 0) },
  ...(Object.fromEntries(
    Object.entries(SAME_PERIOD_BITS).map(([unit, bit]) => [
      `churned_same_${unit}`,
      {
        sql: (r: string) => `((${r}.churn_same & ${bit}) != 0)`,
        js: (m: Contributing) => ((m.churn_same & bit) !== 0 ? 1 : 0),
      },
    ]),
  ) as Record<
    `churned_same_${keyof typeof SAME_PERIOD_BITS}`,
    { sql: (r: string) => string; js: (m: Contributing) => number }
  >),
};

/** `UPDATE analytics_daily SET col = col ± <row's contribution>, … WHERE day = <row's day>` */
export function dailyUpdateSql(row: 'NEW' | 'OLD', sign: '+' | '-'): string {
  const sets = DAILY_COLUMNS.map((c) => `${c} = ${c} ${sign} ${CONTRIBUTIONS[c].sql(row)}`);
  return `UPDATE analytics_daily SET ${sets.join(', ')} WHERE day = ${row}.day;`;
}

/** The daily totals of a list of movement rows. */
export function dailyTotals(rows: Contributing[]): DailyRow[] {
  const days = new Map<number, DailySums>();
  for (const row of rows) {
    let sums = days.get(row.day);
    if (!sums) days.set(row.day, (sums = emptySums()));
    for (const c of DAILY_COLUMNS) sums[c] += CONTRIBUTIONS[c].js(row);
  }
  return [...days].map(([day, sums]) => ({ day, ...sums }));
}
