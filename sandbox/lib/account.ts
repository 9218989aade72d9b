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

/** The user every sandbox API key belongs to: the author of notes written without author_email. */
export const ACCOUNT_USER = { name: 'Sandbox User', handle: 'sandbox-user', email: 'user@sandbox.example' };

/**
 * A team member as ChartMogul labels one, `Name[handle] (email)`. The sandbox has no team list: any
 * address is taken as a member, named by the part before the @.
 */
export function userLabel(email: string): string {
  if (email.toLowerCase() === ACCOUNT_USER.email)
    return `${ACCOUNT_USER.name}[${ACCOUNT_USER.handle}] (${ACCOUNT_USER.email})`;
  const local = email.slice(0, email.indexOf('@'));
  return `${local}[${local}] (${email})`;
}

/** The columns a disabled_state call sets: when and by whom (the key's user), or cleared on enable. */
export function disabledColumns(store: Store, disabled: boolean): Record<string, number | string | null> {
  return {
    disabled: Number(disabled),
    disabled_at: disabled ? store.clock.now() : null,
    disabled_by: disabled ? ACCOUNT_USER.email : null,
  };
}
