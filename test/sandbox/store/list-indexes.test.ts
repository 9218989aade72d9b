/**
 * Issue 18: "every list: … filters indexed". Each list endpoint is asked with each of its filters alone
 * (first page and the page after a cursor), the page queries the sandbox prepares are recorded, and
 * SQLite's plan for each must reach the rows through an index: a bare `SCAN table` reads the whole table.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { raw, startWithSdk, type SdkSandbox } from '../support/sdk';

// The sandbox runs in this process: its statements are seen where better-sqlite3 prepares them.
const prepared = new Set<string>();
const prepare = Database.prototype.prepare;
beforeAll(() => {
  Database.prototype.prepare = function (this: Database.Database, source: string) {
    // Whole rows, or the ids and sort key alone (a page whose view texts are kept: views/texts.ts).
    if (/^SELECT (\*|[\w, ]+) FROM \w+ WHERE .* LIMIT @limit$/s.test(source)) prepared.add(source);
    return prepare.call(this, source);
  } as typeof prepare;
});
afterAll(() => {
  Database.prototype.prepare = prepare;
});

let sb: SdkSandbox;
let dir: string;
let dbPath: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-list-indexes-'));
  dbPath = path.join(dir, 'chartmogul.db');
  sb = await startWithSdk({ dbPath, seed: 'demo', clock: '2026-11-01T00:00:00Z' });
});
afterAll(async () => {
  await sb.sandbox.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Json = Record<string, unknown>;
const get = async (url: string): Promise<Json> => {
  const res = await raw(sb.sandbox, 'GET', url);
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Json;
};
const entries = (body: Json): Json[] =>
  (body.entries ?? body.subscription_events ?? body.invoices ?? body.plans) as Json[];

/** The plan's steps for one recorded statement (every @name bound to null: plans do not read values). */
function plan(db: Database.Database, source: string): string[] {
  const names = [...new Set(source.match(/@\w+/g) ?? [])].map((n) => n.slice(1));
  const rows = db
    .prepare(`EXPLAIN QUERY PLAN ${source}`)
    .all(Object.fromEntries(names.map((n) => [n, null]))) as { detail: string }[];
  return rows.map((r) => r.detail);
}

/**
 * A filter that is only a one-sided date range (`due_date >= @dueFrom`) may walk the list in its own order
 * instead: SQLite prefers that to sorting what the index finds, and stops at the page's last row
 * (docs/decisions.md "Verification of issues 16 and 18").
 */
function oneSidedRanges(source: string): boolean {
  const where = /WHERE (.*) ORDER BY/s.exec(source)?.[1] ?? '';
  return where.split(' AND ').every((c) => /^\w+ [<>]=? @\w+$/.test(c) && !/^id /.test(c));
}

test('each list filter reaches its rows through an index, on the first page and after a cursor', async () => {
  const customer = entries(await get('/v1/customers?per_page=3'))[0] as {
    uuid: string;
    external_id: string;
    data_source_uuid: string;
  };
  const cus = encodeURIComponent(customer.uuid);
  const ds = encodeURIComponent(customer.data_source_uuid);
  const ext = encodeURIComponent(customer.external_id);
  const lists: Record<string, string[]> = {
    '/v1/customers': [`data_source_uuid=${ds}`, `external_id=${ext}`, 'status=Active', 'system=Custom'],
    '/v1/contacts': [
      `customer_uuid=${cus}`,
      `data_source_uuid=${ds}`,
      'email=x%40example.com',
      `customer_external_id=${ext}`,
    ],
    '/v1/customer_notes': [`customer_uuid=${cus}`, 'type=call', 'author_email=x%40example.com'],
    '/v1/tasks': [
      `customer_uuid=${cus}`,
      'assignee=x%40example.com',
      'completed=true',
      'due_date_on_or_after=2026-01-01',
      'due_date_on_or_before=2026-01-01',
    ],
    '/v1/opportunities': [
      `customer_uuid=${cus}`,
      'owner=x%40example.com',
      'pipeline=New',
      'pipeline_stage=Lead',
      'estimated_close_date_on_or_after=2026-01-01',
      'estimated_close_date_on_or_before=2026-01-01',
    ],
    '/v1/subscription_events': [
      `data_source_uuid=${ds}`,
      `customer_uuid=${cus}`,
      'external_id=x',
      `customer_external_id=${ext}`,
      'subscription_external_id=x',
      'plan_external_id=x',
      'event_type=subscription_start',
      'event_date=2026-01-01',
      'effective_date=2026-01-01',
    ],
    '/v1/invoices': [`customer_uuid=${cus}`, `data_source_uuid=${ds}`, 'external_id=x'],
    '/v1/plans': [`data_source_uuid=${ds}`, 'external_id=x', 'system=Custom'],
    [`/v1/import/customers/${cus}/subscriptions`]: [''],
    [`/v1/import/customers/${cus}/invoices`]: [''],
  };
  for (const [list, filters] of Object.entries(lists)) {
    for (const filter of filters) {
      const first = await get(`${list}?per_page=1&${filter}`);
      // The page after a cursor is a query of its own (the keyset seek): ask for it too.
      if (typeof first.cursor === 'string')
        await get(`${list}?per_page=1&${filter}&cursor=${encodeURIComponent(first.cursor)}`);
    }
  }
  expect(prepared.size).toBeGreaterThan(40);

  const db = new Database(dbPath, { readonly: true });
  try {
    const scans = [...prepared]
      .map((source) => ({ source, plan: plan(db, source) }))
      .filter((p) => p.plan.some((step) => /^SCAN \w+$/.test(step)) && !oneSidedRanges(p.source));
    expect(scans).toEqual([]);
  } finally {
    db.close();
  }
});
