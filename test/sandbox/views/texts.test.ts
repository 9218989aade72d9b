/**
 * The kept customer texts (sandbox/views/texts.ts) are never stale: after every kind of write that changes a
 * customer — an update, tags and custom attributes, a merge and an unmerge, invoices and transactions that move
 * MRR and status, the clock passing a scheduled instant, a reset, a write by a second connection or another
 * process — the next GET and the next page show it; and what they serve is byte for byte the view built anew.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startSandbox, type RunningSandbox } from '../../../sandbox';
import { findCustomer } from '../../../sandbox/store/customers';
import { customerText, customerView } from '../../../sandbox/views/customer';
import { ViewTexts, viewTexts } from '../../../sandbox/views/texts';
import { inProcessSandbox, type InProcess } from '../analytics/in-process';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const DAY = 86_400_000;
let clockNow = Date.parse('2024-06-01T00:00:00Z');
let sb: InProcess;
let ds: Json;
let plan: Json;

async function must(method: string, url: string, body?: unknown): Promise<Json> {
  const res = await sb.call(method, url, body);
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The customer as a GET and as the first page show it (both read, so both are kept before the next write). */
async function seen(uuid: string): Promise<{ get: Json; page: Json }> {
  const get = await must('GET', `/v1/customers/${uuid}`);
  const page = (await must('GET', '/v1/customers?per_page=200')).entries.find((e: Json) => e.uuid === uuid);
  return { get, page };
}

async function newCustomer(externalId: string, fields: Json = {}): Promise<Json> {
  const created = await must('POST', '/v1/customers', {
    data_source_uuid: ds.uuid,
    external_id: externalId,
    name: externalId,
    ...fields,
  });
  await seen(created.uuid);
  return created;
}

function invoice(externalId: string, start: number, cents: number): Json {
  return {
    external_id: externalId,
    date: new Date(start).toISOString(),
    currency: 'USD',
    line_items: [
      {
        type: 'subscription',
        subscription_external_id: `${externalId}-sub`,
        plan_uuid: plan.uuid,
        amount_in_cents: cents,
        service_period_start: new Date(start).toISOString(),
        service_period_end: new Date(start + 30 * DAY).toISOString(),
      },
    ],
  };
}

beforeAll(async () => {
  // `fixed`: the clock moves only when the test moves it.
  sb = await inProcessSandbox({ now: () => clockNow, fixed: true });
  ds = await must('POST', '/v1/data_sources', { name: 'Texts' });
  plan = await must('POST', '/v1/plans', {
    data_source_uuid: ds.uuid,
    name: 'Monthly',
    interval_count: 1,
    interval_unit: 'month',
  });
});
afterAll(() => sb.close());

describe('the next GET and the next page see every write', () => {
  it('an update (PATCH and PUT)', async () => {
    const c = await newCustomer('upd');
    await must('PATCH', `/v1/customers/${c.uuid}`, { name: 'Renamed', city: 'Oslo' });
    const after = await seen(c.uuid);
    for (const v of [after.get, after.page]) {
      expect(v.name).toBe('Renamed');
      expect(v.address.city).toBe('Oslo');
    }
    await must('PUT', `/v1/customers/${c.uuid}`, { email: 'new@example.com' });
    expect((await seen(c.uuid)).page.email).toBe('new@example.com');
  });

  it('tags and custom attributes', async () => {
    const c = await newCustomer('attrs');
    await must('POST', `/v1/customers/${c.uuid}/attributes/tags`, { tags: ['vip'] });
    let after = await seen(c.uuid);
    expect(after.get.attributes.tags).toEqual(['vip']);
    expect(after.page.attributes.tags).toEqual(['vip']);
    await must('POST', `/v1/customers/${c.uuid}/attributes/custom`, {
      custom: [{ type: 'String', key: 'plan_tier', value: 'gold' }],
    });
    after = await seen(c.uuid);
    expect(after.get.attributes.custom).toEqual({ plan_tier: 'gold' });
    expect(after.page.attributes.custom).toEqual({ plan_tier: 'gold' });
    await must('DELETE', `/v1/customers/${c.uuid}/attributes/tags`, { tags: ['vip'] });
    expect((await seen(c.uuid)).page.attributes.tags).toEqual([]);
  });

  it('a merge and an unmerge (identities), and a delete', async () => {
    const into = await newCustomer('merge-into');
    const from = await newCustomer('merge-from');
    await must('POST', '/v1/customers/merges', {
      from: { customer_uuid: from.uuid },
      into: { customer_uuid: into.uuid },
    });
    let after = await seen(into.uuid);
    expect(after.get.external_ids).toEqual(['merge-into', 'merge-from']);
    expect(after.page.external_ids).toEqual(['merge-into', 'merge-from']);
    expect((await sb.call('GET', `/v1/customers/${from.uuid}`)).status).toBe(404);
    await must('POST', '/v1/customers/unmerges', {
      customer_uuid: into.uuid,
      external_id: 'merge-from',
      data_source_uuid: ds.uuid,
    });
    after = await seen(into.uuid);
    expect(after.get.external_ids).toEqual(['merge-into']);
    expect(after.page.external_ids).toEqual(['merge-into']);
    await must('DELETE', `/v1/customers/${into.uuid}`);
    expect((await sb.call('GET', `/v1/customers/${into.uuid}`)).status).toBe(404);
    const page = await must('GET', '/v1/customers?per_page=200');
    expect(page.entries.map((e: Json) => e.uuid)).not.toContain(into.uuid);
  });

  it('an invoice that moves MRR, and a failed payment that makes the customer past due', async () => {
    const c = await newCustomer('billed');
    const imported = await must('POST', `/v1/import/customers/${c.uuid}/invoices`, {
      invoices: [invoice('billed-inv', clockNow - 5 * DAY, 3000)],
    });
    let after = await seen(c.uuid);
    for (const v of [after.get, after.page]) {
      expect(v.mrr).toBe(3000);
      expect(v.status).toBe('Active');
    }
    await must('POST', `/v1/import/invoices/${imported.invoices[0].uuid}/transactions`, {
      type: 'payment',
      date: new Date(clockNow - 4 * DAY).toISOString(),
      result: 'failed',
    });
    after = await seen(c.uuid);
    expect(after.get.status).toBe('Past Due');
    expect(after.page.status).toBe('Past Due');
  });

  it('the clock passing the start of a service period', async () => {
    const c = await newCustomer('future');
    await must('POST', `/v1/import/customers/${c.uuid}/invoices`, {
      invoices: [invoice('future-inv', clockNow + 2 * DAY, 4500)],
    });
    expect((await seen(c.uuid)).get.mrr).toBe(0);
    clockNow += 3 * DAY;
    const after = await seen(c.uuid);
    expect(after.get.mrr).toBe(4500);
    expect(after.page.mrr).toBe(4500);
  });

  it('contacts: an update, and a merge of their customer', async () => {
    const owner = await newCustomer('contact-owner');
    const other = await newCustomer('contact-other');
    const contact = await must('POST', '/v1/contacts', {
      customer_uuid: owner.uuid,
      data_source_uuid: ds.uuid,
      first_name: 'Ada',
    });
    const listed = async () => {
      for (const url of ['/v1/contacts?per_page=200', `/v1/customers/${other.uuid}/contacts`])
        await must('GET', url); // read twice in the generation: kept from the second read on
      return (await must('GET', '/v1/contacts?per_page=200')).entries.find(
        (e: Json) => e.uuid === contact.uuid,
      );
    };
    expect((await listed()).first_name).toBe('Ada');
    await must('PATCH', `/v1/contacts/${contact.uuid}`, { first_name: 'Grace' });
    expect((await listed()).first_name).toBe('Grace');
    await must('POST', '/v1/customers/merges', {
      from: { customer_uuid: owner.uuid },
      into: { customer_uuid: other.uuid },
    });
    expect((await listed()).customer_uuid).toBe(other.uuid);
    const ofOther = await must('GET', `/v1/customers/${other.uuid}/contacts`);
    expect(ofOther.entries.map((e: Json) => e.first_name)).toEqual(['Grace']);
  });

  it('serves byte for byte the view built anew', async () => {
    const c = await newCustomer('bytes', { company: 'Bytes & Co', country: 'DE', tags: ['x'] });
    const fresh = JSON.stringify(customerView(sb.store, findCustomer(sb.store, c.uuid)!));
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${sb.url}/v1/customers/${c.uuid}`, {
        headers: { authorization: `Basic ${Buffer.from('sandbox-demo-key:').toString('base64')}` },
      });
      expect(await res.text()).toBe(fresh);
    }
  });
});

describe('what is kept', () => {
  it('nothing read inside a transaction that wrote: a rollback leaves the committed view', () => {
    const store = sb.store;
    const row = sb.store.db.prepare('SELECT uuid, name FROM customers LIMIT 1').get() as Json;
    const before = customerText(store, row.uuid)!.toString();
    expect(() =>
      store.db.transaction(() => {
        store.db.prepare('UPDATE customers SET name = ? WHERE uuid = ?').run('Rolled back', row.uuid);
        // Read twice: from the second read of a generation on, texts read from committed data are kept.
        for (let i = 0; i < 2; i++)
          expect(JSON.parse(customerText(store, row.uuid)!.toString()).name).toBe('Rolled back');
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(customerText(store, row.uuid)!.toString()).toBe(before);
    expect(JSON.parse(before).name).toBe(row.name);
  });

  it('a bounded number of bytes, the least recently used going first', () => {
    const texts = new ViewTexts(sb.store.db, 250);
    // The first read in a generation keeps nothing (writes and reads alternating); the second on keeps.
    texts.beginRead();
    texts.keep(9, 'k9', { id: 9 });
    expect(texts.size).toBe(0);
    texts.beginRead();
    for (let id = 1; id <= 5; id++) texts.keep(id, `k${id}`, { id, pad: 'x'.repeat(80) });
    expect(texts.size).toBe(2);
    expect(texts.getAll([1, 2, 3, 4, 5]).map((t) => t !== undefined)).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
    texts.getAll([4]);
    texts.keep(6, 'k6', { id: 6, pad: 'x'.repeat(80) });
    expect(texts.getByKey('k4')).toBeDefined();
    expect(texts.getByKey('k5')).toBeUndefined();
  });

  it("a write by the sandbox's own connection outside any request", async () => {
    const c = await newCustomer('reset-me');
    expect(viewTexts(sb.store.db, 'customer').size).toBeGreaterThan(0);
    sb.store.db.prepare('DELETE FROM customers WHERE uuid = ?').run(c.uuid);
    expect((await sb.call('GET', `/v1/customers/${c.uuid}`)).status).toBe(404);
  });
});

describe('writes by another connection', () => {
  let dir: string;
  let dbPath: string;
  let file: RunningSandbox;
  const auth = { authorization: `Basic ${Buffer.from('sandbox-demo-key:').toString('base64')}` };
  const getJson = async (url: string) =>
    (await (await fetch(`${file.url}${url}`, { headers: auth })).json()) as Json;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-texts-'));
    dbPath = path.join(dir, 'chartmogul.db');
    file = await startSandbox({ dbPath, clock: '2024-06-01T00:00:00Z', seed: 'demo' });
  });
  afterAll(async () => {
    await file.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function firstCustomer(): Promise<Json> {
    const page = await getJson('/v1/customers?per_page=200');
    return { uuid: page.entries[0].uuid, get: await getJson(`/v1/customers/${page.entries[0].uuid}`) };
  }

  it('a second connection in this process', async () => {
    const { uuid } = await firstCustomer();
    const other = new Database(dbPath);
    other.prepare('UPDATE customers SET name = ? WHERE uuid = ?').run('Second connection', uuid);
    other.close();
    expect((await getJson(`/v1/customers/${uuid}`)).name).toBe('Second connection');
    const page = await getJson('/v1/customers?per_page=200');
    expect(page.entries.find((e: Json) => e.uuid === uuid).name).toBe('Second connection');
  });

  it('another process', async () => {
    const { uuid } = await firstCustomer();
    const script = `const D = require(${JSON.stringify(require.resolve('better-sqlite3'))});
      const db = new D(process.argv[1]);
      db.prepare('UPDATE customers SET company = ? WHERE uuid = ?').run('Other process', process.argv[2]);
      db.close();`;
    const run = spawnSync(process.execPath, ['-e', script, dbPath, uuid], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect((await getJson(`/v1/customers/${uuid}`)).company).toBe('Other process');
    const page = await getJson('/v1/customers?per_page=200');
    expect(page.entries.find((e: Json) => e.uuid === uuid).company).toBe('Other process');
  });
});
