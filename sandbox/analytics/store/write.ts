/**
 * Stores one customer's derived state in place of the old: its subscriptions' metrics view, its MRR history
 * (steps), its movements and its derived customer fields. Movements are matched by uuid — a hash of the
 * subscription, the instant, the type and the position among equals — so a movement that is derived again
 * keeps its row (and its activity id), only what changed is written, and the daily totals' triggers see
 * exactly the difference.
 */
import crypto from 'node:crypto';
import { sql, type Store } from '../../store/context';
import { NO_SINCE } from '../../store/customers';
import { dayOf, samePeriod, INTERVALS } from '../rules/calendar';
import type { DerivedCustomer } from '../rules/derive';
import type { CustomerBilling } from '../rules/facts';
import type { Movement } from '../rules/movements';
import { SAME_PERIOD_BITS } from './daily';

export interface MovementRow {
  id?: number;
  uuid: string;
  customer_id: number;
  chain_id: number;
  member_id: number;
  seq: number;
  at: number;
  day: number;
  type: string;
  amount: number;
  mrr_after: number;
  description: string;
  plan_uuid: string | null;
  invoice_amount: number;
  currency: string;
  customers_delta: number;
  new_customer: number;
  churn_same: number;
  streak_start: number | null;
  visible: number;
}

const MOVEMENT_COLUMNS: (keyof MovementRow)[] = [
  'uuid',
  'customer_id',
  'chain_id',
  'member_id',
  'seq',
  'at',
  'day',
  'type',
  'amount',
  'mrr_after',
  'description',
  'plan_uuid',
  'invoice_amount',
  'currency',
  'customers_delta',
  'new_customer',
  'churn_same',
  'streak_start',
  'visible',
];

function uuidFrom(seed: string): string {
  const hex = crypto.createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function churnSame(m: Movement): number {
  if (m.streakStart === null) return 0;
  let bits = 0;
  for (const unit of INTERVALS)
    if (samePeriod(dayOf(m.streakStart), dayOf(m.at), unit)) bits |= SAME_PERIOD_BITS[unit];
  return bits;
}

/** Movements as stored; `subUuid` names each subscription id in the movement uuids' seeds. */
export function movementRows(
  customerId: number,
  movements: Movement[],
  subUuid: Map<number, string>,
): MovementRow[] {
  const seen = new Map<string, number>();
  return movements.map((m, seq) => {
    const base = `${subUuid.get(m.memberId) ?? m.memberId}|${m.at}|${m.type}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return {
      uuid: uuidFrom(`${base}|${n}`),
      customer_id: customerId,
      chain_id: m.chainId,
      member_id: m.memberId,
      seq,
      at: m.at,
      day: dayOf(m.at),
      type: m.type,
      amount: m.amount,
      mrr_after: m.mrrAfter,
      description: m.description,
      plan_uuid: m.planUuid,
      invoice_amount: m.invoiceAmount,
      currency: m.currency,
      customers_delta: m.customersDelta,
      new_customer: m.newCustomer ? 1 : 0,
      churn_same: churnSame(m),
      streak_start: m.streakStart,
      visible: m.amount !== 0 ? 1 : 0,
    };
  });
}

const sameRow = (a: MovementRow, b: MovementRow) => MOVEMENT_COLUMNS.every((c) => a[c] === b[c]);

/** Writes the movements; returns those that are new (never derived before for this customer). */
function writeMovements(store: Store, customerId: number, rows: MovementRow[]): MovementRow[] {
  const db = store.db;
  const old = sql(db, 'SELECT * FROM analytics_movements WHERE customer_id = ?').all(
    customerId,
  ) as MovementRow[];
  const wanted = new Map(rows.map((r) => [r.uuid, r]));
  for (const row of old)
    if (!wanted.has(row.uuid)) sql(db, 'DELETE FROM analytics_movements WHERE id = ?').run(row.id);
  const existing = new Map(old.map((r) => [r.uuid, r]));
  const added: MovementRow[] = [];
  const sets = MOVEMENT_COLUMNS.map((c) => `${c} = @${c}`).join(', ');
  const names = MOVEMENT_COLUMNS.join(', ');
  const values = MOVEMENT_COLUMNS.map((c) => `@${c}`).join(', ');
  for (const row of rows) {
    const before = existing.get(row.uuid);
    if (!before) {
      // A uuid held by another customer's row (a merge moved the history here) is taken over.
      sql(db, 'DELETE FROM analytics_movements WHERE uuid = ?').run(row.uuid);
      const { lastInsertRowid } = sql(
        db,
        `INSERT INTO analytics_movements (${names}) VALUES (${values})`,
      ).run(row);
      added.push({ ...row, id: Number(lastInsertRowid) });
    } else if (!sameRow(before, row)) {
      sql(db, `UPDATE analytics_movements SET ${sets} WHERE id = @id`).run({ ...row, id: before.id });
    }
  }
  return added;
}

function writeSubscriptions(store: Store, derived: DerivedCustomer, createdAt: Map<number, number>): void {
  const db = store.db;
  sql(db, 'DELETE FROM analytics_subscriptions WHERE customer_id = ?').run(derived.customerId);
  const insert = sql(
    db,
    `INSERT INTO analytics_subscriptions (id, customer_id, chain_id, listed, active, mrr, plan_uuid, quantity, start_at, end_at, created_at)
     VALUES (@id, @customer_id, @chain_id, @listed, @active, @mrr, @plan_uuid, @quantity, @start_at, @end_at, @created_at)`,
  );
  for (const sub of derived.subscriptions) {
    for (const memberId of sub.memberIds) {
      insert.run({
        id: memberId,
        customer_id: derived.customerId,
        chain_id: sub.chainId,
        listed: memberId === sub.listedId ? 1 : 0,
        active: sub.active ? 1 : 0,
        mrr: sub.mrr,
        plan_uuid: sub.planUuid,
        quantity: sub.quantity,
        start_at: sub.start,
        end_at: sub.end,
        created_at: createdAt.get(memberId) ?? 0,
      });
    }
  }
}

function writeSteps(store: Store, derived: DerivedCustomer): void {
  const db = store.db;
  sql(db, 'DELETE FROM analytics_steps WHERE customer_id = ?').run(derived.customerId);
  const insert = sql(
    db,
    `INSERT INTO analytics_steps (customer_id, seq, chain_id, member_id, at, mrr, live, plan_uuid, currency)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  derived.steps.forEach((s, seq) =>
    insert.run(
      derived.customerId,
      seq,
      s.chainId,
      s.memberId,
      s.at,
      s.mrr,
      s.live ? 1 : 0,
      s.planUuid,
      s.currency,
    ),
  );
}

function writeCustomer(store: Store, derived: DerivedCustomer): void {
  const db = store.db;
  sql(db, 'UPDATE customers SET status = ?, since = ?, since_key = ?, mrr = ? WHERE id = ?').run(
    derived.status,
    derived.since,
    derived.since ?? NO_SINCE,
    derived.mrr,
    derived.customerId,
  );
  if (derived.nextChangeAt === null)
    sql(db, 'DELETE FROM analytics_pending WHERE customer_id = ?').run(derived.customerId);
  else
    sql(
      db,
      'INSERT INTO analytics_pending (customer_id, at) VALUES (?, ?) ON CONFLICT(customer_id) DO UPDATE SET at = excluded.at',
    ).run(derived.customerId, derived.nextChangeAt);
}

/** Replaces the customer's derived state; answers its movements and those derived for the first time. */
export function writeDerived(
  store: Store,
  billing: CustomerBilling,
  derived: DerivedCustomer,
): { rows: MovementRow[]; added: MovementRow[] } {
  const createdAt = new Map(
    (
      sql(store.db, 'SELECT id, created_at FROM subscriptions WHERE customer_id = ?').all(
        derived.customerId,
      ) as {
        id: number;
        created_at: number;
      }[]
    ).map((r) => [r.id, r.created_at]),
  );
  writeSubscriptions(store, derived, createdAt);
  writeSteps(store, derived);
  writeCustomer(store, derived);
  const subUuid = new Map(billing.subscriptions.map((s) => [s.id, s.uuid]));
  const rows = movementRows(derived.customerId, derived.movements, subUuid);
  return { rows, added: writeMovements(store, derived.customerId, rows) };
}
