/**
 * What the CRM routes (contacts, notes, tasks, opportunities) share: required parameters (400, dialect A),
 * the customer a body names (404 when unknown), `custom: [{key, value}]` lists, list filters by uuid, and
 * pages in the `entries` dialect these lists use (no legacy keys, even on a first page: as recorded).
 */
import type { Request } from 'express';
import { codeError, invalidParameter, missingParameter, notFound } from '../http/errors';
import { parseTimestamp } from '../lib/time';
import { Input, isObject, throwFirstAsCodeError, type Body } from '../http/input';
import { readPageRequest, type Page } from '../http/pagination';
import type { JsonText } from '../http/send';
import { pageBody, readPage, type KeptKind } from '../views/texts';
import { queryString } from '../http/routes';
import type { Store } from '../store/context';
import { keysetPage, type KeysetQuery } from '../store/keyset';
import { findCustomer, type CustomerRow } from '../store/customers';

/** Fails with ChartMogul's 400 for the first listed parameter the body lacks (absent, null or ""). */
export function requireParams(body: Body, names: readonly string[]): void {
  for (const name of names) {
    const v = body[name];
    if (v === undefined || v === null || v === '') throw missingParameter(name);
  }
}

/** The customer `customer_uuid` names; an unknown one is a 404 like any missing resource. */
export function bodyCustomer(store: Store, body: Body): CustomerRow {
  const uuid = body.customer_uuid;
  if (typeof uuid !== 'string') throw codeError(422, 'customer_uuid must be a string', 'customer_uuid');
  const customer = findCustomer(store, uuid);
  if (!customer) throw notFound('Customer');
  return customer;
}

/** Field problems recorded in `input` answer 422 in dialect A, the first one named. */
export function failOnErrors(input: Input): void {
  throwFirstAsCodeError(input, 422);
}

/**
 * `custom: [{key, value}, …]` merged over `existing` (a PATCH changes only the keys it names). Values are
 * JSON scalars; a key is a non-empty string.
 */
export function readCustomList(
  input: Input,
  existing: Record<string, unknown> = {},
): Record<string, unknown> | undefined {
  const list = input.body.custom;
  if (list === undefined) return undefined;
  if (list === null) return {};
  if (!Array.isArray(list)) return void input.fail('custom', 'must be an array of {key, value} objects');
  const custom = { ...existing };
  for (const entry of list) {
    if (!isObject(entry) || typeof entry.key !== 'string' || entry.key === '')
      return void input.fail('custom', 'must be an array of {key, value} objects');
    const value = entry.value;
    if (value !== null && typeof value === 'object')
      return void input.fail('custom', `value of "${entry.key}" must be a string, number, boolean or null`);
    custom[entry.key] = value ?? null;
  }
  return custom;
}

/** A filter by a uuid: undefined when not asked, the row's id, or -1 (matches nothing) when unknown. */
export function filterById(
  req: Request,
  name: string,
  find: (uuid: string) => { id: number } | undefined,
): number | undefined {
  const uuid = queryString(req, name);
  return uuid === undefined ? undefined : (find(uuid)?.id ?? -1);
}

/** A page of the query in the `entries` dialect: `{entries, cursor, has_more}`. */
export function entriesList<Row extends { id: number }>(
  store: Store,
  req: Request,
  query: KeysetQuery<Row>,
  view: (row: Row) => unknown,
): Record<string, unknown> {
  const request = readPageRequest(req.query as Record<string, unknown>);
  const page = keysetPage(store, query, request);
  return entriesBody(page, page.items.map(view));
}

/** entriesList for a kind whose view texts are kept (views/texts.ts). */
export function keptEntriesList<Row extends { id: number }>(
  store: Store,
  req: Request,
  query: KeysetQuery<Row>,
  kind: KeptKind<Row>,
): JsonText | Record<string, unknown> {
  const request = readPageRequest(req.query as Record<string, unknown>);
  const { page, entries } = readPage(kind, {
    rows: () => keysetPage(store, query, request),
    ids: () => keysetPage(store, query, request, ['id']),
  });
  return pageBody(entries, (list) => entriesBody(page, list));
}

function entriesBody(page: Page<unknown>, entries: unknown[]): Record<string, unknown> {
  return { entries, cursor: page.cursor, has_more: page.hasMore };
}

/** A resource addressed by the path: 404 in dialect C when it does not exist. */
export function required<Row>(row: Row | undefined, what: string): Row {
  if (row === undefined) throw notFound(what);
  return row;
}

/**
 * A date-range filter: a timestamp as given, a bare date as the start of that day (`start`) or its last
 * millisecond (`end`), so "on or before 2025-04-30" includes the whole day.
 */
export function dateBound(req: Request, name: string, edge: 'start' | 'end'): number | undefined {
  const value = queryString(req, name);
  if (value === undefined) return undefined;
  const ms = parseTimestamp(value);
  if (ms === undefined) throw invalidParameter(name, 'must be a date or an ISO 8601 timestamp');
  return edge === 'end' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? ms + 86_399_999 : ms;
}
