/**
 * Cursor pagination as ChartMogul serves it: `per_page` (default 200, above 200 served as 200) and an opaque
 * cursor. The cursor is base64 of "<sort key>&<row id>", the shape ChartMogul's own cursors decode to; the next
 * page is the keyset after that pair, so no page ever counts or skips the rows before it. This is the wire half
 * (request, cursor, has_more, the two page dialects); the SQL half, used by every list store, is store/keyset.ts.
 */
import { codeError } from './errors';

export const MAX_PER_PAGE = 200;

export interface PageRequest {
  perPage: number;
  /** The position after which the page starts, when the client sent a cursor. */
  after?: { key: number; id: number };
  /** True when the client sent a cursor (later pages drop the legacy paging keys). */
  hasCursor: boolean;
}

export function readPageRequest(query: Record<string, unknown>): PageRequest {
  const perPage = readPerPage(query.per_page);
  const raw = query.cursor;
  if (raw === undefined || raw === '') return { perPage, hasCursor: false };
  if (typeof raw !== 'string') throw codeError(400, 'Parameter "cursor" is invalid', 'cursor');
  return { perPage, after: decodeCursor(raw), hasCursor: true };
}

function readPerPage(raw: unknown): number {
  if (raw === undefined || raw === '') return MAX_PER_PAGE;
  const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 1)
    throw codeError(400, 'Parameter "per_page" must be a positive integer', 'per_page');
  return Math.min(n, MAX_PER_PAGE);
}

export function encodeCursor(key: number, id: number): string {
  return Buffer.from(`${key}&${id}`).toString('base64');
}

export function decodeCursor(cursor: string): { key: number; id: number } {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  const m = /^(-?\d+)&(\d+)$/.exec(text);
  if (!m) throw codeError(400, 'Parameter "cursor" is invalid', 'cursor');
  return { key: Number(m[1]), id: Number(m[2]) };
}

export interface Page<T> {
  items: T[];
  hasMore: boolean;
  /** Cursor after the last item (null on an empty page), as the recordings show. */
  cursor: string | null;
}

/** Rows were fetched with LIMIT perPage + 1: the extra row only tells whether more follow. */
export function toPage<T>(
  rows: T[],
  perPage: number,
  keyOf: (row: T) => { key: number; id: number },
): Page<T> {
  const hasMore = rows.length > perPage;
  const items = hasMore ? rows.slice(0, perPage) : rows;
  const last = items[items.length - 1];
  return { items, hasMore, cursor: last ? encodeCursor(keyOf(last).key, keyOf(last).id) : null };
}

export interface LegacyKeys {
  current_page: number;
  total_pages: number | null;
}

/**
 * The deprecated offset keys ChartMogul still adds to a first page requested without a cursor; `total` null
 * gives a null total_pages (the email search, as recorded).
 */
export function legacyKeys(total: number | null, perPage: number): LegacyKeys {
  return { current_page: 1, total_pages: total === null ? null : Math.ceil(total / perPage) };
}

/**
 * A page in the import-API dialect (plans, plan groups, invoices, import subscriptions):
 * `{<name>: items, current_page, total_pages, cursor, has_more}`, the legacy keys only on a first page requested
 * without a cursor (`total` is called only then).
 */
export function importPageBody(
  name: string,
  items: unknown[],
  page: Page<unknown>,
  request: PageRequest,
  total: () => number,
): Record<string, unknown> {
  const legacy = request.hasCursor ? {} : legacyKeys(total(), request.perPage);
  return { [name]: items, ...legacy, cursor: page.cursor, has_more: page.hasMore };
}

/**
 * A page in the `entries` dialect (customers, metrics subscriptions): `{entries, cursor, has_more}` after a
 * cursor; a first page without one is `{entries, <legacy keys>, has_more, per_page, page: 1, cursor}`, the
 * legacy keys only where the endpoint has them (`legacy` is called only then).
 */
export function entriesPageBody(
  entries: unknown[],
  page: Page<unknown>,
  request: PageRequest,
  legacy?: () => LegacyKeys,
): Record<string, unknown> {
  if (request.hasCursor) return { entries, cursor: page.cursor, has_more: page.hasMore };
  return {
    entries,
    ...legacy?.(),
    has_more: page.hasMore,
    per_page: request.perPage,
    page: 1,
    cursor: page.cursor,
  };
}
