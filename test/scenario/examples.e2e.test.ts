/**
 * Every blueprint in examples/scenarios runs against the demo sandbox through the real app, engine
 * and HTTP, twice: the first run does the work, the second changes nothing (the examples are
 * idempotent, so they can be run again and again against the same sandbox).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  loadApp,
  runScenario,
  retryIncomplete,
  getRun,
  closeHistory,
  type App,
  type ScenarioRun,
} from '../../runtime';
import { startFlakyProxy } from './flaky-proxy';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { sandboxClient, writesTo } from './sandbox-client';
import { tempDir } from './fixtures';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLES = path.join(ROOT, 'examples', 'scenarios');
const example = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(EXAMPLES, name), 'utf8'));

let app: App;
let sb: RunningSandbox;
let dir: string;
let client: ReturnType<typeof sandboxClient>;

beforeAll(async () => {
  app = await loadApp(ROOT);
});
beforeEach(async () => {
  sb = await startSandbox({ seed: 'demo', limits: false });
  client = sandboxClient(sb);
  dir = tempDir();
});
afterEach(async () => {
  closeHistory();
  await sb.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const options = () => ({
  connection: { apiKey: sb.apiKey },
  target: sb.url,
  historyPath: path.join(dir, 'history.db'),
});
const moduleOf = (run: ScenarioRun, id: string) => run.modules.find((m) => m.id === id);
const tagged = async (tag: string) =>
  (await client.customers())
    .filter((c) => c.attributes.tags.includes(tag))
    .map((c) => c.uuid)
    .sort();

// note-on-mrr-movement.json starts with an instant trigger: test/app/instant.runtime.test.ts delivers to it.
test('the examples folder holds at least four blueprints, all covered here or (instant) in test/app', () => {
  expect(
    fs
      .readdirSync(EXAMPLES)
      .filter((f) => f.endsWith('.json'))
      .sort(),
  ).toEqual([
    'cancel-weekly-subscriptions.json',
    'churn-win-back-task.json',
    'import-invoices-for-new-customers.json',
    'mrr-report.json',
    'note-on-mrr-movement.json',
    'route-customers-by-status.json',
    'tag-customers-by-email.json',
    'tag-past-due-customers.json',
    'weekly-mrr-report.json',
  ]);
});

test('tag-past-due-customers: tags exactly the past-due customers through Make an API Call; a rerun writes nothing', async () => {
  const pastDue = (await client.customers())
    .filter((c) => c.status === 'Past Due')
    .map((c) => c.uuid)
    .sort();
  expect(pastDue.length).toBeGreaterThan(0);

  const first = await runScenario(app, example('tag-past-due-customers.json'), options());
  expect(first.status).toBe('success');
  expect(moduleOf(first, '2')).toMatchObject({ operations: pastDue.length, errors: [] });
  expect(await tagged('past-due')).toEqual(pastDue);

  const writes = await client.stats();
  const second = await runScenario(app, example('tag-past-due-customers.json'), options());
  expect(second.status).toBe('success');
  expect(moduleOf(second, '2')?.operations).toBe(0);
  expect((await client.stats()).writes).toEqual(writes.writes);
});

test('route-customers-by-status: each route tags its own segment, every matching route runs', async () => {
  const before = await client.customers();
  const uuids = (pred: (c: (typeof before)[number]) => boolean) =>
    before
      .filter(pred)
      .map((c) => c.uuid)
      .sort();
  const leads = uuids((c) => c.status.endsWith('Lead'));
  const highValue = uuids((c) => c.status === 'Active' && c.mrr > 5000);
  const churnRisk = uuids((c) => c.status === 'Past Due' || c.status === 'Cancelled');
  expect([leads.length > 0, highValue.length > 0, churnRisk.length > 0]).toEqual([true, true, true]);

  const first = await runScenario(app, example('route-customers-by-status.json'), options());
  expect(first.status).toBe('success');
  expect(await tagged('nurture')).toEqual(leads);
  expect(await tagged('high-value')).toEqual(highValue);
  expect(await tagged('churn-risk')).toEqual(churnRisk);
  // One list + one API call per tagged customer; the router itself is free.
  expect(first.operations).toBe(1 + leads.length + highValue.length + churnRisk.length);

  const writes = await client.stats();
  const second = await runScenario(app, example('route-customers-by-status.json'), options());
  expect(second.operations).toBe(1);
  expect((await client.stats()).writes).toEqual(writes.writes);
});

test('cancel-weekly-subscriptions: cancels each active weekly-plan subscription once; a rerun cancels nothing', async () => {
  const [weekly] = (await client.get<{ plans: { uuid: string }[] }>('/v1/plans?external_id=weekly_pass'))
    .plans;
  const active = (await client.customers()).filter((c) => c.status === 'Active');
  const targets: string[] = [];
  for (const c of active) {
    const subs = (
      await client.get<{
        subscriptions: { uuid: string; plan_uuid: string; cancellation_dates: string[] }[];
      }>(`/v1/import/customers/${c.uuid}/subscriptions`)
    ).subscriptions;
    targets.push(
      ...subs
        .filter((s) => s.plan_uuid === weekly.uuid && s.cancellation_dates.length === 0)
        .map((s) => s.uuid),
    );
  }
  expect(targets.length).toBeGreaterThan(0);

  const first = await runScenario(app, example('cancel-weekly-subscriptions.json'), options());
  expect(first).toMatchObject({ status: 'success', incomplete: [] });
  expect(moduleOf(first, '4')?.operations).toBe(targets.length);
  const stats = await client.stats();
  expect(
    Object.fromEntries(targets.map((uuid) => [uuid, stats.writes[`PATCH /v1/import/subscriptions/${uuid}`]])),
  ).toEqual(Object.fromEntries(targets.map((uuid) => [uuid, 1])));
  expect(writesTo(stats, 'PATCH /v1/import/subscriptions/')).toBe(targets.length);

  const second = await runScenario(app, example('cancel-weekly-subscriptions.json'), options());
  expect(second.status).toBe('success');
  expect(moduleOf(second, '4')?.operations).toBe(0);
  expect(writesTo(await client.stats(), 'PATCH /v1/import/subscriptions/')).toBe(targets.length);
});

test('cancel-weekly-subscriptions: a cancellation that fails is stored by Break and its auto retry completes it', async () => {
  // The first PATCH of one subscription is reset before it reaches the sandbox (never applied).
  let victim: string | undefined;
  const proxy = await startFlakyProxy(sb.url, (method, url) => {
    if (method !== 'PATCH' || victim !== undefined) return false;
    victim = url;
    return true;
  });
  try {
    const t0 = new Date('2026-03-01T09:00:00Z');
    const viaProxy = { ...options(), target: proxy.url };
    const first = await runScenario(app, example('cancel-weekly-subscriptions.json'), {
      ...viaProxy,
      now: t0,
    });
    expect(first.status).toBe('warning');
    expect(first.incomplete).toHaveLength(1);
    expect(first.incomplete[0]).toMatchObject({
      moduleId: '4',
      error: { type: 'ConnectionError' },
      retry: { enabled: true, count: 3, intervalMinutes: 15 },
      nextAttemptAt: '2026-03-01T09:15:00.000Z',
    });
    const cancelled = moduleOf(first, '4')?.operations ?? 0;
    expect(writesTo(await client.stats(), 'PATCH /v1/import/subscriptions/')).toBe(cancelled - 1);
    expect((await client.stats()).writes[`PATCH ${String(victim)}`]).toBeUndefined();

    // Not due at +10 minutes; due at +15.
    expect(await retryIncomplete(app, { ...viaProxy, now: new Date(t0.getTime() + 10 * 60_000) })).toEqual(
      [],
    );
    const [retry] = await retryIncomplete(app, { ...viaProxy, now: new Date(t0.getTime() + 15 * 60_000) });
    expect(retry).toMatchObject({ status: 'success', retryOf: first.id, operations: 1, incomplete: [] });
    const stats = await client.stats();
    expect(stats.writes[`PATCH ${String(victim)}`]).toBe(1);
    expect(writesTo(stats, 'PATCH /v1/import/subscriptions/')).toBe(cancelled);
  } finally {
    await proxy.close();
  }
});

test('import-invoices-for-new-customers: creates the new customers with one invoice each; a rerun ignores the existing ones', async () => {
  const first = await runScenario(app, example('import-invoices-for-new-customers.json'), options());
  expect(first.status).toBe('success');
  const created = (await client.customers()).filter((c) => c.external_id.startsWith('example_cus_'));
  expect(created.map((c) => c.name).sort()).toEqual(['Contoso Pharma', 'Northwind Traders']);
  for (const c of created) {
    const invoices = await client.get<{
      invoices: { external_id: string; line_items: { amount_in_cents: number }[] }[];
    }>(`/v1/invoices?customer_uuid=${c.uuid}`);
    expect(invoices.invoices).toHaveLength(1);
  }

  const second = await runScenario(app, example('import-invoices-for-new-customers.json'), options());
  // The duplicates fail at create and are ignored by the handler: the run succeeds, nothing is imported twice.
  expect(second.status).toBe('success');
  expect(moduleOf(second, '3')?.errors.map((e) => e.type)).toEqual([
    'DuplicateDataError',
    'DuplicateDataError',
  ]);
  expect(moduleOf(second, '4')?.operations).toBe(0);
  expect(writesTo(await client.stats(), 'POST /v1/import/customers/')).toBe(2);
});

test('tag-customers-by-email: tags the customers of each listed address, ignores an unknown one; a rerun writes nothing', async () => {
  const listed = [
    'billing@acme.analytics.example',
    'billing@cobalt.labs.example',
    'billing@xenon.games.example',
  ];
  const targets = (await client.customers())
    .filter((c) => listed.includes(c.email))
    .map((c) => c.uuid)
    .sort();
  expect(targets).toHaveLength(3);

  const first = await runScenario(app, example('tag-customers-by-email.json'), options());
  expect(first.status).toBe('success');
  // The unknown address is ChartMogul's 404 at the search, which the Ignore handler skips.
  expect(moduleOf(first, '2')?.errors.map((e) => e.message)).toEqual([
    `[404] Can't find any customers with email: "nobody@unknown.example"`,
  ]);
  expect(moduleOf(first, '3')).toMatchObject({ operations: 3, errors: [] });
  expect(await tagged('newsletter')).toEqual(targets);

  const second = await runScenario(app, example('tag-customers-by-email.json'), options());
  expect(second.status).toBe('success');
  expect(moduleOf(second, '3')?.operations).toBe(0);
  expect(writesTo(await client.stats(), 'POST /v1/customers/attributes/tags')).toBe(3);
});

test('mrr-report: aggregates the active customers and sums their MRR (read-only)', async () => {
  const active = (await client.customers()).filter((c) => c.status === 'Active');
  const total = active.reduce((n, c) => n + c.mrr, 0) / 100;
  const run = await runScenario(app, example('mrr-report.json'), options());
  expect(run.status).toBe('success');
  expect(run.operations).toBe(3);
  const stored = await getRun(run.id, { historyPath: options().historyPath });
  const expected = `${active.length} active customers, MRR ${total.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} USD`;
  expect(stored.modules.find((m) => m.id === '3')?.outputs).toEqual([{ report: expected }]);
  expect(Object.keys((await client.stats()).writes)).toEqual([]);
});

test('weekly-mrr-report: one line per week of the last eight from Get a Metric (read-only)', async () => {
  const now = new Date();
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const { entries } = await client.get<{
    entries: { date: string; mrr: number; 'percentage-change': number }[];
  }>(
    `/v1/metrics/mrr?start-date=${day(now.getTime() - 56 * 86_400_000)}&end-date=${day(now.getTime())}&interval=week`,
  );
  expect(entries.length).toBeGreaterThanOrEqual(8);
  const money = (cents: number) =>
    (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const run = await runScenario(app, example('weekly-mrr-report.json'), { ...options(), now });
  expect(run.status).toBe('success');
  const stored = await getRun(run.id, { historyPath: options().historyPath });
  expect(stored.modules.find((m) => m.id === '3')?.outputs).toEqual([
    {
      report: [
        'MRR by week, last 8 weeks',
        ...entries.map((e) => `${e.date}  ${money(e.mrr)} USD  (${e['percentage-change']} %)`),
      ].join('\n'),
    },
  ]);
  expect(Object.keys((await client.stats()).writes)).toEqual([]);
});

test('churn-win-back-task: one task per churned customer, for its owner, tagged so that a rerun writes nothing', async () => {
  const churns = (
    await client.get<{ entries: { 'customer-uuid': string }[] }>('/v1/activities?type=churn&per_page=200')
  ).entries;
  const churned = [...new Set(churns.map((a) => a['customer-uuid']))].sort();
  expect(churned.length).toBeGreaterThan(0);

  const first = await runScenario(app, example('churn-win-back-task.json'), options());
  expect(first.status).toBe('success');
  expect(moduleOf(first, '3')?.operations).toBe(churned.length);
  expect(await tagged('win-back')).toEqual(churned);
  for (const uuid of churned) {
    const tasks = (
      await client.get<{ entries: { task_details: string; assignee: string }[] }>(
        `/v1/tasks?customer_uuid=${uuid}`,
      )
    ).entries.filter((t) => t.task_details.startsWith('Win-back call: '));
    expect(tasks).toEqual([expect.objectContaining({ assignee: 'sam@sandbox.example' })]);
  }

  const second = await runScenario(app, example('churn-win-back-task.json'), options());
  expect(second.status).toBe('success');
  expect(moduleOf(second, '3')?.operations).toBe(0);
  expect(writesTo(await client.stats(), 'POST /v1/tasks')).toBe(churned.length);
});

test('a dry run renders the first module’s request with the key masked, and sends and stores nothing', async () => {
  const run = await runScenario(app, example('tag-past-due-customers.json'), { ...options(), dryRun: true });
  expect(run.requests).toHaveLength(1);
  const request = run.requests?.[0] as { method: string; url: string; headers: Record<string, string> };
  expect(request.method).toBe('GET');
  expect(request.url).toContain('/v1/customers');
  expect(JSON.stringify(run)).not.toContain(sb.apiKey);
  expect(JSON.stringify(run)).not.toContain(Buffer.from(`${sb.apiKey}:`).toString('base64'));
  expect((await client.stats()).requests).toEqual({});
  expect(fs.existsSync(options().historyPath)).toBe(false);
});

test('the history stores the run with masked bundles: the API key appears nowhere in the file', async () => {
  const run = await runScenario(app, example('tag-past-due-customers.json'), options());
  const stored = await getRun(run.id, { historyPath: options().historyPath });
  expect(stored.modules.find((m) => m.id === '2')?.inputs?.[0]).toMatchObject({
    method: 'POST',
    body: { tags: ['past-due'] },
  });
  closeHistory();
  const file = options().historyPath;
  const bytes = [file, `${file}-wal`]
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f).toString('latin1'))
    .join('');
  expect(bytes).not.toContain(sb.apiKey);
  expect(bytes).not.toContain(Buffer.from(`${sb.apiKey}:`).toString('base64'));
});
