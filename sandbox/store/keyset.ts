/**
 * The SQL half of cursor pagination (the wire half — cursor, per_page, has_more, legacy keys — is
 * http/pagination.ts). A page is a keyset seek: the rows after the cursor's position in the list's order,
 * LIMIT per_page + 1. It never counts or skips the rows before it, so with an index that ends with the sort key
 * it is one index range scan, as cheap at row 100,000 as at row 1. Every paged list is a KeysetList.
 */
import { COUNTED_TABLES } from '../db/schema';
import { toPage, type Page, type PageRequest } from '../http/pagination';
import { allRows, sql, totalRows, type Store } from './context';

type NumberColumn<Row> = { [K in keyof Row]: Row[K] extends number ? K : never }[keyof Row] & string;

/** A paged table and its order. */
export interface KeysetList<Row extends { id: number }> {
  table: string;
  /**
   * 'id desc': newest first; the seek is on id alone, and the cursor still carries `key` beside the id (the
   * shape of ChartMogul's cursors). 'key asc': by `key`, ties by id; the seek is on both.
   */
  order: 'id desc' | 'key asc';
  key: NumberColumn<Row>;
}

/** A list narrowed by a filter: SQL conditions joined by AND, and the named parameters they use. */
export interface KeysetQuery<Row extends { id: number }> extends KeysetList<Row> {
  conditions: string[];
  params: Record<string, unknown>;
}

/**
 * The list filtered by `{param: [condition, value]}`: each condition applies when its value is given, bound as
 * @param. Conditions keep the order written, so the SQL text (and its cached statement) is stable.
 */
export function keysetQuery<Row extends { id: number }>(
  list: KeysetList<Row>,
  filter: Record<string, [condition: string, value: unknown]> = {},
): KeysetQuery<Row> {
  const query: KeysetQuery<Row> = { ...list, conditions: [], params: {} };
  for (const [param, [condition, value]] of Object.entries(filter)) {
    if (value === undefined) continue;
    query.conditions.push(condition);
    query.params[param] = value;
  }
  return query;
}

/**
 * The page of the query's rows that `request` asks for: whole rows, or only `columns` besides the id and the
 * sort key (a page whose views are kept as texts needs no more: views/texts.ts).
 */
export function keysetPage<Row extends { id: number }>(
  store: Store,
  query: KeysetQuery<Row>,
  request: PageRequest,
): Page<Row>;
export function keysetPage<Row extends { id: number }, Column extends keyof Row & string>(
  store: Store,
  query: KeysetQuery<Row>,
  request: PageRequest,
  columns: readonly Column[],
): Page<Pick<Row, Column | 'id'>>;
export function keysetPage<Row extends { id: number }>(
  store: Store,
  query: KeysetQuery<Row>,
  request: PageRequest,
  columns?: readonly string[],
): Page<Row> {
  const picked = columns ? [...new Set(['id', query.key, ...columns])].join(', ') : '*';
  const rows =
    query.order === 'id desc'
      ? newestFirst(store, query, request, picked)
      : byKey(store, query, request, picked);
  return toPage(rows, request.perPage, (row) => ({ key: row[query.key] as number, id: row.id }));
}

/** How many rows the query matches (a first page's total_pages); an unfiltered total is kept by triggers. */
export function countRows<Row extends { id: number }>(
  store: Store,
  { table, conditions, params }: KeysetQuery<Row>,
): number {
  if (conditions.length === 0 && COUNTED_TABLES.includes(table)) return totalRows(store.db, table);
  return (
    sql(store.db, `SELECT COUNT(*) AS n FROM ${table} ${whereSql(conditions)}`).get(params) as { n: number }
  ).n;
}

function whereSql(conditions: string[]): string {
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}

function select<Row>(
  store: Store,
  table: string,
  conditions: string[],
  orderBy: string,
  params: Record<string, unknown>,
  columns: string,
): Row[] {
  return allRows<Row>(
    store.db,
    `SELECT ${columns} FROM ${table} ${whereSql(conditions)} ORDER BY ${orderBy} LIMIT @limit`,
    params,
  );
}

function newestFirst<Row extends { id: number }>(
  store: Store,
  { table, conditions, params: filter }: KeysetQuery<Row>,
  request: PageRequest,
  columns: string,
): Row[] {
  const params = { ...filter, limit: request.perPage + 1 };
  if (!request.after) return select(store, table, conditions, 'id DESC', params, columns);
  const after = [...conditions, 'id < @afterId'];
  return select(store, table, after, 'id DESC', { ...params, afterId: request.after.id }, columns);
}

/**
 * The keyset after (key, id) is two index range scans — the same key with a greater id, then greater keys —
 * rather than one row-value comparison, which SQLite would scan from the start of the equal-key run (and most
 * customers, all leads, share one key).
 */
function byKey<Row extends { id: number }>(
  store: Store,
  { table, key, conditions, params: filter }: KeysetQuery<Row>,
  request: PageRequest,
  columns: string,
): Row[] {
  const limit = request.perPage + 1;
  const params = { ...filter, limit };
  if (!request.after) return select(store, table, conditions, `${key}, id`, params, columns);
  const seek = { ...params, afterKey: request.after.key, afterId: request.after.id };
  const sameKey = [...conditions, `${key} = @afterKey AND id > @afterId`];
  const rows = select<Row>(store, table, sameKey, 'id', seek, columns);
  if (rows.length >= limit) return rows;
  const laterKeys = [...conditions, `${key} > @afterKey`];
  const later = { ...seek, limit: limit - rows.length };
  return rows.concat(select(store, table, laterKeys, `${key}, id`, later, columns));
}
