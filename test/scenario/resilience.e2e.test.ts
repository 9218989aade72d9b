/**
 * Resilience: 1,000 customers go through list → aggregate → iterate → get → update against a sandbox
 * that answers 5% of requests with 503 and resets 2% of connections, both before applying the
 * request. The engine retries what is safe to retry (GETs, 503s); a reset PATCH is not safe to
 * retry, so its Break handler stores an incomplete execution. After the run every customer is either
 * updated exactly once or stored as incomplete; retrying the incomplete ones completes the set, and
 * /__sandbox/stats shows each customer written exactly once: nothing lost, nothing applied twice.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadApp, runScenario, retryIncomplete, getRun, closeHistory, type App } from '../../runtime';
import { startSandbox } from '../../sandbox';
import { createCustomers } from '../../bench/scenario/customers';
import { sandboxClient } from './sandbox-client';
import { tempDir } from './fixtures';

const ROOT = path.join(__dirname, '..', '..');
const blueprint = JSON.parse(
  fs.readFileSync(path.join(__dirname, 'fixtures', 'touch-every-customer.json'), 'utf8'),
);
const COUNT = 1000;
// Retries as the engine does them, with short pauses so the test stays quick.
const retry = { retries: 4, minDelayMs: 1, maxDelayMs: 5 };

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

test('1,000 bundles under 5% 503 and 2% drops: applied exactly once or incomplete; retries complete the set', async () => {
  const dbPath = path.join(dir, 'chartmogul.db');
  const setup = await startSandbox({ dbPath, limits: false });
  const customers = await createCustomers(setup, COUNT);
  await setup.close();

  const sb = await startSandbox({ dbPath, limits: false, faults: { '503': 0.05, drop: 0.02, seed: 7 } });
  try {
    const client = sandboxClient(sb);
    const historyPath = path.join(dir, 'history.db');
    const writes = async () => {
      const stats = await client.stats();
      return customers.map((uuid) => stats.writes[`PATCH /v1/customers/${uuid}`] ?? 0);
    };
    const options = { connection: { apiKey: sb.apiKey }, target: sb.url, historyPath, retry };
    const t0 = new Date('2026-01-01T00:00:00Z');

    const run = await runScenario(app, blueprint, { ...options, now: t0 });
    expect(run.modules.find((m) => m.id === '3')?.bundlesOut).toBe(COUNT);
    const incomplete = new Set(run.incomplete.map((i) => String(i.bundle['3'].uuid)));
    // Faults did happen, and each failed bundle became an incomplete execution.
    expect(incomplete.size).toBeGreaterThan(0);
    expect(run.status).toBe('warning');
    const afterRun = await writes();
    customers.forEach((uuid, i) => expect([uuid, afterRun[i]]).toEqual([uuid, incomplete.has(uuid) ? 0 : 1]));

    // Retry what is due, minute by minute, until nothing is left (each retry may meet faults again).
    let pending = incomplete.size;
    for (let minute = 2; pending > 0 && minute < 30; minute++) {
      const retried = await retryIncomplete(app, {
        ...options,
        now: new Date(t0.getTime() + minute * 60_000),
      });
      pending = retried.reduce((n, r) => n + r.incomplete.length, 0) + (retried.length === 0 ? pending : 0);
    }
    expect(pending).toBe(0);
    expect(await writes()).toEqual(customers.map(() => 1));
    const first = await getRun(run.id, { historyPath });
    expect(first.incomplete.every((i) => i.status === 'resolved')).toBe(true);
  } finally {
    await sb.close();
  }
}, 180_000);
