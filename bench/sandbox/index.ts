/**
 * Sandbox throughput: a customer GET, a 200-record customer page and a 200-record contacts page at 10,000 and
 * 100,000 records, beside a bare express handler that returns a fixed JSON body of the same size (the cost of
 * HTTP + express alone). Pages are taken from the middle of their list with a cursor: their cost must not grow
 * with the total. The sandbox keeps view texts while its database is unchanged (sandbox/views/texts.ts): the
 * GET and the customer page are also timed as the first read after a write, and the process's RSS is read
 * before and after reading every customer page once (the kept texts are bounded).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { startSandbox } from '../../sandbox';
import { openDatabase } from '../../sandbox/db/open';
import { createClock } from '../../sandbox/lib/clock';
import { createIdGenerator } from '../../sandbox/lib/ids';
import { insertDataSource } from '../../sandbox/store/dataSources';
import { insertCustomer } from '../../sandbox/store/customers';
import { insertContact } from '../../sandbox/store/contacts';
import { median, pairedRatio, report } from '../harness';
import { agent, burst, get, request } from './client';

const ROUNDS = Number(process.env.BENCH_SANDBOX_ROUNDS ?? 15);
/** Database sizes; BENCH_SANDBOX_SIZES=10000 runs the smaller one alone. */
const SIZES = (process.env.BENCH_SANDBOX_SIZES ?? '10000,100000').split(',').map(Number);

function populate(dbPath: string, customers: number): void {
  const { db } = openDatabase(dbPath);
  const store = { db, clock: createClock('2026-01-01T00:00:00Z'), ids: createIdGenerator(db) };
  db.transaction(() => {
    const ds = insertDataSource(store, 'Bench');
    for (let i = 0; i < customers; i++) {
      const customer = insertCustomer(store, ds.id, `bench_${i}`, {
        name: `Customer ${i}`,
        email: `c${i}@example.com`,
        country: 'US',
        city: 'Boston',
      });
      insertContact(store, customer.id, ds.id, { first_name: 'Contact', email: `p${i}@example.com` });
    }
  })();
  db.close();
}

/** The URL of the 200-record page in the middle of a list: the cursor reached by walking to page total/400. */
async function middlePage(listUrl: string, total: number): Promise<string> {
  let cursor = '';
  for (let p = 0; p < total / 400; p += 1) {
    const next = `${listUrl}?per_page=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    cursor = (JSON.parse(await get(next)) as { cursor: string }).cursor;
  }
  return `${listUrl}?per_page=200&cursor=${encodeURIComponent(cursor)}`;
}

/** Milliseconds per GET of `url`, one at a time, each after `before` (not timed). */
async function timedOneByOne(url: string, n: number, before?: () => Promise<unknown>): Promise<number> {
  let ns = 0;
  for (let i = 0; i < n; i++) {
    await before?.();
    const t0 = process.hrtime.bigint();
    await get(url);
    ns += Number(process.hrtime.bigint() - t0);
  }
  return ns / 1e6 / n;
}

/**
 * The customer GET with each server alone in its own process (alone-child.ts), sandbox and bare express
 * alternating, 3 pairs of 20,000 GETs: what is left of the same-process ratio once neither server's garbage
 * or heap lands in the other's rounds.
 */
function getAlone(dir: string, dbPath: string, customerPath: string, body: string): string[] {
  const bodyFile = path.join(dir, 'customer.json');
  fs.writeFileSync(bodyFile, body);
  const child = path.join(__dirname, 'alone-child.js');
  const run = (mode: string) =>
    JSON.parse(
      execFileSync(process.execPath, [child, mode, dbPath, customerPath, bodyFile, '20000']).toString(),
    ) as { msPerRequest: number; cpuUsPerRequest: number };
  const wall: [number[], number[]] = [[], []];
  const cpu: [number[], number[]] = [[], []];
  for (let pair = 0; pair < 3; pair++) {
    for (const [i, mode] of ['sandbox', 'bare'].entries()) {
      const r = run(mode);
      wall[i].push(r.msPerRequest);
      cpu[i].push(r.cpuUsPerRequest);
    }
  }
  return [
    'customer GET, each server alone in its process (wall; CPU in brackets)',
    `${median(wall[0]).toFixed(2)} ms`,
    `${median(wall[1]).toFixed(2)} ms`,
    `${pairedRatio(wall[0], wall[1]).toFixed(2)}× (${pairedRatio(cpu[0], cpu[1]).toFixed(2)}×)`,
  ];
}

/**
 * This process's RSS (the sandbox runs in it) before and after reading every customer page once; run with
 * `node --expose-gc`, also what is live after a full collection (V8's heap + memory outside it: buffers),
 * which RSS alone hides behind garbage not collected yet.
 */
async function memoryAfterWalking(listUrl: string, total: number): Promise<string[]> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const mb = () => {
    const rss = `${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`;
    if (!gc) return rss;
    gc();
    const { heapUsed, external } = process.memoryUsage();
    return `${rss} (live ${((heapUsed + external) / 2 ** 20).toFixed(0)} MB)`;
  };
  const before = mb();
  let cursor: string | null = '';
  while (cursor !== null) {
    const url = `${listUrl}?per_page=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = JSON.parse(await get(url)) as { cursor: string | null; has_more: boolean };
    cursor = page.has_more ? page.cursor : null;
  }
  return [`RSS before / after reading all ${total.toLocaleString('en')} customers' pages`, before, mb(), '—'];
}

async function baseline(bodies: Record<'customer' | 'page' | 'contacts', string>): Promise<{
  url: string;
  close: () => void;
}> {
  const app = express();
  for (const [name, body] of Object.entries(bodies))
    app.get(`/${name}`, (_req, res) => void res.type('application/json').send(body));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

export async function main(): Promise<void> {
  const rows: (string | number)[][] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-bench-'));
  try {
    for (const total of SIZES) {
      const dbPath = path.join(dir, `bench-${total}.db`);
      populate(dbPath, total);
      const sb = await startSandbox({ dbPath, limits: false });
      const first = JSON.parse(await get(`${sb.url}/v1/customers?per_page=200`)) as {
        entries: { uuid: string }[];
      };
      const customerUrl = `${sb.url}/v1/customers/${first.entries[100].uuid}`;
      const pageUrl = await middlePage(`${sb.url}/v1/customers`, total);
      const contactsUrl = await middlePage(`${sb.url}/v1/contacts`, total);
      const customerBody = get(customerUrl);
      const base = await baseline({
        customer: await customerBody,
        page: await get(pageUrl),
        contacts: await get(contactsUrl),
      });
      // A write before each read empties the kept customer texts (sandbox/views/texts.ts): the next read is
      // cold. The write (a customer outside the page renamed) is not timed; the reads run one at a time, and so
      // do their baseline's.
      let writes = 0;
      const write = () => request('PATCH', customerUrl, { name: `Renamed ${(writes += 1)}` });
      const pairs = [
        {
          name: `customer GET (${total.toLocaleString('en')} customers)`,
          url: customerUrl,
          base: `${base.url}/customer`,
          n: 200,
        },
        {
          name: `customer GET, first read after a write (${total.toLocaleString('en')} customers)`,
          url: customerUrl,
          base: `${base.url}/customer`,
          n: 100,
          before: write,
        },
        {
          name: `200-record cursor page (${total.toLocaleString('en')} customers)`,
          url: pageUrl,
          base: `${base.url}/page`,
          n: 20,
        },
        {
          name: `200-record cursor page, first read after a write (${total.toLocaleString('en')} customers)`,
          url: pageUrl,
          base: `${base.url}/page`,
          n: 20,
          before: write,
        },
        {
          name: `200-record contacts page (${total.toLocaleString('en')} contacts)`,
          url: contactsUrl,
          base: `${base.url}/contacts`,
          n: 20,
        },
      ];
      for (const c of pairs) {
        // Sandbox and baseline alternate round by round; the ratio is the median of per-round ratios.
        const sandboxMs: number[] = [];
        const baseMs: number[] = [];
        const timed = async (url: string) => {
          if ('before' in c) return timedOneByOne(url, c.n, url === c.url ? c.before : undefined);
          const t0 = process.hrtime.bigint();
          await burst(url, c.n);
          return Number(process.hrtime.bigint() - t0) / 1e6 / c.n;
        };
        for (let round = -2; round < ROUNDS; round++) {
          const a = await timed(c.url);
          const b = await timed(c.base);
          if (round < 0) continue;
          sandboxMs.push(a);
          baseMs.push(b);
        }
        rows.push([
          c.name,
          `${median(sandboxMs).toFixed(2)} ms`,
          `${median(baseMs).toFixed(2)} ms`,
          `${pairedRatio(sandboxMs, baseMs).toFixed(2)}×`,
        ]);
      }
      rows.push(await memoryAfterWalking(`${sb.url}/v1/customers`, total));
      base.close();
      await sb.close();
      rows.push(getAlone(dir, dbPath, new URL(customerUrl).pathname, await customerBody));
    }
  } finally {
    agent.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  report(
    'sandbox',
    [
      'case (4 requests in flight)',
      'sandbox, per request',
      'bare express, same body',
      'sandbox / bare (paired)',
    ],
    rows,
  );
}
