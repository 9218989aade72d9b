/** The one account every sandbox key belongs to. Its currency is the one customers' MRR is reported in. */
import type { Store } from '../store/context';
import { sql } from '../store/context';

export const ACCOUNT = {
  name: 'ChartMogul Sandbox',
  currency: 'USD',
  time_zone: 'UTC',
  week_start_on: 'monday',
} as const;

/** The account id (acc_…), created once per database. */
export function accountId(store: Store): string {
  const row = sql(store.db, `SELECT value FROM meta WHERE key = 'account_id'`).get() as
    { value: string } | undefined;
  if (row) return row.value;
  const id = store.ids.prefixed('acc');
  sql(store.db, `INSERT INTO meta(key, value) VALUES ('account_id', ?)`).run(id);
  return id;
}
