/** Webhook destinations and deliveries as stored (migration analytics-webhooks). */
import { sql, type Store } from '../../store/context';
import { isoMillis } from '../../lib/time';

export interface DestinationRow {
  id: number;
  uuid: string;
  url: string;
  created_at: number;
}

export interface DeliveryRow {
  id: number;
  uuid: string;
  destination_id: number;
  movement_uuid: string;
  payload: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: number | null;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}

export function addDestination(store: Store, url: string): DestinationRow {
  const row = { uuid: store.ids.uuid(), url, created_at: store.clock.now() };
  const { lastInsertRowid } = sql(
    store.db,
    'INSERT INTO analytics_webhook_destinations (uuid, url, created_at) VALUES (@uuid, @url, @created_at)',
  ).run(row);
  return { id: Number(lastInsertRowid), ...row };
}

export function listDestinations(store: Store): DestinationRow[] {
  return sql(store.db, 'SELECT * FROM analytics_webhook_destinations ORDER BY id').all() as DestinationRow[];
}

/** Removes a destination and its deliveries; false when there was none. */
export function removeDestination(store: Store, uuid: string): boolean {
  return sql(store.db, 'DELETE FROM analytics_webhook_destinations WHERE uuid = ?').run(uuid).changes > 0;
}

export function destinationView(row: DestinationRow): Record<string, unknown> {
  return { id: row.uuid, url: row.url, created_at: isoMillis(row.created_at) };
}

/** A delivery due now (a retry waits until its time); `realNow` is wall-clock time, as retries are. */
export function enqueueDelivery(
  store: Store,
  destination: DestinationRow,
  movementUuid: string,
  payload: unknown,
  realNow: number,
): void {
  sql(
    store.db,
    `INSERT OR IGNORE INTO analytics_webhook_deliveries
       (uuid, destination_id, movement_uuid, payload, status, attempts, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)`,
  ).run(store.ids.uuid(), destination.id, movementUuid, JSON.stringify(payload), realNow, store.clock.now());
}

export function dueDeliveries(
  store: Store,
  realNow: number,
  limit: number,
): (DeliveryRow & { url: string })[] {
  return sql(
    store.db,
    `SELECT d.*, w.url FROM analytics_webhook_deliveries d JOIN analytics_webhook_destinations w ON w.id = d.destination_id
     WHERE d.status = 'pending' AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.id LIMIT ?`,
  ).all(realNow, limit) as (DeliveryRow & { url: string })[];
}

/**
 * Takes a due delivery for one attempt: its next attempt moves to `until`, so that no other sandbox
 * process on the same file sends it meanwhile (and a process killed mid-attempt leaves it due again
 * then). False when another took it first.
 */
export function claimDelivery(store: Store, id: number, realNow: number, until: number): boolean {
  return (
    sql(
      store.db,
      `UPDATE analytics_webhook_deliveries SET next_attempt_at = ?
       WHERE id = ? AND status = 'pending' AND next_attempt_at <= ?`,
    ).run(until, id, realNow).changes === 1
  );
}

/** Gives a claimed delivery back, due at `at` (an attempt cut short by the sandbox closing). */
export function releaseDelivery(store: Store, id: number, at: number): void {
  sql(
    store.db,
    `UPDATE analytics_webhook_deliveries SET next_attempt_at = ? WHERE id = ? AND status = 'pending'`,
  ).run(at, id);
}

/** When the next pending delivery is due (wall clock), or null when none is pending. */
export function nextDue(store: Store): number | null {
  const row = sql(
    store.db,
    `SELECT MIN(next_attempt_at) AS at FROM analytics_webhook_deliveries WHERE status = 'pending'`,
  ).get() as { at: number | null };
  return row.at;
}

export function recordAttempt(
  store: Store,
  id: number,
  outcome: {
    status: DeliveryRow['status'];
    attempts: number;
    nextAttemptAt: number | null;
    lastStatus: number | null;
    lastError: string | null;
    deliveredAt: number | null;
  },
): void {
  sql(
    store.db,
    `UPDATE analytics_webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, last_status = ?,
       last_error = ?, delivered_at = ? WHERE id = ?`,
  ).run(
    outcome.status,
    outcome.attempts,
    outcome.nextAttemptAt,
    outcome.lastStatus,
    outcome.lastError,
    outcome.deliveredAt,
    id,
  );
}

export function listDeliveries(store: Store, status?: string): Record<string, unknown>[] {
  const rows = sql(
    store.db,
    `SELECT d.*, w.uuid AS destination_uuid, w.url FROM analytics_webhook_deliveries d
     JOIN analytics_webhook_destinations w ON w.id = d.destination_id
     WHERE (@status IS NULL OR d.status = @status) ORDER BY d.id`,
  ).all({ status: status ?? null }) as (DeliveryRow & { destination_uuid: string; url: string })[];
  return rows.map((r) => ({
    id: r.uuid,
    destination_id: r.destination_uuid,
    url: r.url,
    movement_uuid: r.movement_uuid,
    status: r.status,
    attempts: r.attempts,
    last_status: r.last_status,
    last_error: r.last_error,
    next_attempt_at: r.status === 'pending' ? isoMillis(r.next_attempt_at) : null,
    delivered_at: isoMillis(r.delivered_at),
    created_at: isoMillis(r.created_at),
    payload: JSON.parse(r.payload) as unknown,
  }));
}

/** Everything webhooks keep (a sandbox reset). */
export function emptyWebhooks(store: Store): void {
  sql(store.db, 'DELETE FROM analytics_webhook_deliveries').run();
  sql(store.db, 'DELETE FROM analytics_webhook_destinations').run();
}
