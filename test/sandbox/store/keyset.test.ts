/**
 * The keyset component on its own: walking any list page by page with its cursors yields every row once, in the
 * list's order, for every page size — including pages that end inside, or right at the end of, a run of rows
 * sharing one sort key (the two-range seek of 'key asc' lists).
 */
import { openDatabase } from '../../../sandbox/db/open';
import { createClock } from '../../../sandbox/lib/clock';
import { createIdGenerator } from '../../../sandbox/lib/ids';
import { decodeCursor, readPageRequest } from '../../../sandbox/http/pagination';
import type { Store } from '../../../sandbox/store/context';
import { insertDataSource } from '../../../sandbox/store/dataSources';
import { customersMatching, insertCustomer } from '../../../sandbox/store/customers';
import { insertPlan, plansMatching } from '../../../sandbox/store/plans';
import { countRows, keysetPage, type KeysetQuery } from '../../../sandbox/store/keyset';

let store: Store;
let sources: number[];

beforeAll(() => {
  const { db } = openDatabase(':memory:');
  store = { db, clock: createClock('2026-01-01T00:00:00Z'), ids: createIdGenerator(db, 'keyset') };
  sources = [insertDataSource(store, 'A').id, insertDataSource(store, 'B').id];
  // Sort keys with runs of equal keys of several lengths, interleaved over two sources.
  const keys = [5, 5, 5, 5, 5, 5, 5, 3, 9, 9, 1, 7, 7, 7, 2];
  for (let i = 0; i < 40; i++) {
    const c = insertCustomer(store, sources[i % 2], `c${i}`, {});
    if (i < keys.length) db.prepare('UPDATE customers SET since_key = ? WHERE id = ?').run(keys[i], c.id);
    insertPlan(store, {
      data_source_id: sources[i % 3 === 0 ? 0 : 1],
      name: `P${i}`,
      interval_count: 1,
      interval_unit: 'month',
    });
  }
});
afterAll(() => store.db.close());

/** Every page of the query, following cursors as a client would. */
function walk<Row extends { id: number }>(query: KeysetQuery<Row>, perPage: number): Row[][] {
  const pages: Row[][] = [];
  let cursor: string | undefined;
  for (;;) {
    const request = readPageRequest({ per_page: String(perPage), ...(cursor ? { cursor } : {}) });
    const page = keysetPage(store, query, request);
    pages.push(page.items);
    if (!page.hasMore) return pages;
    cursor = page.cursor as string;
  }
}

const ids = (sqlText: string, ...params: unknown[]) =>
  (store.db.prepare(sqlText).all(...params) as { id: number }[]).map((r) => r.id);

it.each([1, 2, 3, 6, 7, 8, 13, 200])('walks customers in since order, %i per page', (perPage) => {
  for (const [query, expected] of [
    [customersMatching({}), ids('SELECT id FROM customers ORDER BY since_key, id')],
    [
      customersMatching({ dataSourceId: sources[1] }),
      ids('SELECT id FROM customers WHERE data_source_id = ? ORDER BY since_key, id', sources[1]),
    ],
  ] as const) {
    const pages = walk(query, perPage);
    expect(pages.flat().map((r) => r.id)).toEqual(expected);
    expect(pages.slice(0, -1).every((p) => p.length === perPage)).toBe(true);
    expect(pages.length).toBe(Math.max(1, Math.ceil(expected.length / perPage)));
  }
});

it.each([1, 4, 7, 200])('walks plans newest first, %i per page', (perPage) => {
  const query = plansMatching({ dataSourceId: sources[1] });
  const expected = ids('SELECT id FROM plans WHERE data_source_id = ? ORDER BY id DESC', sources[1]);
  expect(
    walk(query, perPage)
      .flat()
      .map((r) => r.id),
  ).toEqual(expected);
});

it('a cursor is the last row’s sort key and id; an empty page has none', () => {
  const byKey = keysetPage(store, customersMatching({}), readPageRequest({ per_page: '3' }));
  const last = byKey.items[2];
  expect(decodeCursor(byKey.cursor as string)).toEqual({ key: last.since_key, id: last.id });
  const newest = keysetPage(store, plansMatching({}), readPageRequest({ per_page: '2' }));
  expect(decodeCursor(newest.cursor as string)).toEqual({
    key: newest.items[1].created_at,
    id: newest.items[1].id,
  });
  const none = keysetPage(store, customersMatching({ email: 'nobody' }), readPageRequest({}));
  expect(none).toEqual({ items: [], hasMore: false, cursor: null });
});

it('counts what a query matches, filtered or not', () => {
  expect(countRows(store, customersMatching({}))).toBe(40);
  expect(countRows(store, customersMatching({ dataSourceId: sources[0] }))).toBe(20);
  expect(countRows(store, plansMatching({ dataSourceId: sources[0] }))).toBe(14);
  expect(countRows(store, plansMatching({ externalId: 'none' }))).toBe(0);
});
