/**
 * Lost replies (issue 16 item 3): 80 customers, each created and given an invoice, against a sandbox that
 * resets the connection after committing a write (`drop_after`). A write whose reply was lost is stored
 * as an incomplete execution with outcome unknown (its Break route); its retry meets ChartMogul's
 * "external ID already exists" 422, which the definitions map to DuplicateDataError, and the blueprint's
 * own handler route takes it as done: a search by external id supplies the customer the invoice needs
 * (Resume), an invoice that is there already is left alone (Ignore). Retried until nothing is due: 0 lost,
 * 0 duplicated, 0 stuck — counted in the sandbox (its data and /__sandbox/stats) and in the history.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  closeHistory,
  getRun,
  listRuns,
  loadApp,
  retryIncomplete,
  runScenario,
  type App,
} from '../../runtime';
import { startSandbox } from '../../sandbox';
import { sandboxClient } from './sandbox-client';
import { tempDir } from './fixtures';

const ROOT = path.join(__dirname, '..', '..');
const COUNT = 80;
const template = fs.readFileSync(path.join(__dirname, 'fixtures', 'import-with-lost-replies.json'), 'utf8');

let app: App;
let dir: string;
beforeAll(async () => {
  app = await loadApp(ROOT);
  dir = tempDir();
});
afterAll(() => {
  closeHistory();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('80 creates + invoices with replies lost after commit: retries settle with 0 lost, 0 duplicated, 0 stuck', async () => {
  const dbPath = path.join(dir, 'chartmogul.db');
  const setup = await startSandbox({ dbPath, limits: false });
  const source = await sandboxClient(setup).post<{ uuid: string }>('/v1/data_sources', {
    name: 'Lost replies',
  });
  await setup.close();
  const blueprint = JSON.parse(template.replaceAll('__DATA_SOURCE__', source.uuid));

  const sb = await startSandbox({ dbPath, limits: false, faults: { drop_after: 0.15, seed: 16 } });
  try {
    const client = sandboxClient(sb);
    const historyPath = path.join(dir, 'history.db');
    const options = { connection: { apiKey: sb.apiKey }, target: sb.url, historyPath };
    const t0 = new Date('2026-01-01T00:00:00Z');
    const first = await runScenario(app, blueprint, { ...options, now: t0 });
    // Replies were lost, and each such write was kept as "may have been applied".
    expect(first.incomplete.length).toBeGreaterThan(0);
    expect(first.incomplete.every((i) => i.outcome === 'unknown' && i.error.type === 'ConnectionError')).toBe(
      true,
    );

    let retries = 0;
    for (let minute = 1; minute < 30; minute++) {
      const due = await retryIncomplete(app, { ...options, now: new Date(t0.getTime() + minute * 60_000) });
      retries += due.length;
      if ((await listRuns({ historyPath, limit: 1000 })).every((r) => r.incomplete === 0)) break;
    }
    expect(retries).toBeGreaterThan(0);

    // The sandbox: every customer once, every invoice once, each committed exactly once.
    const customers = (
      await client.get<{ entries: { uuid: string; external_id: string }[] }>(
        `/v1/customers?data_source_uuid=${source.uuid}&per_page=200`,
      )
    ).entries;
    const expected = Array.from(
      { length: COUNT },
      (_, i) => `lost_reply_cus_${String(i + 1).padStart(3, '0')}`,
    );
    expect(customers.map((c) => c.external_id).sort()).toEqual(expected);
    const stats = await client.stats();
    expect(stats.writes['POST /v1/customers']).toBe(COUNT);
    for (const c of customers) {
      const invoices = (
        await client.get<{ invoices: { external_id: string }[] }>(`/v1/import/customers/${c.uuid}/invoices`)
      ).invoices;
      expect([c.external_id, invoices.map((i) => i.external_id)]).toEqual([
        c.external_id,
        [c.external_id.replace('_cus_', '_inv_')],
      ]);
      expect([c.external_id, stats.writes[`POST /v1/import/customers/${c.uuid}/invoices`]]).toEqual([
        c.external_id,
        1,
      ]);
    }

    // The history: nothing pending; every create and every import done once — answered, or found to
    // have landed (DuplicateDataError on the retry of a lost reply) — over the run and its retries.
    const runs = await listRuns({ historyPath, limit: 1000 });
    expect(runs.filter((r) => r.incomplete > 0)).toEqual([]);
    expect(runs.filter((r) => r.status === 'error' || r.status === 'interrupted')).toEqual([]);
    const counted = { created: 0, createLanded: 0, imported: 0, importLanded: 0, lost: 0 };
    for (const summary of runs) {
      const run = await getRun(summary.id, { historyPath });
      const create = run.modules.find((m) => m.id === '2')!;
      const imports = run.modules.find((m) => m.id === '3')!;
      counted.created += create.bundlesOut;
      counted.imported += imports.bundlesOut;
      counted.createLanded += create.errors.filter((e) => e.type === 'DuplicateDataError').length;
      counted.importLanded += imports.errors.filter((e) => e.type === 'DuplicateDataError').length;
      counted.lost += run.incomplete.filter((i) => i.outcome === 'unknown').length;
      expect(run.incomplete.every((i) => i.status === 'resolved')).toBe(true);
    }
    expect(counted.created + counted.createLanded).toBe(COUNT);
    expect(counted.imported + counted.importLanded).toBe(COUNT);
    // Each lost reply was settled by one retry that found the write had landed (seed 16 loses none twice).
    expect(counted.createLanded + counted.importLanded).toBe(counted.lost);
  } finally {
    await sb.close();
  }
}, 120_000);
