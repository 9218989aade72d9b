/**
 * Reading activities: the filters of `GET /v1/activities` (start-date and end-date inclusive, compared as
 * date-times; type; order `date` or `-date`), checked before anything is read (400 `{code, message, param}`,
 * reference §h11, §h13), and keyset pages over (date, id) in either direction.
 */
import { codeError, missingParameter } from '../../http/errors';
import { parseTimestamp } from '../../lib/time';
import { sql, type Store } from '../../store/context';
import { MOVEMENT_TYPES } from '../rules/movements';
import type { StoredMovement } from '../views/activities';

export interface ActivityFilter {
  customerId?: number;
  type?: string;
  from?: number;
  to?: number;
  descending: boolean;
}

type Query = Record<string, unknown>;

function text(query: Query, name: string): string | undefined {
  const v = query[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') throw codeError(400, `Parameter "${name}" must be a single string`, name);
  return v;
}

function instant(query: Query, name: string): number | undefined {
  const raw = text(query, name);
  if (raw === undefined) return undefined;
  const ms = parseTimestamp(raw);
  if (ms === undefined)
    throw codeError(400, `Parameter "${name}" is not a valid ISO 8601 date or time`, name);
  return ms;
}

/** The filters of an activities request; `defaultDescending` is the endpoint's own order. */
export function readActivityFilter(query: Query, defaultDescending: boolean): ActivityFilter {
  const from = instant(query, 'start-date');
  const to = instant(query, 'end-date');
  if (to !== undefined && from === undefined) throw missingParameter('start-date');
  if (from !== undefined && to !== undefined && to < from)
    throw codeError(400, 'Parameter "end-date" must not be before "start-date"', 'end-date');
  const type = text(query, 'type');
  if (type !== undefined && !(MOVEMENT_TYPES as readonly string[]).includes(type))
    throw codeError(400, `Parameter "type" must be one of ${MOVEMENT_TYPES.join(', ')}`, 'type');
  const order = text(query, 'order');
  if (order !== undefined && order !== 'date' && order !== '-date')
    throw codeError(400, 'Parameter "order" must be date or -date', 'order');
  return { type, from, to, descending: order === undefined ? defaultDescending : order === '-date' };
}

/** Where a page starts: at a movement (inclusive) or after one. */
export interface PageStart {
  at: number;
  id: number;
  inclusive: boolean;
}

/** The movements of the filter from `start` on, at most `limit`. */
export function activitiesPage(
  store: Store,
  filter: ActivityFilter,
  start: PageStart | undefined,
  limit: number,
): StoredMovement[] {
  const where = ['visible = 1'];
  const params: Record<string, unknown> = { limit };
  if (filter.customerId !== undefined) {
    where.push('customer_id = @customer');
    params.customer = filter.customerId;
  }
  if (filter.type !== undefined) {
    where.push('type = @type');
    params.type = filter.type;
  }
  if (filter.from !== undefined) {
    where.push('at >= @from');
    params.from = filter.from;
  }
  if (filter.to !== undefined) {
    where.push('at <= @to');
    params.to = filter.to;
  }
  const direction = filter.descending ? 'DESC' : 'ASC';
  if (start) {
    const op = filter.descending ? (start.inclusive ? '<=' : '<') : start.inclusive ? '>=' : '>';
    where.push(`(at, id) ${op} (@startAt, @startId)`);
    params.startAt = start.at;
    params.startId = start.id;
  }
  return sql(
    store.db,
    `SELECT * FROM analytics_movements WHERE ${where.join(' AND ')} ORDER BY at ${direction}, id ${direction} LIMIT @limit`,
  ).all(params) as StoredMovement[];
}

/** The movement an activity uuid names (the cursors and `start-after` of `/v1/activities`). */
export function movementByUuid(store: Store, uuid: string): { at: number; id: number } | undefined {
  return sql(store.db, 'SELECT at, id FROM analytics_movements WHERE uuid = ? AND visible = 1').get(uuid) as
    { at: number; id: number } | undefined;
}
